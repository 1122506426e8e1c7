"""Creating waves and changing their status."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from surveyapp.models import InstrumentVersion, Mode, Wave, WaveStatus
from surveyapp.service_texts import Problem
from surveyapp.services.waves import (
    WaveError,
    create_wave,
    set_status,
    set_support_notes,
    slugify,
)


def _create(session: Session, instrument: InstrumentVersion, **kw: object) -> Wave:
    version = session.get(InstrumentVersion, instrument.id)
    assert version is not None
    values: dict[str, object] = {
        "name": "Encuesta de Victimización 2026",
        "reference_start": dt.date(2025, 1, 1),
        "reference_end": dt.date(2025, 12, 31),
    }
    values.update(kw)
    return create_wave(session, instrument_version=version, **values)  # type: ignore[arg-type]


def test_defaults(session: Session, instrument: InstrumentVersion) -> None:
    wave = _create(session, instrument)
    assert wave.slug == "encuesta-de-victimizacion-2026"
    assert wave.status is WaveStatus.draft
    assert wave.languages == ["en", "es"] and wave.modes == ["web"]
    assert wave.invitation_required and not wave.public_report


def test_taken_slug_gets_a_suffix_or_is_refused(
    session: Session, instrument: InstrumentVersion
) -> None:
    first = _create(session, instrument)
    second = _create(session, instrument)
    assert second.slug != first.slug and second.slug.startswith(first.slug + "-")
    with pytest.raises(WaveError) as info:
        _create(session, instrument, slug=first.slug)
    assert info.value.field == "slug"


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"name": "  "}, "name"),
        ({"slug": "Bad Slug!"}, "slug"),
        ({"reference_end": dt.date(2024, 1, 1)}, "reference_end"),
        (
            {"fieldwork_start": dt.date(2026, 3, 1), "fieldwork_end": dt.date(2026, 2, 1)},
            "fieldwork_end",
        ),
        ({"languages": ["fr"]}, "languages"),
        ({"modes": []}, "modes"),
    ],
)
def test_bad_settings_name_the_field(
    session: Session, instrument: InstrumentVersion, settings: dict[str, object], field: str
) -> None:
    with pytest.raises(WaveError) as info:
        _create(session, instrument, **settings)
    assert info.value.field == field


def test_status_cannot_go_back_to_draft(session: Session, instrument: InstrumentVersion) -> None:
    wave = _create(session, instrument, modes=[Mode.web, Mode.tablet])
    set_status(session, wave, WaveStatus.open)
    set_status(session, wave, WaveStatus.closed)
    set_status(session, wave, WaveStatus.open)
    with pytest.raises(WaveError):
        set_status(session, wave, WaveStatus.draft)
    assert wave.allows(Mode.tablet)


def test_slugify_strips_accents() -> None:
    assert slugify("São Paulo — Ronda 1") == "sao-paulo-ronda-1"


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200f", "\u061c"])
def test_a_name_with_a_direction_control_is_refused_whoever_creates_the_wave(
    session: Session, instrument: InstrumentVersion, char: str
) -> None:
    # the web form refused it, the service (CLI, scripts) did not: the badge moved into the name
    with pytest.raises(WaveError) as refused:
        _create(session, instrument, name=f"Encuesta{char} 2026")
    assert refused.value.field == "name"
    assert f"U+{ord(char):04X}" in refused.value.message
    assert session.query(Wave).count() == 0


# --- support contacts (waves.support_notes) ------------------------------------------------


def test_support_notes_are_kept_per_language_with_their_line_breaks(
    session: Session, instrument: InstrumentVersion
) -> None:
    from surveyapp.models import AuditLog

    wave = _create(
        session,
        instrument,
        support_notes={
            "es": "  Línea 155 (gratuita, 24 horas)\r\nCentro: 800 123 4567\r\n",
            "en": "",
        },
    )
    assert wave.support_notes == {"es": "Línea 155 (gratuita, 24 horas)\nCentro: 800 123 4567"}
    set_support_notes(session, wave, {"es": None, "en": "Helpline 155\rVictim centre"})
    assert wave.support_notes == {"en": "Helpline 155\nVictim centre"}
    set_support_notes(session, wave, {"en": "   "})
    assert wave.support_notes is None  # nothing typed: nothing shown
    actions = session.scalars(
        sa.select(AuditLog.action)
        .where(AuditLog.object_type == "wave", AuditLog.object_id == str(wave.id))
        .order_by(AuditLog.id)
    ).all()
    assert actions == ["wave.create", "wave.support_notes", "wave.support_notes"]


@pytest.mark.parametrize(
    ("note", "key", "params"),
    [
        ("x" * 501, "support_note_too_long", {"n": 500, "length": 501}),
        ("Línea 155\x00", "support_note_nul", {}),
        ("Línea \u202e155", "direction_control", {"char": "U+202E"}),
        ("Línea \u2066155\u2069", "direction_control", {"char": "U+2066"}),
    ],
)
def test_a_bad_support_note_is_refused_whoever_sets_it(
    session: Session, instrument: InstrumentVersion, note: str, key: str, params: dict[str, object]
) -> None:
    with pytest.raises(WaveError) as info:
        _create(session, instrument, support_notes={"es": note})
    assert info.value.field == "support_note_es"
    assert info.value.problem == Problem(key, **params)
    wave = _create(session, instrument, support_notes={"es": "Línea 155"})
    with pytest.raises(WaveError) as info:
        set_support_notes(session, wave, {"es": "ok", "en": note})
    assert info.value.field == "support_note_en" and info.value.problem == Problem(key, **params)
    assert wave.support_notes == {"es": "Línea 155"}  # unchanged


def test_a_support_note_at_the_limit_and_one_in_another_language(
    session: Session, instrument: InstrumentVersion
) -> None:
    # 500 characters with line breaks typed in a browser (\r\n): they count as one each
    typed = "\r\n".join(["x" * 99] * 5) + "x"  # 504 typed, 500 kept
    wave = _create(session, instrument, support_notes={"es": typed})
    assert wave.support_notes is not None and len(wave.support_notes["es"]) == 500
    with pytest.raises(WaveError) as info:
        set_support_notes(session, wave, {"fr": "Ligne 155"})  # the wave is in en and es
    assert info.value.field == "support_note_fr"
    assert "not offered in fr" in str(info.value)
