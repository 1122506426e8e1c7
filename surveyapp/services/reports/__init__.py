"""From the database to indicators and status reports, with a cache in the database.

One module per job:

* :mod:`.tree`: the areas a report speaks of (:class:`AreaNode`, :func:`wave_areas`);
* :mod:`.records`: a wave's completed interviews as analysis records, one query;
* :mod:`.version`: :func:`data_version`, a hash of everything a report is built from,
  and :func:`release_version`, of what a microdata release is built from;
* :mod:`.tables`: indicator tables, small-cell suppression, the public blanking;
* :mod:`.queue`: :class:`~surveyapp.models.ReportOutput` rows as the cache and job queue;
* :mod:`.parsed`: stored tables as JSON, parsed once per process;
* :mod:`.settings`: :class:`ReportSettings`, :class:`ReportError`, progress callbacks.

Import from here; the names below are the package's interface. Each is
imported from its module on first use, so that importing the package (as the
observatory blueprint does in every server worker) loads neither pandas nor
the analysis stack until a report is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis._lazy import lazy_names

if TYPE_CHECKING:
    from .parsed import (
        cached_table,
        table_from_json,
        table_to_json,
    )
    from .queue import (
        ALL_AREAS,
        OutputKey,
        claim_output,
        find_output,
        finish_output,
        mark_served,
        next_pending,
        output_to_serve,
        prune_outputs,
        ready_table,
        request_output,
        set_progress,
    )
    from .records import (
        awaiting_approval_count,
        completed_by_area,
        completed_count,
        completed_count_in,
        interview_records,
    )
    from .settings import (
        DEFAULT_SETTINGS,
        Progress,
        ReportError,
        ReportSettings,
        quiet,
    )
    from .tables import (
        BLANKED_COLUMNS,
        DOMAINS,
        REPORT_DESIGN,
        area_rows,
        fear_drivers,
        indicator_groups,
        indicator_names,
        indicator_table,
        is_finite,
        publishable,
        suppress_small_cells,
        wave_microdata,
    )
    from .tree import (
        NATIONAL,
        AreaNode,
        area_choices,
        area_index,
        wave_areas,
    )
    from .version import (
        FORMAT_VERSION,
        data_version,
        previous_wave,
        release_version,
    )

__all__ = [
    "ALL_AREAS",
    "AreaNode",
    "BLANKED_COLUMNS",
    "DEFAULT_SETTINGS",
    "DOMAINS",
    "FORMAT_VERSION",
    "NATIONAL",
    "OutputKey",
    "Progress",
    "REPORT_DESIGN",
    "ReportError",
    "ReportSettings",
    "area_choices",
    "area_index",
    "area_rows",
    "awaiting_approval_count",
    "cached_table",
    "claim_output",
    "completed_by_area",
    "completed_count",
    "completed_count_in",
    "data_version",
    "fear_drivers",
    "find_output",
    "finish_output",
    "indicator_groups",
    "indicator_names",
    "indicator_table",
    "interview_records",
    "is_finite",
    "mark_served",
    "next_pending",
    "output_to_serve",
    "previous_wave",
    "prune_outputs",
    "publishable",
    "quiet",
    "ready_table",
    "release_version",
    "request_output",
    "set_progress",
    "suppress_small_cells",
    "table_from_json",
    "table_to_json",
    "wave_areas",
    "wave_microdata",
]

_HOMES = {
    "cached_table": ".parsed",
    "table_from_json": ".parsed",
    "table_to_json": ".parsed",
    "ALL_AREAS": ".queue",
    "OutputKey": ".queue",
    "claim_output": ".queue",
    "find_output": ".queue",
    "finish_output": ".queue",
    "mark_served": ".queue",
    "next_pending": ".queue",
    "output_to_serve": ".queue",
    "prune_outputs": ".queue",
    "ready_table": ".queue",
    "request_output": ".queue",
    "set_progress": ".queue",
    "awaiting_approval_count": ".records",
    "completed_by_area": ".records",
    "completed_count": ".records",
    "completed_count_in": ".records",
    "interview_records": ".records",
    "DEFAULT_SETTINGS": ".settings",
    "Progress": ".settings",
    "ReportError": ".settings",
    "ReportSettings": ".settings",
    "quiet": ".settings",
    "BLANKED_COLUMNS": ".tables",
    "DOMAINS": ".tables",
    "REPORT_DESIGN": ".tables",
    "area_rows": ".tables",
    "fear_drivers": ".tables",
    "indicator_groups": ".tables",
    "indicator_names": ".tables",
    "indicator_table": ".tables",
    "is_finite": ".tables",
    "publishable": ".tables",
    "suppress_small_cells": ".tables",
    "wave_microdata": ".tables",
    "NATIONAL": ".tree",
    "AreaNode": ".tree",
    "area_choices": ".tree",
    "area_index": ".tree",
    "wave_areas": ".tree",
    "FORMAT_VERSION": ".version",
    "data_version": ".version",
    "previous_wave": ".version",
    "release_version": ".version",
}


__getattr__, __dir__ = lazy_names(__name__, _HOMES)
