"""The regional comparison: the observatory page, its PDF and ``surveyapp report --waves``."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from surveyapp.extensions import db
from surveyapp.models import Mode, Role, User, Wave
from surveyapp.services.demo_data import load_simulated_wave

from ...analysis.report.pdf_layout import (  # type: ignore[import-not-found,misc]
    foreign_phrases,
    layout_problems,
)


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"REPORT_WORKER": "inline"}


@pytest.fixture
def countries(app: Flask) -> tuple[int, int]:
    """Two tiny simulated countries: seed 5 by tablet (public), seed 6 on the web (not public)."""
    with app.app_context():
        first = load_simulated_wave(db.session, seed=5, size="tiny")
        second = load_simulated_wave(db.session, seed=6, size="tiny", mode=Mode.web, public=False)
        db.session.commit()
        return first.wave_id, second.wave_id


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return " ".join(" ".join((p.extract_text() or "") for p in document.pages).split())


def test_the_page_compares_the_countries_with_intervals_and_the_mode_note(
    client: FlaskClient,
    countries: tuple[int, int],
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    assert login(client, make_user(Role.analyst)).status_code == 302
    a, b = countries
    page = client.get(f"/observatory/regional?waves={a},{b}&lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "República Simulada 5" in html and "República Simulada 6" in html
    assert 'data-indicator="sdg_16_1_4"' in html and 'data-indicator="trust_police"' in html
    assert "Different collection modes" in html and "web" in html
    assert 'class="obs-interval"' in html
    assert f"/observatory/regional.pdf?waves={a},{b}&amp;lang=en" in html


def test_checkboxes_become_one_address(
    client: FlaskClient, countries: tuple[int, int], make_user: Callable[..., User], login: Any
) -> None:
    assert login(client, make_user(Role.analyst)).status_code == 302
    a, b = countries
    response = client.get(f"/observatory/regional?waves={a}&waves={b}&lang=es")
    assert response.status_code == 302
    assert f"waves={a},{b}" in response.headers["Location"].replace("%2C", ",")


def test_without_a_choice_the_public_sees_only_the_public_country(
    client: FlaskClient, countries: tuple[int, int]
) -> None:
    page = client.get("/observatory/regional?lang=en").get_data(as_text=True)
    assert "República Simulada 5" in page and "República Simulada 6" not in page
    # asking for the private one by id: sent to log in, as its own pages do
    response = client.get(f"/observatory/regional?waves={countries[1]}")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_bad_wave_lists_are_a_clear_400(client: FlaskClient, countries: tuple[int, int]) -> None:
    response = client.get("/observatory/regional?waves=1,x")
    assert response.status_code == 400 and "wave ids" in response.get_data(as_text=True)
    missing = client.get("/observatory/regional?waves=99999")
    assert missing.status_code == 404


def test_the_pdf_download_is_the_regional_report(
    client: FlaskClient,
    countries: tuple[int, int],
    make_user: Callable[..., User],
    login: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert login(client, make_user(Role.analyst)).status_code == 302
    a, b = countries
    response = client.get(f"/observatory/regional.pdf?waves={a},{b}&lang=es&audience=public")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert (
        "regional-simulated-5-1-simulated-6-1-es-public.pdf"
        in response.headers["Content-Disposition"]
    )
    text = _text(response.data)
    assert "Comparación regional de indicadores estandarizados" in text
    assert "Modos de recolección distintos" in text
    assert layout_problems(response.data) == [] and foreign_phrases(response.data, "es") == []
    # the same waves, data, language and edition again: served from this process, not rebuilt
    import surveyapp.services.regional as regional_service

    def fail(*args: Any, **kwargs: Any) -> bytes:
        raise AssertionError("rebuilt")

    monkeypatch.setattr(regional_service, "regional_pdf", fail)
    again = client.get(f"/observatory/regional.pdf?waves={a},{b}&lang=es&audience=public")
    assert again.status_code == 200 and again.data == response.data


def test_the_command_line_writes_the_regional_report(
    app: Flask, runner: FlaskCliRunner, countries: tuple[int, int], tmp_path: Path
) -> None:
    with app.app_context():
        slugs = [db.session.get(Wave, i).slug for i in countries]  # type: ignore[union-attr]
    out = tmp_path / "regional.pdf"
    result = runner.invoke(
        args=["report", "--waves", ",".join(slugs), "--lang", "es", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = _text(out.read_bytes())
    assert "República Simulada 5" in text and "República Simulada 6" in text
    assert "ODS 16.1.4" in text and "Cifra negra" in text
    unknown = runner.invoke(args=["report", "--waves", "nope", "-o", str(out)])
    assert unknown.exit_code != 0 and "no wave 'nope'" in unknown.output
    twice = runner.invoke(args=["report", "--waves", f"{slugs[0]},{slugs[0]}", "-o", str(out)])
    assert twice.exit_code != 0 and "listed twice" in twice.output


def test_waves_of_cities_are_compared_by_default_city_by_city(
    app: Flask, client: FlaskClient, countries: tuple[int, int]
) -> None:
    import sqlalchemy as sa

    from surveyapp.models import Area, AreaLevel

    with app.app_context():
        # two survey waves that each cover one city, both cities of the same country
        first = db.session.get(Wave, countries[0])
        assert first is not None
        states = sa.select(Area.id).where(Area.parent_id == first.areas[0].id)
        municipalities = db.session.scalars(
            sa.select(Area)
            .where(Area.level == AreaLevel.municipality, Area.parent_id.in_(states))
            .order_by(Area.id)
            .limit(2)
        ).all()
        for wave_id, city in zip(countries, municipalities, strict=True):
            wave = db.session.get(Wave, wave_id)
            assert wave is not None
            wave.areas = [city]
            wave.public_report = True
        names = [m.name for m in municipalities]
        db.session.commit()
    page = client.get("/observatory/regional?lang=en").get_data(as_text=True)
    for name in names:
        assert f'<th scope="col" class="numeric">{name}</th>' in page
