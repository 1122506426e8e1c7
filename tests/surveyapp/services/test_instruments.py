"""Loading instruments into the database."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml
from sqlalchemy.orm import Session

from questionnaires.loader import load_instrument_text
from surveyapp.models import InstrumentVersion
from surveyapp.services.instruments import (
    InstrumentConflict,
    load_instrument_files,
    store_instrument,
)

TINY = Path(__file__).parents[1] / "instruments" / "tiny.yaml"


def test_loading_twice_stores_one_row(session: Session) -> None:
    [(first, created)] = load_instrument_files(session, [TINY])
    [(again, created_again)] = load_instrument_files(session, [TINY])
    assert created and not created_again and first.id == again.id
    assert session.scalar(sa.select(sa.func.count(InstrumentVersion.id))) == 1
    assert first.document["id"] == "tiny_vict"
    assert first.languages == ["en", "es"] and first.default_language == "es"
    assert first.title_in("en") == "Tiny victimization survey"


def test_changed_content_with_same_version_is_refused(session: Session) -> None:
    load_instrument_files(session, [TINY])
    data = yaml.safe_load(TINY.read_text(encoding="utf-8"))
    data["title"]["en"] = "Changed title"
    changed = load_instrument_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(InstrumentConflict, match="new version"):
        store_instrument(session, changed)
    data["version"] = "2"
    row, created = store_instrument(
        session, load_instrument_text(yaml.safe_dump(data, allow_unicode=True))
    )
    assert created and row.version == "2"
