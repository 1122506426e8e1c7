"""The tablet's Back button in the interviewer app: it goes back a screen, never out of the app
from the middle of the work, and never back to a question already answered (the interview's
language)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from . import test_field_app_browser as field_app  # type: ignore[attr-defined]
from .test_field_app_browser import (  # type: ignore[import-not-found]
    open_unit,
    record_visit,
)

chromium_profile = field_app.chromium_profile
field_wave = field_app.field_wave
tablet = field_app.tablet

pytestmark = pytest.mark.browser

RECORDS = """() => new Promise((resolve) => {
  const open = indexedDB.open('surveyapp-field');
  open.onsuccess = () => {
    const all = open.result.transaction('interviews').objectStore('interviews').getAll();
    all.onsuccess = () => resolve(all.result.map((r) => r.unit.external_id));
  };
})"""


def on_the_list(page: Any, live_server: str) -> None:
    page.wait_for_selector('li.card[data-unit="T1"]')
    assert page.url.startswith(live_server), page.url


def test_back_on_the_language_question_returns_to_the_list_not_out_of_the_app(
    app: Flask, live_server: str, field_wave: dict[str, Any], tablet: tuple[Any, Any]
) -> None:
    # The language question was drawn in place of the list, with no history entry of its own:
    # Back there left the list's entry, and on the next household left the app (about:blank
    # here; the home screen on a tablet), in the middle of a day's work.
    _, page = tablet
    for unit in ("T1", "T2", "T3"):
        open_unit(page, unit)
        page.wait_for_selector("button[data-lang]")
        page.go_back()
        on_the_list(page, live_server)
    assert page.evaluate(RECORDS) == []  # nothing started

    # Started: Back from the household list goes to the list, not to the language question
    # (which would start the interview a second time).
    open_unit(page, "T1")
    page.locator('button[data-lang="es"]').click()
    page.wait_for_selector("#r1-initials")
    page.go_back()
    on_the_list(page, live_server)
    assert page.evaluate(RECORDS) == ["T1"]
    page.go_forward()
    page.wait_for_selector("#r1-initials")


VISITS = """() => new Promise((resolve) => {
  const open = indexedDB.open('surveyapp-field');
  open.onsuccess = () => {
    const all = open.result.transaction('attempts').objectStore('attempts').getAll();
    all.onsuccess = () => resolve(all.result.length);
  };
})"""


def test_back_after_a_visit_is_saved_does_not_reopen_its_form(
    app: Flask, live_server: str, field_wave: dict[str, Any], tablet: tuple[Any, Any]
) -> None:
    # Saving a visit went to the list as a new history entry: Back then showed the visit's
    # form again, where a second tap on "Save" records a second visit. The list now takes its
    # place.
    context, page = tablet
    context.set_offline(True)  # nothing sent: what is stored is what the tablet did
    record_visit(page, "T2", "no_contact")
    assert page.evaluate(VISITS) == 1
    page.go_back()
    page.wait_for_timeout(300)
    assert page.locator("#save-visit").count() == 0
    on_the_list(page, live_server)
