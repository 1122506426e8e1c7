"""The coercions between answer values, numbers, strings and booleans.

These are public so that the interview engine coerces exactly as expressions do.
They never raise on answer data: anything that is not a number becomes NaN.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import TypeAlias

#: An answer or expression value.
Value: TypeAlias = None | bool | int | float | str | list[int]

NAN = math.nan
INF = math.inf
_SAFE_INTEGER = 2**53
_NUMBER_TEXT = re.compile(r"[ \t\n\r]*(-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))[ \t\n\r]*\Z")
_DATE_TEXT = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_MONTH_TEXT = re.compile(r"([0-9]{4})-([0-9]{2})\Z")
_CODE = re.compile(r"[^ \t\n\r]+")


def to_boolean(value: object) -> bool:
    """XPath boolean(): blank, 0, NaN, '' and an empty selection are false."""
    if value is None:
        return False
    kind = type(value)
    if kind is bool:
        return value  # type: ignore[return-value]
    if kind is float:
        return value == value and value != 0  # type: ignore[comparison-overlap]
    if kind is int:
        return value != 0
    if kind is str or kind is list:
        return len(value) > 0  # type: ignore[arg-type]
    return to_string(value) != ""


def to_number(value: object) -> float:
    """XPath number(): numeric text and dates (days since 1970-01-01); else NaN."""
    kind = type(value)
    if kind is float:
        return value  # type: ignore[return-value]
    if kind is bool:
        return 1.0 if value else 0.0
    if kind is int:
        return _int_to_float(value)  # type: ignore[arg-type]
    if value is None:
        return NAN
    text = value if isinstance(value, str) else to_string(value)
    match = _NUMBER_TEXT.match(text)
    if match is not None:
        return float(match.group(1))
    days = date_to_days(text)
    return NAN if days is None else float(days)


def to_string(value: object) -> str:
    """XPath string(): blank is '', NaN is '', 3.0 is '3', a selection is '1 3'."""
    kind = type(value)
    if kind is str:
        return value  # type: ignore[return-value]
    if value is None:
        return ""
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        if -_SAFE_INTEGER < value < _SAFE_INTEGER:  # type: ignore[operator]
            return str(value)
        return format_number(_int_to_float(value))  # type: ignore[arg-type]
    if kind is float:
        return format_number(value)  # type: ignore[arg-type]
    if kind is list or kind is tuple:
        return " ".join(to_string(item) for item in value)  # type: ignore[attr-defined]
    if isinstance(value, datetime.date):
        return value.isoformat()[:10]
    return str(value)


def _int_to_float(value: int) -> float:
    try:
        return float(value)
    except OverflowError:  # beyond 1.8e308: as JavaScript would read the digits
        return INF if value > 0 else -INF


def is_blank(value: object) -> bool:
    """True for unanswered, '', an empty selection and NaN: what coalesce() skips."""
    return to_string(value) == ""


def selected_codes(value: object) -> list[str]:
    """The choice codes in a (multiple-choice) value, as text: [1, 3] -> ['1', '3']."""
    return _CODE.findall(to_string(value))


def shortest_digits(x: float) -> tuple[str, int]:
    """Shortest round-trip digits of finite ``x > 0`` and n with x = 0.DIGITS * 10**n."""
    text = repr(x)
    mantissa, _, exponent_text = text.partition("e")
    exponent = int(exponent_text) if exponent_text else 0
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    stripped = digits.rstrip("0")
    point = len(digits) + exponent - len(fraction)
    return stripped, point


def format_number(x: float) -> str:
    """Render a number exactly as JavaScript's String(x) does, except NaN -> ''."""
    if x != x:
        return ""
    if x == INF:
        return "Infinity"
    if x == -INF:
        return "-Infinity"
    if x == 0:
        return "0"
    if x.is_integer() and -_SAFE_INTEGER < x < _SAFE_INTEGER:
        return str(int(x))
    sign = "-" if x < 0 else ""
    digits, n = shortest_digits(abs(x))
    k = len(digits)
    if k <= n <= 21:
        body = digits + "0" * (n - k)
    elif 0 < n <= 21:
        body = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        body = "0." + "0" * (-n) + digits
    else:
        exponent = n - 1
        body = digits[0] + ("." + digits[1:] if k > 1 else "")
        body += ("e+" if exponent >= 0 else "e-") + str(abs(exponent))
    return sign + body


def format_literal(x: float) -> str:
    """Render a finite number without exponent, as a number literal in an expression."""
    if not math.isfinite(x):
        raise ValueError(f"{x!r} cannot be written as a number literal")
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    digits, n = shortest_digits(abs(x))
    if n >= len(digits):
        return sign + digits + "0" * (n - len(digits))
    if n > 0:
        return sign + digits[:n] + "." + digits[n:]
    return sign + "0." + "0" * (-n) + digits


def round_half_away(x: float, places: float) -> float:
    """Round to ``places`` decimals (negative: tens, hundreds), halves away from zero.

    Works on the shortest decimal digits of ``x``, so round(2.675, 2) is 2.68 as
    written, not 2.67 as the binary value would give.
    """
    if x != x or places != places:
        return NAN
    if x == 0 or math.isinf(x):
        return x
    places_int = int(max(-400.0, min(400.0, places)))
    digits, point = shortest_digits(abs(x))
    keep = point + places_int
    if keep >= len(digits):
        return x
    if keep < 0:
        return math.copysign(0.0, x)
    kept = int(digits[:keep] or "0")
    if digits[keep] >= "5":
        kept += 1
    return math.copysign(float(f"{kept}e{point - keep}"), x)


def truncate(x: float) -> float:
    """int(): toward zero; NaN and infinities unchanged."""
    if math.isfinite(x):
        return math.copysign(float(math.trunc(x)), x)  # keeps -0.0, as JavaScript does
    return x


def divide(x: float, y: float) -> float:
    """``div``: IEEE division, x div 0 is +-Infinity and 0 div 0 is NaN."""
    if y == 0:
        if x != x or x == 0:
            return NAN
        return math.copysign(INF, x) * math.copysign(1.0, y)
    return x / y


def modulo(x: float, y: float) -> float:
    """``mod``: remainder truncated toward zero (sign of x), NaN when y is 0."""
    if y == 0 or math.isinf(x) or x != x or y != y:
        return NAN
    return math.fmod(x, y)


def _is_number(value: object) -> bool:
    kind = type(value)
    return kind is int or kind is float


def values_equal(a: object, b: object) -> bool:
    """``=``: as numbers if either side is a number, else booleans, else strings."""
    if _is_number(a) or _is_number(b):
        return to_number(a) == to_number(b)
    if type(a) is bool or type(b) is bool:
        return to_boolean(a) == to_boolean(b)
    return to_string(a) == to_string(b)


def compare_key(a: object, b: object) -> tuple[object, object]:
    """The two sides of ``< <= > >=``: date keys when both are dates/months, else numbers."""
    if type(a) is str and type(b) is str:
        key_a = _date_key(a)  # type: ignore[arg-type]
        if key_a is not None:
            key_b = _date_key(b)  # type: ignore[arg-type]
            if key_b is not None:
                if len(key_a) != len(key_b):  # a month against a date: compare months
                    return key_a[:2], key_b[:2]
                return key_a, key_b
    return to_number(a), to_number(b)


def is_date_or_month(text: str) -> bool:
    """Whether ``text`` is a valid 'YYYY-MM-DD' date or 'YYYY-MM' month."""
    return _date_key(text) is not None


def _date_key(text: str) -> tuple[int, ...] | None:
    match = _DATE_TEXT.match(text)
    if match is not None:
        year, month, day = (int(part) for part in match.groups())
        if _valid_date(year, month, day):
            return (year, month, day)
        return None
    match = _MONTH_TEXT.match(text)
    if match is not None:
        year, month = int(match.group(1)), int(match.group(2))
        if year >= 1 and 1 <= month <= 12:
            return (year, month)
    return None


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _valid_date(year: int, month: int, day: int) -> bool:
    return year >= 1 and 1 <= month <= 12 and 1 <= day <= _days_in_month(year, month)


def date_to_days(text: str) -> int | None:
    """Days from 1970-01-01 to a 'YYYY-MM-DD' date, or None if it is not a valid date."""
    match = _DATE_TEXT.match(text)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not _valid_date(year, month, day):
        return None
    # Proleptic Gregorian day count (same arithmetic as the JavaScript evaluator).
    y = year - 1 if month <= 2 else year
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468
