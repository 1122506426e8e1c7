"""Settling shortcuts: a document known to be settled is not settled again, and a page
settles only its own section and the later ones; both give what a whole settle gives."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from questionnaires.engine import Interview, ItemView
from questionnaires.engine import interview as interview_module
from questionnaires.engine.plan import plan_for
from questionnaires.engine.state import copy_document, fingerprint, settle
from questionnaires.loader import load_instrument, load_instrument_dict
from questionnaires.model import Instrument

ROOT = Path(__file__).parents[2]
STANDARD = ROOT / "questionnaires" / "instruments" / "vict_std.yaml"
SMALL = Path(__file__).parent / "instruments" / "small.yaml"
TODAY = dt.date(2026, 3, 15)
PERIOD = (dt.date(2025, 3, 1), dt.date(2026, 2, 28))


def whole_settling(instrument: Instrument) -> Instrument:
    """The same instrument with every shortcut off: each document is settled whole."""
    plan_for(instrument).settles_in_order = False
    return instrument


def start(
    instrument: Instrument, answers: dict[str, Any] | None = None, today: dt.date = TODAY
) -> Interview:
    return Interview(
        instrument,
        answers,
        language=instrument.default_language,
        today=today,
        reference_period=PERIOD,
    )


def raw_for(view: ItemView, prefer: int) -> Any:
    if view.type in ("single", "multiple"):
        codes = [str(code) for code, _ in view.choices]
        code = codes[prefer % len(codes)]
        return [code] if view.type == "multiple" else code
    if view.type in ("integer", "decimal"):
        low = int(view.min) if view.min is not None else 0
        return str(max(low, 2 + prefer))
    if view.type == "date":
        return view.min or "1980-06-15"
    if view.type == "month":
        return "2025-06"
    return "text"


def page_raw(interview: Interview, page_id: str, prefer: int) -> dict[str, Any]:
    views = [row for view in interview.page(page_id).items for row in (view.rows or (view,))]
    return {view.code: raw_for(view, prefer) for view in views if view.type != "note"}


def lockstep(fast: Interview, whole: Interview, prefer: int) -> list[str]:
    """Answer every page of both interviews alike; they must agree at every step."""
    visited = []
    page_id: str | None = fast.page_ids()[0]
    while page_id is not None:
        visited.append(page_id)
        raw = page_raw(fast, page_id, prefer)
        assert fast.apply_page(page_id, raw) == whole.apply_page(page_id, raw)
        assert fast.answers == whole.answers
        assert fast.page_ids() == whole.page_ids()
        page_id = fast.next_page_id(page_id)
    return visited


@pytest.fixture(scope="module")
def standard() -> Instrument:
    return load_instrument(STANDARD)


@pytest.fixture(scope="module")
def standard_whole() -> Instrument:
    return whole_settling(load_instrument(STANDARD))


def test_loaded_instruments_settle_in_order(standard: Instrument) -> None:
    assert plan_for(standard).settles_in_order
    assert plan_for(load_instrument(SMALL)).settles_in_order


def going_back(fast: Interview, whole: Interview, visited: list[str], prefer: int) -> None:
    """Every page answered again with other answers (incident counts change)."""
    for page_id in visited:
        if page_id in fast.page_ids():
            raw = page_raw(fast, page_id, prefer)
            assert fast.apply_page(page_id, raw) == whole.apply_page(page_id, raw)
            assert fast.answers == whole.answers
            assert fast.page_ids() == whole.page_ids()


@pytest.mark.parametrize("prefer", [0, 1, 2])
def test_pages_settle_as_a_whole_settle_would(
    standard: Instrument, standard_whole: Instrument, prefer: int
) -> None:
    fast, whole = start(standard), start(standard_whole)
    visited = lockstep(fast, whole, prefer)
    assert len(visited) > 10
    going_back(fast, whole, visited, prefer + 1)
    # Every state is a settled document: settling it whole changes nothing.
    settled = fast.answers
    settle(plan_for(standard_whole), settled, TODAY)
    assert settled == fast.answers


@pytest.mark.parametrize("again", [0, 1, 2])
def test_a_later_section_reading_a_repeat_item_is_settled_again(again: int) -> None:
    # small.yaml counts the reported incidents (count(${inc_reported})) in a later section:
    # answering an incident page changes it though that section reads no name of the page.
    fast, whole = start(load_instrument(SMALL)), start(whole_settling(load_instrument(SMALL)))
    visited = lockstep(fast, whole, 0)
    assert any(page_id.startswith("incidents/") for page_id in visited)
    going_back(fast, whole, visited, again)
    going_back(fast, whole, visited, 0)


def test_a_known_settled_document_is_taken_as_it_is(
    standard: Instrument, standard_whole: Instrument
) -> None:
    fast = start(standard)
    lockstep(fast, start(standard_whole), 1)
    stored = fast.answers
    key = fingerprint(stored, plan_for(standard).repeat_fields)
    assert key is not None and (TODAY.toordinal(), key) in plan_for(standard).settled
    assert start(standard, stored).answers == start(standard_whole, stored).answers == stored
    # Another day: not known, settled again.
    tomorrow = TODAY + dt.timedelta(days=1)
    assert (tomorrow.toordinal(), key) not in plan_for(standard).settled
    assert (
        start(standard, stored, tomorrow).answers == start(standard_whole, stored, tomorrow).answers
    )
    # A changed document (a calculation removed, an answer to a skipped item added) is settled.
    changed = copy.deepcopy(stored)
    fields = plan_for(standard).fields
    calculated = next(code for code in changed if fields[code].kind == "calculate")
    del changed[calculated]
    asked = {page_id.split("/")[0] for page_id in fast.page_ids()}
    skipped = next(
        code
        for section in plan_for(standard).sections
        if section.section.name not in asked and section.repeat is None
        for code in (field.code for field in section.fields if field.kind == "single")
    )
    changed[skipped] = 1
    assert start(standard, changed).answers == start(standard_whole, changed).answers == stored


def test_a_settled_document_read_back_in_another_key_order_is_known(
    standard: Instrument, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = start(standard)
    lockstep(fast, start(whole_settling(load_instrument(STANDARD))), 0)
    stored = fast.answers
    assert len(stored["incident"]) >= 2
    # As PostgreSQL's jsonb gives it back: the keys of the document and its instances reordered.
    reordered = {
        code: [dict(reversed(one.items())) for one in value] if code == "incident" else value
        for code, value in reversed(stored.items())
    }
    assert list(reordered) != list(stored)
    settled: list[object] = []
    monkeypatch.setattr(interview_module, "settle", lambda *args: settled.append(args))
    resumed = start(standard, reordered)
    assert settled == [] and resumed.answers == stored
    # The same values of other types are another document: settled.
    retyped = {**reordered, "hh_size": float(stored["hh_size"])}
    start(standard, retyped)
    assert len(settled) == 1


def test_fingerprints_are_exact_and_ignore_key_order() -> None:
    repeats = ("rep",)
    document = {"a": 1, "rep": [{"x": 1, "y": [2, 3]}, {"x": 2.5}], "b": "s"}
    again = {"b": "s", "rep": [{"y": [2, 3], "x": 1}, {"x": 2.5}], "a": 1}
    assert fingerprint(document, repeats) == fingerprint(again, repeats) is not None
    for other in (
        {**document, "a": 1.0},
        {**document, "a": True},
        {**document, "a": "1"},
        {**document, "b": "s "},
        {**document, "rep": [{"x": 1, "y": [3, 2]}, {"x": 2.5}]},
        {**document, "rep": [{"x": 2.5}, {"x": 1, "y": [2, 3]}]},
        {**document, "rep": [{"x": 1, "y": [2, 3]}, {"x": 2.5, "z": None}]},
        {**document, "c": None},
    ):
        assert fingerprint(other, repeats) != fingerprint(document, repeats)


def test_documents_that_are_not_plain_json_are_never_taken_as_settled() -> None:
    assert fingerprint({"a": 1, "b": [1, 2], "c": {"d": 1.5, "e": None, "f": True}}) is not None
    assert fingerprint({"a": (1, 2)}) is None
    assert fingerprint({"a": float("nan")}) is None
    assert fingerprint({"a": dt.date(2026, 1, 1)}) is None
    assert fingerprint({"a": 1}) != fingerprint({"a": 1.0}) != fingerprint({"a": True})
    assert fingerprint({"a": 1, "b": 2}) == fingerprint({"b": 2, "a": 1})


def test_documents_are_copied_deeply() -> None:
    document: dict[str, Any] = {"a": [1, 2], "rep": [{"x": 1}, {"x": [3]}]}
    copied = copy_document(document)
    assert copied == document and copied["rep"][1]["x"] is not document["rep"][1]["x"]
    shared = [1]
    aliased = copy_document({"a": shared, "b": shared})  # shared as copy.deepcopy shares
    assert aliased["a"] is aliased["b"] and aliased["a"] is not shared
    odd = copy_document({"a": (1, [2])})
    assert odd == {"a": (1, [2])} and odd["a"][1] is not None


def test_a_repeat_summing_its_own_items_is_always_settled_whole() -> None:
    document = load_instrument(SMALL).to_dict()
    [incidents] = [s for s in document["sections"] if s["name"] == "incidents"]
    repeat = incidents["items"][0]
    repeat["items"].append(
        {"code": "inc_total", "type": "calculate", "calculation": "sum(${inc_loss})"}
    )
    instrument = load_instrument_dict(document)
    assert not plan_for(instrument).settles_in_order
    interview = start(instrument)
    interview.apply_page("respondent", {"age": "40", "hh_size": "1"})
    interview.apply_page("screener", {"rob_yn": "1", "rob_n": "2"})
    interview.apply_page("incidents/1", {"inc_month": "2025-06", "inc_place": "2", "inc_loss": "5"})
    interview.apply_page("incidents/2", {"inc_month": "2025-07", "inc_place": "2", "inc_loss": "7"})
    first, second = interview.answers["incident"]
    # Instance 1 was settled before instance 2 had a value; a whole settle after the last
    # page counts both (as before: settling whole is what the engine does here).
    assert second["inc_total"] == 12 and first["inc_total"] == 12
