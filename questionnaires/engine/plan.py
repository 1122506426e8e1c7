"""An instrument prepared for interviewing: expressions parsed once, fields flattened.

The plan is built on first use and cached on the instrument, so every
interview of the same instrument shares it.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from questionnaires.expressions import Condition, Expression, condition, parse
from questionnaires.model import (
    SPECIAL_CODES,
    AnswerableItem,
    CalculateItem,
    Choice,
    DateItem,
    DecimalItem,
    GridItem,
    GridRow,
    Instrument,
    IntegerItem,
    LongTextItem,
    MultipleItem,
    NoteItem,
    RepeatItem,
    Section,
    SingleItem,
    TextItem,
)

__all__ = ["Field", "Plan", "SectionPlan", "SettledDocuments", "Unit", "plan_for"]

#: Default length limits of the text types (README: one line <= 255, long <= 4000).
TEXT_LIMITS = {"text": 255, "longtext": 4000}
_PLAN_KEY = "engine.plan"


@dataclass(frozen=True, eq=False)
class Field:
    """Something that holds a value in the answers: an answerable item, grid row or calculate."""

    code: str
    kind: str
    item: object
    grid: GridItem | None
    repeat: RepeatItem | None
    relevant: tuple[Expression, ...]
    required: bool = False
    choices: tuple[Choice, ...] = ()
    choice_codes: frozenset[int] = frozenset()
    special_codes: tuple[int, ...] = ()
    constraint: Expression | None = None
    calculation: Expression | None = None
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    date_min: dt.date | Expression | None = None
    date_max: dt.date | Expression | None = None

    @property
    def answerable(self) -> bool:
        return self.kind != "calculate"

    @functools.cached_property
    def applies(self) -> Condition:
        """Whether the field is relevant: every expression of ``relevant`` is true."""
        return condition(self.relevant)


@dataclass(frozen=True, eq=False)
class Unit:
    """One thing shown on a page: a note, an answerable item or a grid (with its row fields)."""

    item: object
    relevant: tuple[Expression, ...]
    fields: tuple[Field, ...]

    @functools.cached_property
    def applies(self) -> Condition:
        """Whether the unit is shown as relevant: every expression of ``relevant`` is true."""
        return condition(self.relevant)


@dataclass(frozen=True, eq=False)
class SectionPlan:
    """A section: its relevance, its repeat (if any), what it shows and what it computes."""

    section: Section
    relevant: Expression | None
    repeat: RepeatItem | None
    repeat_relevant: Expression | None
    count: Expression | int | None
    units: tuple[Unit, ...]
    fields: tuple[Field, ...]
    """Every field of the section in questionnaire order, calculations included."""

    @functools.cached_property
    def asked(self) -> Condition:
        """Whether the section (and its repeat, if any) is asked."""
        return condition(tuple(e for e in (self.relevant, self.repeat_relevant) if e is not None))

    @functools.cached_property
    def settling(self) -> tuple[Field, ...]:
        """The fields settling has work for when the section is asked: calculations and
        fields with relevance (an answer to any other field stays as it is)."""
        return tuple(f for f in self.fields if f.relevant or f.calculation is not None)

    @functools.cached_property
    def reads(self) -> frozenset[str]:
        """Every name settling this section reads: in its relevance, repeat count and
        the relevance and calculations of its fields."""
        return _names(
            self.relevant,
            self.repeat_relevant,
            self.count,
            *(e for f in self.fields for e in (*f.relevant, f.calculation)),
        )

    @functools.cached_property
    def writes(self) -> frozenset[str]:
        """Every name whose value settling this section may change: its fields, and its
        repeat (whose items are read in its instances, or through ``sum()`` and co.)."""
        if self.repeat is None:
            return frozenset(f.code for f in self.fields)
        return frozenset(f.code for f in self.fields) | {self.repeat.code}


@dataclass(eq=False)
class Plan:
    """The instrument as the engine walks it."""

    instrument: Instrument
    sections: tuple[SectionPlan, ...]
    fields: dict[str, Field] = field(default_factory=dict)
    parameters: Mapping[str, object] = field(default_factory=dict)
    """The instrument's parameters (read for every name not answered)."""
    repeat_of: dict[str, RepeatItem] = field(default_factory=dict)
    repeat_fields: dict[str, frozenset[str]] = field(default_factory=dict)
    section_plan: dict[str, SectionPlan] = field(default_factory=dict)
    section_index: dict[str, int] = field(default_factory=dict)
    """Position of each section (by name) in ``sections``."""
    settles_in_order: bool = False
    """Whether settling reads only values that are already settled (see ``_settles_in_order``):
    then settling a settled document changes nothing, and after a change to one section
    only that section and the later ones need settling."""
    choice_labels: dict[tuple[Field, str], tuple[tuple[int, str], ...]] = field(
        default_factory=dict
    )
    """The choices of a field as a page lists them, by field and language (filled on use)."""
    view_parts: dict[tuple[Field, str], tuple[dict[str, Any], tuple[Any, ...]]] = field(
        default_factory=dict
    )
    """What the views of a field share, by field and language (``Interview._view_parts``)."""
    settled: SettledDocuments = field(default_factory=lambda: SettledDocuments())
    """Documents this process has seen settled (see ``SettledDocuments``)."""


class SettledDocuments:
    """Fingerprints of answers documents known to be settled on a given day.

    A fingerprint is a hash of the document's canonical JSON, taken only from
    documents made of plain JSON values (dict, list, str, int, float, bool,
    None), so a document read back from the database matches the one that was
    settled and saved. Bounded, shared by the threads of a process.
    """

    MAX = 20_000

    def __init__(self) -> None:
        self._known: dict[tuple[int, bytes], None] = {}
        self._lock = threading.Lock()

    def __contains__(self, key: tuple[int, bytes]) -> bool:
        return key in self._known

    def add(self, key: tuple[int, bytes]) -> None:
        with self._lock:
            if len(self._known) >= self.MAX:
                # Forget the oldest half: documents of interviews long finished.
                for old in list(self._known)[: self.MAX // 2]:
                    del self._known[old]
            self._known[key] = None


def plan_for(instrument: Instrument) -> Plan:
    """The (cached) plan of a loaded, valid instrument."""
    cache = instrument._cache
    plan = cache.get(_PLAN_KEY)
    if plan is None:
        plan = _build_plan(instrument)
        cache[_PLAN_KEY] = plan
    return plan  # type: ignore[no-any-return]


def _expr(text: str | None) -> Expression | None:
    return None if text is None else parse(text)


def _relevance(*texts: str | None) -> tuple[Expression, ...]:
    return tuple(parse(text) for text in texts if text is not None)


def _date_bound(text: str | None) -> dt.date | Expression | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 and text[4] == "-" else parse(text)
    except ValueError:
        return parse(text)


def _field(
    instrument: Instrument, item: object, repeat: RepeatItem | None, grid: GridItem | None
) -> Field:
    if isinstance(item, CalculateItem):
        labels = instrument.choice_lists.get(item.choices, ()) if item.choices else ()
        return Field(
            code=item.code,
            kind="calculate",
            item=item,
            grid=None,
            repeat=repeat,
            relevant=_relevance(item.relevant),
            choices=labels,
            choice_codes=frozenset(choice.code for choice in labels),
            calculation=parse(item.calculation),
        )
    if isinstance(item, GridRow):
        if grid is None:
            raise ValueError(f"grid row {item.code!r} without its grid")
        scale = instrument.choice_lists[grid.choices]
        return Field(
            code=item.code,
            kind="single",
            item=item,
            grid=grid,
            repeat=repeat,
            relevant=_relevance(grid.relevant, item.relevant),
            required=grid.required,
            choices=scale,
            choice_codes=frozenset(choice.code for choice in scale),
            special_codes=tuple(SPECIAL_CODES[name] for name in grid.special),
        )
    if not isinstance(item, AnswerableItem):
        raise TypeError(f"not an answerable item: {item!r}")
    choices: tuple[Choice, ...] = ()
    if isinstance(item, SingleItem | MultipleItem):
        choices = instrument.choice_lists[item.choices]
    kind: str = item.type
    minimum = maximum = None
    if isinstance(item, IntegerItem | DecimalItem):
        minimum, maximum = item.min, item.max
    max_length = None
    if isinstance(item, TextItem | LongTextItem):
        max_length = item.max_length or TEXT_LIMITS[kind]
    date_min = date_max = None
    if isinstance(item, DateItem):
        date_min, date_max = _date_bound(item.min), _date_bound(item.max)
    return Field(
        code=item.code,
        kind=kind,
        item=item,
        grid=None,
        repeat=repeat,
        relevant=_relevance(item.relevant),
        required=item.required,
        choices=choices,
        choice_codes=frozenset(choice.code for choice in choices),
        special_codes=tuple(SPECIAL_CODES[name] for name in item.special),
        constraint=_expr(item.constraint),
        minimum=minimum,
        maximum=maximum,
        max_length=max_length,
        date_min=date_min,
        date_max=date_max,
    )


def _units(
    instrument: Instrument, items: tuple[object, ...], repeat: RepeatItem | None
) -> tuple[list[Unit], list[Field]]:
    units: list[Unit] = []
    fields: list[Field] = []
    for item in items:
        if isinstance(item, NoteItem):
            units.append(Unit(item, _relevance(item.relevant), ()))
        elif isinstance(item, CalculateItem):
            fields.append(_field(instrument, item, repeat, None))
        elif isinstance(item, GridItem):
            rows = tuple(_field(instrument, row, repeat, item) for row in item.rows)
            units.append(Unit(item, _relevance(item.relevant), rows))
            fields.extend(rows)
        else:
            answerable = _field(instrument, item, repeat, None)
            units.append(Unit(item, answerable.relevant, (answerable,)))
            fields.append(answerable)
    return units, fields


def _build_plan(instrument: Instrument) -> Plan:
    sections: list[SectionPlan] = []
    plan = Plan(instrument, (), parameters=instrument.parameters)
    for section in instrument.sections:
        repeat = section.repeat
        items = repeat.items if repeat is not None else section.items
        units, fields = _units(instrument, items, repeat)
        count: Expression | int | None = None
        if repeat is not None:
            count = repeat.count if isinstance(repeat.count, int) else parse(repeat.count)
            codes = frozenset(f.code for f in fields) | frozenset(
                getattr(unit.item, "code", "") for unit in units
            )
            plan.repeat_fields[repeat.code] = codes
            for code in codes:
                plan.repeat_of[code] = repeat
        section_plan = SectionPlan(
            section=section,
            relevant=_expr(section.relevant),
            repeat=repeat,
            repeat_relevant=_expr(repeat.relevant) if repeat is not None else None,
            count=count,
            units=tuple(units),
            fields=tuple(fields),
        )
        plan.section_index[section.name] = len(sections)
        sections.append(section_plan)
        plan.section_plan[section.name] = section_plan
        for f in fields:
            plan.fields[f.code] = f
    plan.sections = tuple(sections)
    plan.settles_in_order = _settles_in_order(plan)
    return plan


_AGGREGATES = frozenset({"sum", "count", "min", "max"})


def _settles_in_order(plan: Plan) -> bool:
    """Whether every expression settling reads uses only values settled before it.

    Settling goes through the sections in order (each repeat instance in turn),
    overwriting calculations and removing answers as it goes. It reads only
    settled values if every field or repeat an expression names comes earlier
    (a repeat counts as settled once its instances are counted, at the start of
    its section), and no field of a repeat reads its own repeat's items across
    instances (``sum()`` and co. would see later instances not yet settled).
    Loaded instruments satisfy this (questionnaires.checks); a plan that does
    not is always settled whole. Other names (parameters) do not change.
    """
    order: dict[str, int] = {}
    for section in plan.sections:
        if section.repeat is not None:
            order[section.repeat.code] = len(order)
        for f in section.fields:
            order[f.code] = len(order)
    for section in plan.sections:
        start = (
            order[section.repeat.code]
            if section.repeat
            else (order[section.fields[0].code] if section.fields else len(order))
        )
        for name in _names(section.relevant, section.repeat_relevant, section.count):
            if order.get(name, -1) >= start:
                return False
        own = (
            plan.repeat_fields.get(section.repeat.code, frozenset())
            if section.repeat
            else frozenset()
        )
        for f in section.fields:
            expressions = (*f.relevant, f.calculation)
            names = _names(*expressions)
            if any(order.get(name, -1) >= order[f.code] for name in names):
                return False
            if names & own and any(
                e is not None and e.functions() & _AGGREGATES for e in expressions
            ):
                return False
    return True


def _names(*expressions: Expression | int | None) -> frozenset[str]:
    names: frozenset[str] = frozenset()
    for expression in expressions:
        if isinstance(expression, Expression):
            names |= expression.references()
    return names
