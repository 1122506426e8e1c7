"""The Flask extensions, created once here and bound to an app in create_app."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from typing import Any

import sqlalchemy as sa
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from .models.base import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address)


#: Key in a pooled SQLite connection's ``info``: the connection is in WAL mode.
_WAL = "surveyapp.sqlite_wal"
#: Key in a pooled SQLite connection's ``info``: its next commit was relaxed (see relax_next_commit).
_RELAXED = "surveyapp.sqlite_relaxed"


@sa.event.listens_for(sa.Engine, "do_connect")
def _private_sqlite_file(
    dialect: Any, record: Any, cargs: list[Any], cparams: dict[str, Any]
) -> None:
    """Create a SQLite database file that does not exist yet with mode 0600, then connect.

    SQLite itself would create it 0644 (with the usual umask), readable by every account of
    the machine, with every respondent's answers in it; its ``-wal`` and ``-shm`` files take
    the database file's mode. An empty file is an empty database. A file that exists keeps
    its mode (an administrator may have given it to a group), and a missing folder is left
    for SQLite to report.
    """
    if dialect.name != "sqlite" or cparams.get("uri"):
        return
    path = cargs[0] if cargs else cparams.get("database")
    if not isinstance(path, str) or path in ("", ":memory:"):
        return
    if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
        return
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


@sa.event.listens_for(sa.Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    """Turn on foreign keys and WAL for every SQLite connection (SQLite defaults are off),
    and make every commit durable (``synchronous=FULL``: the write-ahead log is synced to
    disk before the commit returns, so even a power cut loses nothing committed)."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()
        cursor.execute("PRAGMA synchronous=FULL")
    finally:
        cursor.close()
    connection_record.info[_WAL] = bool(mode) and str(mode[0]).lower() == "wal"


def relax_next_commit(session: Any) -> bool:
    """Let the session's next commit return without syncing to disk (SQLite in WAL mode only).

    With ``synchronous=NORMAL`` a WAL commit is safe against the application crashing
    (the database stays consistent and keeps the commit), but an operating system crash
    or power cut may lose it, with every other commit not yet synced: the log is synced
    at the next durable (``FULL``) commit of any connection and at every checkpoint. It
    saves an fsync (milliseconds, during which SQLite's single writer lock is held).
    Must come before the transaction writes anything; returns False (and changes
    nothing: the commit stays durable) when that is too late, or for another database.
    The connection is made durable again when it goes back to the pool.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return False
    pooled = connection.connection
    raw = pooled.dbapi_connection
    if not isinstance(raw, sqlite3.Connection) or not pooled.info.get(_WAL) or raw.in_transaction:
        return False
    raw.execute("PRAGMA synchronous=NORMAL")
    pooled.info[_RELAXED] = True
    return True


@sa.event.listens_for(sa.pool.Pool, "checkin")
def _durable_again(dbapi_connection: Any, connection_record: Any) -> None:
    """A connection whose commit was relaxed is durable again before anyone else uses it."""
    if connection_record.info.pop(_RELAXED, False) and isinstance(
        dbapi_connection, sqlite3.Connection
    ):
        dbapi_connection.execute("PRAGMA synchronous=FULL")
