"""surveyapp.respond.forms.PageFields: a page's fields without WTForms, filled as WTForms does.

The page writer reads ``id``, ``name``, ``data``, ``errors`` and ``_value()`` of each
field; these are compared with the WTForms form of ``build_page_form`` over every page
of the standard questionnaire and of the engine's feature instrument (every item type),
with the stored answers and with three kinds of bad post and their errors attached, and
the page HTML written from both is compared too.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.datastructures import MultiDict

from questionnaires.engine import FieldError, Page
from questionnaires.engine import Interview as EngineInterview
from questionnaires.loader import load_instrument, standard_instrument_paths
from questionnaires.model import Instrument
from surveyapp.respond.forms import (
    SPECIAL_SUFFIX,
    PageField,
    answerable_views,
    attach_errors,
    build_page_form,
    engine_input,
    page_fields,
    stored_formdata,
)
from surveyapp.respond.html import respond_items
from surveyapp.respond.pages import layout
from surveyapp.respond.texts import text

TESTS = Path(__file__).parents[2]
VICT_STD = next(p for p in standard_instrument_paths() if p.name == "vict_std.yaml")
FEATURES = TESTS / "fixtures" / "engine" / "features.yaml"
TODAY = dt.date(2026, 3, 1)
PERIOD = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def _engine(instrument: Instrument, answers: dict[str, Any]) -> EngineInterview:
    return EngineInterview(instrument, answers, language="en", today=TODAY, reference_period=PERIOD)


def _scenario_pages() -> list[tuple[str, dict[str, Any]]]:
    path = TESTS / "surveyapp" / "browser" / "scenario.py"
    spec = importlib.util.spec_from_file_location("respond_scenario_fields", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.PAGES)


def _answered(instrument: Instrument, pages: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    engine = _engine(instrument, {})
    for page_id, answers in pages:
        page = engine.page(page_id)
        assert engine.apply_page(page_id, engine_input(page.items, MultiDict(answers))) == []
    return engine.answers


def _bad_post(page: Page, variant: int) -> MultiDict[str, str]:
    posted: MultiDict[str, str] = MultiDict()
    for index, view in enumerate(answerable_views(page.items)):
        way = (index + variant) % 3
        if way == 0:
            continue
        if view.type in ("single", "multiple"):
            posted.add(view.code, "99" if way == 1 else "<b>1</b>")
            posted.add(view.code, "1")  # two answers to one question
        elif way == 1:
            posted.add(view.code, "1,2,3 <x> & 'y'")
        else:
            posted.add(view.code, "7")
            if view.special_codes:
                posted.add(view.code + SPECIAL_SUFFIX, str(view.special_codes[0]))
    posted.add("version", "3")
    posted.add("interview", "uuid")
    return posted


def _cases(
    instrument: Instrument, answers: dict[str, Any]
) -> Iterator[tuple[Page, MultiDict[str, str], list[FieldError]]]:
    engine = _engine(instrument, answers)
    for page_id in engine.page_ids():
        page = engine.page(page_id)
        yield page, stored_formdata(page.items, 3, "uuid"), []
        for variant in range(3):
            posted = _bad_post(page, variant)
            errors = _engine(instrument, answers).apply_page(
                page_id, engine_input(page.items, posted)
            )
            yield page, posted, errors


def _same_fields(reference: Any, light: Any) -> int:
    names = sorted(reference._fields)
    assert names == sorted(light._fields)
    for name in names:
        ref, got = reference[name], light[name]
        assert (got.id, got.name) == (ref.id, ref.name), name
        assert list(got.errors) == list(ref.errors), name
        if name == "csrf_token":
            continue  # its value is the session's token (compared by the caller), not form data
        assert got.data == ref.data, name
        if hasattr(ref, "_value"):  # checkboxes have none: the writer reads their data
            assert got._value() == ref._value(), name
    return len(names)


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": True}


@pytest.mark.parametrize("which", ["vict_std", "features"])
def test_page_fields_are_the_wtforms_fields(app: Flask, which: str) -> None:
    if which == "vict_std":
        instrument = load_instrument(VICT_STD)
        answer_sets = [_answered(instrument, _scenario_pages()), {}]
    else:
        instrument = load_instrument(FEATURES)
        answer_sets = [{}]
    compared = errors_seen = 0
    with app.test_request_context():
        t = lambda key, **more: text(key, "en", **more)  # noqa: E731
        for answers in answer_sets:
            for page, formdata, errors in _cases(instrument, answers):
                reference = build_page_form(page.items, formdata)
                light = page_fields(page.items, formdata)
                assert light.csrf_token._value() == reference.csrf_token._value()
                summary = attach_errors(reference, errors, page.items, "en")
                assert attach_errors(light, errors, page.items, "en") == summary
                errors_seen += len(summary)
                compared += _same_fields(reference, light)
                page_layout = layout(instrument, page)
                codes = frozenset(v.code for v in page_layout.items)
                for dynamic in (page_layout.dynamic, codes):
                    written = respond_items(light, page_layout.items, dynamic, t)
                    assert written == respond_items(reference, page_layout.items, dynamic, t)
    assert compared > (1000 if which == "vict_std" else 50) and errors_seen > 10


def test_a_page_form_without_csrf_where_it_is_off(app: Flask) -> None:
    instrument = load_instrument(VICT_STD)
    page = _engine(instrument, {}).page(_engine(instrument, {}).page_ids()[0])
    app.config["WTF_CSRF_ENABLED"] = False
    with app.test_request_context():
        light = page_fields(page.items, stored_formdata(page.items, 1, "u"))
        assert getattr(light, "csrf_token", None) is None
        assert isinstance(light.version, PageField) and light.version._value() == "1"
