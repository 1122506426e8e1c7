"""Backups of the whole database, consistent while the server runs, and their restore.

SQLite: SQLite's online backup API copies every page in one read transaction, so
the copy is the database as of one instant even while respondents are saving
(WAL mode lets them go on writing meanwhile). PostgreSQL: ``pg_dump`` in its
custom format (one snapshot, the server keeps running), restored by
``pg_restore`` in a single transaction. The binaries of the server's major
version are used (``/usr/lib/postgresql/<major>/bin`` on Debian) unless
``PG_BIN_DIR`` names another folder.

A restore goes into an *empty* database only: nothing existing is ever
overwritten. Run ``surveyapp db upgrade`` after restoring an older backup.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import sqlalchemy as sa

#: The first bytes of each kind of backup file.
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


def backup(engine: sa.Engine, target: Path, *, pg_bin_dir: str | None = None) -> Path:
    """Write a consistent copy of the database behind ``engine`` to ``target`` (a new file)."""
    if target.exists():
        raise BackupError(f"{target} exists; choose a new file name (a backup never overwrites)")
    if not target.parent.is_dir():
        raise BackupError(f"the folder {target.parent} does not exist")
    if engine.dialect.name == "sqlite":
        _sqlite_backup(_sqlite_path(engine), target)
    elif engine.dialect.name == "postgresql":
        _pg_dump(engine, target, pg_bin_dir)
    else:
        raise BackupError(f"backups of {engine.dialect.name} databases are not supported")
    return target


def restore(engine: sa.Engine, source: Path, *, pg_bin_dir: str | None = None) -> None:
    """Load the backup ``source`` into the empty database behind ``engine``."""
    if not source.is_file():
        raise BackupError(f"{source} is not a file")
    with source.open("rb") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    tables = sa.inspect(engine).get_table_names()
    engine.dispose()  # no pooled connection of ours may hold the target open while it is written
    if tables:
        raise BackupError(
            f"the database is not empty ({len(tables)} tables, e.g. {sorted(tables)[0]}); "
            "restore into a new, empty database and point SURVEYAPP_DATABASE_URL at it"
        )
    if engine.dialect.name == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise BackupError(f"{source} is not a SQLite backup (this server uses SQLite)")
        _sqlite_backup(source, _sqlite_path(engine))
    elif engine.dialect.name == "postgresql":
        if not head.startswith(PG_DUMP_MAGIC):
            raise BackupError(f"{source} is not a pg_dump backup (this server uses PostgreSQL)")
        _pg_restore(engine, source, pg_bin_dir)
    else:
        raise BackupError(f"restoring {engine.dialect.name} databases is not supported")


def _sqlite_path(engine: sa.Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up or restored")
    return Path(database)


def _sqlite_backup(source: Path, target: Path) -> None:
    """Copy with the online backup API: all pages in one step, i.e. one read transaction."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)  # pages=-1: everything at once, a consistent snapshot
            # A self-contained file: no -wal file beside it to forget when it is copied away.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite backup failed: {exc}") from None
    finally:
        src.close()


def _libpq_url(engine: sa.Engine) -> str:
    """The engine's URL as libpq reads it (``postgresql://``, no SQLAlchemy driver name)."""
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def _pg_tool(engine: sa.Engine, name: str, pg_bin_dir: str | None) -> str:
    """``pg_dump``/``pg_restore`` of the server's major version (an older pg_dump refuses)."""
    if pg_bin_dir:
        candidate = Path(pg_bin_dir) / name
        if not candidate.is_file():
            raise BackupError(f"PG_BIN_DIR={pg_bin_dir} has no {name}")
        return str(candidate)
    with engine.connect() as conn:
        version = int(conn.execute(sa.text("SHOW server_version_num")).scalar_one())
    candidate = Path(f"/usr/lib/postgresql/{version // 10000}/bin") / name
    if candidate.is_file():
        return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} not found: install the PostgreSQL client of version {version // 10000} "
            "(Debian: postgresql-client) or set PG_BIN_DIR"
        )
    return found


def _schema(engine: sa.Engine) -> str:
    """The schema the app's tables live in (``public`` unless search_path says otherwise)."""
    with engine.connect() as conn:
        return str(conn.execute(sa.text("SELECT current_schema()")).scalar_one())


def _run(command: list[str], what: str) -> None:
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise BackupError(f"{what} failed: {done.stderr.strip() or done.stdout.strip()}")


def _pg_dump(engine: sa.Engine, target: Path, pg_bin_dir: str | None) -> None:
    schema = _schema(engine)
    command = [
        _pg_tool(engine, "pg_dump", pg_bin_dir),
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        f"--file={target}",
    ]
    if schema != "public":  # a server holding several instances, one per schema (the tests)
        command.append(f"--schema={schema}")
    command.append(_libpq_url(engine))
    try:
        _run(command, "pg_dump")
    except BackupError:
        target.unlink(missing_ok=True)
        raise


def _pg_restore(engine: sa.Engine, source: Path, pg_bin_dir: str | None) -> None:
    _run(
        [
            _pg_tool(engine, "pg_restore", pg_bin_dir),
            "--no-owner",
            "--no-privileges",
            "--single-transaction",  # all or nothing
            "--exit-on-error",
            f"--dbname={_libpq_url(engine)}",
            str(source),
        ],
        "pg_restore",
    )
