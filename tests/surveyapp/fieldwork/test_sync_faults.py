"""Sync storms against a real gunicorn (master + 2 workers) on the test database.

Simulated tablets (``benchmarks/fieldsim.py``; the server side in
``benchmarks/fieldserver.py``) upload complete ``vict_std``
interviews with incident loops and retry with backoff until acknowledged, while
the server is ``kill -9``-ed mid-storm, or while acknowledgements of committed
uploads are thrown away, or while two tabs send the same interview at once.
Then every acknowledged interview must be stored exactly once with exactly the
content sent: answers, paradata, one revision, its incident rows. Runs on SQLite,
and on PostgreSQL when SURVEYAPP_TEST_DATABASE_URL is set (the ``database``
fixture); each test prints its counts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import json
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from analysis.microdata import standard_instrument
from questionnaires.engine import validate_answers
from surveyapp.extensions import db

from ...conftest import TEST_PASSWORD

DEVICES = 4
INTERVIEWS = 10  # per device
ROOT = Path(__file__).resolve().parents[3]


def _load(name: str) -> ModuleType:
    """A module of benchmarks/ (not a package) by its path, registered under its name."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses, and fieldserver's own import, look it up there
    spec.loader.exec_module(module)
    return module


fieldsim = _load("fieldsim")
fieldserver = _load("fieldserver")


class Field:
    """The tablet wave, what the devices will send, and gunicorn on the same database."""

    def __init__(self, app: Flask, database: dict[str, Any], workdir: Path) -> None:
        with app.app_context():
            self.wave = fieldsim.prepare_field_wave(
                db.session,
                devices=DEVICES,
                interviews_per_device=INTERVIEWS,
                password=TEST_PASSWORD,
            )
            db.session.commit()
        self.uploads: list[list[Any]] = fieldsim.make_uploads(self.wave)
        self.total = sum(len(u) for u in self.uploads)
        self.url = database["DATABASE_URL"]
        self.engine_options = database.get("SQLALCHEMY_ENGINE_OPTIONS", {})
        workdir.mkdir()
        self.server = fieldserver.Gunicorn(
            self.url, self.engine_options, workdir, workers=2, preload=True
        )

    def check(self, ledger: Any, label: str) -> Any:
        counts = fieldserver.check_database(
            self.url, self.engine_options, self.wave.wave_id, self.uploads, ledger
        )
        print(f"{label}: {counts.line()}")
        return counts


@pytest.fixture
def field(app: Flask, database: dict[str, Any], tmp_path: Path) -> Iterator[Field]:
    prepared = Field(app, database, tmp_path / "server")
    try:
        yield prepared
    finally:
        prepared.server.stop(graceful=False)  # the checks are done; nothing to finish


def _wait_for_acknowledgements(storm: Any, count: int, timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while len(storm.ledger.acknowledged) < count:
        if time.monotonic() > end:
            raise AssertionError(f"only {len(storm.ledger.acknowledged)} acknowledged in time")
        time.sleep(0.005)


def _assert_exactly_once(counts: Any, total: int, storm: Any) -> None:
    assert storm.failures == [] and storm.ledger.rejected == []
    assert counts.problems == []
    assert (counts.acknowledged, counts.stored) == (total, total)
    assert (counts.lost, counts.duplicated, counts.corrupted) == (0, 0, 0)


def test_the_simulated_interviews_are_valid_vict_std_documents_with_incident_loops(
    field: Field,
) -> None:
    instrument = standard_instrument()
    flat = [u for device in field.uploads for u in device]
    first = flat[0].body
    found = validate_answers(
        instrument,
        first["answers"],
        today=dt.date.fromisoformat(first["saved_at"][:10]),
        reference_period=field.wave.reference_period,
    )
    assert found == []
    assert any(u.incident_count >= 2 for u in flat)
    questions = first["paradata"]["questions"]
    assert set(questions) >= {"hh_size", "dem_age", "per_dark"}
    assert "n_incidents" not in questions  # calculated, not asked
    with_loop = next(u.body for u in flat if u.incident_count >= 2)
    assert "incident[2].inc_month" in with_loop["paradata"]["questions"]
    pages = [v["page"] for v in with_loop["paradata"]["visits"]]
    assert pages[0] == "household" and "incidents/2" in pages
    entry = questions["dem_age"]
    assert entry["ms"] > 0 and entry["first"] <= entry["last"]
    assert dt.datetime.fromisoformat(entry["last"]).utcoffset() == dt.timedelta(hours=-5)
    assert first["saved_at"] == first["paradata"]["ended_at"]


def test_kill_9_of_master_and_workers_mid_storm_loses_and_duplicates_nothing(
    field: Field,
) -> None:
    field.server.start()
    storm = fieldsim.Storm(
        field.server.port,
        field.wave.accounts,
        field.uploads,
        backoff=fieldsim.Backoff(first=0.05, cap=0.5, give_up_after=30),
    )
    storm.start()
    _wait_for_acknowledgements(storm, field.total // 3)
    killed = field.server.kill9()
    at_kill = len(storm.ledger.acknowledged)
    time.sleep(0.2)  # devices find the port closed and back off
    field.server.start()
    storm.join(timeout=120)

    counts = field.check(
        storm.ledger, f"kill -9 of {len(killed)} processes at {at_kill} acknowledged"
    )
    print(
        f"  {storm.elapsed:.1f} s, {storm.ledger.retried} PUTs retried after {storm.ledger.errors}"
    )
    assert len(killed) >= 3  # master and both workers
    assert at_kill < field.total  # the storm was still going on
    assert storm.ledger.retried > 0
    _assert_exactly_once(counts, field.total, storm)


def test_an_acknowledgement_lost_after_commit_is_retried_into_exactly_one_record(
    field: Field,
) -> None:
    field.server.start()
    rng = random.Random(3)

    def drop(request: bytes, status: int) -> bool:
        return request.startswith(b"PUT ") and status in (200, 201) and rng.random() < 0.4

    with fieldserver.AckDroppingProxy(field.server.port, drop) as proxy:
        storm = fieldsim.Storm(
            proxy.port,
            field.wave.accounts,
            field.uploads,
            keep_alive=False,
            backoff=fieldsim.Backoff(first=0.01, cap=0.2, give_up_after=30),
        )
        storm.start()
        storm.join(timeout=120)

    counts = field.check(storm.ledger, f"{proxy.dropped} acknowledgements dropped")
    assert proxy.dropped > 0
    # Each dropped acknowledgement was followed by a retry the server answered "already stored".
    assert storm.ledger.duplicate_acks >= 1
    _assert_exactly_once(counts, field.total, storm)

    # What the server gives back is what the tablet sent.
    upload = field.uploads[0][0]
    device = fieldsim.Device(field.server.port, field.wave.accounts[0], fieldsim.Ledger())
    device.login()
    stored = device.get(f"/api/field/interviews/{upload.uuid}")
    device.close()
    assert json.dumps(stored["answers"], sort_keys=True) == json.dumps(
        upload.body["answers"], sort_keys=True
    )


def test_one_interview_sent_from_two_tabs_at_once_is_one_record(field: Field) -> None:
    field.server.start()
    # The app's tabs share one login (one IndexedDB); the simulator logs each tab in, so each
    # has a name of its own: a second login under the same name replaces the first's token.
    accounts = [
        dataclasses.replace(a, device=f"{a.device} tab {tab}")
        for a in field.wave.accounts
        for tab in (1, 2)
    ]
    uploads = [u for u in field.uploads for _ in range(2)]
    storm = fieldsim.Storm(field.server.port, accounts, uploads)
    storm.start()
    storm.join(timeout=120)

    counts = field.check(storm.ledger, "two tabs")
    assert storm.ledger.attempts >= 2 * field.total
    _assert_exactly_once(counts, field.total, storm)


def test_the_check_finds_a_lost_a_duplicated_and_a_corrupted_interview(
    app: Flask, field: Field
) -> None:
    """The counts above can fail: tamper with stored uploads and the check names each."""
    from surveyapp.models import IncidentRecord, Interview, InterviewRevision

    client = app.test_client()
    account = field.wave.accounts[0]
    login = client.post(
        "/api/field/login",
        json={"email": account.email, "password": account.password, "device": account.device},
    )
    headers = {"Authorization": f"Bearer {login.get_json()['token']}"}
    ledger = fieldsim.Ledger()
    lost, changed, twice = field.uploads[0][:3]
    incidents = next(u for u in field.uploads[0][3:] if u.incident_count)
    for upload in (lost, changed, twice, incidents):
        response = client.put(
            f"/api/field/interviews/{upload.uuid}", json=upload.body, headers=headers
        )
        assert response.status_code == 201, response.get_json()
        ledger.ack(upload, response.get_json(), 0.0)
    assert field.check(ledger, "as sent").problems == []

    with app.app_context():
        rows = {
            i.uuid: i
            for i in db.session.scalars(
                sa.select(Interview).where(Interview.wave_id == field.wave.wave_id)
            )
        }
        db.session.delete(rows[lost.uuid])
        rows[changed.uuid].answers = {**changed.body["answers"], "dem_age": 99}
        first = rows[twice.uuid].revisions[0]
        rows[twice.uuid].revisions.append(
            InterviewRevision(
                number=2,
                content_hash="0" * 64,
                status=first.status,
                language=first.language,
                answers=first.answers,
                paradata=first.paradata,
            )
        )
        db.session.execute(
            sa.update(IncidentRecord)
            .where(IncidentRecord.interview_id == rows[incidents.uuid].id)
            .values(crime_type="999")
        )
        db.session.commit()

    counts = field.check(ledger, "tampered")
    assert (counts.acknowledged, counts.stored, counts.lost) == (4, 3, 1)
    assert counts.duplicated == 1  # the second revision of an interview sent once
    # the changed answers, the interview with two revisions, the changed incident rows
    assert counts.corrupted == 3
    assert any("answers differ" in p for p in counts.problems)
    assert any("incident rows" in p for p in counts.problems)
