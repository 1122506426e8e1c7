"""What a read API request costs, and how much of it is the audit row every use writes.

Loads the tiny simulated wave into a temporary database (SQLite, or with ``--database`` a
PostgreSQL server's URL: a schema of its own there, dropped at the end), builds its indicator table once, creates a
public read token, then requests through the WSGI app (Flask's test client: no network)
``--repeat`` times each: ``/api/ping`` (no database), ``/api/v1/waves/<id>`` and one
area's indicator table, with a token. Each token request is measured twice: as served
(token lookup, the answer, one audit row and its commit) and with the audit row left out
(the service's ``record_use`` replaced by a no-op for the run), so the difference is the
audit's cost. Prints median and 95th percentile milliseconds and the audit rows written;
then the time to download a microdata release ZIP (CSV) of each edition, which is built
for every download.

Usage::

    .venv/bin/python benchmarks/bench_api.py
    .venv/bin/python benchmarks/bench_api.py --repeat 500 --database postgresql://…/bench
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from surveyapp import create_app  # noqa: E402
from surveyapp.extensions import db  # noqa: E402
from surveyapp.models import AuditLog, TokenScope, Wave  # noqa: E402
from surveyapp.observatory.jobs import build_pending  # noqa: E402
from surveyapp.services import read_tokens  # noqa: E402
from surveyapp.services.demo_data import load_simulated_wave  # noqa: E402
from surveyapp.services.reports import (  # noqa: E402
    DEFAULT_SETTINGS,
    OutputKey,
    data_version,
    request_output,
    wave_areas,
)


def _time(get: Callable[[], Any], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = get()
        times.append(1000 * (time.perf_counter() - started))
        if response.status_code != 200:
            raise SystemExit(f"status {response.status_code}: {response.get_data(as_text=True)}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--downloads", type=int, default=3, help="microdata ZIPs per edition")
    parser.add_argument("--database", help="a PostgreSQL URL (default: SQLite in a temp folder)")
    args = parser.parse_args()
    schema = f"bench_api_{uuid.uuid4().hex[:12]}"
    server = sa.create_engine(args.database, poolclass=sa.NullPool) if args.database else None
    if server is not None:
        with server.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        with tempfile.TemporaryDirectory() as folder:
            _run(args, folder, schema if server is not None else None)
    finally:
        if server is not None:
            with server.begin() as connection:
                connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            server.dispose()


def _run(args: argparse.Namespace, folder: str, schema: str | None) -> None:
    settings: dict[str, Any] = {
        "TESTING": True,
        "SECRET_KEY": "bench",
        "REPORT_WORKER": "off",
        "REQUEST_LOG": False,
        "DATABASE_URL": args.database or f"sqlite:///{folder}/bench.sqlite",
    }
    if schema is not None:
        settings["SQLALCHEMY_ENGINE_OPTIONS"] = {
            "connect_args": {"options": f"-csearch_path={schema}"}
        }
    app = create_app(settings, instance_path=f"{folder}/instance")
    with app.app_context():
        db.create_all()
        loaded = load_simulated_wave(db.session, seed=1, size="tiny", public=True)
        wave = db.session.get(Wave, loaded.wave_id)
        assert wave is not None
        muni = next(a for a in wave_areas(db.session, wave) if a.report_level == "municipality")
        request_output(
            db.session,
            OutputKey.indicators(wave, data_version(db.session, wave, DEFAULT_SETTINGS)),
        )
        db.session.commit()
        build_pending(db.session, settings=DEFAULT_SETTINGS)
        _token, plain = read_tokens.create_token(
            db.session, name="bench", scope=TokenScope.public, by=None
        )
        _token, microdata = read_tokens.create_token(
            db.session,
            name="bench microdata",
            scope=TokenScope.internal,
            may_download_microdata=True,
            by=None,
        )
        db.session.commit()
    client = app.test_client()
    headers = {"Authorization": f"Bearer {plain}"}
    downloader = {"Authorization": f"Bearer {microdata}"}
    urls = {
        "wave": f"/api/v1/waves/{loaded.wave_id}",
        "indicators": f"/api/v1/waves/{loaded.wave_id}/indicators?area={muni.key}&limit=1000",
    }
    database = "PostgreSQL" if args.database else "SQLite"
    print(f"{database}, {args.repeat} requests each (Flask test client, one process)")
    print(f"{'request':32} {'median ms':>10} {'p95 ms':>8}")

    def show(name: str, times: list[float]) -> float:
        median = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[18]
        print(f"{name:32} {median:10.2f} {p95:8.2f}")
        return median

    show("/api/ping", _time(lambda: client.get("/api/ping"), args.repeat))
    real = read_tokens.record_use
    for name, url in urls.items():
        audited = show(
            f"{name} (audited)",
            _time(lambda u=url: client.get(u, headers=headers), args.repeat),
        )
        read_tokens.record_use = lambda *a, **k: None  # type: ignore[assignment]
        try:
            bare = show(
                f"{name} (no audit row)",
                _time(lambda u=url: client.get(u, headers=headers), args.repeat),
            )
        finally:
            read_tokens.record_use = real  # type: ignore[assignment]
        print(f"{'':32} audit row: {audited - bare:+.2f} ms a request")
    print(f"microdata release ZIPs of the tiny wave ({args.downloads} each, built every time):")
    for edition in ("internal", "public"):
        url = f"/api/v1/waves/{loaded.wave_id}/microdata/{edition}/csv?lang=es"
        times = _time(lambda u=url: client.get(u, headers=downloader), args.downloads)
        print(f"{edition + ' csv':32} {statistics.median(times):10.0f} {max(times):8.0f} (max)")
    with app.app_context():
        rows = db.session.scalar(
            sa.select(sa.func.count(AuditLog.id)).where(AuditLog.action == read_tokens.USE_ACTION)
        )
        db.session.rollback()
        db.engine.dispose()
    print(f"audit rows written: {rows} (one per audited request)")


if __name__ == "__main__":
    main()
