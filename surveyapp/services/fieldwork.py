"""Field work: device tokens, interviewers' assignments, interview uploads and their review.

The protocol these operations serve is in ``surveyapp/docs/fieldwork.md``. Every
refusal is a :class:`FieldworkError` whose ``code`` is the stable word the API
answers with; the caller (``surveyapp/fieldwork/api.py``, the CLI) commits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import re
import secrets
from collections.abc import Collection, Mapping, Sequence
from typing import Any, Literal, NamedTuple, cast

import sqlalchemy as sa
from sqlalchemy.orm import defer, selectinload
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from questionnaires.engine import validate_answers

from ..models import (
    ApiToken,
    Area,
    ContactAttempt,
    Disposition,
    IncidentRecord,
    InstrumentVersion,
    Interview,
    InterviewRevision,
    InterviewStatus,
    Mode,
    ReviewStatus,
    Role,
    SampleUnit,
    SampleUnitStatus,
    TokenPurpose,
    UnitAssignment,
    User,
    Wave,
    WaveStatus,
    utcnow,
)
from ..models.base import MAX_ID
from ..security import direction_control
from ..service_texts import Problem
from . import Actor, DBSession, audit
from .areas import area_path, descendants
from .dispositions import interview_outcome, status_after, stored_disposition
from .households import Household, check_household, household_mismatch
from .instruments import cached_version, instrument_of
from .interviews import incident_rows
from .quality import summarise
from .scope import scope_of
from .users import UserError

#: Roles that do field work and may hold a device token (administrators included).
FIELD_ROLES = (Role.interviewer, Role.supervisor, Role.survey_manager, Role.administrator)
#: Roles households are assigned to: the people who interview. Supervisors interview too (a
#: refusal to convert, a back-check, a colleague's households); survey managers and
#: administrators log in to the app to try it, not to work a sample.
ASSIGNABLE_ROLES = (Role.interviewer, Role.supervisor)
#: Longest device label kept (the column's size).
MAX_DEVICE_LABEL = 200
#: The id the interviewer app makes once per installation (a UUID): what tells tablets apart.
DEVICE_ID = re.compile(r"[A-Za-z0-9-]{8,64}")
#: Longest question code a review may name (the column's length).
MAX_ITEM = 64
#: The fields of an upload that its content hash covers, in the body's own names.
HASHED_FIELDS = (
    "wave_id",
    "sample_unit_id",
    "instrument_hash",
    "language",
    "status",
    "answers",
    "paradata",
    "client_revision",
    "saved_at",
)
#: Optional fields the hash covers when the body has them (a body without them hashes as before).
OPTIONAL_HASHED_FIELDS = ("household",)
UploadStatus = Literal["completed", "abandoned"]
UPLOAD_STATUSES: tuple[UploadStatus, ...] = ("completed", "abandoned")
_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class UploadProblem(NamedTuple):
    """One problem of an upload's content (422 ``invalid``): where, the English message, and
    ``reason`` and ``params`` for the app to word it (validate_answers' PROBLEM_REASONS, or
    ``language``, ``paradata``, ``paradata_size`` here and households.HouseholdProblem's)."""

    path: str
    message: str
    reason: str
    params: Mapping[str, str]


class FieldworkError(Exception):
    """A field work request refused; ``code`` is the API's stable word, ``message`` is for people
    (in English). ``reason`` says which of the code's cases it is (the code itself when it has
    one) and ``params`` the values the message names, so that the interviewer app can say it in
    the interviewer's language (surveyapp/static/field/i18n.js, keys ``srv_<reason>``)."""

    def __init__(
        self,
        code: str,
        message: str,
        problems: Sequence[UploadProblem] = (),
        *,
        reason: str | None = None,
        params: Mapping[str, str | int] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.problems = list(problems)
        self.reason = reason or code
        self.params = dict(params or {})


class AssignmentError(UserError):
    """Units cannot be assigned as asked; ``field`` names the setting."""


# ---- device tokens -------------------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def does_field_work(user: User) -> bool:
    return role_does_field_work(user.role)


def role_does_field_work(role: Role) -> bool:
    """``User.has_role(*FIELD_ROLES)`` for a role read without its user (administrators are
    among FIELD_ROLES)."""
    return role in FIELD_ROLES


def issue_token(
    session: DBSession,
    user: User,
    *,
    device: str,
    days: int,
    device_id: str | None = None,
    now: dt.datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new device token for ``user``: the row, and the plain token (shown once, stored hashed).
    ``device_id``: the id the app keeps on the tablet (:data:`DEVICE_ID`); None from an app
    that sends none (before 0011), whose device is then told apart by its name."""
    if device_id is not None and DEVICE_ID.fullmatch(device_id) is None:
        raise FieldworkError(
            "invalid_request",
            "The device id must be 8 to 64 letters, digits or hyphens (the app makes it).",
        )
    if not does_field_work(user) or not user.active:
        raise FieldworkError(
            "role_not_allowed", "This account does not do field work; ask a survey manager."
        )
    label = device.strip() or "Unnamed device"
    if len(label) > MAX_DEVICE_LABEL:
        raise FieldworkError(
            "invalid_request", f"The device name may have at most {MAX_DEVICE_LABEL} characters."
        )
    now = now or utcnow()
    plain = secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        token_hash=hash_token(plain),
        purpose=TokenPurpose.field,
        label=label,
        device_id=device_id,
        created_at=now,
        expires_at=now + dt.timedelta(days=days) if days > 0 else None,
    )
    session.add(token)
    session.flush()
    audit.record(
        session,
        "token.issue",
        user=user,
        object_type="api_token",
        object_id=token.id,
        details={"device": label, "expires_at": iso(token.expires_at)},
    )
    # A second login from the same device replaces the first (its token is revoked, audited as
    # replaced): each tablet holds one usable token, is listed once, and one revocation ends it.
    for earlier in device_tokens(session, user.id, token_device(token), now=now):
        if earlier.id != token.id:
            revoke_token(session, earlier, by=user, now=now, replaced_by=token.id)
    return token, plain


def device_key(label: str) -> str:
    """How a device without an id is told apart: the name typed at login, case and spaces aside
    ("Tablet PT" and "tablet  pt" are one tablet)."""
    return " ".join(label.split()).casefold()


#: What tells one of a person's devices from another: ("id", the app's device id), or, for a
#: login from an app that sends none, ("name", :func:`device_key` of its name).
DeviceKey = tuple[str, str]


def token_device(token: ApiToken) -> DeviceKey:
    """The device ``token`` is a login of. Two tablets given the same name are two devices (each
    app keeps an id of its own); an app from before device ids is known by its name only."""
    if token.device_id:
        return ("id", token.device_id)
    return ("name", device_key(token.label))


def device_tokens(
    session: DBSession, user_id: int, device: DeviceKey, *, now: dt.datetime | None = None
) -> list[ApiToken]:
    """The usable field tokens of ``user_id``'s ``device``, newest first."""
    now = now or utcnow()
    found = session.scalars(
        sa.select(ApiToken)
        .where(
            ApiToken.user_id == user_id,
            ApiToken.purpose == TokenPurpose.field,
            ApiToken.revoked_at.is_(None),
        )
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return [t for t in found if token_device(t) == device and t.usable(now)]


@dataclasses.dataclass(frozen=True)
class FieldHolder:
    """The holder of a usable device token, as the token check reads it: the columns the API
    needs (who for ``me``, the ids for everything else), in one query, without ORM instances
    (loading the token and its user was about 14% of an upload's CPU). ``id`` is the user's,
    so that it acts where a ``User`` does (``services.Actor``)."""

    id: int
    name: str
    email: str
    role: Role
    token_id: int
    device: str  # the token's label
    expires_at: dt.datetime | None


def token_holder(
    session: DBSession,
    plain: str,
    *,
    touch_after: dt.timedelta,
    now: dt.datetime | None = None,
) -> tuple[FieldHolder, bool]:
    """The holder of the usable field token whose plain text this is, and whether the token's
    ``last_used_at`` was brought up to date (when older than ``touch_after``: the caller commits
    then); FieldworkError ``token_invalid`` (or ``role_not_allowed`` when the holder's role
    changed since) otherwise. Read from the database on every request, never cached: a
    revocation, an expiry or a deactivation counts from the next request in every process."""
    now = now or utcnow()
    row = session.execute(_token_statement(), {"token_hash": hash_token(plain)}).first()
    if (
        row is None
        or not ApiToken.is_usable(revoked_at=row.revoked_at, expires_at=row.expires_at, now=now)
        or not row.active
    ):
        raise FieldworkError(
            "token_invalid",
            "This device is not logged in (the login expired or was ended). Log in again.",
        )
    if not role_does_field_work(row.role):
        raise FieldworkError(
            "role_not_allowed", "This account does not do field work; ask a survey manager."
        )
    holder = FieldHolder(
        row.user_id, row.name, row.email, row.role, row.id, row.label, row.expires_at
    )
    if row.last_used_at is None or now - row.last_used_at >= touch_after:
        session.connection().execute(_touch_token_statement(), {"w_id": row.id, "now": now})
        return holder, True
    return holder, False


@functools.cache
def _token_statement() -> sa.Select[
    int, int, str, dt.datetime | None, dt.datetime | None, dt.datetime | None, bool, Role, str, str
]:
    """A field token's columns and its holder's, by hash (the unique index): built once
    (SQLAlchemy then reuses its compiled form), as building a statement costs about as much as
    running it."""
    return (
        sa.select(
            ApiToken.id,
            ApiToken.user_id,
            ApiToken.label,
            ApiToken.expires_at,
            ApiToken.revoked_at,
            ApiToken.last_used_at,
            User.active,
            User.role,
            User.name,
            User.email,
        )
        .join(User, User.id == ApiToken.user_id)
        .where(
            ApiToken.token_hash == sa.bindparam("token_hash"),
            ApiToken.purpose == TokenPurpose.field,
        )
    )


@functools.cache
def _touch_token_statement() -> sa.Update:
    table = cast(sa.Table, ApiToken.__table__)
    return (
        table.update()
        .where(table.c.id == sa.bindparam("w_id"))
        .values(last_used_at=sa.bindparam("now", type_=table.c.last_used_at.type))
    )


def revoke_token(
    session: DBSession,
    token: ApiToken,
    *,
    by: Actor,
    now: dt.datetime | None = None,
    replaced_by: int | None = None,
) -> None:
    """End a device token (the holder logging out or logging in again on the device, which
    ``replaced_by`` names the new token of, or a manager); revoking twice changes nothing."""
    if token.revoked_at is not None:
        return
    token.revoked_at = now or utcnow()
    token.revoked_by_id = by.id
    session.flush()
    details: dict[str, Any] = {"holder_id": token.user_id, "device": token.label}
    if replaced_by is not None:
        details["replaced_by"] = replaced_by
    audit.record(
        session,
        "token.revoke",
        user=by,
        object_type="api_token",
        object_id=token.id,
        details=details,
    )


def revoke_device(
    session: DBSession, token: ApiToken, *, by: Actor, now: dt.datetime | None = None
) -> int:
    """End the device ``token`` is a login of: every usable token of its holder's device
    (:func:`token_device`; one, unless logins before device tokens were replaced). Returns how
    many."""
    now = now or utcnow()
    ended = device_tokens(session, token.user_id, token_device(token), now=now)
    for found in ended:
        revoke_token(session, found, by=by, now=now)
    return len(ended)


@dataclasses.dataclass(frozen=True)
class Device:
    """One device of a person, as the devices page lists it: its logins (tokens), newest first."""

    tokens: list[ApiToken]
    #: Another device of the person has the same name: the page adds the start of this one's id.
    same_name: bool = False

    @property
    def latest(self) -> ApiToken:
        return self.tokens[0]

    @property
    def short_id(self) -> str | None:
        """The start of the device's id, to tell apart devices given the same name."""
        device_id = self.latest.device_id
        return device_id[:8] if device_id else None

    @property
    def last_used_at(self) -> dt.datetime | None:
        return max((t.last_used_at for t in self.tokens if t.last_used_at), default=None)

    def usable(self, now: dt.datetime) -> bool:
        return any(t.usable(now) for t in self.tokens)


def user_devices(session: DBSession, user: User) -> list[Device]:
    """The user's devices (tokens grouped by :func:`token_device`), the latest login first."""
    tokens = session.scalars(
        sa.select(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.purpose == TokenPurpose.field)
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    devices: dict[DeviceKey, list[ApiToken]] = {}
    for token in tokens:
        devices.setdefault(token_device(token), []).append(token)
    names = [device_key(found[0].label) for found in devices.values()]
    return [
        Device(found, same_name=names.count(device_key(found[0].label)) > 1)
        for found in devices.values()
    ]


# ---- assignments ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Assignments:
    """What a device downloads: waves with units assigned to the user, the units, their interviews."""

    waves: list[Wave]
    units: list[SampleUnit]
    interviews: list[Interview]
    received: dict[int, dt.datetime]  # interview id -> when its latest revision arrived
    attempts: dict[int, UnitAttempts]  # unit id -> its contact attempts (units with some)
    elsewhere: set[int]  # units with a finished interview from someone else (web, or another
    # interviewer before a reassignment): a second interview would be refused


@dataclasses.dataclass(frozen=True)
class UnitAttempts:
    count: int
    last_outcome: str
    last_at: str  # as the device sent it, with its offset
    # The appointment the last visit set (a later visit of another outcome ends it); wall-clock
    # at the household, None without one.
    appointment_date: dt.date | None = None
    appointment_time: dt.time | None = None


def takes_tablet_interviews(wave: Wave) -> bool:
    """Open or closed (never draft) and collecting tablet interviews."""
    return wave.status is not WaveStatus.draft and wave.allows(Mode.tablet)


def field_waves(session: DBSession, user: Actor) -> list[Wave]:
    """Waves the user has units assigned in that take tablet interviews."""
    assigned = sa.select(SampleUnit.wave_id).where(SampleUnit.assigned_to_id == user.id)
    waves = session.scalars(
        sa.select(Wave)
        .where(Wave.id.in_(assigned), Wave.status != WaveStatus.draft)
        .options(selectinload(Wave.instrument_version))
        .order_by(Wave.id)
    )
    return [w for w in waves if takes_tablet_interviews(w)]


def assignments(session: DBSession, user: Actor) -> Assignments:
    waves = field_waves(session, user)
    wave_ids = [w.id for w in waves]
    units = list(
        session.scalars(
            sa.select(SampleUnit)
            .where(SampleUnit.assigned_to_id == user.id, SampleUnit.wave_id.in_(wave_ids))
            .options(selectinload(SampleUnit.area))
            .order_by(SampleUnit.wave_id, SampleUnit.external_id)
        )
    )
    interviews = list(
        session.scalars(
            sa.select(Interview)
            .where(
                Interview.interviewer_id == user.id,
                Interview.mode == Mode.tablet,
                Interview.wave_id.in_(wave_ids),
            )
            .order_by(Interview.id)
        )
    )
    received = {
        interview_id: moment
        for interview_id, moment in session.execute(
            sa.select(InterviewRevision.interview_id, sa.func.max(InterviewRevision.received_at))
            .where(InterviewRevision.interview_id.in_([i.id for i in interviews]))
            .group_by(InterviewRevision.interview_id)
        )
    }
    unit_ids = [u.id for u in units]
    attempts: dict[int, UnitAttempts] = {}
    elsewhere: set[int] = set()
    for start in range(0, len(unit_ids), 5000):
        chunk = unit_ids[start : start + 5000]
        for unit_id, outcome, text, day, hour in session.execute(
            sa.select(
                ContactAttempt.sample_unit_id,
                ContactAttempt.outcome,
                ContactAttempt.attempted_at_text,
                ContactAttempt.appointment_date,
                ContactAttempt.appointment_time,
            )
            .where(ContactAttempt.sample_unit_id.in_(chunk))
            .order_by(ContactAttempt.attempted_at, ContactAttempt.id)
        ):
            count = attempts[unit_id].count + 1 if unit_id in attempts else 1
            attempts[unit_id] = UnitAttempts(count, outcome.value, text, day, hour)
        elsewhere.update(
            session.scalars(
                sa.select(Interview.sample_unit_id).where(
                    Interview.sample_unit_id.in_(chunk),
                    Interview.status != InterviewStatus.in_progress,
                    sa.or_(Interview.interviewer_id.is_(None), Interview.interviewer_id != user.id),
                )
            )
        )
    return Assignments(waves, units, interviews, received, attempts, elsewhere)


def assign_units(
    session: DBSession,
    wave: Wave,
    interviewer: User,
    *,
    by: User | None,
    area: Area | None = None,
    external_ids: Sequence[str] = (),
    reassign: bool = False,
    within: Collection[int] | None = None,
) -> list[SampleUnit]:
    """Assign units of ``wave`` to ``interviewer``: the listed ones, else the unassigned units of
    ``area`` and the areas below it (or of the whole wave). Units listed that are assigned to
    someone else are refused unless ``reassign``. ``within`` (area ids, see services/scope.py)
    limits every unit touched to those areas. Returns the units newly assigned."""
    _check_assignable(session, wave, interviewer)
    query = sa.select(SampleUnit).where(SampleUnit.wave_id == wave.id)
    if within is not None:
        query = query.where(SampleUnit.area_id.in_(sorted(within)))
    if external_ids:
        wanted = list(dict.fromkeys(e.strip() for e in external_ids if e.strip()))
        units = list(session.scalars(query.where(SampleUnit.external_id.in_(wanted))))
        missing = sorted(set(wanted) - {u.external_id for u in units})
        if missing:
            raise AssignmentError(
                "units", Problem("assign_units_unknown", units=", ".join(missing[:20]))
            )
        taken = [u for u in units if u.assigned_to_id not in (None, interviewer.id)]
        if taken and not reassign:
            raise AssignmentError(
                "units",
                Problem("assign_units_taken", units=", ".join(u.external_id for u in taken[:20])),
            )
    else:
        query = query.where(SampleUnit.assigned_to_id.is_(None))
        if area is not None:
            area_ids = [area.id, *(a.id for a in descendants(session, area))]
            query = query.where(SampleUnit.area_id.in_(area_ids))
        units = list(session.scalars(query.order_by(SampleUnit.external_id)))
    _check_assignable(session, wave, interviewer, units)
    changed = _give(session, units, interviewer, by)
    audit.record(
        session,
        "unit.assign",
        user=by,
        object_type="wave",
        object_id=wave.id,
        details={
            "interviewer_id": interviewer.id,
            "units": len(changed),
            "area": area_path(area) if area is not None else None,
            "listed": len(external_ids),
        },
    )
    return changed


def can_be_assigned(user: User) -> bool:
    """Whether households may be given to ``user``: an active interviewer or supervisor."""
    return user.active and user.role in ASSIGNABLE_ROLES


def _check_assignable(
    session: DBSession, wave: Wave, interviewer: User, units: Sequence[SampleUnit] = ()
) -> None:
    """Refuse giving ``units`` of ``wave`` to ``interviewer``: someone who does not interview,
    a wave without tablet interviews, or households outside the interviewer's area (a user
    limited to an area works there only; the message names the households and the area)."""
    if not can_be_assigned(interviewer):
        raise AssignmentError(
            "interviewer", Problem("assign_not_field_worker", email=interviewer.email)
        )
    if not wave.allows(Mode.tablet):
        raise AssignmentError("wave", Problem("assign_wave_not_tablet", wave=wave.name))
    if interviewer.area_id is None or not units:
        return
    inside = scope_of(session, interviewer)
    outside = sorted(u.external_id for u in units if not inside.allows(u.area_id))
    if outside:
        area = session.get(Area, interviewer.area_id)
        assert area is not None  # the foreign key
        more = len(outside) - 20
        raise AssignmentError(
            "interviewer",
            Problem(
                "assign_outside_area" if more <= 0 else "assign_outside_area_more",
                name=interviewer.name,
                area=f"{area_path(area)} – {area.name}",
                units=", ".join(outside[:20]),
                more=more,
            ),
        )


def _give(
    session: DBSession, units: Sequence[SampleUnit], interviewer: User, by: User | None
) -> list[SampleUnit]:
    """Assign ``units`` to ``interviewer``, remembering every holder; the units that changed."""
    changed = [u for u in units if u.assigned_to_id != interviewer.id]
    previous: dict[int, list[SampleUnit]] = {}
    for unit in changed:
        if unit.assigned_to_id is not None:
            previous.setdefault(unit.assigned_to_id, []).append(unit)
    # Every holder is remembered: the new one, and the one a unit is taken from (its history
    # may predate this table or come from a direct change), for their late uploads. All is read
    # before the first write: on SQLite that write holds the database's one write lock until
    # the caller commits (docs/server.md), so the writes are few Core statements at the end.
    fresh = [
        row
        for holder_id, taken in previous.items()
        for row in _holders_to_remember(session, taken, holder_id, by, refresh=False)
    ]
    fresh += _holders_to_remember(session, units, interviewer.id, by)
    for unit in changed:  # the objects say what the rows will hold, without a second UPDATE
        set_committed_value(unit, "assigned_to_id", interviewer.id)
    ids = [u.id for u in changed]
    for start in range(0, len(ids), 5000):
        session.execute(
            sa.update(SampleUnit)
            .where(SampleUnit.id.in_(ids[start : start + 5000]))
            .values(assigned_to_id=interviewer.id)
            .execution_options(synchronize_session=False)
        )
    if fresh:
        # Core executemany on the connection: the ORM's bulk insert takes seconds for 50,000.
        session.connection().execute(sa.insert(UnitAssignment), fresh)
    session.flush()
    return changed


@dataclasses.dataclass(frozen=True)
class Reassigned:
    """One household given to another interviewer, and what the server knew of it then."""

    unit: SampleUnit
    previous: User | None  # who had it (None: it was unassigned)
    sent: InterviewStatus | None  # the previous holder's tablet interview the server holds


def reassign_unit(
    session: DBSession,
    wave: Wave,
    external_id: str,
    interviewer: User,
    *,
    by: User | None,
    within: Collection[int] | None = None,
) -> Reassigned:
    """Give the household ``external_id`` of ``wave`` to ``interviewer``, taking it from
    whoever had it (the assignment page's reassignment; the CLI's ``assign --units ...
    --reassign`` is the same rule). What the previous holder's tablet holds stays sendable
    (:func:`check_holder`): its visits, and its interview while no other interview of the
    household is on the server. ``within`` as for :func:`assign_units`. Audited
    ``unit.reassign`` with the household, both interviewers and the interview the server held."""
    _check_assignable(session, wave, interviewer)
    wanted = external_id.strip()
    if not wanted:
        raise AssignmentError("unit", Problem("reassign_unit_missing"))
    query = sa.select(SampleUnit).where(
        SampleUnit.wave_id == wave.id, SampleUnit.external_id == wanted
    )
    if within is not None:
        query = query.where(SampleUnit.area_id.in_(sorted(within)))
    unit = session.scalar(query)
    if unit is None:
        raise AssignmentError("unit", Problem("assign_units_unknown", units=wanted))
    if unit.assigned_to_id == interviewer.id:
        raise AssignmentError(
            "interviewer", Problem("reassign_same", unit=unit.external_id, name=interviewer.name)
        )
    _check_assignable(session, wave, interviewer, [unit])
    previous = session.get(User, unit.assigned_to_id) if unit.assigned_to_id else None
    sent = (
        session.scalar(
            sa.select(Interview.status)
            .where(
                Interview.sample_unit_id == unit.id,
                Interview.mode == Mode.tablet,
                Interview.interviewer_id == previous.id,
            )
            .order_by(Interview.id.desc())
            .limit(1)
        )
        if previous is not None
        else None
    )
    _give(session, [unit], interviewer, by)
    audit.record(
        session,
        "unit.reassign",
        user=by,
        object_type="sample_unit",
        object_id=unit.id,
        details={
            "wave_id": wave.id,
            "unit": unit.external_id,
            "from_id": previous.id if previous is not None else None,
            "to_id": interviewer.id,
            "interview": sent.value if sent is not None else None,
        },
    )
    return Reassigned(unit, previous, sent)


def _holders_to_remember(
    session: DBSession,
    units: Sequence[SampleUnit],
    interviewer_id: int,
    by: User | None,
    *,
    refresh: bool = True,
) -> list[dict[str, Any]]:
    """One UnitAssignment per (unit, interviewer) ever assigned: the rows to insert for the
    missing ones; ``refresh`` brings the time of known ones up to now (an assignment now)."""
    now = utcnow()
    ids = [u.id for u in units]
    known = {
        row.sample_unit_id: row
        for start in range(0, len(ids), 5000)
        for row in session.scalars(
            sa.select(UnitAssignment).where(
                UnitAssignment.interviewer_id == interviewer_id,
                UnitAssignment.sample_unit_id.in_(ids[start : start + 5000]),
            )
        )
    }
    for unit_id in ids:
        if unit_id in known and refresh:
            known[unit_id].assigned_at = now
            known[unit_id].assigned_by_id = by.id if by is not None else None
    fresh = [
        {
            "sample_unit_id": unit_id,
            "interviewer_id": interviewer_id,
            "assigned_at": now,
            "assigned_by_id": by.id if by is not None else None,
        }
        for unit_id in ids
        if unit_id not in known
    ]
    return fresh


def find_area(session: DBSession, code_or_path: str) -> Area:
    """The one area with this code or path (``MX/19``); AssignmentError when none or several."""
    wanted = code_or_path.strip().strip("/")
    code = wanted.rpartition("/")[2]
    found = [
        a
        for a in session.scalars(sa.select(Area).where(Area.code == code))
        if "/" not in wanted or area_path(a) == wanted
    ]
    if not found:
        raise AssignmentError("area", Problem("assign_area_unknown", wanted=wanted))
    if len(found) > 1:
        paths = ", ".join(sorted(area_path(a) for a in found))
        raise AssignmentError("area", Problem("assign_area_ambiguous", code=code, paths=paths))
    return found[0]


# ---- uploads -------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Upload:
    """The body of ``PUT /api/field/interviews/<uuid>``, checked for types and parsed."""

    wave_id: int
    sample_unit_id: int
    instrument_hash: str
    language: str
    status: UploadStatus
    answers: dict[str, Any]
    paradata: Any  # checked with the answers (422), not here
    client_revision: int
    saved_at: str  # as sent (ISO 8601 with offset)
    saved_at_time: dt.datetime  # parsed, aware
    content_hash: str
    size: int  # bytes of the canonical JSON of the hashed fields (paradata included)
    household: Any = None  # the roster and selection record, checked with the answers (422)


@dataclasses.dataclass(frozen=True)
class UploadResult:
    """What the API answers about an upload: the interview and the stored revision this upload
    created or matched."""

    uuid: str
    revision: int  # its number
    content_hash: str
    received_at: dt.datetime
    status: InterviewStatus
    review_status: ReviewStatus | None
    duplicate: bool
    created: bool  # the interview is new

    @classmethod
    def of(
        cls,
        interview: Interview,
        revision: InterviewRevision,
        *,
        duplicate: bool,
        created: bool = False,
    ) -> UploadResult:
        return cls(
            interview.uuid,
            revision.number,
            revision.content_hash,
            revision.received_at,
            interview.status,
            interview.review_status,
            duplicate=duplicate,
            created=created,
        )


def check_uuid(value: str) -> str:
    """The canonical lower-case UUID, else FieldworkError ``invalid_uuid``."""
    if not _UUID_RE.match(value):
        raise FieldworkError(
            "invalid_uuid",
            "The interview id must be a UUID in lower case, like "
            "0b4f7c3e-5d3a-4e8e-9a51-2f1c4d9e8a70.",
        )
    return value


def canonical_json(body: dict[str, Any]) -> bytes:
    """The hashed fields as canonical JSON (sorted keys, no spaces, UTF-8 not escaped);
    FieldworkError ``invalid_request`` when they hold what no database stores: NaN or an
    infinity, a NUL character, a lone surrogate, or nesting too deep to serialise."""
    try:
        text = json.dumps(
            {
                **{name: body.get(name) for name in HASHED_FIELDS},
                **{name: body[name] for name in OPTIONAL_HASHED_FIELDS if name in body},
            },
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
            allow_nan=False,
        )
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise FieldworkError("invalid_request", "The body holds invalid Unicode.") from None
    except ValueError:
        raise FieldworkError("invalid_request", "The body holds a number out of range.") from None
    except RecursionError:
        raise FieldworkError("invalid_request", "The body is nested too deeply.") from None
    if "\\u0000" in text:  # a NUL, or a backslash followed by "u0000" as text: look closer
        check_text(body, "The body")
    return data


def content_hash(body: dict[str, Any]) -> str:
    """SHA-256 (hex) of :func:`canonical_json`."""
    return hashlib.sha256(canonical_json(body)).hexdigest()


def check_text(value: Any, where: str) -> None:
    """No NUL character (PostgreSQL cannot store one) and no lone surrogate (not UTF-8) in any
    string or key of a JSON value."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            if "\x00" in item:
                raise FieldworkError("invalid_request", f"{where} holds a NUL character.")
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise FieldworkError("invalid_request", f"{where} holds invalid Unicode.") from None


def parse_upload(body: Any) -> Upload:
    """Check an upload body's shape and types; FieldworkError ``invalid_request`` names the field."""
    if not isinstance(body, dict):
        raise FieldworkError("invalid_request", "The body must be a JSON object.")
    missing = [name for name in HASHED_FIELDS if name not in body]
    if missing:
        raise FieldworkError("invalid_request", f"The body lacks {', '.join(missing)}.")
    ids = {}
    for name in ("wave_id", "sample_unit_id", "client_revision"):
        value = body[name]
        if not isinstance(value, int) or isinstance(value, bool):
            raise FieldworkError("invalid_request", f"{name} must be a whole number.")
        ids[name] = value
    if ids["client_revision"] < 0 or ids["client_revision"] > MAX_ID:
        raise FieldworkError("invalid_request", "client_revision must be 0 or more.")
    for name in ("instrument_hash", "language", "saved_at"):
        if not isinstance(body[name], str):
            raise FieldworkError("invalid_request", f"{name} must be a string.")
    if body["status"] not in UPLOAD_STATUSES:
        raise FieldworkError("invalid_request", 'status must be "completed" or "abandoned".')
    if not isinstance(body["answers"], dict):
        raise FieldworkError("invalid_request", "answers must be a JSON object.")
    canonical = canonical_json(body)
    digest = hashlib.sha256(canonical).hexdigest()
    saved_at = body["saved_at"]
    try:
        moment = dt.datetime.fromisoformat(saved_at) if len(saved_at) <= 40 else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise FieldworkError(
            "invalid_request",
            "saved_at must be a date and time with its UTC offset, like 2026-12-06T10:15:00-05:00.",
        )
    return Upload(
        wave_id=ids["wave_id"],
        sample_unit_id=ids["sample_unit_id"],
        instrument_hash=body["instrument_hash"],
        language=body["language"],
        status=body["status"],
        answers=body["answers"],
        paradata=body["paradata"],
        client_revision=ids["client_revision"],
        saved_at=saved_at,
        saved_at_time=moment,
        content_hash=digest,
        size=len(canonical),
        household=body.get("household"),
    )


def upload_interview(
    session: DBSession,
    interview_uuid: str,
    upload: Upload,
    *,
    by: Actor,
    token_id: int | None,
    max_paradata_bytes: int,
    now: dt.datetime | None = None,
) -> UploadResult:
    """Store one upload of a tablet interview: new interview, new revision, or a no-op for a body
    already stored (by content hash). Raises FieldworkError for every refusal. Flushes only: the
    caller commits, and on IntegrityError or StaleDataError (a concurrent upload of the same
    interview won the race) rolls back and calls again, which then finds what the winner stored."""
    now = now or utcnow()
    check_uuid(interview_uuid)
    found = _wave_and_unit(session, upload, by.id, interview_uuid)
    if found.stored is False:
        # A new interview, the usual upload: the one query that read the wave and the unit found
        # no interview with this uuid (two uploads of it at once: the second INSERT fails on the
        # unique uuid, and the retry finds the first).
        wave, unit = _check_assignment(session, found, upload, by, new=True)
        household = _check_content(wave, unit, upload, max_paradata_bytes)
        return _store_new(
            session,
            interview_uuid,
            upload,
            wave=wave,
            unit=unit,
            household=household,
            by=by,
            token_id=token_id,
            now=now,
        )
    stored = session.execute(
        _locked_interview_statement(),
        {"uuid": interview_uuid, "content_hash": upload.content_hash},
    ).first()
    if stored is not None:
        if stored.mode is not Mode.tablet or stored.interviewer_id != by.id:
            raise FieldworkError(
                "owner",
                "This interview was sent by another interviewer; it cannot be changed here.",
                reason="interview_owner",
            )
        if stored.stored_number is not None:  # this very body is a stored revision
            return UploadResult(
                interview_uuid,
                stored.stored_number,
                upload.content_hash,
                stored.stored_received_at,
                stored.status,
                stored.review_status,
                duplicate=True,
                created=False,
            )
        if stored.review_status is ReviewStatus.approved:
            _refuse_approved(session, stored.reviewed_by_id, stored.reviewed_at)
        if (stored.wave_id, stored.sample_unit_id) != (upload.wave_id, upload.sample_unit_id):
            raise FieldworkError(
                "invalid_request",
                "This interview belongs to another wave or sample unit; those cannot change.",
            )
    # the wave and unit again, read after the interview's row lock: as a concurrent upload of this
    # interview that held the lock left them
    found = _wave_and_unit(session, upload, by.id, interview_uuid, again=True)
    wave, unit = _check_assignment(session, found, upload, by, new=stored is None)
    household = _check_content(wave, unit, upload, max_paradata_bytes)
    if stored is None:  # no wave with the upload's id, or a new interview deleted meanwhile
        return _store_new(
            session,
            interview_uuid,
            upload,
            wave=wave,
            unit=unit,
            household=household,
            by=by,
            token_id=token_id,
            now=now,
        )
    return _store_revision(
        session,
        interview_uuid,
        upload,
        stored,
        wave=wave,
        unit=unit,
        household=household,
        by=by,
        token_id=token_id,
        now=now,
    )


def _refuse_approved(
    session: DBSession, reviewed_by_id: int | None, reviewed_at: dt.datetime | None
) -> None:
    """FieldworkError ``approved``, naming who approved the interview and when if known."""
    reviewer = (
        session.scalar(sa.select(User.name).where(User.id == reviewed_by_id))
        if reviewed_by_id is not None
        else None
    )
    if reviewer is not None and reviewed_at is not None:
        when = reviewed_at.date().isoformat()
        raise FieldworkError(
            "approved",
            f"{reviewer} approved this interview on {when}; it can no longer be changed. "
            "Ask them to reopen it if it must change.",
            params={"reviewer": reviewer, "date": when},
        )
    raise FieldworkError(
        "approved",
        "A supervisor approved this interview; it can no longer be changed. "
        "Ask them to reopen it if it must change.",
        reason="approved_unnamed",
    )


def _store_new(
    session: DBSession,
    interview_uuid: str,
    upload: Upload,
    *,
    wave: Wave,
    unit: SampleUnit,
    household: Household | None,
    by: Actor,
    token_id: int | None,
    now: dt.datetime,
) -> UploadResult:
    """A new interview in Core INSERTs (interview, revision, incident rows, audit) and one
    UPDATE of the unit (``_settle_unit``): the ORM's unit of work was a third of an upload's
    CPU. The rules are those of a new revision of a stored interview (``_store_revision``;
    tests/surveyapp/fieldwork/test_upload_paths.py checks that both store the same rows). Two
    uploads of the same new interview at once: the second's INSERT waits for the first and
    fails on the unique uuid (IntegrityError), and its retry finds the stored interview."""
    completed = upload.status == "completed"
    partial = bool(upload.answers)
    outcome = interview_outcome(completed=completed, answered=partial)
    values: dict[str, Any] = {
        "uuid": interview_uuid,
        "wave_id": wave.id,
        "sample_unit_id": unit.id,
        "instrument_version_id": wave.instrument_version_id,
        "mode": Mode.tablet,
        "interviewer_id": by.id,
        "started_at": now,
        "version": 1,
        "review_status": ReviewStatus.received,
        # the rule of web completion and abandonment too (services/dispositions.py)
        "status": outcome[0],
        "disposition": int(outcome[1]),
        "completed_at": now if completed else None,
        **_latest_values(upload, household, 1, now=now),
    }
    connection = session.connection()
    interview_id = connection.execute(_insert_interview_statement(), values).scalar_one()
    revision = _revision_values(upload, 1, by=by, token_id=token_id, now=now)
    connection.execute(_insert_revision_statement(), {**revision, "interview_id": interview_id})
    rows = incident_rows(wave.instrument_version.document, upload.answers)
    if rows:
        connection.execute(
            _insert_incidents_statement(), [{**row, "interview_id": interview_id} for row in rows]
        )
    _settle_unit(session, unit, interview_id, upload, household)
    _record_upload(session, by, interview_uuid, 1, created=True, status=upload.status)
    return UploadResult(
        interview_uuid,
        1,
        upload.content_hash,
        now,
        values["status"],
        ReviewStatus.received,
        duplicate=False,
        created=True,
    )


def _store_revision(
    session: DBSession,
    interview_uuid: str,
    upload: Upload,
    stored: sa.Row[Any],
    *,
    wave: Wave,
    unit: SampleUnit,
    household: Household | None,
    by: Actor,
    token_id: int | None,
    now: dt.datetime,
) -> UploadResult:
    """A new revision of a stored interview in Core statements, by the rules of a new one
    (``_store_new``; tests/surveyapp/fieldwork/test_upload_paths.py checks that both store the
    same rows): the ORM's unit of work and its loads were about half of such an upload's CPU.
    ``stored`` is the interview's row as read under its lock. The interview's UPDATE keeps the
    version counter: it changes the row only at the version read (and bumps it), so that an
    upload that read the row before another one changed it raises StaleDataError instead of
    overwriting; the caller rolls back and tries again, and the retry stores a later revision."""
    completed = upload.status == "completed"
    status, disposition = interview_outcome(completed=completed, answered=bool(upload.answers))
    number = (stored.revision or 0) + 1
    review_status = (
        ReviewStatus.resubmitted
        if stored.review_status in (ReviewStatus.rejected, ReviewStatus.resubmitted)
        else ReviewStatus.received
    )
    values: dict[str, Any] = {
        "instrument_version_id": wave.instrument_version_id,
        "review_status": review_status,
        "status": status,
        "disposition": int(disposition),
        "completed_at": now if completed else None,
        **_latest_values(upload, household, number, now=now),
        "version": stored.version + 1,
    }
    connection = session.connection()
    written = connection.execute(
        _update_interview_statement(tuple(values)),
        {**values, "w_id": stored.id, "w_version": stored.version},
    )
    if written.rowcount != 1:
        raise StaleDataError(
            f"interview {interview_uuid} changed since it was read (version {stored.version})"
        )
    revision = _revision_values(upload, number, by=by, token_id=token_id, now=now)
    connection.execute(_insert_revision_statement(), {**revision, "interview_id": stored.id})
    connection.execute(_delete_incidents_statement(), {"w_interview": stored.id})
    rows = incident_rows(wave.instrument_version.document, upload.answers)
    if rows:
        connection.execute(
            _insert_incidents_statement(), [{**row, "interview_id": stored.id} for row in rows]
        )
    _settle_unit(session, unit, stored.id, upload, household)
    _record_upload(session, by, interview_uuid, number, created=False, status=upload.status)
    return UploadResult(
        interview_uuid,
        number,
        upload.content_hash,
        now,
        status,
        review_status,
        duplicate=False,
        created=False,
    )


def _settle_unit(
    session: DBSession,
    unit: SampleUnit,
    interview_id: int,
    upload: Upload,
    household: Household | None,
) -> None:
    """The unit after an upload, in one Core UPDATE of the columns that change (none when none
    does): completed, complete (AAPOR 1.1), for a completed interview (the rule of
    complete_interview and the disposition rule's first case); for a break-off, partial or
    refused unless another interview completed it, and the disposition rule over what is now
    stored (services/dispositions.py); the selection factor of the household sent."""
    values: dict[str, Any] = {}
    if household is not None:
        values["eligible_adults"] = household.eligible_adults
    if upload.status == "completed":
        values["status"] = SampleUnitStatus.completed
        values["disposition"] = int(Disposition.complete)
    else:
        status = _break_off_status(session, unit, interview_id, partial=bool(upload.answers))
        disposition = stored_disposition(session, unit.id)
        values["status"] = status_after(disposition, status)
        values["disposition"] = int(disposition) if disposition is not None else None
    changed = {name: value for name, value in values.items() if getattr(unit, name) != value}
    if changed:
        _update_unit(session, unit, changed)


def _latest_values(
    upload: Upload, household: Household | None, number: int, *, now: dt.datetime
) -> dict[str, Any]:
    """The interview's columns that its latest revision sets: answers, the household record and
    selection factor (none when not sent), the dashboard's figures (services/quality.py)."""
    found = summarise(upload.answers, upload.paradata, upload.saved_at)
    return {
        "revision": number,
        "language": upload.language,
        "answers": upload.answers,
        "paradata": upload.paradata,
        "updated_at": now,
        "household": household.record if household is not None else None,
        "eligible_adults": household.eligible_adults if household is not None else None,
        "selection_draws": household.draws if household is not None else None,
        "household_mismatch": (
            household_mismatch(upload.answers, household.record, household.eligible_adults)
            if household is not None
            else None
        ),
        "local_date": found.local_date,
        "local_hour": found.local_hour,
        "duration_seconds": found.duration_seconds,
        "items_answered": found.items_answered,
        "items_dont_know": found.items_dont_know,
        "items_refused": found.items_refused,
        "screeners_asked": found.screeners_asked,
        "screeners_yes": found.screeners_yes,
    }


def _revision_values(
    upload: Upload, number: int, *, by: Actor, token_id: int | None, now: dt.datetime
) -> dict[str, Any]:
    return {
        "number": number,
        "content_hash": upload.content_hash,
        "status": upload.status,
        "language": upload.language,
        "answers": upload.answers,
        "paradata": upload.paradata,
        "household": upload.household,
        "submitted_by_id": by.id,
        "token_id": token_id,
        "client_saved_at": upload.saved_at,
        "received_at": now,
    }


def _record_upload(
    session: DBSession, by: Actor, interview_uuid: str, number: int, *, created: bool, status: str
) -> None:
    audit.write(
        session,
        "interview.upload",
        user=by,
        object_type="interview",
        object_id=interview_uuid,
        details={"revision": number, "created": created, "status": status},
    )


def _update_unit(session: DBSession, unit: SampleUnit, values: dict[str, Any]) -> None:
    """These columns of the unit in one Core UPDATE; the session then holds them as stored, so
    that the unit is not dirty (a commit then flushes nothing)."""
    session.connection().execute(_update_unit_statement(tuple(values)), {**values, "w_id": unit.id})
    for name, value in values.items():
        set_committed_value(unit, name, value)


# The upload's statements, each built once (SQLAlchemy then reuses its compiled form): building
# them on every request was several per cent of an upload's CPU.


@functools.cache
def _locked_interview_statement() -> sa.Select[*tuple[Any, ...]]:
    """The interview's columns an upload checks, by uuid, locked (PostgreSQL) until the commit,
    with the number and arrival of its revision with the upload's content hash, if any: no ORM
    instance (which would also decode the stored answers and paradata)."""

    def stored(column: Any) -> sa.ScalarSelect[Any]:
        return (
            sa.select(column)
            .where(
                InterviewRevision.interview_id == Interview.id,
                InterviewRevision.content_hash == sa.bindparam("content_hash"),
            )
            .scalar_subquery()
        )

    return (
        sa.select(
            Interview.id,
            Interview.mode,
            Interview.interviewer_id,
            Interview.wave_id,
            Interview.sample_unit_id,
            Interview.revision,
            Interview.version,
            Interview.status,
            Interview.review_status,
            Interview.reviewed_by_id,
            Interview.reviewed_at,
            stored(InterviewRevision.number).label("stored_number"),
            stored(InterviewRevision.received_at).label("stored_received_at"),
        )
        .where(Interview.uuid == sa.bindparam("uuid"))
        .with_for_update(of=Interview)
    )


@functools.cache
def _update_interview_statement(columns: tuple[str, ...]) -> sa.Update:
    table = cast(sa.Table, Interview.__table__)
    return (
        table.update()
        .where(table.c.id == sa.bindparam("w_id"), table.c.version == sa.bindparam("w_version"))
        .values({name: sa.bindparam(name, type_=table.c[name].type) for name in columns})
    )


@functools.cache
def _delete_incidents_statement() -> sa.Delete:
    table = cast(sa.Table, IncidentRecord.__table__)
    return table.delete().where(table.c.interview_id == sa.bindparam("w_interview"))


@functools.cache
def _held_statement() -> sa.Select[int]:
    return sa.select(UnitAssignment.id).where(
        UnitAssignment.sample_unit_id == sa.bindparam("unit_id"),
        UnitAssignment.interviewer_id == sa.bindparam("user_id"),
    )


def _other_interview(column: Any) -> sa.ScalarSelect[Any]:
    """``column`` of the unit's first finished interview from anyone but the user (web, or
    another interviewer), correlated with the unit of the enclosing query."""
    return (
        sa.select(column)
        .select_from(Interview)
        .outerjoin(User, User.id == Interview.interviewer_id)
        .where(
            Interview.sample_unit_id == SampleUnit.id,
            Interview.status != InterviewStatus.in_progress,
            sa.or_(
                Interview.interviewer_id.is_(None),
                Interview.interviewer_id != sa.bindparam("user_id"),
            ),
        )
        .order_by(Interview.id)
        .limit(1)
        .scalar_subquery()
    )


@functools.cache
def _wave_and_unit_statement() -> sa.Select[Wave, InstrumentVersion, SampleUnit, Mode, str, int]:
    return (
        sa.select(
            Wave,
            InstrumentVersion,
            SampleUnit,
            _other_interview(Interview.mode),
            _other_interview(User.name),
            # any interview with the upload's uuid (not locked: a stored one is then read again
            # with FOR UPDATE)
            sa.select(Interview.id)
            .where(Interview.uuid == sa.bindparam("uuid"))
            .correlate(None)
            .scalar_subquery(),
        )
        .join(InstrumentVersion, Wave.instrument_version_id == InstrumentVersion.id)
        .outerjoin(
            SampleUnit,
            sa.and_(SampleUnit.id == sa.bindparam("unit_id"), SampleUnit.wave_id == Wave.id),
        )
        .options(defer(InstrumentVersion.document))
        .where(Wave.id == sa.bindparam("wave_id"))
    )


@functools.cache
def _insert_interview_statement() -> sa.Insert:
    table = cast(sa.Table, Interview.__table__)
    return table.insert().returning(table.c.id)


@functools.cache
def _insert_revision_statement() -> sa.Insert:
    return cast(sa.Table, InterviewRevision.__table__).insert()


@functools.cache
def _insert_incidents_statement() -> sa.Insert:
    return cast(sa.Table, IncidentRecord.__table__).insert()


@functools.cache
def _update_unit_statement(columns: tuple[str, ...]) -> sa.Update:
    table = cast(sa.Table, SampleUnit.__table__)
    return (
        table.update()
        .where(table.c.id == sa.bindparam("w_id"))
        .values({name: sa.bindparam(name, type_=table.c[name].type) for name in columns})
    )


def check_holder(session: DBSession, unit: SampleUnit, by: Actor) -> None:
    """The unit is assigned to ``by`` now, or was before (a visit or an interview made before a
    reassignment is still accepted); FieldworkError ``not_assigned`` or ``owner`` otherwise."""
    if unit.assigned_to_id == by.id:
        return
    held = session.scalar(_held_statement(), {"unit_id": unit.id, "user_id": by.id})
    if held is not None:
        return
    if unit.assigned_to_id is None:
        raise FieldworkError(
            "not_assigned",
            f"Household {unit.external_id} is not assigned to you; ask your supervisor.",
            params={"household": unit.external_id},
        )
    raise FieldworkError(
        "owner",
        f"Household {unit.external_id} is now assigned to another interviewer; "
        "ask your supervisor before sending this interview.",
        reason="unit_reassigned",
        params={"household": unit.external_id},
    )


def _check_one_interviewer(unit: SampleUnit, other: tuple[Mode, str | None] | None) -> None:
    """A unit's interviews come from one interviewer: a new interview of a unit that already
    has a finished one from someone else (``other``: another interviewer, or a respondent on
    the web) is refused with ``owner``."""
    if other is not None:
        who = (
            "a respondent on the web"
            if other[0] is Mode.web
            else (other[1] or "another interviewer")
        )
        raise FieldworkError(
            "owner",
            f"Household {unit.external_id} already has an interview, sent by {who}; a second one "
            "is not accepted. Keep this one on the tablet and ask your supervisor.",
            reason=(
                "unit_interviewed_web"
                if other[0] is Mode.web
                else "unit_interviewed_by"
                if other[1]
                else "unit_interviewed"
            ),
            params={"household": unit.external_id, **({"who": other[1]} if other[1] else {})},
        )


def _check_assignment(
    session: DBSession, found: WaveAndUnit, upload: Upload, by: Actor, *, new: bool
) -> tuple[Wave, SampleUnit]:
    """The wave and unit of an upload. A new interview needs the unit to be the sender's, now
    or before a reassignment, and no other interviewer's interview of it; a new revision of the
    sender's own interview is accepted wherever the unit is now assigned."""
    wave, unit, other = found.wave, found.unit, found.other
    if wave is None:
        raise FieldworkError(
            "not_found",
            "The server has no such wave; download the assignments again.",
            reason="wave_not_found",
        )
    if unit is None or unit.wave_id != wave.id:
        raise FieldworkError(
            "not_found",
            "The server has no such sample unit in this wave; download the assignments again.",
            reason="unit_not_found",
        )
    if not takes_tablet_interviews(wave):
        raise FieldworkError(
            "wave_not_accepting",
            f'The wave "{wave.name}" does not take tablet interviews.',
            params={"wave": wave.name},
        )
    if new:
        check_holder(session, unit, by)
        _check_one_interviewer(unit, other)
    if upload.instrument_hash != wave.instrument_version.content_hash:
        raise FieldworkError(
            "instrument",
            "This interview was made with another version of the questionnaire than the wave's; "
            "download the assignments again and tell your supervisor.",
        )
    return wave, unit


class WaveAndUnit(NamedTuple):
    """What one query reads for an upload (:func:`_wave_and_unit`)."""

    wave: Wave | None
    unit: SampleUnit | None  # None when the wave has no such unit
    other: tuple[Mode, str | None] | None  # the unit's finished interview from someone else
    stored: bool | None  # an interview with the upload's uuid exists; None: not read (no wave)


def _wave_and_unit(
    session: DBSession, upload: Upload, user_id: int, interview_uuid: str, *, again: bool = False
) -> WaveAndUnit:
    """The upload's wave with its instrument version, its sample unit, the mode and
    interviewer's name of the unit's finished interview from anyone but the user, and whether
    an interview with this uuid is stored, in one query; the version's document comes from the
    process's cache when it is there (services/instruments.py) instead of being read and decoded
    again. ``again``: the rows are read anew into objects the session already holds."""
    wave_id, unit_id = upload.wave_id, upload.sample_unit_id
    if not 0 < wave_id <= MAX_ID:
        return WaveAndUnit(None, None, None, None)
    in_range = 0 < unit_id <= MAX_ID
    row = session.execute(
        _wave_and_unit_statement(),
        {
            "wave_id": wave_id,
            "unit_id": unit_id if in_range else 0,
            "user_id": user_id,
            "uuid": interview_uuid,
        },
        execution_options={"populate_existing": again},
    ).first()
    if row is None:
        return WaveAndUnit(None, None, None, None)
    wave, version, unit, other_mode, other_name, stored_id = row
    cached = cached_version(version.content_hash)
    if cached is not None:
        set_committed_value(version, "document", cached.document)
    set_committed_value(wave, "instrument_version", version)
    other = (other_mode, other_name) if other_mode is not None else None
    return WaveAndUnit(wave, unit, other, stored_id is not None)


def _refuse_direction_controls(household: Any) -> None:
    """400 ``invalid_request`` (reason ``initials_direction_control``, the person's ``line`` and
    the ``char``) for a character that reorders text (security.DIRECTION_CONTROLS) in what the
    household list says of a person: supervisors read the initials on their pages, where it would
    move the text around them. The app refuses it where it is typed; an interview typed before
    that is refused here and fixed on the tablet (the initials typed again), not stored."""
    roster = household.get("roster") if isinstance(household, Mapping) else None
    if not isinstance(roster, list):
        return
    for index, person in enumerate(roster):
        if not isinstance(person, Mapping):
            continue
        for value in person.values():
            char = direction_control(value) if isinstance(value, str) else None
            if char is None:
                continue
            line = person.get("line")
            line = line if isinstance(line, int) and not isinstance(line, bool) else index + 1
            raise FieldworkError(
                "invalid_request",
                f"The household list's person {line} holds an invisible character that reorders "
                f"the text ({char}); type their initials again.",
                reason="initials_direction_control",
                params={"line": line, "char": char},
            )


def _check_content(
    wave: Wave, unit: SampleUnit, upload: Upload, max_paradata_bytes: int
) -> Household | None:
    """Every problem of the answers, language, paradata and household at once (422
    ``invalid``); the checked household record, if one was sent."""
    _refuse_direction_controls(upload.household)
    problems: list[UploadProblem] = []
    household = None
    if upload.household is not None:
        household, found_in_household = check_household(
            upload.household,
            method=wave.selection_method.value,
            seed=unit.selection_seed,
            completed=upload.status == "completed",
        )
        # The app draws by the same rule: a household problem is a device fault to report.
        problems.extend(UploadProblem(*p) for p in found_in_household)
    if upload.language not in wave.languages:
        problems.append(
            UploadProblem(
                "language",
                f"the wave is offered in {', '.join(wave.languages)}, not {upload.language!r}",
                "language",
                {"languages": ", ".join(wave.languages), "language": str(upload.language)},
            )
        )
    if not isinstance(upload.paradata, dict):
        problems.append(UploadProblem("paradata", "must be a JSON object", "paradata", {}))
    elif upload.size > max_paradata_bytes:  # else the paradata are smaller than the whole
        size = len(json.dumps(upload.paradata, separators=(",", ":"), ensure_ascii=False).encode())
        if size > max_paradata_bytes:
            problems.append(
                UploadProblem(
                    "paradata",
                    f"is {size} bytes; the server takes at most {max_paradata_bytes}",
                    "paradata_size",
                    {"size": str(size), "max": str(max_paradata_bytes)},
                )
            )
    found = validate_answers(
        instrument_of(wave.instrument_version),
        upload.answers,
        today=upload.saved_at_time.date(),
        reference_period=(wave.reference_start, wave.reference_end),
        # a failed constraint's own message for the app, in the interview's language
        language=upload.language,
    )
    if upload.status == "abandoned":
        # A break-off leaves required items unanswered.
        found = [p for p in found if p.reason != "required"]
    problems.extend(UploadProblem(p.path, p.message, p.reason, p.params) for p in found)
    if problems:
        raise FieldworkError(
            "invalid",
            f"The server refused this interview: {len(problems)} answer"
            f"{'s are' if len(problems) != 1 else ' is'} not valid. Open it, correct and send again.",
            problems,
            params={"n": len(problems)},
        )
    return household


def _break_off_status(
    session: DBSession, unit: SampleUnit, interview_id: int, *, partial: bool
) -> SampleUnitStatus:
    """The unit of a break-off is partial or refused, unless another interview completed it."""
    other_complete = unit.status is SampleUnitStatus.completed and session.scalar(
        sa.select(sa.func.count(Interview.id)).where(
            Interview.sample_unit_id == unit.id,
            Interview.status == InterviewStatus.completed,
            Interview.id != interview_id,
        )
    )
    if other_complete:
        return unit.status
    return SampleUnitStatus.partial if partial else SampleUnitStatus.refused


def latest_revision(session: DBSession, interview: Interview) -> InterviewRevision | None:
    return session.scalar(
        sa.select(InterviewRevision).where(
            InterviewRevision.interview_id == interview.id,
            InterviewRevision.number == interview.revision,
        )
    )


def interview_of(session: DBSession, interview_uuid: str, user: Actor) -> Interview:
    """The user's tablet interview with this UUID, else FieldworkError ``not_found``."""
    check_uuid(interview_uuid)
    interview = session.scalar(sa.select(Interview).where(Interview.uuid == interview_uuid))
    if (
        interview is None
        or interview.mode is not Mode.tablet
        or interview.interviewer_id != user.id
    ):
        raise FieldworkError(
            "not_found",
            "The server has no interview of yours with this id.",
            reason="interview_not_found",
        )
    return interview


# ---- review --------------------------------------------------------------------------------------


def review_interview(
    session: DBSession,
    interview: Interview,
    *,
    by: User,
    approve: bool,
    comment: str | None = None,
    item: str | None = None,
    now: dt.datetime | None = None,
) -> None:
    """A supervisor approves a tablet interview (the device can no longer change it) or sends it
    back with a comment (the next upload makes it ``resubmitted``); only headquarters (survey
    managers) send back an approved one, which reopens it (see also services/review.py)."""
    if not by.has_role(Role.supervisor, Role.survey_manager):
        raise UserError("review", Problem("review_role"))
    if (
        not approve
        and interview.review_status is ReviewStatus.approved
        and not by.has_role(Role.survey_manager)
    ):
        raise UserError("review", Problem("review_approved_hq_only"))
    if interview.mode is not Mode.tablet or interview.revision is None:
        raise UserError("review", Problem("review_tablet_only"))
    comment = (comment or "").strip() or None
    item = (item or "").strip() or None
    if not approve and comment is None:
        raise UserError("comment", Problem("review_comment_missing"))
    if item is not None and len(item) > MAX_ITEM:
        raise UserError("item", Problem("review_item_too_long", n=MAX_ITEM))
    interview.review_status = ReviewStatus.approved if approve else ReviewStatus.rejected
    interview.review_comment = comment
    interview.review_item = item
    interview.reviewed_at = now or utcnow()
    interview.reviewed_by_id = by.id
    session.flush()
    audit.record(
        session,
        "interview.review",
        user=by,
        object_type="interview",
        object_id=interview.uuid,
        details={"approve": approve, "revision": interview.revision, "item": item},
    )


def iso(moment: dt.datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z, to the second (what every timestamp of the API looks like)."""
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
