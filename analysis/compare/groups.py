"""Fear against victimization by group: victims and non-victims, and the "paradox" table.

Both tables keep the whole design: groups are domains (zero weights outside,
never dropped rows), and each comparison is a contrast of two domain
estimates with their covariance (:func:`analysis.compare.differences.domain_estimates`).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from analysis.compare.differences import contrast, domain_estimates
from analysis.estimate import check_level
from analysis.indicators.catalogue import UNIT_SCALE, get_indicator
from analysis.indicators.compute import add_domain_columns, compute_indicators, indicator_variables
from analysis.indicators.quality import QualityRules
from analysis.indicators.spec import DesignSpec, domain_labels

#: Victimization status of a respondent, the domain of :func:`fear_by_victimization`.
VictimStatus = Literal["victim", "non-victim"]
#: How a group's fear and victimization compare with the rest of the population.
Pattern = Literal[
    "more_fear_less_victimization",
    "less_fear_more_victimization",
    "same_direction",
    "not_significant",
]
PATTERNS: tuple[Pattern, ...] = (
    "more_fear_less_victimization",
    "less_fear_more_victimization",
    "same_direction",
    "not_significant",
)

_STATUS = "victim_status"
#: The groups of :func:`paradox_table` by default (those whose item the table has).
PARADOX_GROUPS: tuple[str, ...] = ("sex", "age_group", "youth")


def _proportion_indicator(ident: str, role: str) -> None:
    ind = get_indicator(ident)
    if ind.level != "person" or ind.estimator != "proportion":
        raise ValueError(
            f"{role} {ident!r} must be a person-level percentage indicator "
            f"(it is {ind.level}-level, {ind.estimator})"
        )


def victim_status(
    respondents: pd.DataFrame,
    victimization: str = "prev_person",
    respondent_id: str = "interview_id",
) -> pd.Series:
    """``victim``, ``non-victim`` or missing (unknown status, or outside the indicator's base).

    Parameters
    ----------
    respondents : pandas.DataFrame
    victimization : str
        A person-level percentage indicator: ``prev_person`` (any personal
        crime), ``sdg_16_1_3_physical``, ...
    respondent_id : str
    """
    _proportion_indicator(victimization, "victimization")
    parts = indicator_variables(get_indicator(victimization), respondents, None, respondent_id)
    status = np.where(parts["num"] > 0, "victim", "non-victim").astype(object)
    status[parts["den"] <= 0] = None
    return pd.Series(status, index=respondents.index, name=_STATUS)


#: Per-cell columns copied from :func:`compute_indicators` next to each estimate.
_CELL_COLUMNS = ("ci_low", "ci_high", "n", "quality", "suppressed")
Cells = dict[tuple[str, str, str], dict[Hashable, Any]]


def _cells(
    frame: pd.DataFrame,
    incidents: pd.DataFrame | None,
    spec: DesignSpec,
    indicators: Sequence[str],
    domains: Sequence[str],
    level: float,
    quality: str | QualityRules,
) -> Cells:
    """Estimates with intervals and quality by (indicator, domain type, domain)."""
    table = compute_indicators(
        frame, incidents, spec, domains=domains, level=level, quality=quality, indicators=indicators
    )
    return {
        (str(r["indicator"]), str(r["domain_type"]), str(r["domain"])): r
        for r in table.to_dict("records")
    }


def cell_columns(cells: Cells, key: tuple[str, str, str], role: str) -> dict[str, Any]:
    """``role`` (the estimate) and ``role_ci_low``, ... of one cell; NaN/None when absent."""
    cell = cells.get(key)
    out: dict[str, Any] = {role: np.nan if cell is None else cell["estimate"]}
    for suffix in _CELL_COLUMNS:
        out[f"{role}_{suffix}"] = None if cell is None else cell[suffix]
    return out


def fear_by_victimization(
    respondents: pd.DataFrame,
    incidents: pd.DataFrame | None = None,
    design_spec: DesignSpec | Mapping[str, Any] | None = None,
    fear: Sequence[str] = ("insecure_nbhd", "insecure_muni", "insecure_state", "worry"),
    victimization: str = "prev_person",
    level: float = 0.95,
    quality: str | QualityRules = "inegi",
) -> pd.DataFrame:
    r"""Fear among victims and non-victims, with intervals and the test of the difference.

    Parameters
    ----------
    respondents, incidents, design_spec
        As for :func:`analysis.indicators.compute_indicators`.
    fear : sequence of str
        Catalogue ids of the perception indicators compared (any indicator
        works; perceptions are the point).
    victimization : str
        Person-level percentage indicator defining victims (``prev_person``
        by default: any personal crime in the last 12 months). Respondents of
        unknown status are in neither group.
    level : float
        Level of every interval and of ``significant``.
    quality : str or QualityRules
        Rule set for the group estimates' quality labels.

    Returns
    -------
    pandas.DataFrame
        One row per fear indicator: ``indicator, victimization, unit``; for
        each group (``victims``, ``non_victims``): the estimate and
        ``_ci_low, _ci_high, _n, _quality, _suppressed``; then ``difference``
        (victims minus non-victims, on the indicator's unit: percentage
        points), ``se, ci_low, ci_high, t, df, p, significant, level``.

    Notes
    -----
    Victim status is a domain; the two domain ratios are linearized together
    and :math:`V(\hat R_v - \hat R_n) = V_{vv} + V_{nn} - 2V_{vn}` (victims
    and non-victims share PSUs). The group intervals are those of
    :func:`compute_indicators` (logit for proportions); the difference has a
    Wald interval on ``df`` = PSUs minus strata.

    Examples
    --------
    R: ``b <- svyby(~unsafe, ~victim, des, svymean, na.rm = TRUE, covmat = TRUE);
    svycontrast(b, c(-1, 1))``

    >>> fear_by_victimization(resp, inc, spec, fear=["insecure_nbhd"])  # doctest: +SKIP
    """
    check_level(level)
    if isinstance(fear, str):
        fear = [fear]
    if not fear:
        raise ValueError("give at least one fear indicator")
    spec = DesignSpec.from_any(design_spec)
    frame = add_domain_columns(respondents).reset_index(drop=True)
    status = victim_status(frame, victimization, spec.respondent_id)
    frame[_STATUS] = status
    groups = {
        "victims": (status == "victim").to_numpy(),
        "non_victims": (status == "non-victim").to_numpy(),
    }
    for name, inside in groups.items():
        if not inside.any():
            raise ValueError(f"no {name.replace('_', '-')} by {victimization!r} in the data")
    cells = _cells(frame, incidents, spec, fear, [_STATUS], level, quality)
    rows = []
    for ident in fear:
        est = domain_estimates(
            frame, incidents, spec, ident, [groups["victims"], groups["non_victims"]]
        )
        scale = UNIT_SCALE[get_indicator(ident).unit]
        row: dict[str, Any] = {
            "indicator": ident,
            "victimization": victimization,
            "unit": get_indicator(ident).unit,
        }
        for name, value in (("victims", "victim"), ("non_victims", "non-victim")):
            row.update(cell_columns(cells, (ident, _STATUS, value), name))
        row.update(contrast(est, [1.0, -1.0], scale, level))
        row["level"] = float(level)
        rows.append(row)
    return pd.DataFrame(rows)


def _pattern(fear_diff: float, fear_sig: bool, vict_diff: float, vict_sig: bool) -> Pattern:
    if not (fear_sig and vict_sig):
        return "not_significant"
    if fear_diff > 0 > vict_diff:
        return "more_fear_less_victimization"
    if fear_diff < 0 < vict_diff:
        return "less_fear_more_victimization"
    return "same_direction"


def paradox_groups(
    respondents: pd.DataFrame, design_spec: DesignSpec | Mapping[str, Any] | None = None
) -> list[str]:
    """The groups of :data:`PARADOX_GROUPS` whose column the respondent table has (``sex``
    needs ``dem_sex``; ``age_group`` and ``youth`` need ``dem_age``).

    Parameters
    ----------
    respondents : pandas.DataFrame
    design_spec : DesignSpec or mapping
    """
    spec = DesignSpec.from_any(design_spec)
    columns = set(add_domain_columns(respondents).columns)
    return [g for g in PARADOX_GROUPS if spec.domain_columns.get(g, g) in columns]


def paradox_table(
    respondents: pd.DataFrame,
    incidents: pd.DataFrame | None = None,
    design_spec: DesignSpec | Mapping[str, Any] | None = None,
    fear: str = "insecure_nbhd",
    victimization: str = "prev_person",
    groups: Sequence[str] | None = None,
    level: float = 0.95,
    quality: str | QualityRules = "inegi",
) -> pd.DataFrame:
    r"""Fear and victimization of each group, each set against the rest of the population.

    The "fear–victimization paradox": groups that fear crime most (often
    women and older people) are not those most victimized (often young
    men). This table shows, for every group, both rates with intervals and
    whether each is significantly above or below the rest of the adults.

    Parameters
    ----------
    respondents, incidents, design_spec
        As for :func:`analysis.indicators.compute_indicators`.
    fear : str
        Perception indicator (default ``insecure_nbhd``).
    victimization : str
        Victimization indicator (default ``prev_person``).
    groups : sequence of str, optional
        Domain names or columns. The default, :data:`PARADOX_GROUPS`, has
        ``youth`` (18–29 against 30+) so that young people appear explicitly;
        it leaves out a group whose item the table lacks (a national
        adaptation without ``dem_sex`` gets the age groups only), while a
        group named here must have its column.
    level : float
    quality : str or QualityRules

    Returns
    -------
    pandas.DataFrame
        One row for the nation (``group_type = "national"``) then one per
        group: ``group_type, group``; for ``fear`` and ``victimization``
        each: the estimate, ``_ci_low, _ci_high, _n, _quality, _suppressed``,
        ``_vs_rest`` (group minus the rest of the adults with a known value
        of the same grouping), ``_vs_rest_se``, ``_vs_rest_p``; and
        ``pattern``, one of :data:`PATTERNS`: ``more_fear_less_victimization``
        or ``less_fear_more_victimization`` (the paradox: both differences
        significant, in opposite directions), ``same_direction`` (both
        significant, same direction), ``not_significant``; ``fear_indicator`` and
        ``victimization_indicator``, the two indicators' ids (a report names them).

    Notes
    -----
    Each group :math:`g` and its complement :math:`\bar g` are two domains of
    the same design; the difference uses their covariance
    (:math:`V_{gg} + V_{\bar g\bar g} - 2V_{g\bar g}`). Tests are at
    ``1 - level``. Fear and victimization are different measures, shown side
    by side and never divided by one another.

    Examples
    --------
    R, for women against men: ``b <- svyby(~unsafe, ~sex, des, svymean,
    na.rm = TRUE, covmat = TRUE); svycontrast(b, c(-1, 1))``; for a group of
    several (18–29 against the rest): the same with ``~I(age_group == "18-29")``.

    >>> paradox_table(resp, inc, spec)   # doctest: +SKIP
    """
    check_level(level)
    _proportion_indicator(victimization, "victimization")
    spec = DesignSpec.from_any(design_spec)
    frame = add_domain_columns(respondents).reset_index(drop=True)
    if groups is None:
        groups = paradox_groups(frame, spec)
        if not groups:
            raise ValueError(
                "the respondent table has none of the items of the standard groups "
                f"({', '.join(PARADOX_GROUPS)}): dem_sex, dem_age"
            )
    if not groups:
        raise ValueError("give at least one group (sex, age_group, youth, ...)")
    columns = {}
    for name in groups:
        column = spec.domain_columns.get(name, name)
        if column not in frame.columns:
            raise ValueError(f"group {name!r}: column {column!r} not found in the respondent table")
        columns[name] = column
    table = _cells(
        frame, incidents, spec, [fear, victimization], ["national", *groups], level, quality
    )
    rows: list[dict[str, Any]] = []
    national: dict[str, Any] = {"group_type": "national", "group": "national"}
    for role, ident in (("fear", fear), ("victimization", victimization)):
        national.update(cell_columns(table, (ident, "national", "national"), role))
        national.update(
            {f"{role}_vs_rest": np.nan, f"{role}_vs_rest_se": np.nan, f"{role}_vs_rest_p": np.nan}
        )
    national["pattern"] = "not_significant"
    rows.append(national)
    for name, column in columns.items():
        labels = domain_labels(frame[column]).where(frame[column].notna())
        known = labels.notna().to_numpy()
        for value in sorted(labels.dropna().unique()):
            inside = (labels == value).to_numpy()
            row: dict[str, Any] = {"group_type": name, "group": value}
            tests = {}
            for role, ident in (("fear", fear), ("victimization", victimization)):
                row.update(cell_columns(table, (ident, name, value), role))
                est = domain_estimates(frame, incidents, spec, ident, [inside, known & ~inside])
                scale = UNIT_SCALE[get_indicator(ident).unit]
                versus = contrast(est, [1.0, -1.0], scale, level)
                row[f"{role}_vs_rest"] = versus["difference"]
                row[f"{role}_vs_rest_se"] = versus["se"]
                row[f"{role}_vs_rest_p"] = versus["p"]
                tests[role] = (versus["difference"], bool(versus["significant"]))
            row["pattern"] = _pattern(*tests["fear"], *tests["victimization"])
            rows.append(row)
    out = pd.DataFrame(rows)
    out["fear_indicator"] = fear
    out["victimization_indicator"] = victimization
    return out
