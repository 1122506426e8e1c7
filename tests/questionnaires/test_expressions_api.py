"""The Python API of questionnaires.expressions: parsing, errors, tree access, unparse."""

from __future__ import annotations

import datetime
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaires.expressions import (
    Binary,
    Call,
    Current,
    Expression,
    ExpressionError,
    ExpressionSyntaxError,
    MappingContext,
    Negate,
    Node,
    Number,
    Reference,
    String,
    Value,
    condition,
    evaluate,
    parse,
    to_boolean,
    to_number,
    to_string,
    unparse,
    walk,
)


def test_parse_reports_references_functions_and_current() -> None:
    expr = parse("if(selected(${q1}, 2), . + ${q2}, count(${inc_repeat}))")
    assert expr.source == "if(selected(${q1}, 2), . + ${q2}, count(${inc_repeat}))"
    assert expr.references() == frozenset({"q1", "q2", "inc_repeat"})
    assert expr.functions() == frozenset({"if", "selected", "count"})
    assert expr.uses_current()
    assert not parse("${a} > 1").uses_current()


def test_evaluate_uses_the_context() -> None:
    ctx = MappingContext({"count": 5, "incident_cap": 3})
    assert evaluate(parse("min(${count}, ${incident_cap})"), ctx) == 3
    assert evaluate(parse("${count} * 2 + 1"), ctx) == 11
    assert isinstance(evaluate(parse("${count} * 2"), ctx), int)
    assert evaluate(parse("${count} div 2"), ctx) == 2.5


@pytest.mark.parametrize(
    ("text", "position", "fragment"),
    [
        ("", 0, "empty"),
        ("1 +", 3, "ends too early"),
        ("${a} = = 2", 7, "expected a value"),
        ("frobnicate(${a})", 0, "unknown function 'frobnicate()'"),
        ("1 + foo(2)", 4, "unknown function"),
        ("'open", 0, "unterminated string"),
        ("${a", 3, "missing '}'"),
        ("$a", 0, "reference"),
        ("(1 + 2", 6, "')'"),
        ("if(1, 2)", 0, "if() takes 3 arguments, got 2"),
        ("sum(3)", 4, "sum() takes a ${name} reference"),
        ("position()", 9, "position(..)"),
        ("1 2", 2, "unexpected '2'"),
        ("yes", 0, "write ${yes}"),
        ("1 # 2", 2, "unexpected character '#'"),
        (".. + 1", 0, "position(..)"),
    ],
)
def test_syntax_errors_give_the_position(text: str, position: int, fragment: str) -> None:
    with pytest.raises(ExpressionSyntaxError) as caught:
        parse(text)
    error = caught.value
    assert error.position == position
    assert fragment in error.message
    assert error.source == text
    assert isinstance(error, ExpressionError) and isinstance(error, ValueError)
    assert f"position {position}" in str(error)


def test_deep_nesting_is_a_syntax_error_not_a_crash() -> None:
    with pytest.raises(ExpressionSyntaxError):
        parse("(" * 500 + "1" + ")" * 500)
    with pytest.raises(ExpressionSyntaxError):
        parse(" + ".join(["1"] * 1000))


def test_tree_is_readable_and_rewritable() -> None:
    expr = parse("${x} = 'yes' and ${y} > 2")
    tree = expr.tree
    assert isinstance(tree, Binary) and tree.op == "and"
    comparison = tree.left
    assert comparison == Binary("=", Reference("x"), String("yes"))
    # What the XLSForm importer does: 'yes' -> the choice code 1.
    rewritten = Binary(tree.op, Binary("=", Reference("x"), Number(1.0)), tree.right)
    new = Expression.from_tree(rewritten)
    assert new.source == "${x} = 1 and ${y} > 2"
    assert evaluate(new, MappingContext({"x": 1, "y": 3})) is True
    assert [type(n).__name__ for n in walk(tree)][:3] == ["Binary", "Binary", "Reference"]


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("1+2*3", "1 + 2 * 3"),
        ("(1+2)*3", "(1 + 2) * 3"),
        ("1-(2-3)", "1 - (2 - 3)"),
        ("(1-2)-3", "1 - 2 - 3"),
        ("--1", "--1"),
        ("-(1+2)", "-(1 + 2)"),
        ("${a}or(${b}and${c})", "${a} or ${b} and ${c}"),
        ("(${a}or${b})and${c}", "(${a} or ${b}) and ${c}"),
        ('"it\'s"', '"it\'s"'),
        ("position( .. )", "position(..)"),
        ("1.50 + .5", "1.5 + 0.5"),
        ("count-selected( ${m} )", "count-selected(${m})"),
    ],
)
def test_unparse_is_canonical_and_round_trips(text: str, canonical: str) -> None:
    expr = parse(text)
    assert expr.to_source() == canonical
    assert unparse(expr.tree) == canonical
    assert parse(canonical).tree == expr.tree


def test_unparse_refuses_unwritable_literals() -> None:
    with pytest.raises(ValueError):
        unparse(String("both ' and \""))
    with pytest.raises(ValueError):
        unparse(Number(math.inf))


def test_coercions_are_public() -> None:
    assert to_boolean(None) is False and to_boolean("0") is True and to_boolean(math.nan) is False
    assert math.isnan(to_number("")) and to_number(" 12.5 ") == 12.5
    assert to_number("1970-01-11") == 10
    assert to_string([1, 3]) == "1 3" and to_string(2.0) == "2" and to_string(math.nan) == ""


def test_mapping_context_reports_missing_today_and_position() -> None:
    ctx = MappingContext({})
    with pytest.raises(ExpressionError, match="today"):
        evaluate(parse("today()"), ctx)
    with pytest.raises(ExpressionError, match="repeat"):
        evaluate(parse("position(..)"), ctx)
    dated = MappingContext({}, today=datetime.date(2024, 2, 29))
    assert evaluate(parse("today()"), dated) == "2024-02-29"


_OPERATORS = ["or", "and", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "div", "mod"]
_LEAVES = st.one_of(
    st.builds(Number, st.floats(min_value=0, max_value=1e25, allow_nan=False)),
    st.builds(String, st.text(alphabet=st.characters(blacklist_characters="'\""), max_size=6)),
    st.builds(Reference, st.sampled_from(["a", "b_1", "x.y-z"])),
    st.just(Current()),
)
_TREES = st.recursive(
    _LEAVES,
    lambda kids: st.one_of(
        st.builds(Binary, st.sampled_from(_OPERATORS), kids, kids),
        st.builds(Negate, kids),
        st.builds(lambda a, b: Call("concat", (a, b)), kids, kids),
        st.builds(lambda c, a, b: Call("if", (c, a, b)), kids, kids, kids),
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(_TREES)
def test_unparse_then_parse_gives_the_same_tree(tree: Node) -> None:
    assert parse(unparse(tree)).tree == tree


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="${}()'\",.. +-*=<>!abdimnorsvx0123456789", max_size=20) | st.text())
def test_any_text_parses_or_raises_a_syntax_error(text: str) -> None:
    try:
        expr = parse(text)
    except ExpressionSyntaxError as error:
        assert 0 <= error.position <= len(text)
    else:
        assert parse(expr.to_source()).tree == expr.tree


@pytest.mark.parametrize(
    "texts",
    [
        (),
        ("${a} = 1",),
        ("${a}",),
        ("${b} div 2",),
        ("${a} = 1", "${b} > 2"),
        ("${a} = 1", "${b} > 2", "${c} != ''"),
        ("${b} * 1.5", "${c}", "${missing}"),
    ],
)
def test_a_condition_is_every_expression_true(texts: tuple[str, ...]) -> None:
    expressions = tuple(parse(text) for text in texts)
    holds = condition(expressions)
    for answers in (
        {"a": 1, "b": 3, "c": "x"},
        {"a": 1.0, "b": 2, "c": ""},
        {"a": 2, "b": 4.0, "c": "y", "missing": 0},
        {"a": 1, "b": 0.0, "c": "z", "missing": "no"},
        {},
    ):
        ctx = MappingContext(answers)
        assert holds(ctx) is all(to_boolean(evaluate(e, ctx)) for e in expressions)


def test_a_condition_stops_at_the_first_false_expression() -> None:
    asked: list[str] = []

    class Recording(MappingContext):
        def value(self, name: str) -> Value:
            asked.append(name)
            return super().value(name)

    holds = condition((parse("${a} = 1"), parse("${b} = 1"), parse("${c} = 1")))
    assert not holds(Recording({"a": 1, "b": 2, "c": 1}))
    assert asked == ["a", "b"]
