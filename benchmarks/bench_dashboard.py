"""Time the field quality-control dashboard (services/dashboard.py) for a large wave.

Builds a throwaway database with N tablet interviews (default 100,000) by 200 interviewers
in 50 areas, 1.2 N released sample units and 0.6 N contact attempts, then times the
dashboard for the whole wave and for a supervisor limited to one area (best of 3).

    .venv/bin/python benchmarks/bench_dashboard.py [N] [--database URL]

Without --database it uses SQLite in a temporary folder; give a PostgreSQL URL
(e.g. from `bash .ci/postgres`) to time PostgreSQL: the tables are created and dropped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

from surveyapp import create_app
from surveyapp.extensions import db
from surveyapp.models import (
    Area,
    AreaLevel,
    AttemptOutcome,
    ContactAttempt,
    Interview,
    InterviewStatus,
    Mode,
    ReviewStatus,
    Role,
    SampleUnit,
    SampleUnitStatus,
    User,
    Wave,
)
from surveyapp.services.dashboard import dashboard
from surveyapp.services.instruments import load_instrument_files
from surveyapp.services.waves import create_wave

TINY = Path(__file__).resolve().parents[1] / "tests" / "surveyapp" / "instruments" / "tiny.yaml"
INTERVIEWERS = 200
AREAS = 50
CHUNK = 20_000


def _insert(table: type, rows: list[dict[str, object]]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(sa.insert(table), rows[start : start + CHUNK])


def build(n: int, rng: random.Random) -> Wave:
    [(version, _)] = load_instrument_files(db.session, [TINY])
    wave = create_wave(
        db.session,
        name="Bench",
        instrument_version=version,
        reference_start=dt.date(2025, 1, 1),
        reference_end=dt.date(2025, 12, 31),
        modes=[Mode.tablet],
    )
    country = Area(code="BX", name="Benchland", level=AreaLevel.country)
    db.session.add(country)
    db.session.flush()
    areas = [
        Area(code=f"A{i:02}", name=f"Area {i}", level=AreaLevel.municipality, parent_id=country.id)
        for i in range(AREAS)
    ]
    db.session.add_all(areas)
    db.session.flush()
    _insert(
        User,
        [
            {
                "email": f"int{i}@bench.test",
                "name": f"Interviewer {i:03}",
                "role": Role.interviewer,
                "password_hash": "x",
                "active": True,
            }
            for i in range(INTERVIEWERS)
        ],
    )
    people = list(db.session.scalars(sa.select(User.id).order_by(User.id)))
    units = int(n * 1.2)
    now = dt.datetime.now(dt.UTC)
    _insert(
        SampleUnit,
        [
            {
                "wave_id": wave.id,
                "external_id": f"U{i}",
                "area_id": areas[i % AREAS].id,
                "assigned_to_id": people[i % INTERVIEWERS],
                "status": SampleUnitStatus.pending,
                "created_at": now,
                "selection_seed": rng.randrange(1, 2**31),
                "disposition": 110 if i < n else rng.choice([None, 210, 220, 230, 410]),
            }
            for i in range(units)
        ],
    )
    unit_ids = list(
        db.session.scalars(
            sa.select(SampleUnit.id).where(SampleUnit.wave_id == wave.id).order_by(SampleUnit.id)
        )
    )
    day0 = dt.date(2026, 10, 1)
    _insert(
        Interview,
        [
            {
                "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "wave_id": wave.id,
                "sample_unit_id": unit_ids[i],
                "instrument_version_id": version.id,
                "mode": Mode.tablet,
                "status": InterviewStatus.completed,
                "disposition": 110,
                "language": "es",
                "answers": {},
                "paradata": {},
                "interviewer_id": people[i % INTERVIEWERS],
                "started_at": now,
                "updated_at": now,
                "revision": 1,
                "version": 1,
                "review_status": ReviewStatus.received,
                "local_date": day0 + dt.timedelta(days=i % 60),
                "local_hour": rng.choice(range(8, 22)),
                "duration_seconds": int(rng.lognormvariate(7.8, 0.3)),
                "items_answered": 120,
                "items_dont_know": rng.randrange(0, 8),
                "items_refused": rng.randrange(0, 3),
                "screeners_asked": 15,
                "screeners_yes": rng.randrange(0, 4),
                "eligible_adults": rng.choice([1, 1, 2, 2, 2, 3, 4]),
                "selection_draws": 1,
            }
            for i in range(n)
        ],
    )
    outcomes = list(AttemptOutcome)
    _insert(
        ContactAttempt,
        [
            {
                "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "sample_unit_id": unit_ids[rng.randrange(units)],
                "interviewer_id": people[i % INTERVIEWERS],
                "attempted_at": now,
                "attempted_at_text": f"{day0 + dt.timedelta(days=i % 60)}T18:00:00-05:00",
                "local_date": day0 + dt.timedelta(days=i % 60),
                "wave_id": wave.id,
                "received_at": now,
                "outcome": rng.choice(outcomes),
                "note": None,
                "content_hash": "0" * 64,
            }
            for i in range(int(n * 0.6))
        ],
    )
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        # Statistics as autovacuum would have them on a server that has been running.
        with db.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
    return wave


def best_of(runs: int, step: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
        db.session.rollback()
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument(
        "--database", help="a PostgreSQL URL; SQLite in a temporary folder by default"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database or f"sqlite:///{tmp}/bench.sqlite"
        app = create_app(
            {"SECRET_KEY": "bench", "DATABASE_URL": url, "REQUEST_LOG": False}, instance_path=tmp
        )
        with app.app_context():
            db.drop_all()
            db.create_all()
            start = time.perf_counter()
            wave = build(args.n, random.Random(9))
            print(
                f"built {args.n} interviews in {time.perf_counter() - start:.1f} s ({db.engine.dialect.name})"
            )
            whole = best_of(3, lambda: dashboard(db.session, wave, within=None))
            one_area = sa.select(Area.id).where(Area.code == "A07")
            area_id = db.session.scalar(one_area)
            scoped = best_of(3, lambda: dashboard(db.session, wave, within={area_id}))
            board = dashboard(db.session, wave, within=None)
            print(
                f"flags={len(board.flags)} interviewers={len(board.interviewers)} areas={len(board.areas)}"
            )
            if args.database:
                db.session.close()  # its open transaction would block the DROP
                db.drop_all()
        print(f"dashboard_s={whole:.3f} one_area_s={scoped:.3f} interviews={args.n}")


if __name__ == "__main__":
    main()
