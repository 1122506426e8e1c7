"""Field work: interviewers' device tokens and the revisions a tablet sends of an interview."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, JSONDocument, UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .interviews import Interview
    from .users import User


class TokenPurpose(enum.StrEnum):
    """What a bearer token lets its holder do."""

    field = "field"  # the interviewer app: assignments down, interviews up


class ApiToken(Base):
    """A bearer token issued at an app login (stored hashed), revocable by a manager."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)  # hex sha256 of the token
    purpose: Mapped[TokenPurpose] = mapped_column(enum_column(TokenPurpose, "token_purpose"))
    label: Mapped[str] = mapped_column(sa.String(200))  # device name the interviewer typed at login
    device_id: Mapped[str | None] = mapped_column(
        sa.String(64)
    )  # random id the app keeps on the tablet (none: an app from before 0011)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(
        UTCDateTime()
    )  # last request made with it
    expires_at: Mapped[dt.datetime | None] = mapped_column(
        UTCDateTime()
    )  # refused after this; none = never
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())  # refused from then on
    revoked_by_id: Mapped[int | None] = (
        mapped_column(  # who revoked it (the holder logging out, or a manager)
            sa.ForeignKey("users.id", ondelete="SET NULL")
        )
    )

    user: Mapped[User] = relationship(foreign_keys=[user_id])

    def usable(self, now: dt.datetime | None = None) -> bool:
        return self.is_usable(
            revoked_at=self.revoked_at, expires_at=self.expires_at, now=now or utcnow()
        )

    @staticmethod
    def is_usable(
        *, revoked_at: dt.datetime | None, expires_at: dt.datetime | None, now: dt.datetime
    ) -> bool:
        """Not revoked and not expired: the rule of :meth:`usable` for columns read without
        an instance (the field API's token check)."""
        return revoked_at is None and (expires_at is None or expires_at > now)

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} {self.purpose.value} user={self.user_id}>"


class ReviewStatus(enum.StrEnum):
    """A supervisor's view of an interview sent from a tablet (ODK Central / Survey Solutions states)."""

    received = "received"  # sent, not yet looked at
    approved = "approved"  # accepted; the interviewer can no longer change it
    rejected = "rejected"  # sent back to the interviewer with a comment
    resubmitted = "resubmitted"  # changed by the interviewer after a rejection


class InterviewRevision(Base):
    """One accepted upload of an interview from a device: the history of what was sent.

    The interview row holds the latest revision's answers; every revision is
    kept. ``content_hash`` makes uploads idempotent: the same body sent again
    (a retry whose acknowledgement was lost, or a late retry of an older
    revision) matches a stored revision and changes nothing.
    """

    __tablename__ = "interview_revisions"
    __table_args__ = (
        sa.UniqueConstraint("interview_id", "number"),
        sa.UniqueConstraint("interview_id", "content_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(sa.ForeignKey("interviews.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column()  # 1, 2, ... per interview
    content_hash: Mapped[str] = mapped_column(
        sa.String(64)
    )  # hex sha256 of the canonical JSON body
    status: Mapped[str] = mapped_column(
        sa.String(32)
    )  # InterviewStatus value sent: completed or abandoned
    language: Mapped[str] = mapped_column(sa.String(8))
    answers: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    paradata: Mapped[dict[str, Any]] = mapped_column(
        JSONDocument
    )  # per-question timings, changes; no GPS unless consented
    household: Mapped[dict[str, Any] | None] = mapped_column(
        JSONDocument
    )  # roster and selection draws as sent with this revision; none = not sent
    submitted_by_id: Mapped[int | None] = mapped_column(  # the interviewer whose token sent it
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    token_id: Mapped[int | None] = mapped_column(  # the device session it came from
        sa.ForeignKey("api_tokens.id", ondelete="SET NULL")
    )
    client_saved_at: Mapped[str | None] = mapped_column(
        sa.String(40)
    )  # device clock, ISO 8601 with offset, as sent
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)  # server clock

    interview: Mapped[Interview] = relationship(back_populates="revisions")
