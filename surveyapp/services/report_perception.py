"""Fear by victimization status and the paradox table of a wave, for its PDF reports.

Both describe the whole wave (the country); they are computed once per wave
and data version in each process (:func:`surveyapp.services.evaluation.perception_tables`
reads the microdata) and kept for the wave's other reports. A wave where
they cannot be computed (too few victims, an older questionnaire) gets none:
the report leaves them out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import pandas as pd

from ..models import Wave
from . import DBSession
from .evaluation import EvaluationError, perception_tables
from .reports import DEFAULT_SETTINGS, ReportSettings, data_version

#: (fear by victimization status, paradox table), or Nones
Tables = tuple[pd.DataFrame | None, pd.DataFrame | None]

_cache: OrderedDict[tuple[int, str], Tables] = OrderedDict()
_lock = threading.Lock()
_CACHE_SIZE = 8


def report_perception(
    session: DBSession, wave: Wave, *, settings: ReportSettings = DEFAULT_SETTINGS
) -> Tables:
    """The wave's two comparison tables with every cell (the report masks suppressed ones)."""
    key = (wave.id, data_version(session, wave, settings))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    try:
        by_status, groups = perception_tables(session, wave, settings=settings, public=False)
        tables: Tables = (
            pd.DataFrame(by_status) if by_status else None,
            pd.DataFrame(groups) if groups else None,
        )
    except EvaluationError:
        tables = (None, None)
    with _lock:
        _cache[key] = tables
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return tables
