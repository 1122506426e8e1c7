"""One wave's indicator table as the observatory's pages and downloads and the read API serve it:
what a request asks for (:class:`Choice`), the cached table, and why it cannot be served yet
(:class:`TableUnavailable`, which each caller turns into its own answer)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..models import OutputStatus, ReportOutput, Wave
from . import DBSession
from .reports import (
    AreaNode,
    OutputKey,
    ReportSettings,
    cached_table,
    completed_count,
    data_version,
    output_to_serve,
)

if TYPE_CHECKING:  # tables are pandas DataFrames; pandas loads with the first one parsed
    import pandas as pd


@dataclasses.dataclass(frozen=True)
class Choice:
    """What a request asks for, after the access check."""

    wave: Wave
    area: AreaNode
    areas: list[AreaNode]
    language: str
    public: bool
    staff: bool

    def args(self, **extra: Any) -> dict[str, Any]:
        values = {
            "area": self.area.key,
            "lang": self.language,
            "audience": "public" if self.public else "internal",
        }
        return {**values, **extra}


class TableUnavailable(Exception):
    """The output cannot be served: ``output`` is the row being built (pending or running) or the
    failed one, or None when the wave has no completed interview."""

    def __init__(self, output: ReportOutput | None) -> None:
        super().__init__("no data" if output is None else output.status.value)
        self.output = output

    @property
    def failed(self) -> bool:
        return self.output is not None and self.output.status is OutputStatus.failed


def ready_output(
    session: DBSession, key: OutputKey, *, stale_after: int, start_worker: Callable[[], None]
) -> tuple[ReportOutput, bytes]:
    """The ready cache row of ``key`` and its content; TableUnavailable while it (or the table it
    needs) is built or when that failed. Commits the row asked for before ``start_worker``: the
    worker claims it in its own transaction."""
    for _round in range(2):  # an inline worker may build the table, then the output itself
        output = output_to_serve(session, key, stale_after=stale_after)
        session.commit()
        if output.status in (OutputStatus.pending, OutputStatus.running):
            start_worker()
            session.refresh(output)
        if output.kind is key.kind or output.status is not OutputStatus.ready:
            break
    if (
        output.status is OutputStatus.failed
        or output.kind is not key.kind
        or output.content is None
    ):
        raise TableUnavailable(output)
    return output, output.content


def indicator_table(
    session: DBSession,
    wave: Wave,
    version: str,
    *,
    stale_after: int,
    start_worker: Callable[[], None],
) -> pd.DataFrame:
    """The wave's cached indicator table of data ``version``; TableUnavailable while not ready."""
    output, _content = ready_output(
        session,
        OutputKey.indicators(wave, version),
        stale_after=stale_after,
        start_worker=start_worker,
    )
    return cached_table(output)


def download_table(
    session: DBSession,
    wave: Wave,
    *,
    settings: ReportSettings,
    stale_after: int,
    start_worker: Callable[[], None],
) -> pd.DataFrame:
    """The table downloads and the read API read rows from: TableUnavailable(None) when the wave
    has no completed interview, else as :func:`indicator_table` for the current data version."""
    if completed_count(session, wave) == 0:
        raise TableUnavailable(None)
    version = data_version(session, wave, settings)
    return indicator_table(
        session, wave, version, stale_after=stale_after, start_worker=start_worker
    )
