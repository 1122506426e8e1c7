"""Tablet interviews in the weighting chain: the selection factor, and which interviews count."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from surveyapp.extensions import db
from surveyapp.models import IndicatorInterviews, Interview, Role, SampleUnit, User, Wave
from surveyapp.services.fieldwork import review_interview
from surveyapp.services.report_build import _annex_notes, _sample_table
from surveyapp.services.reports.records import interview_records
from surveyapp.services.reports.tree import area_index

from .conftest import UUID, Field
from .test_supervision_api import household


def _records(field: Field) -> list[dict[str, object]]:
    with field.app.app_context():
        wave = db.session.get(Wave, field.wave.id)
        assert wave is not None
        return interview_records(db.session, wave)[0]


def test_the_person_weight_is_the_household_base_weight_times_the_eligible_adults(
    field: Field, make_user: Callable[..., User]
) -> None:
    reviewer = make_user(Role.supervisor)
    with field.app.app_context():
        unit = db.session.get(SampleUnit, field.units["H1"])
        assert unit is not None
        unit.selection_probability = 0.004  # base weight 250
        unit.eligible_adults = 1  # the frame's figure, replaced by the roster's
        db.session.commit()
    assert field.put(body=field.body(household=household(field))).status_code == 201
    # Not approved yet: the wave counts approved tablet interviews only (the default).
    assert _records(field) == []
    with field.app.app_context():
        interview = db.session.scalar(sa.select(Interview).where(Interview.uuid == UUID))
        supervisor = db.session.get(User, reviewer.id)
        assert interview is not None and supervisor is not None
        review_interview(db.session, interview, by=supervisor, approve=True)
        db.session.commit()
    [record] = _records(field)
    # 1 / 0.004 x 3 eligible adults (the roster lists 3 adults and a child)
    assert record["weight"] == 750.0


def test_a_wave_may_count_every_received_interview_and_the_annex_says_which(field: Field) -> None:
    assert field.put().status_code == 201
    with field.app.app_context():
        wave = db.session.get(Wave, field.wave.id)
        assert wave is not None
        assert (
            "Only tablet interviews a supervisor approved"
            in _annex_notes(db.session, wave, False)["en"]
        )
        wave.indicator_interviews = IndicatorInterviews.received
        db.session.commit()
        notes = _annex_notes(db.session, wave, False)
        assert "Every completed interview received" in notes["en"]
    assert len(_records(field)) == 1


def test_the_annex_gives_the_aapor_rates_and_e(field: Field) -> None:
    assert field.put().status_code == 201  # H1 complete; H2, H3, H4 never worked (3.x)
    with field.app.app_context():
        wave = db.session.get(Wave, field.wave.id)
        assert wave is not None
        table = _sample_table(db.session, wave, area_index(db.session))
        [row] = table.to_dict("records")
        # I = 1, U = 3: RR1 = 1/4; no unit's eligibility known but H1's: e = 1 / 1 = 1.
        assert row["RR1 rate"] == 0.25 and row["RR3 rate"] == 0.25
        assert row["COOP1 rate"] == 1.0 and row["CON1 rate"] == 0.25
        notes = _annex_notes(db.session, wave, False)
        assert "e = 100.0%" in notes["en"]
        # each language's decimal mark and percent sign (French: a no-break space before it)
        assert "e = 100,0%," in notes["es"] and "e = 100,0%," in notes["pt"]
        assert "e = 100,0\u00a0%," in notes["fr"]
