"""The shared conformance cases, run against the Python evaluator.

The same file is run against the JavaScript evaluator by tests/js/expressions.test.cjs,
so the browser and the server agree on every case.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from questionnaires.expressions import (
    ExpressionError,
    ExpressionSyntaxError,
    MappingContext,
    evaluate,
    parse,
)
from questionnaires.expressions.evaluator import returns_boolean

CASES_FILE = Path(__file__).parents[1] / "fixtures" / "expressions" / "conformance.json"
CASES: list[dict[str, Any]] = json.loads(CASES_FILE.read_text(encoding="utf-8"))


def matches(actual: object, expected: object) -> bool:
    """Equality that tells booleans from numbers and knows NaN and infinities."""
    if isinstance(expected, dict):
        if expected.get("nan"):
            return isinstance(actual, float) and math.isnan(actual)
        if "infinity" in expected:
            return actual == math.copysign(math.inf, expected["infinity"])
        raise ValueError(f"unknown expectation {expected!r}")
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(actual) is type(expected) and actual == expected
    if isinstance(expected, int | float):
        return isinstance(actual, int | float) and actual == expected
    if isinstance(expected, list):
        return isinstance(actual, list) and actual == expected
    return type(actual) is type(expected) and actual == expected


def context_of(case: dict[str, Any]) -> MappingContext:
    """The answers, repeats, current value, position and day a case evaluates in."""
    return MappingContext(
        case["answers"],
        current=case.get("current"),
        position=case.get("position"),
        repeats=case.get("repeats"),
        today=case.get("today"),
    )


def test_the_suite_is_large_and_ids_are_unique() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) >= 150
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case: dict[str, Any]) -> None:
    expected = case["expect"]
    if isinstance(expected, dict) and expected.get("error") == "syntax":
        with pytest.raises(ExpressionSyntaxError) as caught:
            parse(case["expr"])
        assert caught.value.position == expected["position"], caught.value.message
        return
    expr = parse(case["expr"])
    if "canonical" in case:
        assert expr.to_source() == case["canonical"]
    assert parse(expr.to_source()).tree == expr.tree
    actual = evaluate(expr, context_of(case))
    assert matches(actual, expected), f"{case['id']}: {case['expr']!r} gave {actual!r}"


def test_expressions_said_to_give_a_boolean_give_one_in_every_case() -> None:
    # The engine takes such an expression's value as its truth without to_boolean().
    checked = 0
    for case in CASES:
        try:
            expr = parse(case["expr"])
        except ExpressionSyntaxError:
            continue
        if not returns_boolean(expr.tree):
            continue
        try:
            value = evaluate(expr, context_of(case))
        except ExpressionError:
            continue
        assert type(value) is bool, (case["id"], value)
        checked += 1
    assert checked >= 50
