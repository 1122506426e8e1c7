"""Indicator tables as stored in the cache (JSON), and parsed once per process."""

from __future__ import annotations

import json
import threading
from typing import TYPE_CHECKING, Any

from ...models import ReportOutput

if TYPE_CHECKING:  # pandas loads when a table is parsed, not with every server worker
    import pandas as pd


def table_to_json(table: pd.DataFrame) -> bytes:
    return table.to_json(orient="records", double_precision=10).encode("utf-8")


def table_from_json(content: bytes) -> pd.DataFrame:
    import pandas as pd

    rows = json.loads(content.decode("utf-8"))
    table = pd.DataFrame(rows)
    if not table.empty:
        table["domain"] = table["domain"].astype(str)
        table["suppressed"] = table["suppressed"].astype(bool)
    return table


_parsed: dict[tuple[Any, ...], pd.DataFrame] = {}


_parsed_lock = threading.Lock()


_PARSED_KEEP = 4


def cached_table(output: ReportOutput) -> pd.DataFrame:
    """The indicator table of a ready output, parsed once per process (a ready row never changes)."""
    # ids alone could repeat (another database in the same process, SQLite reusing a deleted id)
    key = (output.id, output.wave_id, output.data_version, output.finished_at)
    table = _parsed.get(key)
    if table is None:
        if output.content is None:
            raise ValueError("the output has no content yet")
        table = table_from_json(output.content)
        with _parsed_lock:  # request threads share the dictionary
            while len(_parsed) >= _PARSED_KEEP:
                _parsed.pop(next(iter(_parsed)))
            _parsed[key] = table
    return table
