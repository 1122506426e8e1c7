"""Building cached outputs (reports, regional comparisons, tables, microdata releases) outside
the request that asked.

Requests add pending :class:`~surveyapp.models.ReportOutput` rows and answer
at once ("being prepared"); a worker claims and builds them. Where the worker
runs is the ``REPORT_WORKER`` setting (surveyapp/config.py):

* ``thread`` (default): one background thread per server process, started
  when a request leaves a pending row and stopped when none is left. Several
  gunicorn workers may each run one; the claim (an UPDATE only one
  transaction wins) keeps two of them from building the same output.
* ``inline``: the request builds it before answering (tests, tiny sites).
* ``off``: nothing here builds; run ``surveyapp report --work`` (e.g. from
  cron or a systemd service) instead.
"""

from __future__ import annotations

import logging
import threading

from flask import Flask, current_app

from ..extensions import db
from ..models import OutputKind, ReportOutput
from ..services import DBSession, release_downloads
from ..services.reports import (
    ReportError,
    ReportSettings,
    claim_output,
    finish_output,
    next_pending,
    set_progress,
)
from ..services.reports.settings import FAILED_MESSAGE

log = logging.getLogger(__name__)

_worker_running = threading.Lock()


def report_settings(app: Flask | None = None) -> ReportSettings:
    """The quality rule set and smallest published cell from the app's settings."""
    config = (app or current_app).config
    return ReportSettings(
        quality=str(config["REPORT_QUALITY_RULES"]),
        min_cases=int(config["REPORT_MIN_CASES"]),
        household_crimes=config["REPORT_HOUSEHOLD_CRIMES"],
    )


def build_pending(
    session: DBSession, *, settings: ReportSettings, limit: int | None = None, echo: bool = False
) -> int:
    """Claim and build pending outputs one by one until none is left; commits each. Returns how many."""
    built = 0
    while limit is None or built < limit:
        output_id = next_pending(session)
        if output_id is None:
            break
        won = claim_output(session, output_id)
        session.commit()
        if not won:
            continue
        build_one(session, output_id, settings=settings)
        built += 1
    return built


def build_one(session: DBSession, output_id: int, *, settings: ReportSettings) -> None:
    """Build a claimed output and store the result or the reason it failed."""
    # the report stack, in the worker only
    from ..services.regional import build_regional_output
    from ..services.report_build import build_output

    output = session.get(ReportOutput, output_id)
    if output is None:  # pragma: no cover - deleted with its wave meanwhile
        return

    def progress(step: str) -> None:
        set_progress(session, output_id, step)
        session.commit()

    try:
        if output.kind is OutputKind.microdata:
            content = release_downloads.build_release_output(session, output, progress=progress)
        elif output.kind is OutputKind.regional:
            content = build_regional_output(session, output, settings=settings, progress=progress)
        else:
            content = build_output(session, output, settings=settings, progress=progress)
    except ReportError as exc:
        session.rollback()
        finish_output(session, output_id, error=str(exc))
    except Exception:
        log.exception("building report output %s failed", output_id)
        session.rollback()
        finish_output(session, output_id, error=FAILED_MESSAGE)
    else:
        finish_output(session, output_id, content=content)
    session.commit()


def start_worker(app: Flask | None = None) -> None:
    """Make sure pending outputs get built, as ``REPORT_WORKER`` says (call after committing)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    mode = app.config["REPORT_WORKER"]
    settings = report_settings(app)
    if mode == "inline":
        build_pending(db.session, settings=settings)
    elif mode == "thread" and _worker_running.acquire(blocking=False):
        threading.Thread(
            target=_work, args=(app, settings), name="report-worker", daemon=True
        ).start()


def _work(app: Flask, settings: ReportSettings) -> None:
    try:
        with app.app_context():
            try:
                build_pending(db.session, settings=settings)
            finally:
                db.session.remove()
    except Exception:  # pragma: no cover - a database outage; the next request restarts the worker
        log.exception("report worker stopped")
    finally:
        _worker_running.release()
    # A row added between our last look and the release would otherwise wait for the next request.
    try:
        with app.app_context():
            try:
                again = next_pending(db.session) is not None
            finally:
                db.session.remove()
    except Exception:  # pragma: no cover - the database went away (shutdown); nothing is lost
        log.warning("report worker could not look for more work", exc_info=True)
        return
    if again:
        start_worker(app)
