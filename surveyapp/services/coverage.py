"""What a wave's questionnaire leaves out of its reports: standard indicators it cannot measure
and standard items the reports' comparisons read (a national adaptation, naming.md rule 6).

The rules live in :mod:`analysis.indicators.coverage` and :mod:`analysis.report.not_asked`;
this module applies them to stored instrument versions, once per version and process.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..models import InstrumentVersion
from .instruments import _MAX_INSTRUMENTS, instrument_of

if TYPE_CHECKING:  # analysis (and pandas) load with the first page that asks
    from analysis.indicators.coverage import Unmeasured

__all__ = [
    "Gaps",
    "NotMeasured",
    "comparisons_left_out",
    "gaps_of",
    "not_measured",
    "page_only_left_out",
]


class Gaps(NamedTuple):
    """Standard indicators the questionnaire cannot measure, and standard items it does not ask
    that the reports' comparisons read (:data:`analysis.report.not_asked.REPORT_ITEMS`)."""

    unmeasured: tuple[Unmeasured, ...]
    not_asked: tuple[str, ...]


class NotMeasured(NamedTuple):
    """One row of a page's list: the indicator, its name in the page's language, its items."""

    indicator: str
    name: str
    items: tuple[str, ...]


_gaps: dict[str, Gaps] = {}
_lock = threading.Lock()


def gaps_of(version: InstrumentVersion) -> Gaps:
    """What reports of waves on ``version`` leave out (versions never change: kept per hash)."""
    found = _gaps.get(version.content_hash)
    if found is not None:
        return found
    from analysis.indicators.coverage import questionnaire_unmeasured
    from analysis.report.not_asked import not_asked_items

    instrument = instrument_of(version)
    gaps = Gaps(
        questionnaire_unmeasured(instrument),
        not_asked_items(item.code for item in instrument.items()),
    )
    with _lock:
        if len(_gaps) >= _MAX_INSTRUMENTS:  # as many as the instrument cache keeps
            _gaps.clear()
        return _gaps.setdefault(version.content_hash, gaps)


def not_measured(version: InstrumentVersion, language: str) -> list[NotMeasured]:
    """The unmeasured indicators of ``version`` with their names in ``language``."""
    from .reports import indicator_names

    names = indicator_names(language)
    return [
        NotMeasured(u.indicator, names.get(u.indicator, u.indicator), u.items)
        for u in gaps_of(version).unmeasured
    ]


def comparisons_left_out(
    version: InstrumentVersion,
    language: str,
    *,
    about: str | None = None,
    without: Sequence[str] = (),
) -> list[str]:
    """One sentence per standard item ``version`` does not ask: the comparisons left out
    (:func:`analysis.report.not_asked.not_asked_notes`; ``about`` keeps one part's items,
    ``without`` drops parts an output does not have: the status report's are without
    :data:`analysis.report.not_asked.PAGE_ONLY`)."""
    from analysis.report.i18n import Translator
    from analysis.report.not_asked import not_asked_notes

    return not_asked_notes(
        Translator(language), gaps_of(version).not_asked, about=about, without=without
    )


def page_only_left_out(version: InstrumentVersion, language: str) -> list[tuple[str, str]]:
    """``(item, parts)``: the parts only the observatory's perception page has (the exposure
    model, its terms) that ``version`` cannot feed, in ``language``
    (:func:`analysis.report.not_asked.page_only_parts`)."""
    from analysis.report.i18n import Translator
    from analysis.report.not_asked import page_only_parts

    return page_only_parts(Translator(language), gaps_of(version).not_asked)
