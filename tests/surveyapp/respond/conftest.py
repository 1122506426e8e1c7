"""Question pages to render: the standard questionnaire (vict_std, answered as the browser
scenario answers it, two incidents) and the engine's feature instrument (every item type),
each page with its stored answers and with three kinds of bad post and the engine's errors.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from werkzeug.datastructures import MultiDict

from questionnaires.engine import FieldError, Page
from questionnaires.engine import Interview as EngineInterview
from questionnaires.loader import load_instrument, standard_instrument_paths
from questionnaires.model import Instrument
from surveyapp.respond.forms import SPECIAL_SUFFIX, answerable_views, engine_input, stored_formdata

TESTS = Path(__file__).parents[2]
VICT_STD = next(p for p in standard_instrument_paths() if p.name == "vict_std.yaml")
FEATURES = TESTS / "fixtures" / "engine" / "features.yaml"
TODAY = dt.date(2026, 3, 1)
PERIOD = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))

#: Answers to the feature instrument, by item code, that open every section and repeat.
FEATURE_ANSWERS: dict[str, str | list[str]] = {
    "nickname": "Ann",
    "story": "Once <upon> a time & more",
    "short_story": "In short",
    "start_date": "2020-05-01",
    "end_date": "2021-05-01",
    "weight": "3",
    "balance": "1",
    "count_any": "2",
    "worries": ["1", "2"],
    "assault_month": "2025-03",
    "ev_reported": "1",
    "ev_amount": "5",
    "ev_think": "1",
    "ev_talk": "2",
    "th_name": "Box",
    "again": "1",
}


class PageCase(NamedTuple):
    """A page to render: ``formdata`` is the stored answers or a bad post, ``errors`` the
    engine's for it."""

    label: str
    page: Page
    formdata: MultiDict[str, str]
    errors: list[FieldError]


def engine_for(
    instrument: Instrument, answers: dict[str, Any], language: str = "en"
) -> EngineInterview:
    return EngineInterview(
        instrument, answers, language=language, today=TODAY, reference_period=PERIOD
    )


def _scenario_pages() -> list[tuple[str, dict[str, Any]]]:
    path = TESTS / "surveyapp" / "browser" / "scenario.py"
    spec = importlib.util.spec_from_file_location("respond_scenario_pages", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.PAGES)


@pytest.fixture(scope="session")
def vict_std() -> Instrument:
    return load_instrument(VICT_STD)


@pytest.fixture(scope="session")
def features() -> Instrument:
    return load_instrument(FEATURES)


@pytest.fixture(scope="session")
def vict_std_answers(vict_std: Instrument) -> dict[str, Any]:
    """vict_std answered as the browser scenario does (a burglary and a robbery)."""
    engine = engine_for(vict_std, {})
    for page_id, answers in _scenario_pages():
        page = engine.page(page_id)
        assert engine.apply_page(page_id, engine_input(page.items, MultiDict(answers))) == []
    return engine.answers


@pytest.fixture(scope="session")
def features_answers(features: Instrument) -> dict[str, Any]:
    """The feature instrument answered on every page it asks (both repeats open)."""
    engine = engine_for(features, {})
    done: list[str] = []
    while pending := [page_id for page_id in engine.page_ids() if page_id not in done]:
        page = engine.page(pending[0])
        views = answerable_views(page.items)
        posted = MultiDict(
            {v.code: FEATURE_ANSWERS[v.code] for v in views if v.code in FEATURE_ANSWERS}
        )
        assert engine.apply_page(page.id, engine_input(page.items, posted)) == [], page.id
        done.append(page.id)
    return engine.answers


def bad_post(page: Page, variant: int) -> MultiDict[str, str]:
    """A post with something wrong with (nearly) every item of ``page``, three ways."""
    posted: MultiDict[str, str] = MultiDict({"version": "3", "interview": "uuid"})
    for index, view in enumerate(answerable_views(page.items)):
        way = (index + variant) % 3
        if way == 0:
            continue  # nothing: "needs an answer" where required
        if view.type in ("single", "multiple"):
            posted.add(view.code, "99" if way == 1 else "<b>1</b>")
            if way == 2:
                posted.add(view.code, "1")  # two answers to one question
        elif way == 1:
            posted.add(view.code, "1,2,3 <x> & 'y'" if view.type != "text" else "x" * 500)
        else:  # a number and a special answer together, or a box sent twice
            posted.add(view.code, "7")
            if view.special_codes:
                posted.add(view.code + SPECIAL_SUFFIX, str(view.special_codes[0]))
            else:
                posted.add(view.code, "8")
    return posted


def _page_cases(
    instrument: Instrument, answers: dict[str, Any], language: str = "en"
) -> Iterator[PageCase]:
    engine = engine_for(instrument, answers, language)
    for page_id in engine.page_ids():
        page = engine.page(page_id)
        yield PageCase(f"{page_id} stored", page, stored_formdata(page.items, 3, "uuid"), [])
        for variant in range(3):
            posted = bad_post(page, variant)
            errors = engine_for(instrument, answers, language).apply_page(
                page_id, engine_input(page.items, posted)
            )
            yield PageCase(f"{page_id} bad {variant}", page, posted, errors)


@pytest.fixture(scope="session")
def page_cases() -> Callable[..., Iterator[PageCase]]:
    """``page_cases(instrument, answers, language="en")``: every page asked with ``answers``,
    stored and with three bad posts (their engine errors alongside)."""
    return _page_cases


@pytest.fixture(scope="session")
def make_engine() -> Callable[..., EngineInterview]:
    """``make_engine(instrument, answers, language="en")``: the engine over ``answers``."""
    return engine_for
