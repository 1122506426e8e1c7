"""Staff accounts and their roles."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .base import Base, UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .areas import Area


class Role(enum.StrEnum):
    """What a staff member may do; administrators may do everything."""

    administrator = "administrator"
    survey_manager = "survey_manager"
    supervisor = "supervisor"
    interviewer = "interviewer"
    analyst = "analyst"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class User(Base):
    """A staff member who logs in (respondents never have accounts)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)  # surrogate key
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)  # login name, stored lower-case
    name: Mapped[str] = mapped_column(sa.String(200))  # full name shown in pages and audit log
    password_hash: Mapped[str] = mapped_column(sa.String(256))  # werkzeug scrypt/pbkdf2 hash
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))  # what the user may do
    active: Mapped[bool] = mapped_column(default=True)  # false = deactivated, cannot log in
    failed_logins: Mapped[int] = mapped_column(default=0)  # consecutive failed password attempts
    locked_until: Mapped[dt.datetime | None] = mapped_column(
        UTCDateTime()
    )  # login refused until then
    area_id: Mapped[int | None] = mapped_column(  # optional scope: only this area and below
        sa.ForeignKey("areas.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime(), default=utcnow
    )  # account creation
    last_login_at: Mapped[dt.datetime | None] = mapped_column(
        UTCDateTime()
    )  # last successful login
    # True when someone else set the password (an administrator creating the account or
    # resetting it, or the CLI): the user must choose their own before doing anything else.
    # Setting one's own password clears it.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Two-factor authentication (TOTP, RFC 6238): the base32 shared secret, set when enrolment
    # starts; it is in force only once totp_enabled_at is set (the first code was confirmed).
    totp_secret: Mapped[str | None] = mapped_column(sa.String(64))
    totp_enabled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # The 30-second time step of the last accepted code: a code is never accepted twice.
    totp_last_step: Mapped[int | None] = mapped_column()

    area: Mapped[Area | None] = relationship()

    if TYPE_CHECKING:
        _session_token: str | None

    # Flask-Login protocol (kept here so the model needs no Flask import).
    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        """Session id: the user id, a fingerprint of the password hash (changing a password
        ends every other session and remember-me cookie) and, once bound, the staff session's
        token (ending that session in the list of sessions ends this browser's login)."""
        token = self.__dict__.get("_session_token")
        base = f"{self.id}-{self.session_fingerprint()}"
        return f"{base}-{token}" if token else base

    def bind_session(self, token: str) -> None:
        """Carry a staff session's token in :meth:`get_id` (for this object only, not stored)."""
        self.__dict__["_session_token"] = token

    @property
    def has_two_factor(self) -> bool:
        return self.totp_enabled_at is not None and self.totp_secret is not None

    def session_fingerprint(self) -> str:
        return hashlib.sha256(self.password_hash.encode("utf-8")).hexdigest()[:16]

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def is_locked(self, now: dt.datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or utcnow())

    def has_role(self, *roles: Role) -> bool:
        return self.role is Role.administrator or self.role in roles

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role.value}>"


class RecoveryCode(Base):
    """A one-time code that replaces a TOTP code when the phone is lost; stored hashed."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64))  # SHA-256 hex of the normalised code
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())  # NULL: still usable


class StaffSession(Base):
    """One staff login (a browser): listed to its user, who can end it; expires on its own."""

    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)  # SHA-256 hex of the token
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Last request seen, written at most once a minute; idle expiry counts from it.
    last_seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())  # absolute end of the login
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())  # logout or ended by user
    # The browser, shown in the user's list of sessions (staff only; never for respondents).
    user_agent: Mapped[str] = mapped_column(sa.String(200), default="")
