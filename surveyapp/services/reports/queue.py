""":class:`~surveyapp.models.ReportOutput` rows are the cache and the job queue at once.

:func:`request_output` adds (or finds) the row for a key, :func:`claim_output`
lets exactly one worker build it (an UPDATE that only one transaction can
win), :func:`finish_output` stores what was built.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import sqlalchemy as sa

from analysis.i18n import LANGUAGES

from ...models import OutputKind, OutputStatus, ReportOutput, Wave, utcnow
from .. import DBSession
from .parsed import table_from_json
from .settings import DEFAULT_SETTINGS, ReportError, ReportSettings
from .tree import AreaNode
from .version import data_version, release_version

if TYPE_CHECKING:  # pandas loads when a table is parsed, not with every server worker
    import pandas as pd

#: ``area_key`` of indicator tables, which hold every area.
ALL_AREAS = "all"


@dataclass(frozen=True)
class OutputKey:
    """What identifies a cached output."""

    kind: OutputKind
    wave_id: int
    area_key: str
    language: str
    public: bool
    data_version: str
    #: a regional comparison's wave ids, in order ("3,7"): stored on the row for the worker;
    #: ``area_key`` already tells comparisons apart, so this is not part of the key
    waves: str | None = field(default=None, compare=False)

    @classmethod
    def indicators(cls, wave: Wave, version: str) -> OutputKey:
        return cls(OutputKind.indicators, wave.id, ALL_AREAS, "", False, version)

    @classmethod
    def fear_drivers(cls, wave: Wave, version: str) -> OutputKey:
        return cls(OutputKind.fear_drivers, wave.id, ALL_AREAS, "", False, version)

    @classmethod
    def pdf(
        cls, wave: Wave, area: AreaNode, language: str, public: bool, version: str
    ) -> OutputKey:
        if language not in LANGUAGES:
            raise ReportError(f"reports are available in {', '.join(LANGUAGES)}, not {language!r}")
        return cls(OutputKind.pdf, wave.id, area.key, language, public, version)

    @classmethod
    def regional(
        cls, waves: Sequence[Wave], versions: Sequence[str], language: str, public: bool
    ) -> OutputKey:
        """The regional comparison PDF of ``waves`` (in order) with their data ``versions``.

        ``wave_id`` and ``data_version`` are the first wave's, so that pruning and deleting
        that wave treat the PDF as its own; ``area_key`` is a hash of every wave's id and data
        version, in order (32 characters hold no list of up to MAX_WAVES ids), so new data in
        any wave gives a new key.
        """
        if language not in LANGUAGES:
            raise ReportError(f"reports are available in {', '.join(LANGUAGES)}, not {language!r}")
        if not waves or len(waves) != len(versions):
            raise ValueError("a regional comparison needs one data version per wave")
        compared = "|".join(f"{w.id}:{v}" for w, v in zip(waves, versions, strict=True))
        return cls(
            OutputKind.regional,
            waves[0].id,
            hashlib.sha256(compared.encode("ascii")).hexdigest()[:32],
            language,
            public,
            versions[0],
            waves=",".join(str(w.id) for w in waves),
        )

    def table(self) -> OutputKey:
        """The key of the indicator table this output is built from (itself for a table)."""
        return OutputKey(
            OutputKind.indicators, self.wave_id, ALL_AREAS, "", False, self.data_version
        )

    def where(self) -> sa.ColumnElement[bool]:
        return sa.and_(
            ReportOutput.kind == self.kind,
            ReportOutput.wave_id == self.wave_id,
            ReportOutput.area_key == self.area_key,
            ReportOutput.language == self.language,
            ReportOutput.public == self.public,
            ReportOutput.data_version == self.data_version,
        )


def find_output(session: DBSession, key: OutputKey) -> ReportOutput | None:
    return session.scalar(sa.select(ReportOutput).where(key.where()))


def request_output(
    session: DBSession, key: OutputKey, *, stale_after: int = 900, retry_failed_after: int = 60
) -> ReportOutput:
    """The cache row for ``key``, added as pending when missing.

    A row that failed more than ``retry_failed_after`` seconds ago, or one
    claimed more than ``stale_after`` seconds ago by a worker that never
    finished (its process died), goes back to pending.
    Two requests adding the same key at once both end with the one row the
    unique key lets in.
    """
    row = find_output(session, key)
    if row is None:
        try:
            with session.begin_nested():
                row = ReportOutput(
                    kind=key.kind,
                    wave_id=key.wave_id,
                    area_key=key.area_key,
                    language=key.language,
                    public=key.public,
                    data_version=key.data_version,
                    status=OutputStatus.pending,
                    served=0,
                    waves=key.waves,
                )
                session.add(row)
        except sa.exc.IntegrityError:
            row = find_output(session, key)
            if row is None:  # pragma: no cover - the other insert was rolled back
                raise
        return row
    stale = (
        row.status is OutputStatus.running
        and row.started_at is not None
        and (utcnow() - row.started_at).total_seconds() > stale_after
    )
    retry = row.status is OutputStatus.failed and (
        row.finished_at is None or (utcnow() - row.finished_at).total_seconds() > retry_failed_after
    )
    if retry or stale:
        row.status = OutputStatus.pending
        row.started_at = None
        session.flush()
    return row


def output_to_serve(session: DBSession, key: OutputKey, *, stale_after: int) -> ReportOutput:
    """The cache row a request for ``key`` serves or waits on.

    A ready row is served as it is. Every other output of one wave needs the
    indicator table first (it is shared by every page and format): while the
    table is not ready, its row is the one to wait on. Otherwise the row of
    ``key``, requested as :func:`request_output` does (added, or retried when
    stale or failed long enough ago). A regional comparison is asked for at
    once: its build takes (or builds) the tables of all its waves.
    """
    found = find_output(session, key)
    if found is not None and found.status is OutputStatus.ready:
        return found
    if key.kind not in (OutputKind.indicators, OutputKind.regional):
        table = request_output(session, key.table(), stale_after=stale_after)
        if table.status is not OutputStatus.ready:
            return table
    return request_output(session, key, stale_after=stale_after)


def claim_output(session: DBSession, output_id: int) -> bool:
    """Mark a pending row as running; true only for the one transaction that wins it."""
    result = session.execute(
        sa.update(ReportOutput)
        .where(ReportOutput.id == output_id, ReportOutput.status == OutputStatus.pending)
        .values(status=OutputStatus.running, started_at=utcnow(), error=None)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def next_pending(session: DBSession) -> int | None:
    """The id of the oldest pending output, indicator tables first (reports need them)."""
    return session.scalar(
        sa.select(ReportOutput.id)
        .where(ReportOutput.status == OutputStatus.pending)
        .order_by(
            (ReportOutput.kind == OutputKind.indicators).desc(),
            ReportOutput.requested_at,
            ReportOutput.id,
        )
        .limit(1)
    )


def prune_outputs(session: DBSession, settings: ReportSettings = DEFAULT_SETTINGS) -> int:
    """Delete cached outputs built from data that has changed since (not the current data
    version; for a microdata release, not the current :func:`release_version` of its edition).

    Rows being built are kept. Returns how many were deleted. Every version is computed
    (a few aggregate queries per wave) before the first delete: on SQLite the first write
    holds the database's one write lock until the caller commits (docs/server.md).
    """
    conditions: list[tuple[int, sa.ColumnElement[bool]]] = []
    for wave in session.scalars(
        sa.select(Wave).where(Wave.id.in_(sa.select(ReportOutput.wave_id)))
    ):
        release = ReportOutput.kind == OutputKind.microdata
        stale = sa.or_(
            ~release & (ReportOutput.data_version != data_version(session, wave, settings)),
            *(
                release
                & (ReportOutput.public == public)
                & (ReportOutput.data_version != release_version(session, wave, public=public))
                for public in (True, False)
            ),
        )
        conditions.append((wave.id, stale))
    deleted = 0
    for wave_id, stale in conditions:
        result = session.execute(
            sa.delete(ReportOutput)
            .where(
                ReportOutput.wave_id == wave_id,
                stale,
                ReportOutput.status != OutputStatus.running,
            )
            .execution_options(synchronize_session=False)
        )
        deleted += int(getattr(result, "rowcount", 0) or 0)
    deleted += _prune_orphan_comparisons(session)
    session.flush()
    return deleted


def _prune_orphan_comparisons(session: DBSession) -> int:
    """Delete regional comparisons of a wave that no longer exists: deleting a wave through
    the ORM removes them at once (models/reports.py), a bulk or SQL delete leaves them."""
    rows = session.execute(
        sa.select(ReportOutput.id, ReportOutput.waves).where(
            ReportOutput.kind == OutputKind.regional, ReportOutput.status != OutputStatus.running
        )
    ).all()
    listed = {r.id: {int(i) for i in (r.waves or "").split(",") if i} for r in rows}
    wanted = set().union(*listed.values())
    present = set(session.scalars(sa.select(Wave.id).where(Wave.id.in_(wanted))))
    orphans = [ident for ident, ids in listed.items() if not ids <= present]
    if orphans:
        session.execute(
            sa.delete(ReportOutput)
            .where(ReportOutput.id.in_(orphans))
            .execution_options(synchronize_session=False)
        )
    return len(orphans)


def mark_served(session: DBSession, output: ReportOutput) -> None:
    session.execute(
        sa.update(ReportOutput)
        .where(ReportOutput.id == output.id)
        .values(served=ReportOutput.served + 1)
        .execution_options(synchronize_session=False)
    )


def finish_output(
    session: DBSession, output_id: int, *, content: bytes | None = None, error: str | None = None
) -> None:
    """Store the result (or the reason it failed) of a claimed output."""
    session.execute(
        sa.update(ReportOutput)
        .where(ReportOutput.id == output_id)
        .values(
            status=OutputStatus.failed if error else OutputStatus.ready,
            content=content,
            error=error,
            finished_at=utcnow(),
            progress=None,
        )
        .execution_options(synchronize_session=False)
    )


def set_progress(session: DBSession, output_id: int, step: str) -> None:
    session.execute(
        sa.update(ReportOutput)
        .where(ReportOutput.id == output_id)
        .values(progress=step[:200])
        .execution_options(synchronize_session=False)
    )


def ready_table(session: DBSession, wave: Wave, version: str) -> pd.DataFrame | None:
    """The cached indicator table of this data version, if built."""
    row = find_output(session, OutputKey.indicators(wave, version))
    if row is None or row.status is not OutputStatus.ready or row.content is None:
        return None
    return table_from_json(row.content)
