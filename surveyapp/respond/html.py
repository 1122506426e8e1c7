"""A question page's items written in Python (the fast path of page rendering).

:func:`respond_items` writes exactly what the reference macros in
``templates/respond/_questions.html`` render for ``q.item(form, view, dynamic, t)``
over every item of a page, character for character: notes, grids, single and
multiple choices, and the entries (integer, decimal, text, longtext, date,
month) with their special answers, hints, errors, ``aria-describedby`` and
``data-relevant``. A test renders both over every page of vict_std in every
language, with stored answers, errors and planted markup, and compares them.
Jinja's macro calls cost several times what these f-strings do, and a page is
mostly its items. Every text is passed through :func:`markupsafe.escape`, as
autoescaping does in the templates.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any

from markupsafe import Markup, escape

from .blueprint import bp
from .options import respond_options

#: Entry widths by item type (``_questions.html`` entry macro).
_WIDTH = {
    "integer": " input--width-5",
    "decimal": " input--width-10",
    "month": " input--width-10",
    "date": " input--width-10",
}
_INPUTMODE = {"integer": "numeric", "decimal": "decimal"}


@bp.app_template_global()
def respond_items(
    form: Any, items: Iterable[Any], dynamic: Collection[str], t: Callable[..., str]
) -> Markup:
    """Every item of a page, as ``{% for view in items %}{{ q.item(...) }}{% endfor %}``."""
    return Markup("".join([_item(form, view, dynamic, t) for view in items]))


def respond_item(form: Any, view: Any, dynamic: Collection[str], t: Callable[..., str]) -> Markup:
    """One item, as the macro ``item`` of ``templates/respond/_questions.html``."""
    return Markup(_item(form, view, dynamic, t))


def _item(form: Any, view: Any, dynamic: Collection[str], t: Callable[..., str]) -> str:
    kind = view.type
    if kind == "note":
        hint = f'<p class="hint">{escape(view.hint)}</p>' if view.hint else ""
        return (
            f'\n<div class="form-group note" id="group-{escape(view.code)}"'
            f'{_relevance(view, dynamic)}><p class="body">{escape(view.label)}</p>{hint}</div>\n'
        )
    if kind == "grid":
        return _grid(form, view, dynamic, t) + "\n"
    if kind in ("single", "multiple"):
        return _choice(form, view, dynamic, t) + "\n"
    return _entry(form, view, dynamic, t) + "\n"


def _relevance(view: Any, dynamic: Collection[str]) -> str:
    if view.code in dynamic:
        return f' data-relevant="{escape(view.relevant_expression)}"'
    return ""


def _errors(f: Any, t: Callable[..., str]) -> str:
    if not f.errors:
        return ""
    fid, prefix = escape(f.id), escape(t("error_prefix"))
    return "".join(
        f'<p id="{fid}-error" class="error-message"><span class="visually-hidden">{prefix}'
        f"</span> {escape(e)}</p>"
        for e in f.errors
    )


def _choice(
    form: Any,
    view: Any,
    dynamic: Collection[str],
    t: Callable[..., str],
    legend_class: str = "fieldset__legend",
    grid_label: str | None = None,
) -> str:
    f = form[view.code]
    fid = f.id
    multiple = view.type == "multiple"
    described = ((fid + "-hint ") if view.hint else "") + ((fid + "-error") if f.errors else "")
    ids = (((grid_label + " ") if grid_label else "") + described).strip()
    aria = f' aria-describedby="{escape(ids)}"' if ids else ""
    hint = (
        f'<div id="{escape(fid)}-hint" class="hint">{escape(view.hint)}</div>' if view.hint else ""
    )
    choose_all = ""
    if multiple and not view.hint:
        choose_all = f'<div class="hint">{escape(t("choose_all"))}</div>'
    group_class = "form-group form-group--error" if f.errors else "form-group"
    options = respond_options(f, view, "checkboxes" if multiple else "radios", t)
    return (
        f'\n\n\n<div class="{group_class}" id="group-{escape(view.code)}"{_relevance(view, dynamic)}>\n'
        f'  <fieldset class="fieldset"{aria}>\n'
        f'    <legend class="{escape(legend_class)}">{escape(view.label)}</legend>\n'
        f"    {hint}\n{_errors(f, t)}\n    {choose_all}\n    {options}\n  </fieldset>\n</div>"
    )


def _grid(form: Any, item: Any, dynamic: Collection[str], t: Callable[..., str]) -> str:
    code = escape(item.code)
    hint = f'<div class="hint">{escape(item.hint)}</div>' if item.hint else ""
    label = item.code + "-label"
    rows = "".join(
        [
            "\n  "
            + _choice(form, row, dynamic, t, "fieldset__legend fieldset__legend--row", label)
            + "\n  "
            for row in item.rows
        ]
    )
    return (
        f'<div class="form-group grid" id="group-{code}"{_relevance(item, dynamic)}>\n'
        f'  <h2 class="heading-m grid__label" id="{code}-label">{escape(item.label)}</h2>\n'
        f"  {hint}\n  {rows}\n</div>"
    )


def _entry(form: Any, view: Any, dynamic: Collection[str], t: Callable[..., str]) -> str:
    f = form[view.code]
    kind = view.type
    fid = escape(f.id)
    errors = f.errors
    format_hint = None
    if kind == "month":
        format_hint = t("month_hint")
    elif kind == "date":
        format_hint = t("date_hint")
    hinted = view.hint or format_hint
    ids = ((f"{f.id}-hint " if hinted else "") + (f"{f.id}-error" if errors else "")).strip()
    attrs = [f'aria-describedby="{escape(ids)}" '] if ids else []
    hint = ""
    if hinted:
        between = " " if view.hint and format_hint else ""
        hint = (
            f'<div id="{fid}-hint" class="hint">{escape(view.hint or "")}{between}'
            f"{escape(format_hint or '')}</div>"
        )
    error_class = " input--error" if errors else ""
    maxlength = view.max_length
    if kind == "longtext":
        attrs.append(f'class="input{error_class}" id="{fid}"')
        if maxlength:
            attrs.append(f' maxlength="{escape(maxlength)}"')
        attrs.append(f' name="{escape(f.name)}" rows="5"')
        box = f"\n  <textarea {''.join(attrs)}>{escape(f._value())}</textarea>\n  "
    else:
        inputmode = _INPUTMODE.get(kind)
        if inputmode:
            attrs.append('autocomplete="off" ')
        attrs.append(f'class="input{_WIDTH.get(kind, "")}{error_class}" id="{fid}" ')
        if inputmode:
            attrs.append(f'inputmode="{inputmode}" ')
        if kind == "date":
            if view.min:
                attrs.append(f'min="{escape(view.min)}" ')
            if view.max:
                attrs.append(f'max="{escape(view.max)}" ')
        if maxlength:
            attrs.append(f'maxlength="{escape(maxlength)}" ')
        attrs.append(f'name="{escape(f.name)}" ')
        if kind == "month":
            attrs.append('placeholder="YYYY-MM" ')
        input_type = kind if kind in ("month", "date") else "text"
        attrs.append(f'type="{input_type}" value="{escape(f._value())}"')
        box = f"\n  <input {''.join(attrs)}>\n  "
    special = _special(form, view, fid, t) if view.special_codes else ""
    group_class = "form-group form-group--error" if errors else "form-group"
    return (
        f'\n\n\n\n\n\n\n<div class="{group_class}" id="group-{escape(view.code)}"'
        f"{_relevance(view, dynamic)}>\n"
        f'  <label class="label" for="{fid}">{escape(view.label)}</label>\n'
        f"  {hint}\n  {_errors(f, t)}\n  {box}\n  {special}\n</div>"
    )


def _special(form: Any, view: Any, fid: str, t: Callable[..., str]) -> str:
    """The "or" checkboxes of special answers beside a box (``entry-special``)."""
    s = form[view.code + "__special"]
    ticked = s.data or []
    sid, sname = escape(s.id), escape(s.name)
    boxes = []
    index = 0
    for code, label in view.choices:
        if code not in view.special_codes:
            continue
        checked = "checked " if str(code) in ticked else ""
        boxes.append(
            f'\n      <div class="checkboxes__item">\n        <input {checked}class="checkboxes__input" '
            f'id="{sid}-{index}" name="{sname}" type="checkbox" value="{escape(code)}">\n'
            f'        <label class="checkboxes__label" for="{sid}-{index}">{escape(label)}</label>\n'
            f"      </div>\n      "
        )
        index += 1
    return (
        f'\n  \n  <div class="entry-special" role="group" aria-label="{escape(view.label)}" '
        f'data-exclusive="{fid}">\n'
        f'    <div class="checkboxes__divider">{escape(t("or"))}</div>\n'
        f'    <div class="checkboxes checkboxes--small">\n      {"".join(boxes)}\n'
        f"    </div>\n  </div>\n  "
    )
