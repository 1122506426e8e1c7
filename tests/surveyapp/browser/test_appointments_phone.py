"""A field supervisor reads a household's visits and the wave's appointments on a 360 px phone:
the page does not scroll sideways (a wide table scrolls inside its own box)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from surveyapp.extensions import db
from surveyapp.models import Role, SampleUnit, User, Wave

from ...conftest import TEST_PASSWORD
from .conftest import staff_login  # type: ignore[import-not-found]
from .test_review_phone import PHONE, tablet_interview  # type: ignore[import-not-found]

pytestmark = pytest.mark.browser


def test_the_visits_and_the_appointments_fit_a_phone(
    app: Flask,
    live_server: str,
    browser: Any,
    make_user: Callable[..., User],
    std_wave: dict[str, Any],
    tmp_path: Path,
) -> None:
    supervisor = make_user(Role.supervisor)
    interviewer = make_user(Role.interviewer, name="Ana María Entrevistadora")
    uuid = tablet_interview(app, std_wave["invited"], interviewer)
    with app.app_context():
        wave = db.session.scalar(sa.select(Wave).where(Wave.slug == std_wave["invited"]))
        assert wave is not None
        db.session.add(SampleUnit(wave_id=wave.id, external_id="T2", assigned_to_id=interviewer.id))
        db.session.commit()
        units = dict(
            db.session.execute(
                sa.select(SampleUnit.external_id, SampleUnit.id).where(
                    SampleUnit.wave_id == wave.id
                )
            ).all()
        )
        wave_id = wave.id
    client = app.test_client()
    login = client.post(
        "/api/field/login",
        json={"email": interviewer.email, "password": TEST_PASSWORD, "device": "Otra"},
    )
    assert login.status_code == 200 and login.json is not None, login.json
    token = login.json["token"]
    note = "El señor pidió volver después del trabajo; tocar el timbre de la puerta de atrás"
    for uuid_visit, unit in (
        ("5b2e8c1a-0d3f-4e6a-8b7c-9d0e1f2a3b4c", "T1"),
        ("6c3f9d2b-1e4a-4f7b-9c8d-0e1f2a3b4c5d", "T2"),
    ):
        sent = client.put(
            f"/api/field/attempts/{uuid_visit}",
            json={
                "sample_unit_id": units[unit],
                "attempted_at": "2025-12-05T18:40:00-05:00",
                "outcome": "appointment",
                "note": note,
                "appointment_date": "2025-12-09",
                "appointment_time": "15:00",
            },
            headers={"Authorization": f"Bearer {token}"},
        )
        assert sent.status_code == 201, sent.json
    context = browser.new_context(viewport=PHONE, locale="es-MX")
    page = context.new_page()
    try:
        staff_login(page, live_server, supervisor.email, TEST_PASSWORD)
        for name, path in (
            ("visits", f"/fieldwork/interviews/{uuid}"),
            ("appointments", f"/fieldwork/waves/{wave_id}/appointments"),
        ):
            page.goto(live_server + path)
            assert page.locator("td", has_text="15:00").count() >= 1, name
            assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
            if name == "visits":  # each visit's outcome and appointment on the screen
                right = page.evaluate(
                    """() => Math.max(...[...document.querySelectorAll('[data-visits] td')]
                        .map(c => c.getBoundingClientRect().right))"""
                )
                assert right <= PHONE["width"], right
            page.screenshot(path=str(tmp_path / f"{name}-360.png"), full_page=True)
    finally:
        context.close()
