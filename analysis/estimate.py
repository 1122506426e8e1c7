"""The result of one design-based estimate, and the confidence intervals behind it.

t quantiles come from :mod:`analysis._student` (no scipy import for the
usual intervals); the beta (Clopper–Pearson) limits import ``scipy.special``
when first needed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from analysis._student import normal_quantile, t_quantiles

#: Columns of every tidy estimate table, after the domain columns.
ESTIMATE_COLUMNS: tuple[str, ...] = (
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "df",
    "cv",
    "deff",
    "n",
    "n_missing",
    "level",
)


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its design-based precision.

    Attributes
    ----------
    estimate : float
        The point estimate.
    se : float
        Standard error (square root of the design-based variance).
    ci_low, ci_high : float
        Confidence interval at ``level``.
    df : float
        Degrees of freedom of the t quantile: PSUs minus strata among the cases
        that enter the estimate (R's ``degf()``); ``inf`` for a normal interval.
    cv : float
        Coefficient of variation ``se / estimate``.
    deff : float
        Design effect against simple random sampling without replacement with
        the same number of cases (R's ``deff = TRUE``); ``nan`` when undefined.
    n : int
        Unweighted number of cases used (positive weight, value not missing).
    n_missing : int
        Cases of the domain dropped because the variable was missing.
    level : float
        Confidence level of the interval.
    """

    estimate: float
    se: float
    ci_low: float
    ci_high: float
    df: float
    cv: float
    deff: float
    n: int
    n_missing: int = 0
    level: float = 0.95

    @property
    def variance(self) -> float:
        """Squared standard error."""
        return self.se**2

    @property
    def effective_n(self) -> float:
        """Effective sample size ``n / deff`` (Kish)."""
        return self.n / self.deff if self.deff > 0 else float("nan")

    def to_dict(self) -> dict[str, float]:
        """The fields as a plain dictionary (one row of an estimate table)."""
        return asdict(self)


def t_quantile(level: float, df: np.ndarray | float) -> np.ndarray:
    """Two-sided critical value: ``qt(1 - (1 - level)/2, df)``; normal when ``df`` is inf.

    Degrees of freedom of zero or less give ``nan`` (R's ``qt`` does too).
    """
    check_level(level)
    return _qt(1.0 - (1.0 - level) / 2.0, df)


def _qt(p: float, df: np.ndarray | float) -> np.ndarray:
    """``qt(p, df)`` elementwise: normal for infinite ``df``, NaN for ``df`` NaN or <= 0."""
    df_arr = np.asarray(df, dtype=np.float64)
    finite = np.isfinite(df_arr) & (df_arr > 0)
    out = np.where(df_arr == np.inf, normal_quantile(p), np.nan)
    if finite.any():
        out[finite] = t_quantiles(p, df_arr[finite])
    return out


def _beta_quantile(q: float, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``qbeta(q, a, b)`` elementwise, NaN unless ``a > 0`` and ``b > 0`` (as scipy's ``beta.ppf``)."""
    from scipy.special import betaincinv

    ok = (a > 0) & (b > 0)
    values = betaincinv(np.where(ok, a, 1.0), np.where(ok, b, 1.0), q)
    return np.where(ok, values, np.nan)


def check_level(level: float) -> None:
    """Raise ``ValueError`` unless ``0 < level < 1``."""
    if not 0.0 < float(level) < 1.0:
        raise ValueError(f"level must be strictly between 0 and 1; got {level!r}")


def wald_interval(
    estimate: np.ndarray, se: np.ndarray, df: np.ndarray | float, level: float
) -> tuple[np.ndarray, np.ndarray]:
    """``estimate -/+ qt(1 - alpha/2, df) * se``: R's ``confint(x, df = degf(design))``."""
    q = t_quantile(level, df)
    return estimate - q * se, estimate + q * se


def logit_interval(
    p: np.ndarray,
    se: np.ndarray,
    df: np.ndarray | float,
    level: float,
    n: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Wald interval on the logit scale, back-transformed.

    R's ``svyciprop(method = "logit")``: an intercept-only quasibinomial
    ``svyglm`` whose coefficient ``log(p/(1-p))`` has standard error
    ``se / (p (1 - p))``; the interval uses ``qt(., df = degf(design))``.
    At ``p = 0`` or ``1`` the logit is infinite (R returns a degenerate
    interval); the Clopper–Pearson interval with ``n`` cases is returned
    instead when ``n`` is given.
    """
    q = t_quantile(level, df)
    with np.errstate(divide="ignore", invalid="ignore"):
        eta = np.log(p / (1.0 - p))
        half = q * se / (p * (1.0 - p))
        low, high = _expit(eta - half), _expit(eta + half)
    if n is not None:
        edge = (p == 0) | (p == 1)
        if edge.any():
            cp_low, cp_high = _clopper_pearson(p, np.asarray(n, dtype=np.float64), level)
            low, high = np.where(edge, cp_low, low), np.where(edge, cp_high, high)
    return low, high


def beta_interval(
    p: np.ndarray,
    se: np.ndarray,
    n: np.ndarray,
    df: np.ndarray | float,
    level: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Korn–Graubard (1998) Clopper–Pearson interval with an effective sample size.

    R's ``svyciprop(method = "beta")``:
    ``n_eff = p (1-p) / se^2 * (qt(alpha/2, n - 1) / qt(alpha/2, df))^2`` and
    ``(qbeta(alpha/2, n_eff p, n_eff (1-p) + 1), qbeta(1-alpha/2, n_eff p + 1, n_eff (1-p)))``.
    At ``p = 0`` or ``1`` the effective sample size is undefined (R returns
    ``NaN``); the actual number of cases ``n`` is used instead.
    """
    check_level(level)
    alpha = 1.0 - level
    n_arr = np.asarray(n, dtype=np.float64)
    df_arr = np.broadcast_to(np.asarray(df, dtype=np.float64), np.shape(p))
    with np.errstate(divide="ignore", invalid="ignore"):
        n_eff = p * (1.0 - p) / se**2
        num = _qt(alpha / 2.0, np.where(n_arr > 1, n_arr - 1, np.nan))
        den = _qt(alpha / 2.0, df_arr)
        n_eff = n_eff * (num / den) ** 2
        edge = (p == 0) | (p == 1)
        n_eff = np.where(edge, n_arr, n_eff)
        low = _beta_quantile(alpha / 2.0, n_eff * p, n_eff * (1.0 - p) + 1.0)
        high = _beta_quantile(1.0 - alpha / 2.0, n_eff * p + 1.0, n_eff * (1.0 - p))
    return np.where(p == 0, 0.0, low), np.where(p == 1, 1.0, high)


def _clopper_pearson(p: np.ndarray, n: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    alpha = 1.0 - level
    with np.errstate(divide="ignore", invalid="ignore"):
        low = _beta_quantile(alpha / 2.0, n * p, n * (1.0 - p) + 1.0)
        high = _beta_quantile(1.0 - alpha / 2.0, n * p + 1.0, n * (1.0 - p))
    return np.where(p == 0, 0.0, low), np.where(p == 1, 1.0, high)


def _expit(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))
