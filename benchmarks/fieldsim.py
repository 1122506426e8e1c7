"""Simulated interviewer tablets against the field sync API (surveyapp/docs/fieldwork.md).

One home for the devices that ``benchmarks/bench_sync.py`` and
``tests/surveyapp/fieldwork/test_sync_faults.py`` share (the server side of those
runs is in ``benchmarks/fieldserver.py``):

- :func:`prepare_field_wave`: an open tablet wave on ``vict_std``, one
  interviewer per device, one assigned sample unit per interview;
- :func:`make_uploads`: complete interviews of the standard questionnaire, answers
  from the synthetic-country simulator (:mod:`analysis.simulate`) with
  per-question paradata as a tablet sends them;
- :class:`Device`: one tablet (stdlib ``http.client``), uploading with retries and
  exponential backoff until the server acknowledges; :class:`Storm`: many at once,
  their acknowledgements in a :class:`Ledger`.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import http.client
import json
import random
import threading
import time
import uuid as uuid_module
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: The server's statuses that mean "try again later" (the upload is not stored).
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: Device clock offset of the simulated field team (UTC-5, as Bogotá or Lima).
DEVICE_TZ = dt.timezone(dt.timedelta(hours=-5))


def canonical(value: Any) -> str:
    """JSON with sorted keys: equal strings mean equal documents (1, 1.0 and True differ)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# --- what the tablets send ------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    """One interviewer with one device and the sample units assigned to them."""

    email: str
    password: str
    device: str
    unit_ids: tuple[int, ...]


@dataclass(frozen=True)
class FieldWave:
    wave_id: int
    instrument_hash: str
    reference_period: tuple[dt.date, dt.date]
    accounts: tuple[Account, ...]


@dataclass(frozen=True)
class Upload:
    """One interview as the device holds it: its UUID and the exact PUT body."""

    uuid: str
    body: dict[str, Any]
    payload: bytes  # the body as sent, encoded once

    @property
    def incident_count(self) -> int:
        return len(self.body["answers"].get("incident", []))


def simulated_answers(count: int, seed: int = 8) -> tuple[list[dict[str, Any]], SimulatedPeriod]:
    """``count`` answers documents of ``vict_std`` from the synthetic country, and their period."""
    # About 30% of sampled households respond; a state holds a few hundred sampled blocks.
    households, states = max(64, 4 * count), min(32, max(2, count // 200))
    while True:
        records, period = _simulated(seed, households, states)
        if len(records) >= count:
            return [copy.deepcopy(r["answers"]) for r in records[:count]], period
        households, states = 2 * households, min(32, 2 * states)


@functools.cache
def _simulated(
    seed: int, households: int, states: int
) -> tuple[list[dict[str, Any]], SimulatedPeriod]:
    from analysis.simulate import simulate_country

    sim = simulate_country(
        seed, n_states=states, households=households, blocks_per_municipality=(10, 30)
    )
    return sim.records, SimulatedPeriod(*sim.reference_period, sim.interview_date)


@dataclass(frozen=True)
class SimulatedPeriod:
    start: dt.date
    end: dt.date
    interview_date: dt.date


def paradata_for(
    answers: Mapping[str, Any],
    section_of: Mapping[str, str],
    rng: random.Random,
    start: dt.datetime,
) -> dict[str, Any]:
    """Paradata as the interviewer app sends them (surveyapp/static/field/paradata.js).

    ``questions`` maps each answered question (repeat instances as
    ``incident[2].inc_place``) to the milliseconds spent on it, how many times the
    answer changed, and when it was first and last given; ``visits`` lists the pages
    (section, or ``section/instance`` in a repeat) in order with their durations.
    Times are the device clock, ISO 8601 with its UTC offset. ``section_of`` maps the
    codes asked to their section; codes missing from it (calculations) are skipped.
    """
    questions: dict[str, dict[str, Any]] = {}
    visits: list[dict[str, Any]] = []
    clock = start

    def answer(path: str, page: str) -> None:
        nonlocal clock
        if not visits or visits[-1]["page"] != page:
            visits.append({"page": page, "at": _iso(clock), "ms": 0, "outcome": "next"})
        first = clock + dt.timedelta(milliseconds=int(rng.lognormvariate(8.6, 0.6)))
        changed = rng.random() < 0.08  # about one answer in twelve is corrected
        last = first + dt.timedelta(seconds=rng.uniform(2, 20)) if changed else first
        ms = int((last - clock).total_seconds() * 1000)
        questions[path] = {
            "ms": ms,
            "changes": int(changed),
            "first": _iso(first),
            "last": _iso(last),
        }
        visits[-1]["ms"] += ms
        clock = last

    for code, value in answers.items():
        if isinstance(value, list) and value and isinstance(value[0], Mapping):
            for position, instance in enumerate(value, start=1):
                for inner in instance:
                    if inner in section_of:
                        answer(f"{code}[{position}].{inner}", f"{section_of[inner]}/{position}")
        elif code in section_of:
            answer(code, section_of[code])
    return {
        "app": "fieldsim/1",
        "started_at": _iso(start),
        "ended_at": _iso(clock),
        "questions": questions,
        "visits": visits,
    }


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def make_uploads(field_wave: FieldWave, seed: int = 8) -> list[list[Upload]]:
    """One list of complete interviews per account, one per assigned unit, ready to PUT."""
    from analysis.microdata import standard_instrument
    from questionnaires.model import CalculateItem

    instrument = standard_instrument()
    total = sum(len(a.unit_ids) for a in field_wave.accounts)
    docs, period = simulated_answers(total, seed)
    asked = set().union(*map(_codes, docs))
    section_of = {
        code: instrument.section_of(code).name
        for code in asked
        if not isinstance(instrument.item(code), CalculateItem)
    }
    rng = random.Random(seed)
    languages = ("es", "en", "pt", "fr")
    documents = iter(docs)
    result: list[list[Upload]] = []
    for account in field_wave.accounts:
        uploads = []
        for unit_id in account.unit_ids:
            answers = next(documents)
            start = dt.datetime.combine(period.interview_date, dt.time(9), DEVICE_TZ)
            start += dt.timedelta(minutes=rng.randrange(0, 600))
            paradata = paradata_for(answers, section_of, rng, start)
            body = {
                "wave_id": field_wave.wave_id,
                "sample_unit_id": unit_id,
                "instrument_hash": field_wave.instrument_hash,
                "language": rng.choice(languages),
                "status": "completed",
                "answers": answers,
                "paradata": paradata,
                "client_revision": 1,
                "saved_at": paradata["ended_at"],
            }
            uid = str(uuid_module.UUID(int=rng.getrandbits(128), version=4))
            uploads.append(Upload(uid, body, json.dumps(body).encode("utf-8")))
        result.append(uploads)
    return result


def _codes(doc: Mapping[str, Any]) -> set[str]:
    codes = set(doc)
    for value in doc.values():
        if isinstance(value, list) and value and isinstance(value[0], Mapping):
            for instance in value:
                codes.update(instance)
    return codes


def prepare_field_wave(
    session: Any,
    *,
    devices: int,
    interviews_per_device: int,
    password: str,
    seed: int = 8,
) -> FieldWave:
    """vict_std, an open tablet wave over the simulator's reference period, interviewers, units.

    Runs inside an application context; ``session`` is the app's; the caller commits.
    """
    from questionnaires.loader import standard_instrument_paths
    from surveyapp.models import Mode, Role, SampleUnit, WaveStatus
    from surveyapp.services.fieldwork import assign_units
    from surveyapp.services.instruments import load_instrument_files
    from surveyapp.services.users import create_user
    from surveyapp.services.waves import create_wave

    _records, period = _simulated(seed, 64, 2)
    vict_std = next(p for p in standard_instrument_paths() if p.name == "vict_std.yaml")
    [(version, _created)] = load_instrument_files(session, [vict_std])
    wave = create_wave(
        session,
        name="Sync storm",
        instrument_version=version,
        reference_start=period.start,
        reference_end=period.end,
        modes=[Mode.tablet],
        invitation_required=False,
        status=WaveStatus.open,
    )
    accounts = []
    for d in range(devices):
        user = create_user(
            session,
            email=f"tablet{d + 1}@example.org",
            name=f"Interviewer {d + 1}",
            role=Role.interviewer,
            password=password,
        )
        units = [
            SampleUnit(wave_id=wave.id, external_id=f"D{d + 1}-H{i + 1}")
            for i in range(interviews_per_device)
        ]
        session.add_all(units)
        session.flush()
        assign_units(session, wave, user, by=None, external_ids=[u.external_id for u in units])
        accounts.append(
            Account(user.email, password, f"Tablet {d + 1}", tuple(u.id for u in units))
        )
    return FieldWave(wave.id, version.content_hash, (period.start, period.end), tuple(accounts))


# --- one tablet -------------------------------------------------------------------------------


@dataclass
class Ledger:
    """What the devices know: every acknowledged upload, latencies, rejections (thread-safe)."""

    acknowledged: dict[str, dict[str, Any]] = field(default_factory=dict)  # uuid -> response
    latencies: list[float] = field(default_factory=list)  # seconds, successful PUTs
    attempts: int = 0  # PUTs sent, retries included
    retried: int = 0  # PUTs that failed and were sent again
    duplicate_acks: int = 0  # acknowledgements saying "already stored"
    rejected: list[str] = field(default_factory=list)  # uploads the server refused (4xx)
    errors: list[str] = field(default_factory=list)  # kinds of failures seen before a retry
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ack(self, upload: Upload, response: dict[str, Any], seconds: float) -> None:
        with self.lock:
            self.acknowledged[upload.uuid] = response
            self.latencies.append(seconds)
            self.duplicate_acks += bool(response.get("duplicate"))


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with full jitter: attempt k waits U(0.5, 1) x min(cap, first x 2^k)."""

    first: float = 0.05
    cap: float = 2.0
    give_up_after: float = 120.0  # seconds of failures before the device reports the upload

    def delay(self, attempt: int, rng: random.Random) -> float:
        return min(self.cap, self.first * 2**attempt) * rng.uniform(0.5, 1.0)


class SyncError(Exception):
    """The device gave up: the server refused the upload or never answered in time."""


class Device:
    """One interviewer's tablet: a token, one keep-alive connection, retries with backoff.

    ``keep_alive=False`` opens a new connection for every request (``Connection:
    close``), as :class:`AckDroppingProxy` needs.
    """

    def __init__(
        self,
        port: int,
        account: Account,
        ledger: Ledger,
        *,
        backoff: Backoff | None = None,
        keep_alive: bool = True,
        timeout: float = 30.0,
        seed: int = 0,
    ) -> None:
        self.port = port
        self.account = account
        self.ledger = ledger
        self.backoff = backoff or Backoff()
        self.keep_alive = keep_alive
        self.timeout = timeout
        self.rng = random.Random(seed)
        self.token: str | None = None
        self._conn: http.client.HTTPConnection | None = None
        self._retry_after = 0.0  # seconds the last answer asked to wait (Retry-After)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _request(
        self, method: str, path: str, payload: bytes | None = None
    ) -> tuple[int, dict[str, Any]]:
        """One HTTP exchange; raises OSError/HTTPException when the connection fails."""
        if self._conn is None:
            self._conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Accept": "application/json"}
        if payload is not None:
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if not self.keep_alive:
            headers["Connection"] = "close"
        try:
            self._conn.request(method, path, body=payload, headers=headers)
            response = self._conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        if not self.keep_alive or response.will_close:
            self.close()
        retry_after = response.getheader("Retry-After", "")
        self._retry_after = float(retry_after) if retry_after.isdecimal() else 0.0
        try:
            decoded = json.loads(data) if data else {}
        except ValueError:
            decoded = {"unparsed": data[:200].decode("utf-8", "replace")}
        return response.status, decoded if isinstance(decoded, dict) else {"value": decoded}

    def _with_retries(
        self, method: str, path: str, payload: bytes | None = None, *, count: bool = False
    ) -> tuple[int, dict[str, Any], float]:
        """Retry connection failures and 429/5xx with backoff; return the first other answer."""
        first_failure: float | None = None
        attempt = 0
        while True:
            start = time.perf_counter()
            if count:
                with self.ledger.lock:
                    self.ledger.attempts += 1
            try:
                status, body = self._request(method, path, payload)
            except (OSError, http.client.HTTPException) as exc:
                problem = type(exc).__name__
            else:
                if status not in RETRY_STATUSES:
                    return status, body, time.perf_counter() - start
                problem = f"HTTP {status} {body.get('code', '')}".rstrip()
            now = time.monotonic()
            first_failure = first_failure or now
            with self.ledger.lock:
                self.ledger.retried += count
                if problem not in self.ledger.errors:
                    self.ledger.errors.append(problem)
            if now - first_failure > self.backoff.give_up_after:
                raise SyncError(f"{method} {path}: still failing ({problem})")
            # Retry-After is honoured up to the backoff's cap.
            wait = max(
                self.backoff.delay(attempt, self.rng), min(self._retry_after, self.backoff.cap)
            )
            self._retry_after = 0.0
            time.sleep(wait)
            attempt += 1

    def login(self) -> None:
        payload = json.dumps(
            {
                "email": self.account.email,
                "password": self.account.password,
                "device": self.account.device,
            }
        ).encode()
        status, body, _ = self._with_retries("POST", "/api/field/login", payload)
        if status != 200 or "token" not in body:
            raise SyncError(f"login of {self.account.email}: {status} {body}")
        self.token = str(body["token"])

    def get(self, path: str) -> dict[str, Any]:
        status, body, _ = self._with_retries("GET", path)
        if status != 200:
            raise SyncError(f"GET {path}: {status} {body}")
        return body

    def upload(self, upload: Upload) -> dict[str, Any]:
        """PUT until acknowledged (200/201); a refusal (other 4xx) is recorded and raised."""
        path = f"/api/field/interviews/{upload.uuid}"
        status, body, seconds = self._with_retries("PUT", path, upload.payload, count=True)
        if status in (200, 201):
            self.ledger.ack(upload, body, seconds)
            return body
        message = f"PUT {upload.uuid}: {status} {body.get('code')}: {body.get('message')}"
        with self.ledger.lock:
            self.ledger.rejected.append(message)
        raise SyncError(message)


class Storm:
    """Devices in threads: each logs in and syncs its assignments, then, all together, uploads.

    ``start()`` returns once every device is ready to upload (the upload phase starts);
    ``join()`` waits for the last upload. ``elapsed`` is the upload phase in seconds.
    """

    def __init__(
        self,
        port: int,
        accounts: Sequence[Account],
        uploads: Sequence[Sequence[Upload]],
        **device_options: Any,
    ) -> None:
        self.ledger = Ledger()
        self.failures: list[BaseException] = []
        self.elapsed = float("nan")
        self._barrier = threading.Barrier(len(accounts) + 1)
        self._devices = [
            Device(port, account, self.ledger, seed=i, **device_options)
            for i, account in enumerate(accounts)
        ]
        self._uploads = uploads
        self._threads = [
            threading.Thread(target=self._run, args=(i,), name=f"device-{i + 1}", daemon=True)
            for i in range(len(accounts))
        ]
        self._started = 0.0

    def _run(self, i: int) -> None:
        device = self._devices[i]
        try:
            device.login()
            assignments = device.get("/api/field/assignments")
            for wave in assignments.get("waves", []):
                device.get(f"/api/field/instruments/{wave['instrument']['hash']}")
        except BaseException as exc:  # noqa: BLE001 - reported through self.failures
            self.failures.append(exc)
            self._barrier.abort()
            device.close()
            return
        try:
            self._barrier.wait()
            for upload in self._uploads[i]:
                try:
                    device.upload(upload)
                except SyncError:
                    continue  # in the ledger; the tablet keeps the interview and carries on
        except BaseException as exc:  # noqa: BLE001
            self.failures.append(exc)
        finally:
            device.close()

    def start(self, timeout: float = 120.0) -> None:
        for thread in self._threads:
            thread.start()
        try:
            self._barrier.wait(timeout)
        except threading.BrokenBarrierError:
            raise RuntimeError(
                f"devices did not log in and sync in {timeout} s: failures {self.failures[:3]}, "
                f"failed attempts {self.ledger.errors}"
            ) from None
        self._started = time.perf_counter()

    def join(self, timeout: float = 600.0) -> None:
        end = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, end - time.monotonic()))
        if any(thread.is_alive() for thread in self._threads):
            raise RuntimeError("devices still uploading after the time limit")
        self.elapsed = time.perf_counter() - self._started


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
