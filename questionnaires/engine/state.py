"""Bringing an answers document up to date: calculations, cleared skips, repeat counts."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from questionnaires.expressions import evaluate, to_number
from questionnaires.expressions.coercion import is_blank

from .context import AnswerContext
from .plan import Field, Plan, SectionPlan

__all__ = ["MAX_INSTANCES", "instance_count", "section_on", "settle"]

#: Most instances a repeat can have, whatever its count expression says.
MAX_INSTANCES = 100


def section_on(section: SectionPlan, context: AnswerContext) -> bool:
    """Whether the section (and its repeat, if any) is asked."""
    expressions = tuple(
        expression
        for expression in (section.relevant, section.repeat_relevant)
        if expression is not None
    )
    return context.holds(expressions)


def instance_count(section: SectionPlan, context: AnswerContext) -> int:
    """Number of instances the repeat of ``section`` asks for (0 when blank or not a number)."""
    count = section.count
    if count is None:
        return 0
    number = float(count) if isinstance(count, int) else to_number(evaluate(count, context))
    if math.isnan(number):
        return 0
    return max(0, min(MAX_INSTANCES, int(number)))


def settle(plan: Plan, answers: dict[str, Any], today: dt.date) -> None:
    """Recompute calculations in questionnaire order, drop answers of items that are
    not relevant, and give each repeat exactly as many instances as its count (in place)."""
    for section in plan.sections:
        context = AnswerContext(plan, answers, today)
        asked = section_on(section, context)
        if section.repeat is None:
            settle_fields(section.fields, answers, context, asked)
            continue
        code = section.repeat.code
        count = instance_count(section, context) if asked else 0
        if count == 0:
            answers.pop(code, None)
            continue
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
            settle_fields(section.fields, instance, inner, True)


def settle_fields(
    fields: tuple[Field, ...], target: dict[str, Any], context: AnswerContext, asked: bool
) -> None:
    """Settle the fields of one page (or repeat instance) held in ``target``."""
    for field in fields:
        relevant = asked and context.holds(field.relevant)
        if field.calculation is not None and relevant:
            value = evaluate(field.calculation, context)
            if is_blank(value):
                target.pop(field.code, None)
            else:
                target[field.code] = value
        elif not relevant:
            target.pop(field.code, None)
