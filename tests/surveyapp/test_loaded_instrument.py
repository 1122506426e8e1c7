"""A wave on a questionnaire loaded with ``surveyapp questionnaire load`` that is not the
standard one (the engine's feature instrument: none of the indicators' items): respondents
complete it, and every staff page, report, table and release of the wave answers without
a server error, saying what cannot be computed."""

from __future__ import annotations

import datetime as dt
import logging
import re
import sys
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskCliRunner

from surveyapp.extensions import db
from surveyapp.models import InstrumentVersion, Interview, Role, WaveStatus

from ..conftest import vict_std_without

ROOT = Path(__file__).parents[2]
FEATURES = ROOT / "tests" / "fixtures" / "engine" / "features.yaml"
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_respond import answers_for  # noqa: E402  (a respondent who answers everything)

PASSWORD = "a long enough password"
#: What the generic respondent cannot guess: texts and dates.
TYPED = {
    "nickname": "Ann",
    "story": "Once upon a time",
    "short_story": "In short",
    "start_date": "2020-05-01",
    "end_date": "2021-05-01",
    "assault_month": "2025-03",
    "th_name": "Box",
}


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"REPORT_WORKER": "inline"}


def _open_wave(app: Flask, runner: FlaskCliRunner, questionnaire: Path, slug: str) -> int:
    """Load ``questionnaire`` with the CLI and open a public-link wave on it; its id."""
    from surveyapp.services.waves import create_wave

    result = runner.invoke(args=["questionnaire", "load", str(questionnaire)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        version = db.session.scalars(sa.select(InstrumentVersion)).one()
        wave = create_wave(
            db.session,
            instrument_version=version,
            name="Adaptación",
            slug=slug,
            reference_start=dt.date(2025, 1, 1),
            reference_end=dt.date(2025, 12, 31),
            invitation_required=False,
            status=WaveStatus.open,
        )
        db.session.commit()
        return wave.id


@pytest.fixture
def wave_id(app: Flask, runner: FlaskCliRunner) -> int:
    return _open_wave(app, runner, FEATURES, "adaptacion")


def _complete(app: Flask, slug: str) -> None:
    client = app.test_client()
    landing = client.get(f"/s/{slug}?lang=en").get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', landing)
    assert token is not None
    location = client.post(f"/s/{slug}/start", data={"token": token[1], "language": "en"}).headers[
        "Location"
    ]
    for _ in range(40):
        if not location.startswith("/s/p/"):
            break
        html = client.get(location).get_data(as_text=True)
        answers = answers_for(html)
        answers.update({k: v for k, v in TYPED.items() if f'name="{k}"' in html})
        response = client.post(location, data=answers)
        assert response.status_code == 302, response.get_data(as_text=True)[:3000]
        location = response.headers["Location"]
    assert "/s/p/" not in location


def test_every_page_of_a_wave_on_a_loaded_questionnaire_answers(
    app: Flask, wave_id: int, make_user: Any, caplog: pytest.LogCaptureFixture
) -> None:
    for _ in range(3):
        _complete(app, "adaptacion")
    with app.app_context():
        done = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Interview)
            .where(Interview.wave_id == wave_id, Interview.completed_at.is_not(None))
        )
        assert done == 3
    admin = make_user(Role.administrator, email="boss@example.org", password=PASSWORD)
    client = app.test_client()
    assert (
        client.post("/auth/login", data={"email": admin.email, "password": PASSWORD}).status_code
        == 302
    )
    w = wave_id
    paths = [  # every page of the wave a survey manager or an analyst opens
        f"/manage/waves/{w}",
        f"/fieldwork/waves/{w}/quality",
        f"/fieldwork/waves/{w}/review",
        "/observatory/",
        f"/observatory/waves/{w}",
        f"/observatory/waves/{w}/perception",
        f"/observatory/waves/{w}/indicators.csv",
        f"/observatory/waves/{w}/indicators.xlsx",
        f"/observatory/waves/{w}/report.pdf",
        f"/observatory/waves/{w}/microdata",
        f"/observatory/waves/{w}/microdata/internal/csv",
        f"/observatory/waves/{w}/microdata/public/csv",
        f"/observatory/regional?waves={w}",
        f"/observatory/regional.pdf?waves={w}",
        "/observatory/evaluation",
        f"/api/waves/{w}/indicators",
    ]
    reason = "asks none of the items the standard indicators are computed from"
    # an observatory page says it in its language (Spanish by default), the API in English
    razon = "no pregunta ninguno de los ítems con que se calculan los indicadores estándar"
    for path in paths:
        response = client.get(path)
        body = response.get_data().decode("utf-8", "replace")
        assert response.status_code in (200, 503), (path, response.status_code)
        assert "error on our side" not in body, path
        if response.status_code == 503:  # the results: none to compute, and it says why
            assert (reason if path.startswith("/api/") else razon) in unescape(body), path
        elif path.endswith("/csv"):  # the answers are in the microdata
            assert response.mimetype == "application/zip"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_wave_on_the_standard_questionnaire_without_dem_sex_gets_its_report(
    app: Flask,
    runner: FlaskCliRunner,
    tmp_path: Path,
    make_user: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import io

    import pdfplumber

    w = _open_wave(app, runner, vict_std_without(tmp_path, "dem_sex", "nosex"), "sin-sexo")
    for _ in range(3):
        _complete(app, "sin-sexo")
    admin = make_user(Role.administrator, email="boss@example.org", password=PASSWORD)
    client = app.test_client()
    login = client.post("/auth/login", data={"email": admin.email, "password": PASSWORD})
    assert login.status_code == 302
    for path in (f"/observatory/waves/{w}", f"/observatory/waves/{w}/indicators.csv"):
        response = client.get(path)
        assert response.status_code == 200, (path, response.get_data(as_text=True)[:500])
    csv = client.get(f"/observatory/waves/{w}/indicators.csv").get_data(as_text=True)
    assert "prev_person" in csv and "national" in csv
    report = client.get(f"/observatory/waves/{w}/report.pdf?lang=en")
    assert report.status_code == 200 and report.mimetype == "application/pdf"
    with pdfplumber.open(io.BytesIO(report.data)) as pdf:
        text = " ".join((page.extract_text() or "") for page in pdf.pages)
    assert "does not ask dem_sex" in " ".join(text.split())
    perception = client.get(f"/observatory/waves/{w}/perception?lang=en")
    assert perception.status_code == 200
    assert 'data-group="sex:' not in perception.get_data(as_text=True)
    # no error, and no fear-driver model "not fitted" with a traceback: it is left out
    ours = [r for r in caplog.records if r.name.startswith("surveyapp")]
    assert not [r.getMessage() for r in ours if r.levelno >= logging.WARNING]
