"""Server CPU of one tablet upload, by kind, in one process (no HTTP server, no other requests).

Prepares the sync benchmark's wave (``benchmarks/fieldsim.py``: ``vict_std``, simulated
answers with incident loops and the app's paradata) on PostgreSQL (a schema of its own on
``--database-url``, dropped at the end; default the throwaway server of ``.ci/postgres``) or
on a temporary SQLite file, logs each device in, then ``PUT``s through Flask's test client
and measures the thread CPU of each request around the WSGI app. Kinds:

* ``new``: each interview once, as ``bench_sync.py`` sends them (completed);
* ``revision``: each interview stored first (not measured), then a changed copy of it
  (``client_revision`` 2): a new revision of a stored interview;
* ``abandoned``: each interview once as a break-off (``status`` abandoned, with its answers:
  a partial).

Prints the median and mean milliseconds per upload of each kind; the first 8 uploads of
each kind warm the process and are not counted. Thread CPU per upload hardly depends on
what else the machine runs, unlike rates; compare commits by running this script from a
worktree of each, alternately.

    .venv/bin/python benchmarks/bench_upload_cpu.py
    .venv/bin/python benchmarks/bench_upload_cpu.py --db sqlite --kinds revision --interviews 25
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import fieldsim  # noqa: E402  (benchmarks/ is the script's own folder)
import sqlalchemy as sa  # noqa: E402

PASSWORD = "field upload benchmark password"
KINDS = ("new", "revision", "abandoned")
WARM = 8


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="postgresql")
    parser.add_argument("--database-url", help="PostgreSQL server (default: .ci/postgres)")
    parser.add_argument("--devices", type=int, default=4, help="interviewer accounts (4)")
    parser.add_argument("--interviews", type=int, default=50, help="interviews per device (50)")
    parser.add_argument("--kinds", default=",".join(KINDS), help="new,revision,abandoned")
    args = parser.parse_args()
    kinds = [k for k in args.kinds.split(",") if k]
    unknown = set(kinds) - set(KINDS)
    if unknown:
        parser.error(f"unknown kinds: {', '.join(sorted(unknown))}")

    tmp = Path(tempfile.mkdtemp(prefix="bench-upload-"))
    options: dict[str, Any] = {}
    admin: sa.Engine | None = None
    schema = None
    if args.db == "postgresql":
        url = (
            args.database_url
            or subprocess.run(
                ["bash", str(ROOT / ".ci" / "postgres")], check=True, capture_output=True, text=True
            ).stdout.strip()
        )
        url = url.replace("postgresql://", "postgresql+psycopg://", 1)
        admin = sa.create_engine(url, poolclass=sa.NullPool)
    try:
        for kind in kinds:
            if admin is not None:
                schema = f"bench_{uuid.uuid4().hex[:12]}"
                with admin.begin() as conn:
                    conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
                options = {"connect_args": {"options": f"-csearch_path={schema}"}}
            else:
                url = f"sqlite:///{tmp / f'{kind}.sqlite'}"
            try:
                times = _measure(kind, url, options, tmp / kind, args.devices, args.interviews)
            finally:
                if admin is not None:
                    with admin.begin() as conn:
                        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            print(
                f"{kind}: {len(times)} uploads, thread CPU per upload median "
                f"{1000 * statistics.median(times):.2f} ms, mean {1000 * statistics.mean(times):.2f} ms"
            )
    finally:
        if admin is not None:
            admin.dispose()
    return 0


def _measure(
    kind: str, url: str, options: dict[str, Any], instance: Path, devices: int, interviews: int
) -> list[float]:
    """Thread CPU seconds of each measured upload of one kind, over a fresh database."""
    from surveyapp import create_app
    from surveyapp.extensions import db

    app = create_app(
        {"DATABASE_URL": url, "SECRET_KEY": "bench", "SQLALCHEMY_ENGINE_OPTIONS": options},
        instance_path=str(instance),
    )
    try:
        with app.app_context():
            db.create_all()
            field_wave = fieldsim.prepare_field_wave(
                db.session, devices=devices, interviews_per_device=interviews, password=PASSWORD
            )
            db.session.commit()
        client = app.test_client()
        jobs: list[tuple[str, str, dict[str, Any]]] = []
        for account, uploads in zip(
            field_wave.accounts, fieldsim.make_uploads(field_wave), strict=True
        ):
            login = {"email": account.email, "password": PASSWORD, "device": account.device}
            token = client.post("/api/field/login", json=login).json["token"]
            jobs.extend((token, u.uuid, u.body) for u in uploads)

        spent: list[float] = []
        inner = app.wsgi_app

        def timed(environ: Any, start_response: Any) -> Any:
            """The app's own CPU: not the test client's building of the request or reading
            of the answer."""
            start = time.thread_time()
            try:
                return inner(environ, start_response)
            finally:
                spent.append(time.thread_time() - start)

        app.wsgi_app = timed  # type: ignore[method-assign]

        def put(token: str, uid: str, body: dict[str, Any]) -> float:
            response = client.put(
                f"/api/field/interviews/{uid}",
                data=json.dumps(body),
                content_type="application/json",
                headers={"Authorization": f"Bearer {token}"},
            )
            if response.status_code not in (200, 201) or response.json["duplicate"]:
                raise RuntimeError(f"{kind} upload {uid}: {response.status_code} {response.json}")
            return spent[-1]

        if kind == "revision":
            for token, uid, body in jobs:
                put(token, uid, body)
            jobs = [(t, uid, {**body, "client_revision": 2}) for t, uid, body in jobs]
        elif kind == "abandoned":
            jobs = [(t, uid, {**body, "status": "abandoned"}) for t, uid, body in jobs]
        return [put(*job) for job in jobs][WARM:]
    finally:
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
