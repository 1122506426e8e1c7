"""Interviews: start, save answers (rebuilding incident rows), complete, abandon."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets
import uuid as uuid_module
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from ..models import (
    Disposition,
    IncidentRecord,
    InstrumentVersion,
    Interview,
    InterviewStatus,
    Mode,
    SampleUnit,
    SampleUnitStatus,
    User,
    Wave,
    utcnow,
)
from . import DBSession, invitations
from .dispositions import interview_outcome

#: Item codes inside a repeat that hold the incident's crime type (the first one found wins);
#: any item whose code ends in "_crime" also counts.
CRIME_TYPE_ITEMS = ("inc_crime", "crime_type", "incident_crime")


class InterviewError(ValueError):
    """The interview cannot be started or changed as asked; the message says why."""


class StaleInterview(InterviewError):
    """Someone saved the interview since it was read (optimistic concurrency)."""


def start_interview(
    session: DBSession,
    wave: Wave,
    *,
    mode: Mode,
    language: str,
    sample_unit: SampleUnit | None = None,
    interviewer: User | None = None,
    interview_uuid: str | None = None,
    flush: bool = True,
) -> Interview:
    """Create an in-progress interview on the wave's instrument version; ``flush=False`` leaves
    the INSERT to the caller's commit, so that what it sets next goes in the same statement."""
    if not wave.is_open:
        raise InterviewError("this survey is not open")
    if not wave.allows(mode):
        raise InterviewError(f"this survey does not collect {mode.value} interviews")
    if language not in wave.languages:
        raise InterviewError(f"this survey is not offered in {language}")
    if sample_unit is not None and sample_unit.wave_id != wave.id:
        raise InterviewError("the sample unit belongs to another wave")
    interview = Interview(
        uuid=str(uuid_module.UUID(interview_uuid)) if interview_uuid else str(uuid_module.uuid4()),
        wave_id=wave.id,
        instrument_version_id=wave.instrument_version_id,
        sample_unit_id=sample_unit.id if sample_unit else None,
        interviewer_id=interviewer.id if interviewer else None,
        mode=mode,
        language=language,
        status=InterviewStatus.in_progress,
        answers={},
        paradata={},
    )
    session.add(interview)
    if sample_unit is not None and sample_unit.status in (
        SampleUnitStatus.pending,
        SampleUnitStatus.noncontact,
    ):
        sample_unit.status = SampleUnitStatus.started
    if flush:
        session.flush()
    return interview


#: Letters of a resume code, grouped like the invitation codes': 27^12, about 1.5e17.
RESUME_CODE_LENGTH = 12


def new_resume_code(interview: Interview) -> str:
    """Give an open-link interview a resume code like ``K7MX-4QTC-9PRD``; returns it in plain
    text (stored hashed). Written with the invitation codes' letters (no look-alikes, no
    case), since respondents copy it by hand and type it where the field asks for capitals."""
    raw = "".join(secrets.choice(invitations.ALPHABET) for _ in range(RESUME_CODE_LENGTH))
    code = "-".join(
        raw[i : i + invitations.GROUP] for i in range(0, RESUME_CODE_LENGTH, invitations.GROUP)
    )
    interview.resume_code_hash = hash_resume_code(code)
    return code


def hash_resume_code(code: str) -> str:
    """SHA-256 of the code as the invitation codes are normalised (case, spaces, hyphens)."""
    return invitations.hash_code(code)


def _hash_resume_code_before_groups(code: str) -> str:
    """How codes were stored before the grouped form: ``secrets.token_urlsafe(9)``, where case,
    '-' and '_' count. Such codes, already written down by respondents, stay valid."""
    return hashlib.sha256(code.strip().encode("utf-8")).hexdigest()


def find_by_resume_code(session: DBSession, wave: Wave, code: str) -> Interview | None:
    digests = {hash_resume_code(code), _hash_resume_code_before_groups(code)}
    return session.scalar(
        sa.select(Interview).where(
            Interview.wave_id == wave.id, Interview.resume_code_hash.in_(digests)
        )
    )


@dataclass(slots=True)
class InterviewRow:
    """An interview as the respondent's pages read and save it: plain values from one Core
    SELECT (surveyapp/respond/current.py). Loading an ORM instance instead costs about as
    much again as the query itself, on every page (surveyapp/docs/respond.md, "Speed")."""

    id: int
    uuid: str
    wave_id: int
    sample_unit_id: int | None
    instrument_version_id: int
    status: InterviewStatus
    language: str
    answers: dict[str, Any]
    last_section: str | None
    resume_code_hash: str | None
    version: int


def save_row(
    session: DBSession,
    row: InterviewRow,
    answers: Mapping[str, Any],
    *,
    last_section: str,
    content_hash: str,
    document: Mapping[str, Any],
) -> None:
    """``save_answers`` for an :class:`InterviewRow` (the same rules, in Core statements): one
    UPDATE of the row checked against ``row.version``, the incident rows rebuilt when the
    repeat instances changed, the sample unit marked partial. ``row`` is updated in place.
    Raises StaleInterview when another save got there first, InterviewError when completed."""
    if row.status is InterviewStatus.completed:
        raise InterviewError("a completed interview cannot be changed")
    new_answers = dict(answers)
    rebuild = _incidents_change(row, new_answers, content_hash, document)
    values: dict[str, Any] = {"answers": new_answers, "last_section": last_section}
    if new_answers:
        values["disposition"] = int(Disposition.partial)
        if row.sample_unit_id is not None:
            session.connection().execute(_partial_unit_statement(), {"w_unit": row.sample_unit_id})
    written = _write_row(session, row.id, row.version, values)
    row.answers, row.last_section, row.version = new_answers, last_section, written["version"]
    if rebuild:
        _write_incident_rows(session, row.id, document, new_answers)


def save_row_is_one_statement(
    row: InterviewRow, answers: Mapping[str, Any], *, content_hash: str, document: Mapping[str, Any]
) -> bool:
    """Whether :func:`save_row` writes only the interview row (one UPDATE, atomic by itself):
    no sample unit to mark partial and no incident rows to rebuild. Otherwise its statements
    must run in one transaction."""
    return row.sample_unit_id is None and not _incidents_change(
        row, answers, content_hash, document
    )


def _incidents_change(
    row: InterviewRow, answers: Mapping[str, Any], content_hash: str, document: Mapping[str, Any]
) -> bool:
    old = row.answers or {}
    return not all(
        _unchanged(old.get(code), answers.get(code))
        for code in _repeat_codes_for(content_hash, document)
    )


def save_answers(
    session: DBSession,
    interview: Interview,
    answers: Mapping[str, Any],
    *,
    expected_version: int | None = None,
    last_section: str | None = None,
    paradata: Mapping[str, Any] | None = None,
) -> Interview:
    """Replace the answers document and rebuild the incident rows if its repeat instances changed.

    The incident rows are derived from the answers by this function only, so a
    save whose repeat instances (with their values and types) are those of the
    stored document leaves them as they are.

    ``expected_version`` is the ``version`` the client read; a mismatch raises
    StaleInterview instead of overwriting someone else's save. A save that
    races another one in the database (the UPDATE finds the row's version
    already bumped) raises StaleInterview too; the caller should roll back.
    """
    if expected_version is not None and expected_version != interview.version:
        raise StaleInterview("the interview was saved elsewhere since it was opened")
    if interview.status is InterviewStatus.completed:
        raise InterviewError("a completed interview cannot be changed")
    previous = interview.answers
    new_answers = dict(answers)
    old = previous or {}
    rebuild = not all(
        _unchanged(old.get(code), new_answers.get(code))
        for code in _repeat_codes_of(interview.instrument_version)
    )
    state = sa.inspect(interview)
    # The incident rows are rebuilt with Core statements unless the ORM holds them (a loaded
    # ``interview.incidents`` would go stale): the respondent's pages never load them.
    fast = state.persistent and not state.modified and "incidents" not in state.dict
    partial = _mark_partial(interview, new_answers)
    if fast:
        # The usual page save: one UPDATE of the row, without the ORM's unit of work.
        _update_row(
            session,
            interview,
            {**partial, "answers": new_answers},
            last_section,
            None if paradata is None else {**interview.paradata, **paradata},
        )
        if rebuild:
            _replace_incident_rows(session, interview)
        if session.dirty:  # the sample unit became partial
            session.flush()
        return interview
    interview.answers = new_answers
    if last_section is not None:
        interview.last_section = last_section
    if paradata is not None:
        interview.paradata = {**interview.paradata, **paradata}
    interview.updated_at = utcnow()
    for column, value in partial.items():
        setattr(interview, column, value)
    try:
        if rebuild:
            rebuild_incidents(session, interview)
        session.flush()
    except StaleDataError:
        raise StaleInterview("the interview was saved elsewhere at the same time") from None
    return interview


def _mark_partial(interview: Interview, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The partial rule of every save: with answers, the interview is a partial (AAPOR) and a
    pending or started sample unit becomes partial. Marks the unit; returns the interview's
    columns to set (none without answers)."""
    if not answers:
        return {}
    unit = interview.sample_unit
    if unit is not None and unit.status in BECOMES_PARTIAL:
        unit.status = SampleUnitStatus.partial
    return {"disposition": int(Disposition.partial)}


#: Sample unit statuses a save with answers turns into ``partial``.
BECOMES_PARTIAL = (SampleUnitStatus.pending, SampleUnitStatus.started)


@functools.cache
def _partial_unit_statement() -> sa.Update:
    """The partial rule of :func:`_mark_partial` for a unit not loaded in the session."""
    table = cast(sa.Table, SampleUnit.__table__)
    return (
        table.update()
        .where(table.c.id == sa.bindparam("w_unit"), table.c.status.in_(BECOMES_PARTIAL))
        .values(status=SampleUnitStatus.partial)
    )


def _update_row(
    session: DBSession,
    interview: Interview,
    columns: dict[str, Any],
    last_section: str | None,
    paradata: dict[str, Any] | None,
) -> None:
    """``UPDATE interviews SET ... WHERE id = :id AND version = :version`` (the version bumped,
    as the ORM does), then the instance given the stored values; StaleInterview when another
    save got there first."""
    values: dict[str, Any] = dict(columns)
    if last_section is not None:
        values["last_section"] = last_section
    if paradata is not None:
        values["paradata"] = paradata
    for key, value in _write_row(session, interview.id, interview.version, values).items():
        set_committed_value(interview, key, value)


def _write_row(
    session: DBSession, interview_id: int, version: int, columns: dict[str, Any]
) -> dict[str, Any]:
    """``UPDATE interviews SET ..., updated_at, version = version + 1 WHERE id AND version``;
    the values written. StaleInterview when the row's version is no longer ``version``."""
    values = {**columns, "updated_at": utcnow(), "version": version + 1}
    params = {f"v_{key}": value for key, value in values.items()}
    params["w_id"], params["w_version"] = interview_id, version
    result = session.connection().execute(_update_statement(tuple(values)), params)
    if result.rowcount != 1:
        raise StaleInterview("the interview was saved elsewhere at the same time")
    return values


@functools.cache
def _update_statement(keys: tuple[str, ...]) -> sa.Update:
    """Built once per set of columns (SQLAlchemy then reuses its compiled form)."""
    table = cast(sa.Table, Interview.__table__)
    return (
        table.update()
        .where(table.c.id == sa.bindparam("w_id"), table.c.version == sa.bindparam("w_version"))
        .values({key: sa.bindparam(f"v_{key}", type_=table.c[key].type) for key in keys})
    )


def complete_interview(
    session: DBSession, interview: Interview, *, now: dt.datetime | None = None
) -> None:
    """Mark as complete (AAPOR 1.1) and the sample unit as completed."""
    status, disposition = interview_outcome(completed=True, answered=True)
    interview.status = status
    interview.disposition = int(disposition)
    interview.completed_at = now or utcnow()
    if interview.sample_unit is not None:
        interview.sample_unit.status = SampleUnitStatus.completed
    session.flush()


def abandon_interview(session: DBSession, interview: Interview) -> None:
    """Give up on an in-progress interview: partial if it has answers, else a break-off."""
    if interview.status is InterviewStatus.completed:
        raise InterviewError("a completed interview cannot be abandoned")
    status, disposition = interview_outcome(completed=False, answered=bool(interview.answers))
    interview.status = status
    interview.disposition = int(disposition)
    session.flush()


def repeat_codes(document: Mapping[str, Any]) -> list[str]:
    """Codes of the repeat items of an instrument document."""
    return [
        item["code"]
        for section in document.get("sections", [])
        for item in section.get("items", [])
        if item.get("type") == "repeat"
    ]


_repeat_codes: dict[str, tuple[str, ...]] = {}


def _repeat_codes_of(version: InstrumentVersion) -> tuple[str, ...]:
    """``repeat_codes`` of a stored version, kept per content hash (versions never change)."""
    found = _repeat_codes.get(version.content_hash)
    return found if found is not None else _repeat_codes_for(version.content_hash, version.document)


def _repeat_codes_for(content_hash: str, document: Mapping[str, Any]) -> tuple[str, ...]:
    found = _repeat_codes.get(content_hash)
    if found is None:
        if len(_repeat_codes) >= 64:
            _repeat_codes.clear()
        found = _repeat_codes[content_hash] = tuple(repeat_codes(document))
    return found


def repeat_instances(
    document: Mapping[str, Any], answers: Mapping[str, Any]
) -> Iterator[tuple[str, str | None, int, dict[str, Any]]]:
    """``(repeat_code, crime_type_item, position, instance)`` for every answered repeat instance."""
    for section in document.get("sections", []):
        for item in section.get("items", []):
            if item.get("type") != "repeat":
                continue
            code = item["code"]
            inner = [i.get("code", "") for i in item.get("items", [])]
            crime_item = next((c for c in CRIME_TYPE_ITEMS if c in inner), None) or next(
                (c for c in inner if c.endswith("_crime")), None
            )
            instances = answers.get(code)
            if not isinstance(instances, list):
                continue
            for position, instance in enumerate(instances, start=1):
                if isinstance(instance, Mapping):
                    yield code, crime_item, position, dict(instance)


def rebuild_incidents(session: DBSession, interview: Interview) -> list[IncidentRecord]:
    """Replace the interview's incident rows with one per repeat instance in its answers."""
    document = interview.instrument_version.document
    interview.incidents.clear()
    session.flush()  # delete old rows before inserting rows with the same (repeat, position)
    for row in incident_rows(document, interview.answers):
        interview.incidents.append(IncidentRecord(**row))
    return list(interview.incidents)


def incident_rows(document: Mapping[str, Any], answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The incident rows of ``answers`` (columns but the keys): the one rule of both rebuilds."""
    rows = []
    for code, crime_item, position, instance in repeat_instances(document, answers):
        crime = instance.get(crime_item) if crime_item else None
        rows.append(
            {
                "repeat_code": code,
                "position": position,
                "crime_type": None if crime is None else str(crime),
                "data": instance,
            }
        )
    return rows


def _replace_incident_rows(session: DBSession, interview: Interview) -> None:
    """``rebuild_incidents`` in two Core statements (a DELETE and one INSERT of every row)
    instead of the ORM's load, flush of deletes and flush of inserts."""
    _write_incident_rows(
        session, interview.id, interview.instrument_version.document, interview.answers
    )


def _write_incident_rows(
    session: DBSession, interview_id: int, document: Mapping[str, Any], answers: Mapping[str, Any]
) -> None:
    table = cast(sa.Table, IncidentRecord.__table__)
    connection = session.connection()
    connection.execute(_delete_incidents_statement(), {"w_interview": interview_id})
    rows = incident_rows(document, answers)
    if rows:
        connection.execute(table.insert(), [{**row, "interview_id": interview_id} for row in rows])


@functools.cache
def _delete_incidents_statement() -> sa.Delete:
    table = cast(sa.Table, IncidentRecord.__table__)
    return table.delete().where(table.c.interview_id == sa.bindparam("w_interview"))


def _unchanged(old: Any, new: Any) -> bool:
    """Whether ``new`` would be stored exactly as ``old``: like ``==``, but ``1``, ``1.0`` and
    ``True`` differ (JSON keeps them apart), and a dict or list that both share counts as
    changed (it may have been changed in place)."""
    if type(old) is not type(new):
        return False
    if isinstance(old, dict):
        return (
            old is not new
            and old.keys() == new.keys()
            and all(_unchanged(old[key], new[key]) for key in old)
        )
    if isinstance(old, list | tuple):
        return (
            old is not new
            and len(old) == len(new)
            and all(_unchanged(a, b) for a, b in zip(old, new, strict=True))
        )
    return bool(old == new)


def find_interview(session: DBSession, interview_uuid: str) -> Interview | None:
    return session.scalar(sa.select(Interview).where(Interview.uuid == interview_uuid))
