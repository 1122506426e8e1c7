"""What export and import agree on: extra columns, special-answer choices, ODK constraints."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..engine.messages import special_label as engine_special_label
from ..model import SPECIAL_CODES

#: Columns the exporter adds so that an exported form imports back unchanged.
#: XLSForm tools ignore columns they do not know; see docs/xlsform.md.
EXTRA_MIN = "surveyapp_min"
EXTRA_MAX = "surveyapp_max"
EXTRA_MAX_LENGTH = "surveyapp_max_length"
EXTRA_SPECIAL = "surveyapp_special"
EXTRA_CONSTRAINT = "surveyapp_constraint"
EXTRA_CHOICES = "surveyapp_choices"
EXTRA_PARAMETER = "surveyapp_parameter"
#: Prefix of the per-language columns of a repeat's own label (``surveyapp_label_es``)
#: and, on the settings sheet, of the translated form titles (``surveyapp_title_es``).
EXTRA_LABEL_PREFIX = "surveyapp_label_"
EXTRA_TITLE_PREFIX = "surveyapp_title_"

SPECIAL_BY_CODE: dict[int, str] = {code: name for name, code in SPECIAL_CODES.items()}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def special_label(special: str, language: str) -> str:
    """The label of a special answer in ``language``: the one the web survey shows."""
    return engine_special_label(SPECIAL_CODES[special], language)


def special_list_name(list_name: str, special: Sequence[str]) -> str:
    """Name of the exported copy of a choice list that also offers the special answers."""
    suffix = {"dont_know": "dk", "refused": "ref"}
    return "_".join([list_name, *(suffix[name] for name in special)])


def _bracket(expression: str) -> str:
    # Parenthesize anything containing a word operator so "and" keeps its meaning.
    if re.search(r"\b(or|and)\b", expression):
        return f"({expression})"
    return expression


def odk_constraint(
    item_type: str,
    *,
    minimum: object = None,
    maximum: object = None,
    max_length: int | None = None,
    constraint: str | None = None,
    special: Sequence[str] = (),
) -> str | None:
    """The XLSForm ``constraint`` that checks our ``min``/``max``/``max_length``,
    the item's own constraint and lets the special answers through."""
    parts: list[str] = []
    for operator, bound in ((">=", minimum), ("<=", maximum)):
        if bound is None:
            continue
        text = str(bound)
        if item_type == "date":
            text = f"date('{text}')" if _DATE.match(text) else _bracket(text)
        parts.append(f". {operator} {text}")
    if max_length is not None:
        parts.append(f"string-length(.) <= {max_length}")
    if constraint:
        parts.append(_bracket(constraint) if parts else constraint)
    if not parts:
        return None
    combined = " and ".join(parts)
    typed_specials = [SPECIAL_CODES[name] for name in special]
    if typed_specials and item_type in {"integer", "decimal", "text", "longtext"}:
        combined = " or ".join([_bracket(combined)] + [f". = {code}" for code in typed_specials])
    return combined
