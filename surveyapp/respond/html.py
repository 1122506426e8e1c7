"""Question pages written in Python (the fast path of page rendering).

:func:`respond_page` writes exactly what the reference template
``templates/respond/_page.html`` (extending ``layout.html``) renders, and
:func:`respond_items` what the macros of ``_questions.html`` render for
``q.item(form, view, dynamic, t)``, character for character: notes, grids,
single and multiple choices, and the entries (integer, decimal, text, longtext,
date, month) with their special answers, hints, errors, ``aria-describedby``
and ``data-relevant``. tests/surveyapp/respond/test_html.py renders both over
every page of vict_std in its four languages, with stored answers, the engine's
errors, flashed messages and planted markup, and compares them. Jinja's macro
and function calls cost several times what these f-strings do. Every text goes
through :func:`markupsafe.escape` as autoescaping does (the questionnaire's own
texts through its remembered form, :func:`.options.escaped`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any, cast

from flask import current_app, get_flashed_messages, request, url_for
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

from ..security import show_direction_controls
from .assets import respond_asset
from .blueprint import bp
from .forms import SPECIAL_SUFFIX
from .options import escaped, respond_options

#: Entry widths by item type (``_questions.html`` entry macro).
_WIDTH = {
    "integer": " input--width-5",
    "decimal": " input--width-10",
    "month": " input--width-10",
    "date": " input--width-10",
}
_INPUTMODE = {"integer": "numeric", "decimal": "decimal"}


def respond_items(
    form: Any, items: Iterable[Any], dynamic: Collection[str], t: Callable[..., str]
) -> Markup:
    """Every item of a page, as ``{% for view in items %}{{ q.item(...) }}{% endfor %}``."""
    return Markup("".join([_item(form, view, dynamic, t) for view in items]))


def _item(form: Any, view: Any, dynamic: Collection[str], t: Callable[..., str]) -> str:
    kind = view.type
    if kind == "note":
        hint = f'<p class="hint">{escaped(view.hint)}</p>' if view.hint else ""
        return (
            f'\n<div class="form-group note" id="group-{escaped(view.code)}"'
            f'{_relevance(view, dynamic)}><p class="body">{escaped(view.label)}</p>{hint}</div>\n'
        )
    if kind == "grid":
        return _grid(form, view, dynamic, t) + "\n"
    if kind in ("single", "multiple"):
        return _choice(form, view, dynamic, t) + "\n"
    return _entry(form, view, dynamic, t) + "\n"


def _relevance(view: Any, dynamic: Collection[str]) -> str:
    if view.code in dynamic:
        return f' data-relevant="{escaped(view.relevant_expression)}"'
    return ""


def _errors(f: Any, t: Callable[..., str]) -> str:
    if not f.errors:
        return ""
    fid, prefix = escaped(f.id), escaped(t("error_prefix"))
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
    aria = f' aria-describedby="{escaped(ids)}"' if ids else ""
    hint = (
        f'<div id="{escaped(fid)}-hint" class="hint">{escaped(view.hint)}</div>'
        if view.hint
        else ""
    )
    choose_all = ""
    if multiple and not view.hint:
        choose_all = f'<div class="hint">{escaped(t("choose_all"))}</div>'
    group_class = "form-group form-group--error" if f.errors else "form-group"
    options = respond_options(f, view, "checkboxes" if multiple else "radios", t)
    return (
        f'\n\n\n<div class="{group_class}" id="group-{escaped(view.code)}"{_relevance(view, dynamic)}>\n'
        f'  <fieldset class="fieldset"{aria}>\n'
        f'    <legend class="{escaped(legend_class)}">{escaped(view.label)}</legend>\n'
        f"    {hint}\n{_errors(f, t)}\n    {choose_all}\n    {options}\n  </fieldset>\n</div>"
    )


def _grid(form: Any, item: Any, dynamic: Collection[str], t: Callable[..., str]) -> str:
    code = escaped(item.code)
    hint = f'<div class="hint">{escaped(item.hint)}</div>' if item.hint else ""
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
        f'  <h2 class="heading-m grid__label" id="{code}-label">{escaped(item.label)}</h2>\n'
        f"  {hint}\n  {rows}\n</div>"
    )


def _entry(form: Any, view: Any, dynamic: Collection[str], t: Callable[..., str]) -> str:
    f = form[view.code]
    kind = view.type
    fid = escaped(f.id)
    errors = f.errors
    format_hint = None
    if kind == "month":
        format_hint = (
            t("month_hint_range", start=view.min, end=view.max)
            if view.min and view.max
            else t("month_hint")
        )
    elif kind == "date":
        format_hint = t("date_hint")
    hinted = view.hint or format_hint
    ids = ((f"{f.id}-hint " if hinted else "") + (f"{f.id}-error" if errors else "")).strip()
    attrs = [f'aria-describedby="{escaped(ids)}" '] if ids else []
    hint = ""
    if hinted:
        between = " " if view.hint and format_hint else ""
        hint = (
            f'<div id="{fid}-hint" class="hint">{escaped(view.hint or "")}{between}'
            f"{escaped(format_hint or '')}</div>"
        )
    error_class = " input--error" if errors else ""
    maxlength = view.max_length
    if kind == "longtext":
        attrs.append(f'class="input{error_class}" id="{fid}"')
        if maxlength:
            attrs.append(f' maxlength="{escaped(maxlength)}"')
        attrs.append(f' name="{escaped(f.name)}" rows="5"')
        box = f"\n  <textarea {''.join(attrs)}>{escape(f._value())}</textarea>\n  "
    else:
        inputmode = _INPUTMODE.get(kind)
        if inputmode:
            attrs.append('autocomplete="off" ')
        attrs.append(f'class="input{_WIDTH.get(kind, "")}{error_class}" id="{fid}" ')
        if inputmode:
            attrs.append(f'inputmode="{inputmode}" ')
        if kind in ("date", "month"):
            if view.min:
                attrs.append(f'min="{escaped(view.min)}" ')
            if view.max:
                attrs.append(f'max="{escaped(view.max)}" ')
        if maxlength:
            attrs.append(f'maxlength="{escaped(maxlength)}" ')
        attrs.append(f'name="{escaped(f.name)}" ')
        if kind == "month":
            attrs.append(f'placeholder="{escaped(t("month_placeholder"))}" ')
        input_type = kind if kind in ("month", "date") else "text"
        attrs.append(f'type="{input_type}" value="{escape(f._value())}"')
        box = f"\n  <input {''.join(attrs)}>\n  "
    special = _special(form, view, fid, t) if view.special_codes else ""
    group_class = "form-group form-group--error" if errors else "form-group"
    return (
        f'\n\n\n\n\n\n\n<div class="{group_class}" id="group-{escaped(view.code)}"'
        f"{_relevance(view, dynamic)}>\n"
        f'  <label class="label" for="{fid}">{escaped(view.label)}</label>\n'
        f"  {hint}\n  {_errors(f, t)}\n  {box}\n  {special}\n</div>"
    )


def _special(form: Any, view: Any, fid: str, t: Callable[..., str]) -> str:
    """The "or" checkboxes of special answers beside a box (``entry-special``)."""
    s = form[view.code + SPECIAL_SUFFIX]
    ticked = s.data or []
    sid, sname = escaped(s.id), escaped(s.name)
    boxes = []
    index = 0
    for code, label in view.choices:
        if code not in view.special_codes:
            continue
        checked = "checked " if str(code) in ticked else ""
        boxes.append(
            f'\n      <div class="checkboxes__item">\n        <input {checked}class="checkboxes__input" '
            f'id="{sid}-{index}" name="{sname}" type="checkbox" value="{escaped(code)}">\n'
            f'        <label class="checkboxes__label" for="{sid}-{index}">{escaped(label)}</label>\n'
            f"      </div>\n      "
        )
        index += 1
    return (
        f'\n  \n  <div class="entry-special" role="group" aria-label="{escaped(view.label)}" '
        f'data-exclusive="{fid}">\n'
        f'    <div class="checkboxes__divider">{escaped(t("or"))}</div>\n'
        f'    <div class="checkboxes checkboxes--small">\n      {"".join(boxes)}\n'
        f"    </div>\n  </div>\n  "
    )


# --- the whole question page: respond/_page.html (extending respond/layout.html) --------


@bp.app_template_global()
def respond_page(
    *,
    lang: str,
    t: Callable[..., str],
    title: str,
    page: Any,
    layout: Any,
    form: Any,
    summary: Sequence[tuple[str, str]],
    position: int,
    total: int,
    previous_url: str | None,
    last: bool,
    context: Any,
    support: str | None = None,
) -> Markup:
    """A question page, as the reference template ``respond/_page.html`` renders it.

    ``support``: the wave's support contacts, given on the end page only (plain text; the
    stylesheet keeps its line breaks)."""
    page_title = escape(page.title)
    head_title = f"{escaped(t('error_prefix'))} {page_title}" if summary else page_title
    back = ""
    if previous_url:
        back = f'<a href="{escape(previous_url)}" class="back-link">{escaped(t("back"))}</a>'
    main_css, respond_css, expressions_js, respond_js = _asset_urls()
    parts = [
        f'<!doctype html>\n<html lang="{escaped(lang)}">\n<head>\n  <meta charset="utf-8">\n'
        '  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '  <meta name="referrer" content="no-referrer">\n'
        '  <meta name="robots" content="noindex, nofollow">\n'
        f"  <title>{head_title} – {escaped(t('survey'))}</title>\n"
        f'  <link rel="stylesheet" href="{main_css}">\n'
        f'  <link rel="stylesheet" href="{respond_css}">\n'
        f'  \n<script src="{expressions_js}" defer></script>\n'
        f'<script src="{respond_js}" defer></script>\n\n'
        '</head>\n<body class="respond">\n'
        f'  <a href="#main" class="skip-link">{escaped(t("skip_link"))}</a>\n'
        '  <header class="site-header respond-header">\n'
        '    <div class="width-container header-row">\n'
        f'      <span class="site-name">{escaped(title)}</span>\n'
        '    </div>\n  </header>\n  <div class="width-container">\n'
        f'    <main id="main" class="main-wrapper respond-main">\n{back}\n\n      \n      ',
    ]
    flashed = cast(list[tuple[str, str]], get_flashed_messages(with_categories=True))
    for category, message in flashed:
        role = "alert" if category == "error" else "status"
        parts.append(
            f'\n      <div class="notification notification--{escape(category)}" role="{role}">'
            f"{escape(message)}</div>\n      "
        )
    parts.append("\n      \n      \n")
    if summary:
        parts.append(
            '\n<div class="error-summary" aria-labelledby="error-summary-title" role="alert" '
            'tabindex="-1" data-module="error-summary">\n'
            '  <h2 class="error-summary__title" id="error-summary-title">'
            f"{escaped(t('error_title'))}</h2>\n"
            '  <ul class="error-summary__list">\n    '
        )
        parts.extend(
            f'<li><a href="#{escape(anchor)}">{escape(message)}</a></li>'
            for anchor, message in summary
        )
        parts.append("\n  </ul>\n</div>\n")
    progress = escape(t("progress", n=position, total=total))
    parts.append(
        f'\n<p class="caption progress-caption" id="progress">{progress}</p>\n'
        f'<progress class="progress" value="{escape(position - 1)}" max="{escape(total)}" '
        'aria-hidden="true"></progress>\n'
        f'<h1 class="heading-l">{page_title}</h1>\n'
    )
    if layout.has_dynamic:
        parts.append(f'<p class="hint js-off-note">{escaped(t("js_off_note"))}</p>')
    action = escape(url_for("respond.page", page_id=page.id))
    parts.append(f'\n<form method="post" action="{action}" novalidate data-survey-page>')
    for name in ("csrf_token", "version", "interview"):
        f = getattr(form, name, None)  # no csrf_token where CSRF is off (tests)
        if f:
            parts.append(
                f'\n  <input id="{escaped(f.id)}" name="{escaped(f.name)}" type="hidden" '
                f'value="{escape(f._value())}">\n  '
            )
    parts.append("\n  ")
    parts.append(respond_items(form, layout.items, layout.dynamic, t))
    if support:  # respond/_support.html
        parts.append(
            '\n  <section class="support-note" aria-labelledby="support-title">\n'
            f'    <h2 class="heading-m" id="support-title">{escaped(t("support_title"))}</h2>\n'
            f'    <p class="body support-note__text">{escape(show_direction_controls(support))}'
            "</p>\n  </section>"
        )
    policies = current_app.jinja_env.policies  # as the tojson filter: Flask's JSON, sorted keys
    script_context = htmlsafe_json_dumps(
        context, dumps=policies["json.dumps_function"], **policies["json.dumps_kwargs"]
    )
    parts.append(
        '\n  <div class="button-group">\n'
        '    <button type="submit" class="button" name="action" value="next" '
        f'data-prevent-double-click="true">{escaped(t("submit") if last else t("continue"))}'
        "</button>\n"
        '    <button type="submit" class="button button--secondary" name="action" value="save">'
        f"{escaped(t('save_later'))}</button>\n  </div>\n</form>\n"
        f'<script type="application/json" id="survey-context">{script_context}</script>\n'
        "\n    </main>\n  </div>\n</body>\n</html>"
    )
    return Markup("".join(parts))


#: Escaped URLs of the stylesheets and scripts of a question page, by the request's
#: script root: the same on every page (the assets' content hashes are read once).
_ASSET_URLS: dict[str, tuple[str, str, str, str]] = {}


def _asset_urls() -> tuple[str, str, str, str]:
    urls = _ASSET_URLS.get(request.script_root)
    if urls is None:
        urls = (
            escaped(url_for("static", filename="css/main.css")),
            escaped(respond_asset("respond.css")),
            escaped(respond_asset("expressions.js")),
            escaped(respond_asset("respond.js")),
        )
        _ASSET_URLS[request.script_root] = urls
    return urls
