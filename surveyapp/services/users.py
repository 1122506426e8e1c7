"""Staff accounts: creation, password checks with lockout."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import secrets
from pathlib import Path

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from ..models import Area, Role, User, utcnow
from ..security import direction_control
from ..service_texts import Problem
from . import DBSession, audit

MIN_PASSWORD_LENGTH = 10


class UserError(ValueError):
    """A user-supplied value is not acceptable; the message says which and why.

    Given as a :class:`Problem`, a staff page says it in the staff language; ``message``
    (and ``str()``) is the English sentence either way.
    """

    def __init__(self, field: str, message: str | Problem) -> None:
        super().__init__(str(message))
        self.field = field
        self.message = str(message)
        self.problem = message if isinstance(message, Problem) else None


def refuse_direction_control(field: str, text: str) -> None:
    """UserError for ``field`` when ``text`` holds a character that reorders the text around it
    (:func:`security.direction_control`): the one rule of the staff forms, for every caller."""
    char = direction_control(text)
    if char is not None:
        raise UserError(field, Problem("direction_control", char=char))


def normalise_email(email: str) -> str:
    return email.strip().lower()


#: Longest password accepted (hashing a megabyte of "password" is a denial of service).
MAX_PASSWORD_LENGTH = 200
#: Common passwords from a public-domain list (how it was made: the file's header).
BREACHED_PASSWORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "breached_passwords.txt"


@functools.cache
def breached_passwords() -> frozenset[str]:
    """The shipped list of common (breached) passwords, lower-case."""
    lines = BREACHED_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def is_breached(password: str) -> bool:
    """On the list, as typed or with digits and punctuation added at the end ("Password2024!")."""
    lowered = password.lower()
    common = breached_passwords()
    base = lowered.rstrip("0123456789!@#$%^&*()-_=+.,;:?/ ")
    return lowered in common or (len(base) >= 6 and base in common)


def check_password_strength(password: str) -> None:
    """The password policy: 10 to 200 characters, not a common (breached) password."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError("password", Problem("password_too_short", n=MIN_PASSWORD_LENGTH))
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UserError("password", Problem("password_too_long", n=MAX_PASSWORD_LENGTH))
    if is_breached(password):
        raise UserError("password", Problem("password_common"))


def find_user(session: DBSession, email: str) -> User | None:
    return session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def create_user(
    session: DBSession,
    *,
    email: str,
    name: str,
    role: Role,
    password: str,
    created_by: User | None = None,
    area: Area | None = None,
    temporary: bool = False,
) -> User:
    """Create an active staff account; raises UserError for a taken email or weak password.

    ``temporary``: someone else chose the password (an administrator, the CLI), so the user
    must change it at their next login."""
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise UserError("email", Problem("email_invalid"))
    if not name.strip():
        raise UserError("name", Problem("person_name_missing"))
    refuse_direction_control("email", email)
    refuse_direction_control("name", name)
    check_password_strength(password)
    if find_user(session, email) is not None:
        raise UserError("email", Problem("email_taken"))
    user = User(
        email=email,
        name=name.strip(),
        role=role,
        active=True,
        failed_logins=0,
        area_id=area.id if area is not None else None,
        must_change_password=temporary,
    )
    user.set_password(password)
    session.add(user)
    session.flush()
    audit.record(
        session,
        "user.create",
        user=created_by,
        object_type="user",
        object_id=user.id,
        details={
            "email": email,
            "role": role.value,
            "area_id": user.area_id,
            "temporary_password": temporary,
        },
    )
    return user


def set_role(session: DBSession, user: User, role: Role, *, by: User | None = None) -> None:
    old = user.role
    user.role = role
    session.flush()
    audit.record(
        session,
        "user.set_role",
        user=by,
        object_type="user",
        object_id=user.id,
        details={"from": old.value, "to": role.value},
    )


def set_area(session: DBSession, user: User, area: Area | None, *, by: User | None = None) -> None:
    """Limit the user to an area and everything below it (None: no limit)."""
    old = user.area_id
    user.area_id = area.id if area is not None else None
    session.flush()
    audit.record(
        session,
        "user.set_area",
        user=by,
        object_type="user",
        object_id=user.id,
        details={"from": old, "to": user.area_id},
    )


def set_active(session: DBSession, user: User, active: bool, *, by: User | None = None) -> None:
    user.active = active
    if active:
        user.failed_logins = 0
        user.locked_until = None
    session.flush()
    audit.record(
        session,
        "user.activate" if active else "user.deactivate",
        user=by,
        object_type="user",
        object_id=user.id,
    )


def set_password(
    session: DBSession,
    user: User,
    password: str,
    *,
    by: User | None = None,
    temporary: bool = False,
) -> None:
    """Set a password that follows the policy (:func:`check_password_strength`).

    ``temporary``: someone else set it (an administrator's reset, the CLI); the user must
    change it at their next login (audited as ``user.set_temporary_password``). Otherwise the
    user chose it (``user.set_password``) and any earlier obligation to change it is gone.
    """
    check_password_strength(password)
    user.set_password(password)
    user.failed_logins = 0
    user.locked_until = None
    user.must_change_password = temporary
    session.flush()
    if temporary:
        audit.record(
            session, "user.set_temporary_password", user=by, object_type="user", object_id=user.id
        )
    else:
        audit.record(session, "user.set_password", user=by, object_type="user", object_id=user.id)


class LoginOutcome(enum.Enum):
    ok = "ok"
    bad_credentials = "bad_credentials"  # unknown email, wrong password or inactive: same answer
    locked = "locked"


@dataclasses.dataclass(frozen=True)
class LoginResult:
    outcome: LoginOutcome
    user: User | None = None


# Checked against when the email is unknown, so both paths cost one hash.
_DUMMY_HASH = generate_password_hash(secrets.token_hex(16))


def authenticate(
    session: DBSession,
    email: str,
    password: str,
    *,
    max_failed: int,
    lockout: dt.timedelta,
    now: dt.datetime | None = None,
) -> LoginResult:
    """Check a login; count failures and lock the account after ``max_failed`` in a row."""
    now = now or utcnow()
    user = find_user(session, email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return LoginResult(LoginOutcome.bad_credentials)
    if user.is_locked(now):
        return LoginResult(LoginOutcome.locked)
    if not user.check_password(password) or not user.active:
        if register_failure(session, user, max_failed=max_failed, lockout=lockout, now=now):
            return LoginResult(LoginOutcome.locked)
        return LoginResult(LoginOutcome.bad_credentials)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    session.flush()
    audit.record(session, "user.login", user=user, object_type="user", object_id=user.id)
    return LoginResult(LoginOutcome.ok, user)


def register_failure(
    session: DBSession,
    user: User,
    *,
    max_failed: int,
    lockout: dt.timedelta,
    now: dt.datetime | None = None,
) -> bool:
    """Count a failed password or second factor; lock the account at ``max_failed``. True if locked."""
    now = now or utcnow()
    user.failed_logins += 1
    if user.failed_logins >= max_failed:
        user.locked_until = now + lockout
        user.failed_logins = 0
        session.flush()
        audit.record(session, "user.locked", object_type="user", object_id=user.id)
        return True
    session.flush()
    audit.record(session, "user.login_failed", object_type="user", object_id=user.id)
    return False
