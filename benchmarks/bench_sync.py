"""Load test of the field sync API: tablets uploading complete interviews under gunicorn.

Starts gunicorn on 127.0.0.1 over a fresh database (a temporary SQLite file in WAL
mode, or a new schema on PostgreSQL), with an open tablet wave of the standard
questionnaire, one interviewer account per device and one assigned household per
interview. Each simulated device (a thread, stdlib ``http.client``, one keep-alive
connection; see ``benchmarks/fieldsim.py``) logs in, downloads its assignments and
the instrument, then all devices together upload their complete interviews
(answers from the synthetic-country simulator, incident loops included, with
per-question paradata), retrying with backoff until each is acknowledged.
Finally the database is compared with what was sent (``benchmarks/fieldserver.py``):
every acknowledged interview must be stored exactly once, with exactly the content
sent.

Prints the upload rate, p50/p95 latency of the uploads and the check; the last
line reads ``interviews/s=… p95_ms=… acknowledged=… stored=… lost=… duplicated=…``.
Aim (issue 8): at least 200 interviews/s on PostgreSQL on a 2-core machine, 0 lost,
0 duplicated.

    .venv/bin/python benchmarks/bench_sync.py --db sqlite
    .venv/bin/python benchmarks/bench_sync.py --db postgresql --devices 20 --interviews 50
"""

from __future__ import annotations

import argparse
import os
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

import fieldserver  # noqa: E402  (benchmarks/ is the script's own folder)
import fieldsim  # noqa: E402
import sqlalchemy as sa  # noqa: E402

PASSWORD = "field sync benchmark password"


def prepare(
    url: str, engine_options: dict[str, Any], instance: Path, devices: int, interviews: int
) -> fieldsim.FieldWave:
    """Tables, vict_std, the tablet wave, interviewers and units, through the app's services."""
    from surveyapp import create_app
    from surveyapp.extensions import db

    app = create_app(
        {"DATABASE_URL": url, "SECRET_KEY": "bench", "SQLALCHEMY_ENGINE_OPTIONS": engine_options},
        instance_path=str(instance),
    )
    with app.app_context():
        db.create_all()
        field_wave = fieldsim.prepare_field_wave(
            db.session, devices=devices, interviews_per_device=interviews, password=PASSWORD
        )
        db.session.commit()
        db.engine.dispose()
    return field_wave


def postgres_cpu_seconds(url: str) -> float:
    """CPU seconds used so far by the local PostgreSQL server of ``url`` and its backends
    (Linux /proc; NaN when the server is not on this machine). On a server shared with
    other work this counts that work too: give the benchmark a cluster of its own."""
    port = sa.engine.make_url(url).port or 5432
    ticks = os.sysconf("SC_CLK_TCK")
    stats: dict[int, tuple[int, float]] = {}  # pid -> (parent, cpu seconds)
    postmaster = None
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() != "postgres":
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks)
        if b"-p" in args and args[args.index(b"-p") + 1 : args.index(b"-p") + 2] == [
            str(port).encode()
        ]:
            postmaster = int(entry.name)
    if postmaster is None:
        return float("nan")
    return sum(cpu for pid, (parent, cpu) in stats.items() if postmaster in (pid, parent))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--database-url",
        help="PostgreSQL server to use (a new schema is made and dropped); "
        "default: the throwaway server of .ci/postgres",
    )
    parser.add_argument("--devices", type=int, default=20, help="simultaneous tablets (20)")
    parser.add_argument(
        "--interviews", type=int, default=25, help="complete interviews per device (25)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (4)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    engine_options: dict[str, Any] = {}
    schema = None
    admin: sa.Engine | None = None
    if args.db == "postgresql":
        url = (
            args.database_url
            or subprocess.run(
                ["bash", str(ROOT / ".ci" / "postgres")], check=True, capture_output=True, text=True
            ).stdout.strip()
        )
        url = url.replace("postgresql://", "postgresql+psycopg://", 1)
        schema = f"bench_{uuid.uuid4().hex[:12]}"
        admin = sa.create_engine(url, poolclass=sa.NullPool)
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        engine_options = {"connect_args": {"options": f"-csearch_path={schema}"}}
    else:
        url = f"sqlite:///{tmp / 'bench.sqlite'}"

    server = None
    try:
        field_wave = prepare(url, engine_options, tmp / "instance", args.devices, args.interviews)
        uploads = fieldsim.make_uploads(field_wave)
        flat = [u for device in uploads for u in device]
        server = fieldserver.Gunicorn(
            url, engine_options, tmp, workers=args.workers, threads=args.threads
        )
        server.start()
        storm = fieldsim.Storm(server.port, field_wave.accounts, uploads)
        storm.start()
        cpu_start, client_start = server.cpu_seconds(), time.process_time()
        pg_start = postgres_cpu_seconds(url) if schema else float("nan")
        storm.join()
        cpu = server.cpu_seconds() - cpu_start
        client_cpu = time.process_time() - client_start
        pg_cpu = postgres_cpu_seconds(url) - pg_start if schema else float("nan")
        counts = fieldserver.check_database(
            url, engine_options, field_wave.wave_id, uploads, storm.ledger
        )
    finally:
        if server is not None:
            server.stop()
        if admin is not None:
            with admin.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()

    ledger = storm.ledger
    latencies = ledger.latencies
    rate = len(ledger.acknowledged) / storm.elapsed
    p95 = 1000 * fieldsim.percentile(latencies, 0.95)
    with_incidents = sum(1 for u in flat if u.incident_count)
    print(
        f"database: {'PostgreSQL' if schema else 'SQLite (WAL)'}; gunicorn {args.workers} workers "
        f"x {args.threads} threads; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"{args.devices} devices x {args.interviews} interviews = {len(flat)} uploads "
        f"({with_incidents} with incident loops, {sum(u.incident_count for u in flat)} incidents; "
        f"mean body {statistics.mean(len(u.payload) for u in flat) / 1024:.1f} KiB)"
    )
    print(
        f"upload phase: {storm.elapsed:.2f} s, {ledger.attempts} PUTs ({ledger.retried} retried), "
        f"{rate:.1f} interviews/s"
    )
    if latencies:
        print(
            f"latency per acknowledged PUT: p50 {1000 * statistics.median(latencies):.1f} ms, "
            f"p95 {p95:.1f} ms, max {1000 * max(latencies):.1f} ms"
        )
    # CPU per interview does not depend on what else runs on the machine, unlike the rates.
    acked = max(len(ledger.acknowledged), 1)
    print(
        f"CPU per interview: server {1000 * cpu / acked:.2f} ms, "
        f"simulated devices {1000 * client_cpu / acked:.2f} ms"
        + (f", PostgreSQL {1000 * pg_cpu / acked:.2f} ms" if schema else "")
    )
    if ledger.errors or ledger.rejected or storm.failures:
        print(
            f"failures before a retry: {ledger.errors}; rejected: {len(ledger.rejected)} "
            f"{ledger.rejected[:3]}; device errors: {storm.failures[:3]}"
        )
    for problem in counts.problems[:10]:
        print("problem:", problem)
    print(
        f"check: corrupted={counts.corrupted}, duplicate acknowledgements={ledger.duplicate_acks}"
    )
    print(
        f"interviews/s={rate:.1f} p95_ms={p95:.1f} acknowledged={counts.acknowledged} "
        f"stored={counts.stored} lost={counts.lost} duplicated={counts.duplicated}"
    )
    ok = (
        counts.lost == counts.duplicated == counts.corrupted == 0
        and counts.acknowledged == len(flat)
        and not storm.failures
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
