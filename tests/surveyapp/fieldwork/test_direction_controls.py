"""Invisible characters that reorder text (security.DIRECTION_CONTROLS) in what an interviewer
types: the household list's initials and a visit's note. Supervisors read both on their pages, where
such a character moves the words around it. The app refuses them where they are typed; the server
refuses them too (400 with a reason the app words and the interviewer can fix), storing nothing."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

import surveyapp
from surveyapp.extensions import db
from surveyapp.models import ContactAttempt, Interview, Role, SampleUnit, User
from surveyapp.security import DIRECTION_CONTROLS

from .conftest import UUID, Field
from .test_api import error_code
from .test_supervision_api import attempt, household

FIELD_APP = Path(surveyapp.__file__).parent / "static" / "field"


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200f", "\u061c"])
def test_a_visit_note_with_a_direction_control_is_400_and_not_stored(
    field: Field, char: str
) -> None:
    response = attempt(field, note=f"Volver el martes{char} 15h")
    assert error_code(response, 400) == "invalid_request"
    assert response.json["reason"] == "note_direction_control"
    assert response.json["params"] == {"char": f"U+{ord(char):04X}"}
    with field.app.app_context():
        assert db.session.scalars(sa.select(ContactAttempt)).all() == []
    # The same visit without it (what the app sends after "Remove the invisible characters")
    # is taken under the same uuid: the refused body left nothing behind.
    assert attempt(field, note="Volver el martes 15h").status_code == 201


def test_initials_with_a_direction_control_are_400_naming_the_person(field: Field) -> None:
    record = household(field)
    bad = copy.deepcopy(record)
    bad["roster"][1]["initials"] = "J\u2067M\u2069"
    response = field.put(body=field.body(household=bad))
    assert error_code(response, 400) == "invalid_request"
    assert response.json["reason"] == "initials_direction_control"
    assert response.json["params"] == {"line": 2, "char": "U+2067"}
    with field.app.app_context():
        assert db.session.scalars(sa.select(Interview)).all() == []
    # Fixed on the tablet (the initials typed again, the same draw): taken.
    assert field.put(body=field.body(household=record)).status_code == 201


def test_the_app_words_both_refusals_and_checks_the_servers_characters() -> None:
    i18n = (FIELD_APP / "i18n.js").read_text(encoding="utf-8")
    for key in ("srv_note_direction_control", "srv_initials_direction_control"):
        assert f"  {key}: [" in i18n
    util = (FIELD_APP / "util.js").read_text(encoding="utf-8")
    found = re.search(r"export const DIRECTION_CONTROLS = '([^']*)';", util)
    assert found is not None
    listed = {chr(int(code, 16)) for code in re.findall(r"\\u([0-9a-f]{4})", found.group(1))}
    assert listed == set(DIRECTION_CONTROLS)


def test_text_stored_before_the_rule_is_shown_with_its_characters_named(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    # A database from before the refusals holds a note and a household id with an override;
    # the supervisor's page must neither let it reorder the page nor hide it.
    assert field.put().status_code == 201
    assert attempt(field).status_code == 201
    with field.app.app_context():
        visit = db.session.scalars(sa.select(ContactAttempt)).one()
        visit.note = "Volver\u202e el martes"
        unit = db.session.get(SampleUnit, field.units["H1"])
        assert unit is not None
        unit.external_id = "H1\u2067x\u2069"
        db.session.commit()
    client = field.app.test_client()
    assert login(client, make_user(Role.supervisor)).status_code == 302
    page = client.get(f"/fieldwork/interviews/{UUID}?lang=es").get_data(as_text=True)
    assert not DIRECTION_CONTROLS.intersection(page)
    assert "Volver[U+202E] el martes" in page
    assert "H1[U+2067]x[U+2069]" in page
