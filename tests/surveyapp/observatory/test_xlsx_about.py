"""The indicator workbook's "about" sheet says what a reader needs to use the numbers."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from flask.testing import FlaskClient

from surveyapp.models import Role, User

from ..conftest import TinyWave  # type: ignore[import-not-found]


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"REPORT_WORKER": "inline"}


def test_the_about_sheet_states_period_interval_level_and_what_is_suppressed(
    client: FlaskClient,
    tiny_wave: Callable[..., TinyWave],
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    # it named the wave, area, edition and rule set only: an analyst opening the file in
    # Excel could not tell the interval's level, the period or why cells are empty
    sim = tiny_wave()
    assert login(client, make_user(Role.analyst)).status_code == 302
    said = {}
    for language in ("es", "fr"):
        response = client.get(
            f"/observatory/waves/{sim.id}/indicators.xlsx?lang={language}&audience=public"
        )
        book = openpyxl.load_workbook(io.BytesIO(response.data))
        said[language] = dict(book.worksheets[1].iter_rows(values_only=True))
    about = said["es"]
    assert about["inicio del periodo de referencia"] == dt.datetime(2024, 1, 1)  # date cells
    assert about["fin del periodo de referencia"] == dt.datetime(2024, 12, 31)
    assert about["intervalos de confianza"].startswith("90%: ci_low y ci_high; se es el error")
    assert about["estimaciones suprimidas"] == (
        "menos de 30 casos o fuera de la regla de calidad: suppressed = TRUE, sin "
        "estimación, error, intervalo ni CV en la edición pública"
    )
    assert said["fr"]["intervalles de confiance"].startswith("90\u00a0%\u00a0: ci_low et ci_high")


def test_the_reference_period_is_two_date_cells_written_the_languages_way(
    client: FlaskClient,
    tiny_wave: Callable[..., TinyWave],
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    # it was the text "2024-01-01 – 2024-12-31": ISO, which no reader of es/pt/fr writes, and
    # no date a spreadsheet can sort or count with
    sim = tiny_wave()
    assert login(client, make_user(Role.analyst)).status_code == 302
    wanted = {
        "es": ("periodo de referencia", '[$-80A]d "de" mmmm "de" yyyy'),
        "fr": ("période de référence", "[$-40C]d mmmm yyyy"),
        "en": ("reference period", "[$-409]mmmm d, yyyy"),
    }
    for language, (label, number_format) in wanted.items():
        response = client.get(f"/observatory/waves/{sim.id}/indicators.xlsx?lang={language}")
        sheet = openpyxl.load_workbook(io.BytesIO(response.data)).worksheets[1]
        period = {r[0].value: r[1] for r in sheet.iter_rows() if label in str(r[0].value)}
        assert [cell.value for cell in period.values()] == [
            dt.datetime(2024, 1, 1),
            dt.datetime(2024, 12, 31),
        ]
        for cell in period.values():
            assert cell.is_date and cell.number_format == number_format
        # wide enough for "31 de diciembre de 2024": a narrower date cell shows "####"
        assert (sheet.column_dimensions["B"].width or 0) >= 24
        texts = [c for r in sheet.iter_rows(values_only=True) for c in r if isinstance(c, str)]
        assert not [t for t in texts if re.search(r"\d{4}-\d{2}-\d{2}", t)]
