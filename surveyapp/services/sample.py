"""Importing sample units from CSV, reporting every bad row by line and column.

The column separator (comma, semicolon or tab) is read from the header line; a one-column
header with rows holding a semicolon or a tab is refused (the rows' separator differs).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
import re
from collections.abc import Collection, Iterable
from typing import Any

import sqlalchemy as sa

from ..models import Area, SampleUnit, SampleUnitStatus, User, Wave, utcnow
from ..models.base import MAX_INTEGER
from ..security import direction_control
from ..service_texts import Problem
from . import DBSession, audit

#: Accepted columns; only external_id is required. Headers are matched
#: case-insensitively, with spaces read as underscores.
COLUMNS = (
    "external_id",
    "address",
    "area_code",
    "stratum",
    "psu",
    "selection_probability",
    "eligible_adults",
)
REQUIRED_COLUMNS = ("external_id",)
#: Column separators a CSV may use, refused inside an id when the header line has one column
#: (with the sign a message shows for them). Such a header is read as comma-separated: a
#: comma in a row splits it into fields, reported as the wrong number of fields.
ID_SEPARATORS = {";": ";", "\t": "TAB"}
MAX_LENGTHS = {"external_id": 64, "address": 500, "area_code": 32, "stratum": 64, "psu": 64}


@dataclasses.dataclass(frozen=True)
class RowError:
    """One problem in the file: line 1 is the header; column None means the whole line/file.

    ``message`` is English; ``problem`` (when given) lets a staff page say it in its language.
    """

    line: int | None
    column: str | None
    message: str
    problem: Problem | None = dataclasses.field(default=None, compare=False)

    @classmethod
    def of(cls, line: int | None, column: str | None, problem: Problem) -> RowError:
        """The problem ``problem`` at ``line`` and ``column``, its English sentence the message."""
        return cls(line, column, str(problem), problem)

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f"column {self.column}")
        return (", ".join(where) + ": " if where else "") + self.message


@dataclasses.dataclass
class ImportResult:
    """Units added and problems found; nothing is added when there are problems
    unless the import allowed a partial result."""

    imported: list[str]  # external ids of the units added
    errors: list[RowError]
    rows_read: int

    @property
    def ok(self) -> bool:
        return not self.errors


#: Largest whole number a CSV cell may hold: what an ``Integer`` column holds on PostgreSQL.
MAX_WHOLE_NUMBER = MAX_INTEGER


#: A UTF-8 lead byte followed by a continuation byte: a file holding one is UTF-8 (perhaps
#: damaged), not Windows-1252, where an accented letter is followed by a letter or space.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


def decode_csv(data: bytes | str) -> tuple[str | None, RowError | None]:
    """Text of an uploaded file (UTF-8, with or without BOM, without NUL characters).

    A file that is not UTF-8 is read as Windows-1252 (Latin-1 and the quotes and dashes
    Excel adds), what Excel in Spanish, Portuguese or French saves as "CSV" ("CSV
    (delimitado por comas)"), unless it holds a NUL byte (UTF-16), a byte Windows-1252
    leaves undefined or a UTF-8 sequence (a UTF-8 file with a damaged byte, whose accents
    would otherwise be read wrong): those are refused, naming the line of the bad byte.
    """
    if isinstance(data, str):
        text = data.lstrip("\ufeff")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            if b"\x00" in data or _UTF8_SEQUENCE.search(data):
                return None, RowError.of(line, None, Problem("csv_not_utf8"))
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as undefined:
                line = data[: undefined.start].count(b"\n") + 1
                return None, RowError.of(line, None, Problem("csv_not_utf8"))
    nul = text.find("\x00")
    if nul >= 0:
        # PostgreSQL cannot store it and SQLite would keep it silently: refuse the file.
        return None, RowError.of(text.count("\n", 0, nul) + 1, None, Problem("csv_nul"))
    return text, None


def whole_number(
    raw: str, what: Problem | str, *, minimum: int = 0, maximum: int = MAX_WHOLE_NUMBER
) -> tuple[int | None, Problem | None]:
    """A whole number of ``what`` (a word) from a CSV cell, within ``minimum`` to ``maximum``."""
    text = raw.strip()
    # int() also reads "١٢" and "1_000"; a cell holds ASCII digits only.
    digits = text[1:] if text[:1] == "-" else text
    if not (digits.isascii() and digits.isdigit()):
        return None, Problem("not_whole_number", raw=raw, what=what)
    value = int(text) if len(digits) <= 20 else maximum + 1
    if not minimum <= value <= maximum:
        shown = text if len(text) <= 24 else text[:20] + "…"
        return None, Problem(
            "out_of_range", text=shown, what=what, minimum=minimum, maximum=maximum
        )
    return value, None


#: A count with its thousands grouped as a spreadsheet writes them in the staff's languages:
#: 9.485.405 (es, pt), 9,485,405 (en), 9 485 405 (fr: a space or no-break space), 9'485'405;
#: one separator throughout, groups of three digits. A count has no decimals, so a dot or
#: comma there can only group thousands.
_GROUPED = re.compile(r"\d{1,3}([.,'\u00a0\u202f ])\d{3}(?:\1\d{3})*")


def count_cell(
    raw: str, what: Problem | str, *, minimum: int = 0, maximum: int = MAX_WHOLE_NUMBER
) -> tuple[int | None, Problem | None]:
    """A count of ``what`` from a CSV cell, as :func:`whole_number`, its thousands possibly
    grouped (Excel in Spanish writes 9485405 formatted as '9.485.405')."""
    text = raw.strip()
    if _GROUPED.fullmatch(text):
        text = re.sub(r"\D", "", text)
    value, problem = whole_number(text, what, minimum=minimum, maximum=maximum)
    if problem is not None and problem.key == "not_whole_number":
        problem = Problem("not_whole_number", raw=raw.strip(), what=what)  # as it was written
    return value, problem


def sniff_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """The separator of ``text``'s header line; quotes as a spreadsheet writes them."""
    header = text.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(header, delimiters=",;\t")
    except csv.Error:
        return csv.excel
    # A header without quotes makes the sniffer guess doublequote False: a cell Excel or
    # LibreOffice wrote as "Calle ""Sol"" 1" was then read as 'Calle "Sol""' and ' 1"'.
    dialect.doublequote = True
    return dialect


def unclosed_quote(text: str, dialect: type[csv.Dialect] | csv.Dialect, start: int) -> bool:
    """Whether the row starting on line ``start`` and running to the end of ``text`` opens a
    quotation mark it never closes: the lenient reader then takes every later line into one
    cell, where a strict one finds the end of the data inside the quotes."""
    lines = io.StringIO(text, newline="").readlines()  # the lines the reader counts
    tail = io.StringIO("".join(lines[start - 1 :]), newline="")
    try:
        for _row in csv.reader(tail, dialect, strict=True):
            pass
    except csv.Error:
        return True
    return False


def direction_errors(line: int, values: dict[str, str]) -> list[RowError]:
    """One error per cell of ``values`` holding a character that reorders text (a household
    id shown in a heading or a message): :func:`security.direction_control`."""
    found = ((name, direction_control(value)) for name, value in values.items())
    return [
        RowError.of(line, name, Problem("cell_direction_control", char=char))
        for name, char in found
        if char is not None
    ]


def _normalise_header(name: str) -> str:
    return "_".join(name.strip().lower().split())


def _parse_probability(raw: str) -> tuple[float | None, Problem | None]:
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        # the example is written with the page language's decimal mark (either mark is read)
        return None, Problem("probability_not_number", raw=raw, example=0.25)
    if not (0 < value <= 1) or math.isnan(value):
        return None, Problem("probability_range", raw=raw)
    return value, None


def _parse_adults(raw: str) -> tuple[int | None, Problem | None]:
    return whole_number(raw, Problem("word_adults"), minimum=0, maximum=99)


def _area_lookup(session: DBSession, wave: Wave) -> dict[str, list[Area]]:
    """Areas by code: the wave's areas and everything below them, or all areas if it has none."""
    areas = list(session.scalars(sa.select(Area)))
    by_id = {a.id: a for a in areas}
    if wave.areas:
        allowed = {a.id for a in wave.areas}
        by_parent: dict[int | None, list[Area]] = {}
        for a in areas:
            by_parent.setdefault(a.parent_id, []).append(a)
        stack = list(allowed)
        while stack:
            for child in by_parent.get(stack.pop(), []):
                if child.id not in allowed:
                    allowed.add(child.id)
                    stack.append(child.id)
        areas = [a for a in areas if a.id in allowed]
    # by code, and by code path ("MX/19/039", as the Areas page shows it): the path names one
    # area where a code repeats (municipality 039 of two states)
    lookup: dict[str, list[Area]] = {}
    for a in areas:
        lookup.setdefault(a.code, []).append(a)
        codes, above = [a.code], by_id.get(a.parent_id) if a.parent_id is not None else None
        while above is not None:
            codes.append(above.code)
            above = by_id.get(above.parent_id) if above.parent_id is not None else None
        if len(codes) > 1:
            lookup.setdefault("/".join(reversed(codes)), []).append(a)
    return lookup


def _path_of(area: Area) -> str:
    """Codes from the country down to the area, e.g. "MX/19/039" (as services/areas.area_path)."""
    return "/".join([a.code for a in reversed(area.ancestors())] + [area.code])


def import_sample_units(
    session: DBSession,
    wave: Wave,
    data: bytes | str,
    *,
    allow_partial: bool = False,
    by: User | None = None,
    within: Collection[int] | None = None,
) -> ImportResult:
    """Check every row of a sample-unit CSV and add the units to ``wave``.

    Every problem is reported with its line and column. With errors, nothing is
    added unless ``allow_partial`` (then the good rows are added). ``within``
    (a user limited to an area): every unit needs an area code among these areas.
    """
    text, decode_error = decode_csv(data)
    if text is None:
        return ImportResult([], [decode_error] if decode_error else [], 0)
    dialect = sniff_dialect(text)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    errors: list[RowError] = []
    try:
        header_row = next(reader, None)
    except csv.Error as exc:
        return ImportResult(
            [], [RowError.of(1, None, Problem("csv_header_unreadable", error=exc))], 0
        )
    if not header_row or not any(h.strip() for h in header_row):
        return ImportResult([], [RowError.of(1, None, Problem("csv_empty"))], 0)
    header = [_normalise_header(h) for h in header_row]
    for position, name in enumerate(header, start=1):
        if not name:
            # Excel writes a separator for every column ever used (";;" ending each line): a
            # column without a name is allowed as long as its cells are empty (_check_row).
            continue
        if name not in COLUMNS:
            errors.append(
                RowError.of(
                    1,
                    name or f"#{position}",
                    Problem("column_unknown", columns=", ".join(COLUMNS)),
                )
            )
        elif header.count(name) > 1 and header.index(name) == position - 1:
            errors.append(RowError.of(1, name, Problem("column_repeated")))
    for name in REQUIRED_COLUMNS:
        if name not in header:
            errors.append(RowError.of(1, name, Problem("column_required")))
    if within is not None and "area_code" not in header:
        errors.append(RowError.of(1, "area_code", Problem("sample_area_code_required")))
    if errors:
        return ImportResult([], errors, 0)

    existing = set(
        session.scalars(sa.select(SampleUnit.external_id).where(SampleUnit.wave_id == wave.id))
    )
    areas = _area_lookup(session, wave) if "area_code" in header else {}
    if within is not None:
        areas = {
            code: inside
            for code, found in areas.items()
            if (inside := [a for a in found if a.id in within])
        }
    seen: dict[str, int] = {}
    good: list[dict[str, Any]] = []
    rows_read = 0
    line = reader.line_num  # the header's last line
    last_line = sum(1 for _line in io.StringIO(text, newline=""))
    try:
        for row in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            rows_read += 1
            if line > start and line == last_line and unclosed_quote(text, dialect, start):
                # only a row running to the end of the file can have swallowed the lines after it
                problem = Problem("csv_quote_unclosed", first=start, last=line)
                errors.append(RowError.of(start, None, problem))
                continue
            unit, row_errors = _check_row(line, header, row, existing, seen, areas)
            if (
                within is not None
                and unit is not None
                and unit["area_id"] is None
                and not any(e.column == "area_code" for e in row_errors)
            ):
                row_errors.append(RowError.of(line, "area_code", Problem("sample_area_code_empty")))
            errors.extend(row_errors)
            if unit is not None and not row_errors:
                good.append(unit)
    except csv.Error as exc:
        errors.append(RowError.of(reader.line_num, None, Problem("csv_line_unreadable", error=exc)))
    if rows_read == 0 and not errors:
        errors.append(RowError.of(2, None, Problem("sample_no_rows")))

    if errors and not allow_partial:
        return ImportResult([], errors, rows_read)
    if good:
        # Core executemany: ORM objects would be inserted one statement at a time on SQLite.
        now = utcnow()
        session.execute(
            sa.insert(SampleUnit),
            [
                {"wave_id": wave.id, "status": SampleUnitStatus.pending, "created_at": now, **row}
                for row in good
            ],
        )
    session.flush()
    audit.record(
        session,
        "sample.import",
        user=by,
        object_type="wave",
        object_id=wave.id,
        details={"imported": len(good), "errors": len(errors)},
    )
    return ImportResult([row["external_id"] for row in good], errors, rows_read)


def _check_row(
    line: int,
    header: list[str],
    row: list[str],
    existing: set[str],
    seen: dict[str, int],
    areas: dict[str, list[Area]],
) -> tuple[dict[str, Any] | None, list[RowError]]:
    """The row as SampleUnit column values, and its problems."""
    errors: list[RowError] = []
    if len(row) != len(header):
        return None, [
            RowError.of(line, None, Problem("field_count", found=len(row), expected=len(header)))
        ]
    values = {name: cell.strip() for name, cell in zip(header, row, strict=True) if name}
    for position, (name, cell) in enumerate(zip(header, row, strict=True), start=1):
        if not name and cell.strip():
            errors.append(RowError.of(line, f"#{position}", Problem("cell_without_column")))
    for name, limit in MAX_LENGTHS.items():
        if len(values.get(name, "")) > limit:
            errors.append(RowError.of(line, name, Problem("too_long", n=limit)))
    errors.extend(direction_errors(line, values))
    external_id = values["external_id"]
    separator = (
        next((mark for mark in ID_SEPARATORS if mark in external_id), None)
        if len(header) == 1
        else None
    )
    if not external_id:
        errors.append(RowError.of(line, "external_id", Problem("sample_id_empty")))
    elif separator is not None:
        # The header line has one column (the separator is read from it) but the rows have
        # several: "X1;Calle 12" would become one unit's id.
        errors.append(
            RowError.of(
                line,
                "external_id",
                Problem("sample_id_separator", id=external_id, mark=ID_SEPARATORS[separator]),
            )
        )
    elif external_id in seen:
        errors.append(
            RowError.of(
                line,
                "external_id",
                Problem("sample_id_repeated", id=external_id, first=seen[external_id]),
            )
        )
    elif external_id in existing:
        errors.append(RowError.of(line, "external_id", Problem("sample_id_exists", id=external_id)))
    else:
        seen[external_id] = line
    unit: dict[str, Any] = {
        "external_id": external_id,
        "address": values.get("address") or None,
        "stratum": values.get("stratum") or None,
        "psu": values.get("psu") or None,
        "area_id": None,
        "selection_probability": None,
        "eligible_adults": None,
    }
    if raw := values.get("selection_probability"):
        unit["selection_probability"], problem = _parse_probability(raw)
        if problem:
            errors.append(RowError.of(line, "selection_probability", problem))
    if raw := values.get("eligible_adults"):
        unit["eligible_adults"], problem = _parse_adults(raw)
        if problem:
            errors.append(RowError.of(line, "eligible_adults", problem))
    if code := values.get("area_code"):
        matches = areas.get(code, [])
        if not matches:
            errors.append(RowError.of(line, "area_code", Problem("sample_area_unknown", code=code)))
        elif len(matches) > 1:
            errors.append(
                RowError.of(
                    line,
                    "area_code",
                    Problem(
                        "sample_area_ambiguous",
                        code=code,
                        n=len(matches),
                        paths=", ".join(sorted(_path_of(a) for a in matches)),
                    ),
                )
            )
        else:
            unit["area_id"] = matches[0].id
    return unit, errors


def format_errors(errors: Iterable[RowError]) -> list[str]:
    return [str(e) for e in errors]
