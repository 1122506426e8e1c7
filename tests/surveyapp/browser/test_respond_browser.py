"""A respondent takes the whole standard survey in headless Chromium, with and without
JavaScript: two crimes reported, both incident pages filled, saved and left in the
middle, resumed with a code, completed; then every stored answer is compared with
what was typed (tests/surveyapp/browser/scenario.py).
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from flask import Flask

from surveyapp.models import InterviewStatus

from .conftest import fill, load_scenario, stored_answers  # type: ignore[import-not-found]

pytestmark = pytest.mark.browser
scenario = load_scenario()
TIMEOUT_MS = 15_000


def expect_page(page: Any, base: str, page_id: str) -> None:
    try:
        page.wait_for_url(
            re.compile(re.escape(f"{base}/s/p/{page_id}") + "(#.*)?$"), timeout=TIMEOUT_MS
        )
    except Exception as exc:
        errors = page.locator(".error-summary, .error-message").all_inner_texts()
        raise AssertionError(f"expected page {page_id}, at {page.url}; errors: {errors}") from exc


def walk(page: Any, base: str, pages: list[tuple[str, dict[str, Any]]], *, js: bool) -> None:
    for page_id, answers in pages:
        expect_page(page, base, page_id)
        typed = dict(answers)
        if not js:
            typed.update(scenario.NOT_STORED.get(page_id, {}))
        fill(page, typed)
        button = "Submit my answers" if page_id == "closing" else "Continue"
        page.get_by_role("button", name=button, exact=True).click()


def check_box_shows(page: Any, name: str, value: str, follow_up: str) -> None:
    """Ticking box ``value`` of ``name`` shows ``follow_up`` on the page; unticking hides it."""
    group = page.locator(f"#group-{follow_up}")
    assert group.is_hidden()
    fill(page, {name: [value]})
    assert group.is_visible()
    box = page.locator(f'[name="{name}"][value="{value}"]')
    page.locator(f'label[for="{box.get_attribute("id")}"]').click()  # untick again
    assert group.is_hidden()


def split_at_leave() -> tuple[
    list[tuple[str, dict[str, Any]]], tuple[str, dict[str, Any]], list[tuple[str, dict[str, Any]]]
]:
    ids = [p for p, _ in scenario.PAGES]
    at = ids.index(scenario.LEAVE_AFTER)
    return scenario.PAGES[:at], scenario.PAGES[at], scenario.PAGES[at + 1 :]


def cut(
    pages: list[tuple[str, dict[str, Any]]], page_id: str
) -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, dict[str, Any]]]]:
    """The pages before ``page_id`` and the pages from it on."""
    at = [p for p, _ in pages].index(page_id)
    return pages[:at], pages[at:]


def save_and_leave(page: Any, base: str, page_id: str, answers: dict[str, Any]) -> str:
    """Fill the page, save for later, note the resume code (if any) and finish for now."""
    expect_page(page, base, page_id)
    fill(page, answers)
    page.get_by_role("button", name="Save and continue later").click()
    page.wait_for_url(f"{base}/s/save", timeout=TIMEOUT_MS)
    code = page.locator("[data-resume-code]")
    resume_code = code.inner_text().strip() if code.count() else ""
    page.get_by_role("button", name="Finish for now").click()
    page.get_by_role("heading", name="You can close this page").wait_for(timeout=TIMEOUT_MS)
    return resume_code


def check_skip_logic(page: Any, base: str) -> None:
    """On hv_burg the follow-ups appear only after 'yes', and vanish again after 'no'."""
    follow_up = page.locator("#group-hv_burg_12m")
    assert follow_up.is_hidden()
    page.locator('label[for="hv_burg_5y-0"]').click()  # yes
    assert follow_up.is_visible() and page.locator("#group-hv_burg_n").is_hidden()
    page.locator('label[for="hv_burg_5y-1"]').click()  # no
    assert follow_up.is_hidden()


def check_dont_know_undo(page: Any) -> None:
    """On the respondent page "Don't know" and the number box exclude each other, both ways."""
    box, tick = page.locator("#dem_years_nbhd"), page.locator("#dem_years_nbhd__special-0")
    assert tick.get_attribute("type") == "checkbox"
    page.locator('label[for="dem_years_nbhd__special-0"]').click()
    assert tick.is_checked()
    box.fill("5")
    assert not tick.is_checked(), "typing a number unticks Don't know"
    page.locator('label[for="dem_years_nbhd__special-0"]').click()
    assert tick.is_checked() and box.input_value() == "", "ticking it clears the number"
    page.locator('label[for="dem_years_nbhd__special-0"]').click()
    assert not tick.is_checked(), "and it can be unticked again"


def test_whole_survey_with_javascript(
    app: Flask, live_server: str, browser: Any, std_wave: dict[str, Any], tmp_path: Any
) -> None:
    base, slug = live_server, std_wave["open"]
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base}/s/{slug}")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("button", name="Start the survey").click()

    before, leave, after = split_at_leave()
    walk(page, base, before[:1], js=True)

    # The household page sent empty: an error summary linked to each field.
    expect_page(page, base, "household")
    page.get_by_role("button", name="Continue", exact=True).click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    page.wait_for_function("document.activeElement.classList.contains('error-summary')")
    links = summary.locator("a")
    assert links.count() == 3
    assert page.title().startswith("Error:")
    shot = os.environ.get("RESPOND_SCREENSHOT_DIR")
    page.screenshot(
        path=os.path.join(shot or str(tmp_path), "household-errors-360.png"), full_page=True
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    links.nth(2).click()
    assert page.evaluate("document.activeElement.id") == "hh_area-0"
    # Keyboard: arrow keys move through the radios.
    page.keyboard.press("ArrowDown")
    assert page.locator("#hh_area-1").is_checked()

    to_burg, from_burg = cut(before[1:], "hv_burg")
    to_respondent, from_respondent = cut(to_burg, "respondent")
    walk(page, base, to_respondent, js=True)
    expect_page(page, base, "respondent")
    check_dont_know_undo(page)
    walk(page, base, from_respondent, js=True)
    expect_page(page, base, "hv_burg")
    check_skip_logic(page, base)
    walk(page, base, from_burg, js=True)
    resume_code = save_and_leave(page, base, *leave)
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", resume_code)

    page.goto(f"{base}/s/{slug}/resume")
    page.get_by_label("Continue a survey you started").fill(resume_code)
    page.get_by_role("button", name="Continue").click()
    to_institutions, rest = cut(after, "institutions")
    # The newer modules' follow-ups show and hide on the page; no sideways scrolling at 360 px.
    to_media, from_media = cut(to_institutions, "media")
    walk(page, base, to_media, js=True)
    expect_page(page, base, "media")
    assert page.locator("#group-media_channels").is_hidden()
    fill(page, {"media_freq": "1"})
    assert page.locator("#group-media_channels").is_visible()
    to_protection, from_protection = cut(from_media, "protection")
    walk(page, base, to_protection, js=True)
    expect_page(page, base, "protection")
    check_box_shows(page, "prot_measures", "5", "prot_cost")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    walk(page, base, from_protection, js=True)
    expect_page(page, base, "institutions")
    assert page.locator("#group-trust_grid").is_hidden()
    assert page.locator(".js-off-note").is_hidden()
    fill(page, {"know_police": "1", "know_pros": "1", "know_judge": "2"})
    assert page.locator("#group-trust_grid").is_visible()
    assert (
        page.locator("#group-trust_judge").is_hidden()
        and page.locator("#group-trust_pros").is_visible()
    )
    if shot:
        page.screenshot(path=os.path.join(shot, "institutions-360.png"), full_page=True)
    to_bribery, from_bribery = cut(rest, "bribery")  # institutions, participation
    walk(page, base, to_bribery, js=True)
    expect_page(page, base, "bribery")
    check_box_shows(page, "brib_contact", "1", "brib_asked")
    walk(page, base, from_bribery, js=True)
    page.get_by_role("heading", name="Thank you").wait_for()
    assert errors == []
    context.close()

    [interview] = stored_answers(app, slug)
    assert interview["status"] is InterviewStatus.completed
    scenario.check_document(interview["answers"], std_wave["document"])


def test_whole_survey_without_javascript(
    app: Flask, live_server: str, browser: Any, std_wave: dict[str, Any]
) -> None:
    base, slug, code = live_server, std_wave["invited"], std_wave["code"]
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 740}, locale="en-GB"
    )
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{base}/s/c/{code}")
    page.get_by_role("button", name="Start the survey").click()

    before, leave, after = split_at_leave()
    to_burg, from_burg = cut(before, "hv_burg")
    walk(page, base, to_burg, js=False)
    expect_page(page, base, "hv_burg")
    assert page.locator("#group-hv_burg_12m").is_visible()  # shown: it may apply
    assert page.locator(".js-off-note").is_visible()
    walk(page, base, from_burg, js=False)
    assert save_and_leave(page, base, *leave) == ""  # invitation: the code itself resumes

    page.goto(f"{base}/s/code")
    page.get_by_label("Enter your invitation code").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Continue").click()
    to_institutions, rest = cut(after, "institutions")
    walk(page, base, to_institutions, js=False)
    expect_page(page, base, "institutions")
    assert page.locator("#group-trust_judge").is_visible()
    walk(page, base, rest, js=False)
    page.get_by_role("heading", name="Thank you").wait_for()
    context.close()

    [interview] = stored_answers(app, slug)
    assert (
        interview["status"] is InterviewStatus.completed and interview["sample_unit_id"] is not None
    )
    scenario.check_document(interview["answers"], std_wave["document"])
