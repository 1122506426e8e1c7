"""Changes between waves and differences between domains, with their tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

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
        parts = indicator_variables(ind, frame, incidents, spec.respondent_id)
        design = survey_design(frame, spec, "household" if ind.level == "household" else "person")
        w = design.weights
        y, x = parts["num"], parts["den"]
        z = np.zeros((len(frame), 2))
        est = np.zeros(2)
        for j, inside in enumerate((in_a, in_b)):
            total_x = np.sum(w * x * inside)
            est[j] = np.sum(w * y * inside) / total_x
            z[:, j] = w * inside * (y - est[j] * x) / total_x
        cov = design._variance(z)
        scale = UNIT_SCALE[ind.unit]
        diff = np.array([scale * (est[1] - est[0])])
        se = np.array([scale * np.sqrt(max(cov[0, 0] + cov[1, 1] - 2.0 * cov[0, 1], 0.0))])
        test = _test(diff, se, np.array([float(design.degf())]), level)
        rows.append(
            {
                "indicator": ident,
                "domain_type": by,
                "domain": f"{second} - {first}",
                "estimate_a": scale * est[0],
                "estimate_b": scale * est[1],
                "difference": diff[0],
                **{k: v[0] for k, v in test.items()},
                "level": float(level),
            }
        )
    return pd.DataFrame(rows, columns=list(DIFFERENCE_COLUMNS))
