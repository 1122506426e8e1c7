"""Device ids: two tablets given the same name are two devices (the app sends an id of its own).

Before, devices were told apart by the name typed at login only, so two tablets both named
"Tableta" logged each other out at every login (each login replaces the earlier login of the
same device)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa

from surveyapp.extensions import db
from surveyapp.models import ApiToken, Role, User
from surveyapp.services.fieldwork import hash_token

from ...conftest import TEST_PASSWORD
from .conftest import Field

TABLET_A = "6f1d2c3b-4a59-4e68-8d7c-0a1b2c3d4e5f"
TABLET_B = "9e8d7c6b-5a49-4f38-9e2d-1c0b9a8f7e6d"


def device_login(field: Field, device: str, device_id: Any = None) -> Any:
    body: dict[str, Any] = {
        "email": field.interviewer.email,
        "password": TEST_PASSWORD,
        "device": device,
    }
    if device_id is not None:
        body["device_id"] = device_id
    return field.client.post("/api/field/login", json=body)


def token(response: Any) -> str:
    assert response.status_code == 200, response.get_json()
    return str(response.get_json()["token"])


def works(field: Field, plain: str) -> bool:
    return field.client.get("/api/field/me", headers=field.auth(plain)).status_code == 200


def test_two_tablets_with_one_name_stay_logged_in(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    a = token(device_login(field, "Tableta", TABLET_A))
    b = token(device_login(field, "Tableta", TABLET_B))
    assert works(field, a) and works(field, b)
    # The same tablet logging in again (renamed, even) replaces its own earlier login only.
    a2 = token(device_login(field, "Tableta de Ana", TABLET_A))
    assert not works(field, a) and works(field, a2) and works(field, b)
    with field.app.app_context():
        stored = db.session.scalar(
            sa.select(ApiToken.device_id).where(ApiToken.token_hash == hash_token(a2))
        )
    assert stored == TABLET_A
    # The devices page lists two devices named "Tableta…"; same names get the id's start.
    client = field.app.test_client()
    login(client, make_user(Role.survey_manager))
    page = client.get(f"/manage/users/{field.interviewer.id}/devices?lang=en").get_data(
        as_text=True
    )
    rows = re.findall(r"<tr>\s*<td>([^<]*)(?:<span[^>]*>([^<]*)</span>)?</td>", page)
    assert [(name.strip(), note) for name, note in rows] == [
        ("Tableta de Ana", ""),
        ("Tableta", ""),
        ("Tablet 7", ""),  # the fixture's login, from an app without an id
    ]
    token(device_login(field, "Tableta de Ana", TABLET_B))  # B renamed as A: told apart
    page = client.get(f"/manage/users/{field.interviewer.id}/devices?lang=en").get_data(
        as_text=True
    )
    assert "(device 6f1d2c3b)" in page and "(device 9e8d7c6b)" in page
    # The page says what that number is: before, it said tablets were told apart by name.
    assert "told apart by the start of the number the app gives each tablet" in page


def test_a_login_without_an_id_is_still_told_apart_by_its_name(field: Field) -> None:
    """An app from before device ids (still open on a tablet during an upgrade)."""
    first = field.token  # "Tablet 7", no id
    again = token(device_login(field, " tablet  7 "))
    assert not works(field, first) and works(field, again)
    with_id = token(device_login(field, "Tablet 7", TABLET_A))
    assert works(field, again) and works(field, with_id)  # an id'd tablet is another device


@pytest.mark.parametrize("device_id", ["short", "x" * 65, "has space here", 12345678, ["a"]])
def test_odd_device_ids_are_refused_and_issue_nothing(field: Field, device_id: Any) -> None:
    with field.app.app_context():
        before = db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken))
    response = device_login(field, "Tableta", device_id)
    assert response.status_code == 400
    assert response.get_json()["code"] == "invalid_request"
    assert "device id" in response.get_json()["message"]
    with field.app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == before
