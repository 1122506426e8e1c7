"""Who did what, when."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, JSONDocument, UTCDateTime, utcnow


class AuditLog(Base):
    """One staff action (or system action when user_id is empty)."""

    __tablename__ = "audit_log"
    __table_args__ = (sa.Index("ix_audit_log_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)  # surrogate key
    created_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime(), default=utcnow, index=True
    )  # when
    user_id: Mapped[int | None] = mapped_column(  # who; none for the system or the CLI
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(sa.String(64))  # e.g. "wave.create", "user.login_failed"
    object_type: Mapped[str | None] = mapped_column(sa.String(64))  # e.g. "wave"
    object_id: Mapped[str | None] = mapped_column(sa.String(64))  # id of the object acted on
    details: Mapped[dict[str, Any]] = mapped_column(
        JSONDocument, default=dict
    )  # what changed; never passwords or codes
