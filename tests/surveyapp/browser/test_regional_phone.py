"""The regional comparison page on a 360 px phone without JavaScript: choosing waves by checkbox,
no page-wide sideways scroll, wide tables scrolling inside named regions the keyboard reaches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from surveyapp.extensions import db
from surveyapp.models import Mode
from surveyapp.services.demo_data import load_simulated_wave

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}

MEASURE = """() => ({
  pageWidth: document.documentElement.scrollWidth,
  wrappers: [...document.querySelectorAll('.table-wrapper')].map(w => ({
    tabindex: w.getAttribute('tabindex'), role: w.getAttribute('role'),
    label: w.getAttribute('aria-label') || '',
  })),
  selects: [...document.querySelectorAll('.obs-form select')].map(s => s.getBoundingClientRect().height),
  rows: document.querySelectorAll('#regional-core tbody tr').length,
  columns: document.querySelectorAll('#regional-core thead th').length,
})"""


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": True, "REPORT_WORKER": "inline"}


def test_the_regional_page_works_on_a_360_px_phone_without_javascript(
    app: Flask, live_server: str, browser: Any, tiny_wave: Callable[..., Any]
) -> None:
    first = tiny_wave(public=True)
    with app.app_context():
        load_simulated_wave(db.session, seed=6, size="tiny", mode=Mode.web)
        db.session.commit()
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server}/observatory/regional?lang=es")
        page.wait_for_selector("#regional-core")
        found = page.evaluate(MEASURE)
        assert found["pageWidth"] <= PHONE["width"], "the page itself scrolls sideways"
        assert found["columns"] == 3 and found["rows"] >= 9  # two countries, the core set
        assert found["selects"] and min(found["selects"]) >= 40, found["selects"]
        for wrapper in found["wrappers"]:
            assert wrapper["tabindex"] == "0" and wrapper["role"] == "region" and wrapper["label"]
        assert "Modos de recolección distintos" in page.content()
        # untick the second country and show: one column left, no JavaScript needed
        boxes = page.locator("input[name=waves]")
        for k in range(boxes.count()):
            if boxes.nth(k).get_attribute("value") != str(first.id):
                boxes.nth(k).uncheck()
        page.locator("button[type=submit]").click()
        page.wait_for_selector("#regional-core")
        assert page.evaluate(MEASURE)["columns"] == 2
        assert f"waves={first.id}" in page.url
    finally:
        context.close()
