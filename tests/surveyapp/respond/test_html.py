"""surveyapp.respond.html: question items written in Python equal the reference macros.

Both are rendered over every page of the standard questionnaire (vict_std, the
incident pages included) in its four languages, and over every page of the
engine's feature instrument (every item type: dates with bounds, text limits,
long text), with the stored answers, with the engine's errors attached, with
every item dynamic, and with markup planted in every text.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from flask import Flask, flash
from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from questionnaires.engine import FieldError, ItemView, Page
from questionnaires.engine import Interview as EngineInterview
from questionnaires.loader import load_instrument, standard_instrument_paths
from questionnaires.model import Instrument
from surveyapp.respond.forms import (
    SPECIAL_SUFFIX,
    answerable_views,
    attach_errors,
    build_page_form,
    engine_input,
    stored_formdata,
)
from surveyapp.respond.html import respond_items, respond_page
from surveyapp.respond.pages import layout, progress, script_context, title_in
from surveyapp.respond.texts import text

TESTS = Path(__file__).parents[2]
VICT_STD = next(p for p in standard_instrument_paths() if p.name == "vict_std.yaml")
FEATURES = TESTS / "fixtures" / "engine" / "features.yaml"
TODAY = dt.date(2026, 3, 1)
PERIOD = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
PLANT = "<b class=\"x\">&amp; 'q'</b>"


def _load_scenario() -> ModuleType:
    path = TESTS / "surveyapp" / "browser" / "scenario.py"
    spec = importlib.util.spec_from_file_location("respond_scenario", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def vict_std() -> Instrument:
    return load_instrument(VICT_STD)


@pytest.fixture(scope="module")
def features() -> Instrument:
    return load_instrument(FEATURES)


@pytest.fixture(scope="module")
def stored(vict_std: Instrument) -> dict[str, Any]:
    """vict_std answered as the browser scenario does (two incidents)."""
    engine = _engine(vict_std, {}, "en")
    for page_id, answers in _load_scenario().PAGES:
        page = engine.page(page_id)
        assert engine.apply_page(page_id, engine_input(page.items, MultiDict(answers))) == []
    return engine.answers


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


@pytest.fixture(scope="module")
def features_stored(features: Instrument) -> dict[str, Any]:
    """The feature instrument answered on every page it asks."""
    engine = _engine(features, {}, "en")
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


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": True}  # as in production: pages carry a csrf_token field


@pytest.fixture
def context(app: Flask) -> Iterator[Flask]:
    with app.test_request_context():
        yield app


def _engine(instrument: Instrument, answers: dict[str, Any], language: str) -> EngineInterview:
    return EngineInterview(
        instrument, answers, language=language, today=TODAY, reference_period=PERIOD
    )


def _t(language: str, plant: str = "") -> Callable[..., str]:
    def t(key: str, **more: object) -> str:
        return plant + text(key, language, **more)

    return t


def _reference(app: Flask) -> Callable[..., Markup]:
    module: Any = app.jinja_env.get_template("respond/_questions.html").module
    return module.item  # type: ignore[no-any-return]


def _compare(
    app: Flask, form: Any, items: tuple[ItemView, ...], dynamic: Any, t: Callable[..., str]
) -> str:
    macro = _reference(app)
    expected = "".join(str(macro(form, view, dynamic, t)) for view in items)
    written = str(respond_items(form, items, dynamic, t))
    assert written == expected
    for view in items:
        assert str(respond_items(form, (view,), dynamic, t)) == str(macro(form, view, dynamic, t))
    return written


def _bad_input(page: Page, variant: int) -> MultiDict[str, str]:
    """A post with something wrong with (nearly) every item, three ways."""
    posted: MultiDict[str, str] = MultiDict()
    for index, view in enumerate(answerable_views(page.items)):
        way = (index + variant) % 3
        if way == 0:
            continue  # nothing: "needs an answer" where required
        if view.type in ("single", "multiple"):
            posted.add(view.code, "99" if way == 1 else "<b>1</b>")
        elif way == 1:
            posted.add(view.code, "1,2,3 <x> & 'y'" if view.type != "text" else "x" * 500)
        else:  # a number and a special answer together (or a box typed twice)
            posted.add(view.code, "7")
            special = [c for c in view.special_codes]
            posted.add(
                view.code + SPECIAL_SUFFIX if special else view.code,
                str(special[0]) if special else "8",
            )
    return posted


def _cases(
    instrument: Instrument, answers: dict[str, Any], language: str
) -> Iterator[tuple[str, Page, Any, list[FieldError]]]:
    """(label, page, form data, engine errors) for every page: stored, and three bad posts."""
    engine = _engine(instrument, answers, language)
    for page_id in engine.page_ids():
        page = engine.page(page_id)
        yield f"{page_id} stored", page, stored_formdata(page.items, 3, "uuid"), []
        for variant in range(3):
            posted = _bad_input(page, variant)
            errors = _engine(instrument, answers, language).apply_page(
                page_id, engine_input(page.items, posted)
            )
            yield f"{page_id} bad {variant}", page, posted, errors


def _all_codes(items: tuple[ItemView, ...]) -> frozenset[str]:
    return frozenset(
        [item.code for item in items] + [row.code for item in items for row in item.rows]
    )


@pytest.mark.parametrize("language", ["es", "en", "pt", "fr"])
def test_every_page_of_vict_std_renders_as_the_reference_macros(
    context: Flask, vict_std: Instrument, stored: dict[str, Any], language: str
) -> None:
    seen: set[str] = set()
    errors_seen = dynamic_seen = 0
    for answers in (stored, {}):
        for label, page, formdata, errors in _cases(vict_std, answers, language):
            page_layout = layout(vict_std, page)
            form = build_page_form(page.items, formdata)
            summary = attach_errors(form, errors, page.items, language)
            errors_seen += len(summary)
            dynamic_seen += len(page_layout.dynamic)
            t = _t(language)
            html = _compare(context, form, page_layout.items, page_layout.dynamic, t)
            _compare(context, form, page_layout.items, _all_codes(page.items), t)
            assert html.count('class="form-group') >= len(page_layout.items), label
            seen.add(page.id)
    assert {"incidents/1", "incidents/2", "per_safety", "closing"} <= seen
    assert errors_seen > 100 and dynamic_seen > 10


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_item_type_renders_as_the_reference_macros(
    context: Flask, features: Instrument, features_stored: dict[str, Any], language: str
) -> None:
    kinds: set[str] = set()
    cases = [*_cases(features, features_stored, language), *_cases(features, {}, language)]
    for _label, page, formdata, errors in cases:
        page_layout = layout(features, page)
        form = build_page_form(page.items, formdata)
        attach_errors(form, errors, page.items, language)
        _compare(context, form, page_layout.items, _all_codes(page.items), _t(language))
        kinds |= {view.type for view in page.items}
    assert kinds >= {"note", "grid", "single", "multiple", "integer", "decimal"}
    assert kinds >= {"text", "longtext", "date", "month"}


def _planted(view: ItemView) -> ItemView:
    return replace(
        view,
        label=PLANT + view.label,
        hint=PLANT + (view.hint or "") if view.hint or len(view.code) % 2 else None,
        choices=tuple((code, PLANT + label) for code, label in view.choices),
        relevant_expression=PLANT + str(view.relevant_expression),
        min=PLANT if view.type == "date" else view.min,
        max=PLANT if view.type == "date" else view.max,
        rows=tuple(_planted(row) for row in view.rows),
    )


class _PlantedForm:
    """The page's form with markup in every field id, name, value and error."""

    def __init__(self, form: Any) -> None:
        self.form = form

    def __getitem__(self, name: str) -> SimpleNamespace:
        f = self.form[name]
        return SimpleNamespace(
            id=PLANT + f.id,
            name=PLANT + f.name,
            data=f.data,
            errors=[PLANT, PLANT + "2"] if len(name) % 2 else [],
            _value=lambda: PLANT + str(f._value()),
        )


@pytest.mark.parametrize("instrument_name", ["vict_std", "features"])
def test_markup_in_every_text_is_escaped_as_the_templates_escape_it(
    context: Flask, request: pytest.FixtureRequest, instrument_name: str
) -> None:
    instrument: Instrument = request.getfixturevalue(instrument_name)
    for _label, page, formdata, errors in _cases(instrument, {}, "en"):
        items = tuple(_planted(view) for view in page.items)
        form = build_page_form(page.items, formdata)
        attach_errors(form, [replace(e, message=PLANT + e.message) for e in errors], items, "en")
        for f in (form, _PlantedForm(form)):
            html = _compare(context, f, items, _all_codes(items), _t("en", PLANT))
            assert PLANT not in html
            assert "&lt;b class=&#34;x&#34;&gt;&amp;amp; &#39;q&#39;&lt;/b&gt;" in html


def _page_values(
    instrument: Instrument,
    answers: dict[str, Any],
    language: str,
    page: Page,
    form: Any,
    summary: list[tuple[str, str]],
    index: int,
    t: Callable[..., str],
) -> dict[str, Any]:
    """What the question page route passes to respond/page.html."""
    engine = _engine(instrument, answers, language)
    page_layout = layout(instrument, page)
    position, total = progress(instrument, page)
    return {
        "lang": language,
        "t": t,
        "title": title_in(instrument, language),
        "page": page,
        "layout": page_layout,
        "form": form,
        "summary": summary,
        "position": position,
        "total": total,
        "previous_url": f"/s/p/before-{index}" if index % 2 else None,
        "last": index % 3 == 0,
        "context": script_context(instrument, engine, page_layout, answers),
    }


def _compare_pages(app: Flask, values: dict[str, Any]) -> str:
    reference = app.jinja_env.get_template("respond/_page.html").render(**values)
    written = app.jinja_env.get_template("respond/page.html").render(**values)
    assert written == reference
    assert str(respond_page(**values)) == reference
    return written


@pytest.mark.parametrize("language", ["es", "en", "pt", "fr"])
def test_every_question_page_of_vict_std_renders_as_the_reference_template(
    app: Flask, vict_std: Instrument, stored: dict[str, Any], language: str
) -> None:
    seen = 0
    for answers in (stored, {}):
        for index, (label, page, formdata, errors) in enumerate(
            _cases(vict_std, answers, language)
        ):
            with app.test_request_context(f"/s/p/{page.id}"):
                if index % 4 == 1:
                    flash(f"{PLANT} saved", "error")
                    flash("Saved & kept", "info")
                form = build_page_form(page.items, formdata)
                form.version.data = "3"
                form.interview.data = f"uuid-{index}"
                summary = attach_errors(form, errors, page.items, language)
                values = _page_values(
                    vict_std, answers, language, page, form, summary, index, _t(language)
                )
                html = _compare_pages(app, values)
                assert 'name="csrf_token" type="hidden"' in html, label
                seen += 1
    assert seen > 4 * 28


def test_markup_in_every_page_text_is_escaped_as_the_template_escapes_it(
    app: Flask, features: Instrument, features_stored: dict[str, Any]
) -> None:
    for index, (_label, page, formdata, errors) in enumerate(
        _cases(features, features_stored, "en")
    ):
        with app.test_request_context(f"/s/p/{page.id}"):
            flash(PLANT, PLANT)
            form = build_page_form(page.items, formdata)
            summary = attach_errors(form, errors, page.items, "en")
            planted = replace(page, id=PLANT + page.id, title=PLANT + page.title)
            values = _page_values(
                features, features_stored, "en", page, form, summary, index, _t("en", PLANT)
            )
            values.update(
                page=planted,
                title=PLANT,
                lang=PLANT,
                summary=[(PLANT + anchor, PLANT + text_) for anchor, text_ in summary],
                previous_url=PLANT,
                context={**values["context"], PLANT: [PLANT, "</script>"]},
            )
            html = _compare_pages(app, values)
            assert PLANT not in html and '</script>"' not in html


def test_pages_use_the_python_page(app: Flask) -> None:
    with app.app_context():
        assert app.jinja_env.globals["respond_page"] is respond_page
