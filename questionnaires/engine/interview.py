"""An interview in progress: pages to show, answers to accept, what is left to ask.

Pure state over an answers document (questionnaires/README.md, "Answers
document"); the web survey, tablet validation and tests all drive it.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from questionnaires.expressions import evaluate, format_number, to_boolean, to_string
from questionnaires.model import GridItem, Instrument, NoteItem

from .context import AnswerContext
from .messages import message, special_label
from .plan import Field, Plan, SectionPlan, Unit, plan_for
from .state import copy_document, copy_plain, digest, instance_count, settle
from .values import ReferencePeriod, check_value, parse_raw

__all__ = ["FieldError", "Interview", "ItemView", "Page", "PageNotFound", "render_text"]

RawForm = Mapping[str, "str | Sequence[str]"]
#: A field's views' fixed parts (ItemView arguments) and its texts holding ``${name}``.
ViewParts = tuple[dict[str, Any], tuple[tuple[str, Mapping[str, str] | None], ...]]


class PageNotFound(KeyError):
    """The page does not exist or is not asked with the current answers."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "page not found"


@dataclass(frozen=True)
class FieldError:
    """An answer that was not accepted: the item code and why, in the interview language."""

    code: str
    message: str


@dataclass(frozen=True)
class ItemView:
    """Everything needed to render one item (a grid has its rows in ``rows``)."""

    code: str
    type: str
    label: str
    hint: str | None
    required: bool
    relevant: bool
    value: Any
    choices: tuple[tuple[int, str], ...] = ()
    """Choice codes and labels, the item's special answers last."""
    special_codes: tuple[int, ...] = ()
    min: Any = None
    max: Any = None
    max_length: int | None = None
    constraint_message: str | None = None
    relevant_expression: str | None = None
    """The item's own relevance expression, for client-side skip logic."""
    rows: tuple[ItemView, ...] = ()

    @property
    def input_name(self) -> str:
        """Name of the form field: the item code."""
        return self.code


@dataclass(frozen=True)
class Page:
    """One page of the interview: a section, or one instance of a repeat section."""

    id: str
    section: str
    title: str
    instance: int | None
    items: tuple[ItemView, ...]


class PipedText(str):
    """A text with answers piped into it (``${name}`` replaced). It holds what a respondent
    gave, so whoever keeps texts (a cache of escaped labels) can tell it from the
    questionnaire's own wording and leave it out."""

    __slots__ = ()


def render_text(
    text: Mapping[str, str] | None,
    language: str,
    plan: Plan,
    context: AnswerContext,
) -> str:
    """A label in ``language`` with every ``${name}`` replaced by the answer's display text."""
    if text is None:
        return ""
    template = text.get(language) or text.get(plan.instrument.default_language, "")
    if "${" not in template:
        return template
    parts = template.split("${")
    out = [parts[0]]
    for part in parts[1:]:
        name, brace, rest = part.partition("}")
        out.append(_display(name, language, plan, context) + rest if brace else "${" + part)
    return PipedText("".join(out))


def _display(name: str, language: str, plan: Plan, context: AnswerContext) -> str:
    value = context.value(name)
    field = plan.fields.get(name)
    if value is None:
        return ""
    if field is not None and (field.choices or field.special_codes):
        labels = {choice.code: choice.label for choice in field.choices}
        codes = value if isinstance(value, list) else [value]
        shown = []
        for code in codes:
            if code in labels:
                shown.append(labels[code].get(language, ""))
            elif code in (-8, -9):
                shown.append(special_label(code, language))
            else:
                shown.append(to_string(code))
        return ", ".join(shown)
    if isinstance(value, int) and value in (-8, -9) and field is not None:
        return special_label(value, language)
    if isinstance(value, float):
        return format_number(value)
    return to_string(value)


class Interview:
    """The state of one interview of ``instrument``.

    ``answers`` is the answers document to continue from (copied, then brought
    up to date: calculations recomputed, answers of skipped items dropped).
    ``today`` feeds ``today()``; ``reference_period`` bounds month items.
    """

    def __init__(
        self,
        instrument: Instrument,
        answers: Mapping[str, Any] | None = None,
        *,
        language: str,
        today: dt.date,
        reference_period: ReferencePeriod | None = None,
    ) -> None:
        if language not in instrument.languages:
            raise ValueError(
                f"language {language!r} is not one of the instrument's {list(instrument.languages)}"
            )
        if answers is not None and not isinstance(answers, Mapping):
            raise TypeError("answers must be a mapping (the answers document)")
        self.instrument = instrument
        self.language = language
        self.today = today
        self.reference_period = reference_period
        self._plan = plan_for(instrument)
        self._answers: dict[str, Any]
        self._answers, plain = copy_plain(dict(answers or {}))
        self._refs: dict[str, tuple[SectionPlan, int | None]] | None = None
        self._plain = plain
        """Whether the answers were a tree of plain JSON values when given (see
        ``_remember_settled`` and ``_draft``)."""
        if self._plan.settles_in_order and plain:
            key = digest(self._answers, self._plan.repeat_fields)
            if key is not None and (today.toordinal(), key) in self._plan.settled:
                return  # settling it again would change nothing
        settle(self._plan, self._answers, today)
        self._remember_settled(self._answers)

    def _remember_settled(self, answers: dict[str, Any]) -> None:
        """Remember ``answers``, settled today, as settled (only for a plan whose documents
        settle in order, so that settling them again would change nothing).

        Only for a document that was plain JSON when given (the engine adds only str,
        int, float, bool, lists of int and dicts with str keys; ``digest`` is exact for
        those, a calculation's NaN or infinity included)."""
        if self._plan.settles_in_order and self._plain:
            key = digest(answers, self._plan.repeat_fields)
            if key is not None:
                self._plan.settled.add((self.today.toordinal(), key))

    @property
    def answers(self) -> dict[str, Any]:
        """A copy of the answers document."""
        return copy_document(self._answers)  # type: ignore[no-any-return]

    # --- pages -----------------------------------------------------------------

    def _context(
        self, answers: dict[str, Any], section: SectionPlan, instance: int | None
    ) -> AnswerContext:
        if instance is None or section.repeat is None:
            return AnswerContext(self._plan, answers, self.today)
        code = section.repeat.code
        instances = answers.get(code) or []
        held = instances[instance - 1] if instance <= len(instances) else {}
        return AnswerContext(self._plan, answers, self.today, held, instance, code)

    def _page_refs(self) -> dict[str, tuple[SectionPlan, int | None]]:
        """The pages asked by id, in order, computed once per state of the answers."""
        if self._refs is not None:
            return self._refs
        refs: dict[str, tuple[SectionPlan, int | None]] = {}
        context = AnswerContext(self._plan, self._answers, self.today)
        for section in self._plan.sections:
            if not section.units:
                continue  # only calculations: nothing to show
            if not section.asked(context):
                continue
            name = section.section.name
            if section.repeat is None:
                refs[name] = (section, None)
            else:
                count = instance_count(section, context)
                for position in range(1, count + 1):
                    refs[f"{name}/{position}"] = (section, position)
        self._refs = refs
        return refs

    def page_ids(self) -> list[str]:
        """Ids of the pages asked with the current answers, in order."""
        return list(self._page_refs())

    def _resolve(self, page_id: str) -> tuple[SectionPlan, int | None]:
        found = self._page_refs().get(page_id)
        if found is None:
            raise PageNotFound(f"no page {page_id!r} is asked in this interview")
        return found

    def pages(self) -> list[Page]:
        """The pages asked with the current answers, in order."""
        return [
            self._build_page(section, instance) for section, instance in self._page_refs().values()
        ]

    def page(self, page_id: str) -> Page:
        """One page by id (``"screener"``, ``"incidents/2"``); PageNotFound if not asked."""
        return self._build_page(*self._resolve(page_id))

    def next_page_id(self, page_id: str) -> str | None:
        """The page after ``page_id``, or None after the last one."""
        ids = self.page_ids()
        if page_id not in ids:
            raise PageNotFound(f"no page {page_id!r} is asked in this interview")
        index = ids.index(page_id)
        return ids[index + 1] if index + 1 < len(ids) else None

    def previous_page_id(self, page_id: str) -> str | None:
        """The page before ``page_id``, or None before the first one."""
        ids = self.page_ids()
        if page_id not in ids:
            raise PageNotFound(f"no page {page_id!r} is asked in this interview")
        index = ids.index(page_id)
        return ids[index - 1] if index > 0 else None

    def _build_page(self, section: SectionPlan, instance: int | None) -> Page:
        context = self._context(self._answers, section, instance)
        language = self.language
        if section.repeat is not None:
            title = render_text(section.repeat.title, language, self._plan, context)
        else:
            title = render_text(section.section.title, language, self._plan, context)
        held = _peek(self._answers, section, instance)
        views = tuple(self._view(unit, context, held) for unit in section.units)
        return Page(_page_id(section, instance), section.section.name, title, instance, views)

    def _held(
        self, answers: dict[str, Any], section: SectionPlan, instance: int | None
    ) -> dict[str, Any]:
        if section.repeat is None or instance is None:
            return answers
        instances = answers.setdefault(section.repeat.code, [])
        while len(instances) < instance:
            instances.append({})
        held: dict[str, Any] = instances[instance - 1]
        return held

    def _view(self, unit: Unit, context: AnswerContext, held: Mapping[str, Any]) -> ItemView:
        item: Any = unit.item
        relevant = unit.applies(context)
        if not isinstance(item, NoteItem | GridItem):
            return self._field_view(unit.fields[0], context, held, relevant)
        language = self.language
        label = render_text(item.label, language, self._plan, context)
        hint = render_text(item.hint, language, self._plan, context) if item.hint else None
        own_relevant = item.relevant
        if isinstance(item, NoteItem):
            return ItemView(
                item.code,
                "note",
                label,
                hint,
                False,
                relevant,
                None,
                relevant_expression=own_relevant,
            )
        rows = tuple(
            self._field_view(field, context, held, relevant and field.applies(context))
            for field in unit.fields
        )
        first = unit.fields[0]
        return ItemView(
            item.code,
            "grid",
            label,
            hint,
            item.required,
            relevant,
            None,
            choices=self._choices(first),
            special_codes=first.special_codes,
            relevant_expression=own_relevant,
            rows=rows,
        )

    def _choices(self, field: Field) -> tuple[tuple[int, str], ...]:
        language = self.language
        known = self._plan.choice_labels.get((field, language))
        if known is not None:
            return known
        default = self.instrument.default_language
        listed = tuple(
            (choice.code, choice.label.get(language) or choice.label.get(default, ""))
            for choice in field.choices
        )
        labels = listed + tuple(
            (code, special_label(code, language)) for code in field.special_codes
        )
        self._plan.choice_labels[(field, language)] = labels
        return labels

    def _field_view(
        self, field: Field, context: AnswerContext, held: Mapping[str, Any], relevant: bool
    ) -> ItemView:
        language = self.language
        known = self._plan.view_parts.get((field, language))
        if known is None:
            known = self._plan.view_parts[(field, language)] = self._view_parts(field)
        fixed, templated = known
        parts = dict(fixed)
        for name, text in templated:
            parts[name] = render_text(text, language, self._plan, context)
        if field.kind == "date":
            parts["min"] = _date_text(field.date_min, context)
            parts["max"] = _date_text(field.date_max, context)
        elif field.kind == "month" and self.reference_period is not None:
            # the months a month item accepts (values._check_month), shown before answering
            start, end = self.reference_period
            parts["min"], parts["max"] = start.strftime("%Y-%m"), end.strftime("%Y-%m")
        parts["relevant"] = relevant
        parts["value"] = _copied(held.get(field.code))
        return ItemView(**parts)

    def _view_parts(self, field: Field) -> ViewParts:
        """What a field's views share in this language: the fixed parts, and the texts that
        hold ``${name}`` (rendered for each view)."""
        item: Any = field.item
        language = self.language
        fixed: dict[str, Any] = {
            "code": field.code,
            "type": field.kind,
            "required": field.required,
            "choices": self._choices(field),
            "special_codes": field.special_codes,
            "min": field.minimum,
            "max": field.maximum,
            "max_length": field.max_length,
            "relevant_expression": getattr(item, "relevant", None),
            "hint": None,
            "constraint_message": None,
        }
        texts: dict[str, Mapping[str, str] | None] = {"label": item.label}
        if getattr(item, "hint", None):
            texts["hint"] = item.hint
        if getattr(item, "constraint_message", None) is not None:
            texts["constraint_message"] = item.constraint_message
        templated: list[tuple[str, Mapping[str, str] | None]] = []
        default = self.instrument.default_language
        for name, text in texts.items():
            if text is not None and "${" in (text.get(language) or text.get(default, "")):
                templated.append((name, text))
            else:  # the same text whatever the answers
                fixed[name] = render_text(text, language, self._plan, _NO_ANSWERS)
        return fixed, tuple(templated)

    # --- answering ---------------------------------------------------------------

    def apply_page(self, page_id: str, raw: RawForm) -> list[FieldError]:
        """Accept the form of one page; on any error store nothing and say why per field.

        Only items on the page that are relevant (given the answers before
        them, this page's included) are read from ``raw``; anything else in it
        is ignored. On success calculations are recomputed, answers of items
        that stopped being relevant are cleared and repeats cut to their count.
        """
        section, instance = self._resolve(page_id)
        tentative = self._draft()
        held = self._held(tentative, section, instance)
        context = self._context(tentative, section, instance)
        errors: list[FieldError] = []
        for field in section.fields:
            relevant = field.applies(context)
            if field.calculation is not None:
                result = evaluate(field.calculation, context) if relevant else None
                _store(held, field.code, result)
                continue
            if not relevant:
                held.pop(field.code, None)
                continue
            value, problem = parse_raw(field, _raw_value(raw, field), self.language)
            if problem is None and value is None and field.required:
                problem = message("required", self.language)
            if problem is None and value is not None:
                problem = self._check(field, value, context)
            if problem is not None:
                errors.append(FieldError(field.code, problem))
                held.pop(field.code, None)
                continue
            _store(held, field.code, value)
        if errors:
            return errors
        # The stored answers are settled; with expressions reading only earlier items, the
        # sections before this page read nothing that changed and stay as they are.
        # The later sections that read nothing settling changed stay as they are too.
        if self._plan.settles_in_order:
            start = self._plan.section_index[section.section.name]
            settle(self._plan, tentative, self.today, start, self._answers)
        else:
            settle(self._plan, tentative, self.today)
        self._remember_settled(tentative)
        self._answers = tentative
        self._refs = None
        return []

    def _draft(self) -> dict[str, Any]:
        """A copy of the answers for ``apply_page`` to change.

        Applying and settling change in place only the document, its repeats' lists and
        their instances; every other value is replaced, never changed, so those are copied
        and the rest shared. A document that was not a plain tree when given, or a repeat
        holding anything but a list of dicts (which settling replaces), is copied whole."""
        if not self._plain:
            return copy_document(self._answers)  # type: ignore[no-any-return]
        draft = dict(self._answers)
        for code in self._plan.repeat_fields:
            instances = draft.get(code)
            if instances is None:
                continue
            if type(instances) is not list or any(type(one) is not dict for one in instances):
                return copy_document(self._answers)  # type: ignore[no-any-return]
            draft[code] = [dict(one) for one in instances]
        return draft

    def _check(self, field: Field, value: Any, context: AnswerContext) -> str | None:
        problem = check_value(field, value, self.language, context, self.reference_period)
        if problem is not None or field.constraint is None or value in field.special_codes:
            return problem
        context.current_value = value
        try:
            passed = to_boolean(evaluate(field.constraint, context))
        finally:
            context.current_value = None
        if passed:
            return None
        text = getattr(field.item, "constraint_message", None)
        if text is None:
            return message("invalid", self.language)
        return render_text(text, self.language, self._plan, context)

    # --- where we are --------------------------------------------------------------

    def _missing(self, section: SectionPlan, instance: int | None) -> tuple[int, int]:
        """(unanswered relevant required items, answered relevant items) of a page."""
        context = self._context(self._answers, section, instance)
        held = _peek(self._answers, section, instance)
        missing = answered = 0
        for unit in section.units:
            if not unit.applies(context):
                continue
            for field in unit.fields:
                if field.grid is not None and not field.applies(context):
                    continue
                if field.code in held:
                    answered += 1
                elif field.required:
                    missing += 1
        return missing, answered

    def progress(self) -> tuple[int, int]:
        """(pages done, pages asked). A page is done when its relevant required items
        are answered and it holds an answer or has nothing to answer."""
        refs = self._page_refs()
        done = 0
        for section, instance in refs.values():
            missing, answered = self._missing(section, instance)
            has_fields = any(unit.fields for unit in section.units)
            if missing == 0 and (answered > 0 or not has_fields):
                done += 1
        return done, len(refs)

    def is_complete(self) -> bool:
        """Whether every relevant required item of every asked page is answered."""
        return all(
            self._missing(section, instance)[0] == 0
            for section, instance in self._page_refs().values()
        )

    def first_unfinished(self) -> str | None:
        """The first asked page showing a relevant required question without an answer: the
        page whose views have one with ``relevant``, ``required`` and ``value is None``
        (what the web survey looked for in ``pages()``, without building every page)."""
        answers = self._answers
        for page_id, (section, instance) in self._page_refs().items():
            context = self._context(answers, section, instance)
            held = _peek(answers, section, instance)
            for unit in section.units:
                if not unit.fields or not unit.applies(context):
                    continue  # a note, or not relevant: nothing asked
                grid = isinstance(unit.item, GridItem)
                for field in unit.fields:
                    if grid and not field.applies(context):
                        continue
                    if field.required and held.get(field.code) is None:
                        return page_id
        return None


def _page_id(section: SectionPlan, instance: int | None) -> str:
    name = section.section.name
    return name if instance is None else f"{name}/{instance}"


def _raw_value(raw: RawForm, field: Field) -> str | Sequence[str] | None:
    # A werkzeug MultiDict's get() gives only the first of several checked boxes.
    getlist = getattr(raw, "getlist", None)
    if field.kind == "multiple" and callable(getlist):
        return list(getlist(field.code))
    return raw.get(field.code)


def _peek(answers: dict[str, Any], section: SectionPlan, instance: int | None) -> Mapping[str, Any]:
    """The answers of a page without creating its repeat instance."""
    if section.repeat is None or instance is None:
        return answers
    instances = answers.get(section.repeat.code)
    if isinstance(instances, list) and instance <= len(instances):
        found = instances[instance - 1]
        return found if isinstance(found, dict) else {}
    return {}


def _store(held: dict[str, Any], code: str, value: Any) -> None:
    if value is None or value == "" or value == [] or (isinstance(value, float) and value != value):
        held.pop(code, None)
    else:
        held[code] = value


#: Where a text without ``${name}`` is rendered: it reads no answer.
_NO_ANSWERS: Any = None


def _copied(value: Any) -> Any:
    """A copy of an answer value for a view (a list of codes is not shared with the answers)."""
    return value if type(value) in _IMMUTABLE else copy.deepcopy(value)


_IMMUTABLE = frozenset({str, int, float, bool, type(None)})


def _date_text(bound: Any, context: AnswerContext) -> str | None:
    if bound is None:
        return None
    if isinstance(bound, dt.date):
        return bound.isoformat()
    text = to_string(evaluate(bound, context))[:10]
    return PipedText(text) if text else None  # computed from the answers
