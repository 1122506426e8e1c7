"""Typed model of an instrument (questionnaire), as described in questionnaires/README.md.

The models only check the shape of an instrument (keys, types, identifiers).
Cross-references (choice lists, expressions, languages, order) are checked by
:mod:`questionnaires.loader`, which is the only supported way to build one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    field_validator,
)

__all__ = [
    "ANSWERABLE_TYPES",
    "SPECIAL_CODES",
    "CalculateItem",
    "Choice",
    "DateItem",
    "DecimalItem",
    "GridItem",
    "GridRow",
    "Instrument",
    "IntegerItem",
    "Item",
    "LongTextItem",
    "MonthItem",
    "MultipleItem",
    "NoteItem",
    "RepeatItem",
    "Section",
    "SingleItem",
    "TextItem",
]

#: Reserved choice codes of the special answers.
SPECIAL_CODES: dict[str, int] = {"dont_know": -8, "refused": -9}

#: Item types whose items (or rows) receive an answer from the respondent.
ANSWERABLE_TYPES = frozenset(
    {"single", "multiple", "integer", "decimal", "text", "longtext", "date", "month"}
)

Identifier = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
LanguageCode = Annotated[StrictStr, Field(pattern=r"^[a-z]{2}$")]
#: Text in every declared language: ``{language: text}``.
LocalizedText = Annotated[dict[LanguageCode, StrictStr], Field(min_length=1)]
#: An expression of the expression language (see questionnaires.expressions).
ExpressionText = Annotated[StrictStr, Field(min_length=1)]
SpecialAnswer = Literal["dont_know", "refused"]
Number = StrictInt | StrictFloat


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Strict):
    """One answer option of a choice list."""

    code: StrictInt
    label: LocalizedText


class _ItemBase(_Strict):
    code: Identifier
    label: LocalizedText
    hint: LocalizedText | None = None
    relevant: ExpressionText | None = None


class _AnswerableBase(_ItemBase):
    required: StrictBool = False
    constraint: ExpressionText | None = None
    constraint_message: LocalizedText | None = None
    special: tuple[SpecialAnswer, ...] = ()


class SingleItem(_AnswerableBase):
    """One choice from a list; stored as the integer choice code."""

    type: Literal["single"]
    choices: Identifier


class MultipleItem(_AnswerableBase):
    """Any number of choices from a list; stored as a list of codes."""

    type: Literal["multiple"]
    choices: Identifier


class IntegerItem(_AnswerableBase):
    """A whole number, optionally bounded."""

    type: Literal["integer"]
    min: StrictInt | None = None
    max: StrictInt | None = None


class DecimalItem(_AnswerableBase):
    """A number with decimals, optionally bounded."""

    type: Literal["decimal"]
    min: Number | None = None
    max: Number | None = None


class TextItem(_AnswerableBase):
    """One line of text (at most 255 characters)."""

    type: Literal["text"]
    max_length: Annotated[StrictInt, Field(ge=1, le=255)] | None = None


class LongTextItem(_AnswerableBase):
    """Free text of several lines (at most 4000 characters)."""

    type: Literal["longtext"]
    max_length: Annotated[StrictInt, Field(ge=1, le=4000)] | None = None


class DateItem(_AnswerableBase):
    """A calendar date ``YYYY-MM-DD``; ``min``/``max`` are dates or expressions."""

    type: Literal["date"]
    min: StrictStr | None = None
    max: StrictStr | None = None

    @field_validator("min", "max", mode="before")
    @classmethod
    def _date_to_text(cls, value: Any) -> Any:
        # YAML reads an unquoted 2024-01-31 as a date; keep the ISO text.
        if isinstance(value, dt.date):
            return value.isoformat()
        return value


class MonthItem(_AnswerableBase):
    """A month ``YYYY-MM``; must fall in the interview's reference period."""

    type: Literal["month"]


class NoteItem(_ItemBase):
    """Text shown to the respondent; receives no answer."""

    type: Literal["note"]


class CalculateItem(_Strict):
    """A value computed from earlier answers and stored with them."""

    type: Literal["calculate"]
    code: Identifier
    calculation: ExpressionText
    relevant: ExpressionText | None = None
    choices: Identifier | None = None
    label: LocalizedText | None = None


class GridRow(_Strict):
    """One row of a grid: its own item, answered on the grid's shared scale."""

    code: Identifier
    label: LocalizedText
    relevant: ExpressionText | None = None


class GridItem(_Strict):
    """Several single-choice rows sharing one scale."""

    type: Literal["grid"]
    code: Identifier
    label: LocalizedText
    hint: LocalizedText | None = None
    relevant: ExpressionText | None = None
    required: StrictBool = False
    special: tuple[SpecialAnswer, ...] = ()
    choices: Identifier
    rows: Annotated[tuple[GridRow, ...], Field(min_length=1)]


#: Items that take an answer from the respondent (not notes, calculations, grids or repeats).
AnswerableItem = (
    SingleItem
    | MultipleItem
    | IntegerItem
    | DecimalItem
    | TextItem
    | LongTextItem
    | DateItem
    | MonthItem
)
PlainItem = Annotated[
    AnswerableItem | NoteItem | CalculateItem | GridItem,
    Field(discriminator="type"),
]


class RepeatItem(_Strict):
    """A block of items asked once per instance; ``count`` gives the number."""

    type: Literal["repeat"]
    code: Identifier
    count: ExpressionText | StrictInt
    title: LocalizedText
    label: LocalizedText | None = None
    relevant: ExpressionText | None = None
    items: Annotated[tuple[PlainItem, ...], Field(min_length=1)]


Item = Annotated[PlainItem | RepeatItem, Field(discriminator="type")]
#: Anything :meth:`Instrument.item` returns.
AnyItem = AnswerableItem | NoteItem | CalculateItem | GridItem | GridRow | RepeatItem


class Section(_Strict):
    """A group of items; one page in the web survey (one per instance for a repeat)."""

    name: Identifier
    title: LocalizedText
    relevant: ExpressionText | None = None
    items: Annotated[tuple[Item, ...], Field(min_length=1)]

    @property
    def repeat(self) -> RepeatItem | None:
        """The repeat this section pages through, if it is a repeat section."""
        first = self.items[0]
        return first if isinstance(first, RepeatItem) else None


class Instrument(_Strict):
    """A whole questionnaire. Build it with :mod:`questionnaires.loader`."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "description": "A questionnaire of the survey system (questionnaires/README.md).",
        },
    )

    id: Identifier
    version: Annotated[StrictStr, Field(min_length=1)]
    title: LocalizedText
    languages: Annotated[tuple[LanguageCode, ...], Field(min_length=1)]
    default_language: LanguageCode
    parameters: dict[Identifier, StrictInt | StrictFloat | StrictStr | StrictBool] = Field(
        default_factory=dict
    )
    choice_lists: dict[Identifier, Annotated[tuple[Choice, ...], Field(min_length=1)]] = Field(
        default_factory=dict
    )
    sections: Annotated[tuple[Section, ...], Field(min_length=1)]

    _index: dict[str, AnyItem] = PrivateAttr(default_factory=dict)
    _repeat_of: dict[str, RepeatItem] = PrivateAttr(default_factory=dict)
    _grid_of: dict[str, GridItem] = PrivateAttr(default_factory=dict)
    _section_of: dict[str, Section] = PrivateAttr(default_factory=dict)
    _hash: str = PrivateAttr(default="")
    #: Derived data cached by other modules (parsed expressions, interview plan).
    _cache: dict[str, Any] = PrivateAttr(default_factory=dict)

    def __eq__(self, other: object) -> bool:
        # Same content, whatever caches either holds.
        if not isinstance(other, Instrument):
            return NotImplemented
        return self.content_hash == other.content_hash

    def __hash__(self) -> int:
        return hash(self.content_hash)

    def model_post_init(self, context: Any, /) -> None:
        for section in self.sections:
            for item in _walk(section.items):
                # The first of duplicated codes wins; the loader reports duplicates.
                self._index.setdefault(item.code, item)
                self._section_of.setdefault(item.code, section)
            for item in section.items:
                if isinstance(item, RepeatItem):
                    for inner in _walk(item.items):
                        self._repeat_of.setdefault(inner.code, item)
            for item in _walk(section.items):
                if isinstance(item, GridItem):
                    for row in item.rows:
                        self._grid_of.setdefault(row.code, item)

    def item(self, code: str) -> AnyItem:
        """The item, grid row or repeat with this code; ``KeyError`` if there is none."""
        try:
            return self._index[code]
        except KeyError:
            raise KeyError(f"instrument {self.id!r} has no item {code!r}") from None

    def has_item(self, code: str) -> bool:
        """Whether an item, grid row or repeat has this code."""
        return code in self._index

    def items(self) -> Iterator[AnyItem]:
        """Every item in questionnaire order; a grid is followed by its rows and a
        repeat by its items."""
        for section in self.sections:
            yield from _walk(section.items)

    def repeat_of(self, code: str) -> RepeatItem | None:
        """The repeat that contains the item ``code``, or None at the top level."""
        return self._repeat_of.get(code)

    def grid_of(self, code: str) -> GridItem | None:
        """The grid a row belongs to, or None if ``code`` is not a grid row."""
        return self._grid_of.get(code)

    def section_of(self, code: str) -> Section:
        """The section that holds the item ``code``."""
        return self._section_of[code]

    def choices(self, list_name: str) -> tuple[Choice, ...]:
        """The choices of a list; ``KeyError`` if it does not exist."""
        return self.choice_lists[list_name]

    def to_dict(self) -> dict[str, Any]:
        """The instrument as the plain YAML-structured dict, without default values."""
        return self.model_dump(mode="json", exclude_defaults=True)

    @property
    def content_hash(self) -> str:
        """SHA-256 (hex) of the canonical JSON of :meth:`to_dict`.

        Canonical: keys sorted, no whitespace, UTF-8, default values left out;
        so YAML comments, layout, key order and spelled-out defaults do not
        change it, while any change of content does.
        """
        if not self._hash:
            canonical = json.dumps(
                self.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
            )
            self._hash = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        return self._hash


def _walk(items: tuple[Any, ...]) -> Iterator[AnyItem]:
    for item in items:
        yield item
        if isinstance(item, GridItem):
            yield from item.rows
        elif isinstance(item, RepeatItem):
            yield from _walk(item.items)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the instrument format (written to schema/instrument.schema.json)."""
    schema = Instrument.model_json_schema()
    return {"$schema": schema.pop("$schema"), **schema}


#: Where the exported JSON Schema lives (kept current by a test).
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "instrument.schema.json"


def json_schema_text() -> str:
    """The JSON Schema as the text stored in :data:`SCHEMA_PATH`."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_json_schema(path: Path = SCHEMA_PATH) -> None:
    """Regenerate the JSON Schema file (run after changing the model)."""
    path.write_text(json_schema_text(), encoding="utf-8")
