"""Compute the standard indicators for the nation and every domain, with quality flags."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from analysis._variance import summing_matrix
from analysis.crime_types import CRIME_STEMS, HOUSEHOLD_STEMS
from analysis.design import SurveyDesign
from analysis.estimate import check_level, logit_interval, wald_interval
from analysis.indicators.catalogue import UNIT_SCALE, Indicator, catalogue, get_indicator
from analysis.indicators.conditions import (
    CountOf,
    Score,
    ValueOf,
    evaluate,
    evaluate_quantity,
)
from analysis.indicators.coverage import missing_items
from analysis.indicators.quality import QualityRules, assess_quality
from analysis.indicators.spec import DesignSpec, domain_labels, level_weights, survey_design

__all__ = [
    "DEFAULT_DOMAINS",
    "HOUSEHOLD_CRIMES",
    "HouseholdCrimes",
    "INDICATOR_COLUMNS",
    "add_domain_columns",
    "compute_indicators",
    "indicator_variables",
]

#: How crimes against the household enter crime counts (incidence, concentration) and
#: incident-based estimates (reporting rate, dark figure): with the respondent's person weight,
#: so each counts once per adult of the household (ENVIPE), or with the household weight, once
#: per household (NCVS, CSEW household crime).
HouseholdCrimes = Literal["person", "household"]
HOUSEHOLD_CRIMES: tuple[HouseholdCrimes, ...] = ("person", "household")

#: columns of the table returned by :func:`compute_indicators`, in order
INDICATOR_COLUMNS: tuple[str, ...] = (
    "indicator",
    "domain_type",
    "domain",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "level",
    "cv",
    "n",
    "df",
    "deff",
    "n_effective",
    "unit",
    "unknown_share",
    "quality",
    "suppressed",
    "reason",
    "reasons",
)

DEFAULT_DOMAINS: tuple[str, ...] = (
    "national",
    "state",
    "municipality",
    "sex",
    "age_group",
    "youth",
)

#: age groups of the ``age_group`` domain: (label, lowest age, highest age)
AGE_GROUPS: tuple[tuple[str, int, int], ...] = (
    ("18-29", 18, 29),
    ("30-44", 30, 44),
    ("45-59", 45, 59),
    ("60+", 60, 200),
)


def add_domain_columns(respondents: pd.DataFrame, age: str = "dem_age") -> pd.DataFrame:
    """A copy with ``age_group`` (18-29, 30-44, 45-59, 60+) and ``youth`` (18-29, 30+).

    Existing columns of those names are kept.
    """
    out = respondents.copy()
    if ("age_group" in out and "youth" in out) or age not in out:
        return out
    years = pd.to_numeric(out[age], errors="coerce").to_numpy(dtype=np.float64)
    years = np.where(years < 0, np.nan, years)
    group = np.full(len(out), None, dtype=object)
    for label, low, high in AGE_GROUPS:
        group[(years >= low) & (years <= high)] = label
    if "age_group" not in out:
        out["age_group"] = group
    if "youth" not in out:
        youth = np.where(years <= 29, "18-29", "30+").astype(object)
        youth[np.isnan(years)] = None
        out["youth"] = youth
    return out


def _has_data(ind: Indicator, respondents: pd.DataFrame, incidents: pd.DataFrame | None) -> bool:
    """Whether some numerator code and some denominator code are columns (a dropped standard
    item is absent); the rule is :func:`analysis.indicators.coverage.missing_items`, which
    names the items too.

    Without the incident table an incident indicator counts as having data (it is reported
    as "needs the incident table").
    """
    columns = None if incidents is None else incidents.columns
    return not missing_items(ind, respondents.columns, columns)


def _select(indicators: Sequence[str] | None) -> list[Indicator]:
    if indicators is None:
        return list(catalogue())
    if isinstance(indicators, str):
        indicators = [indicators]
    return [get_indicator(ident) for ident in indicators]


def _with_parts(selected: list[Indicator]) -> list[Indicator]:
    """``selected`` and the parts of its differences, in catalogue order."""
    wanted = {i.id for i in selected}
    for ind in selected:
        wanted |= set(ind.parts or ())
    return [i for i in catalogue() if i.id in wanted]


def indicator_variables(
    indicator: Indicator,
    respondents: pd.DataFrame,
    incidents: pd.DataFrame | None,
    respondent_id: str = "interview_id",
) -> dict[str, np.ndarray]:
    """Per-respondent numerator, denominator, unknown flag and denominator case count.

    Returns ``num``, ``den`` (float, one value per respondent), ``unknown``
    (bool) and ``cases`` (unweighted cases in the denominator). For
    respondent-level indicators ``den`` is 0/1 and ``num`` the 0/1 condition
    or the crime count; for incident-level ones both are sums over the
    respondent's incidents, weighted by ``inc_factor`` (``incident``) or not
    (``victim``), so that the estimate is a ratio of respondent totals and
    keeps the whole design.
    """
    n = len(respondents)
    if indicator.parts is not None:
        raise ValueError(
            f"indicator {indicator.id!r} is a difference; take the variables of its parts "
            f"({', '.join(indicator.parts)})"
        )
    if indicator.level in ("person", "household"):
        den = evaluate(indicator.denominator, respondents)
        unknown = (
            evaluate(indicator.unknown, respondents) & den
            if indicator.unknown is not None
            else np.zeros(n, dtype=bool)
        )
        den = den & ~unknown
        if isinstance(indicator.numerator, CountOf | ValueOf | Score):
            num = evaluate_quantity(indicator.numerator, respondents)
        else:
            num = evaluate(indicator.numerator, respondents).astype(np.float64)
        return {
            "num": np.where(den, num, 0.0),
            "den": den.astype(np.float64),
            "unknown": unknown,
            "cases": den.astype(np.float64),
        }
    if incidents is None:
        raise ValueError(f"indicator {indicator.id!r} needs the incident table")
    if respondent_id not in incidents.columns:
        raise ValueError(f"incident table lacks the respondent id column {respondent_id!r}")
    if isinstance(indicator.numerator, CountOf | ValueOf | Score):  # a catalogue error
        raise TypeError(f"incident indicator {indicator.id!r} needs a 0/1 numerator")
    inc_den = evaluate(indicator.denominator, incidents)
    inc_num = evaluate(indicator.numerator, incidents) & inc_den
    if indicator.level == "incident":
        if "inc_factor" not in incidents.columns:
            raise ValueError("incident table lacks column 'inc_factor' (see incident_table)")
        factor = pd.to_numeric(incidents["inc_factor"]).to_numpy(dtype=np.float64)
    else:
        factor = np.ones(len(incidents))
    position = pd.Index(respondents[respondent_id]).get_indexer(incidents[respondent_id])
    if (position < 0).any():
        first = incidents[respondent_id].iloc[int(np.flatnonzero(position < 0)[0])]
        raise ValueError(
            f"incident table: {respondent_id} {first!r} has no row in the respondent table"
        )
    valid = inc_den & ~np.isnan(factor)
    num = np.bincount(position[valid], weights=factor[valid] * inc_num[valid], minlength=n)
    den = np.bincount(position[valid], weights=factor[valid], minlength=n)
    cases = np.bincount(position[valid], minlength=n).astype(np.float64)
    if indicator.once_per_victim:  # each victim once: in the numerator if any incident holds
        den = (den > 0).astype(np.float64)
        num = ((num > 0) & (den > 0)).astype(np.float64)
        cases = den
    return {"num": num, "den": den, "unknown": np.zeros(n, dtype=bool), "cases": cases}


@dataclass(frozen=True)
class _LevelVariables:
    """Per-case arrays of the indicators of one weight level, column j = ``ids[j]``.

    ``y`` (n, k) is the numerator where the denominator holds and NaN
    elsewhere; ``cases`` (n, k) the unweighted cases in the denominator.
    For the indicators ``with_unknown`` (positions in ``ids``), ``unknown``
    (n, u) flags unknown status (0/1) and ``known`` (n, u) a positive
    denominator.
    """

    ids: list[str]
    y: np.ndarray
    cases: np.ndarray
    with_unknown: list[int]
    unknown: np.ndarray
    known: np.ndarray


def _columns(n: int, k: int) -> np.ndarray:
    # column-major: each indicator's values are written as one contiguous column
    return np.empty((n, k), dtype=np.float64, order="F")


def _estimates(
    design: SurveyDesign,
    variables: _LevelVariables,
    by_columns: Mapping[str, str | None],
) -> list[dict[str, np.ndarray]]:
    """Every indicator of one level in every domain of each domain type: one batched mean.

    The case-level arrays of all indicators are built once and reused by
    every domain type; each domain type is coded once and its means,
    variances, df and deff come from sparse sums over (PSU x domain) cells.
    Returns, per domain type, the arrays ``indicator, domain_type, domain,
    estimate, se, df, deff, n, unknown_share`` (unscaled), indicator-major
    as ``design.mean`` orders them.
    """
    results = design._mean_columns(variables.y, list(by_columns.values()))
    # per case: cases in the denominator, weight of unknown status and of a
    # known denominator (for the unknown shares), summed by domain below
    w = design.weights
    k, u = len(variables.ids), len(variables.with_unknown)
    counts = np.empty((len(w), k + 2 * u))
    np.multiply(variables.cases, (w > 0)[:, None], out=counts[:, :k])
    np.multiply(w[:, None], variables.unknown, out=counts[:, k : k + u])
    np.multiply(w[:, None], variables.known, out=counts[:, k + u :])
    tables = []
    for (name, by), (domains, parts) in zip(by_columns.items(), results, strict=True):
        n_dom = domains.count
        if domains.levels is not None and by is not None:
            labels = domain_labels(domains.levels[by]).to_numpy(dtype=object)
        else:
            labels = np.array(["national"], dtype=object)
        sums = np.asarray(summing_matrix(domains.code, n_dom) @ counts)
        shares = np.full((n_dom, k), np.nan)
        if u:
            unk, base = sums[:, k : k + u], sums[:, k + u :]
            with np.errstate(divide="ignore", invalid="ignore"):
                shares[:, variables.with_unknown] = unk / (unk + base)

        def flat(values: np.ndarray) -> np.ndarray:
            return np.asarray(values).T.ravel()

        size = n_dom * k
        tables.append(
            {
                "indicator": np.repeat(np.asarray(variables.ids, dtype=object), n_dom),
                "domain_type": np.full(size, name, dtype=object),
                "domain": np.tile(labels, k),
                "estimate": flat(parts["estimate"]).astype(np.float64),
                "se": np.sqrt(flat(parts["variance"])),
                "df": flat(parts["df"]).astype(np.float64),
                "deff": flat(parts["deff"]).astype(np.float64),
                "n": flat(sums[:, :k]),
                "unknown_share": flat(shares),
            }
        )
    return tables


def _respondent_variables(
    frame: pd.DataFrame,
    incidents: pd.DataFrame | None,
    group: list[Indicator],
    spec: DesignSpec,
    household_ratio: np.ndarray | None = None,
) -> _LevelVariables:
    """``y`` (numerator where the denominator holds, blank elsewhere), cases and unknown status.

    ``household_ratio`` (household weight over person weight, per row) scales
    the household crimes of person-weighted crime counts, so that their
    weighted sum counts each household crime once per household.
    """
    n, k = len(frame), len(group)
    with_unknown = [j for j, ind in enumerate(group) if ind.unknown is not None]
    y, cases = _columns(n, k), _columns(n, k)
    unknown, known = _columns(n, len(with_unknown)), _columns(n, len(with_unknown))
    for j, ind in enumerate(group):
        parts = indicator_variables(ind, frame, incidents, spec.respondent_id)
        if (
            household_ratio is not None
            and ind.level == "person"
            and isinstance(ind.numerator, CountOf)
        ):
            household = tuple(p for p in ind.numerator.prefixes if p.startswith("hv_"))
            if household:
                counted = evaluate_quantity(CountOf(household), frame)
                parts["num"] = parts["num"] + np.where(
                    parts["den"] > 0, counted * (household_ratio - 1.0), 0.0
                )
        y[:, j] = np.nan
        np.copyto(y[:, j], parts["num"], where=parts["den"] > 0)
        cases[:, j] = parts["cases"]
        if j in with_unknown:
            position = with_unknown.index(j)
            unknown[:, position] = parts["unknown"]
            known[:, position] = parts["den"] > 0
    return _LevelVariables([i.id for i in group], y, cases, with_unknown, unknown, known)


def _incident_frame(
    design_part: pd.DataFrame,
    person_w: np.ndarray,
    frame: pd.DataFrame,
    incidents: pd.DataFrame,
    group: list[Indicator],
    spec: DesignSpec,
    household_w: np.ndarray | None = None,
) -> tuple[pd.DataFrame, np.ndarray, _LevelVariables]:
    """Incident rows (weight ``w × inc_factor``) stacked on zero-weight respondent rows.

    With ``household_w``, incidents of household crime types (``inc_crime``)
    weigh their respondent's household weight instead of the person weight.

    Every incident row carries its respondent's strata, PSU and domains; the
    respondent rows (weight 0, no value) keep every PSU of the sample in the
    design. The PSU totals of the linearized values are then exactly those
    of the ratio of respondent sums :func:`indicator_variables` builds, so
    one batched mean estimates all incident-level indicators at once.
    """
    if spec.respondent_id not in incidents.columns:
        raise ValueError(f"incident table lacks the respondent id column {spec.respondent_id!r}")
    if "inc_factor" not in incidents.columns:
        raise ValueError("incident table lacks column 'inc_factor' (see incident_table)")
    position = pd.Index(frame[spec.respondent_id]).get_indexer(incidents[spec.respondent_id])
    if (position < 0).any():
        first = incidents[spec.respondent_id].iloc[int(np.flatnonzero(position < 0)[0])]
        raise ValueError(
            f"incident table: {spec.respondent_id} {first!r} has no row in the respondent table"
        )
    factor = pd.to_numeric(incidents["inc_factor"]).to_numpy(dtype=np.float64)
    usable = ~np.isnan(factor)
    table = incidents.loc[usable].reset_index(drop=True)
    n_inc, n_pad, k = len(table), len(design_part), len(group)
    with_unknown = [j for j, ind in enumerate(group) if ind.unknown is not None]
    y, den = _columns(n_inc + n_pad, k), _columns(n_inc + n_pad, k)
    y[n_inc:] = np.nan
    den[n_inc:] = 0.0
    for j, ind in enumerate(group):
        if isinstance(ind.numerator, CountOf | ValueOf | Score):  # a catalogue error
            raise TypeError(f"incident indicator {ind.id!r} needs a 0/1 numerator")
        inc_den = evaluate(ind.denominator, table)
        inc_num = evaluate(ind.numerator, table)
        y[:n_inc, j] = np.nan
        np.copyto(y[:n_inc, j], inc_num, where=inc_den)
        den[:n_inc, j] = inc_den
    rows = np.concatenate([position[usable], np.arange(n_pad)])
    data = design_part.iloc[rows].reset_index(drop=True)
    base = person_w[position[usable]]
    if household_w is not None and "inc_crime" in table.columns:
        crime = pd.to_numeric(table["inc_crime"], errors="coerce").to_numpy(dtype=np.float64)
        household_codes = [c for c, stem in CRIME_STEMS.items() if stem in HOUSEHOLD_STEMS]
        base = np.where(np.isin(crime, household_codes), household_w[position[usable]], base)
    weights = np.concatenate([base * factor[usable], np.zeros(n_pad)])
    # no unknown status among incidents: its share is 0 for any indicator with the rule
    unknown = np.zeros((n_inc + n_pad, len(with_unknown)))
    known = np.asarray(den[:, with_unknown] > 0, dtype=np.float64)
    variables = _LevelVariables([i.id for i in group], y, den, with_unknown, unknown, known)
    return data, weights, variables


def compute_indicators(
    respondents: pd.DataFrame,
    incidents: pd.DataFrame | None = None,
    design_spec: DesignSpec | Mapping[str, Any] | None = None,
    domains: Sequence[str] = DEFAULT_DOMAINS,
    level: float = 0.90,
    quality: str | QualityRules = "inegi",
    indicators: Sequence[str] | None = None,
    household_crimes: HouseholdCrimes = "person",
) -> pd.DataFrame:
    r"""Standard indicators for the nation and each domain, with intervals and quality flags.

    Parameters
    ----------
    respondents : pandas.DataFrame
        :func:`analysis.microdata.respondent_table` output with design columns.
    incidents : pandas.DataFrame, optional
        :func:`analysis.microdata.incident_table` output; needed by the
        incident and victim level indicators (reporting, dark figure, SDG
        16.3.1). Without it those indicators are skipped when
        ``indicators`` is None, and an error when asked for by name. An
        empty table (no respondent reported a crime) gives no row for the
        incident-level indicators, which have no denominator.
    design_spec : DesignSpec or mapping, optional
        Column names of weights, strata, PSUs (:class:`DesignSpec`).
    domains : sequence of str
        ``"national"`` and domain names (``state``, ``municipality``,
        ``sex``, ``age_group``, ``youth``) or any column name.
    level : float
        Confidence level (INEGI publishes 90%).
    quality : str or QualityRules
        Rule set of :mod:`analysis.indicators.quality` (default ``"inegi"``).
    indicators : sequence of str, optional
        Catalogue ids; default every indicator.
    household_crimes : {"person", "household"}
        Weight of crimes against the household (vehicle theft, burglary, ...)
        in crime counts (incidence, concentration) and in incident-based
        estimates (reporting rate, dark figure): the person weight (default,
        ENVIPE: each household crime counts once per adult it stands for) or
        the household weight (once per household, NCVS). Prevalence and the
        household rates per 1,000 households are not affected.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`INDICATOR_COLUMNS`: ``indicator, domain_type, domain,
        estimate, se, ci_low, ci_high, level, cv, n, df, deff, n_effective,
        unit, unknown_share, quality, suppressed, reason, reasons``
        (:func:`~analysis.indicators.quality.assess_quality`). Estimates, SEs and
        limits are on the indicator's unit (percent, per 100,000, per 1,000,
        ratio); ``cv = se / estimate``; ``n`` = unweighted cases (respondents,
        households or incidents) in the denominator; ``domain`` is the
        domain value as text (``"national"`` for the nation); codes stay
        codes (``sex`` "1"/"2" as in ``vict_std``).

    Notes
    -----
    Each indicator is :math:`\hat R_d = \sum_i w_i \delta_{di} y_i / \sum_i w_i
    \delta_{di} x_i` over respondents :math:`i`, Taylor-linearized with the
    strata and PSUs of the whole sample (domains by zero weights, never by
    dropping rows). Respondent-level indicators have :math:`x_i \in \{0, 1\}`
    (the denominator, unknowns removed) and are estimated by
    ``design.mean``; incident-level ones have :math:`y_i, x_i` the sums over
    respondent :math:`i`'s incidents of ``inc_factor`` times the condition
    (incident weight = person weight × ``inc_factor``); they are estimated
    by ``design.mean`` on the incident rows stacked on zero-weight
    respondent rows, which gives the same PSU totals of linearized values as
    ``design.ratio`` of the respondent sums. Household indicators use the
    household weight. Intervals: logit (R ``svyciprop``) for proportions,
    whether shown in percent or per 100,000 (Clopper–Pearson on the ``n``
    cases at 0% and 100%), Wald with ``t_df`` for ratios of crime counts,
    its lower limit stopped at 0; ``df`` = PSUs minus strata in the domain.

    Examples
    --------
    R: ``svyby(~y, ~state, subset(des, den == 1), svymean)`` for a
    proportion; ``svyby(~num, ~state, des, svyratio, denominator = ~den)``
    for an incident-level rate.

    >>> compute_indicators(resp, inc, {"weight": "w"}, domains=["national", "state"])  # doctest: +SKIP
    """
    check_level(level)
    if household_crimes not in HOUSEHOLD_CRIMES:
        raise ValueError(
            f"household_crimes must be one of {', '.join(HOUSEHOLD_CRIMES)}, not {household_crimes!r}"
        )
    spec = DesignSpec.from_any(design_spec)
    selected = _select(indicators)
    absent = [i for i in selected if not _has_data(i, respondents, incidents)]
    if indicators is not None and absent:
        first = absent[0]
        columns = None if incidents is None else incidents.columns
        items = missing_items(first, respondents.columns, columns)
        raise ValueError(
            f"indicator {first.id!r}: the data lack the item(s) it needs ({', '.join(items)}): "
            "none of its numerator's or none of its denominator's codes is a column"
        )
    selected = [i for i in selected if i not in absent]
    if incidents is None:
        needs = [i.id for i in selected if _needs_incidents(i)]
        if indicators is not None and needs:
            raise ValueError(f"indicator(s) {', '.join(needs)} need the incident table")
        selected = [i for i in selected if not _needs_incidents(i)]
    asked = {i.id for i in selected}
    differences = [i for i in selected if i.parts is not None]
    selected = [i for i in _with_parts(selected) if i.parts is None]
    if spec.respondent_id in respondents.columns:
        if respondents[spec.respondent_id].duplicated().any():
            raise ValueError(f"respondent id column {spec.respondent_id!r} has duplicates")
    elif any(i.level in ("incident", "victim") for i in selected):
        raise ValueError(
            f"respondent id column {spec.respondent_id!r} not found in the respondent table "
            "(it links the incidents to their respondents)"
        )
    frame = add_domain_columns(respondents).reset_index(drop=True)
    by_columns: dict[str, str | None] = {}
    for name in domains:
        column = None if name == "national" else spec.domain_columns.get(name, name)
        if column is not None and column not in frame.columns:
            raise ValueError(
                f"domain {name!r}: column {column!r} not found in the respondent table"
            )
        by_columns[name] = column

    keep = list(
        dict.fromkeys(spec.design_columns + [c for c in by_columns.values() if c is not None])
    )
    person_w = level_weights(frame, spec, "person")
    household_w = (
        level_weights(frame, spec, "household") if household_crimes == "household" else None
    )
    household_ratio = None
    if household_w is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            household_ratio = np.where(person_w > 0, household_w / person_w, 0.0)
    levels = (
        ("person", [i for i in selected if i.level in ("person", "victim")]),
        ("household", [i for i in selected if i.level == "household"]),
        ("incident", [i for i in selected if i.level == "incident"]),
    )
    pieces: list[dict[str, np.ndarray]] = []
    for weight_level, group in levels:
        if not group:
            continue
        if weight_level == "incident":
            assert incidents is not None  # checked above
            data, weights, variables = _incident_frame(
                frame[keep], person_w, frame, incidents, group, spec, household_w
            )
            if not weights.any():
                # no incident in the sample (early field work, a small wave): these figures
                # have no denominator, so none is estimated; the other levels still are
                continue
        else:
            data = frame[keep]
            variables = _respondent_variables(frame, incidents, group, spec, household_ratio)
            weights = (
                person_w if weight_level == "person" else level_weights(frame, spec, "household")
            )
        design = survey_design(data, spec, weights=weights)
        pieces += _estimates(design, variables, by_columns)
    if differences:
        design = survey_design(frame[keep], spec, weights=person_w)
        for ind in differences:
            pieces += _difference(design, ind, frame, incidents, spec, by_columns)
    if not pieces:
        return _finish(pd.DataFrame(columns=INDICATOR_COLUMNS), level, quality)
    order = ("indicator", "domain_type", "domain", "estimate", "se", "df", "deff", "n")
    result = pd.DataFrame(
        {key: np.concatenate([p[key] for p in pieces]) for key in (*order, "unknown_share")}
    )
    result = _finish(result, level, quality)
    return result[result["indicator"].isin(asked)].reset_index(drop=True)


def _needs_incidents(ind: Indicator) -> bool:
    if ind.parts is not None:
        return any(_needs_incidents(get_indicator(p)) for p in ind.parts)
    return ind.level in ("incident", "victim")


def _difference(
    design: SurveyDesign,
    ind: Indicator,
    frame: pd.DataFrame,
    incidents: pd.DataFrame | None,
    spec: DesignSpec,
    by_columns: Mapping[str, str | None],
) -> list[dict[str, np.ndarray]]:
    r"""A difference of two person-weighted indicators in every domain, linearized jointly.

    Both parts are ratios of respondent totals, :math:`\hat R_k = \sum_i w_i
    y_{ki} / \sum_i w_i x_{ki}` (a mean: :math:`x` the 0/1 denominator; an
    incident-level rate: sums over the respondent's incidents of
    ``inc_factor`` times the condition). The difference :math:`\hat R_1 -
    \hat R_2` in domain :math:`d` is linearized as

    .. math:: z_{di} = w_i \delta_{di} \left[\frac{y_{1i} - \hat R_{1d} x_{1i}}{\hat X_{1d}}
              - \frac{y_{2i} - \hat R_{2d} x_{2i}}{\hat X_{2d}}\right]

    and its variance is that of the total of :math:`z_d` under the design, so
    that the covariance of the two parts (the same respondents, the same
    PSUs) is accounted for. R: ``svycontrast(svytotal(~y1 + x1 + y2 + x2,
    subset(des, d)), quote(y1/x1 - y2/x2))``.
    """
    assert ind.parts is not None  # only differences come here
    first, second = (
        indicator_variables(get_indicator(p), frame, incidents, spec.respondent_id)
        for p in ind.parts
    )
    w = design.weights
    n = len(frame)
    tables = []
    for name, by in by_columns.items():
        if by is None:
            code = np.zeros(n, dtype=np.int64)
            labels = np.array(["national"], dtype=object)
        else:
            values = frame[by]
            present = values.notna().to_numpy()
            levels = pd.Index(pd.unique(values[present])).sort_values()
            code = np.full(n, -1, dtype=np.int64)
            code[present] = levels.get_indexer(pd.Index(values[present]))
            labels = domain_labels(pd.Series(levels, dtype=object)).to_numpy(dtype=object)
        n_dom = labels.size
        if n_dom == 0:  # nobody answered the domain's item: no rows, as for other indicators
            continue
        inside = code >= 0
        z = np.zeros(n)  # each row's value with its own domain's estimates
        est = np.zeros(n_dom)
        for part, sign in ((first, 1.0), (second, -1.0)):
            y = np.nan_to_num(part["num"])
            x = np.where(np.isnan(part["num"]), 0.0, part["den"])
            y_tot = np.bincount(code[inside], weights=(w * y)[inside], minlength=n_dom)
            x_tot = np.bincount(code[inside], weights=(w * x)[inside], minlength=n_dom)
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = y_tot / x_tot
                rows = np.flatnonzero(inside)
                z[rows] += (
                    sign * w[rows] * (y[rows] - ratio[code[rows]] * x[rows]) / x_tot[code[rows]]
                )
            est = est + sign * ratio
        rows = np.flatnonzero(inside & (w > 0))
        # variances of the domain totals of z, a block of domains at a time (bounded memory)
        variance = design._domain_variances(
            np.nan_to_num(z[rows])[:, None], rows, code[rows], n_dom
        )[:, 0]
        df = design._domain_df(rows, code[rows], n_dom).astype(np.float64)
        cases = np.minimum(
            np.bincount(code[inside], weights=first["cases"][inside], minlength=n_dom),
            np.bincount(code[inside], weights=second["cases"][inside], minlength=n_dom),
        )
        est = np.where(np.isfinite(est), est, np.nan)
        tables.append(
            {
                "indicator": np.full(n_dom, ind.id, dtype=object),
                "domain_type": np.full(n_dom, name, dtype=object),
                "domain": labels,
                "estimate": est,
                "se": np.where(np.isfinite(est), np.sqrt(variance), np.nan),
                "df": df,
                "deff": np.full(n_dom, np.nan),
                "n": cases,
                "unknown_share": np.full(n_dom, np.nan),
            }
        )
    return tables


def _finish(result: pd.DataFrame, level: float, quality: str | QualityRules) -> pd.DataFrame:
    if result.empty:
        return result.reindex(columns=list(INDICATOR_COLUMNS))
    units = {i.id: i.unit for i in catalogue()}
    result["unit"] = result["indicator"].map(units)
    estimators = result["indicator"].map({i.id: i.estimator for i in catalogue()})
    est = result["estimate"].to_numpy(dtype=np.float64)
    se = result["se"].to_numpy(dtype=np.float64)
    df = result["df"].to_numpy(dtype=np.float64)
    low, high = wald_interval(est, se, df, level)
    # a rate of crime counts, an amount or a score cannot be negative: the Wald limit
    # stops at 0 (a difference can be negative)
    signed = (estimators == "difference").to_numpy()
    low = np.where(np.isfinite(low) & ~signed, np.maximum(low, 0.0), low)
    # a proportion gets the logit interval on whatever scale it is shown (percent or per
    # 100,000), so the same estimate has the same interval, scaled, in every unit; a mean
    # shown in percent (of a share answered 0-10) keeps R's svymean interval (Wald)
    percent = (
        (result["unit"] == "percent").to_numpy()
        & estimators.isin(("proportion", "ratio")).to_numpy()
    ) | (estimators == "proportion").to_numpy()
    share = percent & (est > 0) & (est < 1)
    logit_low, logit_high = logit_interval(
        np.where(share, est, 0.5), np.where(share, se, 0.0), df, level
    )
    low = np.where(share, logit_low, low)
    high = np.where(share, logit_high, high)
    # 0% or 100%: the logit interval degenerates; use Clopper-Pearson on the n cases
    cases = result["n"].to_numpy(dtype=np.float64)
    alpha = 1.0 - level
    with np.errstate(divide="ignore", invalid="ignore"):
        zero = percent & (est == 0) & (cases > 0)
        full = percent & (est == 1) & (cases > 0)
        high = np.where(zero, 1.0 - (alpha / 2.0) ** (1.0 / cases), high)
        low = np.where(zero, 0.0, low)
        low = np.where(full, (alpha / 2.0) ** (1.0 / cases), low)
        high = np.where(full, 1.0, high)
    with np.errstate(divide="ignore", invalid="ignore"):
        result["cv"] = np.where(est != 0, se / np.abs(est), np.nan)
        result["n_effective"] = result["n"] / result["deff"]
    scale = result["unit"].map(UNIT_SCALE).to_numpy(dtype=np.float64)
    result["estimate"] = est * scale
    result["se"] = se * scale
    result["ci_low"] = low * scale
    result["ci_high"] = high * scale
    result["level"] = float(level)
    result["n"] = result["n"].round().astype(np.int64)
    flags = assess_quality(result, quality)
    result = pd.concat([result, flags], axis=1)
    return result[list(INDICATOR_COLUMNS)]
