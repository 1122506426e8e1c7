"""The engine walks the standard questionnaire from the first page to a complete, valid interview."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from questionnaires.engine import Interview, ItemView, validate_answers
from questionnaires.loader import load_instrument
from questionnaires.model import Instrument

STANDARD = Path(__file__).parents[2] / "questionnaires" / "instruments" / "vict_std.yaml"
TODAY = dt.date(2026, 3, 15)
PERIOD = (dt.date(2025, 3, 1), dt.date(2026, 2, 28))

pytestmark = pytest.mark.skipif(not STANDARD.exists(), reason="vict_std.yaml not written yet")


@pytest.fixture(scope="module")
def standard() -> Instrument:
    return load_instrument(STANDARD)


def tries(view: ItemView, prefer: int) -> list[Any]:
    """Answers to offer an item: the ``prefer``-th choice first (1 = yes opens follow-ups)."""
    if view.type in ("single", "multiple"):
        codes = [str(code) for code, _ in view.choices]
        codes = codes[prefer:] + codes[:prefer]
        return [[code] for code in codes] if view.type == "multiple" else codes
    if view.type in ("integer", "decimal"):
        low = view.min if view.min is not None else 0
        high = view.max if view.max is not None else 10**6
        return [str(n) for n in dict.fromkeys((1, 2, 30, low, 45)) if low <= n <= high]
    if view.type == "date":
        return [view.min or "1980-06-15"]
    if view.type == "month":
        return ["2025-06"]
    return ["text"]


def walk(interview: Interview, prefer: int) -> list[str]:
    visited = []
    page_id: str | None = interview.page_ids()[0]
    while page_id is not None:
        visited.append(page_id)
        walk_page(interview, page_id, prefer)
        page_id = interview.next_page_id(page_id)
    return visited


def walk_page(interview: Interview, page_id: str, prefer: int) -> None:
    """Answer every item of the page, trying other answers where one is refused."""
    views = [row for view in interview.page(page_id).items for row in (view.rows or (view,))]
    options = {view.code: tries(view, prefer) for view in views if view.type != "note"}
    picked = dict.fromkeys(options, 0)
    for _ in range(20):
        errors = interview.apply_page(
            page_id, {code: options[code][picked[code]] for code in options}
        )
        if not errors:
            return
        for error in errors:
            picked[error.code] = min(picked[error.code] + 1, len(options[error.code]) - 1)
    raise AssertionError(f"page {page_id} refuses every answer: {errors}")


@pytest.mark.parametrize("prefer", [0, 1], ids=["first-choices", "second-choices"])
def test_a_whole_interview_is_complete_and_valid(standard: Instrument, prefer: int) -> None:
    interview = Interview(
        standard, language=standard.default_language, today=TODAY, reference_period=PERIOD
    )
    visited = walk(interview, prefer)
    assert visited == interview.page_ids()
    assert interview.is_complete()
    done, total = interview.progress()
    assert done == total == len(visited)
    assert validate_answers(standard, interview.answers, today=TODAY, reference_period=PERIOD) == []


def test_answering_yes_everywhere_opens_incident_pages(standard: Instrument) -> None:
    yes = Interview(
        standard, language=standard.default_language, today=TODAY, reference_period=PERIOD
    )
    no = Interview(
        standard, language=standard.default_language, today=TODAY, reference_period=PERIOD
    )
    assert len(walk(yes, 0)) > len(walk(no, 1))
    assert any("/" in page_id for page_id in yes.page_ids())


def unfinished_by_pages(interview: Interview) -> str | None:
    """The first page with a relevant required question unanswered, read from built pages
    (as the web survey did before ``Interview.first_unfinished``)."""
    for page in interview.pages():
        for item in page.items:
            if not item.relevant:
                continue
            for view in item.rows if item.type == "grid" else (item,):
                if view.type != "note" and view.relevant and view.required and view.value is None:
                    return page.id
    return None


@pytest.mark.parametrize("prefer", [0, 1])
def test_the_first_unfinished_page_is_the_one_the_pages_show(
    standard: Instrument, prefer: int
) -> None:
    def begin(answers: dict[str, Any] | None = None) -> Interview:
        return Interview(
            standard,
            answers,
            language=standard.default_language,
            today=TODAY,
            reference_period=PERIOD,
        )

    interview = begin()
    states = [interview.answers]
    page_id: str | None = interview.page_ids()[0]
    while page_id is not None:
        walk_page(interview, page_id, prefer)
        states.append(interview.answers)
        page_id = interview.next_page_id(page_id)
    whole = states[-1]
    # Resumed documents with answers missing or stored as null, at the top and in incidents.
    for code in list(whole)[::7]:
        states.append({key: value for key, value in whole.items() if key != code})
        states.append({**whole, code: None})
    if prefer == 0:
        instances = whole["incident"]
        for code in list(instances[0]):
            first = {key: value for key, value in instances[0].items() if key != code}
            states.append({**whole, "incident": [first, *instances[1:]]})
    found = set()
    for answers in states:
        resumed = begin(answers)
        expected = unfinished_by_pages(resumed)
        assert resumed.first_unfinished() == expected
        found.add(expected)
    assert None in found and len(found) > 3
