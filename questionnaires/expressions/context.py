"""What an expression can ask about the interview, and a dictionary-backed version."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from .coercion import Value, is_blank
from .errors import ExpressionError


class EvalContext(Protocol):
    """The interview as seen from one expression.

    ``value`` resolves ``${name}``; inside a repeat, names of items of the same
    repeat resolve to the current instance. ``repeat_values(name)`` gives every
    instance's value of a repeat item (for ``sum``/``min``/``max``, from inside
    or outside the repeat) and ``[value(name)]`` for any other name.
    ``repeat_count(name)`` is the number of instances of repeat ``name``; for an
    item inside a repeat it is the number of instances where that item is not
    blank.
    """

    def value(self, name: str) -> Value: ...

    def current(self) -> Value: ...

    def position(self) -> int: ...

    def repeat_values(self, name: str) -> list[Value]: ...

    def repeat_count(self, name: str) -> int: ...

    def today(self) -> datetime.date: ...


class MappingContext:
    """An EvalContext over plain dictionaries, for tests and the conformance runner.

    ``answers`` holds the answers in scope: those outside repeats plus, when
    evaluating inside a repeat, the current instance's answers. ``repeats`` maps
    each repeat code to its list of instances (dicts of item code -> value).
    """

    def __init__(
        self,
        answers: Mapping[str, Any],
        current: Value = None,
        position: int | None = None,
        repeats: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
        today: datetime.date | str | None = None,
    ) -> None:
        self._answers = answers
        self._current = current
        self._position = position
        self._repeats = repeats or {}
        self._today = datetime.date.fromisoformat(today) if isinstance(today, str) else today

    def value(self, name: str) -> Value:
        return self._answers.get(name)

    def current(self) -> Value:
        return self._current

    def position(self) -> int:
        if self._position is None:
            raise ExpressionError("position(..) is only available inside a repeat")
        return self._position

    def repeat_values(self, name: str) -> list[Value]:
        instances = self._instances_holding(name)
        if instances is None:
            return [self.value(name)]
        return [instance.get(name) for instance in instances]

    def repeat_count(self, name: str) -> int:
        if name in self._repeats:
            return len(self._repeats[name])
        return sum(1 for value in self.repeat_values(name) if not is_blank(value))

    def today(self) -> datetime.date:
        if self._today is None:
            raise ExpressionError("today() needs a date: pass today= to the context")
        return self._today

    def _instances_holding(self, name: str) -> Sequence[Mapping[str, Any]] | None:
        for instances in self._repeats.values():
            if any(name in instance for instance in instances):
                return instances
        return None
