"""The management wave page names the areas whose public reports the quality rules would
mostly withhold, with the status report's own warning (analysis.report.withheld)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from surveyapp.extensions import db
from surveyapp.models import ReportOutput, Role, User, Wave
from surveyapp.observatory.jobs import report_settings
from surveyapp.services.report_build import wave_table, withheld_warnings

from .conftest import TinyWave


def test_the_wave_page_warns_of_areas_whose_reports_would_be_mostly_withheld(
    app: Flask,
    client: FlaskClient,
    tiny_wave: Callable[..., TinyWave],
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    # a smallest published cell no area of the tiny wave reaches: every report is withheld
    app.config["REPORT_MIN_CASES"] = 100_000
    tiny = tiny_wave()
    login(client, make_user(Role.survey_manager))
    # before the indicators are computed the page said nothing: the interviews per area are
    # enough to know that no estimate about persons or households is published
    before = client.get(f"/manage/waves/{tiny.id}?lang=en").get_data(as_text=True)
    assert 'id="report-withheld"' in before, "no table built yet: the page said nothing"
    shown = before[before.index('id="report-withheld"') :]
    assert "The quality rules withhold most of the public reports of these areas:" in shown
    assert f"The public report for {tiny.muni.name} publishes no estimate about persons" in shown
    assert "at least 100,000 cases" in shown
    assert 'id="report-withheld-unknown"' not in before  # every area is known
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ReportOutput)) == 0
        wave = db.session.get(Wave, tiny.id)
        assert wave is not None
        wave_table(db.session, wave, settings=report_settings())
        db.session.commit()
        found = withheld_warnings(db.session, wave, settings=report_settings(), language="en")
    assert len(found.warnings) == len(tiny.areas), found
    assert found.unknown == ()
    assert all(w.startswith("Most of the report is not published: ") for w in found.warnings)
    assert any(tiny.muni.name in w and "at least 100,000 cases" in w for w in found.warnings)
    page = client.get(f"/manage/waves/{tiny.id}").get_data(as_text=True)
    assert 'id="report-withheld"' in page
    assert tiny.muni.name in page[page.index('id="report-withheld"') :]


def test_without_the_indicators_the_wave_page_says_what_it_cannot_tell(
    app: Flask,
    client: FlaskClient,
    tiny_wave: Callable[..., TinyWave],
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    # the areas have the interviews a cell needs: only the indicators can tell
    app.config["REPORT_MIN_CASES"] = 1
    tiny = tiny_wave()
    login(client, make_user(Role.survey_manager))
    page = client.get(f"/manage/waves/{tiny.id}?lang=en").get_data(as_text=True)
    assert 'id="report-withheld"' not in page
    assert 'id="report-withheld-unknown"' in page
    note = page[page.index('id="report-withheld-unknown"') :]
    assert "whether the quality rules withhold most of their public report is known" in note
    assert f'href="/observatory/waves/{tiny.id}?area=' in note
    assert "Compute them: open the results" in note
    with app.app_context():
        wave = db.session.get(Wave, tiny.id)
        assert wave is not None
        wave_table(db.session, wave, settings=report_settings())
        db.session.commit()
    built = client.get(f"/manage/waves/{tiny.id}?lang=en").get_data(as_text=True)
    assert 'id="report-withheld-unknown"' not in built


def test_a_wave_whose_reports_publish_has_no_such_warning(
    app: Flask, tiny_wave: Callable[..., TinyWave]
) -> None:
    app.config["REPORT_MIN_CASES"] = 0
    tiny = tiny_wave()
    with app.app_context():
        wave = db.session.get(Wave, tiny.id)
        assert wave is not None
        wave_table(db.session, wave, settings=report_settings())
        db.session.commit()
        found = withheld_warnings(db.session, wave, settings=report_settings(), language="en")
    country = next(a for a in tiny.areas if a.report_level == "national")
    assert not [w for w in found.warnings if f"estimates for {country.name} fail" in w], found


def test_the_report_command_prints_the_warning(
    app: Flask, tiny_wave: Callable[..., TinyWave], tmp_path: Path
) -> None:
    app.config["REPORT_MIN_CASES"] = 100_000
    tiny = tiny_wave()
    out = tmp_path / "muni.pdf"
    result = app.test_cli_runner().invoke(
        args=[
            "report",
            "--wave",
            tiny.slug,
            "--area",
            tiny.muni.key,
            "--lang",
            "en",
            "-o",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    assert "warning: Most of the report is not published: " in result.stderr
    assert f"estimates for {tiny.muni.name} fail the quality rules" in result.stderr
    assert out.read_bytes().startswith(b"%PDF")
