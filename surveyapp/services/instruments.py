"""Instrument versions: loading questionnaires into the database."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import sqlalchemy as sa

from questionnaires.loader import load_instrument

from ..models import InstrumentVersion
from . import DBSession, audit


class LoadedInstrument(Protocol):
    """What the questionnaires loader returns (questionnaires.model.Instrument)."""

    @property
    def id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def title(self) -> Any: ...
    @property
    def languages(self) -> Sequence[str]: ...
    @property
    def default_language(self) -> str: ...
    @property
    def content_hash(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...


class InstrumentConflict(ValueError):
    """Same id and version already stored with different content: bump the version."""


def store_instrument(
    session: DBSession, instrument: LoadedInstrument, *, source: str | Path | None = None
) -> tuple[InstrumentVersion, bool]:
    """Store an instrument version unless its content hash is already there.

    Returns ``(row, created)``. Raises :class:`InstrumentConflict` when the id and
    version exist with other content, because stored interviews must keep
    pointing at exactly what they answered.
    """
    existing = session.scalar(
        sa.select(InstrumentVersion).where(
            InstrumentVersion.content_hash == instrument.content_hash
        )
    )
    if existing is not None:
        return existing, False
    clash = session.scalar(
        sa.select(InstrumentVersion).where(
            InstrumentVersion.instrument_id == instrument.id,
            InstrumentVersion.version == instrument.version,
        )
    )
    if clash is not None:
        raise InstrumentConflict(
            f"instrument {instrument.id} version {instrument.version} is already loaded with "
            "different content; give the changed file a new version number"
        )
    row = InstrumentVersion(
        instrument_id=instrument.id,
        version=instrument.version,
        content_hash=instrument.content_hash,
        title=dict(instrument.title),
        languages=list(instrument.languages),
        default_language=instrument.default_language,
        document=instrument.to_dict(),
        source=str(source) if source is not None else None,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        "instrument.load",
        object_type="instrument_version",
        object_id=row.id,
        details={"instrument": row.instrument_id, "version": row.version, "hash": row.content_hash},
    )
    return row, True


def load_instrument_files(
    session: DBSession, paths: Sequence[str | Path]
) -> list[tuple[InstrumentVersion, bool]]:
    """Load and store each YAML file (raises the loader's InstrumentError on a bad file)."""
    return [store_instrument(session, load_instrument(p), source=Path(p).name) for p in paths]


def instrument_versions(session: DBSession) -> list[InstrumentVersion]:
    """All stored versions, newest first."""
    return list(
        session.scalars(
            sa.select(InstrumentVersion).order_by(
                InstrumentVersion.instrument_id,
                InstrumentVersion.loaded_at.desc(),
                InstrumentVersion.id.desc(),
            )
        )
    )
