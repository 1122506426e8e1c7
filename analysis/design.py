"""Complex survey designs analysed by Taylor linearization.

:class:`SurveyDesign` describes a stratified (multistage) cluster sample:
weights, strata, PSUs, optional second-stage units and finite population
corrections. Its estimators (see :mod:`analysis.estimators`) agree with R's
``survey`` package (``svydesign`` with ``nest``, ``fpc`` and
``options(survey.lonely.psu)``).

The structure and variances live in :class:`analysis._taylor.TaylorDesign`;
calibration, regression and replicate weights build on that core, and
:class:`SurveyDesign` adds the convenience methods that call them, so the
modules import one way: ``_taylor`` <- ``calibration``, ``regression``,
``replicate`` <- ``design``.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis import calibration, regression
from analysis._taylor import TaylorDesign
from analysis.replicate import ReplicateDesign, replicate_design


class SurveyDesign(TaylorDesign):
    """A stratified multistage cluster sample analysed by Taylor linearization.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent (case).
    weights : str, optional
        Column of sampling weights (non-negative, no missing values). Without
        it the weights are the inverse sampling fractions implied by ``fpc``
        (and ``fpc2``), or 1 when there is no ``fpc``.
    strata : str, optional
        Column of first-stage strata.
    psu : str, optional
        Column of primary sampling units; each case is its own PSU without it.
    fpc : str, optional
        First-stage finite population correction: the number of PSUs in the
        stratum's population (values > 1) or the sampling fraction (all
        values <= 1). Without it PSUs are taken as drawn with replacement.
    ssu : str, optional
        Column of second-stage units (nested within PSUs).
    fpc2 : str, optional
        Second-stage population correction (SSUs in the PSU's population, or
        the fraction sampled). The second stage adds variance only when both
        ``fpc`` and ``fpc2`` are given, as in R.
    nest : bool
        PSU labels are only unique within strata (``True``, the default) and
        are combined with the stratum. With ``False`` a PSU label found in
        two strata is an error, as R's ``check.strata``.
    lonely_psu : {"fail", "remove", "certainty", "adjust", "average"}
        What a stratum with a single PSU contributes; R's
        ``options(survey.lonely.psu)``: ``fail`` raises, ``remove`` and
        ``certainty`` contribute nothing, ``adjust`` centres the lonely PSU
        at the overall mean (zero) instead of the stratum mean, ``average``
        replaces it by the average variance of the other strata.

    Attributes
    ----------
    data : pandas.DataFrame
    weights : ndarray of float64, shape (n,)
    calibration : tuple
        Calibration steps applied to the weights, each with
        ``residualize(z) -> z``; the variance uses the residuals.

    Notes
    -----
    For an estimator linearized as :math:`\\hat\\theta \\approx \\sum_i z_i` with
    :math:`z_i = w_i u_i` (influence value times weight), the variance is

    .. math:: v = \\sum_h (1 - f_h) \\frac{n_h}{n_h - 1} \\sum_{i=1}^{n_h} (z_{hi} - \\bar z_h)^2
              + \\sum_h f_h \\sum_{i} (1 - f_{hi}) \\frac{m_{hi}}{m_{hi} - 1}
                \\sum_j (z_{hij} - \\bar z_{hi})^2

    where :math:`z_{hi}` are PSU totals, :math:`f_h = n_h / N_h` (zero without
    ``fpc``) and the second term, over SSU totals :math:`z_{hij}` within
    PSUs, appears only with both ``fpc`` and ``fpc2`` (R's
    ``survey:::multistage``). Domain estimates put zero values outside the
    domain in the same formula.

    Examples
    --------
    R: ``svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat)``

    >>> d = SurveyDesign(apistrat, weights="pw", strata="stype", fpc="fpc")  # doctest: +SKIP
    >>> d.mean("api00")                                                      # doctest: +SKIP
    """

    # -- replicate weights, weighting and regression ----------------------------

    def replicate(
        self,
        type: str = "jkn",
        replicates: int = 200,
        rng: np.random.Generator | int | None = None,
        mse: bool = False,
    ) -> ReplicateDesign:
        """Replicate weights for this design (R's ``as.svrepdesign``).

        See :func:`analysis.replicate.replicate_design` for the types
        (``"jkn"``, ``"jk1"``, ``"bootstrap"``, ``"brr"``) and their scales.

        Examples
        --------
        R: ``as.svrepdesign(dstrat, type = "JKn")``

        >>> r = d.replicate("jkn")                          # doctest: +SKIP
        >>> r = d.replicate("bootstrap", replicates=500, rng=1)  # doctest: +SKIP
        """
        return replicate_design(self, type, replicates=replicates, rng=rng, mse=mse)

    def poststratify(
        self, by: str | Sequence[str], totals: Mapping[Hashable, float], partial: bool = False
    ) -> SurveyDesign:
        """Post-stratify to population counts: :func:`analysis.calibration.poststratify`."""
        return calibration.poststratify(self, by, totals, partial=partial)

    def rake(
        self,
        margins: Mapping[str | tuple[str, ...], Mapping[Hashable, float]],
        max_iter: int = 100,
        tol: float = 1e-10,
    ) -> SurveyDesign:
        """Rake to population margins: :func:`analysis.calibration.rake`."""
        return calibration.rake(self, margins, max_iter=max_iter, tol=tol)

    def calibrate(
        self,
        formula_or_columns: str | Sequence[str],
        population: Mapping[str, object],
        calfun: calibration.CalFun = "linear",
        bounds: tuple[float, float] | None = None,
        max_iter: int = 50,
        tol: float = 1e-10,
    ) -> SurveyDesign:
        """Calibrate to population totals (GREG): :func:`analysis.calibration.calibrate`."""
        return calibration.calibrate(
            self,
            formula_or_columns,
            population,
            calfun=calfun,
            bounds=bounds,
            max_iter=max_iter,
            tol=tol,
        )

    def trim(
        self,
        lower: float = -np.inf,
        upper: float = np.inf,
        strict: bool = False,
        max_iter: int = 1000,
    ) -> SurveyDesign:
        """Trim extreme weights: :func:`analysis.calibration.trim`."""
        return calibration.trim(self, lower=lower, upper=upper, strict=strict, max_iter=max_iter)

    def glm(
        self,
        formula: str,
        family: regression.Family = "gaussian",
        subset: regression.Subset = None,
        level: float = 0.95,
    ) -> pd.DataFrame:
        """Design-based regression: :func:`analysis.regression.svyglm`."""
        return regression.svyglm(self, formula, family=family, subset=subset, level=level)
