"""Colons on the observatory's pages: one per "name: value" (the PDF reports read 'Confianza
en: Policía: 43,4%' until 2ae5d6c), and French's no-break space before it."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from analysis.report.i18n import LANGUAGES
from surveyapp.extensions import db
from surveyapp.models import Wave
from surveyapp.services.demo_data import load_simulated_wave
from surveyapp.services.reports import wave_areas


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"REPORT_WORKER": "inline"}  # the pages are built in the request


@pytest.fixture
def two_waves(app: Flask) -> tuple[int, int, str]:
    """Waves 1 and 2 of the tiny simulated country (public), and a state's key."""
    with app.app_context():
        first = load_simulated_wave(db.session, seed=5, size="tiny", wave=1)
        second = load_simulated_wave(db.session, seed=5, size="tiny", wave=2)
        db.session.commit()
        wave = db.session.get(Wave, second.wave_id)
        assert wave is not None
        state = next(a.key for a in wave_areas(db.session, wave) if a.report_level == "state")
        return first.wave_id, second.wave_id, state


def _lines(page: str) -> list[str]:
    """The page's words line by line: text between tags, and no style sheet."""
    body = re.sub(r"<style.*?</style>", "", page, flags=re.S)
    return [line.strip() for line in html.unescape(re.sub(r"<[^>]+>", "\n", body)).splitlines()]


def test_no_observatory_page_says_a_name_its_label_and_a_value_with_two_colons(
    client: FlaskClient, two_waves: tuple[int, int, str]
) -> None:
    before, after, state = two_waves
    for language in LANGUAGES:
        for url in (
            f"/observatory/waves/{after}?lang={language}",
            f"/observatory/waves/{after}?lang={language}&area={state}",
            f"/observatory/waves/{after}/perception?lang={language}",
            f"/observatory/evaluation?before={before}&after={after}&level=state&areas={state}"
            f"&indicators=prev_person&indicators=trust_police&indicators=sdg_16_5_1&run=1"
            f"&lang={language}",
        ):
            page = client.get(url)
            assert page.status_code == 200, url
            doubled = [
                line
                for line in _lines(page.get_data(as_text=True))
                if re.search(r"\w\s?:\s[^:()]{1,40}\w\s?:\s", line)
            ]
            assert doubled == [], (url, doubled)


def test_french_map_tooltips_and_regional_notes_put_a_no_break_space_before_the_colon(
    client: FlaskClient, two_waves: tuple[int, int, str]
) -> None:
    # the map's areas read "Ciudad Lucía: 49,7 %" and the regional notes "(Simulada 5: 1er
    # janvier 2024 – …; …)" in French
    before, after, _state = two_waves
    page = client.get(f"/observatory/waves/{after}?lang=fr").get_data(as_text=True)
    tooltips = [html.unescape(t) for t in re.findall(r"<path [^>]*><title>([^<]*)</title>", page)]
    assert tooltips, "no map on the page"
    assert all(re.search(r"\S\u00a0: \S", t) for t in tooltips), tooltips
    english = client.get(f"/observatory/waves/{after}?lang=en").get_data(as_text=True)
    assert all(
        re.search(r"\S: \S", html.unescape(t))
        for t in re.findall(r"<path [^>]*><title>([^<]*)</title>", english)
    )
    regional = html.unescape(
        client.get(f"/observatory/regional?waves={before},{after}&lang=fr").get_data(as_text=True)
    )
    note = next(line for line in _lines(regional) if "ne se chevauchent pas" in line)
    assert "5\u00a0: 1er\u00a0janvier\u00a02024" in note, note
    assert "2024\u00a0; " in note and not re.search(r"[^\u00a0][:;] ", note), note
