"""A field supervisor reviews a tablet interview on a 360 px phone: each answer is on the
screen beside its question, not in a column past the screen's edge."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from surveyapp.extensions import db
from surveyapp.models import Mode, Role, SampleUnit, User, Wave

from ...conftest import TEST_PASSWORD
from .conftest import staff_login  # type: ignore[import-not-found]

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
#: The standard questionnaire's first pages, as an interview broken off after them is sent.
ANSWERS = {
    "hh_size": 3,
    "hh_adults": 2,
    "hh_area": 1,
    "dem_sex": 2,
    "dem_age": 41,
    "dem_educ": 5,
    "dem_employ": 1,
    "dem_years_nbhd": 12,
    "hh_own_car": 1,
    "hh_own_moto": 2,
    "hh_own_bike": 2,
}


def tablet_interview(app: Flask, slug: str, interviewer: User) -> str:
    """One interview of the standard questionnaire sent by the interviewer app (field API)."""
    with app.app_context():
        wave = db.session.scalar(sa.select(Wave).where(Wave.slug == slug))
        assert wave is not None
        wave.modes = [Mode.web.value, Mode.tablet.value]
        unit = SampleUnit(wave_id=wave.id, external_id="T1", assigned_to_id=interviewer.id)
        db.session.add(unit)
        db.session.flush()
        wave_id, unit_id, content_hash = wave.id, unit.id, wave.instrument_version.content_hash
        db.session.commit()
    client = app.test_client()
    login = client.post(
        "/api/field/login",
        json={"email": interviewer.email, "password": TEST_PASSWORD, "device": "Tableta"},
    )
    assert login.status_code == 200 and login.json is not None, login.json
    token = login.json["token"]
    uuid = "3f1c2b9e-8d4a-4c51-9a6e-1b2c3d4e5f60"
    sent = client.put(
        f"/api/field/interviews/{uuid}",
        json={
            "wave_id": wave_id,
            "sample_unit_id": unit_id,
            "instrument_hash": content_hash,
            "language": "es",
            "status": "abandoned",
            "answers": ANSWERS,
            "paradata": {},
            "client_revision": 1,
            "saved_at": "2025-12-06T10:15:00-05:00",
        },
        headers={"Authorization": f"Bearer {token}"},
    )
    assert sent.status_code == 201, sent.json
    return uuid


def test_a_supervisor_reads_each_answer_beside_its_question_on_a_phone(
    app: Flask,
    live_server: str,
    browser: Any,
    make_user: Callable[..., User],
    std_wave: dict[str, Any],
) -> None:
    supervisor = make_user(Role.supervisor)
    uuid = tablet_interview(app, std_wave["invited"], make_user(Role.interviewer))
    context = browser.new_context(viewport=PHONE, locale="es-MX")
    page = context.new_page()
    try:
        staff_login(page, live_server, supervisor.email, TEST_PASSWORD)
        page.goto(f"{live_server}/fieldwork/interviews/{uuid}")
        rows = page.evaluate(
            """() => [...document.querySelectorAll('[data-answers] tbody tr')].map(tr => ({
                text: tr.innerText,
                right: Math.max(...[...tr.cells].map(c => c.getBoundingClientRect().right)),
            }))"""
        )
        assert len(rows) >= 5, rows
        for row in rows:
            assert row["right"] <= PHONE["width"], row
        assert any("dem_age" in row["text"] and "41" in row["text"] for row in rows), rows
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


LAPTOP = {"width": 1280, "height": 800}


@pytest.mark.parametrize("language", ["es", "en", "pt", "fr"])
def test_the_quality_tables_fit_a_laptop_screen(
    app: Flask,
    live_server: str,
    browser: Any,
    make_user: Callable[..., User],
    std_wave: dict[str, Any],
    language: str,
) -> None:
    """The per-interviewer and per-area tables had 20 columns: on a 1280 px laptop the rates
    and every quality figure were past the table's edge, to be scrolled to one table at a
    time. Each is now two tables (outcomes and rates; interview quality) that fit."""
    supervisor = make_user(Role.supervisor)
    interviewer = make_user(Role.interviewer, name="Interviewer with a rather long name")
    tablet_interview(app, std_wave["invited"], interviewer)
    with app.app_context():
        wave_id = db.session.scalar(sa.select(Wave.id).where(Wave.slug == std_wave["invited"]))
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    try:
        staff_login(page, live_server, supervisor.email, TEST_PASSWORD)
        page.goto(f"{live_server}/fieldwork/waves/{wave_id}/quality?lang={language}")
        tables = page.evaluate(
            """() => [...document.querySelectorAll('.table-wrapper')].map(w => ({
                name: w.getAttribute('aria-label'),
                overflow: w.scrollWidth - w.clientWidth,
                columns: w.querySelectorAll('thead th').length,
            }))"""
        )
        # two tables by interviewer, two by area, the days and the hours
        assert len(tables) == 6, tables
        assert [t["columns"] for t in tables[:4]] == [13, 8, 13, 8], tables
        for table in tables:
            assert table["overflow"] <= 0, table
    finally:
        context.close()
