"""Instrument versions: loading questionnaires into the database, and the one per-process cache
of loaded (checked) instruments, keyed by content hash."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import sqlalchemy as sa

from questionnaires.loader import load_instrument, load_instrument_dict
from questionnaires.model import Instrument

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


@dataclass(frozen=True)
class LoadedVersion:
    """A stored instrument version as this process keeps it: loaded, and its document."""

    instrument: Instrument
    document: dict[str, Any]


_instruments: dict[str, LoadedVersion] = {}
_instruments_lock = threading.Lock()
#: Loaded instruments kept per process; versions are immutable, so this never goes stale.
_MAX_INSTRUMENTS = 32


def instrument_of(version: InstrumentVersion) -> Instrument:
    """The loaded instrument of a stored version, checked by the loader once per process.

    Keyed by content hash: every part of the server (respondent pages, field
    work, reports) shares the one loaded copy.
    """
    key = version.content_hash
    found = _instruments.get(key)
    if found is not None:
        return found.instrument
    document = version.document
    loaded = LoadedVersion(load_instrument_dict(document, source=version.label), document)
    with _instruments_lock:
        if len(_instruments) >= _MAX_INSTRUMENTS:
            _instruments.clear()
        return _instruments.setdefault(key, loaded).instrument


def cached_version(content_hash: str) -> LoadedVersion | None:
    """The loaded version with this hash if this process has it (no database read)."""
    return _instruments.get(content_hash)


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
