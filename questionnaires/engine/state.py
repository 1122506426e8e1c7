"""Bringing an answers document up to date: calculations, cleared skips, repeat counts."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import marshal
import math
import operator
from collections.abc import Iterable
from typing import Any

from questionnaires.expressions import evaluate, to_number
from questionnaires.expressions.coercion import is_blank

from .context import AnswerContext
from .plan import Field, Plan, SectionPlan

__all__ = [
    "MAX_INSTANCES",
    "copy_document",
    "copy_plain",
    "digest",
    "fingerprint",
    "instance_count",
    "section_on",
    "settle",
]

#: Most instances a repeat can have, whatever its count expression says.
MAX_INSTANCES = 100


def section_on(section: SectionPlan, context: AnswerContext) -> bool:
    """Whether the section (and its repeat, if any) is asked."""
    return section.asked(context)


def instance_count(section: SectionPlan, context: AnswerContext) -> int:
    """Number of instances the repeat of ``section`` asks for (0 when blank or not a number)."""
    count = section.count
    if count is None:
        return 0
    number = float(count) if isinstance(count, int) else to_number(evaluate(count, context))
    if math.isnan(number):
        return 0
    # Clamped before int(): a count of infinity (e.g. a division by zero) asks the maximum.
    return int(max(0.0, min(float(MAX_INSTANCES), number)))


def settle(
    plan: Plan,
    answers: dict[str, Any],
    today: dt.date,
    start: int = 0,
    before: dict[str, Any] | None = None,
) -> None:
    """Recompute calculations in questionnaire order, drop answers of items that are
    not relevant, and give each repeat exactly as many instances as its count (in place).

    ``start`` skips the sections before it: only for a document that was settled
    before a change to section ``start`` or later, of a plan that
    ``settles_in_order`` (the earlier sections read nothing that changed).
    ``before``, with ``start``, is that settled document as it was before the change
    (the document changed only in section ``start``): then a later section whose
    expressions read no value that settling changed is left as it is, since settling
    it again would give what it holds."""
    context = AnswerContext(plan, answers, today)
    changed: set[str] | None = None if before is None else set()
    for index in range(start, len(plan.sections)):
        section = plan.sections[index]
        if changed is not None and index > start and changed.isdisjoint(section.reads):
            continue
        _settle_section(plan, section, answers, today, context)
        if changed is None or before is None:
            continue
        if section.repeat is None:
            changed.update(
                code for code in section.writes if not _same(answers.get(code), before.get(code))
            )
        elif not _same(answers.get(section.repeat.code), before.get(section.repeat.code)):
            changed.update(section.writes)  # the repeat and every item in its instances


def _settle_section(
    plan: Plan,
    section: SectionPlan,
    answers: dict[str, Any],
    today: dt.date,
    context: AnswerContext,
) -> None:
    asked = section.asked(context)
    if section.repeat is None:
        settle_fields(section.settling if asked else section.fields, answers, context, asked)
        return
    code = section.repeat.code
    count = instance_count(section, context) if asked else 0
    if count == 0:
        answers.pop(code, None)
        return
    instances = answers.get(code)
    if not isinstance(instances, list):
        instances = answers[code] = []
    # Exactly one instance per counted incident, so that per-instance
    # calculations (numbering, titles) exist before the page is answered.
    del instances[count:]
    instances.extend({} for _ in range(count - len(instances)))
    for position, instance in enumerate(instances, start=1):
        if not isinstance(instance, dict):
            instance = instances[position - 1] = {}
        inner = AnswerContext(plan, answers, today, instance, position, code)
        settle_fields(section.settling, instance, inner, True)


def _same(a: Any, b: Any) -> bool:
    """Whether two answer values are the same to every expression: equal and of the same
    types throughout (1, 1.0 and True are equal in Python but not to ``string()``)."""
    kind = type(a)
    if kind is not type(b):
        return False
    if kind is dict:
        return a.keys() == b.keys() and all(_same(item, b[key]) for key, item in a.items())
    if kind is list:
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def settle_fields(
    fields: tuple[Field, ...], target: dict[str, Any], context: AnswerContext, asked: bool
) -> None:
    """Settle the fields of one page (or repeat instance) held in ``target``; of a section
    asked, its ``settling`` fields are all there is to settle."""
    for field in fields:
        relevant = asked and field.applies(context)
        if field.calculation is not None and relevant:
            value = evaluate(field.calculation, context)
            if is_blank(value):
                target.pop(field.code, None)
            else:
                target[field.code] = value
        elif not relevant:
            target.pop(field.code, None)


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> bool:
    """Whether ``value`` is plain JSON (dict with str keys, list, str, int, finite float, bool, None),
    so that writing it as JSON and reading it back gives it exactly."""
    kind = type(value)
    if kind is dict:
        return all(type(key) is str and _plain(item) for key, item in value.items())
    if kind is list:
        return all(_plain(item) for item in value)
    if kind is float:
        return math.isfinite(value)
    return kind in _SCALARS


def fingerprint(answers: dict[str, Any], repeats: Iterable[str] = ()) -> bytes | None:
    """``digest`` of a plain-JSON answers document; None for anything else."""
    if not _plain(answers):
        return None
    return digest(answers, repeats)


def digest(answers: dict[str, Any], repeats: Iterable[str] = ()) -> bytes | None:
    """A hash of an answers document, the same whatever the order of the keys of the
    document and of the instances of the ``repeats`` (codes) in it; None for a document
    ``marshal`` cannot write (dates, other objects).

    Exact: documents with the same hash hold the same values of the same types
    (``marshal`` format 0 writes each with its own type code, floats with 17 digits,
    and no interning or sharing marks; a list is not a tuple), so that a document read
    back from the database, in another key order, is found. Compared only within this
    process, and only for plain JSON documents (``fingerprint``, ``Interview``)."""
    document = dict(answers)
    try:
        for code in repeats:
            instances = document.get(code)
            if type(instances) is list:
                document[code] = [
                    sorted(one.items(), key=_KEY) if type(one) is dict else one for one in instances
                ]
        text = marshal.dumps(sorted(document.items(), key=_KEY), 0)
    except (ValueError, TypeError):  # not plain values, or keys of several types
        return None
    return hashlib.blake2b(text, digest_size=16).digest()


_KEY = operator.itemgetter(0)


def copy_document(value: Any) -> Any:
    """A deep copy of an answers document; plain JSON is copied directly (much faster than
    ``copy.deepcopy``), anything else (or a document sharing one dict or list in two places)
    goes through ``copy.deepcopy``."""
    return copy_plain(value)[0]


def copy_plain(value: Any) -> tuple[Any, bool]:
    """``copy_document(value)``, and whether ``value`` is a tree of plain JSON values (as
    ``fingerprint`` asks, and no dict or list in two places), found in the same walk."""
    seen: set[int] = set()
    plain = True

    def copied(node: Any) -> Any:
        nonlocal plain
        kind = type(node)
        if kind is dict:
            if id(node) in seen:
                raise _Shared
            seen.add(id(node))
            out = {}
            for key, item in node.items():
                if type(key) is not str:
                    plain = False
                out[key] = item if type(item) in _EXACT else copied(item)
            return out
        if kind is list:
            if id(node) in seen:
                raise _Shared
            seen.add(id(node))
            return [item if type(item) in _EXACT else copied(item) for item in node]
        if kind is float:
            if not math.isfinite(node):
                plain = False
            return node
        if kind in _SCALARS:
            return node
        raise _Shared

    try:
        return copied(value), plain
    except _Shared:
        return copy.deepcopy(value), False


#: Scalars copied as they are, whatever their value (floats: see whether they are finite).
_EXACT = frozenset({str, int, bool, type(None)})


class _Shared(Exception):
    """The document is not a plain tree of JSON values."""
