"""The wave's support contacts on a 360 px phone: on the survey's end page, above "Submit my
answers", the note is visible, keeps its line breaks and wraps a long line (a web address)
instead of widening the page."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from surveyapp.extensions import db
from surveyapp.models import Wave
from surveyapp.services.waves import set_support_notes

from .conftest import load_scenario  # type: ignore[import-not-found]
from .test_respond_browser import TIMEOUT_MS, expect_page, walk  # type: ignore[import-not-found]

pytestmark = pytest.mark.browser
scenario = load_scenario()
ADDRESS = "https://www.gob.mx/comision-ejecutiva-de-atencion-a-victimas/atencion-integral"
NOTE = (
    "Helpline 155 (free, 24 hours)\n"
    "Victim support centre: 800 123 4567, Monday to Friday from 9 am to 6 pm\n" + ADDRESS
)


def test_the_support_note_is_visible_and_wraps_on_the_end_page_at_360_px(
    app: Flask, live_server: str, browser: Any, std_wave: dict[str, Any]
) -> None:
    base, slug = live_server, std_wave["open"]
    with app.app_context():
        wave = db.session.scalar(sa.select(Wave).where(Wave.slug == slug))
        assert wave is not None
        set_support_notes(db.session, wave, {"en": NOTE, "es": "Línea 155"})
        db.session.commit()
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{base}/s/{slug}")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("button", name="Start the survey").click()
    walk(page, base, scenario.PAGES[:-1], js=True)
    expect_page(page, base, "closing")
    section = page.locator("section.support-note")
    heading = page.get_by_role("heading", name="If you need support")
    assert heading.is_visible() and section.is_visible()
    text = section.locator(".support-note__text")
    assert text.inner_text() == NOTE  # the line breaks as typed (innerText follows the CSS)
    box = text.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 360
    # the long lines wrap: more lines than the note has
    line_height = float(text.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    assert box["height"] > 3.5 * line_height, (box, line_height)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scroll
    submit = page.get_by_role("button", name="Submit my answers")
    assert section.bounding_box()["y"] < submit.bounding_box()["y"]  # type: ignore[index]
    context.close()
