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

__all__ = ["check_value", "parse_raw", "type_problem"]

_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
#: Longest number text accepted, so int() of a huge string cannot be used to stall the server.
_MAX_NUMBER_TEXT = 30

ReferencePeriod = tuple[dt.date, dt.date]


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
    kind = field.kind
    if _is_int(value) and value in field.special_codes and kind != "multiple":
        return None
    if kind in ("single", "integer") and not _is_int(value):
        return "must be a whole number" if kind == "integer" else "must be an integer choice code"
    if kind == "multiple" and not (
        isinstance(value, list) and value and all(_is_int(code) for code in value)
    ):
        return "must be a non-empty list of integer choice codes"
    if kind == "decimal" and not (
        (_is_int(value) or isinstance(value, float)) and math.isfinite(value)
    ):
        return "must be a number"
    if kind in ("text", "longtext", "date", "month") and not isinstance(value, str):
        return "must be a string"
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
    kind = field.kind
    if kind == "multiple":
        return _check_multiple(field, value, language)
    if _is_int(value) and value in field.special_codes:
        return None
    if kind == "single":
        return None if value in field.choice_codes else message("choice", language)
    if kind in ("integer", "decimal"):
        return _check_range(field, value, language)
    if kind in ("text", "longtext"):
        if kind == "text" and ("\n" in value or "\r" in value):
            return message("one_line", language)
        if field.max_length is not None and len(value) > field.max_length:
            return message("too_long", language, max=field.max_length)
        return None
    if kind == "date":
        return _check_date(field, value, language, context)
    if kind == "month":
        return _check_month(value, language, reference_period)
    return None


def _check_multiple(field: Field, value: list[int], language: str) -> str | None:
    for code in value:
        if code in field.special_codes:
            if len(value) > 1:
                return message("special_alone", language, label=special_label(code, language))
        elif code not in field.choice_codes:
            return message("choice", language)
    if len(set(value)) != len(value):
        return message("choice", language)
    return None


def _check_range(field: Field, value: float, language: str) -> str | None:
    low, high = field.minimum, field.maximum
    too_low = low is not None and value < low
    too_high = high is not None and value > high
    if not (too_low or too_high):
        return None
    if low is not None and high is not None:
        return message("between", language, min=_shown(low), max=_shown(high))
    if too_low:
        return message("at_least", language, min=_shown(low))
    return message("at_most", language, max=_shown(high))


def _bound(bound: dt.date | Expression | None, context: AnswerContext) -> dt.date | None:
    if bound is None or isinstance(bound, dt.date):
        return bound
    text = to_string(evaluate(bound, context))[:10]
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None  # a bound that depends on an unanswered item does not apply yet


def _check_date(field: Field, value: str, language: str, context: AnswerContext) -> str | None:
    if not _DATE.match(value):
        return message("date", language)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return message("date", language)
    low, high = _bound(field.date_min, context), _bound(field.date_max, context)
    if low is not None and day < low:
        return message("date_min", language, min=low.isoformat())
    if high is not None and day > high:
        return message("date_max", language, max=high.isoformat())
    return None


def _check_month(value: str, language: str, period: ReferencePeriod | None) -> str | None:
    match = _MONTH.match(value)
    if match is None or not 1 <= int(match.group(2)) <= 12:
        return message("month", language)
    if period is None:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    start, end = period
    if year < dt.MINYEAR:  # "0000-05": before any reference period, and no date can hold it
        return message(
            "month_period", language, start=start.strftime("%Y-%m"), end=end.strftime("%Y-%m")
        )
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    if last < start or first > end:
        return message(
            "month_period", language, start=start.strftime("%Y-%m"), end=end.strftime("%Y-%m")
        )
    return None
