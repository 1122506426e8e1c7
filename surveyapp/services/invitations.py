"""Invitation codes: generated once, stored only as hashes, checked in constant time."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Collection, Sequence

import sqlalchemy as sa

from ..models import InvitationCode, SampleUnit, User, Wave, utcnow
from . import DBSession, audit

#: Upper-case letters and digits without look-alikes (0/O, 1/I/L, 5/S, 8/B, U/V are kept apart).
ALPHABET = "23456789ACDEFGHJKMNPQRTWXYZ"
CODE_LENGTH = 8
GROUP = 4
BATCH = 500


def normalise_code(code: str) -> str:
    """Upper-case, without spaces or hyphens, so "abcd-efgh" and "ABCD EFGH" are the same code."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def hash_code(code: str) -> str:
    """Hex SHA-256 of the normalised code: the only form ever stored."""
    return hashlib.sha256(normalise_code(code).encode("utf-8")).hexdigest()


def new_code() -> str:
    """A random code like ``K7MX-4QTC`` (27^8, about 2.8e11 possibilities)."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, CODE_LENGTH, GROUP))


def generate_codes(
    session: DBSession,
    wave: Wave,
    units: Sequence[SampleUnit] | None = None,
    *,
    expires_at: dt.datetime | None = None,
    replace: bool = False,
    by: User | None = None,
) -> list[tuple[SampleUnit, str]]:
    """Give each unit without a code a new one and return the plain codes (the only time they exist).

    With ``replace``, the units' unused codes are deleted and new ones issued
    (used codes stay, so a respondent part-way through can still resume).
    Everything is read and hashed before the first write: on SQLite the first
    write takes the database's one write lock until the caller commits, and
    respondents' page saves wait for it (docs/server.md).
    """
    whole_wave = units is None
    if units is None:
        units = list(
            session.scalars(
                sa.select(SampleUnit).where(SampleUnit.wave_id == wave.id).order_by(SampleUnit.id)
            )
        )
    for unit in units:
        if unit.wave_id != wave.id:
            raise ValueError(f"sample unit {unit.id} is not in wave {wave.id}")
    unit_ids = [u.id for u in units]
    # With replace, only a used code keeps its unit from getting a new one.
    kept = sa.select(InvitationCode.sample_unit_id).join(
        SampleUnit, InvitationCode.sample_unit_id == SampleUnit.id
    )
    kept = kept.where(SampleUnit.wave_id == wave.id)
    if replace:
        kept = kept.where(InvitationCode.used_at.is_not(None))
    coded = set(session.scalars(kept))
    todo = [u for u in units if u.id not in coded]
    fresh = _fresh_codes(session, len(todo))
    now = utcnow()
    rows = [
        {
            "sample_unit_id": unit.id,
            "code_hash": digest,
            "expires_at": expires_at,
            "created_at": now,
        }
        for unit, (digest, _code) in zip(todo, fresh, strict=True)
    ]
    issued = [(unit, code) for unit, (_digest, code) in zip(todo, fresh, strict=True)]
    # The writes. Id lists go in batches: SQLite refuses statements with too many parameters.
    if replace and whole_wave:
        # One statement: a hundred batches of ids took over a second for 50,000 units.
        session.execute(
            sa.delete(InvitationCode).where(
                InvitationCode.sample_unit_id.in_(
                    sa.select(SampleUnit.id).where(SampleUnit.wave_id == wave.id)
                ),
                InvitationCode.used_at.is_(None),
            )
        )
    elif replace:
        for start in range(0, len(unit_ids), BATCH):
            session.execute(
                sa.delete(InvitationCode).where(
                    InvitationCode.sample_unit_id.in_(unit_ids[start : start + BATCH]),
                    InvitationCode.used_at.is_(None),
                )
            )
    if rows:
        # Core executemany on the table: ORM objects would be inserted one statement at a time
        # on SQLite, and even the ORM's bulk insert takes seconds for a big wave's codes.
        session.connection().execute(sa.insert(InvitationCode), rows)
    session.flush()
    audit.record(
        session,
        "invitation.generate",
        user=by,
        object_type="wave",
        object_id=wave.id,
        details={"codes": len(issued), "replace": replace},
    )
    return issued


def _fresh_codes(session: DBSession, n: int) -> list[tuple[str, str]]:
    """``n`` new (hash, code) pairs, distinct from each other and from every stored code.

    Stored ones are checked in batches; a code about to be replaced counts as stored, so a
    new code never repeats an old one.
    """
    codes: dict[str, str] = {}
    while len(codes) < n:
        batch = {hash_code(c): c for c in (new_code() for _ in range(n - len(codes)))}
        batch = {h: c for h, c in batch.items() if h not in codes}
        hashes = list(batch)
        for start in range(0, len(hashes), BATCH):
            taken = session.scalars(
                sa.select(InvitationCode.code_hash).where(
                    InvitationCode.code_hash.in_(hashes[start : start + BATCH])
                )
            )
            for digest in taken:
                batch.pop(digest, None)
        codes.update(batch)
    return list(codes.items())


def verify_code(
    session: DBSession, wave: Wave, code: str, *, now: dt.datetime | None = None
) -> InvitationCode | None:
    """The valid code row for ``code`` in ``wave``, or None.

    Unknown, expired and other-wave codes all give None, after the same work,
    so the answer reveals nothing about which codes exist.
    """
    now = now or utcnow()
    normalised = normalise_code(code)
    digest = hash_code(normalised)
    row = session.scalar(sa.select(InvitationCode).where(InvitationCode.code_hash == digest))
    stored = row.code_hash if row is not None else "0" * 64
    matches = hmac.compare_digest(stored, digest)
    if row is None or not matches or len(normalised) != CODE_LENGTH:
        return None
    if row.sample_unit.wave_id != wave.id:
        return None
    if row.expires_at is not None and row.expires_at <= now:
        return None
    return row


def redeem(session: DBSession, code: InvitationCode, *, now: dt.datetime | None = None) -> None:
    """Record the first use of a code (later uses keep the first time)."""
    if code.used_at is None:
        code.used_at = now or utcnow()
        session.flush()


def _in_areas(area_ids: Collection[int] | None) -> sa.ColumnElement[bool]:
    """Sample units inside ``area_ids`` (``None``: every unit, with or without an area)."""
    return sa.true() if area_ids is None else SampleUnit.area_id.in_(sorted(area_ids))


def units_without_code(
    session: DBSession, wave: Wave, *, area_ids: Collection[int] | None = None
) -> int:
    """Sample units of the wave (inside ``area_ids`` when given) that have no code."""
    return (
        session.scalar(
            sa.select(sa.func.count(SampleUnit.id)).where(
                SampleUnit.wave_id == wave.id,
                _in_areas(area_ids),
                ~sa.exists().where(InvitationCode.sample_unit_id == SampleUnit.id),
            )
        )
        or 0
    )


def code_usage(
    session: DBSession, wave: Wave, *, area_ids: Collection[int] | None = None
) -> tuple[int, int]:
    """(codes issued, codes entered at least once) for the wave's sample units (inside ``area_ids``)."""
    issued, used = session.execute(
        sa.select(sa.func.count(InvitationCode.id), sa.func.count(InvitationCode.used_at))
        .join(SampleUnit, InvitationCode.sample_unit_id == SampleUnit.id)
        .where(SampleUnit.wave_id == wave.id, _in_areas(area_ids))
    ).one()
    return int(issued), int(used)


def units_of_wave(
    session: DBSession, wave: Wave, *, area_ids: Collection[int] | None = None
) -> list[SampleUnit]:
    """The wave's sample units (inside ``area_ids`` when given), by id."""
    return list(
        session.scalars(
            sa.select(SampleUnit)
            .where(SampleUnit.wave_id == wave.id, _in_areas(area_ids))
            .order_by(SampleUnit.id)
        )
    )
