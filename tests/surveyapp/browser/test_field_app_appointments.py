"""The interviewer app and a household's appointment: a visit "come back later" asks for the day
(and time) agreed, checks it, keeps it offline and sends it; the household's card says it
("Cita: mar, 15 dic, 15:00"), and households whose appointment is today or missed come first with
a badge, at a phone's width too."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from surveyapp.extensions import db
from surveyapp.models import AttemptOutcome, ContactAttempt, SampleUnit, User

from .test_field_app_browser import (  # type: ignore[import-not-found]
    chromium_profile,  # noqa: F401 (a fixture)
    field_wave,  # noqa: F401 (a fixture)
    log_in,
    wait_for_state,
)

playwright_sync = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser


def _server_appointment(
    app: Flask,
    interviewer: User,
    external_id: str,
    day: dt.date,
    uuid: str = "9d0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a",
) -> None:
    """A visit to the unit three days ago, sent from another tablet, that set an appointment
    for ``day``: the tablet learns it from the assignments."""
    visited = dt.datetime.combine(dt.date.today() - dt.timedelta(days=3), dt.time(11, 0))
    with app.app_context():
        unit = db.session.scalar(sa.select(SampleUnit).where(SampleUnit.external_id == external_id))
        assert unit is not None
        db.session.add(
            ContactAttempt(
                uuid=uuid,
                sample_unit_id=unit.id,
                wave_id=unit.wave_id,
                interviewer_id=interviewer.id,
                attempted_at=visited.replace(tzinfo=dt.UTC),
                attempted_at_text=visited.isoformat() + "+00:00",
                local_date=visited.date(),
                outcome=AttemptOutcome.appointment,
                appointment_date=day,
                content_hash=hashlib.sha256(uuid.encode()).hexdigest(),
            )
        )
        db.session.commit()


def _cards(page: Any) -> list[str]:
    return [
        str(c) for c in page.eval_on_selector_all("li.card", "cs => cs.map(c => c.dataset.unit)")
    ]


def _save_appointment(page: Any, day: str, hour: str = "") -> None:
    page.fill("#appointment-date", day)
    page.fill("#appointment-time", hour)
    page.locator("#save-visit").click()


def test_an_appointment_is_asked_checked_kept_offline_sent_and_shown_first_when_due(
    app: Flask,
    live_server: str,
    field_wave: dict[str, Any],  # noqa: F811 (the fixture imported above)
    chromium_profile: Callable[..., Any],  # noqa: F811
    tmp_path: Path,
) -> None:
    today = dt.date.today()
    _server_appointment(app, field_wave["interviewer"], "T3", today - dt.timedelta(days=1))
    context = chromium_profile(locale="es-ES")
    page = context.new_page()
    page.set_viewport_size({"width": 360, "height": 740})  # a phone
    log_in(page, live_server)
    page.select_option("#ui-lang", "es")
    page.wait_for_selector("text=Mis entrevistas")
    # T3's appointment (from the server) was yesterday: missed, and first.
    t3 = page.locator('li.card[data-unit="T3"]')
    assert t3.locator("[data-appointment]").get_attribute("data-appointment") == "overdue"
    assert "Cita pasada" in t3.locator(".appointment").inner_text()
    assert _cards(page) == ["T3", "T1", "T2"]

    context.set_offline(True)
    # T1: an appointment tomorrow at 15:00, after three refusals of the form.
    page.locator('li.card[data-unit="T1"] button[data-action="visit"]').click()
    assert page.locator("#appointment").is_hidden()  # asked only for an appointment
    page.locator('label[for="outcome-appointment"]').click()
    page.locator("#appointment").wait_for(state="visible")
    assert page.get_attribute("#appointment-date", "type") == "date"
    assert page.get_attribute("#appointment-date", "min") == today.isoformat()
    assert page.get_attribute("#appointment-time", "type") == "time"
    error = page.locator("#appointment-error")  # beside the fields, not a screen above
    page.locator("#save-visit").click()
    assert error.inner_text() == "Anote el día acordado para volver."
    _save_appointment(page, (today - dt.timedelta(days=1)).isoformat())
    assert error.inner_text() == "El día de la cita no puede ser anterior a hoy."
    _save_appointment(page, (today + dt.timedelta(days=61)).isoformat())
    assert error.inner_text().startswith("El día de la cita puede ser como mucho 60 días después")
    assert page.evaluate("document.activeElement.id") == "appointment-date"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(tmp_path / "appointment-form-360.png"), full_page=True)
    tomorrow = today + dt.timedelta(days=1)
    _save_appointment(page, tomorrow.isoformat(), "15:00")
    page.wait_for_selector("#sync-panel")
    # T2: an appointment today, no time agreed.
    page.locator('li.card[data-unit="T2"] button[data-action="visit"]').click()
    page.locator('label[for="outcome-appointment"]').click()
    _save_appointment(page, today.isoformat())
    page.wait_for_selector("#sync-panel")

    # Due today and missed first (the earliest first); T1 (tomorrow) after them.
    page.wait_for_selector('li.card[data-unit="T2"] [data-appointment="today"]')
    assert _cards(page) == ["T3", "T2", "T1"]
    assert page.locator("[id^=appointments-due-]").inner_text() == (
        "2 hogares con cita hoy o pasada: arriba en la lista."
    )
    t1 = page.locator('li.card[data-unit="T1"] .appointment')
    assert t1.get_attribute("data-appointment") == "later"
    t1_text = t1.inner_text()
    assert t1_text.startswith("Cita: ") and t1_text.endswith(", 15:00"), t1_text
    assert f" {tomorrow.day} " in t1_text, t1_text
    assert t1.locator(".badge").count() == 0
    t2 = page.locator('li.card[data-unit="T2"] .appointment')
    assert "Cita hoy" in t2.inner_text() and ":" not in t2.inner_text().split("Cita: ")[1]
    # Nothing sticks out of a phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.evaluate("document.getElementById('toast').hidden = true")
    page.screenshot(path=str(tmp_path / "appointments-360.png"), full_page=True)

    # Reloaded offline, the appointments are still there (IndexedDB).
    page.reload()
    page.wait_for_selector('li.card[data-unit="T2"] [data-appointment="today"]')
    context.set_offline(False)
    page.locator("#send-now").click()
    page.wait_for_selector("#waiting-count:has-text('0 por enviar')")
    with app.app_context():
        rows = db.session.execute(
            sa.select(
                SampleUnit.external_id,
                ContactAttempt.appointment_date,
                ContactAttempt.appointment_time,
            )
            .join(SampleUnit, SampleUnit.id == ContactAttempt.sample_unit_id)
            .order_by(SampleUnit.external_id)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("T1", tomorrow, dt.time(15, 0)),
        ("T2", today, None),
        ("T3", today - dt.timedelta(days=1), None),
    ]
    wait_for_state(page, "T2", "none")
    # Sent, the appointments stay on the cards; in French too, within a phone's width.
    page.select_option("#ui-lang", "fr")
    page.wait_for_selector("text=Mes entretiens")
    t2 = page.locator('li.card[data-unit="T2"] .appointment')
    assert (
        t2.inner_text().startswith("Rendez-vous\u00a0: ")
        and "Rendez-vous aujourd’hui" in t2.inner_text()
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.evaluate("document.getElementById('toast').hidden = true")
    page.screenshot(path=str(tmp_path / "appointments-360-fr.png"), full_page=True)


def test_a_phone_shows_how_many_appointments_are_due_today_and_missed_without_scrolling(
    app: Flask,
    live_server: str,
    field_wave: dict[str, Any],  # noqa: F811 (the fixture imported above)
    chromium_profile: Callable[..., Any],  # noqa: F811
    tmp_path: Path,
) -> None:
    today = dt.date.today()
    interviewer = field_wave["interviewer"]
    for n, (unit, day) in enumerate(
        [("T1", today), ("T2", today - dt.timedelta(days=2)), ("T3", today)], start=1
    ):
        _server_appointment(app, interviewer, unit, day, uuid=f"9d0e1f2a-3b4c-4d5e-8f6a-{n:012d}")
    context = chromium_profile(locale="es-ES")
    page = context.new_page()
    page.set_viewport_size({"width": 360, "height": 740})  # a phone
    log_in(page, live_server)
    page.select_option("#ui-lang", "es")
    page.wait_for_selector("text=Mis entrevistas")
    summary = page.locator("#appointments-summary")
    assert summary.inner_text() == "2 citas hoy, 1 pasada"
    assert summary.get_attribute("role") == "status"  # read when it is there, never popped up
    # Above the sync panel and the households: on the first screen of a phone, not scrolled to.
    assert page.evaluate("window.scrollY") == 0
    box = summary.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 740
    assert page.evaluate(
        "document.getElementById('appointments-summary').compareDocumentPosition("
        "document.getElementById('sync-panel')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    page.evaluate("document.getElementById('toast').hidden = true")
    page.screenshot(path=str(tmp_path / "appointments-summary-360.png"))
    for language, text in [
        ("en", "2 appointments today, 1 missed"),
        ("pt", "2 agendamentos hoje, 1 passado"),
        ("fr", "2 rendez-vous aujourd’hui, 1 passé"),
    ]:
        page.select_option("#ui-lang", language)
        page.wait_for_selector(f"#appointments-summary:text-is('{text}')")

    # A visit today ends T1's appointment: one today, one missed; then T3's: only the missed.
    page.select_option("#ui-lang", "en")
    for unit, expected in [("T1", "1 appointment today, 1 missed"), ("T3", "1 missed appointment")]:
        page.locator(f'li.card[data-unit="{unit}"] button[data-action="visit"]').click()
        page.locator('label[for="outcome-no_contact"]').click()
        page.locator("#save-visit").click()
        page.wait_for_selector(f"#appointments-summary:text-is('{expected}')")
    # The missed one too (the household refused): nothing due, no summary.
    page.locator('li.card[data-unit="T2"] button[data-action="visit"]').click()
    page.locator('label[for="outcome-refusal"]').click()
    page.locator("#save-visit").click()
    page.wait_for_selector("#sync-panel")
    page.wait_for_selector("#appointments-summary", state="detached")
