"""A choice question's radios or checkboxes written in Python (the fast path of page rendering).

:func:`respond_options` writes exactly what the reference macro in
``templates/respond/_options.html`` renders, character for character (a test
compares them over radios, checkboxes, special answers and markup in labels),
at a fraction of the cost of a Jinja loop: the largest share of rendering a
page with many options.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from questionnaires.engine import PipedText

from .blueprint import bp


def escaped(text: object) -> str:
    """``markupsafe.escape(text)``, remembered for the questionnaire's own texts (labels, hints,
    codes, ids, interface texts): the same few thousand strings on every page, at a tenth of
    the cost of escaping them again. A text with an answer piped into it (the engine's
    :class:`PipedText`: a label, a hint, a date bound computed from the answers) is escaped
    each time and never kept, so no respondent's answer stays in this process's memory.
    Not for the values and errors of fields."""
    if type(text) is PipedText:
        return str(escape(text))
    return _escaped(text)


@functools.lru_cache(maxsize=8192, typed=True)
def _escaped(text: object) -> str:
    return str(escape(text))


@bp.app_template_global()
def respond_options(f: Any, view: Any, kind: str, t: Callable[..., str]) -> Markup:
    """The radios or checkboxes of a choice question, as ``templates/respond/_options.html``."""
    regular = len(view.choices) - len(view.special_codes)
    chosen = (f.data or []) if kind == "checkboxes" else [f.data]
    input_type = "checkbox" if kind == "checkboxes" else "radio"
    k = escaped(kind)
    fid, fname = escaped(f.id), escaped(f.name)
    divider = f'<div class="{k}__divider">{escaped(t("or"))}</div>'
    parts = [f'\n\n\n<div class="{k}">\n  ']
    for index, (code, label) in enumerate(view.choices):
        value = str(code)
        parts.append("\n  ")
        if index == regular and view.special_codes and regular > 0:
            parts.append(divider)
        parts.append(
            f'\n  \n  <div class="{k}__item">\n    <input {"checked " if value in chosen else ""}'
            f'class="{k}__input" id="{fid}-{index}" name="{fname}" type="{input_type}" '
            f'value="{escaped(value)}">\n    <label class="{k}__label" for="{fid}-{index}">'
            f"{escaped(label)}</label>\n  </div>\n  "
        )
    parts.append("\n</div>")
    return Markup("".join(parts))
