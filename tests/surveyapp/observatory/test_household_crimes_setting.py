"""REPORT_HOUSEHOLD_CRIMES: the app's choice of weight for household crimes reaches the tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from surveyapp.extensions import db
from surveyapp.models import Wave
from surveyapp.observatory.jobs import report_settings
from surveyapp.services.reports import data_version, indicator_table

from ..conftest import TinyWave  # type: ignore[import-not-found]


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"REPORT_HOUSEHOLD_CRIMES": "household"}


def test_the_household_weight_setting_lowers_incidence_and_changes_the_data_version(
    app: Flask, tiny_wave: Callable[..., TinyWave]
) -> None:
    sim = tiny_wave()
    with app.app_context():
        wave = db.session.get(Wave, sim.id)
        assert wave is not None
        chosen = report_settings()
        assert chosen.household_crimes == "household"
        envipe = type(chosen)(chosen.quality, chosen.min_cases, "person")
        by_household = indicator_table(db.session, wave, settings=chosen)
        by_person = indicator_table(db.session, wave, settings=envipe)
        assert data_version(db.session, wave, chosen) != data_version(db.session, wave, envipe)

    def national(table: Any, ident: str) -> float:
        row = table[(table["indicator"] == ident) & (table["domain_type"] == "national")]
        return float(row["estimate"].iloc[0])

    # household crimes count once per household instead of once per adult: fewer crimes
    assert national(by_household, "incidence") < national(by_person, "incidence")
    assert national(by_household, "incidence_burg") < national(by_person, "incidence_burg")
    # personal crimes and prevalence are the same under both conventions
    for ident in ("incidence_rob", "prev_person", "prev_household"):
        assert national(by_household, ident) == pytest.approx(national(by_person, ident), rel=1e-12)
