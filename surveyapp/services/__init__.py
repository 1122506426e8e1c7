"""Domain operations: plain functions on explicit objects that flush() and never commit.

The caller (a request handler or a CLI command) owns the transaction.
"""

from typing import Any, TypeAlias

from sqlalchemy.orm import Session, scoped_session

#: A session or Flask-SQLAlchemy's scoped ``db.session``: services accept either.
DBSession: TypeAlias = Session | scoped_session[Any]
