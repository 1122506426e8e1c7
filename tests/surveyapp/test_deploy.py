"""The production set-up of surveyapp/docs/server.md, exercised: gunicorn with the shipped
configuration, two app servers sharing rate limits through Redis, and the shipped units and
proxy configuration checked against the app.

gunicorn runs as real processes on the test database (SQLite file, or the PostgreSQL schema
with SURVEYAPP_TEST_DATABASE_URL). Redis: SURVEYAPP_TEST_REDIS_URL (started by .ci/test via
.ci/redis), else a throwaway ``redis-server`` this module starts.
"""

from __future__ import annotations

import configparser
import contextlib
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from surveyapp.models import Wave

DEPLOY = Path(__file__).parents[2] / "surveyapp" / "docs" / "deploy"
GUNICORN = Path(sys.executable).with_name("gunicorn")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _environment(database: dict[str, Any], tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SURVEYAPP_")}
    env.update(
        SURVEYAPP_DATABASE_URL=database["DATABASE_URL"],
        SURVEYAPP_SECRET_KEY="deploy-test-secret",
        SURVEYAPP_INSTANCE_PATH=str(tmp_path / "instance"),
        SURVEYAPP_REPORT_WORKER="off",
        SURVEYAPP_TWO_FACTOR_REQUIRED_ROLES="[]",
    )
    if "SQLALCHEMY_ENGINE_OPTIONS" in database:
        env["SURVEYAPP_SQLALCHEMY_ENGINE_OPTIONS"] = json.dumps(
            database["SQLALCHEMY_ENGINE_OPTIONS"]
        )
    env.update(extra)
    return env


class Server:
    """A gunicorn process on a free port, its output in a file."""

    def __init__(self, env: dict[str, str], log: Path, *args: str) -> None:
        self.port = _free_port()
        self.log = log
        self.url = f"http://127.0.0.1:{self.port}"
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [str(GUNICORN), *args, "--bind", f"127.0.0.1:{self.port}", "--workers", "1"],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.url + "/api/ping", timeout=2).close()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise AssertionError(log.read_text(errors="replace")[-3000:]) from None
                time.sleep(0.1)

    def stop(self) -> str:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        return self.log.read_text(errors="replace")


@pytest.fixture
def servers(app: Flask) -> Iterator[list[Server]]:
    """Servers started by a test (on the ``app`` fixture's database, tables created), stopped after."""
    started: list[Server] = []
    yield started
    for server in started:
        server.stop()


# ---- gunicorn with the shipped configuration: nothing identifying in any log ----


def test_the_shipped_gunicorn_configuration_logs_no_code_address_or_browser(
    app: Flask,
    database: dict[str, Any],
    make_wave: Callable[..., Wave],
    servers: list[Server],
    tmp_path: Path,
) -> None:
    make_wave(slug="deploy-wave")
    env = _environment(database, tmp_path)
    server = Server(env, tmp_path / "gunicorn.log", "-c", str(DEPLOY / "gunicorn.conf.py"))
    servers.append(server)
    code = "K7MX-4QTC"
    for path in (
        f"/s/c/{code}",
        f"/s/c/{code}/x",
        "/s/deploy-wave?code=SECRETQUERY",
        "/static/css/main.css",
        "/favicon.ico",
        "/s/deploy-wave",
    ):
        request = urllib.request.Request(
            server.url + path, headers={"User-Agent": "PhoneBrowser/9.9 (respondent)"}
        )
        with contextlib.suppress(urllib.error.HTTPError):  # 404s are logged too
            urllib.request.urlopen(request, timeout=10).close()
    output = server.stop()
    # The readiness probe (/api/ping, a staff-area path) is logged with its address, as staff are.
    request_lines = [
        line
        for line in output.splitlines()
        if re.search(r"\b(GET|POST) /", line) and "/api/ping" not in line
    ]
    assert len(request_lines) >= 6, output[-2000:]  # surveyapp's own request log, one per request
    for forbidden in (code, "SECRETQUERY", "PhoneBrowser", "addr=", "127.0.0.1"):
        assert not any(forbidden in line for line in request_lines), (forbidden, request_lines)
    assert any("/s/c/<code>" in line for line in request_lines)


def test_the_shipped_gunicorn_configuration_runs_without_a_writable_home(
    database: dict[str, Any], servers: list[Server], tmp_path: Path
) -> None:
    """surveyapp.service runs gunicorn with ProtectSystem=strict: only the instance folder is
    writable, not the service user's home. gunicorn 25 and later open a control socket in
    $HOME/.gunicorn by default, which there logged an ERROR on every start (and would be an
    administration socket nobody asked for); the shipped configuration turns it off."""
    home = tmp_path / "home"
    home.write_text("")  # a file: nothing can be created under it, even by root
    env = _environment(database, tmp_path, HOME=str(home))
    env.pop("XDG_RUNTIME_DIR", None)
    server = Server(env, tmp_path / "gunicorn.log", "-c", str(DEPLOY / "gunicorn.conf.py"))
    servers.append(server)
    output = server.stop()
    assert "Booting worker" in output, output[-2000:]
    assert "control server" not in output.lower(), output[-2000:]
    assert "control socket" not in output.lower(), output[-2000:]


# ---- rate limits shared by several app servers ----


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    given = os.environ.get("SURVEYAPP_TEST_REDIS_URL")
    if given:
        yield given
        return
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("no redis-server (bash .ci/system-deps installs it)")
    port = _free_port()
    directory = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(directory)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


def _failed_logins(servers: list[Server], attempts: int) -> list[int]:
    """Wrong-password login POSTs sent in turn to each server, one browser: the statuses."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    statuses = []
    for n in range(attempts):
        base = servers[n % len(servers)].url
        page = opener.open(base + "/auth/login", timeout=10).read().decode()
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
        assert match is not None
        body = urllib.parse.urlencode(
            {"csrf_token": match.group(1), "email": "nobody@example.org", "password": "wrong" * 3}
        ).encode()
        try:
            with opener.open(base + "/auth/login", data=body, timeout=10) as response:
                statuses.append(response.status)
        except urllib.error.HTTPError as exc:
            statuses.append(exc.code)
    return statuses


@pytest.mark.parametrize("storage", ["redis", "memory"])
def test_a_login_rate_limit_holds_across_two_gunicorn_instances_only_with_redis(
    app: Flask,
    database: dict[str, Any],
    servers: list[Server],
    tmp_path: Path,
    redis_url: str,
    storage: str,
) -> None:
    import redis

    if storage == "redis":
        # A prefix of its own, so parallel runs sharing one Redis do not count each other.
        uri = redis_url
        prefix = f"test-{os.getpid()}-{time.monotonic_ns()}"
        redis.Redis.from_url(redis_url).ping()
    else:
        uri, prefix = "memory://", "x"
    env = _environment(
        database,
        tmp_path,
        SURVEYAPP_RATELIMIT_STORAGE_URI=uri,
        SURVEYAPP_RATELIMIT_KEY_PREFIX=prefix,
        SURVEYAPP_LOGIN_RATE_LIMIT="3 per minute",
    )
    for name in ("a", "b"):
        servers.append(Server(env, tmp_path / f"{name}.log", "surveyapp:create_app()"))
    statuses = _failed_logins(servers, 4)
    if storage == "redis":
        assert statuses == [200, 200, 200, 429], statuses  # the 4th, on server b, is the 4th
    else:
        assert statuses == [200, 200, 200, 200], statuses  # each process counts its own two


# ---- the shipped systemd units and proxy configuration ----


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DEPLOY / name)
    return parser


def test_the_systemd_units_start_commands_that_exist(app: Flask) -> None:
    commands = sorted(app.cli.commands)
    for name in ("surveyapp.service", "surveyapp-report.service", "surveyapp-backup.service"):
        unit = _unit(name)
        argv = shlex.split(unit["Service"]["ExecStart"])
        assert argv[0].startswith("/srv/surveyapp/venv/bin/"), name
        if argv[0].endswith("/surveyapp"):
            assert argv[1] in commands, (name, argv)
            result = app.test_cli_runner().invoke(args=[*argv[1:], "--help"])
            assert result.exit_code == 0, (name, result.output)
        else:
            assert argv[1:] == ["-c", "/etc/surveyapp/gunicorn.conf.py"]
        assert unit["Service"]["EnvironmentFile"] == "/etc/surveyapp/environment"
    timer = _unit("surveyapp-backup.timer")
    assert timer["Timer"]["OnCalendar"] and timer["Install"]["WantedBy"] == "timers.target"
    for line in (DEPLOY / "environment.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name = line.split("=", 1)[0]
            setting = name.removeprefix("SURVEYAPP_")
            assert name.startswith("SURVEYAPP_") and (
                setting in app.config or setting == "INSTANCE_PATH"
            ), name


def test_the_units_give_charts_and_fonts_a_writable_cache(tmp_path: Path) -> None:
    """The web and report units run with ProtectSystem=strict and ProtectHome: the service
    user's home is read-only. matplotlib (charts in reports and pages) then warned at every
    process start and rebuilt its font list each time; fontconfig too. The units give both a
    cache folder systemd creates (CacheDirectory=).

    The first start in an empty cache builds matplotlib's font list, and says "Matplotlib is
    building the font cache" on stderr when that takes over 5 s (a busy machine, as CI's
    parallel workers make it: the test then failed). That line is the one allowed on the first
    start; the second start must be silent, which also shows the font list was kept."""
    home = tmp_path / "home"
    home.write_text("")  # a file: nothing can be created under it, even by root
    for name in ("surveyapp.service", "surveyapp-report.service"):
        service = _unit(name)["Service"]
        cache = f"/var/cache/{service.get('CacheDirectory', '-')}"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "MPL"))}
        env["HOME"] = str(home)
        for assignment in shlex.split(service.get("Environment", "")):
            key, value = assignment.split("=", 1)
            env[key] = value.replace(cache, str(tmp_path / name))
        starts = [
            subprocess.run(
                [sys.executable, "-c", "import matplotlib.pyplot"],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            for _ in range(2)
        ]
        first, second = starts
        assert first.returncode == 0, (name, first.stderr)
        said = [line for line in first.stderr.splitlines() if "building the font cache" not in line]
        assert said == [], (name, first.stderr)
        assert second.returncode == 0 and second.stderr == "", (name, second.stderr)
        assert env.get("XDG_CACHE_HOME", "").startswith(str(tmp_path / name)), name  # fontconfig


def _systemd_environment_file(path: Path) -> dict[str, str]:
    """The variables systemd's EnvironmentFile= sets from ``path`` (its env-file parser:
    quotes anywhere in a value open and close quoting and are dropped, a backslash outside
    single quotes escapes the next character, unquoted trailing blanks go)."""
    variables: dict[str, str] = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        key, raw = line.split("=", 1)
        value, quote, escaped, keep = "", "", False, 0
        for char in raw.lstrip():
            if escaped:
                value, escaped = value + char, False
            elif char == "\\" and quote != "'":
                escaped = True
            elif quote and char == quote:
                quote = ""
            elif not quote and char in "'\"":
                quote = char
            else:
                value += char
            if quote or not char.isspace():
                keep = len(value)
        variables[key.strip()] = value[:keep]
    return variables


def test_the_environment_file_means_the_same_to_systemd_and_to_a_shell() -> None:
    """The units read /etc/surveyapp/environment with EnvironmentFile=, the guide's `surveyapp
    init` and upgrades with `set -a; . /etc/surveyapp/environment`. The shipped content
    security policy was written bare: systemd dropped its single quotes ('self' became a host
    named self, blocking the site's own CSS and JavaScript) and the shell ran the words after
    each ';' as commands."""
    path = DEPLOY / "environment.example"
    result = subprocess.run(
        ["bash", "-c", 'set -a; . "$1"; set +a; env -0', "_", str(path)],
        capture_output=True,
        text=True,
        env={"PATH": os.environ["PATH"]},
        check=False,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    shell = dict(
        item.split("=", 1) for item in result.stdout.split("\0") if item.startswith("SURVEYAPP_")
    )
    assert shell == _systemd_environment_file(path)
    assert shell["SURVEYAPP_CONTENT_SECURITY_POLICY"] == (
        "default-src 'self'; frame-ancestors 'none'; form-action 'self'"
    )


def test_the_proxy_configuration_keeps_respondents_out_of_its_logs(app: Flask) -> None:
    nginx = (DEPLOY / "nginx.conf").read_text()
    proxy = (DEPLOY / "surveyapp_proxy.conf").read_text()
    private = re.search(r"log_format surveyapp_private '([^']*)'", nginx)
    assert private is not None
    for variable in ("$remote_addr", "$request", "$uri", "$http_user_agent", "$args"):
        assert variable not in private.group(1).replace("$request_method", "").replace(
            "$request_time", ""
        )
    assert "access_log off;" in nginx
    size = re.search(r"client_max_body_size (\d+)m;", nginx)
    assert size is not None and int(size.group(1)) * 1024 * 1024 >= app.config["MAX_CONTENT_LENGTH"]
    for header in ("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host"):
        assert f"proxy_set_header {header}" in proxy
