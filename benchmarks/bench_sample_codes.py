"""Time the survey server's bulk operations on a throwaway SQLite database.

Prints seconds for: importing N sample units from CSV, generating their
invitation codes, replacing them, and the per-area response dashboard query.

    .venv/bin/python benchmarks/bench_sample_codes.py [N]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from surveyapp import create_app
from surveyapp.extensions import db
from surveyapp.services.instruments import load_instrument_files
from surveyapp.services.invitations import generate_codes
from surveyapp.services.response import response_by_area
from surveyapp.services.sample import import_sample_units
from surveyapp.services.waves import create_wave

TINY = Path(__file__).resolve().parents[1] / "tests" / "surveyapp" / "instruments" / "tiny.yaml"


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "SECRET_KEY": "bench",
                "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite",
                "REQUEST_LOG": False,
            },
            instance_path=tmp,
        )
        with app.app_context():
            db.create_all()
            [(version, _)] = load_instrument_files(db.session, [TINY])
            wave = create_wave(
                db.session,
                name="Bench",
                instrument_version=version,
                reference_start=dt.date(2025, 1, 1),
                reference_end=dt.date(2025, 12, 31),
            )
            csv_text = "external_id,stratum,psu\n" + "".join(
                f"U{i},s{i % 7},p{i % 300}\n" for i in range(n)
            )
            steps = [
                ("import sample units", lambda: import_sample_units(db.session, wave, csv_text)),
                ("generate codes", lambda: generate_codes(db.session, wave)),
                ("replace codes", lambda: generate_codes(db.session, wave, replace=True)),
                ("response by area", lambda: response_by_area(db.session, wave)),
            ]
            for label, step in steps:
                start = time.perf_counter()
                step()
                db.session.commit()
                print(f"{label:<22} {n:>7} units  {time.perf_counter() - start:7.2f} s")
            db.engine.dispose()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
