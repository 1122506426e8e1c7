"""An analyst logs in, opens a municipality and downloads its PDF report and CSV table in Chromium."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdf
import pytest
from flask import Flask

from surveyapp.models import Role, User

pytestmark = pytest.mark.browser
#: Building the indicator table and the PDF on a busy two-core machine takes a while.
BUILD_MS = 240_000


@pytest.fixture
def app_config() -> dict[str, Any]:
    # The real arrangement: CSRF on, reports built by the background thread while pages say "being prepared".
    return {"WTF_CSRF_ENABLED": True, "REPORT_WORKER": "thread", "REPORT_REFRESH_SECONDS": 2}


def test_analyst_downloads_a_municipal_report(
    app: Flask,
    live_server: str,
    browser: Any,
    make_user: Callable[..., User],
    tiny_wave: Callable[..., Any],
    tmp_path: Path,
) -> None:
    loaded = tiny_wave(public=False)
    muni, wave_name = loaded.muni, loaded.name
    analyst = make_user(Role.analyst)

    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{live_server}/observatory/?lang=en")
        assert wave_name not in page.content(), (
            "a wave not marked public is not listed for the public"
        )
        page.get_by_role("main").get_by_role("link", name="Staff login").click()
        page.get_by_label("Email").fill(analyst.email)
        page.get_by_label("Password").fill("correct horse battery staple")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server}/observatory/**")
        page.get_by_role("link", name=wave_name).click()
        # "being prepared" pages reload themselves until the indicator table is built
        page.wait_for_selector("#area", timeout=BUILD_MS)
        page.select_option("#area", muni.key)
        page.select_option("#lang", "en")
        page.locator("form.obs-form button[type=submit]").click()
        page.wait_for_selector("#indicators", timeout=BUILD_MS)
        assert page.locator("h1").inner_text() == muni.name
        assert page.locator("#indicators tbody tr").count() > 20

        with page.expect_download(timeout=BUILD_MS) as csv_download:
            page.get_by_role("link", name="CSV table").click()
        csv_path = tmp_path / "table.csv"
        csv_download.value.save_as(csv_path)
        rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
        assert {r["area_name"] for r in rows} == {muni.name}
        prevalence = next(r for r in rows if r["indicator"] == "prev_person")
        assert (
            prevalence["indicator_name"] == "Person prevalence"
            and float(prevalence["estimate"]) > 0
        )

        with page.expect_download(timeout=BUILD_MS) as pdf_download:
            page.get_by_role("link", name="PDF report").click()
        pdf_path = tmp_path / "report.pdf"
        pdf_download.value.save_as(pdf_path)
        assert pdf_download.value.suggested_filename.endswith("-en-internal.pdf")
        text = "\n".join(p.extract_text() for p in pypdf.PdfReader(pdf_path).pages)
        assert muni.name in text and "Municipality" in text
    finally:
        context.close()
