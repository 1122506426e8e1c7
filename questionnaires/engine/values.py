"""Turning form input into answer values, and checking answer values against their item.

Used both for pages answered in the web survey (strings from HTML forms) and
for whole answer documents sent by tablets (JSON values).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Sequence
from typing import Any

from questionnaires.expressions import Expression, evaluate, format_number, to_string

from .context import AnswerContext
from .messages import message, special_label
from .plan import Field

__all__ = [
    "TYPE_PROBLEMS",
    "check_value",
    "parse_raw",
    "type_problem",
    "type_problem_key",
    "value_check",
]

_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
#: Longest number text accepted, so int() of a huge string cannot be used to stall the server.
_MAX_NUMBER_TEXT = 30

ReferencePeriod = tuple[dt.date, dt.date]
#: A broken rule of an item: the key of its message (messages.json) and the values it names.
Check = tuple[str, dict[str, str]]
#: What a JSON value of the wrong type should have been, by key (English, for API clients).
TYPE_PROBLEMS: dict[str, str] = {
    "whole_number": "must be a whole number",
    "choice_code": "must be an integer choice code",
    "choice_codes": "must be a non-empty list of integer choice codes",
    "number": "must be a number",
    "text": "must be a string",
}


def _shown(number: float | None) -> str:
    if number is None:
        return ""
    return str(number) if isinstance(number, int) else format_number(number)


def parse_raw(
    field: Field, raw: str | Sequence[str] | None, language: str
) -> tuple[Any, str | None]:
    """Parse what a form sent for ``field``: ``(value, None)`` or ``(None, error message)``.

    A blank answer gives ``(None, None)``. Only syntax is checked here; the
    value still goes through :func:`check_value`.
    """
    if field.kind == "multiple":
        texts = [raw] if isinstance(raw, str) else list(raw or [])
        codes = []
        for text in texts:
            if not isinstance(text, str):
                return None, message("choice", language)
            text = text.strip()
            if not text:
                continue
            if len(text) > _MAX_NUMBER_TEXT or not _INTEGER.match(text):
                return None, message("choice", language)
            if int(text) not in codes:
                codes.append(int(text))
        order = {choice.code: index for index, choice in enumerate(field.choices)}
        codes.sort(key=lambda code: order.get(code, len(order)))
        return (codes or None), None
    if isinstance(raw, list | tuple):
        if len(raw) > 1:
            return None, message("one_value", language)
        raw = raw[0] if raw else None
    if raw is None:
        return None, None
    if not isinstance(raw, str):
        return None, message("invalid", language)
    text = raw.replace("\r\n", "\n").strip()
    if not text:
        return None, None
    if _INTEGER.match(text) and len(text) < _MAX_NUMBER_TEXT and int(text) in field.special_codes:
        return int(text), None
    kind = field.kind
    if kind == "single":
        if len(text) > _MAX_NUMBER_TEXT or not _INTEGER.match(text):
            return None, message("choice", language)
        return int(text), None
    if kind == "integer":
        if len(text) > _MAX_NUMBER_TEXT or not _INTEGER.match(text):
            return None, message("whole_number", language)
        return int(text), None
    if kind == "decimal":
        # Respondents in es/pt/fr write a decimal comma.
        if "," in text and "." not in text and text.count(",") == 1:
            text = text.replace(",", ".")
        if len(text) > _MAX_NUMBER_TEXT or not _DECIMAL.match(text):
            return None, message("number", language)
        return float(text), None
    return text, None


def type_problem(field: Field, value: Any) -> str | None:
    """Why ``value`` cannot be an answer to ``field`` at all (wrong JSON type), or None."""
    key = type_problem_key(field, value)
    return None if key is None else TYPE_PROBLEMS[key]


def type_problem_key(field: Field, value: Any) -> str | None:
    """What ``value`` should have been (a key of TYPE_PROBLEMS) when its JSON type is wrong."""
    kind = field.kind
    if _is_int(value) and value in field.special_codes and kind != "multiple":
        return None
    if kind in ("single", "integer") and not _is_int(value):
        return "whole_number" if kind == "integer" else "choice_code"
    if kind == "multiple" and not (
        isinstance(value, list) and value and all(_is_int(code) for code in value)
    ):
        return "choice_codes"
    if kind == "decimal" and not (
        (_is_int(value) or isinstance(value, float)) and math.isfinite(value)
    ):
        return "number"
    if kind in ("text", "longtext", "date", "month") and not isinstance(value, str):
        return "text"
    return None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_value(
    field: Field,
    value: Any,
    language: str,
    context: AnswerContext,
    reference_period: ReferencePeriod | None,
) -> str | None:
    """The message for a typed value that breaks the rules of its item, or None.

    Special answers are only accepted where the item lists them, and skip
    min/max and constraints. The constraint is checked separately.
    """
    found = value_check(field, value, context, reference_period)
    if found is None:
        return None
    key, values = found
    if key == "special_alone":
        values = {"label": special_label(int(values["code"]), language)}
    return message(key, language, **values)


def value_check(
    field: Field,
    value: Any,
    context: AnswerContext,
    reference_period: ReferencePeriod | None,
) -> Check | None:
    """The rule a typed value breaks (:func:`check_value`'s message key and values), or None;
    ``special_alone`` names the special answer's ``code``."""
    kind = field.kind
    if kind == "multiple":
        return _check_multiple(field, value)
    if _is_int(value) and value in field.special_codes:
        return None
    if kind == "single":
        return None if value in field.choice_codes else ("choice", {})
    if kind in ("integer", "decimal"):
        return _check_range(field, value)
    if kind in ("text", "longtext"):
        if kind == "text" and ("\n" in value or "\r" in value):
            return "one_line", {}
        if field.max_length is not None and len(value) > field.max_length:
            return "too_long", {"max": str(field.max_length)}
        return None
    if kind == "date":
        return _check_date(field, value, context)
    if kind == "month":
        return _check_month(value, reference_period)
    return None


def _check_multiple(field: Field, value: list[int]) -> Check | None:
    for code in value:
        if code in field.special_codes:
            if len(value) > 1:
                return "special_alone", {"code": str(code)}
        elif code not in field.choice_codes:
            return "choice", {}
    if len(set(value)) != len(value):
        return "choice", {}
    return None


def _check_range(field: Field, value: float) -> Check | None:
    low, high = field.minimum, field.maximum
    too_low = low is not None and value < low
    too_high = high is not None and value > high
    if not (too_low or too_high):
        return None
    if low is not None and high is not None:
        return "between", {"min": _shown(low), "max": _shown(high)}
    if too_low:
        return "at_least", {"min": _shown(low)}
    return "at_most", {"max": _shown(high)}


def _bound(bound: dt.date | Expression | None, context: AnswerContext) -> dt.date | None:
    if bound is None or isinstance(bound, dt.date):
        return bound
    text = to_string(evaluate(bound, context))[:10]
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None  # a bound that depends on an unanswered item does not apply yet


def _check_date(field: Field, value: str, context: AnswerContext) -> Check | None:
    if not _DATE.match(value):
        return "date", {}
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return "date", {}
    low, high = _bound(field.date_min, context), _bound(field.date_max, context)
    if low is not None and day < low:
        return "date_min", {"min": low.isoformat()}
    if high is not None and day > high:
        return "date_max", {"max": high.isoformat()}
    return None


def _check_month(value: str, period: ReferencePeriod | None) -> Check | None:
    match = _MONTH.match(value)
    if match is None or not 1 <= int(match.group(2)) <= 12:
        return "month", {}
    if period is None:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    start, end = period
    span = {"start": start.strftime("%Y-%m"), "end": end.strftime("%Y-%m")}
    if year < dt.MINYEAR:  # "0000-05": before any reference period, and no date can hold it
        return "month_period", span
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    if last < start or first > end:
        return "month_period", span
    return None
