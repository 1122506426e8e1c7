"""Survey rounds (waves) and the areas they cover."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, JSONDocument, UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from .areas import Area
    from .instruments import InstrumentVersion


class WaveStatus(enum.StrEnum):
    """A wave accepts interviews only while open."""

    draft = "draft"
    open = "open"
    closed = "closed"


class Mode(enum.StrEnum):
    """How an interview is collected."""

    web = "web"  # self-completed in a browser
    tablet = "tablet"  # face to face by an interviewer, possibly offline


class SelectionMethod(enum.StrEnum):
    """How an interviewer picks the one adult to interview in a household (services/selection.py)."""

    kish = "kish"  # the unit's seed is its Kish table row
    next_birthday = "next_birthday"  # the adult whose birthday comes next after the interview date
    last_birthday = (
        "last_birthday"  # the adult whose birthday was last, the interview date included
    )


class IndicatorInterviews(enum.StrEnum):
    """Which tablet interviews feed a wave's indicators (web interviews are never reviewed)."""

    approved = "approved"  # only those a supervisor approved
    received = "received"  # every completed one the server holds, reviewed or not


class Wave(Base):
    """One round of the survey with one instrument version."""

    __tablename__ = "waves"

    id: Mapped[int] = mapped_column(primary_key=True)  # surrogate key
    name: Mapped[str] = mapped_column(sa.String(200))  # e.g. "Encuesta 2026, Monterrey"
    slug: Mapped[str] = mapped_column(sa.String(64), unique=True)  # public link: /s/<slug>
    instrument_version_id: Mapped[int] = mapped_column(  # the exact questionnaire asked
        sa.ForeignKey("instrument_versions.id", ondelete="RESTRICT"), index=True
    )
    reference_start: Mapped[dt.date] = mapped_column(sa.Date)  # first day of the reference period
    reference_end: Mapped[dt.date] = mapped_column(sa.Date)  # last day of the reference period
    fieldwork_start: Mapped[dt.date | None] = mapped_column(
        sa.Date
    )  # planned first day of collection
    fieldwork_end: Mapped[dt.date | None] = mapped_column(sa.Date)  # planned last day of collection
    languages: Mapped[list[str]] = mapped_column(JSONDocument)  # languages offered to respondents
    modes: Mapped[list[str]] = mapped_column(JSONDocument)  # Mode values allowed: web, tablet
    invitation_required: Mapped[bool] = mapped_column(
        default=True
    )  # web link needs an invitation code
    status: Mapped[WaveStatus] = mapped_column(  # draft, open or closed
        enum_column(WaveStatus, "wave_status"), default=WaveStatus.draft
    )
    public_report: Mapped[bool] = mapped_column(default=False)  # results may be published
    selection_method: Mapped[SelectionMethod] = mapped_column(  # within-household selection
        enum_column(SelectionMethod, "selection_method"),
        default=SelectionMethod.kish,
        server_default=SelectionMethod.kish.value,
    )
    indicator_interviews: Mapped[IndicatorInterviews] = mapped_column(  # which feed indicators
        enum_column(IndicatorInterviews, "indicator_interviews"),
        default=IndicatorInterviews.approved,
        server_default=IndicatorInterviews.approved.value,
    )
    # Where a respondent can find help, per wave language ({"es": "Línea 155 …"}): shown as
    # plain text on the survey's end, thank-you and saved pages (services/waves.py rules)
    support_notes: Mapped[dict[str, str] | None] = mapped_column(JSONDocument)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)  # when created
    created_by_id: Mapped[int | None] = mapped_column(  # who created it
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    instrument_version: Mapped[InstrumentVersion] = relationship()
    areas: Mapped[list[Area]] = relationship(secondary="wave_areas", order_by="Area.code")

    def allows(self, mode: Mode) -> bool:
        return mode.value in self.modes

    @property
    def is_open(self) -> bool:
        return self.status is WaveStatus.open

    def __repr__(self) -> str:
        return f"<Wave {self.slug} {self.status.value}>"


class WaveArea(Base):
    """An area a wave covers and reports on."""

    __tablename__ = "wave_areas"

    wave_id: Mapped[int] = mapped_column(  # the wave
        sa.ForeignKey("waves.id", ondelete="CASCADE"), primary_key=True
    )
    area_id: Mapped[int] = mapped_column(  # an area covered by it
        sa.ForeignKey("areas.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    target_completes: Mapped[int | None] = mapped_column()  # planned number of completes, if any
