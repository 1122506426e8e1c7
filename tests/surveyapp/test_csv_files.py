"""CSV files for spreadsheets: text a spreadsheet would run as a formula is quoted."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from surveyapp.csv_files import spreadsheet_csv


def _cells(data: bytes, separator: str = ",") -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))


def test_text_cells_a_spreadsheet_would_run_as_formulas_get_a_single_quote() -> None:
    hostile = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
    data = spreadsheet_csv(["a"], [[value] for value in hostile], separator=";")
    assert [row[0] for row in _cells(data, ";")[1:]] == ["'" + value for value in hostile]


def test_numbers_and_plain_text_stay_as_they_are() -> None:
    data = spreadsheet_csv(
        ["n", "f", "d", "t", "none"], [[-3, -2.5, Decimal("-1.25"), "Calle 1 - 2", None]]
    )
    assert data.decode("utf-8-sig").splitlines()[1] == "-3,-2.5,-1.25,Calle 1 - 2,"


def test_a_file_for_programs_keeps_its_cells() -> None:
    data = spreadsheet_csv(["a"], [["-x"], ["=1"]], neutralise_formulas=False)
    assert [row[0] for row in _cells(data)[1:]] == ["-x", "=1"]
