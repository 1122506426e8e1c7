"""Changes between waves and differences between domains, with their tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.estimate import check_level
from analysis.indicators.catalogue import UNIT_SCALE, get_indicator
from analysis.indicators.compute import add_domain_columns, indicator_variables
from analysis.indicators.spec import DesignSpec, domain_labels, survey_design

#: columns of the tables of :func:`wave_difference` and :func:`domain_difference`
DIFFERENCE_COLUMNS: tuple[str, ...] = (
    "indicator",
    "domain_type",
    "domain",
    "estimate_a",
    "estimate_b",
    "difference",
    "se",
    "ci_low",
    "ci_high",
    "t",
    "df",
    "p",
    "significant",
    "level",
)


def _test(diff: np.ndarray, se: np.ndarray, df: np.ndarray, level: float) -> dict[str, np.ndarray]:
    # Imported here: the package is read for its names by the management pages, and scipy
    # would add 2 s to a server process's first wave page (tests/analysis/test_imports.py).
    from scipy import stats

    with np.errstate(divide="ignore", invalid="ignore"):
        t = diff / se
        p = 2.0 * stats.t.sf(np.abs(t), df)
        q = stats.t.ppf(0.5 + level / 2.0, df)
    return {
        "se": se,
        "ci_low": diff - q * se,
        "ci_high": diff + q * se,
        "t": t,
        "df": df,
        "p": p,
        "significant": np.asarray(p < 1.0 - level) & np.isfinite(p),
    }


@dataclass(frozen=True)
class DomainEstimates:
    """Estimates of one indicator in several domains of one design, with their covariance.

    ``estimate`` (k,) and ``cov`` (k, k) are on the indicator's own scale
    (proportions, not percent); ``cases`` (k,) counts the unweighted cases
    in each domain's denominator; ``df`` is the design's degrees of freedom.
    """

    estimate: np.ndarray
    cov: np.ndarray
    cases: np.ndarray
    df: float


def domain_estimates(
    frame: pd.DataFrame,
    incidents: pd.DataFrame | None,
    spec: DesignSpec,
    indicator: str,
    masks: Sequence[np.ndarray],
) -> DomainEstimates:
    r"""One indicator in each of ``masks`` (domains, may overlap) with the full covariance.

    Parameters
    ----------
    frame : pandas.DataFrame
        Respondent table (index 0..n-1, as :func:`add_domain_columns` leaves it).
    incidents : pandas.DataFrame or None
    spec : DesignSpec
    indicator : str
        Catalogue id.
    masks : sequence of boolean arrays
        One per domain, one value per row of ``frame``.

    Returns
    -------
    DomainEstimates

    Notes
    -----
    Each domain ratio :math:`\hat R_d = \hat Y_d / \hat X_d` is linearized
    as :math:`z_{di} = w_i \delta_{di}(y_i - \hat R_d x_i) / \hat X_d`; all
    :math:`z_d` go through one call of the design's variance, so domains
    sharing strata and PSUs get their covariance. A domain without cases
    gives NaN. R: ``svyby(~y, ~d, des, svymean, covmat = TRUE)`` (or
    ``svyratio``), then ``vcov()``.
    """
    ind = get_indicator(indicator)
    parts = indicator_variables(ind, frame, incidents, spec.respondent_id)
    design = survey_design(frame, spec, "household" if ind.level == "household" else "person")
    w = design.weights
    y, x = parts["num"], parts["den"]
    k = len(masks)
    z = np.zeros((len(frame), k))
    est = np.full(k, np.nan)
    cases = np.zeros(k)
    for j, inside in enumerate(masks):
        inside = np.asarray(inside, dtype=bool)
        if inside.shape != (len(frame),):
            raise ValueError(f"domain mask {j} must have one value per respondent ({len(frame)})")
        total_x = float(np.sum(w * x * inside))
        cases[j] = float(np.sum(parts["cases"] * inside))
        if total_x <= 0:
            continue
        est[j] = np.sum(w * y * inside) / total_x
        z[:, j] = w * inside * (y - est[j] * x) / total_x
    cov = np.asarray(design._variance(z), dtype=np.float64).reshape(k, k)
    empty = np.isnan(est)
    cov[empty, :] = np.nan
    cov[:, empty] = np.nan
    return DomainEstimates(est, cov, cases, float(design.degf()))


def stack_independent(*parts: DomainEstimates) -> DomainEstimates:
    """Estimates of independent samples (waves) as one: block-diagonal covariance, df added.

    The same as one design whose strata are the samples' strata kept apart
    (R: ``rbind`` the waves, strata ``wave × stratum``), since no PSU or
    stratum is shared.
    """
    if not parts:
        raise ValueError("give at least one set of estimates")
    k = sum(p.estimate.size for p in parts)
    cov = np.zeros((k, k))
    start = 0
    for p in parts:
        end = start + p.estimate.size
        cov[start:end, start:end] = p.cov
        start = end
    return DomainEstimates(
        np.concatenate([p.estimate for p in parts]),
        cov,
        np.concatenate([p.cases for p in parts]),
        float(sum(p.df for p in parts)),
    )


def contrast(
    cells: DomainEstimates, coefficients: Sequence[float], scale: float, level: float
) -> dict[str, float]:
    r"""A linear combination :math:`c^\top \hat R` of domain estimates with its test.

    Returns ``difference`` (on ``scale``: 100 for percentage points),
    ``se, ci_low, ci_high, t, df, p, significant``; ``se`` is
    :math:`\sqrt{c^\top V c}`. R: ``svycontrast(b, c)``.
    """
    c = np.asarray(coefficients, dtype=np.float64)
    if c.shape != cells.estimate.shape:
        raise ValueError(f"give {cells.estimate.size} contrast coefficients; got {c.size}")
    value = scale * float(c @ cells.estimate)
    var = float(c @ cells.cov @ c)
    se = scale * np.sqrt(max(var, 0.0)) if np.isfinite(var) else np.nan
    test = _test(np.array([value]), np.array([se]), np.array([cells.df]), level)
    out: dict[str, Any] = {"difference": value}
    out.update({key: v[0].item() for key, v in test.items()})
    return out


def wave_difference(
    current: pd.DataFrame,
    previous: pd.DataFrame,
    level: float = 0.95,
    indicators: Sequence[str] | None = None,
) -> pd.DataFrame:
    r"""Change of every indicator between two waves (independent samples).

    Parameters
    ----------
    current, previous : pandas.DataFrame
        Tables of :func:`analysis.indicators.compute_indicators` (``a`` =
        previous, ``b`` = current).
    level : float
        Confidence level; a change is significant when ``p < 1 - level``
        (ONS: 5%, the default). Only significant changes should be reported
        as changes.
    indicators : sequence of str, optional
        Restrict to these indicators.

    Returns
    -------
    pandas.DataFrame
        :data:`DIFFERENCE_COLUMNS` for every indicator and domain present in
        both tables; ``difference = estimate_b - estimate_a`` on the
        indicator's unit (percentage points for percentages).

    Notes
    -----
    With independent samples :math:`SE(\hat\theta_b - \hat\theta_a) =
    \sqrt{SE_a^2 + SE_b^2}`; :math:`t` is referred to Student's t with
    :math:`df_a + df_b` degrees of freedom. Two waves sharing PSUs
    (a panel or a rotating sample) are correlated: this formula then
    overstates the SE.

    Examples
    --------
    R: ``d <- coef(b) - coef(a); se <- sqrt(SE(a)^2 + SE(b)^2)``

    >>> wave_difference(table_2025, table_2024)   # doctest: +SKIP
    """
    check_level(level)
    keys = ["indicator", "domain_type", "domain"]
    for name, table in (("current", current), ("previous", previous)):
        missing = sorted({*keys, "estimate", "se", "df"} - set(table.columns))
        if missing:
            raise ValueError(f"{name} table lacks column(s) {', '.join(missing)}")
    a = previous[[*keys, "estimate", "se", "df"]]
    b = current[[*keys, "estimate", "se", "df"]]
    if indicators is not None:
        a = a[a["indicator"].isin(indicators)]
        b = b[b["indicator"].isin(indicators)]
    merged = a.merge(b, on=keys, suffixes=("_a", "_b"))
    diff = (merged["estimate_b"] - merged["estimate_a"]).to_numpy(dtype=np.float64)
    se = np.sqrt(
        merged["se_a"].to_numpy(dtype=np.float64) ** 2
        + merged["se_b"].to_numpy(dtype=np.float64) ** 2
    )
    df = (merged["df_a"] + merged["df_b"]).to_numpy(dtype=np.float64)
    out = merged[[*keys, "estimate_a", "estimate_b"]].assign(
        difference=diff, **_test(diff, se, df, level)
    )
    out["level"] = float(level)
    return out[list(DIFFERENCE_COLUMNS)].reset_index(drop=True)


def domain_difference(
    respondents: pd.DataFrame,
    incidents: pd.DataFrame | None,
    design_spec: DesignSpec | Mapping[str, Any] | None,
    indicators: str | Sequence[str],
    by: str,
    first: Any,
    second: Any,
    level: float = 0.95,
) -> pd.DataFrame:
    r"""Difference between two domains of one design, with their covariance.

    Parameters
    ----------
    respondents, incidents, design_spec
        As for :func:`analysis.indicators.compute_indicators`.
    indicators : str or sequence of str
        Catalogue ids.
    by : str
        Domain name (``state``, ``sex``, ``age_group``, ...) or column.
    first, second
        The two domain values (``a`` and ``b``); compared as text, so
        ``"1"`` and ``1`` name the same sex code.
    level : float
        Confidence level of the interval and of ``significant``.

    Returns
    -------
    pandas.DataFrame
        :data:`DIFFERENCE_COLUMNS`, ``difference = estimate_b - estimate_a``
        on the indicator's unit, ``domain = "<second> - <first>"``.

    Notes
    -----
    Both domain ratios :math:`\hat R_d = \hat Y_d / \hat X_d` are linearized
    as :math:`z_{di} = w_i \delta_{di}(y_i - \hat R_d x_i) / \hat X_d` and
    their 2×2 covariance is computed in one call of the design's variance
    (PSUs hold cases of both domains, e.g. men and women), so
    :math:`V(\hat R_b - \hat R_a) = V_{aa} + V_{bb} - 2 V_{ab}`; ``df`` is the
    design's degrees of freedom.

    Examples
    --------
    R: ``b <- svyby(~y, ~sex, des, svymean, covmat = TRUE);
    svycontrast(b, c(-1, 1))``

    >>> domain_difference(resp, inc, spec, "insecure_nbhd", "sex", 1, 2)   # doctest: +SKIP
    """
    check_level(level)
    spec = DesignSpec.from_any(design_spec)
    frame = add_domain_columns(respondents).reset_index(drop=True)
    column = spec.domain_columns.get(by, by)
    if column not in frame.columns:
        raise ValueError(f"domain {by!r}: column {column!r} not found in the respondent table")
    label = domain_labels(frame[column])
    in_a = (label == str(first)).to_numpy()
    in_b = (label == str(second)).to_numpy()
    for value, inside in ((first, in_a), (second, in_b)):
        if not inside.any():
            raise ValueError(f"column {column!r} has no case with value {value!r}")
    ids = [indicators] if isinstance(indicators, str) else list(indicators)
    rows = []
    for ident in ids:
        ind = get_indicator(ident)
        cells = domain_estimates(frame, incidents, spec, ident, [in_a, in_b])
        scale = UNIT_SCALE[ind.unit]
        rows.append(
            {
                "indicator": ident,
                "domain_type": by,
                "domain": f"{second} - {first}",
                "estimate_a": scale * cells.estimate[0],
                "estimate_b": scale * cells.estimate[1],
                **contrast(cells, [-1.0, 1.0], scale, level),
                "level": float(level),
            }
        )
    return pd.DataFrame(rows, columns=list(DIFFERENCE_COLUMNS))
