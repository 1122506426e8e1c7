"""Sample units (households or addresses) and their invitation codes."""

from __future__ import annotations

import datetime as dt
import enum
import secrets
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .areas import Area
    from .users import User
    from .waves import Wave


class SampleUnitStatus(enum.StrEnum):
    """Field outcome of a sample unit; interviews set started/completed/partial."""

    pending = "pending"  # not yet contacted or no response so far
    started = "started"  # an interview is in progress
    completed = "completed"  # a completed interview exists
    partial = "partial"  # an interview was broken off after real answers
    refused = "refused"  # household or selected person refused
    noncontact = "noncontact"  # nobody reached after the planned visits
    ineligible = "ineligible"  # vacant, not a dwelling, outside the population
    other = "other"  # other eligible non-interview (language, illness)


#: Selection seeds are drawn uniformly from 1 .. MAX_SEED (an Integer column on every database).
MAX_SEED = 2**31 - 1


def new_seed() -> int:
    """A random within-household selection seed (drawn once, at import)."""
    return secrets.randbelow(MAX_SEED) + 1


class SampleUnit(Base):
    """A selected household/address of a wave."""

    __tablename__ = "sample_units"
    __table_args__ = (
        sa.UniqueConstraint("wave_id", "external_id"),
        sa.Index("ix_sample_units_wave_id_area_id", "wave_id", "area_id"),
        # Dispositions per interviewer and area (the field dashboard) from the index alone.
        sa.Index(
            "ix_sample_units_wave_holder", "wave_id", "assigned_to_id", "area_id", "disposition"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)  # surrogate key
    wave_id: Mapped[int] = mapped_column(sa.ForeignKey("waves.id", ondelete="CASCADE"))  # the wave
    external_id: Mapped[str] = mapped_column(
        sa.String(64)
    )  # the sampling frame's id, unique per wave
    address: Mapped[str | None] = mapped_column(
        sa.String(500)
    )  # address or description for field teams
    area_id: Mapped[int | None] = mapped_column(  # smallest known area it lies in
        sa.ForeignKey("areas.id", ondelete="RESTRICT"), index=True
    )
    stratum: Mapped[str | None] = mapped_column(sa.String(64))  # design stratum
    psu: Mapped[str | None] = mapped_column(sa.String(64))  # primary sampling unit (tract/block)
    selection_probability: Mapped[float | None] = mapped_column(
        sa.Float
    )  # inclusion probability of the unit
    eligible_adults: Mapped[int | None] = mapped_column()  # adults in the household, once known
    assigned_to_id: Mapped[int | None] = (
        mapped_column(  # interviewer who works it; none = unassigned
            sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
        )
    )
    status: Mapped[SampleUnitStatus] = mapped_column(  # field outcome so far
        enum_column(SampleUnitStatus, "sample_unit_status"), default=SampleUnitStatus.pending
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)  # when imported
    selection_seed: Mapped[int] = mapped_column(
        default=new_seed, server_default="0"
    )  # drawn at import, never changed: the Kish row or the birthday tie-break (0 only for a
    # row inserted by hand without one; the app always draws it)
    disposition: Mapped[int | None] = mapped_column()  # Disposition code from attempts and
    # interviews (services/dispositions.py); none = never worked

    wave: Mapped[Wave] = relationship()
    area: Mapped[Area | None] = relationship()
    assigned_to: Mapped[User | None] = relationship()
    invitation_codes: Mapped[list[InvitationCode]] = relationship(
        back_populates="sample_unit", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<SampleUnit {self.wave_id}/{self.external_id}>"


class InvitationCode(Base):
    """A printed code that lets one sample unit answer on the web.

    Only the SHA-256 of the normalised code is stored; the plain code is shown
    once, when it is generated.
    """

    __tablename__ = "invitation_codes"

    id: Mapped[int] = mapped_column(primary_key=True)  # surrogate key
    sample_unit_id: Mapped[int] = mapped_column(  # the household it invites
        sa.ForeignKey("sample_units.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(
        sa.String(64), unique=True
    )  # hex sha256 of the normalised code
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)  # when generated
    expires_at: Mapped[dt.datetime | None] = mapped_column(
        UTCDateTime()
    )  # refused after this; none = never
    used_at: Mapped[dt.datetime | None] = mapped_column(
        UTCDateTime()
    )  # first time a respondent entered it

    sample_unit: Mapped[SampleUnit] = relationship(back_populates="invitation_codes")
