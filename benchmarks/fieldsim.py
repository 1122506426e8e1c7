"""Simulated interviewer tablets against the field sync API (surveyapp/docs/fieldwork.md).

One home for what ``benchmarks/bench_sync.py`` and
``tests/surveyapp/fieldwork/test_sync_faults.py`` share:

- :func:`prepare_field_wave`: an open tablet wave on ``vict_std``, one
  interviewer per device, one assigned sample unit per interview;
- :func:`make_uploads`: complete interviews of the standard questionnaire, answers
  from the synthetic-country simulator (:mod:`analysis.simulate`) with
  per-question paradata as a tablet sends them;
- :class:`Device`: one tablet (stdlib ``http.client``), uploading with retries and
  exponential backoff until the server acknowledges;
- :class:`Gunicorn`: the server as a process group that can be ``kill -9``-ed and
  restarted on the same database and port;
- :class:`AckDroppingProxy`: passes requests on to the server and throws away
  some acknowledgements of committed uploads;
- :func:`check_database`: acknowledged / stored / lost / duplicated / corrupted.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid as uuid_module
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]

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
    answers: Mapping[str, Any], calculated: frozenset[str], rng: random.Random, start: dt.datetime
) -> dict[str, Any]:
    """Per-question paradata as the interviewer app records them.

    ``items`` maps each answered question (repeat instances as ``incident[2].inc_place``)
    to the milliseconds spent on it, how many times the answer changed and when it
    was last answered (device clock, ISO 8601 with offset).
    """
    items: dict[str, dict[str, Any]] = {}
    clock = start

    def visit(path: str) -> None:
        nonlocal clock
        ms = int(rng.lognormvariate(8.6, 0.6))  # median about 5.4 s a question
        clock += dt.timedelta(milliseconds=ms)
        items[path] = {
            "ms": ms,
            "changes": 1 if rng.random() < 0.08 else 0,
            "at": clock.isoformat(timespec="milliseconds"),
        }

    for code, value in answers.items():
        if code in calculated:
            continue
        if isinstance(value, list) and value and isinstance(value[0], Mapping):
            for position, instance in enumerate(value, start=1):
                for inner in instance:
                    if inner not in calculated:
                        visit(f"{code}[{position}].{inner}")
        else:
            visit(code)
    return {
        "app": "fieldsim/1",
        "started_at": start.isoformat(timespec="milliseconds"),
        "ended_at": clock.isoformat(timespec="milliseconds"),
        "items": items,
    }


def make_uploads(field_wave: FieldWave, seed: int = 8) -> list[list[Upload]]:
    """One list of complete interviews per account, one per assigned unit, ready to PUT."""
    from analysis.microdata import standard_instrument
    from questionnaires.model import CalculateItem

    instrument = standard_instrument()
    total = sum(len(a.unit_ids) for a in field_wave.accounts)
    docs, period = simulated_answers(total, seed)
    calculated = frozenset(
        code
        for doc in docs[:200]
        for code in _codes(doc)
        if isinstance(instrument.item(code), CalculateItem)
    )
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
            paradata = paradata_for(answers, calculated, rng, start)
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
            SampleUnit(wave_id=wave.id, external_id=f"D{d + 1}-H{i + 1}", assigned_to_id=user.id)
            for i in range(interviews_per_device)
        ]
        session.add_all(units)
        session.flush()
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
        self._retry_after = float(retry_after) if retry_after.isdigit() else 0.0
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


# --- the server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Gunicorn:
    """gunicorn (gthread) in a process group of its own, so ``kill -9`` reaches every worker."""

    def __init__(
        self,
        url: str,
        engine_options: Mapping[str, Any],
        workdir: Path,
        *,
        workers: int = 2,
        threads: int = 4,
        port: int | None = None,
        preload: bool = False,
    ) -> None:
        self.workdir = workdir
        self.port = port or free_port()
        self.env = {
            **os.environ,
            "SURVEYAPP_DATABASE_URL": url,
            "SURVEYAPP_SECRET_KEY": "fieldsim-secret",
            "SURVEYAPP_SQLALCHEMY_ENGINE_OPTIONS": json.dumps(dict(engine_options)),
            # every simulated device logs in from 127.0.0.1
            "SURVEYAPP_RATELIMIT_ENABLED": "false",
            "PYTHONPATH": str(ROOT),
        }
        self.command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            "--keep-alive",
            "30",
            "--log-level",
            "warning",
            # --preload: the master imports the app once and forks the workers (a restart
            # takes one import instead of one per worker, in parallel, on a busy machine)
            *(["--preload"] if preload else []),
            f"surveyapp:create_app(instance_path={str(workdir / 'instance')!r})",
        ]
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @property
    def log_path(self) -> Path:
        return self.workdir / "gunicorn.log"

    def start(self, timeout: float = 60.0) -> None:
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.command,
                env=self.env,
                cwd=str(self.workdir),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.starts += 1
        self._wait_ready(timeout)

    def _wait_ready(self, timeout: float) -> None:
        assert self.process is not None
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_path}")
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            try:
                conn.request("GET", "/api/ping")
                if conn.getresponse().status == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            finally:
                conn.close()
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s; see {self.log_path}")

    def pids(self) -> list[int]:
        """Master and workers (Linux /proc)."""
        if self.process is None:
            return []
        master = self.process.pid
        try:
            children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        except OSError:
            return [master]
        return [master, *map(int, children)]

    def kill9(self) -> list[int]:
        """``kill -9`` the whole process group at once; returns the pids killed."""
        assert self.process is not None
        pids = self.pids()
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process = None
        return pids

    def stop(self, graceful: bool = True) -> None:
        """SIGTERM to the master (workers finish their requests), else ``kill -9``."""
        if self.process is None:
            return
        if graceful:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
                self.process = None
                return
            except subprocess.TimeoutExpired:
                pass
        self.kill9()

    def cpu_seconds(self) -> float:
        """User + system CPU seconds used so far by the master and its live workers."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])
        return total / ticks


class AckDroppingProxy:
    """A TCP proxy (one request per connection) that loses some acknowledgements.

    For each connection it forwards the request, reads the server's whole response
    (so the upload has been committed and answered), then, when ``drop(request_line,
    status)`` says so, closes the client's connection without sending a byte: the
    device sees a failed upload the server has in fact stored.
    """

    def __init__(self, upstream_port: int, drop: Callable[[bytes, int], bool]) -> None:
        self.upstream_port = upstream_port
        self.drop = drop
        self.dropped = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._thread = threading.Thread(target=self._serve, daemon=True, name="ack-proxy")
        self._closed = False

    def __enter__(self) -> AckDroppingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closed = True
        self._listener.close()

    def _serve(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _handle(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=30)
        except OSError:
            client.close()
            return
        first = bytearray()

        def pump_request() -> None:
            try:
                while chunk := client.recv(65536):
                    if len(first) < 16:
                        first.extend(chunk[:16])
                    upstream.sendall(chunk)
            except OSError:
                pass

        forward = threading.Thread(target=pump_request, daemon=True)
        forward.start()
        response = bytearray()
        try:
            while chunk := upstream.recv(65536):
                response.extend(chunk)
        except OSError:
            pass
        upstream.close()
        try:
            status = int(bytes(response[9:12]))
        except ValueError:
            status = 0
        if response and self.drop(bytes(first), status):
            with self._lock:
                self.dropped += 1
        elif response:
            with contextlib.suppress(OSError):
                client.sendall(response)
        # shutdown, not just close: it wakes pump_request's recv and sends the FIN at once
        # (a close while another thread reads the socket leaves the connection open).
        with contextlib.suppress(OSError):
            client.shutdown(socket.SHUT_RDWR)
        client.close()
        forward.join(timeout=5)


# --- what the server stored --------------------------------------------------------------------


@dataclass
class Counts:
    acknowledged: int
    stored: int
    lost: int
    duplicated: int
    corrupted: int
    problems: list[str]

    def line(self) -> str:
        return (
            f"acknowledged={self.acknowledged} stored={self.stored} lost={self.lost} "
            f"duplicated={self.duplicated} corrupted={self.corrupted}"
        )


def check_database(
    url: str,
    engine_options: Mapping[str, Any],
    wave_id: int,
    uploads: Sequence[Sequence[Upload]],
    ledger: Ledger,
) -> Counts:
    """Compare the wave's interviews, revisions and incident rows with what the devices sent.

    ``stored``: acknowledged interviews found; ``lost``: acknowledged and missing;
    ``duplicated``: interview rows beyond one per UUID sent, plus revisions beyond one
    per interview (each was sent with one content only); ``corrupted``: stored with
    answers, paradata, language, status, unit, revision or incident rows other than sent.
    """
    sent = {u.uuid: u for device in uploads for u in device}
    engine = sa.create_engine(url, poolclass=sa.NullPool, **dict(engine_options))
    problems: list[str] = []
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text(
                    "SELECT id, uuid, status, language, answers, paradata, sample_unit_id, "
                    "revision FROM interviews WHERE wave_id = :wave"
                ),
                {"wave": wave_id},
            ).all()
            ids = [r.id for r in rows] or [-1]
            revisions: dict[int, list[Any]] = {}
            for r in conn.execute(
                sa.text(
                    "SELECT interview_id, number, content_hash, status, language, answers, "
                    "paradata FROM interview_revisions WHERE interview_id IN :ids"
                ).bindparams(sa.bindparam("ids", expanding=True)),
                {"ids": ids},
            ):
                revisions.setdefault(r.interview_id, []).append(r)
            incidents: dict[int, list[Any]] = {}
            for r in conn.execute(
                sa.text(
                    "SELECT interview_id, repeat_code, position, crime_type, data "
                    "FROM incident_records WHERE interview_id IN :ids ORDER BY position"
                ).bindparams(sa.bindparam("ids", expanding=True)),
                {"ids": ids},
            ):
                incidents.setdefault(r.interview_id, []).append(r)
    finally:
        engine.dispose()

    by_uuid: dict[str, list[Any]] = {}
    for row in rows:
        by_uuid.setdefault(row.uuid, []).append(row)
    duplicated = sum(len(found) - 1 for found in by_uuid.values())
    duplicated += sum(max(0, len(revs) - 1) for revs in revisions.values())
    unknown = set(by_uuid) - set(sent)
    duplicated += len(unknown)
    for uid in sorted(unknown):
        problems.append(f"{uid}: stored but never sent")

    stored = lost = corrupted = 0
    for uid in ledger.acknowledged:
        found = by_uuid.get(uid)
        if not found:
            lost += 1
            problems.append(f"{uid}: acknowledged but not stored")
            continue
        stored += 1
        wrong = _differences(sent[uid], found[0], revisions.get(found[0].id, []), incidents)
        if wrong:
            corrupted += 1
            problems.append(f"{uid}: {'; '.join(wrong)}")
    for uid in set(by_uuid) - set(ledger.acknowledged) - unknown:
        # stored, never acknowledged (the device gave up): still must be exactly what was sent
        wrong = _differences(
            sent[uid], by_uuid[uid][0], revisions.get(by_uuid[uid][0].id, []), incidents
        )
        if wrong:
            corrupted += 1
            problems.append(f"{uid} (unacknowledged): {'; '.join(wrong)}")
    return Counts(len(ledger.acknowledged), stored, lost, duplicated, corrupted, problems)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _differences(
    upload: Upload, row: Any, revisions: list[Any], incidents: Mapping[int, list[Any]]
) -> list[str]:
    body = upload.body
    wrong = []
    if canonical(_json(row.answers)) != canonical(body["answers"]):
        wrong.append("answers differ")
    if canonical(_json(row.paradata)) != canonical(body["paradata"]):
        wrong.append("paradata differ")
    if row.status != body["status"] or row.language != body["language"]:
        wrong.append(f"status/language {row.status}/{row.language}")
    if row.sample_unit_id != body["sample_unit_id"]:
        wrong.append(f"sample unit {row.sample_unit_id}")
    if len(revisions) != 1:
        wrong.append(f"{len(revisions)} revisions")
    for rev in revisions:
        if canonical(_json(rev.answers)) != canonical(body["answers"]) or canonical(
            _json(rev.paradata)
        ) != canonical(body["paradata"]):
            wrong.append(f"revision {rev.number} content differs")
    if row.revision != 1:
        wrong.append(f"interview.revision={row.revision}")
    expected = [
        ("incident", position, str(instance["inc_crime"]), canonical(instance))
        for position, instance in enumerate(body["answers"].get("incident", []), start=1)
    ]
    got = [
        (r.repeat_code, r.position, r.crime_type, canonical(_json(r.data)))
        for r in incidents.get(row.id, [])
    ]
    if got != expected:
        wrong.append(f"incident rows {len(got)} (expected {len(expected)}) or their content differ")
    return wrong


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
