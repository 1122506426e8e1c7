"""CSV imports of police-recorded crime and census population totals.

Every bad row is reported by line and column, and nothing is stored from a
file with any error. A row for a key already in the database (the same area,
period and crime type; or area, year, sex and age group) replaces the old
numbers: publishers revise their series.

Area codes: the code of one area (``01001``); when the same code exists in
several places, write the path of codes from the top, separated by ``/``
(``MX/01/001``).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from calendar import monthrange
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from analysis.crime_types import CRIME_STEMS

from ..models import Area, PoliceRecord, PopulationTotal, User, utcnow
from ..service_texts import Problem
from . import DBSession, audit
from .sample import RowError, count_cell, decode_csv, sniff_dialect, unclosed_quote

POLICE_COLUMNS = ("area_code", "period", "crime_type", "count", "population", "source")
POLICE_REQUIRED = ("area_code", "period", "crime_type", "count")
CENSUS_COLUMNS = ("area_code", "year", "sex", "age_group", "population", "source")
CENSUS_REQUIRED = ("area_code", "year", "sex", "age_group", "population")
#: Crime types: the questionnaire's ``crime_type`` codes, their stems, or ``all`` for totals.
CRIME_TYPES: dict[str, str] = {
    **{str(c): str(c) for c in CRIME_STEMS},
    **{stem: str(c) for c, stem in CRIME_STEMS.items()},
    "all": "all",
}
SEXES = {
    "1": "1",
    "2": "2",
    "m": "1",
    "male": "1",
    "hombre": "1",
    "f": "2",
    "female": "2",
    "mujer": "2",
}
_AGE_GROUP = re.compile(r"^(\d{1,3})(?:-(\d{1,3})|\+)$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
#: Years a police period or census total may refer to (census years and projections).
FIRST_YEAR, LAST_YEAR = 1900, 2200
#: Longest source note (the columns' length).
MAX_SOURCE = 200


@dataclasses.dataclass
class UploadResult:
    """Rows stored (added or replaced) and the problems found; nothing is stored when there are problems."""

    stored: int
    replaced: int
    errors: list[RowError]
    rows_read: int

    @property
    def ok(self) -> bool:
        return not self.errors


class AreaCodes:
    """Resolve area codes and ``/``-separated code paths to area ids."""

    def __init__(self, session: DBSession) -> None:
        self.areas = {
            a.id: a for a in session.execute(sa.select(Area.id, Area.code, Area.parent_id)).all()
        }
        self.by_code: dict[str, list[int]] = {}
        for a in self.areas.values():
            self.by_code.setdefault(a.code, []).append(a.id)

    def _path(self, area_id: int) -> list[str]:
        codes: list[str] = []
        current: Any = self.areas.get(area_id)
        while current is not None:
            codes.append(current.code)
            current = self.areas.get(current.parent_id) if current.parent_id is not None else None
        return codes[::-1]

    def resolve(self, text: str) -> tuple[int | None, Problem | None]:
        parts = [p.strip() for p in text.split("/") if p.strip()]
        if not parts:
            return None, Problem("upload_area_empty")
        candidates = [
            i for i in self.by_code.get(parts[-1], []) if self._path(i)[-len(parts) :] == parts
        ]
        if not candidates:
            return None, Problem("upload_area_unknown", code=text)
        if len(candidates) > 1:
            example = "/".join(self._path(candidates[0]))
            return None, Problem(
                "upload_area_ambiguous", code=text, n=len(candidates), example=example
            )
        return candidates[0], None


def parse_period(text: str) -> tuple[tuple[dt.date, dt.date] | None, Problem | None]:
    """``2024`` (a year), ``2024-03`` (a month), ``2024-Q2`` or ``2024-01-01/2024-06-30``,
    within the years FIRST_YEAR to LAST_YEAR."""
    text = text.strip()
    period: tuple[dt.date, dt.date] | None = None
    try:
        if m := _YEAR.match(text):
            year = int(m.group(1))
            period = (dt.date(year, 1, 1), dt.date(year, 12, 31))
        elif m := _MONTH.match(text):
            year, month = int(m.group(1)), int(m.group(2))
            period = (dt.date(year, month, 1), dt.date(year, month, monthrange(year, month)[1]))
        elif m := _QUARTER.match(text):
            year, quarter = int(m.group(1)), int(m.group(2))
            last = 3 * quarter
            period = (dt.date(year, last - 2, 1), dt.date(year, last, monthrange(year, last)[1]))
        elif "/" in text:
            first, last_day = (dt.date.fromisoformat(p.strip()) for p in text.split("/", 1))
            period = (first, last_day)
    except ValueError:
        period = None
    if period is None:
        return None, Problem("period_invalid", raw=text)
    if period[1] < period[0]:
        return None, Problem("period_reversed", raw=text)
    if period[0].year < FIRST_YEAR or period[1].year > LAST_YEAR:
        return None, Problem("period_years", raw=text, first=FIRST_YEAR, last=LAST_YEAR)
    return period, None


def _count(text: str, what: Problem, *, minimum: int = 0) -> tuple[int | None, Problem | None]:
    """A count (thousands may be grouped), 0 or ``minimum`` to 2,147,483,647."""
    return count_cell(text, what, minimum=minimum)


def _year(text: str) -> tuple[int | None, Problem | None]:
    """A year from FIRST_YEAR to LAST_YEAR, in four ASCII digits."""
    text = text.strip()
    if (
        len(text) == 4
        and text.isascii()
        and text.isdigit()
        and FIRST_YEAR <= int(text) <= LAST_YEAR
    ):
        return int(text), None
    return None, Problem("year_invalid", raw=text, first=FIRST_YEAR, last=LAST_YEAR)


RowParser = Callable[[int, dict[str, str], AreaCodes], tuple[dict[str, Any] | None, list[RowError]]]


def _read(
    data: bytes | str,
    columns: tuple[str, ...],
    required: tuple[str, ...],
    parse: RowParser,
    codes: AreaCodes,
) -> tuple[list[tuple[int, dict[str, Any]]], list[RowError], int]:
    text, decode_error = decode_csv(data)
    if text is None:
        return [], [decode_error] if decode_error else [], 0
    dialect = sniff_dialect(text)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header_row = next(reader, None)
    except csv.Error as exc:
        return [], [RowError.of(1, None, Problem("csv_header_unreadable", error=exc))], 0
    if not header_row or not any(h.strip() for h in header_row):
        return [], [RowError.of(1, None, Problem("csv_empty"))], 0
    header = ["_".join(h.strip().lower().split()) for h in header_row]
    errors = [
        RowError.of(1, name or f"#{i}", Problem("column_unknown", columns=", ".join(columns)))
        for i, name in enumerate(header, start=1)
        if name not in columns
    ]
    errors += [
        RowError.of(1, name, Problem("column_repeated"))
        for name in sorted({h for h in header if header.count(h) > 1})
    ]
    errors += [
        RowError.of(1, name, Problem("column_required")) for name in required if name not in header
    ]
    if errors:
        return [], errors, 0
    rows: list[tuple[int, dict[str, Any]]] = []
    read = 0
    line = reader.line_num  # the header's last line
    last_line = sum(1 for _line in io.StringIO(text, newline=""))
    try:
        for raw in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in raw):
                continue
            read += 1
            if line > start and line == last_line and unclosed_quote(text, dialect, start):
                # a stray opening quote took every later line into this row's last cell
                errors.append(
                    RowError.of(start, None, Problem("csv_quote_unclosed", first=start, last=line))
                )
                continue
            if len(raw) != len(header):
                errors.append(
                    RowError.of(
                        line, None, Problem("field_count", found=len(raw), expected=len(header))
                    )
                )
                continue
            values = {name: cell.strip() for name, cell in zip(header, raw, strict=True)}
            for name in required:
                if not values.get(name):
                    errors.append(RowError.of(line, name, Problem("cell_empty")))
            if any(not values.get(name) for name in required):
                continue
            parsed, row_errors = parse(line, values, codes)
            errors += row_errors
            if parsed is not None and not row_errors:
                rows.append((line, parsed))
    except csv.Error as exc:
        errors.append(RowError.of(reader.line_num, None, Problem("csv_line_unreadable", error=exc)))
    if read == 0 and not errors:
        errors.append(RowError.of(2, None, Problem("upload_no_rows")))
    return rows, errors, read


def _police_row(
    line: int, values: dict[str, str], codes: AreaCodes
) -> tuple[dict[str, Any] | None, list[RowError]]:
    errors: list[RowError] = []
    area_id, problem = codes.resolve(values["area_code"])
    if problem:
        errors.append(RowError.of(line, "area_code", problem))
    period, problem = parse_period(values["period"])
    if problem:
        errors.append(RowError.of(line, "period", problem))
    crime = CRIME_TYPES.get(values["crime_type"].lower())
    if crime is None:
        problem = Problem(
            "crime_type_unknown",
            raw=values["crime_type"],
            codes=", ".join(map(str, CRIME_STEMS)),
            names=", ".join(CRIME_STEMS.values()),
        )
        errors.append(RowError.of(line, "crime_type", problem))
    count, problem = _count(values["count"], Problem("word_crimes"))
    if problem:
        errors.append(RowError.of(line, "count", problem))
    population = None
    if values.get("population"):
        population, problem = _count(values["population"], Problem("word_people"), minimum=1)
        if problem:
            errors.append(RowError.of(line, "population", problem))
    if len(values.get("source", "")) > MAX_SOURCE:
        errors.append(RowError.of(line, "source", Problem("too_long", n=MAX_SOURCE)))
    if errors or period is None:
        return None, errors
    return {
        "area_id": area_id,
        "period_start": period[0],
        "period_end": period[1],
        "crime_type": crime,
        "count": count,
        "population": population,
        "source": values.get("source") or None,
    }, []


def _census_row(
    line: int, values: dict[str, str], codes: AreaCodes
) -> tuple[dict[str, Any] | None, list[RowError]]:
    errors: list[RowError] = []
    area_id, problem = codes.resolve(values["area_code"])
    if problem:
        errors.append(RowError.of(line, "area_code", problem))
    year, problem = _year(values["year"])
    if problem:
        errors.append(RowError.of(line, "year", problem))
    sex = SEXES.get(values["sex"].lower())
    if sex is None:
        errors.append(RowError.of(line, "sex", Problem("sex_unknown", raw=values["sex"])))
    group = values["age_group"].replace(" ", "")
    match = _AGE_GROUP.match(group)
    if match is None or (match.group(2) is not None and int(match.group(2)) < int(match.group(1))):
        problem = Problem("age_group_invalid", raw=values["age_group"])
        errors.append(RowError.of(line, "age_group", problem))
    population, problem = _count(values["population"], Problem("word_people"))
    if problem:
        errors.append(RowError.of(line, "population", problem))
    if len(values.get("source", "")) > MAX_SOURCE:
        errors.append(RowError.of(line, "source", Problem("too_long", n=MAX_SOURCE)))
    if errors:
        return None, errors
    return {
        "area_id": area_id,
        "reference_year": year,
        "sex": sex,
        "age_group": group,
        "population": population,
        "source": values.get("source") or None,
    }, []


def _store(
    session: DBSession,
    model: Any,
    rows: list[tuple[int, dict[str, Any]]],
    key: tuple[str, ...],
    extra: dict[str, Any],
    errors: list[RowError],
    what: Problem,
) -> tuple[int, int]:
    seen: dict[tuple[Any, ...], int] = {}
    for line, row in rows:
        k = tuple(row[c] for c in key)
        if k in seen:
            problem = Problem("row_repeated", what=what, first=seen[k])
            errors.append(RowError.of(line, None, problem))
        else:
            seen[k] = line
    if errors:
        return 0, 0
    # Only keys and ids are read, and every check is done, before the two executemany writes:
    # on SQLite the first write holds the one write lock until the caller commits
    # (docs/server.md), and the ORM took seconds for 90,000 rows.
    existing = {
        tuple(found[1:]): found[0]
        for found in session.execute(
            sa.select(model.id, *(getattr(model, c) for c in key)).where(
                model.area_id.in_({r["area_id"] for _l, r in rows})
            )
        )
    }
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for _line, row in rows:
        old_id = existing.get(tuple(row[c] for c in key))
        if old_id is not None:
            changed.append({"old_id": old_id, **row, **extra})
        else:
            new.append({**row, **extra})
    connection = session.connection()
    if changed:
        connection.execute(sa.update(model).where(model.id == sa.bindparam("old_id")), changed)
    if new:
        connection.execute(sa.insert(model), new)
    replaced = len(changed)
    return len(rows), replaced


def import_police_records(
    session: DBSession, data: bytes | str, *, by: User | None = None
) -> UploadResult:
    """Check and store a police-recorded crime CSV (area_code, period, crime_type, count, population, source)."""
    rows, errors, read = _read(
        data, POLICE_COLUMNS, POLICE_REQUIRED, _police_row, AreaCodes(session)
    )
    stored, replaced = _store(
        session,
        PoliceRecord,
        rows,
        ("area_id", "period_start", "period_end", "crime_type"),
        {"uploaded_by_id": by.id if by else None, "uploaded_at": utcnow()},
        errors,
        Problem("word_police_key"),
    )
    if errors:
        return UploadResult(0, 0, errors, read)
    audit.record(
        session,
        "police.import",
        user=by,
        object_type="police_records",
        details={"stored": stored, "replaced": replaced},
    )
    return UploadResult(stored, replaced, [], read)


def import_population_totals(
    session: DBSession, data: bytes | str, *, by: User | None = None
) -> UploadResult:
    """Check and store a census CSV (area_code, year, sex, age_group, population, source)."""
    rows, errors, read = _read(
        data, CENSUS_COLUMNS, CENSUS_REQUIRED, _census_row, AreaCodes(session)
    )
    stored, replaced = _store(
        session,
        PopulationTotal,
        rows,
        ("area_id", "reference_year", "sex", "age_group"),
        {},
        errors,
        Problem("word_census_key"),
    )
    if errors:
        return UploadResult(0, 0, errors, read)
    audit.record(
        session,
        "census.import",
        user=by,
        object_type="population_totals",
        details={"stored": stored, "replaced": replaced},
    )
    return UploadResult(stored, replaced, [], read)


def upload_summary(session: DBSession) -> dict[str, list[Any]]:
    """What is stored: police records and census totals by area and period/year."""
    police = session.execute(
        sa.select(
            Area.code,
            Area.name,
            PoliceRecord.period_start,
            PoliceRecord.period_end,
            sa.func.count(),
            sa.func.sum(PoliceRecord.count),
            sa.func.max(PoliceRecord.uploaded_at),
        )
        .join(Area, Area.id == PoliceRecord.area_id)
        .group_by(Area.code, Area.name, PoliceRecord.period_start, PoliceRecord.period_end)
        .order_by(PoliceRecord.period_start.desc(), Area.code)
        .limit(200)
    ).all()
    census = session.execute(
        sa.select(
            Area.code,
            Area.name,
            PopulationTotal.reference_year,
            sa.func.count(),
            sa.func.sum(PopulationTotal.population),
        )
        .join(Area, Area.id == PopulationTotal.area_id)
        .group_by(Area.code, Area.name, PopulationTotal.reference_year)
        .order_by(PopulationTotal.reference_year.desc(), Area.code)
        .limit(200)
    ).all()
    return {"police": list(police), "census": list(census)}
