"""Write a release's files: CSV with a codebook, XLSX, Stata, SPSS, Parquet; read them back.

Every format carries the same values. Questionnaire codes stay codes; the
special answers stay -8 (don't know) and -9 (refused); a blank is "not
applicable" (the questionnaire did not ask it). What each format adds:

* ``csv``: UTF-8 files and ``<prefix>_codebook.csv`` (every variable with
  its label, value labels, declared missing values, question text).
* ``xlsx``: one sheet per file and a ``codebook`` sheet (openpyxl).
* ``dta`` (Stata 15, pyreadstat): variable and value labels; -8, -9 and
  not applicable are the extended missing values ``.a``, ``.b``, ``.c``
  with their labels, so Stata leaves them out of every estimate.
* ``sav`` (SPSS, pyreadstat): variable and value labels; -8, -9 and -7
  (not applicable, written where the column has no real -7) are declared
  user-missing values.
* ``parquet`` (pyarrow): each field's metadata holds its label, value
  labels and missing codes as JSON.

Stata variable labels stop at 80 characters and SPSS value labels at 120
bytes (the formats' limits); the codebook and the DDI keep the whole text.
:func:`read_release` reads any of them back as the analysis tables (codes,
-8/-9, blanks).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from analysis.release.labels import MISSING_LABELS
from analysis.release.model import FILE_NAMES, FileName, Release, Variable
from analysis.release.readme import readme

__all__ = [
    "FORMATS",
    "Format",
    "codebook_table",
    "read_release",
    "release_prefix",
    "write_release",
]

Format = Literal["csv", "xlsx", "dta", "sav", "parquet"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx", "dta", "sav", "parquet")

#: Stata's extended missing values for the declared missing codes (NaN: not applicable).
_STATA_MISSING = {-8: "a", -9: "b"}
_STATA_NA = "c"
_NOT_APPLICABLE = -7
_STATA_LABEL_CHARS = 80
_SPSS_VALUE_LABEL_BYTES = 120
_SPSS_FILE_LABEL_BYTES = 64

CODEBOOK_COLUMNS: tuple[str, ...] = (
    "file",
    "name",
    "label",
    "role",
    "type",
    "values",
    "missing",
    "blank",
    "question",
    "universe",
    "derivation",
)


def release_prefix(release: Release) -> str:
    """``<wave>_<edition>``: the start of every file name of the release."""
    return f"{release.study.id}_{release.edition}"


def write_release(release: Release, directory: str | Path, format: Format) -> list[Path]:
    """Write the release's files and its codebook into ``directory``; the paths written.

    ``directory`` must exist. Files are ``<prefix>_<file>.<format>``,
    ``<prefix>_codebook.csv`` (the XLSX holds its codebook as a sheet) and
    ``<prefix>_readme_<format>.md`` (:mod:`analysis.release.readme`; named by its format, as
    it tells how to read this format's files: several formats share a folder).
    """
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    folder = Path(directory)
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a directory")
    prefix = release_prefix(release)
    if format == "xlsx":
        path = folder / f"{prefix}.xlsx"
        _write_xlsx(release, path)
        return [path, _write_readme(release, folder, format, prefix)]
    written: list[Path] = []
    for name in FILE_NAMES:
        if name not in release.files:
            continue
        path = folder / f"{prefix}_{name}.{format}"
        frame, variables = release.files[name], release.variables[name]
        if format == "csv":
            _write_csv(frame, path)
        elif format == "dta":
            _write_dta(frame, variables, path, release, name)
        elif format == "sav":
            _write_sav(frame, variables, path, release, name)
        else:
            _write_parquet(frame, variables, path, release)
        written.append(path)
    codebook = folder / f"{prefix}_codebook.csv"
    # with a byte order mark: the codebook is read by people, and Excel opens a CSV
    # without one as the system's code page (¿Cuántos → Â¿CuÃ¡ntos); pandas, R's readr
    # and the DDI tools skip it
    with codebook.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(codebook_table(release))
    written.append(codebook)
    written.append(_write_readme(release, folder, format, prefix))
    return written


def _write_readme(release: Release, folder: Path, format: Format, prefix: str) -> Path:
    """``<prefix>_readme_<format>.md``: the design variables and how to reproduce the estimates
    from this format's files."""
    path = folder / f"{prefix}_readme_{format}.md"
    path.write_text(readme(release, format, prefix), encoding="utf-8")
    return path


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8 CSV by pyarrow (several times pandas' speed): quotes only where needed,
    whole numbers without ".0", blanks empty."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    table = pa.Table.from_pandas(_compact(frame), preserve_index=False)
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow(frame.columns)  # pyarrow quotes every name
    with path.open("wb") as out:
        out.write(header.getvalue().encode("utf-8"))
        options = pacsv.WriteOptions(include_header=False, quoting_style="needed")
        pacsv.write_csv(table, out, options)


def _labels_text(labels: Mapping[int, str]) -> str:
    return "; ".join(f"{code} = {label}" for code, label in labels.items())


def codebook_table(release: Release) -> list[list[str]]:
    """The release's codebook, header first: one row per variable of every file."""
    rows = [list(CODEBOOK_COLUMNS)]
    for name in FILE_NAMES:
        for var in release.variables.get(name, ()):
            rows.append(
                [
                    name,
                    var.name,
                    var.label,
                    var.role,
                    "numeric" if var.numeric else "text",
                    _labels_text(var.value_labels),
                    "; ".join(str(code) for code in var.missing),
                    "not applicable" if var.not_applicable else "",
                    var.question or "",
                    var.universe or "",
                    var.derivation or "",
                ]
            )
    return rows


def _compact(frame: pd.DataFrame) -> pd.DataFrame:
    """Whole-number float columns as nullable integers (CSV ``1``, not ``1.0``)."""
    out = {}
    for column in frame.columns:
        values = frame[column]
        if values.dtype == np.float64:
            data = values.to_numpy()
            finite = data[~np.isnan(data)]
            if np.array_equal(finite, np.round(finite)) and (np.abs(finite) < 2**53).all():
                values = values.astype("Int64")
        out[column] = values
    return pd.DataFrame(out)


def _truncate_bytes(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[: limit - 3].decode("utf-8", errors="ignore") + "..."


def _file_label(release: Release, name: FileName, limit_bytes: int | None = None) -> str:
    """``<title> — <file> (<edition>)``; a long title is shortened, never the file and
    edition (SPSS keeps 64 bytes of a file label and cut 'respondent (public)' to
    'respond')."""
    suffix = f" — {name} ({release.edition})"
    title = release.study.title[: _STATA_LABEL_CHARS - len(suffix)]
    if limit_bytes is not None and len((title + suffix).encode("utf-8")) > limit_bytes:
        room = limit_bytes - len(suffix.encode("utf-8")) - len("…".encode())
        title = title.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip() + "…"
    return title + suffix


def _text_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as object (pyreadstat does not take pandas' string dtype)."""
    out = frame.copy(deep=False)
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out


def _write_dta(
    frame: pd.DataFrame,
    variables: tuple[Variable, ...],
    path: Path,
    release: Release,
    name: FileName,
) -> None:
    # A polars frame: pyreadstat (>= 1.3) sniffs a pandas object column's type from its
    # first 100 values, so a column starting with 100 ".c" was taken for text
    # (pyreadstat issue 313); polars' Object columns are checked value by value.
    import polars as pl
    import pyreadstat

    columns: dict[str, pl.Series] = {}
    value_labels: dict[str, dict[Any, str]] = {}
    missing: dict[str, list[str]] = {}
    na_label = MISSING_LABELS[_NOT_APPLICABLE][release.language]
    for var in variables:
        values = frame[var.name]
        if not var.numeric:
            text = values.astype(object).where(values.notna(), None).tolist()
            columns[var.name] = pl.Series(var.name, text, dtype=pl.Utf8)
            continue
        data = values.to_numpy(dtype=np.float64)
        labels: dict[Any, str] = {k: v for k, v in var.value_labels.items() if k not in var.missing}
        letters: list[str] = []
        column = data.astype(object)
        for code, letter in _STATA_MISSING.items():
            if code in var.missing:  # an undeclared -8 stays a number
                column[data == code] = letter
                labels[letter] = var.value_labels.get(code, str(code))
                letters.append(letter)
        if var.not_applicable:
            column[np.isnan(data)] = _STATA_NA
            labels[_STATA_NA] = na_label
            letters.append(_STATA_NA)
        if letters:
            columns[var.name] = pl.Series(var.name, column.tolist(), dtype=pl.Object)
            missing[var.name] = letters
        else:
            columns[var.name] = pl.Series(var.name, data)
        if labels:
            value_labels[var.name] = labels
    pyreadstat.write_dta(
        pl.DataFrame(list(columns.values())),
        str(path),
        file_label=_file_label(release, name),
        column_labels={v.name: v.label[:_STATA_LABEL_CHARS] for v in variables},
        variable_value_labels=value_labels,
        missing_user_values=missing,
    )


def _write_sav(
    frame: pd.DataFrame,
    variables: tuple[Variable, ...],
    path: Path,
    release: Release,
    name: FileName,
) -> None:
    import pyreadstat

    out = _text_columns(frame)
    value_labels: dict[str, dict[Any, str]] = {}
    missing: dict[str, list[Any]] = {}
    na_label = MISSING_LABELS[_NOT_APPLICABLE][release.language]
    for var in variables:
        if not var.numeric:
            continue
        labels: dict[Any, str] = {
            float(k): _truncate_bytes(v, _SPSS_VALUE_LABEL_BYTES)
            for k, v in var.value_labels.items()
        }
        codes = [float(c) for c in var.missing]
        if var.not_applicable:
            data = frame[var.name].to_numpy(dtype=np.float64)
            if not (data == _NOT_APPLICABLE).any():  # -7 would be a real answer otherwise
                out[var.name] = np.where(np.isnan(data), float(_NOT_APPLICABLE), data)
                labels[float(_NOT_APPLICABLE)] = _truncate_bytes(na_label, _SPSS_VALUE_LABEL_BYTES)
                codes.append(float(_NOT_APPLICABLE))
        if labels:
            value_labels[var.name] = labels
        if codes:
            missing[var.name] = codes
    pyreadstat.write_sav(
        out,
        str(path),
        file_label=_file_label(release, name, _SPSS_FILE_LABEL_BYTES),
        column_labels={v.name: v.label for v in variables},
        variable_value_labels=value_labels,
        missing_ranges=missing,
        variable_measure={v.name: _spss_measure(v) for v in variables},
    )


def _spss_measure(var: Variable) -> str:
    """SPSS's measurement level: codes with labels (two or more real answers) are nominal,
    other numbers (ages, counts, weights, a top-coded count's '6+') scale, text nominal.
    Left unset, every variable was 'unknown' and SPSS asks to scan the data first."""
    if not var.numeric:
        return "nominal"
    answers = [code for code in var.value_labels if code not in var.missing and code >= 0]
    return "nominal" if len(answers) >= 2 else "scale"


def _write_parquet(
    frame: pd.DataFrame, variables: tuple[Variable, ...], path: Path, release: Release
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(_compact(frame), preserve_index=False)
    described = {v.name: v for v in variables}
    fields = []
    for f in table.schema:
        var = described[f.name]
        meta = {
            "label": var.label,
            "value_labels": json.dumps(
                {str(k): v for k, v in var.value_labels.items()}, ensure_ascii=False
            ),
            "missing": json.dumps(list(var.missing)),
            "blank": "not applicable" if var.not_applicable else "",
        }
        fields.append(f.with_metadata({k: v.encode("utf-8") for k, v in meta.items()}))
    schema = pa.schema(
        fields,
        metadata={
            **(table.schema.metadata or {}),
            b"release": json.dumps(
                {
                    "study": release.study.id,
                    "title": release.study.title,
                    "edition": release.edition,
                    "language": release.language,
                },
                ensure_ascii=False,
            ).encode("utf-8"),
        },
    )
    pq.write_table(table.cast(schema), path)


def _write_xlsx(release: Release, path: Path) -> None:
    """openpyxl writes the workbook (codebook sheet, each file's header); the rows are streamed.

    openpyxl takes some 6 microseconds a cell, 3 minutes for a 100,000-respondent
    file of 280 columns; the data rows are written as the sheet's XML directly,
    a few thousand rows at a time (inline strings, blanks as empty cells), into
    the sheet parts openpyxl made. The round-trip tests read them back with openpyxl.
    """
    import zipfile

    from openpyxl import Workbook

    book = Workbook(write_only=True)
    names = [name for name in FILE_NAMES if name in release.files]
    for name in names:
        book.create_sheet(name).append([str(c) for c in release.files[name].columns])
    codebook = book.create_sheet("codebook")
    for line in codebook_table(release):
        codebook.append(line)
    skeleton = path.with_name(f".{path.name}.part")
    book.save(skeleton)
    # openpyxl numbers the sheet parts in creation order: sheet1.xml is the first file
    parts = {f"xl/worksheets/sheet{i}.xml": name for i, name in enumerate(names, start=1)}
    try:
        with (
            zipfile.ZipFile(skeleton) as source,
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
        ):
            for entry in source.infolist():
                if entry.filename in parts:
                    with target.open(entry.filename, "w", force_zip64=True) as out:
                        _sheet_xml(release.files[parts[entry.filename]], out)
                else:
                    target.writestr(entry, source.read(entry.filename))
    finally:
        skeleton.unlink(missing_ok=True)


_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_ROWS_AT_ONCE = 4000
#: XML 1.0 cannot hold control characters other than tab, newline and carriage return.
_XML_TEXT = {c: None for c in range(32) if c not in (9, 10, 13)} | {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
}


def _sheet_xml(frame: pd.DataFrame, out: Any) -> None:
    """The sheet's XML, a block of rows at a time, each block laid out by numpy.

    Every column's cells are fixed-width byte strings padded with spaces (white space
    between elements, which XML readers ignore), so a block of rows is one byte matrix
    written at once instead of millions of Python strings joined.
    """
    out.write(_SHEET_HEAD.encode())
    header = "".join(_text_cell(str(c)) for c in frame.columns)
    out.write(f"<row>{header}</row>".encode())
    for first in range(0, len(frame), _ROWS_AT_ONCE):
        chunk = frame.iloc[first : first + _ROWS_AT_ONCE]
        n = len(chunk)
        parts = [np.full(n, b"<row>")]
        parts += [_xml_cells(chunk[c]) for c in chunk.columns]
        parts.append(np.full(n, b"</row>"))
        widths = [p.dtype.itemsize for p in parts]
        block = np.empty((n, sum(widths)), dtype=np.uint8)
        at = 0
        for part, width in zip(parts, widths, strict=True):
            block[:, at : at + width] = part.view(np.uint8).reshape(n, width)
            at += width
        out.write(block.tobytes())
    out.write(b"</sheetData></worksheet>")


def _text_cell(text: str) -> str:
    return f'<c t="inlineStr"><is><t xml:space="preserve">{text.translate(_XML_TEXT)}</t></is></c>'


def _padded(cells: list[bytes]) -> np.ndarray:
    """Byte strings as one fixed-width array, padded with spaces (never NUL)."""
    width = max((len(c) for c in cells), default=1)
    return np.array([c.ljust(width) for c in cells], dtype=f"S{width}")


def _xml_cells(column: pd.Series) -> np.ndarray:
    """A column's cells: whole numbers as integers, fractions to their shortest exact
    decimal, blanks and non-finite numbers as empty cells, text as inline strings."""
    if not pd.api.types.is_numeric_dtype(column):
        return _padded(
            [
                b"<c/>" if v is None or v != v else _text_cell(str(v)).encode("utf-8")
                for v in column.tolist()
            ]
        )
    data = column.to_numpy(dtype=np.float64)
    blank = ~np.isfinite(data)
    whole = ~blank & (data == np.round(data)) & (np.abs(data) < 2**53)
    if not (whole | blank).all():  # fractions (weights, factors): each to its repr
        return _padded(
            [
                b"<c/>" if b else f"<c><v>{v!r}</v></c>".encode()
                for b, v in zip(blank.tolist(), data.tolist(), strict=True)
            ]
        )
    # codes: each distinct value written once, then taken for every row
    codes = np.where(blank, np.nan, data)
    distinct, inverse = np.unique(codes, return_inverse=True)
    cells = _padded(
        [b"<c/>" if v != v else f"<c><v>{int(v)}</v></c>".encode() for v in distinct.tolist()]
    )
    return cells[inverse.reshape(-1)]


# -- reading back -----------------------------------------------------------------


def read_release(directory: str | Path, prefix: str, format: Format) -> dict[str, pd.DataFrame]:
    """The files of a release written by :func:`write_release`, as analysis tables.

    Codes as numbers (float), -8/-9 as written, not applicable as blank
    (Stata's ``.a``/``.b``/``.c`` and SPSS's -7 turned back), text as text
    (in CSV and XLSX, the columns the codebook calls text).
    """
    folder = Path(directory)
    if format == "xlsx":
        path = folder / f"{prefix}.xlsx"
        codebook = pd.read_excel(
            path, sheet_name="codebook", dtype=str, keep_default_na=False, engine="openpyxl"
        )
        text = _text_names(codebook)
        with pd.ExcelFile(path, engine="openpyxl") as book:
            return {
                name: _numbers(
                    pd.read_excel(book, sheet_name=name, dtype={c: str for c in text.get(name, [])})
                )
                for name in FILE_NAMES
                if name in book.sheet_names
            }
    if format == "csv":
        codebook = pd.read_csv(folder / f"{prefix}_codebook.csv", dtype=str, keep_default_na=False)
        text = _text_names(codebook)
    out: dict[str, pd.DataFrame] = {}
    for name in FILE_NAMES:
        path = folder / f"{prefix}_{name}.{format}"
        if not path.exists():
            continue
        if format == "csv":
            frame = pd.read_csv(path, dtype={c: str for c in text.get(name, [])}, low_memory=False)
        elif format == "dta":
            import pyreadstat

            frame, meta = pyreadstat.read_dta(str(path), user_missing=True)
            frame = _from_stata(frame, list(meta.missing_user_values))
        elif format == "sav":
            import pyreadstat

            frame, meta = pyreadstat.read_sav(str(path), user_missing=True)
            for column, ranges in meta.missing_ranges.items():
                if {"lo": float(_NOT_APPLICABLE), "hi": float(_NOT_APPLICABLE)} in ranges:
                    frame[column] = frame[column].where(frame[column] != _NOT_APPLICABLE)
        else:
            frame = pd.read_parquet(path)
        out[name] = _numbers(frame)
    return out


def _text_names(codebook: pd.DataFrame) -> dict[str, list[str]]:
    return {
        str(file): group.loc[group["type"] == "text", "name"].tolist()
        for file, group in codebook.groupby("file")
    }


def _from_stata(frame: pd.DataFrame, declared: list[str]) -> pd.DataFrame:
    """Stata's declared extended missing values back to -8, -9 and blank."""
    back = {letter: float(code) for code, letter in _STATA_MISSING.items()}
    back[_STATA_NA] = np.nan
    for column in declared:
        values = frame[column].astype(object)
        frame[column] = values.map(lambda v: back.get(v, v) if isinstance(v, str) else v).astype(
            np.float64
        )
    return frame


def _numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Numeric columns as float64 with NaN blanks; text with None blanks."""
    out = {}
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            out[column] = values.astype("float64")
        else:
            out[column] = values.astype(object).where(values.notna(), None)
    return pd.DataFrame(out)
