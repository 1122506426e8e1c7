"""Tokens of the read API (``/api/v1``): creation, lookup, revocation, and what a token may see.

Administrators create a token for a system that pulls indicators (an observatory's
site, a statistics office): its scope (public or internal edition), the areas it is
limited to, and whether it may download microdata releases. The plain token is
returned once; only its SHA-256 and its first characters (for lists) are stored.

What a token may see follows the observatory's rules (:mod:`.report_access`): a
public token sees what an anonymous visitor sees (waves marked public, public
edition); an internal token sees what an analyst limited to the token's areas sees.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from ..models import Area, AuditLog, ReadToken, TokenScope, User, Wave, WaveStatus, utcnow
from ..models.base import parse_id
from ..service_texts import Problem
from . import DBSession, audit
from .areas import walk_up
from .fieldwork import hash_token
from .report_access import ReportRefused
from .reports import AreaNode, area_index
from .users import UserError

#: What every read token starts with, so that leaked tokens are recognisable (secret scanners).
TOKEN_MARK = "sva_"
#: Characters of the plain token kept for display (the mark and 8 random characters).
PREFIX_LENGTH = len(TOKEN_MARK) + 8
MAX_NAME = 200
#: The audit action of a request made with a token (one row per request).
USE_ACTION = "read_token.use"


class ReadTokenError(UserError):
    """A value given for a token is not acceptable; ``field`` names it."""


def create_token(
    session: DBSession,
    *,
    name: str,
    scope: TokenScope,
    areas: Sequence[Area] = (),
    may_download_microdata: bool = False,
    by: User | None,
) -> tuple[ReadToken, str]:
    """A new token: the row and the plain token (shown once, stored hashed); audited."""
    name = name.strip()
    if not name:
        raise ReadTokenError("name", Problem("token_name_missing"))
    if len(name) > MAX_NAME:
        raise ReadTokenError("name", Problem("token_name_too_long", n=MAX_NAME))
    plain = TOKEN_MARK + secrets.token_urlsafe(32)
    token = ReadToken(
        name=name,
        prefix=plain[:PREFIX_LENGTH],
        token_hash=hash_token(plain),
        scope=scope,
        may_download_microdata=may_download_microdata,
        created_by_id=by.id if by is not None else None,
        areas=list(areas),
    )
    session.add(token)
    session.flush()
    audit.record(
        session,
        "read_token.create",
        user=by,
        object_type="read_token",
        object_id=token.id,
        details={
            "name": name,
            "prefix": token.prefix,
            "scope": scope.value,
            "areas": [a.code for a in areas],
            "may_download_microdata": may_download_microdata,
        },
    )
    return token, plain


def revoke_token(session: DBSession, token: ReadToken, *, by: User | None) -> bool:
    """Refuse the token from now on; audited. False (and nothing changes) when already revoked."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = utcnow()
    token.revoked_by_id = by.id if by is not None else None
    session.flush()
    audit.record(
        session,
        "read_token.revoke",
        user=by,
        object_type="read_token",
        object_id=token.id,
        details={"name": token.name, "prefix": token.prefix},
    )
    return True


def list_tokens(session: DBSession) -> list[ReadToken]:
    """Every token, active ones first, newest first."""
    return list(
        session.scalars(
            sa.select(ReadToken).order_by(
                ReadToken.revoked_at.is_not(None), ReadToken.created_at.desc(), ReadToken.id.desc()
            )
        )
    )


def find_token(session: DBSession, ident: str) -> ReadToken | None:
    """A token by its id or its displayed prefix (for the command line)."""
    number = parse_id(ident)
    if number is not None:
        return session.get(ReadToken, number)
    return session.scalar(sa.select(ReadToken).where(ReadToken.prefix == ident))


def token_for(session: DBSession, plain: str) -> ReadToken | None:
    """The token whose plain text this is, revoked or not; None for an unknown token."""
    if not plain.startswith(TOKEN_MARK) or len(plain) > 200:
        return None
    return session.scalar(sa.select(ReadToken).where(ReadToken.token_hash == hash_token(plain)))


def touch(token: ReadToken, *, every: dt.timedelta, now: dt.datetime | None = None) -> bool:
    """Set ``last_used_at`` when it is older than ``every``; True when it changed."""
    now = now or utcnow()
    if token.last_used_at is None or now - token.last_used_at >= every:
        token.last_used_at = now
        return True
    return False


def record_use(
    session: DBSession, token: ReadToken, *, method: str, path: str, status: int
) -> None:
    """One audit row per request made with the token (the caller commits)."""
    audit.record(
        session,
        USE_ACTION,
        object_type="read_token",
        object_id=token.id,
        details={"method": method, "path": path[:500], "status": status},
    )


def prune_uses(session: DBSession, *, keep: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Delete the audit rows of requests made with tokens older than ``keep``; how many went.

    Only ``read_token.use`` rows: a token's creation and revocation stay with the other staff
    actions. The caller commits."""
    cutoff = (now or utcnow()) - keep
    result = session.execute(
        sa.delete(AuditLog)
        .where(
            AuditLog.action == USE_ACTION,
            AuditLog.object_type == "read_token",
            AuditLog.created_at < cutoff,
        )
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def recent_uses(session: DBSession, *, limit: int) -> list[tuple[AuditLog, ReadToken]]:
    """The latest requests made with any token, newest first, with their token."""
    rows = session.execute(
        sa.select(AuditLog, ReadToken)
        .join(ReadToken, AuditLog.object_id == sa.cast(ReadToken.id, sa.String))
        .where(AuditLog.action == USE_ACTION, AuditLog.object_type == "read_token")
        .order_by(AuditLog.id.desc())
        .limit(limit)
    ).all()
    return [(entry, token) for entry, token in rows]


# ---- what a token may see ------------------------------------------------------------------------


@dataclass(frozen=True)
class TokenView:
    """What one token may see: the scope and the ids of the areas it is limited to (none: all)."""

    scope: TokenScope
    area_ids: frozenset[int]
    may_download_microdata: bool

    @classmethod
    def of(cls, token: ReadToken) -> TokenView:
        return cls(token.scope, frozenset(a.id for a in token.areas), token.may_download_microdata)

    @property
    def internal(self) -> bool:
        return self.scope is TokenScope.internal

    def waves(self) -> sa.Select[Wave]:
        """The waves the token sees, newest first (as :func:`.report_access.visible_waves`)."""
        query = sa.select(Wave).where(Wave.status != WaveStatus.draft)
        if not self.internal:
            query = query.where(Wave.public_report.is_(True))
        return query.order_by(Wave.created_at.desc(), Wave.id.desc())

    def check_wave(self, wave: Wave | None) -> Wave:
        """The wave, or ReportRefused("not_found") for one the token does not see."""
        if (
            wave is None
            or wave.status is WaveStatus.draft
            or not (self.internal or wave.public_report)
        ):
            raise ReportRefused("not_found")
        return wave

    def sees_area(self, session: DBSession, area: AreaNode) -> bool:
        """Whether the area is one of the token's or lies below one of them."""
        return bool(self.areas(session, [area]))

    def areas(self, session: DBSession, areas: Sequence[AreaNode]) -> list[AreaNode]:
        """The areas of ``areas`` the token sees."""
        if not self.area_ids:
            return list(areas)
        index = area_index(session)
        return [a for a in areas if any(node.id in self.area_ids for node in walk_up(index, a.id))]

    def edition(self, asked: str | None) -> bool:
        """True to serve the public edition; ReportRefused("forbidden") when a public token asks
        for the internal one."""
        if asked == "internal" and not self.internal:
            raise ReportRefused("forbidden")
        return not self.internal or asked == "public"
