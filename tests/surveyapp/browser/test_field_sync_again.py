"""When the interviewer app syncs again: an interview that could not be sent at once must not
wait five minutes as 'waiting to send' (unless the interviewer pressed 'Send now').

Only one sync runs at a time (a Web Lock): an interview finished while a sync was running (the
assignments still downloading on a slow network) asked for one and was refused the lock. A
round stopped by the server (503) was to be tried again after 2 s x 2^n (fieldwork.md), but the
five-minute timer replaced it."""

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
UPLOADS = "**/api/field/interviews/*"


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


def test_an_interview_the_server_could_not_take_is_sent_again_after_the_short_wait(
    app: Flask,
    live_server: str,
    field_wave: dict[str, Any],  # noqa: F811 (the fixture imported above)
    tablet: tuple[Any, Any],  # noqa: F811
) -> None:
    context, page = tablet
    refused: list[str] = []

    def unwell_once(route: Any) -> None:
        if refused:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.fulfill(status=503, json={"error": "Service unavailable", "status": 503})

    page.route(UPLOADS, unwell_once)
    interview(page, "T1")  # finished: sent at once, refused once by the server
    while not refused:
        page.wait_for_timeout(50)
    wait_for_state(page, "T1", "sent")  # the next try: 2 to 6 s later, not 5 minutes
