"""Calibration steps: how each calibration residualizes linearized values.

Internal module of :mod:`analysis.calibration`. A step is stored in
``SurveyDesign.calibration`` and its ``residualize(z)`` reproduces the
``postStrata`` branches of R's ``survey:::svyrecvar``.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np


def _safe_divide(z: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``z / w`` by rows, with 0 where ``w`` is 0 (the weighted value is 0 there)."""
    safe = np.where(w == 0, 1.0, w)
    return np.where((w == 0)[:, None], 0.0, z / safe[:, None])


def _cell_sums(values: np.ndarray, cells: np.ndarray, n_cells: int) -> np.ndarray:
    """Column sums of ``values`` (n, k) within ``cells`` (n,) -> (n_cells, k)."""
    out = np.empty((n_cells, values.shape[1]))
    for j in range(values.shape[1]):
        out[:, j] = np.bincount(cells, weights=values[:, j], minlength=n_cells)
    return out


@dataclass(frozen=True)
class PostStratification:
    """Post-stratification step: remembers the cells and the weights before/after.

    Attributes
    ----------
    cells : ndarray of int, shape (n,)
        Post-stratum code ``0..C-1`` of each case.
    old_weights, new_weights : ndarray of float, shape (n,)
        Weights before and after post-stratification.
    labels : tuple
        Label of each post-stratum.

    Notes
    -----
    With :math:`w^0_i` the old and :math:`w_i` the new weight and :math:`z_i` a
    weighted linearized value, the residual is

    .. math:: r_i = z_i - w_i \\frac{\\sum_{j \\in c(i)} w^0_j z_j / w_j}
              {\\sum_{j \\in c(i)} w^0_j}

    exactly the ``postStrata`` branch of R's ``survey:::svyrecvar``.
    """

    cells: np.ndarray
    old_weights: np.ndarray
    new_weights: np.ndarray
    labels: tuple[Hashable, ...]

    def residualize(self, z: np.ndarray) -> np.ndarray:
        """Residuals of weighted values ``z`` (n, k) from their post-stratum means."""
        z = np.asarray(z, dtype=np.float64).reshape(len(self.cells), -1)
        psw = self.new_weights.copy()
        oldw = self.old_weights
        psw[(psw == 0) & (oldw == 0)] = 1.0
        n_cells = len(self.labels)
        numer = _cell_sums(_safe_divide(z, psw) * oldw[:, None], self.cells, n_cells)
        denom = np.bincount(self.cells, weights=oldw, minlength=n_cells)
        means = numer / np.where(denom == 0, 1.0, denom)[:, None]
        return z - means[self.cells] * psw[:, None]


@dataclass(frozen=True)
class Raking:
    """Raking step: the cells of each margin and the weights after its last pass.

    Attributes
    ----------
    margins : tuple of str
        Names of the margins.
    cells : tuple of ndarray of int
        Cell code of each case within each margin.
    weights : tuple of ndarray of float
        Weights right after each margin was matched in the final sweep.
    sweeps : int
        Number of centring sweeps (R uses 10).

    Notes
    -----
    R's ``svyrecvar`` approximates the projection on the raking margins by
    repeated centring, ten sweeps over the margins:

    .. math:: z_i \\leftarrow z_i - w^{(m)}_i \\,\\overline{(z / w^{(m)})}_{c_m(i)}

    where the bar is the unweighted mean within the cell of margin :math:`m`.
    """

    margins: tuple[str, ...]
    cells: tuple[np.ndarray, ...]
    weights: tuple[np.ndarray, ...]
    sweeps: int = 10

    def residualize(self, z: np.ndarray) -> np.ndarray:
        """Residuals of ``z`` (n, k) after centring within every margin."""
        z = np.asarray(z, dtype=np.float64).reshape(len(self.cells[0]), -1).copy()
        counts = [np.bincount(c).astype(np.float64) for c in self.cells]
        for _ in range(self.sweeps):
            for cells, psw, n_c in zip(self.cells, self.weights, counts, strict=True):
                sums = _cell_sums(_safe_divide(z, psw), cells, len(n_c))
                means = sums / np.where(n_c == 0, 1.0, n_c)[:, None]
                z = z - psw[:, None] * means[cells]
        return z


@dataclass(frozen=True)
class RegressionCalibration:
    """GREG / generalized raking step: the calibration model's column space.

    Attributes
    ----------
    basis : ndarray, shape (n, r)
        Orthonormal basis of the columns of :math:`X \\sqrt{d}` (X the
        calibration model matrix, d the weights before calibration).
    scale : ndarray, shape (n,)
        :math:`g_i \\sqrt{d_i}`.
    columns : tuple of str
        Calibration variables.

    Notes
    -----
    As for R's ``greg_calibration``: :math:`r = (I - QQ^\\top)(z / s) \\cdot s`
    with :math:`s` the ``scale`` (``qr.resid(qr, x / w) * w``).
    """

    basis: np.ndarray
    scale: np.ndarray
    columns: tuple[str, ...]

    def residualize(self, z: np.ndarray) -> np.ndarray:
        """Residuals of ``z`` (n, k) from the calibration model."""
        z = np.asarray(z, dtype=np.float64).reshape(len(self.scale), -1)
        u = _safe_divide(z, self.scale)
        u = u - self.basis @ (self.basis.T @ u)
        return u * self.scale[:, None]
