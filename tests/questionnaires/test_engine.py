"""The interview engine on a small instrument: pages, skip logic, repeats, checks, validation,
and nothing kept per instrument or shared in an interview leaking between interviews or calls."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from questionnaires.engine import (
    FieldError,
    Interview,
    PageNotFound,
    validate_answers,
)
from questionnaires.engine.plan import plan_for
from questionnaires.engine.state import settle
from questionnaires.engine.validation import PROBLEM_REASONS
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
    errors = interview.apply_page(page_id, raw)
    assert errors == [], errors


def codes(errors: list[FieldError]) -> list[str]:
    return [error.code for error in errors]


def robbed(instrument: Instrument, times: str = "2") -> Interview:
    interview = start(instrument)
    answer(interview, "respondent", age="40", hh_size="3", adults="2")
    answer(interview, "screener", rob_yn="1", rob_n=times)
    return interview


def test_first_pages_skip_the_incident_section(instrument: Instrument) -> None:
    interview = start(instrument)
    assert interview.page_ids() == ["respondent", "screener", "perception"]
    page = interview.page("respondent")
    assert (page.id, page.section, page.title, page.instance) == (
        "respondent",
        "respondent",
        "About you",
        None,
    )
    assert [view.code for view in page.items] == [
        "age",
        "birth_date",
        "hh_size",
        "adults",
        "comments",
    ]
    age = page.items[0]
    assert (age.type, age.required, age.min, age.max, age.input_name) == (
        "integer",
        True,
        15,
        110,
        "age",
    )
    assert age.choices == ((-9, "Prefer not to answer"),)


def test_skip_logic_within_a_page_and_ignored_values(instrument: Instrument) -> None:
    interview = start(instrument)
    errors = interview.apply_page(
        "respondent", {"age": "40", "hh_size": "1", "adults": "7", "rob_yn": "1", "bogus": "x"}
    )
    assert errors == []
    # adults is asked only when hh_size > 1; rob_yn is not on this page; bogus is no item.
    assert interview.answers == {"age": 40, "hh_size": 1, "n_incidents": 0, "n_reported": 0}
    adults = next(view for view in interview.page("respondent").items if view.code == "adults")
    assert adults.relevant is False and adults.relevant_expression == "${hh_size} > 1"


def test_answers_that_become_irrelevant_are_cleared(instrument: Instrument) -> None:
    interview = start(instrument)
    answer(interview, "respondent", age="40", hh_size="3", adults="2")
    assert interview.answers["adults"] == 2
    answer(interview, "respondent", age="40", hh_size="1")
    assert "adults" not in interview.answers


def test_repeat_pages_follow_the_capped_count(instrument: Instrument) -> None:
    interview = robbed(instrument, times="5")
    assert interview.answers["n_incidents"] == 3  # min(5, incident_cap)
    assert interview.page_ids() == [
        "respondent",
        "screener",
        "incidents/1",
        "incidents/2",
        "incidents/3",
        "perception",
    ]
    page = interview.page("incidents/2")
    assert (page.section, page.instance, page.title) == ("incidents", 2, "Robbery 2 of 3")
    assert page.items[0].label == "In which month did robbery 2 happen?"
    assert interview.next_page_id("screener") == "incidents/1"
    assert interview.previous_page_id("perception") == "incidents/3"
    assert interview.next_page_id("perception") is None
    assert interview.previous_page_id("respondent") is None


def test_lower_count_truncates_instances_and_no_count_removes_the_repeat(
    instrument: Instrument,
) -> None:
    interview = robbed(instrument, times="3")
    for position, place in ((1, "1"), (2, "2"), (3, "3")):
        answer(interview, f"incidents/{position}", inc_month="2025-06", inc_place=place)
    assert [instance["inc_place"] for instance in interview.answers["incident"]] == [1, 2, 3]
    answer(interview, "screener", rob_yn="1", rob_n="2")
    assert [instance["inc_place"] for instance in interview.answers["incident"]] == [1, 2]
    answer(interview, "screener", rob_yn="2")
    assert "incident" not in interview.answers and "rob_n" not in interview.answers
    with pytest.raises(PageNotFound):
        interview.page("incidents/1")
    with pytest.raises(PageNotFound):
        interview.apply_page("incidents/1", {"inc_month": "2025-06", "inc_place": "1"})


def test_relevance_inside_an_instance_uses_that_instance(instrument: Instrument) -> None:
    interview = robbed(instrument, times="2")
    answer(interview, "incidents/1", inc_month="2025-06", inc_place="1", inc_loss="100")
    answer(interview, "incidents/2", inc_month="2025-07", inc_place="2", inc_loss="12,5")
    first, second = interview.answers["incident"]
    assert "inc_loss" not in first  # asked only away from home
    assert second["inc_loss"] == 12.5  # decimal comma accepted


def test_constraint_messages_in_the_interview_language(instrument: Instrument) -> None:
    english = start(instrument)
    spanish = start(instrument, language="es")
    before = english.answers
    raw = {"age": "40", "hh_size": "3", "adults": "4"}
    assert english.apply_page("respondent", raw) == [
        FieldError("adults", "Cannot be more than the 3 people in the home.")
    ]
    assert spanish.apply_page("respondent", raw) == [
        FieldError("adults", "No puede ser mayor que las 3 personas del hogar.")
    ]
    assert english.answers == before  # nothing stored, not even the valid answers


def test_engine_messages_are_translated(instrument: Instrument) -> None:
    spanish = start(instrument, language="es")
    [error] = spanish.apply_page("respondent", {"age": "abc"})
    assert error == FieldError("age", "Escriba un número entero.")
    assert spanish.page("respondent").items[0].choices == ((-9, "Prefiere no responder"),)


def test_special_answers_only_where_allowed(instrument: Instrument) -> None:
    interview = start(instrument)
    [error] = interview.apply_page("respondent", {"age": "-8"})  # only 'refused' allowed
    assert error == FieldError("age", "Enter a number from 15 to 110.")
    answer(interview, "respondent", age="-9")
    assert interview.answers["age"] == -9
    answer(interview, "screener", rob_yn="1", rob_n="-8")  # don't know how many times
    assert interview.answers["rob_n"] == -8
    assert interview.answers["n_incidents"] == 0
    assert "incidents/1" not in interview.page_ids()
    [error] = interview.apply_page("screener", {"rob_yn": "1", "rob_n": "-9"})
    assert error.code == "rob_n"


@pytest.mark.parametrize(
    ("raw", "bad"),
    [
        ({"rob_yn": "7"}, ["rob_yn"]),  # unknown choice code
        ({"rob_yn": "yes"}, ["rob_yn"]),
        ({"rob_yn": ["1", "2"]}, ["rob_yn"]),  # two answers to a single choice
        ({"rob_yn": "1", "rob_n": "21"}, ["rob_n"]),  # out of range
        ({"rob_yn": "1", "rob_n": "2.5"}, ["rob_n"]),
        ({"rob_yn": "1", "rob_n": "9" * 400}, ["rob_n"]),
        ({"rob_yn": "1", "rob_n": "1", "worries": ["1", "9"]}, ["worries"]),
        ({"rob_yn": "1", "rob_n": "1", "worries": ["1", "-8"]}, ["worries"]),
        ({}, ["rob_yn"]),  # required
        ({"rob_yn": "1"}, ["rob_n"]),  # required once relevant
    ],
)
def test_tampered_or_incomplete_input_is_refused(
    instrument: Instrument, raw: dict[str, Any], bad: list[str]
) -> None:
    interview = start(instrument)
    before = interview.answers
    assert codes(interview.apply_page("screener", raw)) == bad
    assert interview.answers == before


def test_values_for_irrelevant_items_are_ignored(instrument: Instrument) -> None:
    interview = start(instrument)
    answer(interview, "screener", rob_yn="2", rob_n="abc")
    assert "rob_n" not in interview.answers


def test_text_limits(instrument: Instrument) -> None:
    interview = start(instrument)
    assert codes(interview.apply_page("respondent", {"age": "30", "comments": "x" * 41})) == [
        "comments"
    ]
    assert codes(interview.apply_page("respondent", {"age": "30", "comments": "a\nb"})) == [
        "comments"
    ]
    answer(interview, "respondent", age="30", comments="  fine  ")
    assert interview.answers["comments"] == "fine"


def test_dates_and_months(instrument: Instrument) -> None:
    interview = start(instrument)
    future = (TODAY + dt.timedelta(days=1)).isoformat()
    [error] = interview.apply_page("respondent", {"age": "30", "birth_date": future})
    assert error == FieldError("birth_date", f"The date cannot be after {TODAY.isoformat()}.")
    assert codes(interview.apply_page("respondent", {"age": "30", "birth_date": "1990-02-30"})) == [
        "birth_date"
    ]
    interview = robbed(instrument, times="1")
    [error] = interview.apply_page("incidents/1", {"inc_month": "2025-04", "inc_place": "1"})
    assert error == FieldError("inc_month", "The month must be between 2025-05 and 2026-04.")
    answer(interview, "incidents/1", inc_month="2025-05", inc_place="1")


def test_grid_rows_are_items_with_their_own_relevance(instrument: Instrument) -> None:
    interview = start(instrument)
    answer(interview, "screener", rob_yn="2")
    [grid, thanks] = interview.page("perception").items
    assert (grid.type, [row.code for row in grid.rows]) == (
        "grid",
        ["safe_dark", "safe_home", "safe_transport"],
    )
    assert [row.relevant for row in grid.rows] == [True, True, False]
    assert grid.choices[-1] == (-8, "Don't know")
    assert codes(interview.apply_page("perception", {"safe_dark": "1"})) == ["safe_home"]
    answer(interview, "perception", safe_dark="1", safe_home="-8", safe_transport="4")
    assert (interview.answers["safe_home"], "safe_transport" in interview.answers) == (-8, False)
    assert thanks.label == "Thank you. You reported 0 robberies to the police."


def test_progress_and_completion(instrument: Instrument) -> None:
    interview = start(instrument)
    assert interview.progress() == (0, 3)
    assert not interview.is_complete()
    answer(interview, "respondent", age="30")
    answer(interview, "screener", rob_yn="1", rob_n="1")
    assert interview.progress() == (2, 4)
    answer(interview, "incidents/1", inc_month="2025-09", inc_place="2", inc_reported="1")
    answer(interview, "perception", safe_dark="2", safe_home="1", safe_transport="3")
    assert interview.progress() == (4, 4)
    assert interview.is_complete()
    assert interview.answers["n_reported"] == 1
    assert (
        validate_answers(instrument, interview.answers, today=TODAY, reference_period=PERIOD) == []
    )


def test_an_interview_continues_from_stored_answers(instrument: Instrument) -> None:
    first = robbed(instrument, times="2")
    later = start(instrument, first.answers)
    assert later.page_ids() == first.page_ids()
    assert later.answers == first.answers


def test_unknown_language_is_refused(instrument: Instrument) -> None:
    with pytest.raises(ValueError, match="'de'"):
        Interview(instrument, language="de", today=TODAY)


def test_validate_answers_reports_every_problem_with_its_path(instrument: Instrument) -> None:
    document = {
        "age": "forty",
        "hh_size": 1,
        "adults": 1,  # not asked when hh_size is 1
        "rob_yn": 1,
        "rob_n": 2,
        "worries": [1, 1],
        "incident": [
            {"inc_month": "2024-01", "inc_place": 9, "colour": "red"},
            {"inc_place": 1, "inc_loss": 10.0},  # loss not asked at home
        ],
        "safe_dark": True,
        "safe_home": 1,
        "safe_transport": 3,
        "inc_month": "2025-06",
        "nonsense": 1,
    }
    problems = validate_answers(instrument, document, today=TODAY, reference_period=PERIOD)
    found = {problem.path: problem.message for problem in problems}
    assert set(found) == {
        "inc_month",
        "nonsense",
        "age",
        "adults",
        "worries",
        "incident[1].colour",
        "incident[1].inc_month",
        "incident[1].inc_place",
        "incident[2].inc_month",
        "incident[2].inc_loss",
        "safe_dark",
    }
    assert found["nonsense"] == "unknown item code"
    assert found["inc_month"].startswith("belongs to repeat 'incident'")
    assert found["age"].startswith("must be a whole number")
    assert found["adults"].startswith("answered, but the skip logic")
    assert found["incident[2].inc_month"] == "required but not answered"
    assert "2025-05" in found["incident[1].inc_month"]


def test_validate_answers_checks_constraints_and_instance_counts(instrument: Instrument) -> None:
    document = {
        "age": 30,
        "hh_size": 2,
        "adults": 3,
        "rob_yn": 1,
        "rob_n": 1,
        "incident": [
            {"inc_month": "2025-06", "inc_place": 2},
            {"inc_month": "2025-07", "inc_place": 2},
        ],
        "safe_dark": 1,
        "safe_home": 1,
        "safe_transport": 1,
    }
    problems = validate_answers(instrument, document, today=TODAY)
    assert [(problem.path, problem.message.split(":")[0]) for problem in problems] == [
        ("adults", "fails its constraint"),
        ("incident", "has 2 instances but its count gives 1"),
    ]
    assert validate_answers(instrument, [1, 2], today=TODAY)[0].message.startswith(
        "the answers document"
    )


def test_a_failed_constraint_gives_its_message_in_the_interview_language_when_translated(
    instrument: Instrument,
) -> None:
    # A tablet interview in Spanish sent to the server: the app shows params["detail"], which was
    # the instrument's default language (English here) whatever language the interview ran in.
    document = {"age": 30, "hh_size": 2, "adults": 3, "rob_yn": 2}
    details = {
        language: {
            p.path: p.params.get("detail")
            for p in validate_answers(instrument, document, today=TODAY, language=language)
        }["adults"]
        for language in ("es", "en", "fr", None)
    }
    assert details == {
        "es": "No puede ser mayor que las 2 personas del hogar.",
        "en": "Cannot be more than the 2 people in the home.",
        "fr": "Cannot be more than the 2 people in the home.",  # not translated: the default
        None: "Cannot be more than the 2 people in the home.",
    }
    # the message stays as it was: the default language's words after 'fails its constraint'
    spanish = validate_answers(instrument, document, today=TODAY, language="es")
    assert spanish[0].message == (
        "fails its constraint: Cannot be more than the 2 people in the home. (got 3)"
    )


def test_each_answer_problem_says_its_reason_and_params_for_other_languages(
    instrument: Instrument,
) -> None:
    # The interviewer app words problems from reason and params (message stays English).
    document = {
        "age": "forty",
        "hh_size": 2,
        "adults": 3,
        "rob_yn": 1,
        "rob_n": 1,
        "worries": [1, 1],
        "incident": [
            {"inc_month": "2024-01", "inc_place": 9, "colour": "red"},
            {"inc_month": "2025-07", "inc_place": 2},
        ],
        "safe_dark": True,
        "safe_home": 1,
        "safe_transport": 3,
        "inc_month": "2025-06",
        "nonsense": 1,
    }
    problems = validate_answers(instrument, document, today=TODAY, reference_period=PERIOD)
    found = {p.path: (p.reason, dict(p.params)) for p in problems}
    assert found["nonsense"] == ("unknown_item", {})
    assert found["inc_month"] == ("in_repeat", {"repeat": "incident"})
    assert found["age"] == ("type", {"expected": "whole_number"})
    assert found["adults"][0] == "constraint"
    assert found["incident"] == ("too_many_instances", {"given": "2", "count": "1"})
    assert found["incident[1].colour"] == ("not_in_repeat", {"repeat": "incident"})
    assert found["incident[1].inc_month"] == (
        "value",
        {"check": "month_period", "start": "2025-05", "end": "2026-04"},
    )
    assert found["incident[1].inc_place"] == ("value", {"check": "choice"})
    assert found["worries"] == ("value", {"check": "choice"})
    for problem in problems:
        assert set(PROBLEM_REASONS[problem.reason]) <= set(problem.params), problem
    [not_object] = validate_answers(instrument, [1], today=TODAY)
    assert (not_object.reason, not_object.params) == ("not_object", {})


class FormLike(dict[str, str]):
    """Like werkzeug's MultiDict: get() gives the first value, getlist() all of them."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        super().__init__()
        self.pairs = pairs
        for key, value in pairs:
            self.setdefault(key, value)

    def getlist(self, key: str) -> list[str]:
        return [value for name, value in self.pairs if name == key]


def test_every_checked_box_of_a_multidict_is_read(instrument: Instrument) -> None:
    interview = start(instrument)
    form = FormLike([("rob_yn", "2"), ("worries", "2"), ("worries", "1")])
    assert interview.apply_page("screener", form) == []
    assert interview.answers["worries"] == [1, 2]  # in choice-list order


def test_a_month_of_year_zero_is_outside_the_period_not_a_crash(instrument: Instrument) -> None:
    interview = robbed(instrument, times="1")
    [error] = interview.apply_page("incidents/1", {"inc_month": "0000-05", "inc_place": "1"})
    assert error == FieldError("inc_month", "The month must be between 2025-05 and 2026-04.")
    problems = validate_answers(
        instrument,
        {**interview.answers, "inc": [{"inc_month": "0000-05", "inc_place": 1}]},
        today=TODAY,
        reference_period=PERIOD,
    )
    assert any(p.path.endswith("inc_month") for p in problems)


def test_a_repeat_count_of_infinity_asks_the_maximum_and_minus_infinity_none() -> None:
    from questionnaires.engine.state import MAX_INSTANCES

    source = """
id: inf
version: "1"
title: {en: T}
languages: [en]
default_language: en
sections:
  - name: s
    title: {en: S}
    items:
      - {code: a, type: integer, label: {en: A}}
      - {code: b, type: integer, label: {en: B}}
  - name: r
    title: {en: R}
    items:
      - code: rep
        type: repeat
        count: "${a} div ${b}"
        title: {en: "R ${p}"}
        items:
          - {code: p, type: calculate, calculation: "position(..)"}
          - {code: q, type: integer, label: {en: Q}}
"""
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False, encoding="utf-8") as fh:
        fh.write(source)
    instrument = load_instrument(Path(fh.name))
    Path(fh.name).unlink()
    up = Interview(instrument, {"a": 1, "b": 0}, language="en", today=TODAY)
    assert len(up.answers["rep"]) == MAX_INSTANCES
    down = Interview(instrument, {"a": -1, "b": 0}, language="en", today=TODAY)
    assert "rep" not in down.answers or down.answers["rep"] == []


# --- nothing kept per instrument or shared in an interview leaks between interviews or calls


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


def test_texts_with_answers_in_them_are_piped_text() -> None:
    """A label, hint or title with ``${}`` filled in, and a date bound computed from an
    answer, are PipedText; the questionnaire's own wording stays a plain str."""
    from questionnaires.engine import PipedText

    features = load_instrument(Path(__file__).parents[1] / "fixtures" / "engine" / "features.yaml")
    interview = Interview(
        features,
        {"nickname": "Ann", "start_date": "2020-05-01", "country": "Chile"},
        language="en",
        today=TODAY,
        reference_period=PERIOD,
    )
    piped, plain = [], []
    for page in interview.pages():
        texts = [page.title] + [t for v in page.items for t in (v.label, v.hint, v.min) if t]
        for text in texts:
            (piped if type(text) is PipedText else plain).append(text)
    assert "You, in Chile" in piped and "Tell us, Ann" in piped
    assert "2020-05-01" in piped  # the end date's lower bound, from the start date
    assert plain and all(type(text) is str or not isinstance(text, str) for text in plain)
    assert not any("Ann" in str(text) or "Chile" in str(text) for text in plain)
