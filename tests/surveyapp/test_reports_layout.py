"""Every report the demo produces fits its page: read back with pdfplumber (slow: WeasyPrint).

The demo's simulated wave (``surveyapp demo``'s default size): the national
report, every state's and three municipalities', in Spanish on the SQLite run
and in English on the PostgreSQL run (CI runs both, so both languages get every
area; the PDF does not depend on the database); one report of each type
(national, state, municipal) in the other languages. A
character outside the page's content box, drawn over another character or
across its table cell's edge fails the test with the page and the line; so
does a phrase of the report's word tables in another language
(tests/analysis/report/pdf_layout.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd
import pytest
from flask import Flask

from analysis.i18n import LANGUAGES
from surveyapp import create_app
from surveyapp.extensions import db
from surveyapp.models import Wave
from surveyapp.services.demo_data import load_simulated_wave
from surveyapp.services.report_build import pdf_report
from surveyapp.services.reports import AreaNode, indicator_table, wave_areas

from ..analysis.report.pdf_layout import (  # type: ignore[import-not-found,misc]
    foreign_phrases,
    layout_problems,
    pdf_text,
)
from ..conftest import PG_URL_VARIABLE, fresh_database  # type: ignore[misc]

pytestmark = pytest.mark.slow

#: The language whose reports are checked for every chosen area on this database's run.
EVERY_AREA = "en" if os.environ.get(PG_URL_VARIABLE) else "es"


@dataclass(frozen=True)
class DemoWave:
    app: Flask
    wave_id: int
    table: pd.DataFrame  # the estimates: the same in every language
    chosen: list[AreaNode]  # national, every state, three municipalities


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoWave]:
    """The demo wave and its indicator table, built once for the four languages' reports."""
    directory = tmp_path_factory.mktemp("reports_layout")
    with fresh_database(directory) as database:
        app = create_app(
            {"TESTING": True, "SECRET_KEY": "test-secret-key", **database},
            instance_path=str(directory / "instance"),
        )
        with app.app_context():
            db.create_all()
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
            db.session.remove()
        try:
            yield DemoWave(app, loaded.wave_id, table, chosen)
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_demo_reports_fit_their_pages_and_speak_one_language(
    demo: DemoWave, language: str
) -> None:
    assert len(demo.chosen) == 1 + 8 + 3
    chosen = demo.chosen
    if language != EVERY_AREA:  # one report of each type: the words, not the areas
        chosen = [chosen[0], chosen[1], chosen[-1]]
    problems = []
    with demo.app.app_context():
        wave = db.session.get(Wave, demo.wave_id)
        assert wave is not None
        for area in chosen:
            pdf = pdf_report(
                db.session, wave, area, language=language, public=True, table=demo.table
            )
            where = f"{area.report_level} {area.code}"
            problems += [f"{where}: {p}" for p in layout_problems(pdf)]
            problems += [
                f"{where}: another language: {p!r}" for p in foreign_phrases(pdf, language)
            ]
    assert not problems, "\n".join(problems)


#: Languages of the report with the previous wave's columns on this database's run: the four
#: between the two runs.
WITH_PREVIOUS = ("en", "fr") if os.environ.get(PG_URL_VARIABLE) else ("es", "pt")


@pytest.mark.parametrize("language", WITH_PREVIOUS)
def test_a_report_with_the_previous_wave_fits_its_pages(demo: DemoWave, language: str) -> None:
    """The demo's second wave: its indicator tables have two more columns (previous, change).

    Their eight columns once ran off the page's right edge in every language, headings drawn
    over each other ("Estimación" over "IC 90%"), which the first wave's reports never show.
    """
    with demo.app.app_context():
        loaded = load_simulated_wave(db.session, seed=1, size="small", wave=2)
        db.session.commit()
        wave = db.session.get(Wave, loaded.wave_id)
        assert wave is not None
        national = next(a for a in wave_areas(db.session, wave) if a.report_level == "national")
        pdf = pdf_report(db.session, wave, national, language=language, public=True)
    text = pdf_text(pdf)
    previous = {"es": "Anterior", "en": "Previous", "pt": "Anterior", "fr": "Précédent"}
    assert previous[language] in text  # the columns this test is about are there
    problems = [str(p) for p in layout_problems(pdf)]
    problems += [f"another language: {p!r}" for p in foreign_phrases(pdf, language)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", [EVERY_AREA])  # Spanish, then English on PostgreSQL
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
