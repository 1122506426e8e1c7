"""Fixtures for the browser tests: the app served on a free local port, headless Chromium.

Chromium is Debian's (``/usr/bin/chromium``, or ``PLAYWRIGHT_CHROMIUM_EXECUTABLE``);
Playwright never downloads a browser here.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from werkzeug.serving import WSGIRequestHandler, make_server

from questionnaires.loader import standard_instrument_paths
from surveyapp.extensions import db
from surveyapp.models import InstrumentVersion, SampleUnit, Wave, WaveStatus
from surveyapp.services.instruments import load_instrument_files
from surveyapp.services.invitations import generate_codes
from surveyapp.services.waves import create_wave

playwright_sync = pytest.importorskip("playwright.sync_api")

LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def load_scenario() -> ModuleType:
    path = Path(__file__).parent / "scenario.py"
    spec = importlib.util.spec_from_file_location("respond_browser_scenario", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fill(page: Any, answers: dict[str, Any]) -> None:
    """Type or tick every answer as a person would (labels clicked, boxes typed into); the
    scenario's keys are the inputs' names, as the respondent survey and the interviewer app
    name them."""
    for name, value in answers.items():
        values = value if isinstance(value, list) else [value]
        first = page.locator(f'[name="{name}"]').first
        kind = first.get_attribute("type")
        if kind in ("radio", "checkbox"):
            for one in values:
                box = page.locator(f'[name="{name}"][value="{one}"]')
                page.locator(f'label[for="{box.get_attribute("id")}"]').click()
                assert box.is_checked(), (name, one)
        else:
            first.fill(values[0])


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": True}


class _QuietHandler(WSGIRequestHandler):
    """No access log: respondent addresses are never written anywhere."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """The test app served by werkzeug in a thread on 127.0.0.1:<free port>."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


def chromium_executable() -> str:
    """Debian's Chromium (or PLAYWRIGHT_CHROMIUM_EXECUTABLE); skips (a CI failure) without one."""
    executable = (
        os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE")
        or shutil.which("chromium")
        or "/usr/bin/chromium"
    )
    if not Path(executable).exists():
        pytest.skip("no Chromium to drive")
    return executable


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    """One Playwright per test process: a second sync_playwright() in the same thread while
    one is running fails ("Sync API inside the asyncio loop"), so every browser fixture
    starts from this one."""
    with playwright_sync.sync_playwright() as started:
        yield started


@pytest.fixture(scope="session")
def browser(playwright: Any) -> Iterator[Any]:
    executable = chromium_executable()
    launched = playwright.chromium.launch(
        executable_path=executable, args=LAUNCH_ARGS, headless=True
    )
    yield launched
    launched.close()


@pytest.fixture
def std_wave(app: Flask) -> dict[str, Any]:
    """vict_std loaded, an open-link wave and an invitation wave with one household code."""
    vict_std = next(p for p in standard_instrument_paths() if p.name == "vict_std.yaml")
    with app.app_context():
        [(row, _created)] = load_instrument_files(db.session, [vict_std])
        version = db.session.get(InstrumentVersion, row.id)
        assert version is not None
        common: dict[str, Any] = {
            "instrument_version": version,
            "reference_start": dt.date(2025, 1, 1),
            "reference_end": dt.date(2025, 12, 31),
            "status": WaveStatus.open,
        }
        open_wave = create_wave(
            db.session, name="Ola abierta", slug="ola-abierta", invitation_required=False, **common
        )
        invited = create_wave(
            db.session, name="Ola hogares", slug="ola-hogares", invitation_required=True, **common
        )
        unit = SampleUnit(wave_id=invited.id, external_id="H1")
        db.session.add(unit)
        db.session.flush()
        [(_unit, code)] = generate_codes(db.session, invited, [unit])
        db.session.commit()
        return {
            "open": open_wave.slug,
            "invited": invited.slug,
            "code": code,
            "document": version.document,
        }


def stored_answers(app: Flask, slug: str) -> list[dict[str, Any]]:
    """(status, answers) of every interview of the wave."""
    from surveyapp.models import Interview

    with app.app_context():
        rows = db.session.execute(
            sa.select(Interview.status, Interview.answers, Interview.sample_unit_id)
            .join(Wave, Interview.wave_id == Wave.id)
            .where(Wave.slug == slug)
        ).all()
        return [{"status": r[0], "answers": r[1], "sample_unit_id": r[2]} for r in rows]


def staff_login(page: Any, base: str, email: str, password: str) -> None:
    """Log in on the staff login page and wait for the page it leads to."""
    page.goto(f"{base}/auth/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()
