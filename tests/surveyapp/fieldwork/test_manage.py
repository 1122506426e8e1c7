"""Management of field work: assignment page and CLI, device list and revocation, the demo."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskCliRunner
from markupsafe import escape

from surveyapp import commands
from surveyapp.extensions import db
from surveyapp.models import (
    ApiToken,
    Area,
    AreaLevel,
    AuditLog,
    Role,
    SampleUnit,
    TokenPurpose,
    User,
    Wave,
    utcnow,
)
from surveyapp.services.areas import create_area
from surveyapp.services.fieldwork import hash_token
from surveyapp.services.users import set_area

from .conftest import Field, api_login


def _assigned(app: Flask, wave_id: int) -> dict[str, int | None]:
    with app.app_context():
        return {
            u.external_id: u.assigned_to_id
            for u in db.session.scalars(sa.select(SampleUnit).where(SampleUnit.wave_id == wave_id))
        }


def _with_areas(field: Field) -> None:
    """H1, H2 in municipality 001 (Norte), H3, H4 in 002 (Sur); H2 and H4 unassigned."""
    with field.app.app_context():
        country = create_area(db.session, level=AreaLevel.country, code="DM", name="Demo")
        region = create_area(
            db.session, level=AreaLevel.region, code="01", name="R", parent=country
        )
        norte, sur = (
            create_area(db.session, level=AreaLevel.municipality, code=c, name=n, parent=region)
            for c, n in (("001", "Norte"), ("002", "Sur"))
        )
        for unit in db.session.scalars(
            sa.select(SampleUnit).where(SampleUnit.wave_id == field.wave.id)
        ):
            unit.area_id = norte.id if unit.external_id in ("H1", "H2") else sur.id
            if unit.external_id == "H2":
                unit.assigned_to_id = None
        db.session.commit()


def test_the_assign_page_assigns_the_unassigned_units_of_an_area(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    _with_areas(field)
    manager = make_user(Role.survey_manager)
    client = field.app.test_client()
    login(client, manager)
    page = client.get(f"/manage/waves/{field.wave.id}/assign").get_data(as_text=True)
    assert "2 units without an interviewer" in page and "DM/01/001 – Norte" in page
    with field.app.app_context():
        norte_id = db.session.scalar(sa.text("SELECT id FROM areas WHERE code = '001'"))
    response = client.post(
        f"/manage/waves/{field.wave.id}/assign",
        data={"interviewer": field.other.id, "area": norte_id},
    )
    assert response.status_code == 302
    assigned = _assigned(field.app, field.wave.id)
    # H2 (Norte, free) is the other's now; H1 keeps its interviewer; H4 (Sur) stays free.
    assert assigned == {
        "H1": field.interviewer.id,
        "H2": field.other.id,
        "H3": field.other.id,
        "H4": None,
    }
    with field.app.app_context():
        entry = db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "unit.assign"))
        assert entry is not None and entry.user_id == manager.id
        assert entry.details["units"] == 1 and entry.details["area"] == "DM/01/001"
    page = client.get(f"/manage/waves/{field.wave.id}/assign").get_data(as_text=True)
    # One unit, one unit: the page said "1 units assigned" and "1 units without an interviewer".
    assert f"1 unit assigned to {escape(field.other.name)}." in page
    assert "1 unit without an interviewer." in page
    for lang, words in {
        "es": "1 unidad sin encuestador.",
        "pt": "1 unidade sem entrevistador.",
        "fr": "1 unité sans enquêteur.",
    }.items():
        assert words in client.get(f"/manage/waves/{field.wave.id}/assign?lang={lang}").get_data(
            as_text=True
        )


def test_the_assign_page_refuses_people_without_field_work(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    analyst = make_user(Role.analyst)
    client = field.app.test_client()
    login(client, make_user(Role.survey_manager))
    response = client.post(
        f"/manage/waves/{field.wave.id}/assign", data={"interviewer": analyst.id, "area": 0}
    )
    assert response.status_code == 200  # the form again, with its error
    assert _assigned(field.app, field.wave.id)["H4"] is None


def _reassign(client: Any, field: Field, unit: str, to: User) -> Any:
    return client.post(
        f"/manage/waves/{field.wave.id}/reassign",
        data={"re-unit": unit, "re-interviewer": to.id},
    )


def test_the_assign_page_reassigns_one_household_and_the_old_tablets_interview_still_counts(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    # Only the CLI (assign --units H2 --reassign) moved a household to another interviewer.
    manager = make_user(Role.survey_manager)
    client = field.app.test_client()
    login(client, manager)
    page = client.get(f"/manage/waves/{field.wave.id}/assign").get_data(as_text=True)
    assert "Reassign one household" in page and "even one not sent yet" in page
    response = _reassign(client, field, " H2 ", field.other)
    assert response.status_code == 302
    assert _assigned(field.app, field.wave.id)["H2"] == field.other.id
    page = client.get(f"/manage/waves/{field.wave.id}/assign").get_data(as_text=True)
    assert "Household H2 moved from Ana Entrevistadora to" in page
    with field.app.app_context():
        [entry] = db.session.scalars(sa.select(AuditLog).where(AuditLog.action == "unit.reassign"))
        assert entry.user_id == manager.id and entry.object_id == str(field.units["H2"])
        assert entry.details == {
            "wave_id": field.wave.id,
            "unit": "H2",
            "from_id": field.interviewer.id,
            "to_id": field.other.id,
            "interview": None,
        }
    # The rule the page states: the interview Ana had on her tablet still arrives and counts;
    # the new interviewer's interview of the household, second, is refused.
    assert field.put(body=field.body("H2")).status_code == 201
    second = field.put(
        "0b5e7c1e-3c2d-4e6f-8a9b-000000000002", field.body("H2"), token=field.other_token
    )
    assert second.status_code == 409 and second.json["code"] == "owner"
    # Moving a household whose interview the server holds says so.
    assert field.put("0b5e7c1e-3c2d-4e6f-8a9b-000000000001", field.body("H1")).status_code == 201
    assert _reassign(client, field, "H1", field.other).status_code == 302
    page = client.get(f"/manage/waves/{field.wave.id}/assign").get_data(as_text=True)
    assert "already holds Ana Entrevistadora&#39;s interview of H1 (completed)" in page
    # The audit page words the entry (Spanish here).
    admin = field.app.test_client()
    login(admin, make_user(Role.administrator))
    audit = admin.get("/manage/audit?lang=es").get_data(as_text=True)
    assert "hogar: H1" in audit and "entrevista recibida: completa" in audit


def test_a_reassignment_names_what_is_wrong_and_changes_nothing(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    _with_areas(field)
    client = field.app.test_client()
    login(client, make_user(Role.survey_manager))
    before = _assigned(field.app, field.wave.id)
    cases = [
        ("H9", field.other, "The wave has no sample unit H9."),
        ("", field.other, "Enter the id of the household (sample unit) to reassign."),
        ("H1", field.interviewer, "Household H1 is already assigned to Ana Entrevistadora."),
    ]
    analyst = make_user(Role.analyst)  # not in the list of people who do field work
    cases.append(("H1", analyst, "Choose an interviewer from the list."))
    for unit, to, message in cases:
        response = _reassign(client, field, unit, to)
        assert response.status_code == 302 and response.location.endswith("assign#reassign")
        page = client.get(response.location).get_data(as_text=True)
        assert message in page, message
    # A manager of the Sur municipality does not reach Norte's households (H1, H2).
    south = make_user(Role.survey_manager)
    with field.app.app_context():
        merged = db.session.get(User, south.id)
        sur = db.session.scalar(sa.select(Area).where(Area.code == "002"))
        assert merged is not None and sur is not None
        set_area(db.session, merged, sur)
        db.session.commit()
    scoped = field.app.test_client()
    login(scoped, south)
    response = _reassign(scoped, field, "H1", field.other)
    assert "The wave has no sample unit H1." in scoped.get(response.location).get_data(as_text=True)
    assert _assigned(field.app, field.wave.id) == before
    assert _reassign(scoped, field, "H3", field.interviewer).status_code == 302
    assert _assigned(field.app, field.wave.id)["H3"] == field.interviewer.id


def test_devices_are_listed_and_a_manager_revokes_one(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    manager = make_user(Role.survey_manager)
    client = field.app.test_client()
    login(client, manager)
    page = client.get(f"/manage/users/{field.interviewer.id}/devices").get_data(as_text=True)
    assert "Tablet 7" in page and "Revoke" in page
    with field.app.app_context():
        token_id = db.session.scalar(
            sa.select(ApiToken.id).where(ApiToken.token_hash == hash_token(field.token))
        )
    # Another person's token id through this person's page changes nothing.
    with field.app.app_context():
        other_id = db.session.scalar(
            sa.select(ApiToken.id).where(ApiToken.token_hash == hash_token(field.other_token))
        )
    client.post(f"/manage/users/{field.interviewer.id}/devices/revoke", data={"token_id": other_id})
    assert (
        field.client.get("/api/field/me", headers=field.auth(field.other_token)).status_code == 200
    )
    response = client.post(
        f"/manage/users/{field.interviewer.id}/devices/revoke", data={"token_id": token_id}
    )
    assert response.status_code == 302
    assert field.client.get("/api/field/me", headers=field.auth()).status_code == 401
    with field.app.app_context():
        token = db.session.get(ApiToken, token_id)
        assert token is not None and token.revoked_by_id == manager.id
        entry = db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "token.revoke"))
        assert entry is not None and entry.user_id == manager.id
    page = client.get(f"/manage/users/{field.interviewer.id}/devices").get_data(as_text=True)
    assert "revoked" in page


def test_a_second_login_from_a_device_replaces_its_token_and_the_device_is_listed_once(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    # Every login added a token: the devices page listed "Tablet 7" once per login, each
    # still usable, and revoking one row left the device logged in with the others.
    first = field.token  # "Tablet 7"
    again = api_login(field.client, field.interviewer, " tablet  7 ")  # the same name
    assert field.client.get("/api/field/me", headers=field.auth(first)).status_code == 401
    assert field.client.get("/api/field/me", headers=field.auth(again)).status_code == 200
    other_device = api_login(field.client, field.interviewer, "Tablet 8")
    assert field.client.get("/api/field/me", headers=field.auth(again)).status_code == 200
    with field.app.app_context():
        ids = {
            plain: db.session.scalar(
                sa.select(ApiToken.id).where(ApiToken.token_hash == hash_token(plain))
            )
            for plain in (first, again, other_device)
        }
        [entry] = db.session.scalars(
            sa.select(AuditLog).where(
                AuditLog.action == "token.revoke", AuditLog.object_id == str(ids[first])
            )
        )
        assert entry.user_id == field.interviewer.id
        assert entry.details == {
            "holder_id": field.interviewer.id,
            "device": "Tablet 7",
            "replaced_by": ids[again],
        }
        # A device logged in twice before logins replaced each other: listed once all the same.
        legacy = ApiToken(
            user_id=field.interviewer.id,
            token_hash=hash_token("legacy"),
            purpose=TokenPurpose.field,
            label="Tablet 8",
            created_at=utcnow() - dt.timedelta(days=3),
            last_used_at=utcnow() - dt.timedelta(days=2),
            expires_at=utcnow() + dt.timedelta(days=80),
        )
        db.session.add(legacy)
        db.session.commit()
        legacy_id = legacy.id
    client = field.app.test_client()
    login(client, make_user(Role.survey_manager))
    page = client.get(f"/manage/users/{field.interviewer.id}/devices").get_data(as_text=True)
    rows = re.findall(r"<tr>\s*<td>([^<]*)</td>.*?<td class=\"numeric\">(\d+)</td>", page, re.S)
    assert rows == [("Tablet 8", "2"), ("tablet  7", "2")]  # latest login first
    assert page.count(f'name="token_id" value="{ids[other_device]}"') == 1
    assert "Logins" in page
    # Revoking the device ends every login of it, the old one too; the other device keeps on.
    response = client.post(
        f"/manage/users/{field.interviewer.id}/devices/revoke",
        data={"token_id": ids[other_device]},
    )
    assert response.status_code == 302
    assert field.client.get("/api/field/me", headers=field.auth(other_device)).status_code == 401
    assert field.client.get("/api/field/me", headers=field.auth("legacy")).status_code == 401
    assert field.client.get("/api/field/me", headers=field.auth(again)).status_code == 200
    with field.app.app_context():
        token = db.session.get(ApiToken, legacy_id)
        assert token is not None and token.revoked_at is not None


@pytest.mark.parametrize("token_id", ["", "abc", "0", "9" * 40, "-5"])
def test_odd_token_ids_change_nothing(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any], token_id: str
) -> None:
    client = field.app.test_client()
    login(client, make_user(Role.administrator))
    response = client.post(
        f"/manage/users/{field.interviewer.id}/devices/revoke", data={"token_id": token_id}
    )
    assert response.status_code == 302
    assert field.client.get("/api/field/me", headers=field.auth()).status_code == 200


# ---- CLI -----------------------------------------------------------------------------------------


def test_cli_assigns_listed_units_and_refuses_to_take_them_silently(
    field: Field, runner: FlaskCliRunner
) -> None:
    slug, email = field.wave.slug, field.other.email
    result = runner.invoke(
        args=["fieldwork", "assign", "--wave", slug, "--interviewer", email, "--units", "H4,H1"]
    )
    assert result.exit_code != 0 and "H1 already assigned" in result.output
    assert _assigned(field.app, field.wave.id)["H4"] is None  # nothing changed
    result = runner.invoke(
        args=[
            "fieldwork",
            "assign",
            "--wave",
            slug,
            "--interviewer",
            email,
            "--units",
            "H4,H1",
            "--reassign",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "2 units" in result.output
    assigned = _assigned(field.app, field.wave.id)
    assert assigned["H1"] == assigned["H4"] == field.other.id


def test_cli_assigns_an_areas_free_units(field: Field, runner: FlaskCliRunner) -> None:
    _with_areas(field)
    args = ["fieldwork", "assign", "--wave", field.wave.slug, "--interviewer", field.other.email]
    result = runner.invoke(args=[*args, "--area", "002"])
    assert result.exit_code == 0 and "1 unit of" in result.output, result.output
    assert _assigned(field.app, field.wave.id)["H4"] == field.other.id
    assert _assigned(field.app, field.wave.id)["H2"] is None


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--wave", "nope", "--interviewer", "x@example.org"], "no wave"),
        (["--interviewer", "nobody@example.org"], "no user"),
        (["--interviewer", "{other}", "--units", "H9"], "no sample unit H9"),
        (["--interviewer", "{other}", "--area", "ZZ"], "No area"),
        (["--interviewer", "{analyst}"], "does not do field work"),
    ],
)
def test_cli_errors_name_what_is_wrong(
    field: Field,
    runner: FlaskCliRunner,
    make_user: Callable[..., User],
    args: list[str],
    words: str,
) -> None:
    analyst = make_user(Role.analyst)
    values = {"other": field.other.email, "analyst": analyst.email}
    full = ["fieldwork", "assign"]
    if "--wave" not in args:
        full += ["--wave", field.wave.slug]
    full += [a.format(**values) for a in args]
    result = runner.invoke(args=full)
    assert result.exit_code != 0 and words in result.output, result.output


# ---- demo ----------------------------------------------------------------------------------------


def test_demo_has_an_interviewer_with_assigned_units(
    app: Flask, runner: FlaskCliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    tiny = Path(__file__).parent.parent / "instruments" / "tiny.yaml"
    with app.app_context():
        db.drop_all()
    monkeypatch.setattr(commands, "standard_instrument_paths", lambda: [tiny])
    result = runner.invoke(args=["demo", "--no-serve", "--size", "tiny"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:5000/fieldwork/app/" in result.output
    password_file = Path(app.instance_path) / "demo-interviewer.txt"
    email, password = password_file.read_text().split()
    assert email == "interviewer@example.org" and password in result.output
    assert password_file.stat().st_mode & 0o077 == 0
    again = runner.invoke(args=["demo", "--no-serve", "--size", "tiny"])
    assert again.exit_code == 0 and password in again.output
    client = app.test_client()
    token = client.post(
        "/api/field/login", json={"email": email, "password": password, "device": "demo"}
    ).json["token"]
    body = client.get("/api/field/assignments", headers={"Authorization": f"Bearer {token}"}).json
    assert [w["slug"] for w in body["waves"]] == ["demo"]
    assert [u["external_id"] for u in body["units"]] == ["D-001", "D-002", "D-003"]
    assert {u["area"]["name"] for u in body["units"]} == {"Norte"}
    interviewer_id = _user_id(app, email)
    with app.app_context():
        wave = db.session.scalar(sa.select(Wave).where(Wave.slug == "demo"))
        assert wave is not None
        wave_id = wave.id
    # the second demo interviewer's households, with field work to supervise, take none of these
    second_id = _user_id(app, "interviewer2@example.org")
    assert _assigned(app, wave_id) == {
        "D-001": interviewer_id,
        "D-002": interviewer_id,
        "D-003": interviewer_id,
        "D-004": None,
        "D-005": None,
        "D-006": None,
        **{f"D-{i:03d}": second_id for i in range(7, 17)},
    }


def _user_id(app: Flask, email: str) -> int:
    with app.app_context():
        found = db.session.scalar(sa.select(User.id).where(User.email == email))
        assert found is not None
        return found


def test_api_login_helper_is_the_apps(field: Field) -> None:
    # The fixture's tokens come from the real login: a fresh one differs from both.
    assert api_login(field.client, field.interviewer) not in (field.token, field.other_token)


def test_the_assign_page_offers_interviewers_and_supervisors_only(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    # The lists offered administrators and survey managers (every role that may log in to
    # the app) as interviewers; supervisors interview too and are offered, marked as such.
    admin = make_user(Role.administrator, name="Ada Admin")
    boss = make_user(Role.survey_manager, name="Mara Manager")
    sup = make_user(Role.supervisor, name="Sofía Supervisora")
    client = field.app.test_client()
    login(client, boss)
    page = client.get(f"/manage/waves/{field.wave.id}/assign?lang=es").get_data(as_text=True)
    options = re.findall(r"<option[^>]*>([^<]*)</option>", page)
    assert "Ada Admin" not in page and "Mara Manager" not in page
    assert f"Sofía Supervisora ({sup.email}) · Supervisor" in options
    assert any(o.startswith("Ana Entrevistadora (") for o in options)
    assert "los supervisores también entrevistan" in page
    for person in (admin, boss):
        response = client.post(
            f"/manage/waves/{field.wave.id}/assign", data={"interviewer": person.id, "area": 0}
        )
        assert response.status_code == 200
        assert _assigned(field.app, field.wave.id)["H4"] is None
        response = _reassign(client, field, "H4", person)
        assert _assigned(field.app, field.wave.id)["H4"] is None
    assert _reassign(client, field, "H4", sup).status_code == 302
    assert _assigned(field.app, field.wave.id)["H4"] == sup.id


def test_an_interviewer_limited_to_an_area_is_not_given_households_outside_it(
    field: Field,
    make_user: Callable[..., User],
    login: Callable[..., Any],
    runner: FlaskCliRunner,
) -> None:
    # An interviewer of Sur (002) received Norte's H2 from the bulk form, the reassignment
    # and the CLI alike.
    _with_areas(field)
    south = make_user(Role.interviewer, name="Sara Sur")
    with field.app.app_context():
        merged = db.session.get(User, south.id)
        sur = db.session.scalar(sa.select(Area).where(Area.code == "002"))
        assert merged is not None and sur is not None
        set_area(db.session, merged, sur)
        db.session.commit()
        norte_id = db.session.scalar(sa.text("SELECT id FROM areas WHERE code = '001'"))
    before = _assigned(field.app, field.wave.id)
    client = field.app.test_client()
    login(client, make_user(Role.survey_manager))
    page = client.get(f"/manage/waves/{field.wave.id}/assign").get_data(as_text=True)
    assert f"Sara Sur ({south.email}) · DM/01/002 – Sur" in page
    words = "Sara Sur works only in DM/01/002 – Sur; outside that area: H2. Nothing was assigned."
    for area in (0, norte_id):  # every free unit (H2 and H4), or Norte's (H2)
        response = client.post(
            f"/manage/waves/{field.wave.id}/assign", data={"interviewer": south.id, "area": area}
        )
        assert response.status_code == 200 and words in response.get_data(as_text=True)
    assert _assigned(field.app, field.wave.id) == before
    response = _reassign(client, field, "H1", south)
    page = client.get(response.location).get_data(as_text=True)
    assert "Sara Sur works only in DM/01/002 – Sur; outside that area: H1." in page
    response = client.post(
        f"/manage/waves/{field.wave.id}/assign?lang=es",
        data={"interviewer": south.id, "area": norte_id},
    )
    assert "Sara Sur trabaja solo en DM/01/002 – Sur; fuera de esa área: H2." in response.get_data(
        as_text=True
    )
    assert _assigned(field.app, field.wave.id) == before
    args = ["fieldwork", "assign", "--wave", field.wave.slug, "--interviewer", south.email]
    result = runner.invoke(args=[*args, "--units", "H1,H3,H4", "--reassign"])
    assert result.exit_code != 0 and "outside that area: H1." in result.output, result.output
    assert _assigned(field.app, field.wave.id) == before
    # Inside the area all goes as before.
    result = runner.invoke(args=[*args, "--area", "002"])
    assert result.exit_code == 0, result.output
    assert _assigned(field.app, field.wave.id)["H4"] == south.id
    assert _reassign(client, field, "H3", south).status_code == 302
    assert _assigned(field.app, field.wave.id)["H3"] == south.id


@pytest.mark.parametrize(
    ("language", "login_at", "used_at", "expires", "revoked", "headings"),
    [
        (
            "es",
            ">3 de febrero de 2026, 9:05</time>",
            ">4 de febrero de 2026, 10:07</time>",
            "4 de marzo de 2026",
            "revocado el 5 de febrero de 2026",
            ["Último inicio de sesión (UTC)", "Último uso (UTC)"],
        ),
        (
            "fr",
            ">3\u00a0février\u00a02026, 09:05</time>",
            ">4\u00a0février\u00a02026, 10:07</time>",
            "4\u00a0mars\u00a02026",
            "5\u00a0février\u00a02026",
            ["Dernière connexion (UTC)", "Dernière utilisation (UTC)"],
        ),
    ],
)
def test_the_devices_page_writes_dates_and_times_in_the_staff_language_not_iso(
    field: Field,
    make_user: Callable[..., User],
    login: Callable[..., Any],
    language: str,
    login_at: str,
    used_at: str,
    expires: str,
    revoked: str,
    headings: list[str],
) -> None:
    # it read "2026-02-03 09:05 UTC", "2026-03-04" and "revoked on 2026-02-05"; then
    # "3 de febrero de 2026, 9:05 UTC", the zone said again in both time columns of each row:
    # now once, in each time column's heading, as the audit log and the API tokens page do
    import html

    with field.app.app_context():
        db.session.execute(
            sa.update(ApiToken)
            .where(ApiToken.token_hash == hash_token(field.token))
            .values(
                created_at=dt.datetime(2026, 2, 3, 9, 5, tzinfo=dt.UTC),
                last_used_at=dt.datetime(2026, 2, 4, 10, 7, tzinfo=dt.UTC),
                expires_at=dt.datetime(2026, 3, 4, 9, 5, tzinfo=dt.UTC),
                revoked_at=dt.datetime(2026, 2, 5, 8, 0, tzinfo=dt.UTC),
            )
        )
        db.session.commit()
    client = field.app.test_client()
    login(client, make_user(Role.survey_manager))
    url = f"/manage/users/{field.interviewer.id}/devices?lang={language}"
    page = html.unescape(client.get(url).get_data(as_text=True))
    for said in (login_at, used_at, expires, revoked):
        assert said in page, said
    body = page[page.index("<main") :]
    visible = re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>", " ", body, flags=re.S)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", visible), visible
    assert re.findall(r"<th\b[^>]*>([^<]*UTC[^<]*)</th>", body) == headings
    assert visible.count("UTC") == 2
    for stamp in ("2026-02-03T09:05:00+00:00", "2026-02-04T10:07:00+00:00"):  # for machines
        assert f'<time datetime="{stamp}">' in page, stamp
