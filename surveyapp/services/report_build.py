"""Build the outputs the cache holds: the indicator table of a wave and PDF status reports.

:func:`build_output` is what a worker runs for a claimed
:class:`~surveyapp.models.ReportOutput` row; :func:`report_data` assembles
:class:`analysis.report.ReportData` from the database for one area.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa

from analysis.compare import wave_difference
from analysis.i18n import format_percent
from analysis.indicators import QualityRules, with_minimum_cases
from analysis.report import Area as ReportArea
from analysis.report import Methodology, ReportData, build_report
from analysis.report import Wave as ReportWave
from analysis.report.i18n import STRINGS
from analysis.response_rates import DispositionCounts, aapor_rates

from ..models import (
    AreaLevel,
    Interview,
    InterviewStatus,
    OutputKind,
    OutputStatus,
    PoliceRecord,
    ReportOutput,
    SampleUnit,
    Wave,
)
from . import DBSession
from .areas import walk_up
from .boundaries import boundaries_of
from .coverage import gaps_of
from .dispositions import E_NOTE, tally, unit_disposition
from .feeds import NOTES as FEEDS_NOTES
from .report_perception import Tables, report_perception
from .reports import (
    DEFAULT_SETTINGS,
    NATIONAL,
    AreaNode,
    OutputKey,
    Progress,
    ReportError,
    ReportSettings,
    area_index,
    completed_by_area,
    data_version,
    fear_drivers,
    finish_output,
    indicator_table,
    previous_wave,
    quiet,
    ready_table,
    request_output,
    table_to_json,
    wave_areas,
)
from .reports.settings import WAVE_GONE, reason


def find_area(session: DBSession, wave: Wave, key: str) -> AreaNode:
    """The area of a wave from its key (``national`` or an area id); ReportError when not reported on."""
    for area in wave_areas(session, wave):
        if area.key == key or (key == NATIONAL and area.report_level == "national"):
            return area
    if key == NATIONAL:  # a wave without areas still has a national report
        return AreaNode(0, AreaLevel.country, NATIONAL, wave.name, None, None, None)
    raise ReportError(reason("no_area_results", area=key))


def _report_area(node: AreaNode) -> ReportArea:
    return ReportArea(node.report_level, node.key, node.name)


@dataclass(frozen=True)
class WithheldWarnings:
    """What the public reports of a wave's areas would withhold, as a page can know it.

    ``warnings``: the status report's own warning for each area whose public report withholds
    most of its estimates. ``unknown``: the keys of the areas (with interviews) that could not
    be checked, because the indicator table of the current data is not built.
    """

    warnings: list[str]
    unknown: tuple[str, ...] = ()


def withheld_warnings(
    session: DBSession,
    wave: Wave,
    *,
    settings: ReportSettings = DEFAULT_SETTINGS,
    language: str,
    within: Collection[int] | None = None,
) -> WithheldWarnings:
    """The status report's warnings (``Report.warnings``) for the areas of the wave, among
    ``within`` when given, without computing any indicator (a page asks).

    From the cached indicator table of the current data when it is built: each area whose
    public report withholds most of its estimates. Else from a count of interviews per area:
    an area with fewer than the rules' smallest published cell publishes no estimate about
    persons or households (the warning says so), and whether the others' reports are mostly
    withheld is ``unknown`` until the table is built. The table of earlier data is not read:
    a warning from interviews since changed would be out of date without saying so.
    """
    from analysis.report.i18n import Translator
    from analysis.report.withheld import (
        area_withheld,
        few_interviews_warning,
        minimum_cases,
        withheld_warning,
    )

    rules = with_minimum_cases(settings.quality, settings.min_cases)
    t = Translator(language)
    areas = [n for n in wave_areas(session, wave) if within is None or n.id in within]
    table = ready_table(session, wave, data_version(session, wave, settings))
    found = []
    if table is not None:
        for node in areas:
            warning = withheld_warning(t, area_withheld(table, _report_area(node), rules))
            if warning:
                found.append(warning)
        return WithheldWarnings(found)
    counts = completed_by_area(session, wave)
    minimum = minimum_cases(rules)
    unknown = []
    for node in areas:
        interviews = counts.get(node.key, 0)
        if interviews == 0:  # no report to speak of yet
            continue
        warning = few_interviews_warning(t, _report_area(node), interviews, minimum)
        if warning:
            found.append(warning)
        else:
            unknown.append(node.key)
    return WithheldWarnings(found, tuple(unknown))


def police_table(
    session: DBSession, wave: Wave, areas: dict[int, AreaNode]
) -> tuple[pd.DataFrame | None, tuple[dt.date, dt.date] | None]:
    """Police-recorded crimes (all types) per municipality, state and nation for the reference
    period, and the period the records cover (written in the report's language by the report)."""
    rows = session.execute(
        sa.select(
            PoliceRecord.area_id,
            PoliceRecord.period_start,
            PoliceRecord.period_end,
            PoliceRecord.crime_type,
            PoliceRecord.count,
            PoliceRecord.population,
        )
    ).all()
    overlapping = [
        (area_id, start, end, count, people)
        for area_id, start, end, _type, count, people in rows
        if start <= wave.reference_end and end >= wave.reference_start
    ]
    if not overlapping:
        return None, None
    first = min(r[1] for r in overlapping)
    last = max(r[2] for r in overlapping)
    recorded: dict[tuple[str, str], float] = {}
    population: dict[int, int] = {}
    for area_id, _start, _end, count, people_count in overlapping:
        node = areas.get(area_id)
        if node is None:
            continue
        if people_count:
            population[area_id] = max(population.get(area_id, 0), people_count)
        for level, key in _levels(node, areas):
            recorded[(level, key)] = recorded.get((level, key), 0.0) + count
    people: dict[tuple[str, str], float] = {}
    for area_id, count in population.items():
        for level, key in _levels(areas[area_id], areas):
            people[(level, key)] = people.get((level, key), 0.0) + count
    table = pd.DataFrame(
        [
            {
                "domain_type": level,
                "domain": key,
                "recorded": count,
                "population": people.get((level, key)),
            }
            for (level, key), count in recorded.items()
            if people.get((level, key))
        ]
    )
    return (table if not table.empty else None), (first, last)


def _levels(node: AreaNode, areas: dict[int, AreaNode]) -> list[tuple[str, str]]:
    """(domain_type, domain) of an area and every area above it."""
    out: list[tuple[str, str]] = []
    for current in walk_up(areas, node.id):
        if current.report_level == "national":
            out.append(("national", NATIONAL))
        elif current.level.value in ("region", "municipality"):
            out.append((current.report_level, current.key))
    return out


def _sample_table(session: DBSession, wave: Wave, areas: dict[int, AreaNode]) -> pd.DataFrame:
    """Sample units, completed interviews and the AAPOR rates (services/dispositions.py) by state."""
    units = session.execute(
        sa.select(SampleUnit.area_id, sa.func.count())
        .where(SampleUnit.wave_id == wave.id)
        .group_by(SampleUnit.area_id)
    ).all()
    done = session.execute(
        sa.select(SampleUnit.area_id, sa.func.count())
        .join(Interview, Interview.sample_unit_id == SampleUnit.id)
        .where(Interview.wave_id == wave.id, Interview.status == InterviewStatus.completed)
        .group_by(SampleUnit.area_id)
    ).all()
    by_state: dict[str, list[int]] = {}

    def state_name(area_id: int | None) -> str:
        node = areas.get(area_id) if area_id is not None else None
        state = areas.get(node.state_id) if node and node.state_id else None
        return state.name if state else "—"

    for area_id, count in units:
        by_state.setdefault(state_name(area_id), [0, 0])[0] += count
    for area_id, count in done:
        by_state.setdefault(state_name(area_id), [0, 0])[1] += count
    rates = {
        name: aapor_rates(counts)
        for name, counts in _dispositions(session, wave, state_name).items()
    }
    return pd.DataFrame(
        [
            {
                "area": name,
                "sample_units": u,
                "completed": c,
                "response_rate": c / u if u else float("nan"),
                "RR1 rate": rates[name].rr1 if name in rates else float("nan"),
                "RR3 rate": rates[name].rr3 if name in rates else float("nan"),
                "COOP1 rate": rates[name].coop1 if name in rates else float("nan"),
                "CON1 rate": rates[name].con1 if name in rates else float("nan"),
            }
            for name, (u, c) in sorted(by_state.items())
        ]
    )


def _dispositions(
    session: DBSession, wave: Wave, state_name: Callable[[int | None], str] | None = None
) -> dict[str, DispositionCounts]:
    """Disposition counts of the wave's units by state name (one entry "" when no namer)."""
    code = unit_disposition()
    found: dict[str, DispositionCounts] = {}
    for area_id, disposition, count in session.execute(
        sa.select(SampleUnit.area_id, code, sa.func.count())
        .where(SampleUnit.wave_id == wave.id)
        .group_by(SampleUnit.area_id, code)
    ):
        name = state_name(area_id) if state_name is not None else ""
        found[name] = found.get(name, DispositionCounts()) + tally([(disposition, count)])
    return found


def _annex_notes(session: DBSession, wave: Wave, provisional: bool) -> dict[str, str]:
    """What the annex says beyond the tables: provisional weights, which interviews feed the
    indicators, and the e of RR3."""
    total = _dispositions(session, wave).get("", DispositionCounts())
    e = aapor_rates(total).e
    parts = [STRINGS["weights_provisional"]] if provisional else []
    parts.append(FEEDS_NOTES[wave.indicator_interviews])
    if total.unknown:
        parts.append(
            {lang: text.format(e=format_percent(100 * e, lang)) for lang, text in E_NOTE.items()}
        )
    return {lang: " ".join(p[lang] for p in parts if lang in p) for lang in E_NOTE}


def previous_table(
    session: DBSession,
    wave: Wave,
    *,
    settings: ReportSettings = DEFAULT_SETTINGS,
    progress: Progress = quiet,
) -> tuple[Wave, pd.DataFrame] | None:
    """The previous wave and its indicator table (from the cache, else built and stored there)."""
    previous = previous_wave(session, wave)
    if previous is None:
        return None
    return previous, wave_table(session, previous, settings=settings, progress=progress)


def wave_table(
    session: DBSession,
    wave: Wave,
    *,
    settings: ReportSettings = DEFAULT_SETTINGS,
    progress: Progress = quiet,
) -> pd.DataFrame:
    """The wave's indicator table from the cache, else built and stored there."""
    version = data_version(session, wave, settings)
    table = ready_table(session, wave, version)
    if table is None:
        progress(f"indicators of the wave {wave.slug}")
        table = indicator_table(session, wave, settings=settings, progress=progress)
        row = request_output(session, OutputKey.indicators(wave, version))
        if row.status is not OutputStatus.running:
            finish_output(session, row.id, content=table_to_json(table))
    return table


def _boundaries(session: DBSession, areas: dict[int, AreaNode]) -> dict[str, dict[str, Any]]:
    """The stored boundaries of states and municipalities by report level and area key."""
    levels = {AreaLevel.region: "state", AreaLevel.municipality: "municipality"}
    nodes = [a for a in areas.values() if a.level in levels]
    shapes = boundaries_of(session, [a.id for a in nodes])
    out: dict[str, dict[str, Any]] = {}
    for node in nodes:
        if node.id in shapes:
            out.setdefault(levels[node.level], {})[node.key] = shapes[node.id]
    return out


def _report_wave(wave: Wave) -> ReportWave:
    fieldwork = (
        (wave.fieldwork_start, wave.fieldwork_end)
        if wave.fieldwork_start and wave.fieldwork_end
        else "—"
    )
    return ReportWave(wave.name, (wave.reference_start, wave.reference_end), fieldwork)


def report_data(
    session: DBSession,
    wave: Wave,
    area: AreaNode,
    table: pd.DataFrame,
    *,
    quality: str | QualityRules = "inegi",
    household_crimes: str = "person",
    provisional: bool = False,
    previous: tuple[Wave, pd.DataFrame] | None = None,
    drivers: pd.DataFrame | None = None,
    perception: Tables = (None, None),
) -> ReportData:
    """Everything the status report of ``area`` shows, from the database and the indicator table."""
    areas = area_index(session)
    country_node = next(
        (a for a in wave_areas(session, wave) if a.report_level == "national"), None
    )
    country = (
        _report_area(country_node) if country_node else ReportArea("national", NATIONAL, wave.name)
    )
    state = None
    if area.report_level == "municipality" and area.state_id is not None:
        state = _report_area(areas[area.state_id])
    subareas = None
    if area.report_level == "state":
        subareas = [
            a.key
            for a in areas.values()
            if a.level.value == "municipality" and a.state_id == area.id
        ]
    police, period = police_table(session, wave, areas)
    names = {a.key: a.name for a in areas.values() if a.level.value in ("region", "municipality")}
    gaps = gaps_of(wave.instrument_version)
    return ReportData(
        wave=_report_wave(wave),
        area=_report_area(area) if area.report_level != "national" else country,
        indicators=table,
        state=state,
        country=None if area.report_level == "national" else country,
        police=police,
        police_period=period or "",
        methodology=Methodology(
            sample=_sample_table(session, wave, areas),
            quality_rules=quality,
            household_crimes=household_crimes,
            notes=_annex_notes(session, wave, provisional),
        ),
        area_names=names,
        subareas=subareas,
        boundaries=_boundaries(session, areas),
        survey_name=wave.instrument_version.title,
        previous_wave=_report_wave(previous[0]) if previous else None,
        previous=previous[1] if previous else None,
        # ONS: changes between waves are reported only when significant at the 5% level
        changes=wave_difference(table, previous[1], level=0.95) if previous else None,
        fear_drivers=drivers,
        # fear by victimization status and the paradox table: the whole wave's
        fear_by_victim=perception[0],
        paradox=perception[1],
        # a national adaptation that drops standard items: the report names what it leaves out
        not_asked=gaps.not_asked,
        unmeasured=gaps.unmeasured,
    )


def pdf_report(
    session: DBSession,
    wave: Wave,
    area: AreaNode,
    *,
    language: str,
    public: bool,
    table: pd.DataFrame | None = None,
    settings: ReportSettings = DEFAULT_SETTINGS,
    drivers: pd.DataFrame | None = None,
    progress: Progress = quiet,
    warn: Progress = quiet,
) -> bytes:
    """The PDF status report of one area (builds the indicator table when not given);
    ``warn`` hears the report's warnings (most of the area's estimates withheld)."""
    if table is None:
        table = indicator_table(session, wave, settings=settings, progress=progress)
    data = report_data(
        session,
        wave,
        area,
        table,
        # the annex documents the rules that labelled the table, the smallest cell included
        quality=with_minimum_cases(settings.quality, settings.min_cases),
        household_crimes=settings.household_crimes,
        provisional=_has_provisional(session, wave),
        previous=previous_table(session, wave, settings=settings, progress=progress),
        drivers=drivers,
        perception=report_perception(session, wave, settings=settings),
    )

    def step(name: str, fraction: float) -> None:
        progress(f"report section {name} ({fraction:.0%})")

    report = build_report(data, language=language, public=public, progress=step)
    for warning in report.warnings:
        warn(warning)
    progress("rendering PDF")
    return report.pdf_bytes()


def _has_provisional(session: DBSession, wave: Wave) -> bool:
    return (
        session.scalar(
            sa.select(Interview.id)
            .where(
                Interview.wave_id == wave.id,
                Interview.status == InterviewStatus.completed,
                Interview.final_weight.is_(None),
            )
            .limit(1)
        )
        is not None
    )


def build_output(
    session: DBSession,
    output: ReportOutput,
    *,
    settings: ReportSettings = DEFAULT_SETTINGS,
    progress: Progress = quiet,
) -> bytes:
    """The content of a claimed output row (raises ReportError for problems a user can fix)."""
    wave = session.get(Wave, output.wave_id)
    if wave is None:
        raise ReportError(WAVE_GONE)
    if output.kind is OutputKind.indicators:
        return table_to_json(indicator_table(session, wave, settings=settings, progress=progress))
    if output.kind is OutputKind.fear_drivers:
        return drivers_to_json(fear_drivers(session, wave, progress=progress))
    table = ready_table(session, wave, output.data_version)
    if table is None:
        table = indicator_table(session, wave, settings=settings, progress=progress)
    area = find_area(session, wave, output.area_key)
    return pdf_report(
        session,
        wave,
        area,
        language=output.language,
        public=output.public,
        table=table,
        settings=settings,
        drivers=cached_drivers(session, wave, output.data_version, progress),
        progress=progress,
    )


def drivers_to_json(drivers: pd.DataFrame | None) -> bytes:
    return (
        b"null"
        if drivers is None
        else drivers.to_json(orient="records", double_precision=10).encode("utf-8")
    )


def cached_drivers(
    session: DBSession, wave: Wave, version: str, progress: Progress = quiet
) -> pd.DataFrame | None:
    """The wave's fear-driver odds ratios from the cache, else fitted and stored there."""
    row = request_output(session, OutputKey.fear_drivers(wave, version))
    if row.status is OutputStatus.ready and row.content is not None:
        rows = json.loads(row.content.decode("utf-8"))
        return None if rows is None else pd.DataFrame(rows)
    drivers = fear_drivers(session, wave, progress=progress)
    if row.status is not OutputStatus.running:
        finish_output(session, row.id, content=drivers_to_json(drivers))
    return drivers
