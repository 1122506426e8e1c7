"""The keys of a wave's cached outputs see every change of a weight the app makes.

A completed tablet interview sent without a household roster takes its provisional weight's
selection factor from its sample unit (services/reports/records.py). A later interview of the
same unit by the same interviewer, broken off but with a roster, sets the unit's eligible
adults: the first interview's weight changes although no completed interview, and no count,
largest id or probability of the sample, does.
"""

from __future__ import annotations

import sqlalchemy as sa

from surveyapp.extensions import db
from surveyapp.models import IndicatorInterviews, Interview, SampleUnit, Wave
from surveyapp.services.reports import data_version, release_version
from surveyapp.services.reports.records import interview_records

from .conftest import Field
from .test_supervision_api import household

SECOND = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"


def _keys(field: Field) -> tuple[list[float], str, str, str]:
    with field.app.app_context():
        wave = db.session.get(Wave, field.wave.id)
        assert wave is not None
        weights = [float(r["weight"]) for r in interview_records(db.session, wave)[0]]
        return (
            weights,
            release_version(db.session, wave, public=False),
            release_version(db.session, wave, public=True),
            data_version(db.session, wave),
        )


def test_a_roster_sent_later_changes_the_weight_and_the_release_key(field: Field) -> None:
    with field.app.app_context():
        unit = db.session.get(SampleUnit, field.units["H1"])
        wave = db.session.get(Wave, field.wave.id)
        assert unit is not None and wave is not None
        unit.selection_probability = 0.004  # base weight 250
        wave.indicator_interviews = IndicatorInterviews.received  # no approval needed
        db.session.commit()
    assert field.put().status_code == 201  # completed, without a roster
    before = _keys(field)
    assert before[0] == [250.0]  # 1 / 0.004, one adult (nothing says how many)
    broken_off = field.body(status="abandoned", answers={}, household=household(field))
    assert field.put(SECOND, broken_off).status_code == 201
    with field.app.app_context():
        statuses = db.session.scalars(sa.select(Interview.status).order_by(Interview.id)).all()
        assert [s.value for s in statuses] == ["completed", "abandoned"]
        unit = db.session.get(SampleUnit, field.units["H1"])
        assert unit is not None and unit.eligible_adults == 3
    after = _keys(field)
    assert after[0] == [750.0]  # the roster's 3 eligible adults
    assert after[1] != before[1], "the internal release of the old weight would be served"
    assert after[2] != before[2], "the public release of the old weight would be served"
    assert after[3] != before[3], "the reports of the old weight would be served"
