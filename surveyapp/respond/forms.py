"""Flask-WTF forms: the fixed ones (start, codes) and one generated per engine page.

Page forms only carry and render values: every answer is checked by the
engine (``apply_page``), whose messages are in the interview's language, so
the fields have no validators and choices are not checked here. CSRF is
checked for every POST by the app-wide ``CSRFProtect``.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from typing import Any

from flask import current_app
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf
from werkzeug.datastructures import MultiDict
from wtforms import (
    Field,
    HiddenField,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from questionnaires.engine import FieldError, ItemView
from questionnaires.engine.messages import message
from questionnaires.expressions import format_number

from .texts import text

#: Suffix of the extra radio group holding a special answer of a number or text item.
SPECIAL_SUFFIX = "__special"
#: Longest invitation or resume code accepted in a form, with spaces and hyphens.
CODE_MAX = 40
#: Hidden fields of a page form that are not answers.
CONTROL_FIELDS = frozenset({"csrf_token", "version", "interview"})


class StartForm(FlaskForm):
    """Consent page: the language chosen and a one-time start token."""

    language = HiddenField()
    token = HiddenField()


class CodeForm(FlaskForm):
    """An invitation code or a resume code, as typed."""

    code = StringField()


class EmptyForm(FlaskForm):
    """A CSRF-protected button with nothing else."""


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes for a multiple-choice item."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


_FORM_ATTRIBUTES = frozenset(dir(FlaskForm))


def _reserved(name: str) -> bool:
    return name in _FORM_ATTRIBUTES or name in CONTROL_FIELDS


def _field_name(name: str) -> str:
    """``name`` as a page form field, refused if it would hide a form attribute or a control
    field (the one rule of both page forms; :func:`page_name_clashes` applies it to a whole
    instrument before it is stored)."""
    if _reserved(name):
        raise ValueError(f"item code {name!r} clashes with a form attribute; rename the item")
    return name


def page_name_clashes(instrument: Any) -> list[str]:
    """What keeps ``instrument``'s items from being fields of the web survey's pages, one
    sentence per item: a code that is a name the page form uses itself (``version``,
    ``interview``, ``csrf_token``, or a form attribute such as ``data``), or a code that
    is another item's special-answer field (``<code>__special``)."""
    from questionnaires.engine.plan import plan_for

    fields = [f for f in plan_for(instrument).fields.values() if f.answerable]
    codes = {f.code for f in fields}
    problems = []
    for f in fields:
        special = f.code + SPECIAL_SUFFIX
        has_special = bool(f.special_codes) and f.kind not in ("single", "multiple")
        if _reserved(f.code):
            problems.append(f"item {f.code}: the web survey's pages use this name themselves")
        elif has_special and _reserved(special):
            problems.append(f"item {f.code}: its special answers' field {special} is reserved")
        if has_special and special in codes:
            problems.append(
                f"item {special}: its code is the field of item {f.code}'s special answers"
            )
    return problems


def _choices(view: ItemView, special: bool | None = None) -> list[SelectChoice]:
    return [
        SelectChoice(str(code), label)
        for code, label in view.choices
        if special is None or (code in view.special_codes) == special
    ]


def _unbound(view: ItemView) -> list[tuple[str, Any]]:
    """(form name, unbound field) pairs for one answerable item or grid row."""
    if view.type == "single":
        return [(view.code, RadioField(choices=_choices(view), validate_choice=False))]
    if view.type == "multiple":
        return [(view.code, MultiCheckboxField(choices=_choices(view), validate_choice=False))]
    main: Any = TextAreaField() if view.type == "longtext" else StringField()
    fields = [(view.code, main)]
    if view.special_codes:
        # checkboxes, never radios: a respondent can always untick "Don't know", without JS too
        special = MultiCheckboxField(choices=_choices(view, special=True), validate_choice=False)
        fields.append((view.code + SPECIAL_SUFFIX, special))
    return fields


def answerable_views(items: Sequence[ItemView]) -> list[ItemView]:
    """Answerable items and grid rows, in page order."""
    views: list[ItemView] = []
    for item in items:
        if item.type == "grid":
            views.extend(item.rows)
        elif item.type != "note":
            views.append(item)
    return views


def page_form_class(items: Sequence[ItemView]) -> type[FlaskForm]:
    """A FlaskForm subclass with one field per answerable item (and special-answer group).

    Classes are reused for pages with the same fields, choices and labels.
    """
    views = answerable_views(items)
    return _form_class(tuple((v.code, v.type, v.choices, v.special_codes) for v in views))


@functools.lru_cache(maxsize=1024)
def _form_class(
    shape: tuple[tuple[str, str, tuple[tuple[int, str], ...], tuple[int, ...]], ...],
) -> type[FlaskForm]:
    attrs: dict[str, Any] = {"version": HiddenField(), "interview": HiddenField()}
    for code, kind, choices, special_codes in shape:
        view = ItemView(
            code, kind, "", None, False, True, None, choices=choices, special_codes=special_codes
        )
        for name, unbound in _unbound(view):
            attrs[_field_name(name)] = unbound
    return type("PageForm", (FlaskForm,), attrs)


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return format_number(value)
    return "" if value is None else str(value)


def stored_formdata(
    items: Sequence[ItemView], version: int, interview_uuid: str
) -> MultiDict[str, str]:
    """Form data that shows the stored answers of the page."""
    data: MultiDict[str, str] = MultiDict({"version": str(version), "interview": interview_uuid})
    for view in answerable_views(items):
        value = view.value
        if value is None:
            continue
        if view.type == "multiple" and isinstance(value, list):
            for code in value:
                data.add(view.code, str(code))
        elif view.type not in ("single", "multiple") and value in view.special_codes:
            data.add(view.code + SPECIAL_SUFFIX, str(value))
        else:
            data.add(view.code, _shown(value))
    return data


def build_page_form(items: Sequence[ItemView], formdata: MultiDict[str, str]) -> FlaskForm:
    """The page's form filled from ``formdata`` (stored answers, or what was posted)."""
    form_class = page_form_class(items)
    form: FlaskForm = form_class(formdata=formdata)
    return form


class PageField:
    """One field of a page as the page writer (respond/html.py) reads it: ``id``, ``name``,
    ``data``, ``errors`` and ``_value()``, filled from form data exactly as the WTForms field
    of :func:`build_page_form` is (tests/surveyapp/respond/test_page_fields.py compares them
    on every page of the standard questionnaire)."""

    __slots__ = ("choice", "data", "errors", "id", "name")

    def __init__(self, name: str, data: Any, *, choice: bool = False) -> None:
        self.id = self.name = name
        self.data = data
        self.errors: list[str] = []
        self.choice = choice  # radios or checkboxes: the error summary links the first one

    def _value(self) -> str:
        return "" if self.data is None else str(self.data)


class PageFields:
    """A page's form without WTForms: the fields of :func:`build_page_form`, filled the same
    way, at a tenth of the cost (binding a WTForms form took ~0.25 ms of a page's ~2 ms).
    What was posted is never read from it: the engine reads the request (engine_input)."""

    def __init__(self, items: Sequence[ItemView], formdata: MultiDict[str, str]) -> None:
        fields: dict[str, PageField] = {}
        if current_app.config.get("WTF_CSRF_ENABLED", True):
            name = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
            fields[name] = PageField(name, generate_csrf())
        for name in ("version", "interview"):
            fields[name] = PageField(name, formdata.get(name))
        for view in answerable_views(items):
            code = _field_name(view.code)
            if view.type == "multiple":
                fields[code] = PageField(code, formdata.getlist(code), choice=True)
            elif view.type == "single":
                fields[code] = PageField(code, formdata.get(code), choice=True)
            else:
                fields[code] = PageField(code, formdata.get(code))
                if view.special_codes:
                    special = _field_name(code + SPECIAL_SUFFIX)
                    fields[special] = PageField(special, formdata.getlist(special), choice=True)
        self._fields = fields

    def __getitem__(self, name: str) -> PageField:
        return self._fields[name]

    def __getattr__(self, name: str) -> PageField:
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(name) from None


def page_fields(items: Sequence[ItemView], formdata: MultiDict[str, str]) -> PageFields:
    """The page's fields filled from ``formdata`` (stored answers, or what was posted)."""
    return PageFields(items, formdata)


def engine_input(
    items: Sequence[ItemView], posted: MultiDict[str, str]
) -> dict[str, str | list[str]]:
    """What the engine reads from a posted page: strings per item code, lists for ``multiple``.

    A special answer ("Don't know") ticked beside a number or text box is
    merged into the item. When a box and a special answer, or two special
    answers, arrive together (only possible without JavaScript, which clears
    the others), :func:`changed_answer` decides; if it cannot, both reach
    the engine as two values, an error that asks for one.
    Anything posted that is not an item of the page is left out.
    """
    raw: dict[str, str | list[str]] = {}
    for view in answerable_views(items):
        values = posted.getlist(view.code)
        if view.type == "multiple":
            raw[view.code] = values
            continue
        typed = [v for v in values if v.strip()]
        specials = [v for v in posted.getlist(view.code + SPECIAL_SUFFIX) if v.strip()]
        given = typed + specials
        if len(typed) <= 1 and len(given) > 1:
            given = changed_answer(view, given)
        if len(given) > 1:
            raw[view.code] = given
        elif given:
            raw[view.code] = given[0]
        elif values:
            raw[view.code] = values[0]
    return raw


def changed_answer(view: ItemView, given: list[str]) -> list[str]:
    """The one answer of ``given`` that differs from the stored one, else all of ``given``.

    The page showed the stored answer (a number, or "Don't know" ticked); a
    respondent without JavaScript who types a number under a ticked "Don't
    know", or ticks "Don't know" under a number, changed exactly one of
    them: that one is the new answer. With nothing stored, or both changed,
    there is no telling which is meant and the respondent is asked.
    """
    stored = view.value
    shown = str(stored) if stored in view.special_codes else _shown(stored)
    new = [v for v in given if v.strip() != shown]
    return new if len(new) == 1 else given


def _short(label: str, limit: int = 70) -> str:
    return label if len(label) <= limit else label[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def attach_errors(
    form: FlaskForm | PageFields,
    errors: Sequence[FieldError],
    items: Sequence[ItemView],
    language: str,
) -> list[tuple[str, str]]:
    """Put the engine's messages on the fields; returns (anchor id, text) for the error summary,
    the text naming the question so that identical messages can be told apart.

    The engine's generic "needs an answer" and "only one answer" become what to do about
    this question (:func:`what_to_do`)."""
    views = {view.code: view for view in answerable_views(items)}
    named: list[tuple[str, str | None, str]] = []  # anchor, question's label, what to do
    for error in errors:
        field: Field | PageField | None = form._fields.get(error.code)
        if field is None:
            continue
        view = views.get(error.code)
        text_ = what_to_do(view, error.message, language) if view else error.message
        field.errors = [*field.errors, text_]
        choice = (
            field.choice
            if isinstance(field, PageField)
            else isinstance(field, RadioField | SelectMultipleField)
        )
        anchor = f"{field.id}-0" if choice else field.id
        named.append((anchor, view.label if view else None, text_))
    # Questions that differ only after the shortened part ("…owned a car", "…owned a bicycle")
    # are named in full, or the summary would show the same line for each.
    short = Counter(_short(label) for _anchor, label, _text in named if label is not None)
    return [
        (anchor, text_)
        if label is None
        else (anchor, f"{label if short[_short(label)] > 1 else _short(label)} \u2013 {text_}")
        for anchor, label, text_ in named
    ]


#: the instruction for an unanswered item, by item type (key of respond/texts.py)
_ENTER = {
    "single": "answer_choose",
    "multiple": "answer_choose_some",
    "integer": "answer_number",
    "decimal": "answer_number",
    "date": "answer_date",
    "month": "answer_month",
}


def what_to_do(view: ItemView, engine_message: str, language: str) -> str:
    """The engine's message for ``view``, or an instruction when it is a generic one."""
    specials = [
        text("quoted", language, label=label)
        for code, label in view.choices
        if code in view.special_codes
    ]
    beside = view.type not in ("single", "multiple") and bool(specials)
    labels = f" {text('or', language)} ".join(specials)
    if engine_message == message("required", language):
        instruction = text(_ENTER.get(view.type, "answer_text"), language)
        if beside:
            return text("or_choose", language, instruction=instruction, labels=labels)
        return instruction + "."
    if engine_message == message("one_value", language) and beside:
        return text("not_both", language, labels=labels)
    return engine_message
