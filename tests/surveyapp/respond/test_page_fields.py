"""surveyapp.respond.forms.PageFields: a page's fields without WTForms, filled as WTForms does.

The page writer reads ``id``, ``name``, ``data``, ``errors`` and ``_value()`` of each
field; these are compared with the WTForms form of ``build_page_form`` over every page
of the standard questionnaire and of the engine's feature instrument (every item type),
with the stored answers and with three kinds of bad post and their errors attached, and
the page HTML written from both is compared too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask

from questionnaires.engine import Interview as EngineInterview
from questionnaires.model import Instrument
from surveyapp.respond.forms import (
    PageField,
    attach_errors,
    build_page_form,
    page_fields,
    stored_formdata,
)
from surveyapp.respond.html import respond_items
from surveyapp.respond.pages import layout
from surveyapp.respond.texts import text

#: ``page_cases(instrument, answers)`` of conftest.py: PageCase(label, page, formdata, errors)
PageCases = Callable[..., Iterator[Any]]


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
def test_page_fields_are_the_wtforms_fields(
    app: Flask,
    request: pytest.FixtureRequest,
    page_cases: PageCases,
    which: str,
) -> None:
    instrument: Instrument = request.getfixturevalue(which)
    answers: dict[str, Any] = request.getfixturevalue(f"{which}_answers")
    compared = errors_seen = 0
    with app.test_request_context():
        t = lambda key, **more: text(key, "en", **more)  # noqa: E731
        for stored in (answers, {}):
            for case in page_cases(instrument, stored):
                page, formdata, errors = case.page, case.formdata, case.errors
                reference = build_page_form(page.items, formdata)
                light = page_fields(page.items, formdata)
                assert light.csrf_token._value() == reference.csrf_token._value()
                summary = attach_errors(reference, errors, page.items, "en")
                assert attach_errors(light, errors, page.items, "en") == summary, case.label
                errors_seen += len(summary)
                compared += _same_fields(reference, light)
                page_layout = layout(instrument, page)
                codes = frozenset(v.code for v in page_layout.items)
                for dynamic in (page_layout.dynamic, codes):
                    written = respond_items(light, page_layout.items, dynamic, t)
                    assert written == respond_items(reference, page_layout.items, dynamic, t)
    assert compared > (1000 if which == "vict_std" else 50) and errors_seen > 10


def test_a_page_form_without_csrf_where_it_is_off(
    app: Flask, vict_std: Instrument, make_engine: Callable[..., EngineInterview]
) -> None:
    engine = make_engine(vict_std, {})
    page = engine.page(engine.page_ids()[0])
    app.config["WTF_CSRF_ENABLED"] = False
    with app.test_request_context():
        light = page_fields(page.items, stored_formdata(page.items, 1, "u"))
        assert getattr(light, "csrf_token", None) is None
        assert isinstance(light.version, PageField) and light.version._value() == "1"
