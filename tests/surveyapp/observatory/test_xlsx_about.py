"""The indicator workbook's "about" sheet says what a reader needs to use the numbers."""

from __future__ import annotations

import io
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
    assert about["periodo de referencia"] == "2024-01-01 – 2024-12-31"
    assert about["intervalos de confianza"].startswith("90%: ci_low y ci_high; se es el error")
    assert about["estimaciones suprimidas"] == (
        "menos de 30 casos o fuera de la regla de calidad: suppressed = TRUE, sin "
        "estimación, error, intervalo ni CV en la edición pública"
    )
    assert said["fr"]["intervalles de confiance"].startswith("90\u00a0%\u00a0: ci_low et ci_high")
