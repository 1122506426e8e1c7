"""The expression context of an interview: answers as expressions see them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from questionnaires.expressions import Expression, evaluate, to_boolean
from questionnaires.expressions.coercion import is_blank

from .plan import Plan

__all__ = ["AnswerContext"]


class AnswerContext:
    """An ``EvalContext`` over an answers document.

    Inside a repeat instance, names of that repeat's items resolve to the
    instance; other names to the top-level answers, then to parameters.
    ``current`` is the value ``.`` stands for while a constraint is checked.
    """

    __slots__ = (
        "_answers",
        "_instance",
        "_local",
        "_parameters",
        "_plan",
        "_position",
        "_repeat_of",
        "_today",
        "current_value",
    )

    def __init__(
        self,
        plan: Plan,
        answers: Mapping[str, Any],
        today: dt.date,
        instance: Mapping[str, Any] | None = None,
        position: int = 0,
        repeat_code: str | None = None,
    ) -> None:
        self._plan = plan
        self._repeat_of = plan.repeat_of
        self._parameters = plan.parameters
        self._answers = answers
        self._today = today
        self._instance = instance
        self._position = position
        self._local = (
            plan.repeat_fields.get(repeat_code, frozenset()) if repeat_code else frozenset()
        )
        self.current_value: Any = None

    def value(self, name: str) -> Any:
        if self._instance is not None and name in self._local:
            return self._instance.get(name)
        if name in self._repeat_of:
            return None  # a repeat item seen from outside: only through sum() and co.
        found = self._answers.get(name)
        if found is None:
            return self._parameters.get(name)
        return found

    def current(self) -> Any:
        return self.current_value

    def position(self) -> int:
        return self._position

    def repeat_values(self, name: str) -> list[Any]:
        repeat = self._repeat_of.get(name)
        if repeat is None:
            return [self.value(name)]
        instances = self._answers.get(repeat.code)
        if not isinstance(instances, list):
            return []
        return [inst.get(name) if isinstance(inst, dict) else None for inst in instances]

    def repeat_count(self, name: str) -> int:
        if name in self._plan.repeat_fields:
            instances = self._answers.get(name)
            return len(instances) if isinstance(instances, list) else 0
        return sum(1 for value in self.repeat_values(name) if not is_blank(value))

    def today(self) -> dt.date:
        return self._today

    def holds(self, expressions: tuple[Expression, ...]) -> bool:
        """Whether every relevance expression is true (the engine's plan holds these
        compiled into one function: ``Field.applies`` and co.)."""
        return all(to_boolean(evaluate(expression, self)) for expression in expressions)
