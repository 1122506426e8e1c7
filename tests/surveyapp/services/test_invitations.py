"""Invitation codes."""

from __future__ import annotations

import datetime as dt
import re

import sqlalchemy as sa
from sqlalchemy.orm import Session

from surveyapp.models import InstrumentVersion, InvitationCode, SampleUnit, Wave, WaveStatus
from surveyapp.services.invitations import (
    ALPHABET,
    code_usage,
    generate_codes,
    hash_code,
    normalise_code,
    redeem,
    units_without_code,
    verify_code,
)
from surveyapp.services.sample import import_sample_units
from surveyapp.services.waves import create_wave


def _units(session: Session, wave: Wave, n: int = 3) -> list[SampleUnit]:
    import_sample_units(session, wave, "external_id\n" + "".join(f"U{i}\n" for i in range(n)))
    return list(session.scalars(sa.select(SampleUnit).where(SampleUnit.wave_id == wave.id)))


def test_codes_are_grouped_unambiguous_and_stored_only_as_hashes(
    session: Session, wave: Wave
) -> None:
    units = _units(session, wave)
    issued = generate_codes(session, wave)
    assert [u.id for u, _ in issued] == [u.id for u in units]
    codes = [c for _, c in issued]
    assert len(set(codes)) == 3
    for code in codes:
        assert re.fullmatch(f"[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}", code)
    stored = session.scalars(sa.select(InvitationCode.code_hash)).all()
    assert sorted(stored) == sorted(hash_code(c) for c in codes)
    assert not any(normalise_code(c) in h for c in codes for h in stored)


def test_second_run_only_codes_new_units_and_replace_reissues(session: Session, wave: Wave) -> None:
    _units(session, wave, 2)
    first = dict((u.id, c) for u, c in generate_codes(session, wave))
    assert generate_codes(session, wave) == []
    assert units_without_code(session, wave) == 0
    used = verify_code(session, wave, next(iter(first.values())))
    assert used is not None
    redeem(session, used)
    again = generate_codes(session, wave, replace=True)
    # The used code is kept, so only the unused one is replaced.
    assert len(again) == 1 and again[0][1] not in first.values()


def test_verify_accepts_sloppy_typing(session: Session, wave: Wave) -> None:
    _units(session, wave, 1)
    [(unit, code)] = generate_codes(session, wave)
    typed = " " + code.lower().replace("-", " ") + " "
    row = verify_code(session, wave, typed)
    assert row is not None and row.sample_unit_id == unit.id


def test_unknown_expired_and_other_wave_codes_all_fail_alike(
    session: Session, wave: Wave, instrument: InstrumentVersion
) -> None:
    _units(session, wave, 1)
    now = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
    [(_unit, code)] = generate_codes(session, wave, expires_at=now)
    version = session.get(InstrumentVersion, instrument.id)
    assert version is not None
    other = create_wave(
        session,
        name="Other",
        instrument_version=version,
        status=WaveStatus.open,
        reference_start=dt.date(2025, 1, 1),
        reference_end=dt.date(2025, 12, 31),
    )
    assert verify_code(session, wave, code, now=now - dt.timedelta(seconds=1)) is not None
    assert verify_code(session, wave, code, now=now) is None
    assert verify_code(session, other, code, now=now - dt.timedelta(days=1)) is None
    assert verify_code(session, wave, "AAAA-AAAA") is None
    assert verify_code(session, wave, "") is None


def test_code_usage(session: Session, wave: Wave) -> None:
    _units(session, wave, 3)
    issued = generate_codes(session, wave)
    row = verify_code(session, wave, issued[0][1])
    assert row is not None
    redeem(session, row)
    assert code_usage(session, wave) == (3, 1)
