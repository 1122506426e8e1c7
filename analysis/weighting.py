"""The weighting chain: from selection probabilities to calibrated, trimmed weights.

A :class:`WeightingChain` applies, in order, the steps of a household
victimization survey's weighting (see docs/weighting.md):

1. base weights, the inverse of the selection probability;
2. the within-household selection factor (number of eligible adults);
3. nonresponse adjustment within weighting classes;
4. calibration: raking, post-stratification or linear calibration;
5. trimming of extreme weights, then re-calibration.

Every method returns a new chain (the chain is immutable) with one more row in
:attr:`WeightingChain.diagnostics`: sum, minimum and maximum of the weights,
Kish's design effect due to weighting :math:`1 + CV^2` and the effective
sample size. :attr:`WeightingChain.design` is the
:class:`~analysis.design.SurveyDesign` of the respondents with the final
weights; its variance accounts for the calibrations as R's survey package does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from analysis import calibration
from analysis._calibration_model import margin_name
from analysis._variance import LonelyPSU
from analysis.design import SurveyDesign

__all__ = ["DIAGNOSTIC_COLUMNS", "WeightingChain", "weight_diagnostics"]

Columns = str | Sequence[str]

#: Columns of :attr:`WeightingChain.diagnostics`.
DIAGNOSTIC_COLUMNS: tuple[str, ...] = (
    "step",
    "detail",
    "n",
    "sum_weights",
    "min_weight",
    "max_weight",
    "mean_weight",
    "cv",
    "deff_kish",
    "n_effective",
)


def weight_diagnostics(weights: np.ndarray) -> dict[str, float]:
    """Summary of a set of weights (cases with zero weight are left out).

    Parameters
    ----------
    weights : ndarray

    Returns
    -------
    dict
        ``n, sum_weights, min_weight, max_weight, mean_weight, cv,
        deff_kish, n_effective``.

    Notes
    -----
    Kish's design effect due to unequal weighting and the effective sample size:

    .. math:: \\text{deff}_w = \\frac{n \\sum_i w_i^2}{(\\sum_i w_i)^2} = 1 + CV_w^2,
              \\qquad n_{\\text{eff}} = \\frac{(\\sum_i w_i)^2}{\\sum_i w_i^2}

    with :math:`CV_w` the coefficient of variation of the weights (population
    standard deviation over the mean). Kish (1992), "Weighting for unequal
    :math:`P_i`", J. Official Statistics 8:183-200.

    Examples
    --------
    R equivalent::

        w <- weights(design); n <- length(w)
        1 + (sd(w) * sqrt((n - 1) / n) / mean(w))^2   # deff_kish

    >>> weight_diagnostics(np.array([1.0, 1.0, 2.0]))["deff_kish"]  # doctest: +SKIP
    1.125
    """
    w = np.asarray(weights, dtype=np.float64)
    w = w[w > 0]
    n = w.size
    if n == 0:
        raise ValueError("no case has a positive weight")
    total, squares = float(w.sum()), float(np.square(w).sum())
    mean = total / n
    cv = float(np.sqrt(max(squares / n - mean**2, 0.0)) / mean)
    return {
        "n": n,
        "sum_weights": total,
        "min_weight": float(w.min()),
        "max_weight": float(w.max()),
        "mean_weight": mean,
        "cv": cv,
        "deff_kish": n * squares / total**2,
        "n_effective": total**2 / squares,
    }


def _bad_rows(frame: pd.DataFrame, bad: np.ndarray) -> str:
    return ", ".join(str(r) for r in frame.index[bad][:5]) + (" ..." if bad.sum() > 5 else "")


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name not in frame.columns:
        raise ValueError(f"column {name!r} is not in the sample frame")
    return frame[name]


def _flag(frame: pd.DataFrame, name: str) -> np.ndarray:
    values = _column(frame, name)
    if values.isna().any():
        raise ValueError(
            f"column {name!r} has missing values (rows {_bad_rows(frame, values.isna().to_numpy())})"
        )
    if not pd.api.types.is_bool_dtype(values) and not set(pd.unique(values)) <= {0, 1}:
        raise ValueError(f"column {name!r} must be boolean (True/False or 1/0)")
    return values.to_numpy(dtype=bool)


Recalibration = Callable[[SurveyDesign], SurveyDesign]


@dataclass(frozen=True, eq=False)
class WeightingChain:
    """Build survey weights step by step and record diagnostics.

    Parameters
    ----------
    frame : DataFrame
        Every sampled unit (respondents and nonrespondents), one row each.
    respondent : str, optional
        Boolean column: the unit responded. Without it every unit responded.
    eligible : str, optional
        Boolean column: the unit is (known to be) eligible; ineligible units
        (vacant dwellings, no adult resident) leave the chain at the
        nonresponse step. Without it every unit is eligible.
    strata, psu, fpc, ssu, fpc2, nest, lonely_psu
        Design of the sample, passed to :class:`~analysis.design.SurveyDesign`
        for the respondents.

    Examples
    --------
    >>> chain = (  # doctest: +SKIP
    ...     WeightingChain(frame, respondent="responded", strata="region", psu="tract")
    ...     .base_weights(probability="p_household")
    ...     .within_household("adults", cap=4)
    ...     .nonresponse(["region", "urban"])
    ...     .rake({"sex": {"f": 5.2e6, "m": 4.9e6}, "age_group": age_totals})
    ...     .trim(upper=3 * median_weight)
    ... )
    >>> chain.diagnostics  # doctest: +SKIP
    >>> chain.design.mean("victim")  # doctest: +SKIP
    """

    frame: pd.DataFrame
    respondent: str | None = None
    eligible: str | None = None
    strata: str | None = None
    psu: str | None = None
    fpc: str | None = None
    ssu: str | None = None
    fpc2: str | None = None
    nest: bool = True
    lonely_psu: LonelyPSU = "fail"
    _weights: np.ndarray | None = field(default=None, repr=False)
    _design: SurveyDesign | None = field(default=None, repr=False)
    _records: tuple[dict[str, Any], ...] = field(default=(), repr=False)
    _recalibrate: tuple[str, Recalibration] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.frame, pd.DataFrame) or len(self.frame) == 0:
            raise ValueError("frame must be a non-empty pandas DataFrame")
        responded = self._responded()
        if self.eligible is not None and (responded & ~_flag(self.frame, self.eligible)).any():
            bad = responded & ~_flag(self.frame, self.eligible)
            raise ValueError(
                f"rows {_bad_rows(self.frame, bad)} responded but are not {self.eligible!r}"
            )

    # -- state ------------------------------------------------------------------

    def _responded(self) -> np.ndarray:
        if self.respondent is None:
            return np.ones(len(self.frame), dtype=bool)
        return _flag(self.frame, self.respondent)

    def _current(self) -> np.ndarray:
        if self._weights is None:
            raise ValueError("start the chain with base_weights(...)")
        return self._weights

    def _record(
        self, step: str, detail: str, weights: np.ndarray, **changes: Any
    ) -> WeightingChain:
        row = {"step": step, "detail": detail, **weight_diagnostics(weights)}
        return replace(self, _records=(*self._records, row), **changes)

    def _before_calibration(self, step: str) -> None:
        if self._design is not None:
            raise ValueError(f"{step} must come before raking, calibration and trimming")

    @property
    def diagnostics(self) -> pd.DataFrame:
        """One row per step: weights' sum, min, max, mean, CV, Kish deff, effective n."""
        return pd.DataFrame(list(self._records), columns=list(DIAGNOSTIC_COLUMNS))

    @property
    def design(self) -> SurveyDesign:
        """The respondents' :class:`SurveyDesign` with the current weights."""
        if self._design is not None:
            return self._design
        weights = self._current()
        keep = self._responded() & (weights > 0)
        design = SurveyDesign(
            self.frame.loc[keep],
            strata=self.strata,
            psu=self.psu,
            fpc=self.fpc,
            ssu=self.ssu,
            fpc2=self.fpc2,
            nest=self.nest,
            lonely_psu=self.lonely_psu,
        )
        return design._with_weights(weights[keep])

    @property
    def weights(self) -> pd.Series:
        """Final weight of every unit of the frame (0 for nonrespondents), named ``weight``."""
        out = pd.Series(0.0, index=self.frame.index, name="weight")
        if self._design is None:
            out[:] = self._current()
            return out
        keep = self._responded() & (self._current() > 0)
        out[keep] = self._design.weights
        return out

    # -- steps before calibration ------------------------------------------------------

    def base_weights(
        self, probability: Columns | None = None, weight: str | None = None
    ) -> WeightingChain:
        """Base weights: inverse selection probability (product over stages) or a weight column.

        Notes
        -----
        :math:`d_i = 1 / \\prod_s \\pi_{s,i}` for the stage probabilities
        :math:`\\pi_{s,i}` in ``probability``.
        """
        if self._weights is not None:
            raise ValueError("base_weights is the first step and can only be given once")
        if (probability is None) == (weight is None):
            raise ValueError("give exactly one of probability= or weight=")
        if weight is not None:
            w = pd.to_numeric(_column(self.frame, weight), errors="coerce").to_numpy(dtype=float)
            bad = ~np.isfinite(w) | (w <= 0)
            if bad.any():
                raise ValueError(
                    f"weight column {weight!r} must be positive and finite (rows {_bad_rows(self.frame, bad)})"
                )
            return self._record("base", f"weights from {weight!r}", w, _weights=w)
        columns = [probability] if isinstance(probability, str) else list(probability or [])
        p = np.ones(len(self.frame))
        for col in columns:
            values = pd.to_numeric(_column(self.frame, col), errors="coerce").to_numpy(dtype=float)
            bad = ~np.isfinite(values) | (values <= 0) | (values > 1)
            if bad.any():
                raise ValueError(
                    f"selection probability {col!r} must be in (0, 1] (rows {_bad_rows(self.frame, bad)})"
                )
            p = p * values
        w = 1.0 / p
        return self._record("base", "1 / " + " x ".join(columns), w, _weights=w)

    def within_household(self, adults: str, cap: int | None = None) -> WeightingChain:
        """Multiply by the number of eligible adults (one adult selected per household).

        Parameters
        ----------
        adults : str
            Number of eligible adults in the household (>= 1 for respondents;
            may be missing for nonrespondents, whose factor is then 1).
        cap : int, optional
            Cap on the factor, which limits the weight variation from large
            households at the price of a small bias.

        Notes
        -----
        :math:`w_i = d_i \\min(a_i, \\text{cap})`: the selected adult had
        probability :math:`1/a_i` within the household.
        """
        self._before_calibration("within_household")
        w = self._current()
        if cap is not None and cap < 1:
            raise ValueError(f"cap must be at least 1; got {cap}")
        counts = pd.to_numeric(_column(self.frame, adults), errors="coerce").to_numpy(dtype=float)
        responded = self._responded()
        known = np.isfinite(counts)
        bad = (responded & ~known) | (known & ((counts < 1) | (counts != np.round(counts))))
        if bad.any():
            raise ValueError(
                f"column {adults!r} must be a whole number >= 1 for every respondent "
                f"(rows {_bad_rows(self.frame, bad)})"
            )
        factor = np.where(known, counts, 1.0)
        if cap is not None:
            factor = np.minimum(factor, cap)
        detail = f"x {adults!r}" + (f" capped at {cap}" if cap is not None else "")
        return self._record("within_household", detail, w * factor, _weights=w * factor)

    def nonresponse(self, classes: Columns) -> WeightingChain:
        """Adjust for nonresponse within weighting classes.

        Parameters
        ----------
        classes : str or list of str
            Columns defining the weighting classes (known for respondents and
            nonrespondents alike, e.g. region x urban).

        Raises
        ------
        ValueError
            A class with eligible units but no respondent (collapse it with a
            neighbouring class), or missing class values.

        Notes
        -----
        In class :math:`c`, :math:`w_i = d_i \\sum_{j \\in E_c} d_j / \\sum_{j \\in R_c} d_j`
        for respondents :math:`i \\in R_c`, with :math:`E_c` the eligible
        units; nonrespondents and ineligible units get weight 0.
        """
        self._before_calibration("nonresponse")
        if self.respondent is None:
            raise ValueError("nonresponse needs the respondent= column of the chain")
        w = self._current()
        cols = [classes] if isinstance(classes, str) else list(classes)
        for col in cols:
            missing = _column(self.frame, col).isna().to_numpy()
            if missing.any():
                raise ValueError(
                    f"weighting class column {col!r} has missing values (rows {_bad_rows(self.frame, missing)})"
                )
        codes, labels = pd.MultiIndex.from_frame(self.frame[cols]).factorize()
        eligible = (
            _flag(self.frame, self.eligible) if self.eligible is not None else np.ones(len(w), bool)
        )
        responded = self._responded()
        n_classes = len(labels)
        eligible_total = np.bincount(codes, weights=w * eligible, minlength=n_classes)
        respondent_total = np.bincount(codes, weights=w * responded, minlength=n_classes)
        empty = np.flatnonzero((eligible_total > 0) & (respondent_total == 0))
        if empty.size:
            names = ", ".join(repr(labels[k] if len(cols) > 1 else labels[k][0]) for k in empty[:5])
            raise ValueError(
                f"weighting class {names} of {cols} has eligible units but no respondents; "
                "collapse it with a neighbouring class"
            )
        factor = eligible_total / np.where(respondent_total > 0, respondent_total, 1.0)
        adjusted = np.where(responded, w * factor[codes], 0.0)
        detail = f"{n_classes} classes of {cols}, factors {factor.min():.3g} to {factor.max():.3g}"
        return self._record("nonresponse", detail, adjusted, _weights=adjusted)

    # -- calibration and trimming ----------------------------------------------------------

    def _calibrated(self, step: str, detail: str, run: Recalibration) -> WeightingChain:
        design = run(self.design)
        chain = replace(self, _design=design, _recalibrate=(step, run))
        return chain._record(step, detail, design.weights)

    def rake(
        self,
        margins: Mapping[Any, calibration.Totals],
        max_iter: int = 100,
        tol: float = 1e-10,
    ) -> WeightingChain:
        """Rake to population margins; see :func:`analysis.calibration.rake`."""

        def run(design: SurveyDesign) -> SurveyDesign:
            return calibration.rake(design, margins, max_iter=max_iter, tol=tol)

        names = ", ".join(margin_name(m) for m in margins)
        return self._calibrated("rake", f"margins {names}", run)

    def poststratify(
        self, by: Columns, totals: calibration.Totals, partial: bool = False
    ) -> WeightingChain:
        """Post-stratify to population counts; see :func:`analysis.calibration.poststratify`."""

        def run(design: SurveyDesign) -> SurveyDesign:
            return calibration.poststratify(design, by, totals, partial=partial)

        return self._calibrated("poststratify", f"cells of {margin_name(by)}", run)

    def calibrate(
        self,
        formula_or_columns: str | Sequence[str],
        population: Mapping[str, Any],
        calfun: calibration.CalFun = "linear",
        bounds: tuple[float, float] | None = None,
    ) -> WeightingChain:
        """Calibrate to population totals; see :func:`analysis.calibration.calibrate`."""

        def run(design: SurveyDesign) -> SurveyDesign:
            return calibration.calibrate(
                design, formula_or_columns, population, calfun=calfun, bounds=bounds
            )

        what = (
            formula_or_columns
            if isinstance(formula_or_columns, str)
            else ", ".join(formula_or_columns)
        )
        return self._calibrated("calibrate", f"{calfun} on {what}", run)

    def trim(
        self,
        lower: float = -np.inf,
        upper: float = np.inf,
        strict: bool = False,
        recalibrate: bool = True,
    ) -> WeightingChain:
        """Trim extreme weights (R's ``trimWeights``), then repeat the last calibration.

        Parameters
        ----------
        lower, upper : float
            Bounds for the weights; the trimmed amount is shared equally by
            the weights inside the bounds.
        strict : bool
            Repeat the trimming until every weight is within the bounds.
        recalibrate : bool
            Run the last calibration step again so that the calibrated totals
            hold exactly (weights may then leave the bounds slightly; the
            diagnostics show by how much).
        """
        design = calibration.trim(self.design, lower=lower, upper=upper, strict=strict)
        chain = replace(self, _design=design)._record(
            "trim", f"to [{lower:g}, {upper:g}]" + (" strict" if strict else ""), design.weights
        )
        if recalibrate and self._recalibrate is not None:
            step, run = self._recalibrate
            redone = run(design)
            chain = replace(chain, _design=redone)._record(
                "recalibrate", f"repeat {step}", redone.weights
            )
        return chain
