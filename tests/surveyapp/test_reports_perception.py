"""Fear by victimization status and the paradox table in the PDF reports of a stored wave."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
import pytest
from flask import Flask

import surveyapp.services.report_perception as report_perception
from analysis.report.i18n import STRINGS
from surveyapp.extensions import db
from surveyapp.models import Wave
from surveyapp.services.demo_data import load_simulated_wave
from surveyapp.services.report_build import pdf_report
from surveyapp.services.reports import wave_areas

pytestmark = pytest.mark.slow


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return " ".join(" ".join(p.extract_text() or "" for p in document.pages).split())


def test_a_municipal_report_shows_the_countrys_comparison_tables_computed_once(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = report_perception.perception_tables

    def counted(session: Any, wave: Wave, **kwargs: Any) -> Any:
        calls.append(wave.id)
        return real(session, wave, **kwargs)

    monkeypatch.setattr(report_perception, "perception_tables", counted)
    with app.app_context():
        loaded = load_simulated_wave(db.session, seed=4, size="tiny")
        db.session.commit()
        wave = db.session.get(Wave, loaded.wave_id)
        assert wave is not None
        by_status, groups = report_perception.report_perception(db.session, wave)
        assert by_status is not None and groups is not None
        muni = next(a for a in wave_areas(db.session, wave) if a.report_level == "municipality")
        pdf = pdf_report(db.session, wave, muni, language="en", public=False)
    text = _text(pdf)
    assert STRINGS["sub_fear_by_victim"]["en"] in text and STRINGS["sub_paradox"]["en"] in text
    assert "Population groups: República Simulada 4." in text
    first = by_status.iloc[0]
    assert f"{first['victims']:.1f}" in text and f"{first['non_victims']:.1f}" in text
    assert calls == [loaded.wave_id]  # the report reused the tables of this data version
