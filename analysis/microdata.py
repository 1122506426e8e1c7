"""Flat microdata from interview records: a respondent table and an incident table.

An interview record is a mapping with design and meta fields (interview id,
wave, area codes, stratum, PSU, weights, ...) and the ``answers`` document of
an instrument (``{code: value}``, repeats as lists of instance documents).
:func:`respondent_table` gives one row per interview and one column per
non-repeat item; :func:`incident_table` gives one row per instance of the
``incident`` repeat. Column names are the instrument's codes
(questionnaires/docs/naming.md); a multiple-choice item becomes one 0/1
column per choice code, ``<code>__<choice>``.

Special answers (-8 don't know, -9 refused) follow ``specials``:

* ``"keep"`` (default): the codes stay in the column (in every choice column
  of a multiple-choice item answered with a special), so that indicators can
  tell "unknown" from "not asked" (blank) as naming.md requires.
* ``"missing"``: special codes become blank (NaN) and a helper column
  ``<code>__special`` holds -8/-9 for the items that accept specials.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import numpy as np
import pandas as pd

from analysis.crime_types import CRIME_STEMS, HOUSEHOLD_STEMS, PERSONAL_STEMS, VIOLENT_STEMS
from questionnaires.instruments import standard_instrument as shipped_instrument
from questionnaires.model import (
    SPECIAL_CODES,
    CalculateItem,
    GridItem,
    Instrument,
    MultipleItem,
    NoteItem,
    RepeatItem,
)

__all__ = [
    "CRIME_STEMS",
    "HOUSEHOLD_STEMS",
    "MicrodataError",
    "PERSONAL_STEMS",
    "VIOLENT_STEMS",
    "has_repeat",
    "incident_table",
    "respondent_table",
    "screener_prefix",
    "standard_instrument",
]

SpecialPolicy = Literal["keep", "missing"]

_SPECIALS = frozenset(SPECIAL_CODES.values())

#: Names the interview that holds the i-th answers document (error messages only).
_Owner = Callable[[int], str]


class MicrodataError(ValueError):
    """An answer that does not fit the instrument, with the interview and field that hold it."""

    def __init__(self, interview: str, field: str, problem: str) -> None:
        super().__init__(f"interview {interview}, field {field!r}: {problem}")
        self.interview = interview
        self.field = field


def _owner_names(rows: Sequence[Mapping[str, Any]], owner: Sequence[int] | None = None) -> _Owner:
    """How an error names the interview of document ``i`` (its ``interview_id``, else its row)."""

    def name(i: int) -> str:
        row = owner[i] if owner is not None else i
        ident = rows[row].get("interview_id")
        return (
            repr(ident)
            if isinstance(ident, str)
            else str(ident)
            if ident is not None
            else f"#{row}"
        )

    return name


def screener_prefix(stem: str) -> str:
    """``hv_<stem>`` for household crimes, ``pv_<stem>`` for personal ones."""
    if stem in HOUSEHOLD_STEMS:
        return f"hv_{stem}"
    if stem in PERSONAL_STEMS:
        return f"pv_{stem}"
    raise ValueError(f"unknown crime stem {stem!r}")


@cache
def standard_instrument() -> Instrument:
    """The standard questionnaire ``vict_std`` shipped with :mod:`questionnaires`, loaded once."""
    return shipped_instrument("vict_std")


@dataclass(frozen=True)
class _Field:
    code: str
    multiple: bool
    choices: tuple[int, ...]
    accepts_special: bool
    numeric: bool


def _fields(items: Iterable[Any], instrument: Instrument) -> list[_Field]:
    out: list[_Field] = []
    for item in items:
        if isinstance(item, NoteItem | RepeatItem):
            continue
        if isinstance(item, GridItem):
            codes = tuple(c.code for c in instrument.choices(item.choices))
            for row in item.rows:
                out.append(_Field(row.code, False, codes, bool(item.special), True))
            continue
        if isinstance(item, CalculateItem):
            out.append(_Field(item.code, False, (), False, True))
            continue
        kind = item.type
        special = bool(getattr(item, "special", ()))
        if isinstance(item, MultipleItem):
            codes = tuple(c.code for c in instrument.choices(item.choices))
            out.append(_Field(item.code, True, codes, special, True))
        else:
            numeric = kind in ("single", "integer", "decimal")
            out.append(_Field(item.code, False, (), special, numeric))
    return out


def _plain_fields(instrument: Instrument) -> list[_Field]:
    items = [item for s in instrument.sections if s.repeat is None for item in s.items]
    return _fields(items, instrument)


def _find_repeat(instrument: Instrument, name: str) -> RepeatItem | None:
    for section in instrument.sections:
        if section.repeat is not None and section.repeat.code == name:
            return section.repeat
    return None


def has_repeat(instrument: Instrument, name: str = "incident") -> bool:
    """Whether the instrument has the repeat ``name`` (the standard incident module by default)."""
    return _find_repeat(instrument, name) is not None


def _repeat(instrument: Instrument, name: str) -> RepeatItem:
    found = _find_repeat(instrument, name)
    if found is None:
        raise ValueError(f"instrument {instrument.id!r} has no repeat {name!r}")
    return found


def _check_records(records: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    rows = list(records)
    for i, record in enumerate(rows):
        if not isinstance(record, Mapping):
            raise ValueError(f"record {i} is not a mapping")
        answers = record.get("answers")
        if not isinstance(answers, Mapping):
            raise ValueError(f"record {i}: 'answers' must be a mapping of codes to values")
    return rows


def _meta_columns(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for record in rows:
        for key in record:
            if key != "answers":
                seen.setdefault(key, None)
    return list(seen)


def _numeric(docs: Sequence[Mapping[str, Any]], code: str, owner: _Owner) -> np.ndarray:
    nan = np.nan
    try:
        # absent answers read as NaN directly (no second pass over the values)
        return np.array([doc.get(code, nan) for doc in docs], dtype=np.float64)
    except (TypeError, ValueError):
        pass
    try:  # explicit nulls (JSON null) are blanks too
        return np.array(
            [nan if v is None else v for v in (d.get(code) for d in docs)], dtype=np.float64
        )
    except (TypeError, ValueError):
        pass
    for i, doc in enumerate(docs):  # only to name the first value that is not a number
        value = doc.get(code)
        try:
            np.float64(nan if value is None else value)
        except (TypeError, ValueError):
            raise MicrodataError(owner(i), code, f"{value!r} is not a number") from None
    raise MicrodataError("?", code, "has values that are not numbers")


def _columns_for(
    field: _Field, docs: Sequence[Mapping[str, Any]], specials: SpecialPolicy, owner: _Owner
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if field.numeric and not field.multiple:
        return _numeric_columns(field, _numeric(docs, field.code, owner), specials)
    values = [doc.get(field.code) for doc in docs]
    if field.multiple:
        n = len(values)
        index = {code: j for j, code in enumerate(field.choices)}
        block = np.zeros((n, len(field.choices)))
        special = np.full(n, np.nan)
        for i, value in enumerate(values):
            if value is None:
                block[i] = np.nan
                continue
            if not isinstance(value, list):
                raise MicrodataError(
                    owner(i), field.code, f"{value!r} is not a list of choice codes"
                )
            for code in value:
                if code in _SPECIALS:
                    special[i] = code
                elif code in index:
                    block[i, index[code]] = 1.0
                else:
                    raise MicrodataError(owner(i), field.code, f"unknown choice {code!r}")
        has_special = ~np.isnan(special)
        block[has_special] = special[has_special, None] if specials == "keep" else np.nan
        for code, j in index.items():
            out[f"{field.code}__{code}"] = block[:, j]
    else:
        out[field.code] = pd.array(values, dtype=object)
        special = np.full(len(values), np.nan)
    return _with_special(out, field, special, specials)


def respondent_table(
    records: Iterable[Mapping[str, Any]],
    instrument: Instrument | None = None,
    specials: SpecialPolicy = "keep",
) -> pd.DataFrame:
    """One row per interview: meta fields, then one column per non-repeat item.

    Parameters
    ----------
    records : iterable of mapping
        Interview records: design and meta fields plus ``answers``.
    instrument : Instrument, optional
        Defaults to the standard questionnaire ``vict_std``.
    specials : {"keep", "missing"}
        Treatment of the special answers -8/-9 (see the module docstring).

    Returns
    -------
    pandas.DataFrame
        Meta columns in first-seen order, then the items in questionnaire
        order; numeric items as float64 with NaN where not asked; a
        multiple-choice item as ``<code>__<choice>`` 0/1 columns.

    Examples
    --------
    >>> respondent_table([{"interview_id": 1, "answers": {"dem_sex": 2}}])  # doctest: +SKIP
    """
    if specials not in ("keep", "missing"):
        raise ValueError(f"specials must be 'keep' or 'missing'; got {specials!r}")
    instrument = instrument or standard_instrument()
    rows = _check_records(records)
    data: dict[str, Any] = {}
    for key in _meta_columns(rows):
        data[key] = [record.get(key) for record in rows]
    docs = [record["answers"] for record in rows]
    fields = _plain_fields(instrument)
    numeric = [f for f in fields if f.numeric and not f.multiple]
    block = _numeric_block(docs, [f.code for f in numeric])
    for field in fields:
        if block is not None and field.numeric and not field.multiple:
            data.update(_numeric_columns(field, block[field.code], specials))
        else:
            data.update(_columns_for(field, docs, specials, _owner_names(rows)))
    return pd.DataFrame(data)


def _numeric_block(
    docs: Sequence[Mapping[str, Any]], codes: list[str]
) -> dict[str, np.ndarray] | None:
    """All numeric items at once, each document visited once (the fast path).

    Returns None when some value is not a number (or is an explicit null):
    the caller then builds those columns one by one, which names the
    offending column or treats nulls as blanks.
    """
    index = {code: j for j, code in enumerate(codes)}
    matrix = np.full((len(docs), len(codes)), np.nan)
    try:
        for i, doc in enumerate(docs):
            row = matrix[i]
            for key, value in doc.items():
                j = index.get(key)
                if j is not None:
                    row[j] = value
    except (TypeError, ValueError):
        return None
    return {code: matrix[:, j] for code, j in index.items()}


def _with_special(
    out: dict[str, Any], field: _Field, special: np.ndarray, specials: SpecialPolicy
) -> dict[str, Any]:
    """``out`` with the ``<code>__special`` column (-8/-9) where ``specials`` is "missing"."""
    if specials == "missing" and field.accepts_special:
        out[f"{field.code}__special"] = special
    return out


def _numeric_columns(field: _Field, column: np.ndarray, specials: SpecialPolicy) -> dict[str, Any]:
    out: dict[str, Any] = {}
    special = np.where((column == -8) | (column == -9), column, np.nan)
    if specials == "missing":
        column = np.where(np.isnan(special), column, np.nan)
    out[field.code] = column
    return _with_special(out, field, special, specials)


def incident_table(
    records: Iterable[Mapping[str, Any]],
    instrument: Instrument | None = None,
    specials: SpecialPolicy = "keep",
    repeat: str = "incident",
    weight: str = "weight",
) -> pd.DataFrame:
    """One row per incident module (instance of the ``incident`` repeat).

    Parameters
    ----------
    records : iterable of mapping
        Interview records as for :func:`respondent_table`.
    instrument : Instrument, optional
        Defaults to ``vict_std``.
    specials : {"keep", "missing"}
    repeat : str
        Code of the repeat.
    weight : str
        Meta field holding the respondent's (person) weight; when present the
        incident weight ``inc_weight`` is computed.

    Returns
    -------
    pandas.DataFrame
        The respondent's meta columns (id, design, weight), then the
        instance's items, then ``inc_rank`` (1 = most recent of its type),
        ``inc_count`` (the respondent's crime count of that type: ``_n``, or
        1 when ``_n`` is -8/-9), ``inc_count_imputed`` (1 when so),
        ``inc_described`` (modules of that type, ``n_inc_<stem>``),
        ``inc_factor = inc_count / inc_described`` and, with a weight,
        ``inc_weight = weight * inc_factor`` (naming.md: described incidents
        represent all crimes of their type).
    """
    if specials not in ("keep", "missing"):
        raise ValueError(f"specials must be 'keep' or 'missing'; got {specials!r}")
    instrument = instrument or standard_instrument()
    rows = _check_records(records)
    meta = _meta_columns(rows)
    fields = _fields(_repeat(instrument, repeat).items, instrument)
    owner: list[int] = []
    instances: list[Mapping[str, Any]] = []
    name = _owner_names(rows)
    for i, record in enumerate(rows):
        block = record["answers"].get(repeat)
        if block is None:
            continue
        if not isinstance(block, list):
            raise MicrodataError(name(i), repeat, "must be a list of instances")
        for instance in block:
            if not isinstance(instance, Mapping):
                raise MicrodataError(name(i), repeat, "every instance must be a mapping")
            owner.append(i)
            instances.append(instance)
    data: dict[str, Any] = {key: [rows[i].get(key) for i in owner] for key in meta}
    for field in fields:
        data.update(_columns_for(field, instances, specials, _owner_names(rows, owner)))
    table = pd.DataFrame(data)
    if "inc_crime" in table.columns and "inc_pos" in table.columns:
        _add_counts(table, [rows[i]["answers"] for i in owner], weight)
    return table


def _add_counts(table: pd.DataFrame, owners: list[Mapping[str, Any]], weight: str) -> None:
    crime = table["inc_crime"].to_numpy()
    pos = table["inc_pos"].to_numpy()
    count = np.full(len(table), np.nan)
    described = np.full(len(table), np.nan)
    previous = np.zeros(len(table))
    order = list(CRIME_STEMS.items())
    for i, answers in enumerate(owners):
        if np.isnan(crime[i]):
            continue
        stem = CRIME_STEMS.get(int(crime[i]))
        if stem is None:
            continue
        n = answers.get(f"{screener_prefix(stem)}_n")
        count[i] = 1.0 if n is None or n in _SPECIALS else float(n)
        described[i] = float(answers.get(f"n_inc_{stem}") or 1)
        k = [s for _, s in order].index(stem)
        previous[i] = float(answers.get(f"cum_inc_{order[k - 1][1]}", 0) or 0) if k else 0.0
    imputed = [
        1.0
        if answers.get(f"{screener_prefix(CRIME_STEMS[int(c)])}_n") in _SPECIALS
        else 0.0
        if not np.isnan(c) and int(c) in CRIME_STEMS
        else np.nan
        for answers, c in zip(owners, crime, strict=True)
    ]
    table["inc_rank"] = pos - previous
    table["inc_count"] = count
    table["inc_count_imputed"] = imputed
    table["inc_described"] = described
    table["inc_factor"] = count / described
    if weight in table.columns:
        table["inc_weight"] = pd.to_numeric(table[weight]) * table["inc_factor"]
