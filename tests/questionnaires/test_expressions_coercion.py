"""Coercions and the dictionary context: the Python-only corners the shared suite cannot hold."""

from __future__ import annotations

import datetime
import math

import pytest

from questionnaires.expressions import (
    MappingContext,
    evaluate,
    format_number,
    parse,
    to_boolean,
    to_number,
    to_string,
)
from questionnaires.expressions.coercion import date_to_days, round_half_away


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, False),
        ("", False),
        ("0", True),
        (0, False),
        (-0.0, False),
        (math.nan, False),
        (0.001, True),
        ([], False),
        ([0], True),
        (True, True),
        (False, False),
    ],
)
def test_to_boolean(value: object, expected: bool) -> None:
    assert to_boolean(value) is expected


def test_to_number_never_raises_on_odd_answers() -> None:
    assert to_number(10**400) == math.inf
    assert to_number(-(10**400)) == -math.inf
    assert to_string(10**400) == "Infinity"
    assert to_number(datetime.date(1970, 1, 11)) == 10
    assert math.isnan(to_number({"not": "an answer"}))
    assert math.isnan(to_number("١٢"))  # Arabic-Indic digits are not XPath numbers
    assert to_number(True) == 1.0 and type(to_number(True)) is float


def test_to_string_of_large_integers_matches_javascript_rendering() -> None:
    assert to_string(2**53 - 1) == "9007199254740991"
    assert to_string(2**60) == "1152921504606847000"  # String(2 ** 60) in JavaScript


def test_dates_count_days_like_the_standard_library() -> None:
    epoch = datetime.date(1970, 1, 1)
    for day in (
        datetime.date(1, 1, 1),
        datetime.date(1899, 12, 31),
        datetime.date(2024, 2, 29),
        datetime.date(2100, 3, 1),
        datetime.date(9999, 12, 31),
    ):
        assert date_to_days(day.isoformat()) == (day - epoch).days
    assert date_to_days("2023-02-29") is None
    assert date_to_days("0000-01-01") is None
    assert date_to_days("2024-1-01") is None


def test_round_half_away_agrees_with_decimal_rounding_of_the_written_digits() -> None:
    from decimal import ROUND_HALF_UP, Decimal

    for text in ("2.675", "1.005", "-2.5", "0.125", "1234.5678", "-0.045", "99.995"):
        for places in (0, 1, 2, 3):
            expected = float(Decimal(text).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))
            assert round_half_away(float(text), places) == expected, (text, places)


def test_format_number_never_shows_nan() -> None:
    assert format_number(math.nan) == ""
    assert format_number(-0.0) == "0"


def test_evaluate_returns_ints_for_integral_results() -> None:
    ctx = MappingContext({"a": 7})
    assert type(evaluate(parse("${a} * 1.0"), ctx)) is int
    assert type(evaluate(parse("${a} div 2"), ctx)) is float
    assert type(evaluate(parse("2 * 1000000000 * 1000000000"), ctx)) is float  # beyond 2**53


def test_mapping_context_accepts_date_or_text_for_today() -> None:
    expr = parse("today()")
    assert evaluate(expr, MappingContext({}, today="2024-06-15")) == "2024-06-15"
    assert evaluate(expr, MappingContext({}, today=datetime.date(2024, 6, 15))) == "2024-06-15"


def test_mapping_context_repeat_lookups() -> None:
    repeats: dict[str, list[dict[str, int | None]]] = {
        "incidents": [{"loss": 10}, {"loss": None}, {"loss": 5}]
    }
    ctx = MappingContext({"hh_size": 3}, repeats=repeats)
    assert ctx.repeat_values("loss") == [10, None, 5]
    assert ctx.repeat_values("hh_size") == [3]
    assert ctx.repeat_count("incidents") == 3
    assert ctx.repeat_count("loss") == 2
    assert evaluate(parse("sum(${loss}) div count(${loss})"), ctx) == 7.5


def test_constant_folding_keeps_context_functions_live() -> None:
    expr = parse("today() = '2024-06-15' and position(..) = 2")
    assert evaluate(expr, MappingContext({}, position=2, today="2024-06-15")) is True
    assert evaluate(expr, MappingContext({}, position=3, today="2024-06-15")) is False
