"""Questionnaire versions as they were loaded, so answers always say what they answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, JSONDocument, UTCDateTime, utcnow


class InstrumentVersion(Base):
    """One exact version of an instrument (questionnaire), stored as its JSON document."""

    __tablename__ = "instrument_versions"
    __table_args__ = (sa.UniqueConstraint("instrument_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)  # surrogate key
    instrument_id: Mapped[str] = mapped_column(
        sa.String(64)
    )  # the instrument's stable id, e.g. vict_std
    version: Mapped[str] = mapped_column(sa.String(32))  # the instrument's own version string
    content_hash: Mapped[str] = mapped_column(
        sa.String(64), unique=True
    )  # sha256 of the content, from the loader
    title: Mapped[dict[str, str]] = mapped_column(JSONDocument)  # language -> title
    languages: Mapped[list[str]] = mapped_column(JSONDocument)  # ISO 639-1 codes the instrument has
    default_language: Mapped[str] = mapped_column(sa.String(8))  # language used when none is chosen
    document: Mapped[dict[str, Any]] = mapped_column(
        JSONDocument
    )  # Instrument.to_dict(): the full questionnaire
    source: Mapped[str | None] = mapped_column(
        sa.String(500)
    )  # file it was loaded from, for people
    loaded_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime(), default=utcnow
    )  # when it entered the database

    def title_in(self, language: str) -> str:
        return (
            self.title.get(language) or self.title.get(self.default_language) or self.instrument_id
        )

    @property
    def label(self) -> str:
        return f"{self.instrument_id} {self.version}"

    def __repr__(self) -> str:
        return f"<InstrumentVersion {self.instrument_id} {self.version}>"
