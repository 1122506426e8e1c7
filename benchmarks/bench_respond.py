"""Load test of the respondent web survey under gunicorn.

Starts gunicorn on 127.0.0.1 (several workers) over a fresh database (a temporary
SQLite file in WAL mode, or a new schema on the PostgreSQL server given with
``--database-url``), loads the standard questionnaire, opens a public-link wave,
then lets ``--concurrency`` simulated respondents (asyncio, one connection and
cookie jar each, real CSRF tokens) take the whole survey again and again until
``--interviews`` are done or ``--seconds`` have passed. Each respondent answers
every question shown (no JavaScript), reports a burglary and two robberies, and
so fills three incident pages.

In the same run it then measures the trivial endpoint ``/api/ping`` with the same
number of connections, flat out and then paced to the survey's request rate (a
server busy at that rate costs more per request than one running flat out), and
checks that the database holds exactly as many completed interviews as thank-you
pages were received. With ``--floor`` it serves ``benchmarks/floor_app.py`` (the
app plus three floors: gunicorn answering without an application, the least work of a
question page without Flask and SQLAlchemy, and the same work through the app's stack)
and measures them at the survey's rate too.

Prints figures, the last line a summary; targets (issue 11): at 200 concurrent
respondents with 1 s mean think time, p95 < 100 ms, and at most 1.5 ms of server
CPU (gunicorn master and workers, user + system) per survey request, at least a
third of ``/api/ping``'s CPU per request. The CPU figures hold on a busy machine;
rates and latencies need an idle one.

    .venv/bin/python benchmarks/bench_respond.py
    .venv/bin/python benchmarks/bench_respond.py --concurrency 50 --interviews 300 --think 0
    .venv/bin/python benchmarks/bench_respond.py --database-url "$(bash .ci/postgres)"
    .venv/bin/python benchmarks/bench_respond.py --database-url "$(bash .ci/postgres)" --floor
    .venv/bin/python benchmarks/bench_respond.py --database-url "$(bash .ci/postgres)" --ramp 10

All respondents start at the same instant unless ``--ramp`` spreads their arrival; the
first seconds then queue up, so the latency is also printed without the first 10 s.
    .venv/bin/python benchmarks/bench_respond.py --concurrency 50 --seconds 20 --interviews 10000
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

SLUG = "bench"
#: Answers typed where a generic choice would not do (numbers, and the crimes reported).
PRESET: dict[str, str] = {
    "hh_size": "4",
    "hh_adults": "2",
    "dem_age": "41",
    "dem_years_nbhd": "10",
    "hv_burg_5y": "1",
    "hv_burg_12m": "1",
    "hv_burg_n": "1",
    "pv_rob_5y": "1",
    "pv_rob_12m": "1",
    "pv_rob_n": "2",
    "inc_month": "2025-06",
    "inc_loss_value": "150,5",
}
_INPUT = re.compile(r"<input ([^>]*)>")
_ATTR = re.compile(r'([a-z-]+)(?:="([^"]*)")?')


# --- a minimal HTTP/1.1 client (keep-alive, cookies): no dependency beyond asyncio -----


class HTTPClient:
    """One connection and one cookie jar: one respondent's browser."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(OSError):
                await self._writer.wait_closed()
        self._reader = self._writer = None

    async def request(
        self, method: str, path: str, form: dict[str, Any] | None = None
    ) -> tuple[int, dict[str, str], str]:
        body = urlencode(form, doseq=True).encode() if form is not None else b""
        head = [
            f"{method} {path} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            "Accept-Language: en",
        ]
        if self.cookies:
            head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if form is not None:
            head += [
                "Content-Type: application/x-www-form-urlencoded",
                f"Content-Length: {len(body)}",
            ]
        payload = ("\r\n".join(head) + "\r\n\r\n").encode() + body
        for attempt in (1, 2):
            if self._writer is None:
                self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
            assert self._reader is not None
            self._writer.write(payload)
            try:
                await self._writer.drain()
                status_line = await self._reader.readline()
            except (ConnectionError, OSError):
                status_line = b""
            if status_line:
                break
            await self.close()  # the server closed an idle connection before reading: resend
            if attempt == 2:
                raise ConnectionError(f"no response to {method} {path}")
        reader = self._reader
        assert reader is not None
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        while True:
            line = (await reader.readline()).decode("latin-1").rstrip("\r\n")
            if not line:
                break
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                cookie = value.split(";", 1)[0]
                key, _, val = cookie.partition("=")
                if val and "expires=thu, 01 jan 1970" not in value.lower():
                    self.cookies[key] = val
                else:
                    self.cookies.pop(key, None)
            headers[name] = value
        length = int(headers.get("content-length", "0"))
        data = await reader.readexactly(length) if length else b""
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, headers, data.decode("utf-8", "replace")


# --- one respondent ---------------------------------------------------------------------------


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    sent_at: list[float] = field(default_factory=list)  # perf_counter() when each was sent
    pages: int = 0
    completed: int = 0
    failures: list[str] = field(default_factory=list)


def inputs(html: str) -> list[dict[str, str]]:
    return [{k: v for k, v in _ATTR.findall(m.group(1))} for m in _INPUT.finditer(html)]


def answers_for(html: str) -> dict[str, Any]:
    """What a diligent respondent without JavaScript sends: every question shown answered."""
    form: dict[str, Any] = {}
    radios: dict[str, list[str]] = {}
    boxes: dict[str, list[str]] = {}
    for attrs in inputs(html):
        name, kind, value = attrs.get("name", ""), attrs.get("type", ""), attrs.get("value", "")
        if not name or name.endswith("__special") or name == "action":
            continue
        if kind == "hidden":
            form[name] = value
        elif kind == "radio":
            radios.setdefault(name, []).append(value)
        elif kind == "checkbox":
            boxes.setdefault(name, []).append(value)
        elif kind == "month":
            form[name] = PRESET.get(name, "2025-06")
        else:
            form[name] = PRESET.get(name, "1")
    for name, values in radios.items():
        form[name] = PRESET.get(name) or ("2" if "2" in values else values[0])
    for name, values in boxes.items():
        form[name] = [values[0]]
    form["action"] = "next"
    return form


async def take_survey(
    host: str, port: int, results: Results, deadline: float, think: float, rng: random.Random
) -> bool:
    """One whole interview; True when the thank-you page was received.

    ``think`` is the mean time (exponential) the respondent spends reading and
    answering each page before sending it.
    """
    client = HTTPClient(host, port)

    async def reading() -> None:
        if think > 0:
            await asyncio.sleep(rng.expovariate(1 / think))

    async def timed(
        method: str, path: str, form: dict[str, Any] | None = None
    ) -> tuple[int, dict[str, str], str]:
        start = time.perf_counter()
        response = await client.request(method, path, form)
        results.latencies.append(time.perf_counter() - start)
        results.sent_at.append(start)
        return response

    try:
        status, _h, html = await timed("GET", f"/s/{SLUG}?lang=en")
        hidden = {a["name"]: a.get("value", "") for a in inputs(html) if a.get("type") == "hidden"}
        await reading()
        status, headers, _ = await timed("POST", f"/s/{SLUG}/start", hidden)
        location = headers.get("location", "")
        while location.startswith("/s/p/"):
            if time.perf_counter() > deadline:
                return False
            status, _h, html = await timed("GET", location)
            if status != 200:
                results.failures.append(f"GET {location}: {status}")
                return False
            await reading()
            status, headers, body = await timed("POST", location, answers_for(html))
            if status != 302:
                summary = re.findall(r'<li><a href="#[^"]+">([^<]+)</a>', body)
                results.failures.append(f"POST {location}: {status} {summary[:3]}")
                return False
            results.pages += 1
            location = headers.get("location", "")
        status, _h, html = await timed("GET", location or "/s/done")
        if status == 200 and "Thank you" in html:
            results.completed += 1
            return True
        results.failures.append(f"end at {location}: {status}")
        return False
    finally:
        await client.close()


async def run_respondents(
    host: str,
    port: int,
    concurrency: int,
    interviews: int,
    seconds: float,
    think: float = 0.0,
    ramp: float = 0.0,
) -> tuple[Results, float]:
    """``concurrency`` respondents take interviews until ``interviews`` are done or ``seconds``
    have passed; with ``ramp``, they arrive one after the other over that many seconds."""
    results = Results()
    rng = random.Random(20261128)
    deadline = time.perf_counter() + seconds
    remaining = [interviews]

    async def respondent(index: int) -> None:
        await asyncio.sleep(ramp * index / concurrency)
        while remaining[0] > 0 and time.perf_counter() < deadline:
            remaining[0] -= 1
            try:
                await take_survey(host, port, results, deadline, think, rng)
            except (ConnectionError, OSError, asyncio.IncompleteReadError) as exc:
                results.failures.append(f"{type(exc).__name__}: {exc}")

    start = time.perf_counter()
    await asyncio.gather(*(respondent(i) for i in range(concurrency)))
    return results, time.perf_counter() - start


async def run_ping(
    host: str,
    port: int,
    concurrency: int,
    seconds: float,
    path: str = "/api/ping",
    rate: float | None = None,
) -> tuple[int, float]:
    """``concurrency`` clients GET ``path`` for ``seconds``: back to back, or, with ``rate``,
    paced (exponential pauses) to about ``rate`` requests per second in all."""
    count = [0]
    deadline = time.perf_counter() + seconds
    rng = random.Random(7)

    async def pinger() -> None:
        client = HTTPClient(host, port)
        try:
            if rate:  # start spread out, as respondents are
                await asyncio.sleep(rng.uniform(0, concurrency / rate))
            while time.perf_counter() < deadline:
                status, _h, _b = await client.request("GET", path)
                if status == 200:
                    count[0] += 1
                if rate:
                    await asyncio.sleep(rng.expovariate(rate / concurrency))
        finally:
            await client.close()

    start = time.perf_counter()
    await asyncio.gather(*(pinger() for _ in range(concurrency)))
    return count[0], time.perf_counter() - start


# --- setup: database, gunicorn ------------------------------------------------------------------


def prepare_database(url: str, engine_options: dict[str, Any], instance: Path) -> None:
    """Tables, vict_std and an open public-link wave, through the app's own services."""
    from questionnaires.loader import standard_instrument_paths
    from surveyapp import create_app
    from surveyapp.extensions import db
    from surveyapp.models import WaveStatus
    from surveyapp.services.instruments import load_instrument_files
    from surveyapp.services.waves import create_wave

    config = {
        "DATABASE_URL": url,
        "SECRET_KEY": "bench",
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options,
    }
    app = create_app(config, instance_path=str(instance))
    with app.app_context():
        db.create_all()
        vict_std = next(p for p in standard_instrument_paths() if p.name == "vict_std.yaml")
        [(version, _created)] = load_instrument_files(db.session, [vict_std])
        create_wave(
            db.session,
            name="Benchmark",
            slug=SLUG,
            instrument_version=version,
            reference_start=dt.date(2025, 1, 1),
            reference_end=dt.date(2025, 12, 31),
            invitation_required=False,
            status=WaveStatus.open,
        )
        db.session.commit()
        db.engine.dispose()


def completed_in_database(url: str, engine_options: dict[str, Any]) -> int:
    engine = sa.create_engine(
        url.replace("postgresql://", "postgresql+psycopg://", 1)
        if url.startswith("postgresql://")
        else url,
        poolclass=sa.NullPool,
        **engine_options,
    )
    with engine.connect() as conn:
        count = conn.scalar(sa.text("SELECT count(*) FROM interviews WHERE status = 'completed'"))
    engine.dispose()
    return int(count or 0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_server(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    end = time.time() + timeout
    while time.time() < end:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited; see gunicorn.log in the temporary directory")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"GET /api/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if sock.recv(16).startswith(b"HTTP/1.1 200"):
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer in time")


def server_cpu_seconds(master: int) -> float:
    """User + system CPU seconds used so far by gunicorn's master and workers (Linux /proc)."""
    pids = [master]
    try:
        pids += [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    except OSError:
        return float("nan")
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--concurrency", type=int, default=200, help="simultaneous respondents (200)"
    )
    parser.add_argument(
        "--interviews", type=int, default=200, help="interviews to complete at most (200)"
    )
    parser.add_argument(
        "--seconds", type=float, default=90, help="time limit of the survey phase (90)"
    )
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="mean seconds a respondent spends on a page before sending it; "
        "0 saturates the server (1.0)",
    )
    parser.add_argument(
        "--ping-seconds", type=float, default=8, help="length of the /api/ping phase (8)"
    )
    parser.add_argument(
        "--ramp",
        type=float,
        default=0.0,
        help="seconds over which the respondents arrive (0: all at once, as before)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2: one per core)")
    parser.add_argument(
        "--threads", type=int, default=4, help="threads per gunicorn worker, gthread (4)"
    )
    parser.add_argument("--database-url", help="PostgreSQL URL (a new schema is used and dropped)")
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also measure the floors of benchmarks/floor_app.py at the survey's rate: "
        "gunicorn alone, a page's least work without Flask, the same with Flask",
    )
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-respond-"))
    engine_options: dict[str, Any] = {}
    schema = None
    if args.database_url:
        url = args.database_url
        schema = f"bench_{uuid.uuid4().hex[:12]}"
        admin = sa.create_engine(
            url.replace("postgresql://", "postgresql+psycopg://", 1)
            if url.startswith("postgresql://")
            else url,
            poolclass=sa.NullPool,
        )
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        engine_options = {"connect_args": {"options": f"-csearch_path={schema}"}}
    else:
        url = f"sqlite:///{tmp / 'bench.sqlite'}"  # WAL: see surveyapp.extensions
    prepare_database(url, engine_options, tmp / "instance")

    port = free_port()
    env = {
        **os.environ,
        "SURVEYAPP_DATABASE_URL": url,
        "SURVEYAPP_SECRET_KEY": "bench-secret",
        "SURVEYAPP_SQLALCHEMY_ENGINE_OPTIONS": __import__("json").dumps(engine_options),
        "PYTHONPATH": str(ROOT) + (os.pathsep + str(ROOT / "benchmarks") if args.floor else ""),
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(args.threads),
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
        ("floor_app:create" if args.floor else "surveyapp:create_app")
        + "(instance_path='"
        + str(tmp / "instance")
        + "')",
    ]
    server_log = open(tmp / "gunicorn.log", "wb")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        command, env=env, cwd=str(tmp), stdout=server_log, stderr=subprocess.STDOUT
    )
    try:
        wait_for_server(port, server)
        # Warm-up (not measured): every worker loads the questionnaire once.
        asyncio.run(run_respondents("127.0.0.1", port, args.workers * 2, args.workers * 2, 30))
        before = completed_in_database(url, engine_options)
        cpu_start = server_cpu_seconds(server.pid)
        results, elapsed = asyncio.run(
            run_respondents(
                "127.0.0.1",
                port,
                args.concurrency,
                args.interviews,
                args.seconds,
                args.think,
                args.ramp,
            )
        )
        cpu_survey = server_cpu_seconds(server.pid) - cpu_start
        cpu_start = server_cpu_seconds(server.pid)
        pings, ping_elapsed = asyncio.run(
            run_ping("127.0.0.1", port, args.concurrency, args.ping_seconds)
        )
        cpu_ping = server_cpu_seconds(server.pid) - cpu_start
        # The same, paced to the survey's request rate: a server busy at that rate, not flat out.
        survey_rate = len(results.latencies) / elapsed
        paced: dict[str, tuple[int, float]] = {}
        floors = ("/bench/raw-ping", "/bench/raw-floor", "/bench/floor") if args.floor else ()
        for path in ("/api/ping", *floors):
            cpu_start = server_cpu_seconds(server.pid)
            done, _elapsed = asyncio.run(
                run_ping("127.0.0.1", port, args.concurrency, args.ping_seconds, path, survey_rate)
            )
            paced[path] = (done, server_cpu_seconds(server.pid) - cpu_start)
        stored = completed_in_database(url, engine_options) - before
    finally:
        server.terminate()
        server.wait(timeout=30)
        server_log.close()
        if schema is not None:
            with admin.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()

    requests = len(results.latencies)
    survey_rps = requests / elapsed
    ping_rps = pings / ping_elapsed
    print(
        f"database: {'PostgreSQL' if schema else 'SQLite (WAL)'}; gunicorn {args.workers} workers x "
        f"{args.threads} threads; {args.concurrency} concurrent respondents, mean think time "
        f"{args.think:g} s per page; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"survey phase: {elapsed:.1f} s, {requests} requests ({survey_rps:.1f}/s), "
        f"{results.pages} pages answered ({results.pages / elapsed:.1f} pages/s)"
    )
    print(
        f"latency per request: p50 {1000 * statistics.median(results.latencies):.1f} ms, "
        f"p95 {1000 * percentile(results.latencies, 0.95):.1f} ms, "
        f"max {1000 * max(results.latencies):.1f} ms"
    )
    # All respondents starting at once queue their first requests behind each other: the
    # same figure without the first 10 s (after the ramp) shows the server settled.
    settled_from = min(results.sent_at, default=0.0) + args.ramp + 10
    settled = [
        x for x, t in zip(results.latencies, results.sent_at, strict=True) if t >= settled_from
    ]
    if settled:
        print(
            f"latency after the first {args.ramp + 10:g} s ({len(settled)} requests): "
            f"p50 {1000 * statistics.median(settled):.1f} ms, "
            f"p95 {1000 * percentile(settled, 0.95):.1f} ms"
        )
    print(
        f"completed interviews: {results.completed} acknowledged, {stored} in the database "
        f"({results.completed / elapsed:.2f}/s)"
    )
    print(
        f"/api/ping: {ping_rps:.1f} requests/s; survey requests/s are "
        f"{survey_rps / ping_rps:.2f} of that"
    )
    # CPU per request does not depend on what else runs on the machine, unlike the rates above.
    cpu_request = 1000 * cpu_survey / max(requests, 1)
    cpu_ping_request = 1000 * cpu_ping / max(pings, 1)
    ratio = cpu_ping_request / cpu_request if cpu_request else float("nan")
    print(
        f"server CPU per request: survey {cpu_request:.2f} ms, /api/ping {cpu_ping_request:.2f} ms "
        f"(ratio {ratio:.2f}); per page answered (its GET and POST, and the interview's "
        f"other requests shared out) {1000 * cpu_survey / max(results.pages, 1):.2f} ms"
    )
    for path, (done, cpu) in paced.items():
        per = 1000 * cpu / max(done, 1)
        print(
            f"at the survey's rate ({done / args.ping_seconds:.0f} requests/s): {path} "
            f"{per:.2f} ms of server CPU per request; the survey request is "
            f"{cpu_request / per:.1f} times that"
        )
    if results.failures:
        print(f"{len(results.failures)} failures, first: {results.failures[:3]}")
    ok = stored == results.completed and not results.failures
    print(
        "check: completed in database == acknowledged:",
        "OK" if stored == results.completed else "MISMATCH",
    )
    p95 = 1000 * percentile(results.latencies, 0.95)
    met = cpu_request <= 1.5 and ratio >= 1 / 3 and p95 < 100
    print(
        f"summary: {'PostgreSQL' if schema else 'SQLite'}, {args.concurrency} respondents, "
        f"think {args.think:g} s: CPU {cpu_request:.2f} ms/request, ping {cpu_ping_request:.2f} ms, "
        f"ratio {ratio:.2f}, p95 {p95:.0f} ms, {survey_rps:.0f} requests/s, "
        f"{stored} of {results.completed} acknowledged interviews stored"
        f"{'' if ok else ' (MISMATCH or failures: see above)'}; "
        f"targets (CPU <= 1.5 ms, ratio >= 0.33, p95 < 100 ms) {'met' if met else 'not met'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
