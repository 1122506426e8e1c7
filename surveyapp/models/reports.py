"""Generated outputs kept in the database: indicator tables, PDF reports (one wave's, or a
regional comparison of several), microdata releases.

Every gunicorn worker sees the same cache because it lives in the database.
A row is keyed by what it was built from (wave, area, language, public or
internal, and the wave's data version), so new data simply misses the cache
and old rows are never served for new data.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, enum_column, utcnow
from .waves import Wave


class OutputKind(enum.StrEnum):
    """What a cached output holds."""

    indicators = "indicators"  # the whole indicator table of a wave (JSON), every area and group
    pdf = "pdf"  # a PDF status report for one area, language and audience
    fear_drivers = (
        "fear_drivers"  # odds ratios of feeling unsafe (analysis.compare.fear_model) as JSON
    )
    microdata = "microdata"  # a microdata release as a ZIP, stored in parts (ReportOutputPart)
    regional = "regional"  # the regional comparison PDF of several waves (``waves``)


class OutputStatus(enum.StrEnum):
    """Where the building of an output stands."""

    pending = "pending"  # asked for, waiting for a worker
    running = "running"  # a worker claimed it and is building it
    ready = "ready"  # ``content`` holds the result
    failed = "failed"  # the build raised; ``error`` says why (retried on the next request)


class ReportOutput(Base):
    """One built (or being built) output; also the job row a worker claims."""

    __tablename__ = "report_outputs"
    __table_args__ = (
        # Named by hand: the conventional name would pass PostgreSQL's 63-character limit.
        sa.UniqueConstraint(
            "kind",
            "wave_id",
            "area_key",
            "language",
            "public",
            "data_version",
            name="uq_report_outputs_key",
        ),
        sa.Index("ix_report_outputs_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)  # surrogate key
    kind: Mapped[OutputKind] = mapped_column(
        enum_column(OutputKind, "report_output_kind")
    )  # indicators or pdf
    wave_id: Mapped[int] = mapped_column(  # the wave it reports on
        sa.ForeignKey("waves.id", ondelete="CASCADE"), index=True
    )
    area_key: Mapped[str] = mapped_column(
        sa.String(32)
    )  # "national" or the area id; "all" for indicator tables; for microdata releases the
    # format and a tag of the release rules ("csv.3f2a..."; services/release_downloads.py);
    # for a regional comparison a hash of every wave compared and its data version
    language: Mapped[str] = mapped_column(sa.String(8))  # report language; "" for indicator tables
    public: Mapped[bool] = mapped_column()  # built for publication (suppressed cells blanked;
    # the public edition of a microdata release)
    data_version: Mapped[str] = mapped_column(sa.String(64))  # hash of the data it was built from
    # (of wave_id's data; a regional comparison's other waves are in area_key)
    status: Mapped[OutputStatus] = mapped_column(  # pending, running, ready, failed
        enum_column(OutputStatus, "report_output_status"), default=OutputStatus.pending
    )
    content: Mapped[bytes | None] = mapped_column(
        sa.LargeBinary
    )  # the PDF, the indicator table as JSON; for microdata what the parts hold (JSON: bytes,
    # parts, sha256), the ZIP itself being in report_output_parts
    error: Mapped[str | None] = mapped_column(
        sa.Text
    )  # why the last build failed (for staff, no traceback)
    progress: Mapped[str | None] = mapped_column(
        sa.String(200)
    )  # last progress step, shown while building
    requested_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime(), default=utcnow
    )  # first asked for
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())  # claimed by a worker
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())  # ready or failed
    served: Mapped[int] = mapped_column(default=0)  # times handed out from the cache
    waves: Mapped[str | None] = mapped_column(
        sa.Text
    )  # a regional comparison's waves, in order, as ids ("3,7,9"; the first is wave_id): what
    # the worker builds; NULL for single-wave outputs. Not part of the key (area_key is).
    # Deleting any of these waves deletes the row (_delete_comparisons below).

    def __repr__(self) -> str:
        return f"<ReportOutput {self.kind.value} wave={self.wave_id} area={self.area_key} {self.status.value}>"


class ReportOutputPart(Base):
    """One piece of a large output, in order: a microdata release's ZIP is kept in parts of
    ``release_downloads.PART_BYTES`` so that it is written and streamed a part at a time,
    never held whole in memory."""

    __tablename__ = "report_output_parts"

    output_id: Mapped[int] = mapped_column(
        sa.ForeignKey("report_outputs.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)  # 0, 1, 2 ...
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)


def _comparisons_of(wave_id: int) -> sa.ColumnElement[bool]:
    """Rows of regional comparisons that include the wave ``wave_id`` (in ``waves``)."""
    listed = sa.literal(",") + ReportOutput.waves + sa.literal(",")
    return (ReportOutput.kind == OutputKind.regional) & listed.contains(f",{wave_id},")


@sa.event.listens_for(Wave, "before_delete")
def _delete_comparisons(mapper: Any, connection: sa.Connection, wave: Wave) -> None:
    """A deleted wave takes the regional comparisons that include it along (their parts go by
    their own cascade). The foreign key does this only where it is the first wave; rows a
    bulk or SQL delete leaves behind, ``surveyapp report --prune`` removes."""
    connection.execute(sa.delete(ReportOutput).where(_comparisons_of(wave.id)))
