"""Calibration of survey weights: post-stratification, raking, GREG, trimming.

Each function takes a :class:`~analysis.design.SurveyDesign`, computes new
weights, and returns a new design whose ``calibration`` ends with a step that
knows how to residualize the linearized values, so that standard errors
account for the calibration exactly as R's ``survey:::svyrecvar`` does:

* :class:`PostStratification` (R: ``postStratify``),
* :class:`Raking` (R: ``rake``),
* :class:`RegressionCalibration` (R: ``calibrate``, class ``greg_calibration``).

:func:`trim` (R: ``trimWeights``) changes the weights but adds no step.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import numpy as np
import pandas as pd
import patsy
import scipy.linalg

if TYPE_CHECKING:
    from analysis.design import SurveyDesign
    from analysis.replicate import ReplicateDesign

# A Taylor-linearization design gets a residualizing step; a replicate-weight
# design gets every replicate calibrated again (R's svyrep methods).
Design = TypeVar("Design", "SurveyDesign", "ReplicateDesign")

__all__ = [
    "CalibrationError",
    "PostStratification",
    "Raking",
    "RegressionCalibration",
    "calibrate",
    "calibration_matrix",
    "poststratify",
    "rake",
    "trim",
]

CalFun = Literal["linear", "raking", "logit"]
Columns = str | Sequence[str]
Curve = Callable[[np.ndarray], np.ndarray]
# Mapping is invariant in its key type: Any lets dict[str, float] and
# dict[tuple[str, str], float] through without casts.
Totals = Mapping[Any, float]

# R's grake rescales the weights when every population total is more than this
# many times the sample total, to keep the Newton steps well conditioned.
_RESCALE_THRESHOLD = 20.0
# R's grake: MASS::ginv(Tmat, tol = 256 * .Machine$double.eps).
_GINV_RCOND = 256 * np.finfo(np.float64).eps
# Relative disagreement tolerated between the grand totals of raking margins.
_MARGIN_SUM_RTOL = 1e-6


class CalibrationError(ValueError):
    """The weights cannot be calibrated to the given totals (no convergence)."""


# ---------------------------------------------------------------------------
# Residualizing steps (what the variance needs to remember)
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Taylor and replicate-weight designs
# ---------------------------------------------------------------------------


def _replicates(design: Any) -> np.ndarray | None:
    """The (n, R) replicate weights of a replicate design; None for a Taylor design."""
    if hasattr(design, "_with_weights") and hasattr(design, "_variance"):
        return None
    replicate_weights = getattr(design, "replicate_weights", None)
    if replicate_weights is None:
        raise ValueError(
            f"expected a SurveyDesign or a ReplicateDesign; got {type(design).__name__}"
        )
    return np.asarray(replicate_weights(), dtype=np.float64)


def _result(design: Any, weights: np.ndarray, reps: np.ndarray | None, step: object | None) -> Any:
    """New design: Taylor with ``step`` appended, or replicate with new replicate weights."""
    if reps is None:
        return design._with_weights(weights, step=step)
    return type(design)(
        design.data,
        weights,
        np.arange(len(weights)),
        reps,
        design.scale,
        design.rscales,
        design.type,
        design.mse,
        combined=True,
    )


def _per_replicate(reps: np.ndarray, adjust: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """Apply a weight adjustment to every replicate, naming the one that fails."""
    out = np.empty_like(reps)
    for r in range(reps.shape[1]):
        try:
            out[:, r] = adjust(reps[:, r])
        except (ValueError, np.linalg.LinAlgError) as exc:
            raise type(exc)(f"replicate {r + 1}: {exc}") from exc
    return out


# ---------------------------------------------------------------------------
# Cells and totals
# ---------------------------------------------------------------------------


def _as_columns(by: Columns) -> list[str]:
    return [by] if isinstance(by, str) else list(by)


def _margin_name(by: Columns) -> str:
    return by if isinstance(by, str) else " x ".join(by)


def _cell_keys(data: pd.DataFrame, by: Columns) -> pd.Series:
    """One hashable key per case: the level, or a tuple of levels for several columns."""
    cols = _as_columns(by)
    for col in cols:
        if col not in data.columns:
            raise ValueError(f"column {col!r} is not in the survey data")
        missing = data[col].isna().to_numpy()
        if missing.any():
            rows = ", ".join(str(r) for r in data.index[missing][:5])
            raise ValueError(f"column {col!r} has missing values (rows {rows}); cannot form cells")
    if len(cols) == 1:
        return data[cols[0]].astype(object)
    return pd.Series(list(zip(*(data[c] for c in cols), strict=True)), index=data.index)


def _check_totals(name: str, totals: Totals) -> dict[Hashable, float]:
    out = {k: float(v) for k, v in dict(totals).items()}
    bad = [k for k, v in out.items() if not np.isfinite(v) or v < 0]
    if bad:
        raise ValueError(
            f"margin {name!r}: population totals must be finite and >= 0; bad for {bad}"
        )
    return out


def _match_cells(
    name: str,
    keys: pd.Series,
    weights: np.ndarray,
    totals: Totals,
    partial: bool,
) -> tuple[np.ndarray, tuple[Hashable, ...], np.ndarray]:
    """Codes of the cells present in the sample and their population totals.

    Raises ``ValueError`` naming the margin when a sample category has no
    population total (or a zero one) or, unless ``partial``, when a category
    with a positive population total has no sample weight.
    """
    pop = _check_totals(name, totals)
    levels = list(pd.unique(keys))
    unknown = [lv for lv in levels if lv not in pop]
    if unknown:
        raise ValueError(
            f"margin {name!r}: categories {unknown} occur in the data but have no population "
            f"total (totals given for {list(pop)})"
        )
    codes = pd.Categorical(keys, categories=levels).codes.astype(np.int64)
    sample = np.bincount(codes, weights=weights, minlength=len(levels))
    zero_pop = [lv for lv, s in zip(levels, sample, strict=True) if pop[lv] == 0 and s > 0]
    if zero_pop:
        raise ValueError(
            f"margin {name!r}: categories {zero_pop} have sample weight but a population total of 0"
        )
    empty = [lv for lv in levels if sample[levels.index(lv)] == 0 and pop[lv] > 0]
    absent = [lv for lv in pop if lv not in levels and pop[lv] > 0]
    if (empty or absent) and not partial:
        raise ValueError(
            f"margin {name!r}: categories {empty + absent} have a population total but no "
            "sample weight; collapse them or use partial=True to ignore them"
        )
    target = np.array([pop[lv] for lv in levels])
    return codes, tuple(levels), target


# ---------------------------------------------------------------------------
# Post-stratification and raking
# ---------------------------------------------------------------------------


def _poststratified(w: np.ndarray, codes: np.ndarray, target: np.ndarray) -> np.ndarray:
    sample = np.bincount(codes, weights=w, minlength=len(target))
    return w * np.where(sample > 0, target / np.where(sample > 0, sample, 1.0), 1.0)[codes]


def poststratify(
    design: Design,
    by: Columns,
    totals: Totals,
    partial: bool = False,
) -> Design:
    """Post-stratify the weights to known population counts.

    Parameters
    ----------
    design : SurveyDesign or ReplicateDesign
    by : str or sequence of str
        Column(s) defining the post-strata.
    totals : mapping
        Population count of each post-stratum; keys are levels of ``by``, or
        tuples of levels when ``by`` has several columns.
    partial : bool
        Ignore post-strata with a population total but no sample (R's
        ``partial=TRUE``); otherwise they raise ``ValueError``.

    Returns
    -------
    SurveyDesign
        New design whose weights sum to the population count in each
        post-stratum, with a :class:`PostStratification` step for the variance.

    Notes
    -----
    :math:`w_i = d_i N_c / \\hat N_c` with :math:`\\hat N_c = \\sum_{j \\in c} d_j`.
    Variance: residuals from post-stratum means (Lumley 2010, sec. 7.2).

    Examples
    --------
    R equivalent::

        postStratify(dclus1, ~stype,
                     data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018)))

    >>> ps = poststratify(dclus1, "stype", {"E": 4421, "H": 755, "M": 1018})  # doctest: +SKIP
    """
    w0 = np.asarray(design.weights, dtype=np.float64)
    name = _margin_name(by)
    codes, labels, target = _match_cells(name, _cell_keys(design.data, by), w0, totals, partial)
    w1 = _poststratified(w0, codes, target)
    reps = _replicates(design)
    if reps is not None:
        reps = _per_replicate(reps, lambda w: _poststratified(w, codes, target))
    step = PostStratification(cells=codes, old_weights=w0, new_weights=w1, labels=labels)
    return _result(design, w1, reps, step)


def _rake_sweep(
    w: np.ndarray, cells: list[np.ndarray], targets: list[np.ndarray]
) -> tuple[np.ndarray, list[np.ndarray]]:
    """One sweep over the margins; also the weights right after each margin."""
    after: list[np.ndarray] = []
    for codes, target in zip(cells, targets, strict=True):
        w = _poststratified(w, codes, target)
        after.append(w)
    return w, after


def _rake_weights(
    w0: np.ndarray,
    cells: list[np.ndarray],
    targets: list[np.ndarray],
    names: list[str],
    max_iter: int,
    tol: float,
) -> tuple[np.ndarray, list[np.ndarray], int]:
    """Iterative proportional fitting; returns weights, per-margin weights, sweeps."""
    w = w0.copy()
    worst, worst_name = np.inf, names[0]
    for sweep in range(1, max_iter + 1):
        w, after = _rake_sweep(w, cells, targets)
        worst = 0.0
        for codes, target, name in zip(cells, targets, names, strict=True):
            got = np.bincount(codes, weights=w, minlength=len(target))
            rel = float(np.max(np.abs(got - target) / np.where(target > 0, target, 1.0)))
            if rel > worst:
                worst, worst_name = rel, name
        if worst < tol:
            return w, after, sweep
    raise CalibrationError(
        f"raking did not converge in {max_iter} sweeps: margin {worst_name!r} is still off by "
        f"a relative {worst:.3g} (tol={tol:g}); check that the margins are consistent"
    )


def _rake_replicate(
    w: np.ndarray, cells: list[np.ndarray], targets: list[np.ndarray], sweeps: int
) -> np.ndarray:
    for _ in range(sweeps):
        w, _after = _rake_sweep(w, cells, targets)
    return w


def rake(
    design: Design,
    margins: Mapping[Any, Totals],
    max_iter: int = 100,
    tol: float = 1e-10,
) -> Design:
    """Rake the weights to several population margins (iterative proportional fitting).

    Parameters
    ----------
    design : SurveyDesign or ReplicateDesign
        A replicate design has each replicate raked with as many sweeps as
        the full sample needed (R checks convergence on the full sample only).
    margins : mapping
        ``{column: {level: population total}}``; a key may be a tuple of
        columns, with tuple levels, for a crossed margin (e.g. sex x age).
    max_iter : int
        Maximum number of sweeps over all margins.
    tol : float
        Convergence: every margin's weighted total within a relative ``tol``
        of its population total.

    Returns
    -------
    SurveyDesign
        New design with a :class:`Raking` step.

    Raises
    ------
    ValueError
        A margin whose categories do not match the data, or whose grand total
        differs from the first margin's.
    CalibrationError
        No convergence in ``max_iter`` sweeps (reports the worst margin).

    Notes
    -----
    Each sweep post-stratifies to every margin in turn,
    :math:`w_i \\leftarrow w_i N_{m,c} / \\sum_{j \\in c} w_j`, until
    :math:`\\max_{m,c} |\\hat N_{m,c} - N_{m,c}| / N_{m,c} < \\text{tol}`
    (Deming and Stephan 1940). The variance uses R's ten-sweep centring.

    Examples
    --------
    R equivalent (with a convergence test on relative, not absolute, totals)::

        rake(dclus1, list(~stype, ~sch.wide), list(pop_types, pop_schwide),
             control = list(maxit = 100, epsilon = 1e-13))

    >>> raked = rake(dclus1, {"stype": {"E": 4421, "H": 755, "M": 1018},
    ...                       "sch.wide": {"No": 1072, "Yes": 5122}})  # doctest: +SKIP
    """
    if not margins:
        raise ValueError("rake needs at least one margin")
    if max_iter < 1 or not tol > 0:
        raise ValueError(f"max_iter must be >= 1 and tol > 0; got {max_iter}, {tol}")
    w0 = np.asarray(design.weights, dtype=np.float64)
    names, cells, targets = [], [], []
    for by, totals in margins.items():
        name = _margin_name(by)
        codes, _, target = _match_cells(name, _cell_keys(design.data, by), w0, totals, False)
        names.append(name)
        cells.append(codes)
        targets.append(target)
    grand = [float(t.sum()) for t in targets]
    for name, total in zip(names[1:], grand[1:], strict=True):
        if abs(total - grand[0]) > _MARGIN_SUM_RTOL * grand[0]:
            raise ValueError(
                f"margin {name!r} sums to {total:g} but margin {names[0]!r} sums to {grand[0]:g}; "
                "raking margins must describe the same population"
            )
    w, after, sweeps = _rake_weights(w0, cells, targets, names, max_iter, tol)
    reps = _replicates(design)
    if reps is not None:
        reps = _per_replicate(reps, lambda r: _rake_replicate(r, cells, targets, sweeps))
    step = Raking(margins=tuple(names), cells=tuple(cells), weights=tuple(after))
    return _result(design, w, reps, step)


# ---------------------------------------------------------------------------
# Linear and generalized raking calibration
# ---------------------------------------------------------------------------

INTERCEPT = "(Intercept)"


def _numeric_column(data: pd.DataFrame, col: str) -> np.ndarray:
    if col not in data.columns:
        raise ValueError(f"calibration variable {col!r} is not in the survey data")
    values = pd.to_numeric(data[col], errors="coerce").to_numpy(dtype=np.float64)
    if np.isnan(values).any():
        raise ValueError(f"calibration variable {col!r} must be numeric without missing values")
    return values


def _columns_matrix(
    data: pd.DataFrame, columns: Sequence[str], population: Mapping[str, Any]
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Model matrix from named columns; categorical columns give one dummy per level."""
    missing = [c for c in columns if c not in population]
    if missing:
        raise ValueError(f"no population total given for calibration variable(s) {missing}")
    extra = [k for k in population if k not in columns]
    if extra:
        raise ValueError(
            f"population totals given for {extra}, which are not calibration variables"
        )
    blocks: list[np.ndarray] = []
    targets: list[float] = []
    names: list[str] = []
    grand: float | None = None
    if INTERCEPT in columns:
        grand = float(population[INTERCEPT])
        blocks.append(np.ones((len(data), 1)))
        targets.append(grand)
        names.append(INTERCEPT)
    for col in columns:
        if col == INTERCEPT:
            continue
        total = population[col]
        if not isinstance(total, Mapping):
            blocks.append(_numeric_column(data, col)[:, None])
            targets.append(float(total))
            names.append(col)
            continue
        keys = _cell_keys(data, col)
        levels = _check_totals(col, total)
        unknown = sorted({str(v) for v in pd.unique(keys) if v not in levels})
        if unknown:
            raise ValueError(
                f"calibration variable {col!r}: categories {unknown} occur in the data but have "
                f"no population total (totals given for {list(levels)})"
            )
        margin_total = sum(levels.values())
        if grand is None:
            grand, kept = margin_total, list(levels)
        else:
            if abs(margin_total - grand) > _MARGIN_SUM_RTOL * grand:
                raise ValueError(
                    f"calibration variable {col!r}: categories sum to {margin_total:g}, but the "
                    f"population size implied by the other totals is {grand:g}"
                )
            # a full set of dummies would repeat the intercept; drop the first level
            kept = list(levels)[1:]
        for level in kept:
            blocks.append((keys == level).to_numpy(dtype=np.float64)[:, None])
            targets.append(levels[level])
            names.append(f"{col}[{level}]")
    return np.hstack(blocks), np.array(targets), names


def calibration_matrix(
    data: pd.DataFrame,
    formula_or_columns: str | Sequence[str],
    population: Mapping[str, Any],
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Calibration model matrix, population totals and column names.

    Parameters
    ----------
    data : DataFrame
    formula_or_columns : str or sequence of str
        A patsy formula (``"C(stype) + api99"``), whose population totals are
        keyed by the model-matrix column names (``"Intercept"``,
        ``"C(stype)[T.H]"``, ...); or a list of column names, whose totals are
        a number for a numeric column and ``{level: count}`` for a categorical
        one. ``"(Intercept)"`` in the list adds a constant whose total is the
        population size.

    Returns
    -------
    (model matrix (n, p), population totals (p,), column names)
    """
    if isinstance(formula_or_columns, str):
        try:
            mm = patsy.dmatrix(formula_or_columns, data, NA_action="raise", return_type="dataframe")
        except patsy.PatsyError as exc:
            raise ValueError(f"calibration formula {formula_or_columns!r}: {exc}") from exc
        names = list(mm.columns)
        missing = [c for c in names if c not in population]
        extra = [k for k in population if k not in names]
        if missing or extra:
            raise ValueError(
                f"population totals must be keyed by the model-matrix columns {names}; "
                f"missing {missing}, unexpected {extra}"
            )
        target = np.array([float(population[c]) for c in names])
        return mm.to_numpy(dtype=np.float64), target, names
    return _columns_matrix(data, list(formula_or_columns), population)


def _calfun(calfun: str, lower: float, upper: float) -> tuple[Curve, Curve]:
    """(F(u) - 1, F'(u)) of R's cal.linear / cal.raking / cal.logit, g = F(x'lambda)."""

    def inside(u: np.ndarray) -> np.ndarray:
        # R tests u itself against the bounds, also for raking
        return (u < upper - 1) & (u > lower - 1)

    if calfun == "linear":
        return (
            lambda u: np.clip(u + 1, lower, upper) - 1,
            lambda u: inside(u).astype(np.float64),
        )
    if calfun == "raking":
        return (
            lambda u: np.clip(np.exp(u), lower, upper) - 1,
            lambda u: np.where(inside(u), np.exp(u), 0.0),
        )
    if calfun == "logit":
        if not (np.isfinite(lower) and np.isfinite(upper)):
            raise ValueError("calfun='logit' needs finite bounds=(lower, upper)")
        a = (upper - lower) / ((upper - 1) * (1 - lower))

        def fm1(u: np.ndarray) -> np.ndarray:
            e = np.exp(a * u)
            return (lower * (upper - 1) + upper * (1 - lower) * e) / (
                upper - 1 + (1 - lower) * e
            ) - 1

        def df(u: np.ndarray) -> np.ndarray:
            e = np.exp(a * u)
            den = upper - 1 + (1 - lower) * e
            num = lower * (upper - 1) + upper * (1 - lower) * e
            return upper * (1 - lower) * e * a / den - num * ((1 - lower) * e * a) / den**2

        return fm1, df
    raise ValueError(f"calfun must be 'linear', 'raking' or 'logit'; got {calfun!r}")


def _grake(
    mm: np.ndarray,
    ww: np.ndarray,
    population: np.ndarray,
    calfun: str,
    bounds: tuple[float, float],
    max_iter: int,
    tol: float,
) -> np.ndarray:
    """Newton iterations for the calibration g-weights, as R's ``survey:::grake``."""
    fm1, df = _calfun(calfun, *bounds)
    sample_total = mm.T @ ww
    eta = np.zeros(mm.shape[1])
    scale = None
    with np.errstate(divide="ignore", invalid="ignore"):
        scales = population / sample_total
    if np.min(scales) > _RESCALE_THRESHOLD:
        scale = float(np.mean(scales))
        ww = ww * scale
        sample_total = sample_total * scale
    with np.errstate(over="ignore", invalid="ignore"):
        xeta = mm @ eta
        deriv = df(xeta)
        iteration = 1
        while True:
            tmat = (mm * (ww * deriv)[:, None]).T @ mm
            misfit = population - sample_total - mm.T @ (ww * fm1(xeta))
            deta = np.linalg.pinv(tmat, rcond=_GINV_RCOND) @ misfit
            eta = eta + deta
            xeta = mm @ eta
            g = 1 + fm1(xeta)
            deriv = df(xeta)
            while iteration < max_iter and not (np.isfinite(g).all() and np.isfinite(deriv).all()):
                iteration += 1
                deta = deta / 2
                eta = eta - deta
                xeta = mm @ eta
                g = 1 + fm1(xeta)
                deriv = df(xeta)
            misfit = population - sample_total - mm.T @ (ww * fm1(xeta))
            achieved = float(np.max(np.abs(misfit) / (1 + np.abs(population))))
            if achieved < tol:
                break
            iteration += 1
            if iteration > max_iter:
                raise CalibrationError(
                    f"calibration did not converge in {max_iter} iterations: largest relative "
                    f"misfit {achieved:.3g} (tol={tol:g}); widen the bounds or check the totals"
                )
    return g * scale if scale is not None else g


def _orthonormal_basis(x: np.ndarray) -> tuple[np.ndarray, int]:
    """Orthonormal basis of the column space of ``x`` and its rank (pivoted QR)."""
    q, r, _ = scipy.linalg.qr(x, mode="economic", pivoting=True)
    diag = np.abs(np.diag(r))
    rank = int(np.sum(diag > 1e-7 * diag[0])) if diag.size and diag[0] > 0 else 0
    return q[:, :rank], rank


def _g_weights(
    mm: np.ndarray,
    ww: np.ndarray,
    target: np.ndarray,
    calfun: str,
    bounds: tuple[float, float] | None,
    max_iter: int,
    tol: float,
) -> np.ndarray:
    """Calibration factors g (R: regcalibrate's closed form, or grake)."""
    if calfun == "linear" and bounds is None:
        xw = mm * np.sqrt(ww)[:, None]
        try:
            return 1 + mm @ np.linalg.solve(xw.T @ xw, target - mm.T @ ww)
        except np.linalg.LinAlgError as exc:
            raise ValueError("calibration variables are linearly dependent in the sample") from exc
    lower, upper = (-np.inf, np.inf) if bounds is None else bounds
    return _grake(mm, ww, target, calfun, (lower, upper), max_iter, tol)


def calibrate(
    design: Design,
    formula_or_columns: str | Sequence[str],
    population: Mapping[str, Any],
    calfun: CalFun = "linear",
    bounds: tuple[float, float] | None = None,
    max_iter: int = 50,
    tol: float = 1e-10,
) -> Design:
    """Calibrate the weights to population totals of auxiliary variables (GREG).

    Parameters
    ----------
    design : SurveyDesign or ReplicateDesign
        A replicate design has each replicate calibrated to the same totals.
    formula_or_columns : str or sequence of str
        Calibration model; see :func:`calibration_matrix` for how the
        ``population`` totals are keyed.
    population : mapping
        Population totals of the calibration variables.
    calfun : {"linear", "raking", "logit"}
        Distance function: linear (GREG), multiplicative raking, or logit
        (bounded; needs ``bounds``).
    bounds : (float, float), optional
        Bounds on the g-weights :math:`w_i / d_i`.
    max_iter, tol : int, float
        Newton iterations and convergence criterion
        :math:`\\max_k |\\hat T_k - T_k| / (1 + |T_k|) < \\text{tol}` (R's ``epsilon``).

    Returns
    -------
    SurveyDesign
        With a :class:`RegressionCalibration` step for the variance.

    Raises
    ------
    ValueError
        Totals that do not match the calibration variables, or collinear
        variables.
    CalibrationError
        No convergence, or linear calibration giving negative weights (R
        accepts them; a :class:`SurveyDesign` does not): use ``bounds`` or
        ``calfun="raking"``.

    Notes
    -----
    Weights :math:`w_i = d_i g_i` with :math:`g_i = F(x_i^\\top \\lambda)` solving
    :math:`\\sum_i d_i g_i x_i = T`. For the unbounded linear case
    :math:`g_i = 1 + x_i^\\top (\\sum_j d_j x_j x_j^\\top)^{-1}(T - \\hat T)`
    (Deville and Särndal 1992). The variance uses the residuals of
    :math:`z/(g\\sqrt d)` on :math:`X\\sqrt d`, as R's ``svyrecvar``.

    Examples
    --------
    R equivalent::

        calibrate(dclus1, ~stype + api99,
                  c(`(Intercept)` = 6194, stypeH = 755, stypeM = 1018, api99 = 3914069))

    >>> cal = calibrate(dclus1, ["stype", "api99"],
    ...                 {"stype": {"E": 4421, "H": 755, "M": 1018}, "api99": 3914069})  # doctest: +SKIP
    """
    if bounds is not None:
        bounds = (float(bounds[0]), float(bounds[1]))
        if not bounds[0] < 1 < bounds[1]:
            raise ValueError(f"bounds must satisfy lower < 1 < upper; got {bounds}")
    if calfun not in ("linear", "raking", "logit"):
        raise ValueError(f"calfun must be 'linear', 'raking' or 'logit'; got {calfun!r}")
    mm, target, names = calibration_matrix(design.data, formula_or_columns, population)
    ww = np.asarray(design.weights, dtype=np.float64)
    sample_total = mm.T @ ww
    empty = [n for n, s, t in zip(names, sample_total, target, strict=True) if s == 0 and t != 0]
    if empty:
        raise ValueError(
            f"calibration columns {empty} are zero for every sampled unit but not in the population"
        )
    whalf = np.sqrt(ww)
    basis, rank = _orthonormal_basis(mm * whalf[:, None])
    if calfun == "linear" and bounds is None and rank < mm.shape[1]:
        raise ValueError(f"calibration variables {names} are linearly dependent in the sample")
    g = _g_weights(mm, ww, target, calfun, bounds, max_iter, tol)
    negative = (g < 0) & (ww > 0)
    if negative.any():
        # R would accept negative GREG weights; a SurveyDesign does not
        raise CalibrationError(
            f"linear calibration gives {int(negative.sum())} negative weights (smallest "
            f"g-weight {g[negative].min():.3g}); use bounds=(lower, upper) or calfun='raking'"
        )
    reps = _replicates(design)
    if reps is not None:
        reps = _per_replicate(
            reps, lambda r: r * _g_weights(mm, r, target, calfun, bounds, max_iter, tol)
        )
    step = RegressionCalibration(basis=basis, scale=g * whalf, columns=tuple(names))
    return _result(design, ww * g, reps, step)


# ---------------------------------------------------------------------------
# Trimming
# ---------------------------------------------------------------------------


def _trimmed(
    w: np.ndarray, lower: float, upper: float, strict: bool, max_iter: int, eligible: np.ndarray
) -> np.ndarray | None:
    """Trimmed copy of ``w`` (only ``eligible`` entries move), or None if nothing was outside."""
    w = w.copy()
    n, total = int(eligible.sum()), float(w[eligible].sum())
    if strict and not n * lower <= total <= n * upper:
        raise ValueError(
            f"weights summing to {total:g} over {n} cases cannot all lie in [{lower:g}, {upper:g}]"
        )
    changed = False
    for _ in range(max_iter):
        outside = eligible & ((w < lower) | (w > upper))
        if not outside.any():
            break
        inside = eligible & ~outside
        if not inside.any():
            raise ValueError(
                f"every weight is outside [{lower:g}, {upper:g}]; nothing to redistribute to"
            )
        clipped = np.where(outside, np.clip(w, lower, upper), w)
        clipped[inside] += (w - clipped).sum() / np.count_nonzero(inside)
        w, changed = clipped, True
        if not strict:
            break
    else:
        raise CalibrationError(
            f"trimming to [{lower:g}, {upper:g}] did not settle in {max_iter} passes"
        )
    return w if changed else None


def trim(
    design: Design,
    lower: float = -np.inf,
    upper: float = np.inf,
    strict: bool = False,
    max_iter: int = 1000,
) -> Design:
    """Trim extreme weights and share the trimmed amount among the others.

    Parameters
    ----------
    design : SurveyDesign or ReplicateDesign
        In a replicate design each replicate is trimmed in the same way,
        among its positive weights (a replicate's zero weights are structural).
    lower, upper : float
        Bounds for the weights.
    strict : bool
        Repeat until no weight is outside the bounds (redistribution can push
        weights past ``upper`` again).
    max_iter : int
        Maximum number of repetitions with ``strict=True``.

    Returns
    -------
    SurveyDesign
        Same calibration steps, new weights; the total of the weights is kept.

    Notes
    -----
    As R's ``trimWeights``: :math:`w'_i = \\min(\\max(w_i, L), U)` and the total
    trimmed, :math:`\\sum_i (w_i - w'_i)`, is added in equal parts to every
    weight that was inside the bounds. Re-calibrate afterwards to restore
    calibrated totals exactly.

    Examples
    --------
    R equivalent::

        trimWeights(dclus1g, lower = 20, upper = 45, strict = TRUE)

    >>> trimmed = trim(cal, lower=20, upper=45, strict=True)  # doctest: +SKIP
    """
    if not lower < upper:
        raise ValueError(f"trim needs lower < upper; got lower={lower}, upper={upper}")
    w0 = np.asarray(design.weights, dtype=np.float64)
    w = _trimmed(w0, lower, upper, strict, max_iter, np.ones(w0.size, dtype=bool))
    reps = _replicates(design)
    if reps is not None:
        reps = _per_replicate(
            reps, lambda r: _keep(r, _trimmed(r, lower, upper, strict, max_iter, r > 0))
        )
        return _result(design, w0 if w is None else w, reps, None)
    return design if w is None else _result(design, w, None, None)


def _keep(old: np.ndarray, new: np.ndarray | None) -> np.ndarray:
    return old if new is None else new
