"""Design-based regression: generalized linear models with a sandwich variance.

:func:`svyglm` fits a weighted GLM (statsmodels, patsy formula) and replaces
the model-based covariance by the design-based one of R's ``survey::svyglm``:
the estimating functions, multiplied by the inverse information, go through
the design's linearization variance (strata, clusters, finite population
corrections and calibration).

statsmodels, patsy and scipy are imported by the functions that use them:
together they take over a second to import, which every ``import analysis``
would otherwise pay.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from analysis._taylor import TaylorDesign
from analysis.replicate import ReplicateDesign

__all__ = ["SurveyGLM", "fit_svyglm", "svyglm"]

Family = Literal["gaussian", "binomial"]
Subset = str | np.ndarray | pd.Series | None

# Convergence of the IRLS fit: the design-based covariance is evaluated at the
# converged coefficients, so the fit is run well past R's default of 1e-8.
_IRLS_TOL = 1e-13
_IRLS_MAXITER = 100


@dataclass(frozen=True)
class SurveyGLM:
    """A fitted design-based GLM.

    Attributes
    ----------
    formula : str
    family : {"gaussian", "binomial"}
    coefficients : Series
        Estimated coefficients, indexed by patsy term name.
    vcov : DataFrame
        Design-based covariance of the coefficients.
    df_residual : int
        Degrees of freedom for t tests: design df - number of coefficients + 1.
    n : int
        Number of cases used (in the domain, with complete data).
    """

    formula: str
    family: Family
    coefficients: pd.Series
    vcov: pd.DataFrame
    df_residual: int
    n: int

    def table(self, level: float = 0.95) -> pd.DataFrame:
        """Tidy coefficient table: term, estimate, se, t, p, ci_low, ci_high.

        For the binomial family it adds ``odds_ratio``, ``or_ci_low`` and
        ``or_ci_high`` (the exponentiated estimate and interval).
        """
        from scipy import stats

        if not 0 < level < 1:
            raise ValueError(f"level must be between 0 and 1; got {level}")
        est = self.coefficients.to_numpy()
        se = np.sqrt(np.diag(self.vcov.to_numpy()))
        df = self.df_residual
        with np.errstate(divide="ignore", invalid="ignore"):
            t = est / se
        if df > 0:
            p = 2 * stats.t.sf(np.abs(t), df)
            half = stats.t.ppf(0.5 + level / 2, df) * se
        else:
            p = np.full_like(est, np.nan)
            half = np.full_like(est, np.nan)
        out = pd.DataFrame(
            {
                "term": list(self.coefficients.index),
                "estimate": est,
                "se": se,
                "t": t,
                "p": p,
                "ci_low": est - half,
                "ci_high": est + half,
                "df": df,
            }
        )
        if self.family == "binomial":
            out["odds_ratio"] = np.exp(est)
            out["or_ci_low"] = np.exp(out["ci_low"])
            out["or_ci_high"] = np.exp(out["ci_high"])
        return out


def _domain_mask(data: pd.DataFrame, subset: Subset) -> np.ndarray:
    n = len(data)
    if subset is None:
        return np.ones(n, dtype=bool)
    if isinstance(subset, str):
        try:
            mask = data.eval(subset)
        except Exception as exc:  # pandas raises many kinds for a bad expression
            raise ValueError(f"subset {subset!r} could not be evaluated: {exc}") from exc
    else:
        mask = subset
    values = np.asarray(mask)
    if values.shape != (n,) or values.dtype != bool:
        raise ValueError(
            f"subset must be a boolean array or expression with one value per case ({n})"
        )
    return values


def _response(y: pd.DataFrame, family: Family) -> np.ndarray:
    """The response as floats; a two-level categorical counts its second level as success."""
    if y.shape[1] == 2 and family == "binomial":
        return y.iloc[:, 1].to_numpy(dtype=np.float64)
    if y.shape[1] != 1:
        raise ValueError(
            f"the response {list(y.columns)} must be numeric, or two-level for family='binomial'"
        )
    values = y.iloc[:, 0].to_numpy(dtype=np.float64)
    if family == "binomial" and ((values < 0) | (values > 1)).any():
        raise ValueError("for family='binomial' the response must lie between 0 and 1")
    return values


def _check_rank(x: pd.DataFrame, weights: np.ndarray) -> None:
    import scipy.linalg

    xw = x.to_numpy() * np.sqrt(weights)[:, None]
    _, r, piv = scipy.linalg.qr(xw, mode="economic", pivoting=True)
    diag = np.abs(np.diag(r))
    rank = int(np.sum(diag > 1e-7 * diag[0])) if diag.size and diag[0] > 0 else 0
    if rank < x.shape[1]:
        aliased = [x.columns[j] for j in piv[rank:]]
        raise ValueError(
            f"terms {aliased} are linear combinations of the other terms in this sample "
            "(aliased); drop them from the formula"
        )


def _fit(
    y: np.ndarray,
    x: np.ndarray,
    weights: np.ndarray,
    family: Family,
    start: np.ndarray | None = None,
) -> np.ndarray:
    """Coefficients of the weighted GLM (IRLS to full convergence)."""
    import statsmodels.api as sm

    glm_family = sm.families.Gaussian() if family == "gaussian" else sm.families.Binomial()
    # var_weights, not freq_weights: the weights scale the variance function,
    # which is R's quasibinomial with prior weights (no integer counts needed)
    fit = sm.GLM(y, x, family=glm_family, var_weights=weights).fit(
        start_params=start, tol=_IRLS_TOL, maxiter=_IRLS_MAXITER
    )
    return np.asarray(fit.params)


def _linearization_vcov(
    design: TaylorDesign,
    y: np.ndarray,
    x: np.ndarray,
    rows: np.ndarray,
    prior: np.ndarray,
    family: Family,
    beta: np.ndarray,
) -> np.ndarray:
    """Sandwich covariance through the design's linearization variance (R: svy.varcoef)."""
    from scipy import special

    mu = x @ beta
    if family == "binomial":
        mu = special.expit(mu)
        working = prior * mu * (1 - mu)
    else:
        working = prior
    a_inv = np.linalg.inv(x.T @ (x * working[:, None]))
    # estfun = X * working residual * working weight = X * prior * (y - mu)
    # for both canonical links; R: svy.varcoef.
    influence = np.zeros((len(design.weights), x.shape[1]))
    influence[rows] = (x * (prior * (y - mu))[:, None]) @ a_inv
    return np.asarray(design._variance(influence))


def _replicate_vcov(
    design: ReplicateDesign,
    y: np.ndarray,
    x: np.ndarray,
    rows: np.ndarray,
    family: Family,
    beta: np.ndarray,
) -> np.ndarray:
    """Covariance of the coefficients refitted with each replicate's weights (R: svrVar)."""
    reps = design.replicate_weights()[rows]
    betas = np.empty((reps.shape[1], beta.size))
    for r in range(reps.shape[1]):
        w = reps[:, r]
        betas[r] = _fit(y, x, w / w.sum(), family, start=beta)
    rscales = np.asarray(design.rscales, dtype=np.float64)
    centre = beta if design.mse else betas[rscales > 0].mean(axis=0)
    dev = (betas - centre) * np.sqrt(rscales)[:, None]
    return float(design.scale) * (dev.T @ dev)


def fit_svyglm(
    design: TaylorDesign | ReplicateDesign,
    formula: str,
    family: Family = "gaussian",
    subset: Subset = None,
) -> SurveyGLM:
    """Fit a GLM with design-based standard errors; see :func:`svyglm`."""
    import patsy

    if family not in ("gaussian", "binomial"):
        raise ValueError(f"family must be 'gaussian' or 'binomial'; got {family!r}")
    data = design.data.reset_index(drop=True)
    weights = np.asarray(design.weights, dtype=np.float64)
    domain = _domain_mask(data, subset)
    try:
        y_frame, x_frame = patsy.dmatrices(formula, data, NA_action="drop", return_type="dataframe")
    except patsy.PatsyError as exc:
        raise ValueError(f"formula {formula!r}: {exc}") from exc
    rows = y_frame.index.to_numpy()
    keep = domain[rows] & (weights[rows] > 0)
    rows = rows[keep]
    if rows.size == 0:
        raise ValueError("no cases with positive weight and complete data in the domain")
    y = _response(y_frame.loc[rows], family)
    x = x_frame.loc[rows]
    prior = weights[rows] / weights[rows].mean()
    _check_rank(x, prior)

    xv = x.to_numpy()
    beta = _fit(y, xv, prior, family)
    used = np.zeros(len(data), dtype=bool)
    used[rows] = True
    if isinstance(design, ReplicateDesign):
        vcov = _replicate_vcov(design, y, xv, rows, family, beta)
    else:
        vcov = _linearization_vcov(design, y, xv, rows, prior, family, beta)
    terms = list(x.columns)
    return SurveyGLM(
        formula=formula,
        family=family,
        coefficients=pd.Series(beta, index=terms),
        vcov=pd.DataFrame(vcov, index=terms, columns=terms),
        df_residual=int(design.subset(used).degf()) + 1 - len(terms),
        n=int(rows.size),
    )


def svyglm(
    design: TaylorDesign | ReplicateDesign,
    formula: str,
    family: Family = "gaussian",
    subset: Subset = None,
    level: float = 0.95,
) -> pd.DataFrame:
    """Design-based linear or logistic regression.

    Parameters
    ----------
    design : SurveyDesign or ReplicateDesign
        With replicate weights the model is refitted with each replicate's
        weights and the covariance is that of the replicate coefficients
        (R's ``svyglm.svyrep.design``).
    formula : str
        Patsy formula, e.g. ``"api00 ~ ell + C(stype)"`` or
        ``"I(victim == 'yes') ~ C(sex) + age"``; a two-level categorical
        response counts its second level as the event.
    family : {"gaussian", "binomial"}
        Identity link or logit link. Binomial is R's ``quasibinomial``: the
        response may be any proportion and no warning is given for
        non-integer weighted counts.
    subset : str, boolean array or None
        Domain: a ``DataFrame.eval`` expression or a mask. Cases outside it
        get zero weight but keep their place in the design, so the standard
        errors stay design-based (never subset the rows yourself).
    level : float
        Confidence level of the intervals.

    Returns
    -------
    DataFrame
        One row per coefficient: ``term, estimate, se, t, p, ci_low,
        ci_high, df`` and, for binomial, ``odds_ratio, or_ci_low, or_ci_high``.

    Notes
    -----
    The coefficients solve the weighted score equations
    :math:`\\sum_i w_i x_i (y_i - \\mu_i) = 0`. With
    :math:`A = \\sum_i w_i v_i x_i x_i^\\top` (``cov.unscaled``, :math:`v_i`
    the working weight) the influence values are
    :math:`h_i = A^{-1} w_i x_i (y_i - \\mu_i)` and
    :math:`\\widehat{V}(\\hat\\beta) = \\widehat{V}_{design}(\\sum_i h_i)`
    (Binder 1983; Lumley 2010, ch. 5). Tests use
    :math:`t = \\hat\\beta / se` on :math:`df = \\text{degf} - p + 1`, as
    ``summary.svyglm``. Rows with missing values in the formula are dropped
    from the domain, as R's ``na.omit``.

    Examples
    --------
    R equivalent::

        svyglm(api00 ~ ell + meals + mobility, design = dstrat)
        svyglm(I(sch.wide == "Yes") ~ ell + meals, design = dclus2,
               family = quasibinomial())

    >>> svyglm(dstrat, "api00 ~ ell + meals + mobility")  # doctest: +SKIP
    """
    return fit_svyglm(design, formula, family=family, subset=subset).table(level)
