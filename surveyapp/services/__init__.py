"""Domain operations: plain functions on explicit objects that flush() and never commit.

The caller (a request handler or a CLI command) owns the transaction.
"""

from typing import Any, Protocol, TypeAlias

from sqlalchemy.orm import Session, scoped_session

#: A session or Flask-SQLAlchemy's scoped ``db.session``: services accept either.
DBSession: TypeAlias = Session | scoped_session[Any]


class Actor(Protocol):
    """Who acts, where only their id is recorded: a ``User``, or the holder of a device token
    as the field API's token check reads it (``fieldwork.FieldHolder``, no ORM instance)."""

    @property
    def id(self) -> int: ...
