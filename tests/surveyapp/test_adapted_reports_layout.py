"""Status reports of a national adaptation fit their pages and speak one language (slow).

The demo's simulated wave moved onto an adaptation of vict_std without ``dem_sex``,
``per_safe_nbhd``, ``media_freq``, ``trust_police`` and the bicycle-theft screener: its
reports carry what the standard questionnaire's never do (the "not asked" sentences of
"perceived versus actual", the methodology annex's table of standard indicators not
measured, charts of fewer rows). The national report and one municipality's, in two languages
on each database's run (the four between SQLite and PostgreSQL), read back as
tests/surveyapp/test_reports_layout.py reads the standard questionnaire's. Once a
municipality's chart of two rows of two-line labels (Portuguese) under a three-row legend got
0.27 in of axes: the labels were drawn over each other.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd
import pytest
from flask import Flask

from analysis.report.i18n import Translator
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
from .conftest import adapt_wave, adapted_vict_std  # type: ignore[misc]

pytestmark = pytest.mark.slow

#: Languages of this database's run: the four between the two runs.
LANGUAGES_HERE = ("en", "fr") if os.environ.get(PG_URL_VARIABLE) else ("es", "pt")


@dataclass(frozen=True)
class Adapted:
    app: Flask
    wave_id: int
    table: pd.DataFrame
    chosen: list[AreaNode]  # the country and its first municipality


@pytest.fixture(scope="module")
def adapted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Adapted]:
    directory = tmp_path_factory.mktemp("adapted_layout")
    with fresh_database(directory) as database:
        app = create_app(
            {"TESTING": True, "SECRET_KEY": "test-secret-key", **database},
            instance_path=str(directory / "instance"),
        )
        with app.app_context():
            db.create_all()
            loaded = load_simulated_wave(db.session, seed=1, size="small")
            adapt_wave(db.session, loaded.wave_id, adapted_vict_std(directory, "layout"))
            db.session.commit()
            wave = db.session.get(Wave, loaded.wave_id)
            assert wave is not None
            table = indicator_table(db.session, wave)
            areas = wave_areas(db.session, wave)
            chosen = [
                next(a for a in areas if a.report_level == "national"),
                next(a for a in areas if a.report_level == "municipality"),
            ]
            db.session.remove()
        try:
            yield Adapted(app, loaded.wave_id, table, chosen)
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


@pytest.mark.parametrize("language", LANGUAGES_HERE)
def test_the_reports_of_an_adaptation_fit_their_pages_and_speak_one_language(
    adapted: Adapted, language: str
) -> None:
    t = Translator(language)
    problems = []
    with adapted.app.app_context():
        wave = db.session.get(Wave, adapted.wave_id)
        assert wave is not None
        for area in adapted.chosen:
            pdf = pdf_report(
                db.session, wave, area, language=language, public=True, table=adapted.table
            )
            # the parts this test is about are there: what is not asked, what is not measured
            text = pdf_text(pdf)
            assert t("sub_not_measured") in text, area.code
            assert "per_safe_nbhd" in text and "hv_bike_12m" in text and "media_freq" in text
            where = f"{area.report_level} {area.code}"
            problems += [f"{where}: {p}" for p in layout_problems(pdf)]
            problems += [
                f"{where}: another language: {p!r}" for p in foreign_phrases(pdf, language)
            ]
    assert not problems, "\n".join(problems)
