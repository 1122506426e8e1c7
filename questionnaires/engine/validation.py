"""Whole-document validation of answers sent by tablets and API clients."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from questionnaires.expressions import evaluate, to_boolean
from questionnaires.model import Instrument

from .context import AnswerContext
from .interview import render_text
from .plan import Field, Plan, SectionPlan, plan_for
from .state import instance_count, section_on
from .values import ReferencePeriod, check_value, type_problem

__all__ = ["AnswerProblem", "validate_answers"]

#: Messages of validate_answers are for developers and field supervisors: English.
_LANGUAGE = "en"


@dataclass(frozen=True)
class AnswerProblem:
    """One thing wrong in an answers document; ``path`` is ``code`` or ``repeat[2].code``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def validate_answers(
    instrument: Instrument,
    answers: Any,
    *,
    today: dt.date,
    reference_period: ReferencePeriod | None = None,
) -> list[AnswerProblem]:
    """Every problem of a complete answers document, in questionnaire order.

    Checks unknown codes, JSON types, choice codes, ranges, answers to items
    that skip logic leaves out, constraints and missing required answers.
    Repeat instances are numbered from 1 in paths. Stored calculated values
    are not compared (they may depend on the day they were computed):
    calculations are recomputed from the answers for the skip logic.
    """
    if not isinstance(answers, Mapping):
        return [AnswerProblem("", "the answers document must be a JSON object")]
    return _Validator(plan_for(instrument), today, reference_period).run(answers)


class _Validator:
    def __init__(self, plan: Plan, today: dt.date, period: ReferencePeriod | None) -> None:
        self.plan = plan
        self.today = today
        self.period = period
        self.problems: list[AnswerProblem] = []

    def run(self, answers: Mapping[str, Any]) -> list[AnswerProblem]:
        top_level = {
            field.code
            for section in self.plan.sections
            if section.repeat is None
            for field in section.fields
        } | set(self.plan.repeat_fields)
        for key in answers:
            if key in top_level:
                continue
            repeat = self.plan.repeat_of.get(key)
            if repeat is not None:
                self.report(
                    key, f"belongs to repeat {repeat.code!r} and must be inside its instances"
                )
            elif self.plan.instrument.has_item(key):
                self.report(key, "this item takes no answer")
            else:
                self.report(key, "unknown item code")
        clean: dict[str, Any] = {}
        for section in self.plan.sections:
            context = AnswerContext(self.plan, clean, self.today)
            asked = section_on(section, context)
            if section.repeat is None:
                self.fields(section.fields, answers, clean, context, asked, "")
            else:
                self.repeat(section, answers, clean, context, asked)
        return self.problems

    def report(self, path: str, text: str) -> None:
        self.problems.append(AnswerProblem(path, text))

    def repeat(
        self,
        section: SectionPlan,
        answers: Mapping[str, Any],
        clean: dict[str, Any],
        context: AnswerContext,
        asked: bool,
    ) -> None:
        if section.repeat is None:
            raise ValueError(f"section {section.section.name!r} has no repeat")
        code = section.repeat.code
        given = answers.get(code)
        count = instance_count(section, context) if asked else 0
        if given is None:
            given = []
        if not isinstance(given, list) or not all(isinstance(one, dict) for one in given):
            self.report(code, "must be a list of objects, one per instance")
            return
        if not asked and given:
            self.report(code, "answered, but the skip logic leaves this repeat out")
            return
        if len(given) > count:
            self.report(code, f"has {len(given)} instances but its count gives {count}")
        allowed = {field.code for field in section.fields}
        instances: list[dict[str, Any]] = []
        clean[code] = instances
        for position in range(1, count + 1):
            instance = given[position - 1] if position <= len(given) else {}
            prefix = f"{code}[{position}]."
            for key in instance:
                if key not in allowed:
                    self.report(prefix + key, f"not an item of repeat {code!r}")
            held: dict[str, Any] = {}
            instances.append(held)
            inner = AnswerContext(self.plan, clean, self.today, held, position, code)
            self.fields(section.fields, instance, held, inner, True, prefix)

    def fields(
        self,
        fields: tuple[Field, ...],
        given: Mapping[str, Any],
        clean: dict[str, Any],
        context: AnswerContext,
        asked: bool,
        prefix: str,
    ) -> None:
        for field in fields:
            path = prefix + field.code
            relevant = asked and field.applies(context)
            if field.calculation is not None:
                if relevant:
                    clean[field.code] = evaluate(field.calculation, context)
                continue
            value = given.get(field.code)
            if not relevant:
                if value is not None:
                    self.report(path, "answered, but the skip logic leaves this item out")
                continue
            if value is None:
                if field.required:
                    self.report(path, "required but not answered")
                continue
            if value == "" or value == []:
                self.report(path, "blank answer: leave unanswered items out")
                continue
            problem = type_problem(field, value) or check_value(
                field, value, _LANGUAGE, context, self.period
            )
            if (
                problem is None
                and field.constraint is not None
                and value not in field.special_codes
            ):
                context.current_value = value
                if not to_boolean(evaluate(field.constraint, context)):
                    text = getattr(field.item, "constraint_message", None)
                    language = self.plan.instrument.default_language
                    detail = render_text(text, language, self.plan, context) if text else ""
                    problem = "fails its constraint" + (f": {detail}" if detail else "")
                context.current_value = None
            if problem is not None:
                self.report(path, f"{problem} (got {value!r})")
                continue
            clean[field.code] = value
