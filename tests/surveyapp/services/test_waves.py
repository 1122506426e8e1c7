"""Creating waves and changing their status."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from surveyapp.models import InstrumentVersion, Mode, Wave, WaveStatus
from surveyapp.services.waves import WaveError, create_wave, set_status, slugify


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
