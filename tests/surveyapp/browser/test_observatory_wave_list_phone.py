"""The observatory's wave list on a 360 px phone: each reference period's dates stay whole."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from surveyapp.extensions import db
from surveyapp.models import Wave

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}

#: The tiny wave's reference period (conftest), as each page language writes it.
PERIOD = {
    "es": ["1 de enero de 2024", "31 de diciembre de 2024"],
    "fr": ["1er\u00a0janvier\u00a02024", "31\u00a0décembre\u00a02024"],
}

#: Every date of the list (each in its nowrap span, written in the page's language since
#: a3d36fc: "31 de diciembre de 2024"), and the lines (distinct tops) its characters fall on.
DATE_LINES = r"""() => {
  const found = [];
  for (const span of document.querySelectorAll('main ul.list .nowrap')) {
    const range = document.createRange();
    range.selectNodeContents(span);
    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    found.push({date: span.textContent, lines: tops.size});
  }
  return {found, pageWidth: document.documentElement.scrollWidth};
}"""


@pytest.mark.parametrize("language", ["es", "fr"])
def test_no_date_of_the_wave_list_is_split_across_lines_at_360_px(
    app: Flask, live_server: str, browser: Any, tiny_wave: Callable[..., Any], language: str
) -> None:
    loaded = tiny_wave(public=True)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    shot = os.environ.get("WAVE_LIST_SCREENSHOT")
    try:
        # names of every length put the period's dates at every place of a line
        for length in range(8, 60, 3):
            name = ("Encuesta de victimización " * 4)[:length].strip()
            with app.app_context():
                db.session.execute(sa.update(Wave).where(Wave.id == loaded.id).values(name=name))
                db.session.commit()
            page.goto(f"{live_server}/observatory/?lang={language}")
            measured = page.evaluate(DATE_LINES)
            assert len(measured["found"]) == 2, measured
            # the dates as the page's language writes them, each whole on its line
            assert [d["date"] for d in measured["found"]] == PERIOD[language], measured
            split = [d for d in measured["found"] if d["lines"] != 1]
            if shot and (split or length == 11):
                page.screenshot(path=f"{shot}-{language}-{length}.png", full_page=True)
            assert split == [], (name, measured)
            assert measured["pageWidth"] <= PHONE["width"], (name, measured)
    finally:
        context.close()
