"""Instruments as the engine needs them, and what a page shows with and without JavaScript.

An item whose relevance depends on an answer on the same page cannot be
decided before the page is sent. Such an item is always rendered: the
browser shows or hides it as the respondent answers (``respond.js``), and
without JavaScript the respondent sees it with a note saying it may not
apply; the engine reads it only if it is relevant once the page is applied.
Every other item is rendered only when it is relevant with the stored answers.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol

from questionnaires.engine import Interview as EngineInterview
from questionnaires.engine import ItemView, Page
from questionnaires.engine.plan import plan_for
from questionnaires.expressions import parse
from questionnaires.model import CalculateItem, Instrument

from ..models import Interview
from ..services.interviews import InterviewRow


def title_in(instrument: Instrument, language: str) -> str:
    """The questionnaire's title in ``language`` (default language when missing)."""
    return (
        instrument.title.get(language)
        or instrument.title.get(instrument.default_language)
        or instrument.id
    )


def progress(instrument: Instrument, page: Page) -> tuple[int, int]:
    """(section number, sections) of the questionnaire: a count that answers do not change.

    Pages come and go as answers open sections and repeats; the sections that
    can show anything do not, so "Section 5 of 12" never jumps back or grows.
    A section skipped by the answers is passed over, and the pages of a repeat
    (one per incident) share their section's number.
    """
    shown = [s.section.name for s in plan_for(instrument).sections if s.units]
    return shown.index(page.section) + 1, len(shown)


class ReferencePeriod(Protocol):
    """A wave's reference period: the ORM row or the respondent pages' WaveRow."""

    @property
    def reference_start(self) -> dt.date: ...
    @property
    def reference_end(self) -> dt.date: ...


def engine_for(
    instrument: Instrument,
    interview: Interview | InterviewRow,
    wave: ReferencePeriod,
    *,
    today: dt.date | None = None,
) -> EngineInterview:
    """The engine over the interview's stored answers, in its language and reference period."""
    return EngineInterview(
        instrument,
        interview.answers,
        language=interview.language,
        today=today or dt.date.today(),
        reference_period=(wave.reference_start, wave.reference_end),
    )


@functools.lru_cache(maxsize=4096)
def references(expression: str | None) -> frozenset[str]:
    """Names an expression uses (empty for none)."""
    return parse(expression).references() if expression else frozenset()


@dataclass(frozen=True)
class Calculation:
    """A calculation of the page the browser recomputes before evaluating skip logic."""

    code: str
    calculation: str
    relevant: str | None


@dataclass(frozen=True)
class PageLayout:
    """What to render on a page: items (grids with the rows to show) and browser skip logic."""

    page: Page
    items: tuple[ItemView, ...]
    dynamic: frozenset[str]
    """Codes of rendered items and rows whose relevance depends on this page's answers."""
    calculations: tuple[Calculation, ...]

    @property
    def has_dynamic(self) -> bool:
        return bool(self.dynamic)


def page_codes(page: Page) -> list[str]:
    """Form names of the answerable items and grid rows of a page, in order."""
    codes: list[str] = []
    for item in page.items:
        if item.type == "grid":
            codes.extend(row.code for row in item.rows)
        elif item.type != "note":
            codes.append(item.code)
    return codes


def _section_calculations(instrument: Instrument, section_name: str) -> list[CalculateItem]:
    for section in instrument.sections:
        if section.name == section_name:
            items: Iterable[Any] = section.repeat.items if section.repeat else section.items
            return [item for item in items if isinstance(item, CalculateItem)]
    return []


def layout(instrument: Instrument, page: Page) -> PageLayout:
    """Decide which items of ``page`` to render and which the browser may hide."""
    on_page = set(page_codes(page))
    calculations: list[Calculation] = []
    for calc in _section_calculations(instrument, page.section):
        if (references(calc.calculation) | references(calc.relevant)) & on_page:
            on_page.add(calc.code)  # depends (perhaps through another calculation) on this page
            calculations.append(Calculation(calc.code, calc.calculation, calc.relevant))

    def depends(view: ItemView) -> bool:
        return bool(references(view.relevant_expression) & on_page)

    shown: list[ItemView] = []
    dynamic: set[str] = set()
    for item in page.items:
        item_dynamic = depends(item)
        if not (item.relevant or item_dynamic):
            continue
        if item_dynamic:
            dynamic.add(item.code)
        if item.type == "grid":
            rows = []
            for row in item.rows:
                row_dynamic = depends(row)
                # A row is asked only if the grid is too: follow the grid when it may change.
                if row.relevant or row_dynamic or item_dynamic:
                    rows.append(row)
                    if row_dynamic:
                        dynamic.add(row.code)
            if not rows:
                continue  # no row asked: no heading without questions
            item = _with_rows(item, tuple(rows))
        shown.append(item)
    return PageLayout(page, tuple(shown), frozenset(dynamic), tuple(calculations))


def _with_rows(grid: ItemView, rows: tuple[ItemView, ...]) -> ItemView:
    return replace(grid, rows=rows)


def script_context(
    instrument: Instrument,
    engine: EngineInterview,
    page_layout: PageLayout,
    answers: Mapping[str, Any],
) -> dict[str, Any]:
    """What ``respond.js`` needs to run the page's skip logic: the stored ``answers``
    (read, never changed), the instrument's parameters and the page's calculations.

    A page without same-page skip logic needs none of it (respond.js stops there): it
    carries no earlier answers, which leaves them out of its source on a shared phone
    and saves encoding the whole document on most pages."""
    page = page_layout.page
    repeats: dict[str, list[Any]] = {}
    top: dict[str, Any] = dict(instrument.parameters)
    if not page_layout.dynamic:
        answers = {}
    for code, value in answers.items():
        if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            repeats[code] = value
        else:
            top[code] = value
    instance: dict[str, Any] = {}
    repeat_code = None
    for section in instrument.sections:
        if section.name == page.section and section.repeat is not None:
            repeat_code = section.repeat.code
    if repeat_code is not None and page.instance is not None:
        held = repeats.get(repeat_code, [])
        if page.instance <= len(held):
            instance = dict(held[page.instance - 1])
    return {
        "answers": {**top, **instance},
        "repeats": repeats,
        "position": page.instance,
        "today": engine.today.isoformat(),
        "calculations": [[c.code, c.calculation, c.relevant] for c in page_layout.calculations],
    }
