"""The observatory on a 360 px phone, with and without JavaScript: readable text, selects a finger
can use, wide tables that scroll inside a region reached by the keyboard, maps with their legend.

The checks are those of axe-core's rules that failed here before (``scrollable-region-focusable``)
written out, plus sizes measured in the page: no page-wide sideways scroll, chart text at least
11 px high, selects at least 40 px tall.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": True, "REPORT_WORKER": "inline"}


MEASURE = """() => {
  const wrappers = [...document.querySelectorAll('.table-wrapper')].map(w => ({
    scrolls: w.scrollWidth > w.clientWidth + 1,
    tabindex: w.getAttribute('tabindex'),
    role: w.getAttribute('role'),
    label: w.getAttribute('aria-label') || '',
  }));
  const text = [...document.querySelectorAll('.obs-bars text')].map(t => t.getBoundingClientRect().height);
  const selects = [...document.querySelectorAll('form.obs-form select')].map(s => s.getBoundingClientRect().height);
  const maps = [...document.querySelectorAll('.obs-map svg')].map(s => ({
    width: s.getBoundingClientRect().width,
    title: s.querySelector('title') ? s.querySelector('title').textContent : '',
    desc: s.querySelector('desc') ? s.querySelector('desc').textContent : '',
    labelled: s.getAttribute('aria-labelledby') || '',
  }));
  return {
    pageWidth: document.documentElement.scrollWidth,
    wrappers, text, selects, maps,
    legend: [...document.querySelectorAll('.obs-legend--marks li')].map(li => li.textContent.trim()),
  };
}"""


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_wave_page_works_on_a_360_px_phone(
    app: Flask, live_server: str, browser: Any, tiny_wave: Callable[..., Any], javascript: bool
) -> None:
    loaded = tiny_wave(public=True)
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    try:
        page.goto(f"{live_server}/observatory/waves/{loaded.id}?lang=es")
        page.wait_for_selector("#indicators")
        found = page.evaluate(MEASURE)
        shot = os.environ.get("OBSERVATORY_SCREENSHOT")
        if shot and javascript:  # a look at what the phone shows
            page.screenshot(path=shot, full_page=True)
        assert found["pageWidth"] <= PHONE["width"], "the page itself scrolls sideways"
        assert found["text"] and min(found["text"]) >= 11, found["text"]
        assert found["selects"] and min(found["selects"]) >= 40, found["selects"]
        scrolling = [w for w in found["wrappers"] if w["scrolls"]]
        assert scrolling, "at 360 px the indicator table is wider than the screen"
        for wrapper in found["wrappers"]:  # axe scrollable-region-focusable, and a name for it
            assert wrapper["tabindex"] == "0" and wrapper["role"] == "region" and wrapper["label"]
        assert len(found["maps"]) == 6  # three measures, for the states and the municipalities
        for one in found["maps"]:
            assert one["width"] <= PHONE["width"] and one["title"] and one["desc"]
            assert one["labelled"].endswith("-desc")
        assert any("Suprimida" in words for words in found["legend"])
        # the keyboard reaches the indicator table and scrolls it sideways
        wrapper = page.locator("#indicators").locator("xpath=..")
        wrapper.focus()
        assert page.evaluate("document.activeElement.classList.contains('table-wrapper')")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        # polled from here: a page without JavaScript runs no wait_for_function in it
        scrolled = 0.0
        for _attempt in range(50):
            scrolled = page.evaluate("document.activeElement.scrollLeft")
            if scrolled > 0:
                break
            page.wait_for_timeout(100)
        assert scrolled > 0, "the arrow keys do not scroll the focused table"
    finally:
        context.close()
