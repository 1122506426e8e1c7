"""Calibration of survey weights: post-stratification, raking, GREG, trimming.

Each function takes a :class:`~analysis.design.SurveyDesign`, computes new
weights, and returns a new design whose ``calibration`` ends with a step that
knows how to residualize the linearized values, so that standard errors
account for the calibration exactly as R's ``survey:::svyrecvar`` does:

* :class:`PostStratification` (R: ``postStratify``),
* :class:`Raking` (R: ``rake``),
* :class:`RegressionCalibration` (R: ``calibrate``, class ``greg_calibration``).

:func:`trim` (R: ``trimWeights``) changes the weights but adds no step.
The steps live in :mod:`analysis._calibration_steps`, the category matching
and the calibration model (R's ``grake``) in :mod:`analysis._calibration_model`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import numpy as np

from analysis._calibration_model import (
    INTERCEPT,
    MARGIN_SUM_RTOL,
    CalFun,
    CalibrationError,
    Columns,
    Totals,
    calibration_matrix,
    cell_keys,
    g_weights,
    margin_name,
    match_cells,
    orthonormal_basis,
)
from analysis._calibration_steps import PostStratification, Raking, RegressionCalibration
from analysis._taylor import CalibrationStep, TaylorDesign
from analysis.replicate import ReplicateDesign

# A Taylor-linearization design gets a residualizing step; a replicate-weight
# design gets every replicate calibrated again (R's svyrep methods). A
# SurveyDesign in gives a SurveyDesign out.
Design = TypeVar("Design", bound=TaylorDesign | ReplicateDesign)

__all__ = [
    "INTERCEPT",
    "CalFun",
    "CalibrationError",
    "PostStratification",
    "Raking",
    "RegressionCalibration",
    "Totals",
    "calibrate",
    "calibration_matrix",
    "poststratify",
    "rake",
    "trim",
]

# ---------------------------------------------------------------------------
# Taylor and replicate-weight designs
# ---------------------------------------------------------------------------


def _replicates(design: object) -> np.ndarray | None:
    """The (n, R) replicate weights of a replicate design; None for a Taylor design."""
    if isinstance(design, TaylorDesign):
        return None
    if not isinstance(design, ReplicateDesign):
        raise ValueError(
            f"expected a SurveyDesign or a ReplicateDesign; got {type(design).__name__}"
        )
    return np.asarray(design.replicate_weights(), dtype=np.float64)


def _result(
    design: Design, weights: np.ndarray, reps: np.ndarray | None, step: CalibrationStep | None
) -> Design:
    """New design: Taylor with ``step`` appended, or replicate with new replicate weights."""
    if isinstance(design, TaylorDesign):
        return design._with_weights(weights, step=step)
    if reps is None or not isinstance(design, ReplicateDesign):
        raise ValueError("a replicate design needs its replicate weights")
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
    name = margin_name(by)
    codes, labels, target = match_cells(name, cell_keys(design.data, by), w0, totals, partial)
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
        name = margin_name(by)
        codes, _, target = match_cells(name, cell_keys(design.data, by), w0, totals, False)
        names.append(name)
        cells.append(codes)
        targets.append(target)
    grand = [float(t.sum()) for t in targets]
    for name, total in zip(names[1:], grand[1:], strict=True):
        if abs(total - grand[0]) > MARGIN_SUM_RTOL * grand[0]:
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
    basis, rank = orthonormal_basis(mm * whalf[:, None])
    if calfun == "linear" and bounds is None and rank < mm.shape[1]:
        raise ValueError(f"calibration variables {names} are linearly dependent in the sample")
    g = g_weights(mm, ww, target, calfun, bounds, max_iter, tol)
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
            reps, lambda r: r * g_weights(mm, r, target, calfun, bounds, max_iter, tol)
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
