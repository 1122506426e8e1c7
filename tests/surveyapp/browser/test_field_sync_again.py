"""The interviewer app asks for a sync whenever something waits to be sent; only one sync runs at
a time (a Web Lock). An interview finished while a sync was running (the assignments still
downloading on a slow network) asked for one, was refused the lock, and then waited five
minutes as 'waiting to send', unless the interviewer pressed 'Send now'."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from .test_field_app_browser import (  # type: ignore[import-not-found]
    card_state,
    chromium_profile,  # noqa: F401 (a fixture)
    field_wave,  # noqa: F401 (a fixture)
    interview,
    tablet,  # noqa: F401 (a fixture)
    wait_for_state,
)

playwright_sync = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser
ASSIGNMENTS = "**/api/field/assignments*"


def test_an_interview_finished_while_a_sync_runs_is_sent_when_that_sync_ends(
    app: Flask,
    live_server: str,
    field_wave: dict[str, Any],  # noqa: F811 (the fixture imported above)
    tablet: tuple[Any, Any],  # noqa: F811
) -> None:
    context, page = tablet
    held: list[Any] = []
    page.route(ASSIGNMENTS, lambda route: held.append(route))  # no answer yet: the sync waits
    page.locator("#send-now").click()
    while not held:
        page.wait_for_timeout(50)
    interview(page, "T1")  # finished: it asks for a sync while that one still runs
    assert card_state(page, "T1") == "outbox"
    held[0].continue_()  # the first sync ends
    page.unroute(ASSIGNMENTS)
    wait_for_state(page, "T1", "sent")
