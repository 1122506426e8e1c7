"""surveyapp.respond.html: question pages written in Python equal the reference templates.

The items (respond_items) are compared with the macros of respond/_questions.html and
the whole page (respond_page, as the question page route calls it) with respond/_page.html
extending respond/layout.html: over every page of the standard questionnaire (vict_std,
the incident pages included) in its four languages and every page of the engine's
feature instrument (every item type: dates with bounds, text limits, long text), with
the stored answers and none, with the engine's errors attached, with every item
dynamic, with flashed messages, and with markup planted in every text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask, flash
from markupsafe import Markup

from questionnaires.engine import ItemView, Page
from questionnaires.model import Instrument
from surveyapp.respond.forms import attach_errors, build_page_form, page_fields
from surveyapp.respond.html import respond_items, respond_page
from surveyapp.respond.pages import layout, progress, script_context, title_in
from surveyapp.respond.texts import text

PLANT = "<b class=\"x\">&amp; 'q'</b>"
SUPPORT = "Línea 155 (gratuita, 24 horas)\nCentro de Atención a Víctimas: 800 123 4567"
PageCases = Callable[..., Iterator[Any]]


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": True}  # as in production: pages carry a csrf_token field


@pytest.fixture
def context(app: Flask) -> Iterator[Flask]:
    with app.test_request_context():
        yield app


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


def _all_codes(items: tuple[ItemView, ...]) -> frozenset[str]:
    return frozenset(
        [item.code for item in items] + [row.code for item in items for row in item.rows]
    )


@pytest.mark.parametrize("language", ["es", "en", "pt", "fr"])
def test_every_page_of_vict_std_renders_as_the_reference_macros(
    context: Flask,
    vict_std: Instrument,
    vict_std_answers: dict[str, Any],
    page_cases: PageCases,
    language: str,
) -> None:
    seen: set[str] = set()
    errors_seen = dynamic_seen = 0
    for answers in (vict_std_answers, {}):
        for label, page, formdata, errors in page_cases(vict_std, answers, language):
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
    context: Flask,
    features: Instrument,
    features_answers: dict[str, Any],
    page_cases: PageCases,
    language: str,
) -> None:
    kinds: set[str] = set()
    cases = [*page_cases(features, features_answers, language), *page_cases(features, {}, language)]
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
    context: Flask, request: pytest.FixtureRequest, page_cases: PageCases, instrument_name: str
) -> None:
    instrument: Instrument = request.getfixturevalue(instrument_name)
    for _label, page, formdata, errors in page_cases(instrument, {}):
        items = tuple(_planted(view) for view in page.items)
        form = build_page_form(page.items, formdata)
        attach_errors(form, [replace(e, message=PLANT + e.message) for e in errors], items, "en")
        for f in (form, _PlantedForm(form)):
            html = _compare(context, f, items, _all_codes(items), _t("en", PLANT))
            assert PLANT not in html
            assert "&lt;b class=&#34;x&#34;&gt;&amp;amp; &#39;q&#39;&lt;/b&gt;" in html


def _page_values(
    engine: Any,
    instrument: Instrument,
    answers: dict[str, Any],
    language: str,
    page: Page,
    form: Any,
    summary: list[tuple[str, str]],
    index: int,
    t: Callable[..., str],
) -> dict[str, Any]:
    """What the question page route passes to respond_page."""
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
        # the wave's support contacts, given to the end page (on some pages here)
        "support": SUPPORT if index % 6 == 0 else None,
    }


def _compare_pages(app: Flask, values: dict[str, Any]) -> str:
    reference = app.jinja_env.get_template("respond/_page.html").render(**values)
    written = str(respond_page(**values))
    assert written == reference
    return written


@pytest.mark.parametrize("language", ["es", "en", "pt", "fr"])
def test_every_question_page_of_vict_std_renders_as_the_reference_template(
    app: Flask,
    vict_std: Instrument,
    vict_std_answers: dict[str, Any],
    page_cases: PageCases,
    make_engine: Callable[..., Any],
    language: str,
) -> None:
    seen = supported = 0
    for answers in (vict_std_answers, {}):
        engine = make_engine(vict_std, answers, language)
        for index, (label, page, formdata, errors) in enumerate(
            page_cases(vict_std, answers, language)
        ):
            with app.test_request_context(f"/s/p/{page.id}"):
                if index % 4 == 1:
                    flash(f"{PLANT} saved", "error")
                    flash("Saved & kept", "info")
                form = page_fields(page.items, formdata)  # as the route builds it
                form.version.data = "3"
                form.interview.data = f"uuid-{index}"
                summary = attach_errors(form, errors, page.items, language)
                values = _page_values(
                    engine, vict_std, answers, language, page, form, summary, index, _t(language)
                )
                html = _compare_pages(app, values)
                assert 'name="csrf_token" type="hidden"' in html, label
                assert (SUPPORT in html) is (index % 6 == 0), label
                seen += 1
                supported += index % 6 == 0
    assert seen > 4 * 28 and supported > 4


def test_markup_in_every_page_text_is_escaped_as_the_template_escapes_it(
    app: Flask,
    features: Instrument,
    features_answers: dict[str, Any],
    page_cases: PageCases,
    make_engine: Callable[..., Any],
) -> None:
    engine = make_engine(features, features_answers)
    for index, (_label, page, formdata, errors) in enumerate(
        page_cases(features, features_answers)
    ):
        with app.test_request_context(f"/s/p/{page.id}"):
            flash(PLANT, PLANT)
            form = page_fields(page.items, formdata)
            summary = attach_errors(form, errors, page.items, "en")
            planted = replace(page, id=PLANT + page.id, title=PLANT + page.title)
            values = _page_values(
                engine,
                features,
                features_answers,
                "en",
                page,
                form,
                summary,
                index,
                _t("en", PLANT),
            )
            values.update(
                page=planted,
                title=PLANT,
                lang=PLANT,
                summary=[(PLANT + anchor, PLANT + text_) for anchor, text_ in summary],
                previous_url=PLANT,
                context={**values["context"], PLANT: [PLANT, "</script>"]},
                support=f"{PLANT}\n{PLANT} \u202e",  # a stored control shown, not obeyed
            )
            html = _compare_pages(app, values)
            assert PLANT not in html and '</script>"' not in html
            assert "\u202e" not in html and "[U+202E]" in html


def test_pages_use_the_python_page(app: Flask) -> None:
    with app.app_context():
        assert app.jinja_env.globals["respond_page"] is respond_page


def test_no_piped_answer_is_kept_in_the_escape_cache(
    context: Flask,
    features: Instrument,
    features_answers: dict[str, Any],
    make_engine: Callable[..., Any],
) -> None:
    """Labels, hints and date bounds with an answer piped into them are escaped anew each
    time: the cache of escaped questionnaire texts grows for the wording of a page, never
    for what one respondent answered."""
    from surveyapp.respond.forms import stored_formdata
    from surveyapp.respond.options import _escaped

    def render(nickname: str, start: str) -> str:
        answers = {**features_answers, "nickname": nickname, "start_date": start}
        engine = make_engine(features, answers)
        html = []
        for page_id in engine.page_ids():
            page = engine.page(page_id)
            form = build_page_form(page.items, stored_formdata(page.items, 1, "uuid"))
            page_layout = layout(features, page)
            html.append(str(respond_items(form, page_layout.items, page_layout.dynamic, _t("en"))))
        return "".join(html)

    render("Warm", "2019-01-01")  # the questionnaire's own texts, cached once
    before = _escaped.cache_info()
    html = render("Zoë <Ünïque>", "2018-07-09")
    after = _escaped.cache_info()
    assert "Tell us, Zoë &lt;Ünïque&gt;" in html  # the piped label is on the page, escaped
    assert 'min="2018-07-09"' in html  # and the bound computed from an answer
    assert after.currsize == before.currsize, "a piped text was kept"
    assert after.hits > before.hits  # the wording itself still comes from the cache
