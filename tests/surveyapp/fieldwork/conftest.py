"""A tablet wave on the tiny instrument, units assigned to two interviewers, and their tokens."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from surveyapp.extensions import db
from surveyapp.models import Mode, Role, SampleUnit, User, Wave
from surveyapp.services.sample import import_sample_units

from ...conftest import TEST_PASSWORD

#: A valid complete interview of the tiny instrument with two incidents (loop instances).
TWO_ROBBERIES: dict[str, Any] = {
    "rob_yn": 1,
    "rob_n": 2,
    "n_incidents": 2,
    "incident": [
        {"inc_pos": 1, "inc_crime": 11, "inc_reported": 1},
        {"inc_pos": 2, "inc_crime": 11, "inc_reported": 2},
    ],
    "safe_dark": 3,
}
NOT_ROBBED: dict[str, Any] = {"rob_yn": 2, "n_incidents": 0, "safe_dark": 1}
UUID = "3f1c2b9e-8d4a-4c51-9a6e-1b2c3d4e5f60"


@dataclasses.dataclass
class Field:
    app: Flask
    client: FlaskClient
    wave: Wave
    instrument_hash: str
    units: dict[str, int]  # external id -> id: H1, H2 to the interviewer, H3 to the other, H4 free
    interviewer: User
    token: str
    other: User
    other_token: str

    def auth(self, token: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {token or self.token}"}

    def body(self, unit: str = "H1", **changes: Any) -> dict[str, Any]:
        body: dict[str, Any] = {
            "wave_id": self.wave.id,
            "sample_unit_id": self.units[unit],
            "instrument_hash": self.instrument_hash,
            "language": "es",
            "status": "completed",
            "answers": TWO_ROBBERIES,
            "paradata": {"rob_yn": {"ms": 5300, "changes": 1}},
            "client_revision": 1,
            "saved_at": "2025-12-06T10:15:00-05:00",
        }
        body.update(changes)
        return body

    def put(
        self, uuid: str = UUID, body: dict[str, Any] | None = None, token: str | None = None
    ) -> Any:
        return self.client.put(
            f"/api/field/interviews/{uuid}", json=body or self.body(), headers=self.auth(token)
        )


def api_login(client: FlaskClient, user: User, device: str = "Tablet 7") -> str:
    response = client.post(
        "/api/field/login",
        json={"email": user.email, "password": TEST_PASSWORD, "device": device},
    )
    assert response.status_code == 200, response.json
    return str(response.json["token"])


@pytest.fixture
def field(
    app: Flask,
    client: FlaskClient,
    make_user: Callable[..., User],
    make_wave: Callable[..., Wave],
) -> Field:
    wave = make_wave(modes=[Mode.web, Mode.tablet])
    interviewer = make_user(Role.interviewer, name="Ana Entrevistadora")
    other = make_user(Role.interviewer)
    with app.app_context():
        current = db.session.get(Wave, wave.id)
        assert current is not None
        import_sample_units(db.session, current, "external_id,address\nH1,Calle 1\nH2,\nH3,\nH4,\n")
        units = {
            u.external_id: u
            for u in db.session.scalars(sa.select(SampleUnit).where(SampleUnit.wave_id == wave.id))
        }
        units["H1"].assigned_to_id = units["H2"].assigned_to_id = interviewer.id
        units["H3"].assigned_to_id = other.id
        ids = {code: unit.id for code, unit in units.items()}
        instrument_hash = current.instrument_version.content_hash
        db.session.commit()
    return Field(
        app,
        client,
        wave,
        instrument_hash,
        ids,
        interviewer,
        api_login(client, interviewer),
        other,
        api_login(client, other, "Other tablet"),
    )
