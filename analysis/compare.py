"""Comparisons: changes between waves, differences between domains, perceived vs actual.

* :func:`wave_difference`: change of each indicator between two waves
  (independent samples) with its standard error, t, p and significance.
* :func:`domain_difference`: difference between two domains of the same
  design, with the covariance of the two estimates.
* :func:`perceived_vs_actual`: per area or group, feeling unsafe and
  thinking victimization likely next to prevalence, incidence, the dark
  figure and police-recorded crime.
* :func:`perceived_trend`: the share who think crime increased next to
  the measured change of prevalence and incidence between waves.
* :func:`fear_gap`: areas or groups whose fear ranks clearly above (or
  below) their victimization, by standardized ranks with intervals.
* :func:`fear_model`: design-based logistic regression of feeling unsafe on
  victimization, sex, age group, area and trust in the police.

Perceived likelihood of victimization in the next 12 months is a
perception; nothing here divides it by last year's prevalence (naming.md).
"""

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

__all__ = [
    "DIFFERENCE_COLUMNS",
    "domain_difference",
    "fear_gap",
    "fear_model",
    "perceived_trend",
    "perceived_vs_actual",
    "police_rates",
    "wave_difference",
]

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


def police_rates(
    police: pd.DataFrame,
    area: str = "area",
    period: str | None = None,
    crime_types: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Police-recorded crimes per 100,000 inhabitants by area.

    Parameters
    ----------
    police : pandas.DataFrame
        Columns ``area`` (or the column named by ``area``), ``period``,
        ``crime_type``, ``count``, ``population`` (population of the area,
        repeated on each of its rows).
    area : str
        Column to aggregate by (e.g. ``"state"`` when the table has it).
    period : str, optional
        Keep this period only (the survey's reference period).
    crime_types : sequence of int, optional
        Keep these ``crime_type`` codes.

    Returns
    -------
    pandas.DataFrame
        ``domain, police_count, population, police_rate`` (per 100,000).

    Examples
    --------
    >>> police_rates(police, area="state", period="2024")   # doctest: +SKIP
    """
    needed = {area, "crime_type", "count", "population"} | (
        {"period"} if period is not None else set()
    )
    missing = sorted(needed - set(police.columns))
    if missing:
        raise ValueError(f"police table lacks column(s) {', '.join(missing)}")
    table = police
    if period is not None:
        table = table[table["period"].astype(str) == str(period)]
    if crime_types is not None:
        table = table[table["crime_type"].isin(list(crime_types))]
    if (pd.to_numeric(table["count"], errors="coerce") < 0).any():
        raise ValueError("police column 'count' has negative or non-numeric values")
    base = "area" if "area" in table.columns else area
    # population once per base area (it repeats over crime types)
    population = table.groupby(base)["population"].max()
    owner = table.groupby(base)[area].first()
    pop = population.groupby(owner).sum()
    count = table.groupby(area)["count"].sum()
    out = pd.DataFrame({"police_count": count, "population": pop}).reset_index(names="domain")
    out["domain"] = out["domain"].astype(str)
    out["police_rate"] = 1e5 * out["police_count"] / out["population"]
    return out


def perceived_vs_actual(
    table: pd.DataFrame,
    domain_type: str = "state",
    perceived: Sequence[str] = ("insecure_nbhd", "insecure_muni", "insecure_state", "likely"),
    actual: Sequence[str] = ("prev_person", "incidence", "dark_figure"),
    police: pd.DataFrame | None = None,
    police_area: str = "area",
    period: str | None = None,
) -> pd.DataFrame:
    """Perceived and actual insecurity side by side, one row per area or group.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`analysis.indicators.compute_indicators`.
    domain_type : str
        ``state``, ``municipality``, ``sex``, ``age_group``, ``youth``, ...
    perceived, actual : sequence of str
        Indicator ids; each gives ``<id>``, ``<id>_ci_low``, ``<id>_ci_high``
        and ``<id>_quality`` columns.
    police : pandas.DataFrame, optional
        Police-recorded crime (see :func:`police_rates`); adds
        ``police_count``, ``police_rate`` (per 100,000 inhabitants) and,
        when ``incidence`` is in ``actual``, ``recorded_share`` = police rate
        / survey incidence: the share of the crimes people suffer that end
        up in police records (both are counts of crimes of the same period).
    police_area : str
        Column of the police table matching ``domain`` (``area`` when the
        police areas are the domain's, ``state`` to add municipalities up).
    period : str, optional
        Police period to use.

    Returns
    -------
    pandas.DataFrame
        One row per domain.

    Notes
    -----
    Feeling unsafe, thinking victimization likely next year and last year's
    prevalence measure different things and are shown next to each other,
    never divided by one another: the likelihood of the next 12 months
    cannot be mapped one to one onto last year's rates.

    Examples
    --------
    >>> perceived_vs_actual(table, "state", police=police, police_area="state")  # doctest: +SKIP
    """
    missing = sorted(
        {"indicator", "domain_type", "domain", "estimate", "ci_low", "ci_high", "quality"}
        - set(table.columns)
    )
    if missing:
        raise ValueError(f"table lacks column(s) {', '.join(missing)}")
    part = table[table["domain_type"] == domain_type]
    if part.empty:
        raise ValueError(f"table has no rows with domain_type {domain_type!r}")
    out = pd.DataFrame({"domain": sorted(part["domain"].unique())})
    for ident in [*perceived, *actual]:
        rows = part[part["indicator"] == ident]
        if rows.empty:
            raise ValueError(f"table has no indicator {ident!r} for {domain_type!r}")
        cols = rows.set_index("domain")[["estimate", "ci_low", "ci_high", "quality"]]
        cols.columns = [ident, f"{ident}_ci_low", f"{ident}_ci_high", f"{ident}_quality"]
        out = out.merge(cols, left_on="domain", right_index=True, how="left")
    if police is not None:
        rates = police_rates(police, area=police_area, period=period)
        out = out.merge(rates[["domain", "police_count", "police_rate"]], on="domain", how="left")
        if "incidence" in actual:
            out["recorded_share"] = out["police_rate"] / out["incidence"]
    return out


def perceived_trend(
    current: pd.DataFrame,
    previous: pd.DataFrame,
    domain_type: str = "national",
    perceived: str = "trend_area_up",
    measured: Sequence[str] = ("prev_person", "incidence"),
    level: float = 0.95,
) -> pd.DataFrame:
    """Perceived trend ("crime has increased") next to the measured change between waves.

    Parameters
    ----------
    current, previous : pandas.DataFrame
        :func:`analysis.indicators.compute_indicators` tables of two waves.
    domain_type : str
    perceived : str
        Indicator of the current wave (``trend_area_up`` or
        ``trend_country_up``: share who think crime increased).
    measured : sequence of str
        Indicators whose change is measured (:func:`wave_difference`).
    level : float
        Level of the change's test.

    Returns
    -------
    pandas.DataFrame
        One row per domain: ``domain``, the perceived share and its interval,
        then for each measured indicator ``<id>_change``, ``<id>_p`` and
        ``<id>_trend`` (``increase``, ``decrease``, or ``no significant
        change``: a change is a change only when significant).

    Examples
    --------
    >>> perceived_trend(table_2025, table_2024, domain_type="state")   # doctest: +SKIP
    """
    part = current[(current["domain_type"] == domain_type) & (current["indicator"] == perceived)]
    if part.empty:
        raise ValueError(f"current table has no indicator {perceived!r} for {domain_type!r}")
    out = part[["domain", "estimate", "ci_low", "ci_high"]].rename(
        columns={
            "estimate": perceived,
            "ci_low": f"{perceived}_ci_low",
            "ci_high": f"{perceived}_ci_high",
        }
    )
    changes = wave_difference(current, previous, level=level, indicators=list(measured))
    changes = changes[changes["domain_type"] == domain_type]
    for ident in measured:
        rows = changes[changes["indicator"] == ident].set_index("domain")
        if rows.empty:
            raise ValueError(f"both tables need indicator {ident!r} for {domain_type!r}")
        trend = np.where(
            ~rows["significant"],
            "no significant change",
            np.where(rows["difference"] > 0, "increase", "decrease"),
        )
        cols = pd.DataFrame(
            {
                f"{ident}_change": rows["difference"],
                f"{ident}_p": rows["p"],
                f"{ident}_trend": trend,
            },
            index=rows.index,
        )
        out = out.merge(cols, left_on="domain", right_index=True, how="left")
    return out.reset_index(drop=True)


def fear_gap(
    table: pd.DataFrame,
    fear: str = "insecure_nbhd",
    victimization: str = "prev_person",
    domain_type: str = "state",
    level: float = 0.90,
    draws: int = 2000,
    rng: np.random.Generator | int | None = 0,
) -> pd.DataFrame:
    r"""Areas (or groups) where fear is high relative to victimization, and the reverse.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`analysis.indicators.compute_indicators`.
    fear, victimization : str
        Indicator ids compared (e.g. ``insecure_nbhd`` vs ``prev_person``).
    domain_type : str
        Areas or groups to rank (at least three domains).
    level : float
        Level of the rank intervals.
    draws : int
        Monte Carlo draws.
    rng : Generator, int or None
        Random source (default seed 0: the same table gives the same result).

    Returns
    -------
    pandas.DataFrame
        ``domain, fear, victimization, fear_rank, victimization_rank, gap,
        gap_low, gap_high, classification`` with ``classification`` one of
        ``fear above victimization``, ``fear below victimization``,
        ``consistent``.

    Notes
    -----
    Fear and victimization are on different scales, so the domains are
    compared by their standardized ranks :math:`r/(K-1) \in [0, 1]` among
    the :math:`K` domains. The gap is ``fear_rank - victimization_rank``
    (+1: most fearful and least victimized). Its interval comes from
    ``draws`` joint draws of every domain's estimates from
    :math:`N(\hat\theta, SE^2)` (domains treated as independent, as strata
    of the sample are), re-ranking each time, and taking the equal-tailed
    percentiles (Goldstein and Spiegelhalter 1996, rank intervals). A domain
    is classified only when the interval excludes 0. For groups that share
    PSUs (sex, age groups) the independence of the draws is an
    approximation; with few groups prefer :func:`domain_difference`.

    Examples
    --------
    >>> fear_gap(table, "insecure_nbhd", "prev_person", "state")   # doctest: +SKIP
    """
    check_level(level)
    if draws < 100:
        raise ValueError(f"draws must be at least 100; got {draws}")
    gen = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    part = table[table["domain_type"] == domain_type]
    values = {}
    for ident in (fear, victimization):
        rows = part[part["indicator"] == ident].set_index("domain")[["estimate", "se"]]
        if rows.empty:
            raise ValueError(f"table has no indicator {ident!r} for {domain_type!r}")
        values[ident] = rows
    joined = (
        values[fear]
        .merge(values[victimization], left_index=True, right_index=True, suffixes=("_f", "_v"))
        .dropna()
    )
    k = len(joined)
    if k < 3:
        raise ValueError(f"fear_gap needs at least three {domain_type} domains with both estimates")

    def ranks(x: np.ndarray) -> np.ndarray:
        return np.argsort(np.argsort(x, axis=-1), axis=-1) / (k - 1)

    est_f, se_f = joined["estimate_f"].to_numpy(), joined["se_f"].to_numpy()
    est_v, se_v = joined["estimate_v"].to_numpy(), joined["se_v"].to_numpy()
    sim_f = est_f + se_f * gen.standard_normal((draws, k))
    sim_v = est_v + se_v * gen.standard_normal((draws, k))
    sim_gap = ranks(sim_f) - ranks(sim_v)
    low, high = np.percentile(sim_gap, [50 * (1 - level), 50 * (1 + level)], axis=0)
    gap = ranks(est_f) - ranks(est_v)
    label = np.where(
        low > 0,
        "fear above victimization",
        np.where(high < 0, "fear below victimization", "consistent"),
    )
    return pd.DataFrame(
        {
            "domain": joined.index.to_numpy(),
            "fear": est_f,
            "victimization": est_v,
            "fear_rank": ranks(est_f),
            "victimization_rank": ranks(est_v),
            "gap": gap,
            "gap_low": low,
            "gap_high": high,
            "classification": label,
        }
    )


def fear_model(
    respondents: pd.DataFrame,
    design_spec: DesignSpec | Mapping[str, Any] | None = None,
    outcome: str = "insecure_nbhd",
    area: str = "state",
    level: float = 0.95,
) -> pd.DataFrame:
    """Design-based logistic regression of feeling unsafe on victimization and covariates.

    Parameters
    ----------
    respondents : pandas.DataFrame
        Respondent table with design columns.
    design_spec : DesignSpec or mapping
    outcome : str
        A person-level 0/1 indicator id for the response (default
        ``insecure_nbhd``: feels unsafe in the neighbourhood).
    area : str
        Domain name or column for the area effects (``state``).
    level : float
        Level of the odds-ratio intervals.

    Returns
    -------
    pandas.DataFrame
        :func:`analysis.regression.svyglm` output (``term, estimate, se, t,
        p, ci_low, ci_high, df, odds_ratio, or_ci_low, or_ci_high``).

    Notes
    -----
    Model: ``logit P(unsafe) = victim + sex + age group + area + trust in
    police``, where ``victim`` is ``prev_person`` (unknown status left out),
    trust is ``trusts`` (1-2), ``distrusts`` (3-4) or ``unknown`` (does not
    know the police, or -8), with ``distrusts`` as the reference. Fitted by
    :meth:`SurveyDesign.glm` (quasibinomial, Taylor linearization); cases
    with a missing variable leave the domain, not the design.

    Examples
    --------
    R: ``svyglm(unsafe ~ victim + factor(sex) + factor(age_group) +
    factor(state) + factor(trust), des, family = quasibinomial())``
    """
    spec = DesignSpec.from_any(design_spec)
    frame = add_domain_columns(respondents).reset_index(drop=True)
    target = get_indicator(outcome)
    if target.level != "person" or target.estimator != "proportion":
        raise ValueError(f"outcome {outcome!r} must be a person-level percentage indicator")
    response = indicator_variables(target, frame, None, spec.respondent_id)
    victim = indicator_variables(get_indicator("prev_person"), frame, None, spec.respondent_id)
    area_column = spec.domain_columns.get(area, area)
    sex_column = spec.domain_columns.get("sex", "dem_sex")
    for column in (area_column, sex_column, "age_group"):
        if column not in frame.columns:
            raise ValueError(f"column {column!r} not found in the respondent table")
    trust = (
        frame["trust_police"]
        if "trust_police" in frame.columns
        else pd.Series(np.nan, index=frame.index)
    )
    data = pd.DataFrame(
        {
            "unsafe": np.where(response["den"] > 0, response["num"], np.nan),
            "victim": np.where(victim["den"] > 0, victim["num"], np.nan),
            "sex": domain_labels(frame[sex_column]),
            "age_group": frame["age_group"],
            "area": domain_labels(frame[area_column]),
            "trust": np.where(
                trust.isin([1, 2]), "trusts", np.where(trust.isin([3, 4]), "distrusts", "unknown")
            ),
        }
    )
    for design_column in (spec.weight, *spec.design_columns):
        data[design_column] = frame[design_column].to_numpy()
    design = survey_design(data, spec)
    formula = "unsafe ~ victim + C(sex) + C(age_group) + C(area) + C(trust, Treatment('distrusts'))"
    return design.glm(formula, family="binomial", level=level)
