"""What a status report is built from: the numbers, the area, the wave, the methodology.

Tables follow :func:`analysis.indicators.compute_indicators` (``indicator,
domain_type, domain, estimate, se, ci_low, ci_high, level, cv, n, df,
quality, suppressed, reason``; ``domain_type`` is ``national``, ``state``,
``municipality``, ``sex``, ``youth``, ...; ``domain`` is text). Nothing here
computes a statistic: the report shows what it is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from analysis.indicators.coverage import Unmeasured
from analysis.indicators.quality import QUALITY_RULES, QualityRules

if TYPE_CHECKING:  # shapely loads with the first map drawn
    from shapely.geometry.base import BaseGeometry

__all__ = ["AREA_LEVELS", "Area", "GroupSpec", "Methodology", "ReportData", "Wave"]

#: area levels, from the largest; each is also the ``domain_type`` of its rows
AREA_LEVELS: tuple[str, ...] = ("national", "state", "municipality")
REQUIRED_COLUMNS: tuple[str, ...] = (
    "indicator",
    "domain_type",
    "domain",
    "estimate",
    "ci_low",
    "ci_high",
    "cv",
    "n",
    "quality",
    "suppressed",
)

Text = Mapping[str, str] | str
Period = str | tuple[dt.date, dt.date]


@dataclass(frozen=True)
class Area:
    """An area of the report: ``level`` (``national``, ``state``, ``municipality``), code, name.

    The nation's rows have ``domain_type = domain = "national"``; its code is
    ignored when matching rows.
    """

    level: str
    code: str
    name: str

    def __post_init__(self) -> None:
        if self.level not in AREA_LEVELS:
            raise ValueError(
                f"Area.level must be one of {', '.join(AREA_LEVELS)}, not {self.level!r}"
            )

    @property
    def domain(self) -> str:
        """The ``domain`` value of this area's rows."""
        return "national" if self.level == "national" else str(self.code)


@dataclass(frozen=True)
class Wave:
    """A survey wave: name, reference period and fieldwork dates (text or a pair of dates)."""

    name: str
    reference_period: Period
    fieldwork: Period


@dataclass(frozen=True)
class GroupSpec:
    """A population group shown in "perceived versus actual": rows ``(domain_type, domain)``.

    ``label`` is a key of :data:`analysis.report.i18n.STRINGS` or a
    ``{language: text}`` mapping.
    """

    domain_type: str
    domain: str
    label: Text


#: women vs men (``dem_sex`` 2/1), young people vs adults (``youth`` domain)
DEFAULT_GROUPS: tuple[tuple[GroupSpec, GroupSpec], ...] = (
    (GroupSpec("sex", "2", "group_women"), GroupSpec("sex", "1", "group_men")),
    (GroupSpec("youth", "18-29", "group_youth"), GroupSpec("youth", "30+", "group_adults")),
)


@dataclass(frozen=True)
class Methodology:
    """The methodology annex.

    Parameters
    ----------
    design : str or mapping, optional
        Design description (``{language: text}`` or one text); a standard
        description otherwise.
    sample : DataFrame, optional
        Sample sizes and response rates by area (shown as given; columns
        whose name ends in ``rate`` are shown as percentages when ≤ 1).
    weighting : DataFrame, optional
        Weighting chain diagnostics, one row per step.
    quality_rules : str or QualityRules
        The rule set that produced ``quality``/``suppressed`` (default
        ``"inegi"``); its name, source and thresholds are printed.
    notes : str or mapping, optional
        Anything else the annex must say.
    household_crimes : {"person", "household"}
        How the indicator table weighted household crimes
        (``compute_indicators(household_crimes=...)``); the annex states it.
    """

    design: Text | None = None
    sample: pd.DataFrame | None = None
    weighting: pd.DataFrame | None = None
    quality_rules: str | QualityRules = "inegi"
    notes: Text | None = None
    household_crimes: str = "person"

    @property
    def rules(self) -> QualityRules:
        if isinstance(self.quality_rules, QualityRules):
            return self.quality_rules
        if self.quality_rules not in QUALITY_RULES:
            raise ValueError(
                f"Methodology.quality_rules must be one of {', '.join(QUALITY_RULES)}, "
                f"not {self.quality_rules!r}"
            )
        return QUALITY_RULES[self.quality_rules]


@dataclass(frozen=True)
class ReportData:
    """Everything a status report shows.

    Parameters
    ----------
    wave, area : Wave, Area
        The wave and the area the report is about.
    indicators : DataFrame
        Current wave, :func:`~analysis.indicators.compute_indicators` layout,
        with rows for ``area`` and, for comparison, its ``state`` and the
        ``country``; rows of sub-areas (states of a national report,
        municipalities listed in ``subareas``) and of groups.
    state, country : Area, optional
        For a municipal report, its state and the country (a state report
        uses ``country`` only).
    previous_wave, previous : Wave, DataFrame, optional
        The previous wave and its indicator table (same layout).
    changes : DataFrame, optional
        Differences between the waves: ``indicator, domain_type, domain,
        significant`` and ``difference`` (current minus previous; when absent
        the sign comes from the two estimates). Only rows with ``significant``
        true are ever called changes.
    police : DataFrame, optional
        Police-recorded crime: ``domain_type, domain, recorded`` and
        ``population`` (or ``rate_per_100000``); optional ``crime_type``
        (rows without it, or with ``"all"``, are totals).
    police_period : str or (date, date)
        The period of the police records, for the source line (two dates are written
        in the report's language).
    fear_drivers : DataFrame, optional
        Odds ratios of feeling unsafe: ``term, odds_ratio, ci_low, ci_high``
        and optionally ``p_value`` and ``label``; the model of the whole wave's (national)
        sample, which a state's or municipality's report says.
    methodology : Methodology
    area_names : mapping
        Code -> name for areas shown by name (sub-areas, the state).
    subareas : sequence of str, optional
        Codes of the sub-areas to compare (default: every state for a
        national report, none otherwise). A national report with
        municipality rows also gets a compact municipal overview.
    groups : pairs of GroupSpec
        Groups compared in "perceived versus actual" (default women vs men,
        young people vs adults).
    groups_area : Area, optional
        Which area the group rows describe (default: the country; a report
        for a smaller area says so).
    survey_name : str or mapping, optional
        Name of the survey in source lines.
    fear_by_victim : DataFrame, optional
        :func:`analysis.compare.fear_by_victimization` (fear among victims and
        non-victims), shown in "perceived versus actual".
    paradox : DataFrame, optional
        :func:`analysis.compare.paradox_table` (fear and victimization of
        each group against the rest), shown there too.
    boundaries : mapping, optional
        ``domain_type`` (``state``, ``municipality``) -> ``domain`` -> shapely
        polygon in longitude/latitude; the sub-area levels that have them get
        choropleth maps (:mod:`analysis.report.maps`).
    not_asked : sequence of str
        Standard items the wave's questionnaire does not ask (a national
        adaptation, :func:`analysis.report.not_asked.not_asked_items`); the
        comparisons that need them are left out by whoever computes them,
        and "perceived versus actual" names each part and its item.
    unmeasured : sequence of Unmeasured
        Standard indicators the wave's questionnaire cannot measure
        (:func:`analysis.indicators.coverage.questionnaire_unmeasured`); the
        tables section names each and the items it needs.
    """

    wave: Wave
    area: Area
    indicators: pd.DataFrame
    state: Area | None = None
    country: Area | None = None
    previous_wave: Wave | None = None
    previous: pd.DataFrame | None = None
    changes: pd.DataFrame | None = None
    police: pd.DataFrame | None = None
    police_period: Period = ""
    fear_drivers: pd.DataFrame | None = None
    methodology: Methodology = field(default_factory=Methodology)
    area_names: Mapping[str, str] = field(default_factory=dict)
    subareas: Sequence[str] | None = None
    groups: Sequence[tuple[GroupSpec, GroupSpec]] = DEFAULT_GROUPS
    groups_area: Area | None = None
    survey_name: Text | None = None
    fear_by_victim: pd.DataFrame | None = None
    paradox: pd.DataFrame | None = None
    boundaries: Mapping[str, Mapping[str, BaseGeometry]] = field(default_factory=dict)
    not_asked: Sequence[str] = ()
    unmeasured: Sequence[Unmeasured] = ()

    def __post_init__(self) -> None:
        for name in ("indicators", "previous"):
            table = getattr(self, name)
            if table is None:
                continue
            missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
            if missing:
                raise ValueError(f"ReportData.{name} lacks column(s) {', '.join(missing)}")
        if self.previous is not None and self.previous_wave is None:
            raise ValueError("ReportData.previous needs previous_wave (its name is printed)")
        if self.area.level == "municipality" and self.state is None:
            raise ValueError("a municipal report needs ReportData.state to compare with")
        if self.area.level != "national" and self.country is None:
            raise ValueError("a state or municipal report needs ReportData.country to compare with")
