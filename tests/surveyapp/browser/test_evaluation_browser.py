"""The evaluation and perception pages on a 360 px phone without JavaScript, in Chromium."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from surveyapp.extensions import db
from surveyapp.services.demo_data import load_simulated_wave

pytestmark = pytest.mark.browser


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": True, "REPORT_WORKER": "inline"}


def test_an_evaluation_chosen_step_by_step_on_a_phone_without_javascript(
    app: Flask, live_server: str, browser: Any, tmp_path: Path
) -> None:
    with app.app_context():
        first = load_simulated_wave(db.session, seed=5, size="tiny", wave=1)
        second = load_simulated_wave(db.session, seed=5, size="tiny", wave=2)
        db.session.commit()
    shot = os.environ.get("SURVEYAPP_SCREENSHOTS") or str(tmp_path)
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 740}, locale="en-GB"
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server}/observatory/evaluation?lang=en")
        page.select_option("#before", str(first.wave_id))
        page.select_option("#after", str(second.wave_id))
        page.get_by_role("button", name="List the areas").click()
        page.locator("#areas input[type=checkbox]").first.check()
        page.get_by_role("button", name="Compute").click()
        page.wait_for_selector("section.obs-result")
        assert "run=1" in page.url  # a GET form: the result has an address to share
        assert page.locator("section.obs-result").count() == 2  # the two default indicators
        assert "parallel trends" in page.content()
        page.screenshot(path=os.path.join(shot, "evaluation-360.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360

        page.goto(f"{live_server}/observatory/evaluation?lang=en&run=1&before={first.wave_id}")
        assert page.locator("#errors").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360

        page.goto(f"{live_server}/observatory/waves/{first.wave_id}/perception?lang=en")
        page.wait_for_selector("#paradox")
        page.screenshot(path=os.path.join(shot, "perception-360.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
