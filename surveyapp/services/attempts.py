"""Contact attempts sent by the interviewer app: ``PUT /api/field/attempts/<uuid>``.

An attempt is sent once and never changes: the same body again is a no-op, another body for
the same UUID is refused (409 ``changed``). Each stored attempt refreshes the unit's
disposition (``services/dispositions.py``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from collections.abc import Collection
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..models import (
    AttemptOutcome,
    ContactAttempt,
    Interview,
    InterviewStatus,
    SampleUnit,
    Wave,
    utcnow,
)
from ..models.base import MAX_ID
from ..security import direction_control
from . import Actor, DBSession, audit
from .dispositions import refresh_disposition
from .fieldwork import FieldworkError, check_holder, check_uuid, takes_tablet_interviews

#: Longest note kept.
MAX_NOTE = 2000
#: How far after the visit's own day an appointment may be (the interviewer app holds the same
#: number, MAX_APPOINTMENT_DAYS in static/field/cards.js).
MAX_APPOINTMENT_DAYS = 60
#: The fields of an attempt body, all covered by its content hash.
ATTEMPT_FIELDS = ("sample_unit_id", "attempted_at", "outcome", "note")
#: Fields an app that asks for the appointment adds; in the content hash only when given, so that
#: a visit sent by an older app hashes as it always did (its retry stays a duplicate).
APPOINTMENT_FIELDS = ("appointment_date", "appointment_time")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"[0-9]{2}:[0-9]{2}")


@dataclasses.dataclass(frozen=True)
class AttemptBody:
    sample_unit_id: int
    attempted_at: str  # as sent
    attempted_at_time: dt.datetime  # parsed, aware
    outcome: AttemptOutcome
    note: str | None
    appointment_date: dt.date | None  # wall-clock at the household, like the visit's local date
    appointment_time: dt.time | None
    content_hash: str


def parse_attempt(body: Any) -> AttemptBody:
    """Check an attempt body's shape; FieldworkError ``invalid_request`` names the field."""
    if not isinstance(body, dict):
        raise FieldworkError("invalid_request", "The body must be a JSON object.")
    unknown = sorted(set(body) - set(ATTEMPT_FIELDS) - set(APPOINTMENT_FIELDS))
    if unknown:
        raise FieldworkError(
            "invalid_request", f"The body has unknown fields: {', '.join(unknown)}."
        )
    unit_id = body.get("sample_unit_id")
    if not isinstance(unit_id, int) or isinstance(unit_id, bool):
        raise FieldworkError("invalid_request", "sample_unit_id must be a whole number.")
    when = body.get("attempted_at")
    moment = None
    if isinstance(when, str) and len(when) <= 40:
        try:
            moment = dt.datetime.fromisoformat(when)
        except ValueError:
            moment = None
    if moment is None or moment.tzinfo is None or not isinstance(when, str):
        raise FieldworkError(
            "invalid_request",
            "attempted_at must be a date and time with its UTC offset, like 2026-12-06T10:15:00-05:00.",
        )
    try:
        outcome = AttemptOutcome(str(body.get("outcome")))
    except ValueError:
        raise FieldworkError(
            "invalid_request",
            f"outcome must be one of {', '.join(o.value for o in AttemptOutcome)}.",
        ) from None
    note = body.get("note")
    if note is not None and not isinstance(note, str):
        raise FieldworkError("invalid_request", "note must be a string or null.")
    if note is not None:
        if len(note) > MAX_NOTE:
            raise FieldworkError("invalid_request", f"note may have at most {MAX_NOTE} characters.")
        if "\x00" in note:
            raise FieldworkError("invalid_request", "note holds a NUL character.")
        try:
            note.encode("utf-8")
        except UnicodeEncodeError:
            raise FieldworkError("invalid_request", "note holds invalid Unicode.") from None
        char = direction_control(note)
        if char is not None:
            # Supervisors read the note on their pages; the app refuses it where it is typed.
            raise FieldworkError(
                "invalid_request",
                f"note holds an invisible character that reorders the text ({char}); "
                "remove it and send the visit again.",
                reason="note_direction_control",
                params={"char": char},
            )
    appointment_date, appointment_time = _appointment(body, moment, outcome)
    hashed = {name: body.get(name) for name in ATTEMPT_FIELDS}
    hashed.update({name: body[name] for name in APPOINTMENT_FIELDS if body.get(name) is not None})
    canonical = json.dumps(
        hashed,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return AttemptBody(
        sample_unit_id=unit_id,
        attempted_at=when,
        attempted_at_time=moment,
        outcome=outcome,
        note=note.strip() or None if note is not None else None,
        appointment_date=appointment_date,
        appointment_time=appointment_time,
        content_hash=hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
    )


def _appointment(
    body: dict[str, Any], moment: dt.datetime, outcome: AttemptOutcome
) -> tuple[dt.date | None, dt.time | None]:
    """The appointment a visit set: a day from the visit's own (local) day to
    MAX_APPOINTMENT_DAYS after it, and optionally a time; FieldworkError names the field."""
    raw_date, raw_time = body.get("appointment_date"), body.get("appointment_time")
    if raw_date is None and raw_time is None:
        return None, None
    if outcome is not AttemptOutcome.appointment:
        name = "appointment_date" if raw_date is not None else "appointment_time"
        raise FieldworkError(
            "invalid_request",
            f"{name} is only for a visit with outcome appointment (this one is {outcome.value}).",
            reason="appointment_outcome",
            params={"field": name, "outcome": outcome.value},
        )
    if raw_date is None:
        raise FieldworkError(
            "invalid_request",
            "appointment_time needs an appointment_date (the day agreed).",
            reason="appointment_no_date",
        )
    day = None
    if isinstance(raw_date, str) and _DATE.fullmatch(raw_date):
        try:
            day = dt.date.fromisoformat(raw_date)
        except ValueError:
            day = None
    if day is None:
        raise FieldworkError(
            "invalid_request",
            "appointment_date must be a date like 2026-12-15 (or null: no appointment agreed).",
            reason="appointment_date",
        )
    # The visit's own day at the household, not the server's: a visit sent days later, or from
    # another time zone than the server's, is judged by the day it was made.
    visit_day = moment.date()
    last = visit_day + dt.timedelta(days=MAX_APPOINTMENT_DAYS)
    if not visit_day <= day <= last:
        raise FieldworkError(
            "invalid_request",
            f"appointment_date must be from the visit's day ({visit_day.isoformat()}) to "
            f"{MAX_APPOINTMENT_DAYS} days after it ({last.isoformat()}); it is {day.isoformat()}.",
            reason="appointment_range",
            params={
                "first": visit_day.isoformat(),
                "last": last.isoformat(),
                "day": day.isoformat(),
                "n": MAX_APPOINTMENT_DAYS,
            },
        )
    if raw_time is None:
        return day, None
    hour = None
    if isinstance(raw_time, str) and _TIME.fullmatch(raw_time):
        try:
            hour = dt.time.fromisoformat(raw_time)
        except ValueError:
            hour = None
    if hour is None:
        raise FieldworkError(
            "invalid_request",
            "appointment_time must be a time of day like 15:00 (24-hour clock), or null.",
            reason="appointment_time",
        )
    return day, hour


def record_attempt(
    session: DBSession,
    attempt_uuid: str,
    body: AttemptBody,
    *,
    by: Actor,
    now: dt.datetime | None = None,
) -> tuple[ContactAttempt, bool]:
    """Store one attempt (the attempt, True) or find the same one stored (the attempt, False).

    FieldworkError: ``owner`` (another interviewer's attempt, or the unit is someone else's),
    ``changed`` (this UUID was stored with another body), ``not_found``, ``not_assigned``,
    ``wave_not_accepting``. Flushes; the caller commits (and on IntegrityError, a concurrent
    copy of the same attempt, rolls back and calls again).
    """
    check_uuid(attempt_uuid)
    stored = session.scalar(sa.select(ContactAttempt).where(ContactAttempt.uuid == attempt_uuid))
    if stored is not None:
        if stored.interviewer_id != by.id:
            raise FieldworkError(
                "owner",
                "This visit was sent by another interviewer; it cannot be changed here.",
                reason="visit_owner",
            )
        if stored.content_hash != body.content_hash:
            raise FieldworkError(
                "changed",
                "This visit was already sent with other details; a visit cannot be changed. "
                "Record a new visit instead.",
                reason="visit_changed",
            )
        return stored, False
    unit = (
        session.get(SampleUnit, body.sample_unit_id) if 0 < body.sample_unit_id <= MAX_ID else None
    )
    if unit is None:
        raise FieldworkError(
            "not_found",
            "The server has no such sample unit; download the assignments again.",
            reason="unit_not_found",
        )
    if not takes_tablet_interviews(unit.wave):
        raise FieldworkError(
            "wave_not_accepting",
            f'The wave "{unit.wave.name}" does not take tablet interviews.',
            params={"wave": unit.wave.name},
        )
    check_holder(session, unit, by)
    attempt = ContactAttempt(
        uuid=attempt_uuid,
        sample_unit_id=unit.id,
        wave_id=unit.wave_id,
        interviewer_id=by.id,
        attempted_at=body.attempted_at_time.astimezone(dt.UTC),
        attempted_at_text=body.attempted_at,
        local_date=body.attempted_at_time.date(),
        received_at=now or utcnow(),
        outcome=body.outcome,
        note=body.note,
        appointment_date=body.appointment_date,
        appointment_time=body.appointment_time,
        content_hash=body.content_hash,
    )
    session.add(attempt)
    session.flush()
    disposition = refresh_disposition(session, unit)
    audit.record(
        session,
        "attempt.record",
        user=by,
        object_type="sample_unit",
        object_id=unit.id,
        details={
            "attempt": attempt_uuid,
            "outcome": body.outcome.value,
            "disposition": int(disposition) if disposition is not None else None,
        },
    )
    return attempt, True


def unit_attempts(session: DBSession, unit_id: int) -> list[ContactAttempt]:
    """Every visit to a unit, any interviewer's, the first first (the supervisor's list)."""
    return list(
        session.scalars(
            sa.select(ContactAttempt)
            .where(ContactAttempt.sample_unit_id == unit_id)
            .options(selectinload(ContactAttempt.interviewer))
            .order_by(ContactAttempt.attempted_at, ContactAttempt.id)
        )
    )


#: Most appointments listed on the supervisors' page (all counted).
APPOINTMENTS_SHOWN = 500


def open_appointments(
    session: DBSession, wave: Wave, *, within: Collection[int] | None
) -> list[ContactAttempt]:
    """The appointments still to keep in a wave, the earliest first: each household's last visit
    when it set one (a later visit of another outcome ends it) and no finished interview of the
    household was received. ``within``: the area ids a supervisor sees (None: all)."""
    order = sa.func.row_number().over(
        partition_by=ContactAttempt.sample_unit_id,
        order_by=(ContactAttempt.attempted_at.desc(), ContactAttempt.id.desc()),
    )
    ranked = (
        sa.select(ContactAttempt.id, order.label("place"))
        .where(ContactAttempt.wave_id == wave.id)
        .subquery()
    )
    finished = sa.select(Interview.sample_unit_id).where(
        Interview.sample_unit_id.is_not(None), Interview.status != InterviewStatus.in_progress
    )
    query = (
        sa.select(ContactAttempt)
        .join(ranked, sa.and_(ranked.c.id == ContactAttempt.id, ranked.c.place == 1))
        .join(SampleUnit, SampleUnit.id == ContactAttempt.sample_unit_id)
        .where(
            ContactAttempt.outcome == AttemptOutcome.appointment,
            ContactAttempt.appointment_date.is_not(None),
            ContactAttempt.sample_unit_id.not_in(finished),
        )
        .options(
            selectinload(ContactAttempt.interviewer),
            selectinload(ContactAttempt.sample_unit).selectinload(SampleUnit.area),
            selectinload(ContactAttempt.sample_unit).selectinload(SampleUnit.assigned_to),
        )
        .order_by(
            ContactAttempt.appointment_date,
            ContactAttempt.appointment_time.is_(None).desc(),
            ContactAttempt.appointment_time,
            SampleUnit.external_id,
        )
        .limit(APPOINTMENTS_SHOWN)
    )
    if within is not None:
        query = query.where(SampleUnit.area_id.in_(sorted(within)))
    return list(session.scalars(query))


def appointment_due(attempt: ContactAttempt, now: dt.datetime | None = None) -> str:
    """Whether an appointment is ``overdue``, ``today`` or ``later``: its day against today at
    the household, which is today in the offset the visit's device gave (attempted_at_text)."""
    assert attempt.appointment_date is not None, "only for a visit that set an appointment"
    moment = now or utcnow()
    offset = dt.datetime.fromisoformat(attempt.attempted_at_text).tzinfo or dt.UTC
    today = moment.astimezone(offset).date()
    if attempt.appointment_date < today:
        return "overdue"
    return "today" if attempt.appointment_date == today else "later"
