"""The server side of the simulated sync storms (devices: ``benchmarks/fieldsim.py``).

- :class:`Gunicorn`: the server as a process group that can be ``kill -9``-ed and
  restarted on the same database and port;
- :class:`AckDroppingProxy`: passes requests on to the server and throws away
  some acknowledgements of committed uploads;
- :func:`check_database`: acknowledged / stored / lost / duplicated / corrupted.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from fieldsim import Ledger, Upload, canonical

ROOT = Path(__file__).resolve().parents[1]


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
        preload: bool = False,
    ) -> None:
        self.workdir = workdir
        self.port = free_port()  # kept across restarts
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
