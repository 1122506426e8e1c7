"""Administrative series uploaded by observatories: police records and census totals."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow


class PoliceRecord(Base):
    """Crimes recorded by the police in an area and period, for perceived-vs-actual reports."""

    __tablename__ = "police_records"
    __table_args__ = (sa.UniqueConstraint("area_id", "period_start", "period_end", "crime_type"),)

    id: Mapped[int] = mapped_column(primary_key=True)  # surrogate key
    area_id: Mapped[int] = mapped_column(
        sa.ForeignKey("areas.id", ondelete="RESTRICT"), index=True
    )  # the area
    period_start: Mapped[dt.date] = mapped_column(sa.Date)  # first day of the period
    period_end: Mapped[dt.date] = mapped_column(sa.Date)  # last day of the period
    crime_type: Mapped[str] = mapped_column(
        sa.String(64)
    )  # crime type code, as in the questionnaire
    count: Mapped[int] = mapped_column()  # recorded offences
    population: Mapped[int | None] = mapped_column()  # population used by the source for its rates
    source: Mapped[str | None] = mapped_column(sa.String(200))  # publisher of the series
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)  # when uploaded
    uploaded_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )  # who uploaded


class PopulationTotal(Base):
    """Census or projection totals by area, sex and age group, for calibration."""

    __tablename__ = "population_totals"
    __table_args__ = (sa.UniqueConstraint("area_id", "reference_year", "sex", "age_group"),)

    id: Mapped[int] = mapped_column(primary_key=True)  # surrogate key
    area_id: Mapped[int] = mapped_column(
        sa.ForeignKey("areas.id", ondelete="RESTRICT"), index=True
    )  # the area
    reference_year: Mapped[int] = mapped_column()  # year the totals refer to
    sex: Mapped[str] = mapped_column(sa.String(16))  # sex code as in the questionnaire
    age_group: Mapped[str] = mapped_column(sa.String(16))  # e.g. "18-29", "65+"
    population: Mapped[int] = mapped_column()  # persons
    source: Mapped[str | None] = mapped_column(sa.String(200))  # census or projection used
