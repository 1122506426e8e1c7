"""Instructions per respondent request, counted by valgrind (callgrind): a CPU figure that
does not move with the machine's load.

``bench_respond.py`` measures what issue 11 asks (server CPU per request under gunicorn at
200 respondents), but on a shared 2-core machine its figures move by 20 % or more from one
run to the next, so a change of a few percent cannot be seen. This script runs the app in
one process (no gunicorn, no network client), walks the standard questionnaire as
``bench_respond.py``'s respondents do (every question answered, a burglary and two
robberies), and counts the machine instructions executed inside the app's WSGI callable for
each kind of request. The same code, data and ``PYTHONHASHSEED`` give the same counts to a
fraction of a percent, whatever else the machine is doing; compare two versions of the code
by running the script in each checkout.

Needs valgrind (Debian package ``valgrind``, which has ``valgrind/callgrind.h``) and a C
compiler: a tiny library that switches callgrind's counting on and off is built in a
temporary folder. The run takes 2 to 3 minutes (the app runs about 50 times slower under
valgrind); instrumentation is off while the database is set up.

    .venv/bin/python benchmarks/bench_page_instructions.py
    .venv/bin/python benchmarks/bench_page_instructions.py --database-url "$(bash .ci/postgres)"

The last line is a summary: instructions per question-page request (GET and POST of
``/s/p/<page>`` averaged), per GET, per POST and per ``/api/ping``.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_respond  # noqa: E402
import sqlalchemy as sa  # noqa: E402

#: The kinds of request counted, each in a walk of its own (callgrind dumps its counts per kind).
KINDS = ("GET /s/p", "POST /s/p", "GET /api/ping")

_TOGGLE_C = """
#include <valgrind/callgrind.h>
void count_on(void) { CALLGRIND_TOGGLE_COLLECT; }
void count_off(void) { CALLGRIND_TOGGLE_COLLECT; }
void start(void) { CALLGRIND_START_INSTRUMENTATION; }
void dump(const char *name) { CALLGRIND_DUMP_STATS_AT(name); }
void zero(void) { CALLGRIND_ZERO_STATS; }
"""


def build_toggle(folder: Path) -> Path:
    source = folder / "toggle.c"
    source.write_text(_TOGGLE_C)
    library = folder / "libtoggle.so"
    subprocess.run(
        ["cc", "-O2", "-shared", "-fPIC", "-o", str(library), str(source)],
        check=True,
    )
    return library


def walk(client: Any, kind: list[str]) -> int:
    """One whole interview as bench_respond's respondents take it; returns pages answered."""
    slug = bench_respond.SLUG
    kind[0] = "other"
    response = client.get(f"/s/{slug}?lang=en", headers={"Accept-Language": "en"})
    html = response.get_data(as_text=True)
    hidden = {
        a["name"]: a.get("value", "")
        for a in bench_respond.inputs(html)
        if a.get("type") == "hidden"
    }
    response = client.post(f"/s/{slug}/start", data=hidden)
    location = response.headers.get("Location", "")
    pages = 0
    while location.startswith("/s/p/"):
        kind[0] = "GET /s/p"
        response = client.get(location)
        if response.status_code != 200:
            raise RuntimeError(f"GET {location}: {response.status_code}")
        kind[0] = "POST /s/p"
        response = client.post(location, data=bench_respond.answers_for(response.get_data(True)))
        if response.status_code != 302:
            raise RuntimeError(f"POST {location}: {response.status_code}")
        kind[0] = "GET /api/ping"
        client.get("/api/ping")
        kind[0] = "other"
        pages += 1
        location = response.headers.get("Location", "")
    client.get(location or "/s/done")
    return pages


def measured(args: argparse.Namespace) -> None:
    """Inside valgrind: set up, warm up, then one walk per kind with counting around that kind."""
    from surveyapp import create_app

    toggle = ctypes.CDLL(os.environ["BENCH_TOGGLE_LIBRARY"])
    folder = Path(tempfile.mkdtemp(prefix="bench-instr-"))
    url, engine_options, drop = database(args.database_url, folder)
    try:
        bench_respond.prepare_database(url, engine_options, folder / "instance")
        app = create_app(
            {
                "DATABASE_URL": url,
                "SECRET_KEY": "bench",
                "SQLALCHEMY_ENGINE_OPTIONS": engine_options,
            },
            instance_path=str(folder / "instance"),
        )
        kind = ["other"]
        counting = [""]
        inner = app.wsgi_app

        def whole(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
            """The response read to its end and closed, as a server does."""
            answer = inner(environ, start_response)
            try:
                return list(answer)
            finally:
                close = getattr(answer, "close", None)
                if close is not None:
                    close()

        def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            if kind[0] != counting[0]:
                return whole(environ, start_response)
            toggle.count_on()
            body = whole(environ, start_response)
            toggle.count_off()
            return body

        app.wsgi_app = wsgi  # type: ignore[method-assign]
        for _ in range(args.warmup):
            walk(app.test_client(), kind)
        toggle.start()  # instrumentation on from here (counting stays off outside requests)
        walk(app.test_client(), kind)  # the instrumented code warmed up once
        pages = 0
        for name in KINDS:
            toggle.zero()
            counting[0] = name
            pages = 0
            for _ in range(args.rounds):
                pages += walk(app.test_client(), kind)
            counting[0] = ""
            toggle.dump(name.encode())
        print(f"pages per kind: {pages}", flush=True)
    finally:
        drop()


def database(given: str | None, folder: Path) -> tuple[str, dict[str, Any], Callable[[], None]]:
    if not given:
        url = f"sqlite:///{folder / 'bench.sqlite'}"
        return url, {}, lambda: None
    if given.startswith("postgresql://"):
        given = given.replace("postgresql://", "postgresql+psycopg://", 1)
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(given, poolclass=sa.NullPool)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return given, {"connect_args": {"options": f"-csearch_path={schema}"}}, drop


def totals(out_prefix: Path) -> dict[str, int]:
    """Instructions per dump part, by the name given when it was dumped."""
    found: dict[str, int] = {}
    for part in sorted(out_prefix.parent.glob(out_prefix.name + "*")):
        text = part.read_text(errors="replace")
        trigger = re.search(r"^desc: Trigger: Client Request: (.+)$", text, re.MULTILINE)
        total = re.search(r"^(?:summary|totals): (\d+)", text, re.MULTILINE)
        if trigger and total:
            found[trigger.group(1).strip()] = int(total.group(1))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="PostgreSQL URL (a new schema is used and dropped)")
    parser.add_argument("--rounds", type=int, default=2, help="interviews counted per kind (2)")
    parser.add_argument("--warmup", type=int, default=2, help="interviews before counting (2)")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        measured(args)
        return 0
    valgrind = shutil.which("valgrind")
    if valgrind is None or shutil.which("cc") is None:
        print("needs valgrind and a C compiler (Debian: apt-get install valgrind gcc)")
        return 2
    folder = Path(tempfile.mkdtemp(prefix="bench-instr-"))
    try:
        library = build_toggle(folder)
        out = folder / "callgrind.out"
        command = [
            valgrind,
            "--tool=callgrind",
            "--instr-atstart=no",
            "--collect-atstart=no",
            f"--callgrind-out-file={out}",
            sys.executable,
            str(Path(__file__).resolve()),
            "--inside",
            "--rounds",
            str(args.rounds),
            "--warmup",
            str(args.warmup),
        ]
        if args.database_url:
            command += ["--database-url", args.database_url]
        env = {**os.environ, "PYTHONHASHSEED": "0", "BENCH_TOGGLE_LIBRARY": str(library)}
        run = subprocess.run(command, env=env, capture_output=True, text=True)
        pages_line = re.search(r"pages per kind: (\d+)", run.stdout)
        if run.returncode != 0 or pages_line is None:
            print(run.stdout[-2000:], run.stderr[-4000:], sep="\n")
            return 1
        pages = int(pages_line.group(1))
        counts = totals(out)
        missing = [k for k in KINDS if k not in counts]
        if missing:
            print(f"callgrind gave no count for {missing}; parts: {sorted(counts)}")
            return 1
        get, post, ping = (counts[k] / pages for k in KINDS)
        database_name = "PostgreSQL" if args.database_url else "SQLite"
        print(
            f"database: {database_name}; {pages} question pages per kind, {args.rounds} interviews"
        )
        for name, value in zip(KINDS, (get, post, ping), strict=True):
            print(f"{name}: {value / 1e6:.3f} million instructions per request")
        print(
            f"summary: {database_name}: question page {(get + post) / 2e6:.3f} M instructions "
            f"per request (GET {get / 1e6:.3f} M, POST {post / 1e6:.3f} M), "
            f"/api/ping {ping / 1e6:.3f} M"
        )
        return 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
