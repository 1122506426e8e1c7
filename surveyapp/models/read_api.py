"""Tokens of the read API (``/api/v1``): issued by administrators to systems that pull data."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .areas import Area
    from .users import User


class TokenScope(enum.StrEnum):
    """Which edition of the results a read token sees."""

    public = "public"  # waves marked public, public edition only (small cells suppressed)
    internal = "internal"  # every non-draft wave, internal edition (or public when asked)


#: The areas a read token is limited to (it sees them and the areas below them); none: all areas.
#: An area a token names cannot be deleted (RESTRICT): deleting it must not widen the token.
read_token_areas = sa.Table(
    "read_token_areas",
    Base.metadata,
    sa.Column("token_id", sa.ForeignKey("read_tokens.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("area_id", sa.ForeignKey("areas.id", ondelete="RESTRICT"), primary_key=True),
)


class ReadToken(Base):
    """A bearer token of the read API, stored hashed; the plain token is shown once at creation."""

    __tablename__ = "read_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))  # who holds it, e.g. "State observatory"
    prefix: Mapped[str] = mapped_column(sa.String(16))  # first characters, shown in lists and logs
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)  # hex sha256 of the token
    scope: Mapped[TokenScope] = mapped_column(enum_column(TokenScope, "token_scope"))
    may_download_microdata: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(  # none: created from the command line
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # written at most once per API_TOKEN_TOUCH_SECONDS; every use is in the audit log
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())  # refused from then on
    revoked_by_id: Mapped[int | None] = mapped_column(  # none: revoked from the command line
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    areas: Mapped[list[Area]] = relationship(secondary=read_token_areas, lazy="selectin")
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def __repr__(self) -> str:
        return f"<ReadToken {self.id} {self.prefix} {self.scope.value}>"
