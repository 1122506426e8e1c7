"""A choice question's radios or checkboxes written in Python (the fast path of page rendering).

:func:`respond_options` writes exactly what the reference macro in
``templates/respond/_options.html`` renders, character for character (a test
compares them over radios, checkboxes, special answers and markup in labels),
at a fraction of the cost of a Jinja loop: the largest share of rendering a
page with many options.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from .blueprint import bp


@bp.app_template_global()
def respond_options(f: Any, view: Any, kind: str, t: Callable[..., str]) -> Markup:
    """The radios or checkboxes of a choice question, as ``templates/respond/_options.html``."""
    regular = len(view.choices) - len(view.special_codes)
    chosen = (f.data or []) if kind == "checkboxes" else [f.data]
    input_type = "checkbox" if kind == "checkboxes" else "radio"
    k = escape(kind)
    fid, fname = escape(f.id), escape(f.name)
    divider = f'<div class="{k}__divider">{escape(t("or"))}</div>'
    parts = [f'\n\n\n<div class="{k}">\n  ']
    for index, (code, label) in enumerate(view.choices):
        value = str(code)
        parts.append("\n  ")
        if index == regular and view.special_codes and regular > 0:
            parts.append(divider)
        parts.append(
            f'\n  \n  <div class="{k}__item">\n    <input {"checked " if value in chosen else ""}'
            f'class="{k}__input" id="{fid}-{index}" name="{fname}" type="{input_type}" '
            f'value="{escape(value)}">\n    <label class="{k}__label" for="{fid}-{index}">'
            f"{escape(label)}</label>\n  </div>\n  "
        )
    parts.append("\n</div>")
    return Markup("".join(parts))
