"""Conditions on microdata columns: the vocabulary of the indicator catalogue.

A numerator or denominator is written as data, from a handful of node types
that name questionnaire codes, e.g. ``Is("per_dark", (1, 2))`` or
``AnyOf(Is("pv_rob_12m", (1,)), Is("pv_theft_12m", (1,)))``. Each node
evaluates to a boolean array over the rows of a table; a code that is blank
(not asked) or absent from the table is never equal to anything, so ``Is``
is false there (naming.md rule 4: "absent is different from no").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "AllOf",
    "Always",
    "AnyOf",
    "Between",
    "Condition",
    "CountOf",
    "Is",
    "Not",
    "Quantity",
    "Score",
    "ValueOf",
    "codes_in",
    "evaluate",
    "evaluate_count",
    "evaluate_quantity",
]


@dataclass(frozen=True)
class Is:
    """The value of ``item`` is one of ``codes`` (false when blank or absent)."""

    item: str
    codes: tuple[int, ...]


@dataclass(frozen=True)
class Between:
    """The value of ``item`` is a number from ``low`` to ``high`` (false when blank or absent).

    For answers that are amounts or counts rather than codes, e.g. "answered
    with an amount" ``Between("prot_cost", 0, 1e9)`` (special answers are
    negative and fall outside).
    """

    item: str
    low: float
    high: float


@dataclass(frozen=True)
class Not:
    """Negation."""

    part: Condition


@dataclass(frozen=True)
class AnyOf:
    """At least one part holds."""

    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class AllOf:
    """Every part holds."""

    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class Always:
    """Every row (e.g. "all respondents")."""


Condition = Is | Between | Not | AnyOf | AllOf | Always


@dataclass(frozen=True)
class CountOf:
    """Crime count summed over screener stems (naming.md ``count_s``).

    ``count_s`` is 0 unless ``<prefix>_s_12m = 1``; then ``<prefix>_s_n``, or
    1 when that is -8/-9 (the crime is counted once).
    """

    prefixes: tuple[str, ...]  # e.g. ("pv_rob", "hv_burg")


@dataclass(frozen=True)
class ValueOf:
    """The answer of a numeric item times ``scale``, for the mean of an amount or a score.

    Blank where not answered or answered with a special code (-8/-9), except
    where ``zero_when`` holds: there the value is 0 (e.g. the spending of a
    household that took no measure, which was not asked the amount).
    """

    item: str
    scale: float = 1.0
    zero_when: Condition | None = None


@dataclass(frozen=True)
class Score:
    """How many of ``parts`` hold (e.g. the disorder behaviours reported, 0 to 7)."""

    parts: tuple[Condition, ...]


#: a numerator that is a number per row rather than a 0/1 condition
Quantity = CountOf | ValueOf | Score


def codes_in(node: Condition | Quantity) -> Iterator[str]:
    """Every questionnaire code a node refers to (for catalogue checks)."""
    if isinstance(node, Is | Between):
        yield node.item
    elif isinstance(node, ValueOf):
        yield node.item
        if node.zero_when is not None:
            yield from codes_in(node.zero_when)
    elif isinstance(node, Score):
        for part in node.parts:
            yield from codes_in(part)
    elif isinstance(node, Not):
        yield from codes_in(node.part)
    elif isinstance(node, AnyOf | AllOf):
        for part in node.parts:
            yield from codes_in(part)
    elif isinstance(node, CountOf):
        for prefix in node.prefixes:
            yield f"{prefix}_12m"
            yield f"{prefix}_n"


def _values(table: pd.DataFrame, item: str) -> np.ndarray | None:
    if item not in table.columns:
        return None
    column = table[item]
    if not pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        try:
            column = pd.to_numeric(column)
        except (TypeError, ValueError):
            raise ValueError(f"column {item!r} must hold numeric codes") from None
    return column.to_numpy(dtype=np.float64, na_value=np.nan)


def evaluate(node: Condition, table: pd.DataFrame) -> np.ndarray:
    """Boolean array: where ``node`` holds in ``table``."""
    n = len(table)
    if isinstance(node, Always):
        return np.ones(n, dtype=bool)
    if isinstance(node, Is):
        values = _values(table, node.item)
        if values is None:
            return np.zeros(n, dtype=bool)
        return np.isin(values, np.asarray(node.codes, dtype=np.float64))
    if isinstance(node, Between):
        values = _values(table, node.item)
        if values is None:
            return np.zeros(n, dtype=bool)
        return (values >= node.low) & (values <= node.high)
    if isinstance(node, Not):
        return ~evaluate(node.part, table)
    if isinstance(node, AnyOf):
        out = np.zeros(n, dtype=bool)
        for part in node.parts:
            out |= evaluate(part, table)
        return out
    if isinstance(node, AllOf):
        out = np.ones(n, dtype=bool)
        for part in node.parts:
            out &= evaluate(part, table)
        return out
    raise TypeError(f"not a condition: {node!r}")


def evaluate_count(node: CountOf, table: pd.DataFrame) -> np.ndarray:
    """Float array: the crime count of each row summed over the node's stems."""
    total = np.zeros(len(table))
    for prefix in node.prefixes:
        yes = evaluate(Is(f"{prefix}_12m", (1,)), table)
        n = _values(table, f"{prefix}_n")
        if n is None:
            n = np.full(len(table), np.nan)
        count = np.where(np.isnan(n) | (n < 0), 1.0, n)
        total += np.where(yes, count, 0.0)
    return total


def evaluate_quantity(node: Quantity, table: pd.DataFrame) -> np.ndarray:
    """Float array: the number of each row (NaN where a :class:`ValueOf` has no value)."""
    if isinstance(node, CountOf):
        return evaluate_count(node, table)
    if isinstance(node, Score):
        total = np.zeros(len(table))
        for part in node.parts:
            total += evaluate(part, table)
        return total
    if isinstance(node, ValueOf):
        values = _values(table, node.item)
        if values is None:
            values = np.full(len(table), np.nan)
        values = np.where(values < 0, np.nan, values) * node.scale
        if node.zero_when is not None:
            values = np.where(evaluate(node.zero_when, table), 0.0, values)
        return values
    raise TypeError(f"not a quantity: {node!r}")
