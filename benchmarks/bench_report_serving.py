"""Time to serve cached observatory outputs: the page, CSV, JSON and a PDF already built.

Loads the demonstration wave (``--size``, default small: ~1,750 interviews) into
a temporary SQLite database, builds the indicator table once (timed), then
requests each output ``--repeat`` times through the WSGI app (Flask's test
client: no network) and prints the median and worst milliseconds. A cached
request computes the data version (a few aggregate queries) and reads one
cache row; nothing is rebuilt.

By default the PDF row holds a stand-in of 160 KiB (building a real PDF takes
tens of seconds and only the serving is measured here); ``--real-pdf`` builds
the real report first.

Usage::

    .venv/bin/python benchmarks/bench_report_serving.py
    .venv/bin/python benchmarks/bench_report_serving.py --size medium --repeat 50 --real-pdf
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from surveyapp import create_app  # noqa: E402
from surveyapp.extensions import db  # noqa: E402
from surveyapp.models import Wave  # noqa: E402
from surveyapp.observatory.jobs import build_pending  # noqa: E402
from surveyapp.services.demo_data import SIZES, load_simulated_wave  # noqa: E402
from surveyapp.services.reports import (  # noqa: E402
    DEFAULT_SETTINGS,
    OutputKey,
    data_version,
    finish_output,
    request_output,
    wave_areas,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=list(SIZES), default="small")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--real-pdf", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "bench",
                "REPORT_WORKER": "off",
                "REQUEST_LOG": False,
                "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite",
            },
            instance_path=f"{folder}/instance",
        )
        with app.app_context():
            db.create_all()
            started = time.perf_counter()
            loaded = load_simulated_wave(db.session, seed=1, size=args.size)
            db.session.commit()
            print(
                f"load {args.size} wave: {loaded.interviews} interviews, {loaded.areas} areas "
                f"in {time.perf_counter() - started:.1f} s"
            )
            wave = db.session.get(Wave, loaded.wave_id)
            assert wave is not None
            muni = next(a for a in wave_areas(db.session, wave) if a.report_level == "municipality")
            version = data_version(db.session, wave, DEFAULT_SETTINGS)
            request_output(db.session, OutputKey.indicators(wave, version))
            pdf_key = OutputKey.pdf(wave, muni, "es", True, version)
            pdf_row = request_output(db.session, pdf_key)
            if not args.real_pdf:
                finish_output(db.session, pdf_row.id, content=b"%PDF-1.7\n" + b"0" * 160 * 1024)
            db.session.commit()
            started = time.perf_counter()
            build_pending(db.session, settings=DEFAULT_SETTINGS)
            print(
                f"build indicator table{' and PDF' if args.real_pdf else ''}: "
                f"{time.perf_counter() - started:.1f} s (once per data version)"
            )
        client = app.test_client()
        base = f"/observatory/waves/{loaded.wave_id}"
        urls = {
            "page": f"{base}?area={muni.key}",
            "csv": f"{base}/indicators.csv?area={muni.key}",
            "json": f"/api/waves/{loaded.wave_id}/indicators?area={muni.key}",
            "pdf": f"{base}/report.pdf?area={muni.key}&lang=es&audience=public",
        }
        print(f"{'output':8} {'median ms':>10} {'max ms':>8} {'bytes':>9}")
        for name, url in urls.items():
            times = []
            size = 0
            for _ in range(args.repeat):
                started = time.perf_counter()
                response = client.get(url)
                times.append(1000 * (time.perf_counter() - started))
                if response.status_code != 200:
                    raise SystemExit(f"{name}: status {response.status_code}")
                size = len(response.data)
            print(f"{name:8} {statistics.median(times):10.1f} {max(times):8.1f} {size:9d}")


if __name__ == "__main__":
    main()
