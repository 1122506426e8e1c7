"""Cells, population totals and the calibration model (R's ``grake``).

Internal module of :mod:`analysis.calibration`: matching sample categories to
population totals, building the calibration model matrix, and the Newton
iterations for generalized raking. patsy and scipy are imported when a
calibration runs, not with ``import analysis``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from ._validation import numeric_column

CalFun = Literal["linear", "raking", "logit"]
Columns = str | Sequence[str]
Curve = Callable[[np.ndarray], np.ndarray]
# Mapping is invariant in its key type: Any lets dict[str, float] and
# dict[tuple[str, str], float] through without casts.
Totals = Mapping[Any, float]

# many times the sample total, to keep the Newton steps well conditioned.
_RESCALE_THRESHOLD = 20.0
# R's grake: MASS::ginv(Tmat, tol = 256 * .Machine$double.eps).
_GINV_RCOND = 256 * np.finfo(np.float64).eps
# Relative disagreement tolerated between the grand totals of raking margins.
MARGIN_SUM_RTOL = 1e-6


class CalibrationError(ValueError):
    """The weights cannot be calibrated to the given totals (no convergence)."""


# ---------------------------------------------------------------------------
# Cells and totals
# ---------------------------------------------------------------------------


def _as_columns(by: Columns) -> list[str]:
    return [by] if isinstance(by, str) else list(by)


def margin_name(by: Columns) -> str:
    return by if isinstance(by, str) else " x ".join(by)


def cell_keys(data: pd.DataFrame, by: Columns) -> pd.Series:
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


def match_cells(
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
# Calibration model
# ---------------------------------------------------------------------------

INTERCEPT = "(Intercept)"


def _numeric_column(data: pd.DataFrame, col: str) -> np.ndarray:
    return numeric_column(data, col, what="calibration variable", where="the survey data")


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
        keys = cell_keys(data, col)
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
            if abs(margin_total - grand) > MARGIN_SUM_RTOL * grand:
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
        import patsy

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


def orthonormal_basis(x: np.ndarray) -> tuple[np.ndarray, int]:
    """Orthonormal basis of the column space of ``x`` and its rank (pivoted QR)."""
    import scipy.linalg

    q, r, _ = scipy.linalg.qr(x, mode="economic", pivoting=True)
    diag = np.abs(np.diag(r))
    rank = int(np.sum(diag > 1e-7 * diag[0])) if diag.size and diag[0] > 0 else 0
    return q[:, :rank], rank


def g_weights(
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
