"""From the database to indicators and status reports, with a cache in the database.

* :func:`interview_records` reads a wave's completed interviews with their
  design fields in one query (no ORM object per row) as the interview records
  :mod:`analysis.microdata` expects.
* :func:`data_version` is a short hash of everything a report is built from
  (completed interviews and their weights, the sample, police records,
  census totals, the quality rules); new data gives a new version, so the
  cache never serves a report built from older data.
* :class:`~surveyapp.models.ReportOutput` rows are the cache and the job
  queue at once: :func:`request_output` adds (or finds) the row for a key,
  :func:`claim_output` lets exactly one worker build it (an UPDATE that only
  one transaction can win), :func:`build_output` fills it.

Final weights: ``interviews.final_weight``, set by a weighting run or the demo
loader. An interview without one gets the provisional base weight
``eligible adults / selection probability`` of its sample unit (1 when
unknown), and the methodology annex says the weights are provisional.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import math
import threading
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa

from analysis.compare import fear_model
from analysis.i18n import LANGUAGES
from analysis.indicators import catalogue, compute_indicators
from analysis.microdata import MicrodataError, has_repeat, incident_table, respondent_table

from ..models import (
    Area,
    AreaLevel,
    InstrumentVersion,
    Interview,
    InterviewStatus,
    OutputKind,
    OutputStatus,
    PoliceRecord,
    PopulationTotal,
    ReportOutput,
    SampleUnit,
    Wave,
    WaveArea,
    WaveStatus,
    utcnow,
)
from . import DBSession
from .areas import walk_up
from .instruments import instrument_of

log = logging.getLogger(__name__)

#: Bump when a change of this module or of the analysis changes what a report shows.
FORMAT_VERSION = "1"
#: ``area_key`` of the whole wave (the country).
NATIONAL = "national"
#: ``area_key`` of indicator tables, which hold every area.
ALL_AREAS = "all"
#: Domains computed for every wave.
DOMAINS: tuple[str, ...] = ("national", "state", "municipality", "sex", "age_group", "youth")
#: Values blanked in public outputs when the row is suppressed.
BLANKED_COLUMNS: tuple[str, ...] = (
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "cv",
    "deff",
    "n_effective",
)

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ReportSettings:
    """How estimates are judged: the quality rule set and the smallest cell any output publishes.

    ``min_cases``: an estimate from fewer cases (``n``) is flagged suppressed
    whatever its CV, so public outputs never show small cells even under a
    rule set (INEGI's) that publishes every estimate with a CV band.
    """

    quality: str = "inegi"
    min_cases: int = 30

    @property
    def tag(self) -> str:
        return f"{self.quality}/n>={self.min_cases}"


#: The settings when none are given (INEGI bands, nothing from fewer than 30 cases in public).
DEFAULT_SETTINGS = ReportSettings()


class ReportError(ValueError):
    """A report cannot be built as asked (no data, unknown area); the message says why."""


def _quiet(step: str) -> None:
    """A progress callback that says nothing."""


# ---- areas ----


@dataclass(frozen=True)
class AreaNode:
    """An area with the ids of its state and municipality (for domain columns)."""

    id: int
    level: AreaLevel
    code: str
    name: str
    parent_id: int | None
    state_id: int | None
    municipality_id: int | None

    @property
    def report_level(self) -> str:
        """``national``, ``state`` or ``municipality`` (neighbourhoods report as their municipality)."""
        return {AreaLevel.country: "national", AreaLevel.region: "state"}.get(
            self.level, "municipality"
        )

    @property
    def key(self) -> str:
        """The ``area_key`` of its reports and the ``domain`` value of its indicator rows."""
        if self.level is AreaLevel.country:
            return NATIONAL
        return str(self.municipality_id if self.level is AreaLevel.neighbourhood else self.id)


def area_index(session: DBSession) -> dict[int, AreaNode]:
    """Every area by id, with its state and municipality resolved (one query)."""
    rows = session.execute(
        sa.select(Area.id, Area.level, Area.code, Area.name, Area.parent_id)
    ).all()
    plain: dict[int, Any] = {r.id: r for r in rows}
    nodes: dict[int, AreaNode] = {}
    for r in rows:
        state = municipality = None
        for node in walk_up(plain, r.id):
            if node.level is AreaLevel.region:
                state = node.id
            elif node.level is AreaLevel.municipality:
                municipality = node.id
        nodes[r.id] = AreaNode(r.id, r.level, r.code, r.name, r.parent_id, state, municipality)
    return nodes


def wave_areas(session: DBSession, wave: Wave) -> list[AreaNode]:
    """The areas a wave can report on: those with sample units, their states and the country."""
    index = area_index(session)
    used = set(
        session.scalars(
            sa.select(SampleUnit.area_id)
            .where(SampleUnit.wave_id == wave.id, SampleUnit.area_id.is_not(None))
            .distinct()
        )
    )
    used |= {a.id for a in wave.areas}
    keep: set[int] = set()
    for area_id in used:
        keep.update(n.id for n in walk_up(index, area_id) if n.level is not AreaLevel.neighbourhood)
    order = {level: i for i, level in enumerate(AreaLevel)}
    return sorted((index[i] for i in keep), key=lambda a: (order[a.level], a.name))


# ---- records ----


def _base_weight(
    probability: float | None, adults: int | None, answers: Mapping[str, Any]
) -> float:
    if adults is None:
        reported = answers.get("hh_adults")
        adults = int(reported) if isinstance(reported, int | float) and reported > 0 else None
    weight = 1.0 / probability if probability else 1.0
    return weight * (adults or 1)


def interview_records(session: DBSession, wave: Wave) -> tuple[list[dict[str, Any]], bool]:
    """The wave's completed interviews as analysis records, and whether any weight is provisional.

    Record fields: ``interview_id, stratum, psu, state, municipality,
    weight, answers``; ``state``/``municipality`` hold area ids as text (codes
    repeat across states). Interviews without a sample unit or PSU are their
    own PSU in the stratum ``"none"``.
    """
    index = area_index(session)
    query = (
        sa.select(
            Interview.id,
            Interview.answers,
            Interview.final_weight,
            SampleUnit.stratum,
            SampleUnit.psu,
            SampleUnit.area_id,
            SampleUnit.selection_probability,
            SampleUnit.eligible_adults,
        )
        .outerjoin(SampleUnit, SampleUnit.id == Interview.sample_unit_id)
        .where(Interview.wave_id == wave.id, Interview.status == InterviewStatus.completed)
        .order_by(Interview.id)
    )
    records: list[dict[str, Any]] = []
    provisional = False
    for ident, answers, weight, stratum, psu, area_id, probability, adults in session.execute(
        query
    ):
        answers = answers or {}
        if weight is None:
            provisional = True
            weight = _base_weight(probability, adults, answers)
        node = index.get(area_id) if area_id is not None else None
        records.append(
            {
                "interview_id": ident,
                "stratum": stratum or "none",
                "psu": f"{stratum or 'none'}/{psu}" if psu else f"interview-{ident}",
                "state": str(node.state_id) if node and node.state_id else None,
                "municipality": str(node.municipality_id)
                if node and node.municipality_id
                else None,
                "weight": float(weight),
                "answers": answers,
            }
        )
    return records, provisional


def completed_count(session: DBSession, wave: Wave) -> int:
    return int(
        session.scalar(
            sa.select(sa.func.count())
            .select_from(Interview)
            .where(Interview.wave_id == wave.id, Interview.status == InterviewStatus.completed)
        )
        or 0
    )


# ---- data version ----


def _fingerprint(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, float):
        return repr(round(value, 9))
    return str(value)


def data_version(
    session: DBSession, wave: Wave, settings: ReportSettings = DEFAULT_SETTINGS
) -> str:
    """A hash of everything the wave's reports are built from (a few aggregate queries).

    Counts, largest ids, summed optimistic-lock versions and weights of the
    completed interviews, the sample units, police records and census totals:
    a new or changed interview, a re-weighting or an upload changes it.
    """
    parts: list[Any] = [FORMAT_VERSION, settings.tag, wave.id, wave.instrument_version_id]
    parts += _interview_parts(session, wave.id)
    previous = previous_wave(session, wave)
    if previous is not None:  # reports compare with it
        parts += [previous.id, *_interview_parts(session, previous.id)]
    parts += list(
        session.execute(
            sa.select(
                sa.func.count(),
                sa.func.max(SampleUnit.id),
                sa.func.sum(SampleUnit.selection_probability),
                sa.func.sum(SampleUnit.area_id),
            ).where(SampleUnit.wave_id == wave.id)
        ).one()
    )
    parts += list(
        session.execute(
            sa.select(
                sa.func.count(),
                sa.func.max(PoliceRecord.id),
                sa.func.sum(PoliceRecord.count),
                sa.func.max(PoliceRecord.uploaded_at),
            )
        ).one()
    )
    parts += list(
        session.execute(
            sa.select(
                sa.func.count(),
                sa.func.max(PopulationTotal.id),
                sa.func.sum(PopulationTotal.population),
            )
        ).one()
    )
    parts += list(session.execute(sa.select(sa.func.count(), sa.func.max(Area.id))).one())
    text = "|".join(_fingerprint(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _interview_parts(session: DBSession, wave_id: int) -> list[Any]:
    done = (Interview.wave_id == wave_id) & (Interview.status == InterviewStatus.completed)
    return list(
        session.execute(
            sa.select(
                sa.func.count(),
                sa.func.max(Interview.id),
                sa.func.sum(Interview.version),
                sa.func.max(Interview.updated_at),
                sa.func.sum(Interview.final_weight),
            ).where(done)
        ).one()
    )


def previous_wave(session: DBSession, wave: Wave) -> Wave | None:
    """The wave a report compares with: the latest earlier wave of the same questionnaire and area.

    Earlier means its reference period ended before this one started; it must
    cover one of this wave's areas and have completed interviews.
    """
    area_ids = [a.id for a in wave.areas]
    if not area_ids:
        return None
    has_data = sa.exists().where(
        Interview.wave_id == Wave.id, Interview.status == InterviewStatus.completed
    )
    return session.scalar(
        sa.select(Wave)
        .join(WaveArea, WaveArea.wave_id == Wave.id)
        .join(InstrumentVersion, InstrumentVersion.id == Wave.instrument_version_id)
        .where(
            Wave.id != wave.id,
            Wave.status != WaveStatus.draft,
            WaveArea.area_id.in_(area_ids),
            Wave.reference_end < wave.reference_start,
            InstrumentVersion.instrument_id == wave.instrument_version.instrument_id,
            has_data,
        )
        .order_by(Wave.reference_end.desc(), Wave.id.desc())
        .limit(1)
    )


# ---- indicator tables ----


def indicator_table(
    session: DBSession,
    wave: Wave,
    *,
    settings: ReportSettings = DEFAULT_SETTINGS,
    progress: Progress = _quiet,
) -> pd.DataFrame:
    """Every indicator for the nation, each state, municipality and group (compute_indicators layout)."""
    progress("reading interviews")
    records, _provisional = interview_records(session, wave)
    if not records:
        raise ReportError("this wave has no completed interviews yet")
    instrument = instrument_of(wave.instrument_version)
    progress(f"building microdata of {len(records)} interviews")
    try:
        respondents = respondent_table(records, instrument)
        incidents = incident_table(records, instrument) if has_repeat(instrument) else None
    except MicrodataError as exc:  # bad data stops the report; staff see which answer to fix
        raise ReportError(f"the answers do not fit the questionnaire: {exc}") from exc
    domains = [
        d
        for d in DOMAINS
        if d == "national"
        or d in ("state", "municipality", "age_group", "youth")
        or d in respondents.columns
        or (d == "sex" and "dem_sex" in respondents.columns)
    ]
    progress("computing indicators")
    table = compute_indicators(
        respondents,
        incidents,
        design_spec={"lonely_psu": "adjust", "household_weight": None},
        domains=domains,
        quality=settings.quality,
    )
    return suppress_small_cells(table, settings.min_cases)


def suppress_small_cells(table: pd.DataFrame, min_cases: int) -> pd.DataFrame:
    """Flag as suppressed every estimate from fewer than ``min_cases`` cases (reason says so)."""
    if table.empty or min_cases <= 0:
        return table
    out = table.copy()
    small = (out["n"].astype(float) < min_cases) & ~out["suppressed"].astype(bool)
    out.loc[small, "suppressed"] = True
    note = f"fewer than {min_cases} cases"
    out.loc[small, "reason"] = [
        f"{r}; {note}" if r else note for r in out.loc[small, "reason"].fillna("")
    ]
    return out


def fear_drivers(
    session: DBSession,
    wave: Wave,
    *,
    records: list[dict[str, Any]] | None = None,
    progress: Progress = _quiet,
) -> pd.DataFrame | None:
    """Odds ratios of feeling unsafe in the neighbourhood (victimization, sex, age, state, trust).

    None when the model cannot be fitted (too few cases, an instrument
    without the items): the report then leaves the figure out.
    """
    if records is None:
        records, _provisional = interview_records(session, wave)
    if not records:
        return None
    progress("fitting the fear-driver model")
    try:
        respondents = respondent_table(records, instrument_of(wave.instrument_version))
        with warnings.catch_warnings():
            # a small wave may not converge cleanly; the report shows the intervals, which say so
            warnings.simplefilter("ignore")
            return fear_model(respondents, {"lonely_psu": "adjust", "household_weight": None})
    except Exception:  # an optional figure never stops a report
        log.warning("fear-driver model of wave %s not fitted", wave.id, exc_info=True)
        return None


def table_to_json(table: pd.DataFrame) -> bytes:
    return table.to_json(orient="records", double_precision=10).encode("utf-8")


_parsed: dict[tuple[Any, ...], pd.DataFrame] = {}
_parsed_lock = threading.Lock()
_PARSED_KEEP = 4


def cached_table(output: ReportOutput) -> pd.DataFrame:
    """The indicator table of a ready output, parsed once per process (a ready row never changes)."""
    # ids alone could repeat (another database in the same process, SQLite reusing a deleted id)
    key = (output.id, output.wave_id, output.data_version, output.finished_at)
    table = _parsed.get(key)
    if table is None:
        if output.content is None:
            raise ValueError("the output has no content yet")
        table = table_from_json(output.content)
        with _parsed_lock:  # request threads share the dictionary
            while len(_parsed) >= _PARSED_KEEP:
                _parsed.pop(next(iter(_parsed)))
            _parsed[key] = table
    return table


def table_from_json(content: bytes) -> pd.DataFrame:
    rows = json.loads(content.decode("utf-8"))
    table = pd.DataFrame(rows)
    if not table.empty:
        table["domain"] = table["domain"].astype(str)
        table["suppressed"] = table["suppressed"].astype(bool)
    return table


def area_rows(table: pd.DataFrame, area: AreaNode) -> pd.DataFrame:
    """The rows describing ``area`` (the nation's rows for the country)."""
    if table.empty:
        return table
    if area.report_level == "national":
        mask = table["domain_type"] == "national"
    else:
        mask = (table["domain_type"] == area.report_level) & (table["domain"] == area.key)
    return table[mask].reset_index(drop=True)


def publishable(table: pd.DataFrame) -> pd.DataFrame:
    """A copy with the values of suppressed rows blanked (what public outputs may show)."""
    out = table.copy()
    if out.empty:
        return out
    hidden = out["suppressed"].astype(bool).to_numpy()
    for column in BLANKED_COLUMNS:
        if column in out.columns:
            values = out[column].astype(float).to_numpy(copy=True)
            values[hidden] = np.nan
            out[column] = values
    return out


def indicator_names(language: str) -> dict[str, str]:
    """Indicator id -> name in ``language`` (English when missing)."""
    return {i.id: i.name.get(language) or i.name.get("en") or i.id for i in catalogue()}


def indicator_groups() -> dict[str, str]:
    return {i.id: i.group for i in catalogue()}


# ---- the cache and job queue ----


@dataclass(frozen=True)
class OutputKey:
    """What identifies a cached output."""

    kind: OutputKind
    wave_id: int
    area_key: str
    language: str
    public: bool
    data_version: str

    @classmethod
    def indicators(cls, wave: Wave, version: str) -> OutputKey:
        return cls(OutputKind.indicators, wave.id, ALL_AREAS, "", False, version)

    @classmethod
    def fear_drivers(cls, wave: Wave, version: str) -> OutputKey:
        return cls(OutputKind.fear_drivers, wave.id, ALL_AREAS, "", False, version)

    @classmethod
    def pdf(
        cls, wave: Wave, area: AreaNode, language: str, public: bool, version: str
    ) -> OutputKey:
        if language not in LANGUAGES:
            raise ReportError(f"reports are available in {', '.join(LANGUAGES)}, not {language!r}")
        return cls(OutputKind.pdf, wave.id, area.key, language, public, version)

    def where(self) -> sa.ColumnElement[bool]:
        return sa.and_(
            ReportOutput.kind == self.kind,
            ReportOutput.wave_id == self.wave_id,
            ReportOutput.area_key == self.area_key,
            ReportOutput.language == self.language,
            ReportOutput.public == self.public,
            ReportOutput.data_version == self.data_version,
        )


def find_output(session: DBSession, key: OutputKey) -> ReportOutput | None:
    return session.scalar(sa.select(ReportOutput).where(key.where()))


def request_output(
    session: DBSession, key: OutputKey, *, stale_after: int = 900, retry_failed_after: int = 60
) -> ReportOutput:
    """The cache row for ``key``, added as pending when missing.

    A row that failed more than ``retry_failed_after`` seconds ago, or one
    claimed more than ``stale_after`` seconds ago by a worker that never
    finished (its process died), goes back to pending.
    Two requests adding the same key at once both end with the one row the
    unique key lets in.
    """
    row = find_output(session, key)
    if row is None:
        try:
            with session.begin_nested():
                row = ReportOutput(
                    kind=key.kind,
                    wave_id=key.wave_id,
                    area_key=key.area_key,
                    language=key.language,
                    public=key.public,
                    data_version=key.data_version,
                    status=OutputStatus.pending,
                    served=0,
                )
                session.add(row)
        except sa.exc.IntegrityError:
            row = find_output(session, key)
            if row is None:  # pragma: no cover - the other insert was rolled back
                raise
        return row
    stale = (
        row.status is OutputStatus.running
        and row.started_at is not None
        and (utcnow() - row.started_at).total_seconds() > stale_after
    )
    retry = row.status is OutputStatus.failed and (
        row.finished_at is None or (utcnow() - row.finished_at).total_seconds() > retry_failed_after
    )
    if retry or stale:
        row.status = OutputStatus.pending
        row.started_at = None
        session.flush()
    return row


def claim_output(session: DBSession, output_id: int) -> bool:
    """Mark a pending row as running; true only for the one transaction that wins it."""
    result = session.execute(
        sa.update(ReportOutput)
        .where(ReportOutput.id == output_id, ReportOutput.status == OutputStatus.pending)
        .values(status=OutputStatus.running, started_at=utcnow(), error=None)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def next_pending(session: DBSession) -> int | None:
    """The id of the oldest pending output, indicator tables first (reports need them)."""
    return session.scalar(
        sa.select(ReportOutput.id)
        .where(ReportOutput.status == OutputStatus.pending)
        .order_by(
            (ReportOutput.kind == OutputKind.indicators).desc(),
            ReportOutput.requested_at,
            ReportOutput.id,
        )
        .limit(1)
    )


def prune_outputs(session: DBSession, settings: ReportSettings = DEFAULT_SETTINGS) -> int:
    """Delete cached outputs built from data that has changed since (not the current data version).

    Rows being built are kept. Returns how many were deleted.
    """
    deleted = 0
    for wave in session.scalars(
        sa.select(Wave).where(Wave.id.in_(sa.select(ReportOutput.wave_id)))
    ):
        current = data_version(session, wave, settings)
        result = session.execute(
            sa.delete(ReportOutput)
            .where(
                ReportOutput.wave_id == wave.id,
                ReportOutput.data_version != current,
                ReportOutput.status != OutputStatus.running,
            )
            .execution_options(synchronize_session=False)
        )
        deleted += int(getattr(result, "rowcount", 0) or 0)
    session.flush()
    return deleted


def mark_served(session: DBSession, output: ReportOutput) -> None:
    session.execute(
        sa.update(ReportOutput)
        .where(ReportOutput.id == output.id)
        .values(served=ReportOutput.served + 1)
        .execution_options(synchronize_session=False)
    )


def finish_output(
    session: DBSession, output_id: int, *, content: bytes | None = None, error: str | None = None
) -> None:
    """Store the result (or the reason it failed) of a claimed output."""
    session.execute(
        sa.update(ReportOutput)
        .where(ReportOutput.id == output_id)
        .values(
            status=OutputStatus.failed if error else OutputStatus.ready,
            content=content,
            error=error,
            finished_at=utcnow(),
            progress=None,
        )
        .execution_options(synchronize_session=False)
    )


def set_progress(session: DBSession, output_id: int, step: str) -> None:
    session.execute(
        sa.update(ReportOutput)
        .where(ReportOutput.id == output_id)
        .values(progress=step[:200])
        .execution_options(synchronize_session=False)
    )


def ready_table(session: DBSession, wave: Wave, version: str) -> pd.DataFrame | None:
    """The cached indicator table of this data version, if built."""
    row = find_output(session, OutputKey.indicators(wave, version))
    if row is None or row.status is not OutputStatus.ready or row.content is None:
        return None
    return table_from_json(row.content)


def is_finite(value: Any) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def area_choices(areas: Sequence[AreaNode]) -> list[tuple[str, str]]:
    """(area_key, label) pairs for a select, indented by level."""
    out = []
    for area in areas:
        indent = {"national": "", "state": "· ", "municipality": "· · "}[area.report_level]
        out.append((area.key, indent + area.name))
    return out
