"""Every report the demo produces fits its page: read back with pdfplumber (slow: WeasyPrint).

The demo's simulated wave (``surveyapp demo``'s default size): the national
report, every state's and three municipalities', in Spanish and English; one
report of each type (national, state, municipal) in Portuguese and French. A
character outside the page's content box, drawn over another character or
across its table cell's edge fails the test with the page and the line; so
does a phrase of the report's word tables in another language
(tests/analysis/report/pdf_layout.py).
"""

from __future__ import annotations

import pytest
from flask import Flask

from analysis.i18n import LANGUAGES
from surveyapp.extensions import db
from surveyapp.models import Wave
from surveyapp.services.demo_data import load_simulated_wave
from surveyapp.services.report_build import pdf_report
from surveyapp.services.reports import indicator_table, wave_areas

from ..analysis.report.pdf_layout import (  # type: ignore[import-not-found]
    foreign_phrases,
    layout_problems,
)

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_demo_reports_fit_their_pages_and_speak_one_language(app: Flask, language: str) -> None:
    with app.app_context():
        loaded = load_simulated_wave(db.session, seed=1, size="small")
        db.session.commit()
        wave = db.session.get(Wave, loaded.wave_id)
        assert wave is not None
        table = indicator_table(db.session, wave)
        areas = wave_areas(db.session, wave)
        chosen = [
            *(a for a in areas if a.report_level in ("national", "state")),
            *[a for a in areas if a.report_level == "municipality"][:3],
        ]
        assert len(chosen) == 1 + 8 + 3
        if language not in ("es", "en"):  # one report of each type: the words, not the areas
            chosen = [chosen[0], chosen[1], chosen[-1]]
        problems = []
        for area in chosen:
            pdf = pdf_report(db.session, wave, area, language=language, public=True, table=table)
            where = f"{area.report_level} {area.code}"
            problems += [f"{where}: {p}" for p in layout_problems(pdf)]
            problems += [
                f"{where}: another language: {p!r}" for p in foreign_phrases(pdf, language)
            ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_demo_regional_report_fits_its_pages_and_speaks_one_language(
    app: Flask, language: str
) -> None:
    from surveyapp.models import Mode
    from surveyapp.services.regional import regional_pdf

    with app.app_context():
        # the demo's two countries: the first by tablet, the second on the web
        loaded = [
            load_simulated_wave(db.session, seed=1, size="small"),
            load_simulated_wave(db.session, seed=2, size="small", mode=Mode.web),
        ]
        db.session.commit()
        waves = [db.session.get(Wave, w.wave_id) for w in loaded]
        pdf = regional_pdf(
            db.session, [w for w in waves if w is not None], language=language, public=True
        )
    problems = [str(p) for p in layout_problems(pdf)]
    problems += [f"another language: {p!r}" for p in foreign_phrases(pdf, language)]
    assert not problems, "\n".join(problems)
