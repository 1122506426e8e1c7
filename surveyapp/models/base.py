"""Declarative base, naming convention and column types shared by all models."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase

#: Constraint names Alembic can find again on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: The largest value of an ``Integer`` column: PostgreSQL's ``integer`` is 32-bit signed (SQLite's
#: is 64-bit, but the schema must hold on both). Every id column is one (no BigInteger anywhere).
MAX_INTEGER = 2**31 - 1
#: The largest id: a larger number from a URL or a cookie names nothing, and PostgreSQL refuses to
#: compare an ``integer`` column with it ("integer out of range", a 500 before this was 2**63 - 1).
MAX_ID = MAX_INTEGER


def parse_id(text: str) -> int | None:
    """The id a URL, cookie or command-line value names (1 to ``MAX_ID``), or None when it names
    none. ``isdecimal``, not ``isdigit``: "²" is a digit that ``int()`` refuses; the length bound
    comes first because ``int()`` refuses 4,300 digits and more."""
    if not (text.isdecimal() and len(text) <= len(str(MAX_ID))):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


#: A JSON document column: JSONB on PostgreSQL, JSON text elsewhere.
JSONDocument = sa.JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> dt.datetime:
    """The current time as an aware UTC datetime."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(sa.types.TypeDecorator[dt.datetime]):
    """Timestamps stored in UTC and always returned timezone-aware.

    SQLite keeps no offset, so values read back from it are naive; this type
    makes both databases hand back the same aware UTC datetimes.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC timestamp column")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def enum_column(enum_cls: type[Any], name: str) -> sa.Enum:
    """A portable enum column: a VARCHAR holding the member values, no native type."""
    return sa.Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    """Base class of every model; its metadata carries the naming convention."""

    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
