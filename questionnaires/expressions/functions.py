"""The function library: arity, argument rules and the closure each call compiles to."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .coercion import (
    NAN,
    Value,
    is_blank,
    round_half_away,
    selected_codes,
    to_boolean,
    to_number,
    to_string,
    truncate,
)
from .context import EvalContext
from .nodes import Call, Reference

Compiled = Callable[[EvalContext], Value]
Builder = Callable[[Call, Sequence[Compiled]], Compiled]


@dataclass(frozen=True, slots=True)
class FunctionSpec:
    """How many arguments a function takes and how a call to it is compiled."""

    name: str
    min_args: int
    max_args: int | None  # None: any number
    build: Builder
    argument: str = "value"  # "value", "reference" (a ${name}) or "parent" (..)

    def arity_text(self) -> str:
        if self.max_args is None:
            return f"at least {self.min_args} argument{'s' if self.min_args != 1 else ''}"
        if self.min_args == self.max_args:
            n = self.min_args
            return f"{n} argument{'s' if n != 1 else ''}"
        return f"{self.min_args} to {self.max_args} arguments"


def _if(call: Call, args: Sequence[Compiled]) -> Compiled:
    condition, then, otherwise = args

    def run(ctx: EvalContext) -> Value:
        return then(ctx) if to_boolean(condition(ctx)) else otherwise(ctx)

    return run


def _selected(call: Call, args: Sequence[Compiled]) -> Compiled:
    answer, code = args

    def run(ctx: EvalContext) -> Value:
        wanted = to_string(code(ctx)).strip(" \t\n\r")
        value = answer(ctx)
        if type(value) is list and all(type(item) is int for item in value):
            return any(to_string(item) == wanted for item in value)
        return wanted in selected_codes(value)

    return run


def _count_selected(call: Call, args: Sequence[Compiled]) -> Compiled:
    (answer,) = args
    return lambda ctx: len(selected_codes(answer(ctx)))


def _coalesce(call: Call, args: Sequence[Compiled]) -> Compiled:
    def run(ctx: EvalContext) -> Value:
        value: Value = None
        for arg in args:
            value = arg(ctx)
            if not is_blank(value):
                return value
        return value

    return run


def _string_length(call: Call, args: Sequence[Compiled]) -> Compiled:
    (text,) = args
    return lambda ctx: len(to_string(text(ctx)))


def _int(call: Call, args: Sequence[Compiled]) -> Compiled:
    (number,) = args
    return lambda ctx: truncate(to_number(number(ctx)))


def _today(call: Call, args: Sequence[Compiled]) -> Compiled:
    return lambda ctx: ctx.today().isoformat()[:10]


def _position(call: Call, args: Sequence[Compiled]) -> Compiled:
    return lambda ctx: ctx.position()


def _reference_name(call: Call) -> str:
    argument = call.args[0]
    if not isinstance(argument, Reference):  # the parser guarantees this
        raise TypeError(f"{call.name}() needs a ${{name}} argument")
    return argument.name


def _numbers_over_repeat(ctx: EvalContext, name: str) -> list[float] | None:
    """Numbers of the non-blank values of ``name``; None if one is not a number."""
    numbers = []
    for value in ctx.repeat_values(name):
        if is_blank(value):
            continue
        number = to_number(value)
        if number != number:
            return None
        numbers.append(number)
    return numbers


def _sum(call: Call, args: Sequence[Compiled]) -> Compiled:
    name = _reference_name(call)

    def run(ctx: EvalContext) -> Value:
        numbers = _numbers_over_repeat(ctx, name)
        if numbers is None:
            return NAN
        total = 0.0
        for number in numbers:  # plain left-to-right addition, exactly as in JavaScript
            total += number
        return total

    return run


def _count(call: Call, args: Sequence[Compiled]) -> Compiled:
    name = _reference_name(call)
    return lambda ctx: ctx.repeat_count(name)


def _extremum(pick: Callable[[list[float]], float]) -> Builder:
    def build(call: Call, args: Sequence[Compiled]) -> Compiled:
        if len(args) == 1 and isinstance(call.args[0], Reference):
            name = call.args[0].name

            def over_repeat(ctx: EvalContext) -> Value:
                numbers = _numbers_over_repeat(ctx, name)
                return pick(numbers) if numbers else NAN

            return over_repeat

        def over_arguments(ctx: EvalContext) -> Value:
            numbers = [to_number(arg(ctx)) for arg in args]
            if any(number != number for number in numbers):
                return NAN
            return pick(numbers)

        return over_arguments

    return build


def _round(call: Call, args: Sequence[Compiled]) -> Compiled:
    number = args[0]
    places = args[1] if len(args) > 1 else None

    def run(ctx: EvalContext) -> Value:
        digits = 0.0 if places is None else to_number(places(ctx))
        return round_half_away(to_number(number(ctx)), digits)

    return run


def _concat(call: Call, args: Sequence[Compiled]) -> Compiled:
    return lambda ctx: "".join(to_string(arg(ctx)) for arg in args)


def _one(convert: Callable[[Value], Value]) -> Builder:
    def build(call: Call, args: Sequence[Compiled]) -> Compiled:
        (arg,) = args
        return lambda ctx: convert(arg(ctx))

    return build


def _constant(value: bool) -> Builder:
    return lambda call, args: lambda ctx: value


FUNCTIONS: dict[str, FunctionSpec] = {
    spec.name: spec
    for spec in (
        FunctionSpec("if", 3, 3, _if),
        FunctionSpec("selected", 2, 2, _selected),
        FunctionSpec("count-selected", 1, 1, _count_selected),
        FunctionSpec("coalesce", 2, None, _coalesce),
        FunctionSpec("string-length", 1, 1, _string_length),
        FunctionSpec("int", 1, 1, _int),
        FunctionSpec("today", 0, 0, _today),
        FunctionSpec("position", 1, 1, _position, argument="parent"),
        FunctionSpec("sum", 1, 1, _sum, argument="reference"),
        FunctionSpec("count", 1, 1, _count, argument="reference"),
        FunctionSpec("min", 1, None, _extremum(min)),
        FunctionSpec("max", 1, None, _extremum(max)),
        FunctionSpec("round", 1, 2, _round),
        FunctionSpec("concat", 0, None, _concat),
        FunctionSpec("number", 1, 1, _one(to_number)),
        FunctionSpec("string", 1, 1, _one(to_string)),
        FunctionSpec("boolean", 1, 1, _one(to_boolean)),
        FunctionSpec("not", 1, 1, _one(lambda value: not to_boolean(value))),
        FunctionSpec("true", 0, 0, _constant(True)),
        FunctionSpec("false", 0, 0, _constant(False)),
    )
}
