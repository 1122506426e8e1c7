"""Whole-document validation of answers sent by tablets and API clients."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from questionnaires.expressions import evaluate, to_boolean
from questionnaires.model import Instrument

from .context import AnswerContext
from .interview import render_text
from .messages import message, special_label
from .plan import Field, Plan, SectionPlan, plan_for
from .state import instance_count, section_on
from .values import TYPE_PROBLEMS, ReferencePeriod, type_problem_key, value_check

__all__ = ["PROBLEM_REASONS", "AnswerProblem", "validate_answers"]

#: Messages of validate_answers are for developers and field supervisors: English.
_LANGUAGE = "en"
#: Every ``reason`` of an AnswerProblem, with the ``params`` it names. ``value``: ``check`` is
#: the key of the engine's message (messages.json) and the other params are its values;
#: ``type``: ``expected`` is a key of values.TYPE_PROBLEMS; ``constraint``: ``detail`` is the
#: item's constraint message (in the instrument's default language), possibly empty.
PROBLEM_REASONS: dict[str, tuple[str, ...]] = {
    "not_object": (),
    "in_repeat": ("repeat",),
    "takes_no_answer": (),
    "unknown_item": (),
    "repeat_not_list": (),
    "repeat_skipped": (),
    "too_many_instances": ("given", "count"),
    "not_in_repeat": ("repeat",),
    "skipped": (),
    "required": (),
    "blank": (),
    "type": ("expected",),
    "value": ("check",),
    "constraint": ("detail",),
}


@dataclasses.dataclass(frozen=True)
class AnswerProblem:
    """One thing wrong in an answers document; ``path`` is ``code`` or ``repeat[2].code``.

    ``message`` is English; ``reason`` (a key of PROBLEM_REASONS) and ``params`` say the same
    for a client that words it in another language."""

    path: str
    message: str
    reason: str = dataclasses.field(default="", compare=False)
    params: Mapping[str, str] = dataclasses.field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def validate_answers(
    instrument: Instrument,
    answers: Any,
    *,
    today: dt.date,
    reference_period: ReferencePeriod | None = None,
    language: str | None = None,
) -> list[AnswerProblem]:
    """Every problem of a complete answers document, in questionnaire order.

    Checks unknown codes, JSON types, choice codes, ranges, answers to items
    that skip logic leaves out, constraints and missing required answers.
    Repeat instances are numbered from 1 in paths. Stored calculated values
    are not compared (they may depend on the day they were computed):
    calculations are recomputed from the answers for the skip logic.

    ``language`` is the interview's: a failed constraint's own message (``params["detail"]``,
    which a client shows) is in it where the instrument translates it, else in the
    instrument's default language; ``message`` keeps the default language's.
    """
    if not isinstance(answers, Mapping):
        return [AnswerProblem("", "the answers document must be a JSON object", "not_object")]
    return _Validator(plan_for(instrument), today, reference_period, language).run(answers)


class _Validator:
    def __init__(
        self, plan: Plan, today: dt.date, period: ReferencePeriod | None, language: str | None
    ) -> None:
        self.plan = plan
        self.today = today
        self.period = period
        # a language the instrument is not in would leave piped choice labels empty
        self.language = plan.instrument.default_language
        if language is not None and language in plan.instrument.languages:
            self.language = language
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
                    key,
                    f"belongs to repeat {repeat.code!r} and must be inside its instances",
                    "in_repeat",
                    repeat=repeat.code,
                )
            elif self.plan.instrument.has_item(key):
                self.report(key, "this item takes no answer", "takes_no_answer")
            else:
                self.report(key, "unknown item code", "unknown_item")
        clean: dict[str, Any] = {}
        for section in self.plan.sections:
            context = AnswerContext(self.plan, clean, self.today)
            asked = section_on(section, context)
            if section.repeat is None:
                self.fields(section.fields, answers, clean, context, asked, "")
            else:
                self.repeat(section, answers, clean, context, asked)
        return self.problems

    def report(self, path: str, text: str, reason: str, **params: str) -> None:
        self.problems.append(AnswerProblem(path, text, reason, params))

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
            self.report(code, "must be a list of objects, one per instance", "repeat_not_list")
            return
        if not asked and given:
            self.report(
                code, "answered, but the skip logic leaves this repeat out", "repeat_skipped"
            )
            return
        if len(given) > count:
            self.report(
                code,
                f"has {len(given)} instances but its count gives {count}",
                "too_many_instances",
                given=str(len(given)),
                count=str(count),
            )
        allowed = {field.code for field in section.fields}
        instances: list[dict[str, Any]] = []
        clean[code] = instances
        for position in range(1, count + 1):
            instance = given[position - 1] if position <= len(given) else {}
            prefix = f"{code}[{position}]."
            for key in instance:
                if key not in allowed:
                    self.report(
                        prefix + key,
                        f"not an item of repeat {code!r}",
                        "not_in_repeat",
                        repeat=code,
                    )
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
                    self.report(
                        path, "answered, but the skip logic leaves this item out", "skipped"
                    )
                continue
            if value is None:
                if field.required:
                    self.report(path, "required but not answered", "required")
                continue
            if value == "" or value == []:
                self.report(path, "blank answer: leave unanswered items out", "blank")
                continue
            problem, reason, params = self.value_problem(field, value, context)
            if problem is not None:
                self.report(path, f"{problem} (got {value!r})", reason, **params)
                continue
            clean[field.code] = value

    def value_problem(
        self, field: Field, value: Any, context: AnswerContext
    ) -> tuple[str | None, str, dict[str, str]]:
        """The English problem of an answer given to an asked item, its reason and params."""
        expected = type_problem_key(field, value)
        if expected is not None:
            return TYPE_PROBLEMS[expected], "type", {"expected": expected}
        found = value_check(field, value, context, self.period)
        if found is not None:
            key, values = found
            shown = dict(values)
            if key == "special_alone":
                shown = {"label": special_label(int(values["code"]), _LANGUAGE)}
            return message(key, _LANGUAGE, **shown), "value", {"check": key, **values}
        if field.constraint is None or value in field.special_codes:
            return None, "", {}
        context.current_value = value
        try:
            if to_boolean(evaluate(field.constraint, context)):
                return None, "", {}
            text = getattr(field.item, "constraint_message", None)
            default = self.plan.instrument.default_language
            detail = render_text(text, default, self.plan, context) if text else ""
            # render_text falls back to the default language where the text lacks this one
            said = render_text(text, self.language, self.plan, context) if text else ""
        finally:
            context.current_value = None
        problem = "fails its constraint" + (f": {detail}" if detail else "")
        return problem, "constraint", {"detail": said}
