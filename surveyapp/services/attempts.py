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
from typing import Any

import sqlalchemy as sa

from ..models import AttemptOutcome, ContactAttempt, SampleUnit, utcnow
from ..models.base import MAX_ID
from . import Actor, DBSession, audit
from .dispositions import refresh_disposition
from .fieldwork import FieldworkError, check_holder, check_uuid, takes_tablet_interviews

#: Longest note kept.
MAX_NOTE = 2000
#: The fields of an attempt body, all covered by its content hash.
ATTEMPT_FIELDS = ("sample_unit_id", "attempted_at", "outcome", "note")


@dataclasses.dataclass(frozen=True)
class AttemptBody:
    sample_unit_id: int
    attempted_at: str  # as sent
    attempted_at_time: dt.datetime  # parsed, aware
    outcome: AttemptOutcome
    note: str | None
    content_hash: str


def parse_attempt(body: Any) -> AttemptBody:
    """Check an attempt body's shape; FieldworkError ``invalid_request`` names the field."""
    if not isinstance(body, dict):
        raise FieldworkError("invalid_request", "The body must be a JSON object.")
    unknown = sorted(set(body) - set(ATTEMPT_FIELDS))
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
    canonical = json.dumps(
        {name: body.get(name) for name in ATTEMPT_FIELDS},
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
        content_hash=hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
    )


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
