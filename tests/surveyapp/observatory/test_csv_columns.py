"""The header of ``indicators.csv``: the columns it had keep their places (readers take them
by position), ``status``, ``missing_items`` and ``reason_code`` come last, and the
documentation lists every column in that order with its meaning."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from surveyapp.models import Role, User
from surveyapp.observatory.exports import COLUMNS, CSV_COLUMNS

from ..conftest import TinyWave  # type: ignore[import-not-found]

DOCS = Path(__file__).parents[3] / "surveyapp" / "docs" / "observatory.md"

#: The CSV's columns before ``status`` and ``missing_items`` were added: their places are kept.
FIRST = (
    "area_code",
    "area_name",
    "area_level",
    "indicator",
    "indicator_name",
    "group",
    "domain_type",
    "domain",
    "unit",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "level",
    "cv",
    "n",
    "df",
    "quality",
    "suppressed",
    "reason",
)


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"REPORT_WORKER": "inline"}  # the table is built in the request


def test_the_csv_header_keeps_the_first_columns_in_place_and_ends_with_the_new_ones(
    client: FlaskClient,
    tiny_wave: Callable[..., TinyWave],
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    sim = tiny_wave()
    assert login(client, make_user(Role.analyst)).status_code == 302
    response = client.get(f"/observatory/waves/{sim.id}/indicators.csv?lang=en")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert tuple(rows[0]) == (*FIRST, "status", "missing_items", "reason_code")
    assert all(len(row) == len(rows[0]) for row in rows)
    # a reader by position still finds the estimate in column 10 and the quality in 18
    first = rows[1]
    assert first[3] == "prev_person" and float(first[9]) > 0 and first[17] == "high"
    assert first[20] == "estimated" and first[21] == ""
    # the XLSX and JSON keep FIRST, then reason_code
    assert (*FIRST, "reason_code") == COLUMNS and list(CSV_COLUMNS) == rows[0]


def test_degrees_of_freedom_and_cases_are_whole_numbers_in_the_csv_and_json(
    client: FlaskClient,
    tiny_wave: Callable[..., TinyWave],
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    # df was written '288.0' (CSV) and 288.0 (JSON): a reader typing columns from the data
    # got a float for a count of PSUs minus strata
    sim = tiny_wave()
    assert login(client, make_user(Role.analyst)).status_code == 302
    text = client.get(f"/observatory/waves/{sim.id}/indicators.csv?lang=en").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    estimated = [r for r in rows if r["status"] == "estimated" and r["df"] != ""]
    assert estimated and all(re.fullmatch(r"\d+", r["df"]) for r in estimated)
    assert all(re.fullmatch(r"\d+", r["n"]) for r in estimated)
    api = client.get(f"/api/waves/{sim.id}/indicators?lang=en").json
    assert all(isinstance(r["df"], int) for r in api["indicators"] if r["df"] is not None)


def _documented_columns() -> list[tuple[int, str, str]]:
    """``(number, column, meaning)`` of each row of the documentation's column table."""
    text = DOCS.read_text(encoding="utf-8")
    start = text.index("| # | column | meaning |")
    table = text[start:].split("\n\n", 1)[0].splitlines()[2:]
    rows = []
    for line in table:
        found = re.fullmatch(r"\| (\d+) \| `([a-z_]+)` \| (.+) \|", line)
        assert found is not None, line
        rows.append((int(found.group(1)), found.group(2), found.group(3).strip()))
    return rows


def test_the_documentation_lists_every_csv_column_in_order_with_its_meaning() -> None:
    rows = _documented_columns()
    assert [column for _n, column, _meaning in rows] == list(CSV_COLUMNS)
    assert [n for n, _column, _meaning in rows] == list(range(1, len(CSV_COLUMNS) + 1))
    assert all(len(meaning) > 3 for _n, _column, meaning in rows)
