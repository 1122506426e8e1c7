"""Area boundaries for maps, uploaded as GeoJSON per area level."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow


class AreaBoundary(Base):
    """The outline of one area, drawn on the observatory's and the reports' maps."""

    __tablename__ = "area_boundaries"

    id: Mapped[int] = mapped_column(primary_key=True)  # surrogate key
    area_id: Mapped[int] = mapped_column(
        sa.ForeignKey("areas.id", ondelete="CASCADE"), unique=True
    )  # the area; one boundary each (a new upload replaces it)
    geometry: Mapped[str] = mapped_column(
        sa.Text
    )  # GeoJSON Polygon/MultiPolygon, longitude/latitude in degrees (WGS 84), checked valid
    source: Mapped[str | None] = mapped_column(
        sa.String(200)
    )  # the file it came from, or "generated" for the demo's made-up country
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)  # when stored
    uploaded_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )  # who uploaded; none for generated boundaries
