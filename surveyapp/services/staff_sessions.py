"""Staff sessions: one row per login, so a user can see where they are logged in and end it.

The browser holds a random token (inside Flask-Login's user id, so both the
session cookie and a "keep me logged in" cookie name the session); the database
holds its SHA-256. A session ends at logout, when its user ends it, after
``STAFF_SESSION_IDLE_MINUTES`` without a request, or at its absolute expiry
(``PERMANENT_SESSION_LIFETIME``, or ``REMEMBER_COOKIE_DURATION`` with "keep me
logged in").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import sqlalchemy as sa

from ..models import User, utcnow
from ..models.users import StaffSession
from . import DBSession, audit


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "ignore")).hexdigest()


def start(
    session: DBSession, user: User, *, lifetime: dt.timedelta, user_agent: str = ""
) -> tuple[StaffSession, str]:
    """A new session for ``user``; returns it and the token for the browser (never stored)."""
    token = secrets.token_urlsafe(24)
    now = utcnow()
    row = StaffSession(
        user_id=user.id,
        token_hash=hash_token(token),
        created_at=now,
        last_seen_at=now,
        expires_at=now + lifetime,
        user_agent=user_agent[:200],
    )
    session.add(row)
    session.flush()
    return row, token


def find_live(
    session: DBSession, user_id: int, token: str, *, idle: dt.timedelta
) -> StaffSession | None:
    """The user's session with this token if it has not ended, expired or gone idle."""
    row = session.scalar(
        sa.select(StaffSession).where(
            StaffSession.token_hash == hash_token(token), StaffSession.user_id == user_id
        )
    )
    now = utcnow()
    if row is None or row.ended_at is not None or row.expires_at <= now:
        return None
    if now - row.last_seen_at > idle:
        return None
    return row


def needs_touch(row: StaffSession, every: dt.timedelta) -> bool:
    """Whether ``last_seen_at`` is older than ``every`` (it is not written on every request)."""
    return utcnow() - row.last_seen_at >= every


def live_sessions(session: DBSession, user: User, *, idle: dt.timedelta) -> list[StaffSession]:
    """The user's sessions still in force, newest first."""
    now = utcnow()
    rows = session.scalars(
        sa.select(StaffSession)
        .where(
            StaffSession.user_id == user.id,
            StaffSession.ended_at.is_(None),
            StaffSession.expires_at > now,
        )
        .order_by(StaffSession.last_seen_at.desc(), StaffSession.id.desc())
    )
    return [r for r in rows if now - r.last_seen_at <= idle]


def end(session: DBSession, row: StaffSession, *, by: User, reason: str) -> None:
    """End one session (logout, or its user ending it from the list)."""
    if row.ended_at is None:
        row.ended_at = utcnow()
        session.flush()
        audit.record(
            session,
            "user.session_end",
            user=by,
            object_type="user",
            object_id=row.user_id,
            details={"session": row.id, "reason": reason},
        )


def end_all(session: DBSession, user: User, *, by: User | None, reason: str) -> int:
    """End every session of ``user`` (password changed, account deactivated)."""
    result = session.execute(
        sa.update(StaffSession)
        .where(StaffSession.user_id == user.id, StaffSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
    ended = int(getattr(result, "rowcount", 0) or 0)
    if ended:
        audit.record(
            session,
            "user.sessions_end_all",
            user=by,
            object_type="user",
            object_id=user.id,
            details={"sessions": ended, "reason": reason},
        )
    return ended
