"""Time and peak memory of downloading a wave's microdata release twice through the read API.

Loads the demonstration wave (``--size``, default small) into a temporary SQLite database
(or ``--database-url``, an empty PostgreSQL database), creates a read token allowed
microdata and asks for one release (``--edition``, ``--format``, ``--lang``) twice, as a
client does: a 202 answer ("being prepared") is asked again after ``--poll`` seconds
until the ZIP comes. The report worker runs as in production (``--worker thread``, the
default: a thread of this process), or inside the request (``--worker inline``).

For each download it prints the time to the first answer, the time to the whole ZIP, the
answers seen (202s and the 200), the ZIP's size, and the process's peak resident memory
during that download above the memory before it (``VmHWM`` reset through
``/proc/self/clear_refs``; Linux only). The body is read chunk by chunk as it streams,
not kept, so the figure is the server's (and its worker's), not the client's.

Usage::

    .venv/bin/python benchmarks/bench_microdata_download.py
    .venv/bin/python benchmarks/bench_microdata_download.py --size medium --format dta
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from surveyapp import create_app  # noqa: E402
from surveyapp.extensions import db  # noqa: E402
from surveyapp.models import TokenScope  # noqa: E402
from surveyapp.services import read_tokens  # noqa: E402
from surveyapp.services.demo_data import SIZES, load_simulated_wave  # noqa: E402


def _status_mib(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise SystemExit(f"no {field} in /proc/self/status (Linux only)")


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS


def download(client: Any, url: str, token: str, poll: float) -> dict[str, Any]:
    """One download as a client makes it; the body streamed and counted, not kept."""
    _reset_peak()
    before = _status_mib("VmRSS")
    started = time.perf_counter()
    first: float | None = None
    answers: list[int] = []
    while True:
        response = client.get(url, headers={"Authorization": f"Bearer {token}"}, buffered=False)
        if first is None:
            first = time.perf_counter() - started
        answers.append(response.status_code)
        if response.status_code != 202:
            break
        response.close()
        time.sleep(poll)
    size = 0
    try:
        for chunk in response.response:
            size += len(chunk)
    finally:
        response.close()
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code}")
    return {
        "first": first,
        "total": time.perf_counter() - started,
        "answers": answers,
        "bytes": size,
        "peak_mib": _status_mib("VmHWM") - before,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=list(SIZES), default="small")
    parser.add_argument("--edition", choices=("public", "internal"), default="public")
    parser.add_argument("--format", default="csv")
    parser.add_argument("--lang", default="es")
    parser.add_argument("--poll", type=float, default=0.2, help="seconds between polls")
    parser.add_argument("--worker", choices=("thread", "inline"), default="thread")
    parser.add_argument("--database-url", help="an empty database (default: temporary SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "bench",
                "REPORT_WORKER": args.worker,
                "REQUEST_LOG": False,
                "RATELIMIT_ENABLED": False,
                "DATABASE_URL": args.database_url or f"sqlite:///{folder}/bench.sqlite",
            },
            instance_path=f"{folder}/instance",
        )
        with app.app_context():
            db.create_all()
            started = time.perf_counter()
            loaded = load_simulated_wave(db.session, seed=1, size=args.size, public=True)
            _token, token = read_tokens.create_token(
                db.session,
                name="bench",
                scope=TokenScope.internal,
                may_download_microdata=True,
                by=None,
            )
            db.session.commit()
            print(
                f"load {args.size} wave: {loaded.interviews} interviews "
                f"in {time.perf_counter() - started:.1f} s"
            )
        client = app.test_client()
        url = (
            f"/api/v1/waves/{loaded.wave_id}/microdata/{args.edition}/{args.format}"
            f"?lang={args.lang}"
        )
        print(f"{args.edition} {args.format} {args.lang}: {url}")
        for n in (1, 2):
            found = download(client, url, token, args.poll)
            answers = found["answers"]
            waits = f"{len(answers) - 1} x 202, then " if len(answers) > 1 else ""
            print(
                f"download {n}: first answer {found['first']:6.2f} s, ZIP after "
                f"{found['total']:6.2f} s ({waits}{answers[-1]}), "
                f"{found['bytes'] / 2**20:6.1f} MiB, peak +{found['peak_mib']:6.0f} MiB"
            )


if __name__ == "__main__":
    main()
