"""What the engine keeps per instrument or shares inside an interview cannot leak between
interviews or calls: refused pages change nothing, returned pages, ids and answers are the
caller's, the caller's document is never changed, labels follow the language."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from questionnaires.engine import Interview
from questionnaires.engine.plan import plan_for
from questionnaires.engine.state import settle
from questionnaires.loader import load_instrument
from questionnaires.model import Instrument

SMALL = Path(__file__).parent / "instruments" / "small.yaml"
TODAY = dt.date(2026, 5, 1)
PERIOD = (dt.date(2025, 5, 1), dt.date(2026, 4, 30))


@pytest.fixture(scope="module")
def instrument() -> Instrument:
    return load_instrument(SMALL)


def start(
    instrument: Instrument, answers: dict[str, Any] | None = None, language: str = "en"
) -> Interview:
    return Interview(instrument, answers, language=language, today=TODAY, reference_period=PERIOD)


def answer(interview: Interview, page_id: str, **raw: Any) -> None:
    assert interview.apply_page(page_id, raw) == []


def two_robberies(instrument: Instrument) -> Interview:
    interview = start(instrument)
    answer(interview, "respondent", age="40", hh_size="3", adults="2")
    answer(interview, "screener", rob_yn="1", rob_n="2", worries=["1", "2"])
    answer(interview, "incidents/1", inc_month="2025-06", inc_place="2", inc_loss="10")
    answer(interview, "incidents/2", inc_month="2025-07", inc_place="1", inc_reported="1")
    return interview


def test_a_refused_repeat_page_leaves_every_instance_as_it_was(instrument: Instrument) -> None:
    interview = two_robberies(instrument)
    before, ids = interview.answers, interview.page_ids()
    # inc_month is valid and read before the refused inc_place: nothing of it may stay.
    errors = interview.apply_page("incidents/1", {"inc_month": "2025-09", "inc_place": "9"})
    assert [error.code for error in errors] == ["inc_place"]
    assert interview.answers == before and interview.page_ids() == ids
    # A refused screener that would cut the repeat to one instance cuts nothing.
    errors = interview.apply_page("screener", {"rob_yn": "1", "rob_n": "1", "worries": ["99"]})
    assert [error.code for error in errors] == ["worries"]
    assert interview.answers == before and interview.page_ids() == ids
    # Accepted, the same change cuts it.
    answer(interview, "screener", rob_yn="1", rob_n="1")
    assert len(interview.answers["incident"]) == 1
    assert interview.page_ids() == ["respondent", "screener", "incidents/1", "perception"]


def test_the_document_given_is_never_changed(instrument: Instrument) -> None:
    stored = two_robberies(instrument).answers
    stored["incident"][1]["inc_loss"] = 5  # skipped (place 1): settling drops it
    kept = copy.deepcopy(stored)
    interview = start(instrument, stored)
    assert "inc_loss" not in interview.answers["incident"][1]
    answer(interview, "incidents/1", inc_month="2025-08", inc_place="3", inc_loss="7")
    answer(interview, "screener", rob_yn="1", rob_n="1", worries=["2"])
    answer(interview, "screener", rob_yn="2")
    assert "incident" not in interview.answers
    assert stored == kept


def test_pages_ids_and_answers_returned_are_the_callers_to_change(
    instrument: Instrument,
) -> None:
    interview = two_robberies(instrument)
    page = interview.page("screener")
    worries = next(view for view in page.items if view.code == "worries")
    assert worries.value == [1, 2]
    worries.value.append(3)  # a list: the view's own copy
    ids = interview.page_ids()
    ids.append("bogus")
    answers = interview.answers
    answers["worries"].append(4)
    answers["incident"][0]["inc_month"] = "1999-01"
    answers["incident"].pop()
    again = next(view for view in interview.page("screener").items if view.code == "worries")
    assert again.value == [1, 2]
    assert interview.page_ids() == [
        "respondent",
        "screener",
        "incidents/1",
        "incidents/2",
        "perception",
    ]
    assert interview.answers["worries"] == [1, 2]
    assert [one["inc_month"] for one in interview.answers["incident"]] == ["2025-06", "2025-07"]


def test_choice_labels_follow_each_interviews_language(instrument: Instrument) -> None:
    stored = two_robberies(instrument).answers
    for _ in range(2):  # the second round reads what the first one kept
        for language, place, special in (
            ("en", "At home", "Prefer not to answer"),
            ("es", "En casa", "Prefiere no responder"),
        ):
            page = start(instrument, stored, language).page("incidents/1")
            views = {view.code: view for view in page.items}
            assert views["inc_place"].choices[0] == (1, place)
            assert views["inc_reported"].choices[-1] == (-9, special)


def test_interviews_of_one_instrument_keep_their_own_pages(instrument: Instrument) -> None:
    robbed = two_robberies(instrument).answers
    not_robbed = start(instrument)
    answer(not_robbed, "respondent", age="30", hh_size="1")
    answer(not_robbed, "screener", rob_yn="2")
    quiet = not_robbed.answers
    for _ in range(2):  # each document known as settled the second time round
        first, second = start(instrument, robbed), start(instrument, quiet)
        assert first.page_ids() == [
            "respondent",
            "screener",
            "incidents/1",
            "incidents/2",
            "perception",
        ]
        assert second.page_ids() == ["respondent", "screener", "perception"]
        assert first.answers == robbed and second.answers == quiet
    # A known settled document with one answer changed is settled again, not taken as known.
    changed = copy.deepcopy(robbed)
    changed["rob_n"] = 1
    whole = copy.deepcopy(changed)
    settle(plan_for(instrument), whole, TODAY)
    assert start(instrument, changed).answers == whole
    assert len(whole["incident"]) == 1


def test_labels_naming_answers_are_rendered_for_each_view(instrument: Instrument) -> None:
    stored = two_robberies(instrument).answers
    for language, text in (
        ("en", "In which month did robbery {} happen?"),
        ("es", "¿En qué mes ocurrió el robo {}?"),
    ):
        interview = start(instrument, stored, language)
        for position in (1, 2, 1):
            page = interview.page(f"incidents/{position}")
            assert page.items[0].code == "inc_month"
            assert page.items[0].label == text.format(position)
