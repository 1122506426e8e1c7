"""A survey manager limited to one area sees and changes only that area on the management pages."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from surveyapp.extensions import db
from surveyapp.models import Area, AreaLevel, InvitationCode, Role, SampleUnit, User, Wave
from surveyapp.services.areas import create_area
from surveyapp.services.invitations import generate_codes
from surveyapp.services.sample import import_sample_units
from surveyapp.services.users import set_area


@pytest.fixture
def country(app: Flask) -> dict[str, int]:
    """MX with regions 01 and 02, each with a municipality 001."""
    with app.app_context():
        mx = create_area(db.session, level=AreaLevel.country, code="MX", name="México")
        ids = {"MX": mx.id}
        for code in ("01", "02"):
            region = create_area(
                db.session, level=AreaLevel.region, code=code, name=f"Region {code}", parent=mx
            )
            muni = create_area(
                db.session,
                level=AreaLevel.municipality,
                code=f"{code}1",
                name=f"Muni {code}",
                parent=region,
            )
            ids[code], ids[f"{code}1"] = region.id, muni.id
        db.session.commit()
        return ids


def _wave_with_units(
    app: Flask, make_wave: Callable[..., Wave], area_ids: list[int], units: str
) -> Wave:
    wave = make_wave(invitation_required=True)
    with app.app_context():
        merged = db.session.get(Wave, wave.id)
        assert merged is not None
        merged.areas = [a for i in area_ids if (a := db.session.get(Area, i)) is not None]
        result = import_sample_units(db.session, merged, units)
        assert result.ok, result.errors
        generate_codes(db.session, merged)
        db.session.commit()
        return wave


@pytest.fixture
def national(app: Flask, make_wave: Callable[..., Wave], country: dict[str, int]) -> Wave:
    """A national wave with two units in region 01 and three in region 02, all with codes."""
    return _wave_with_units(
        app,
        make_wave,
        [country["MX"]],
        "external_id,address,area_code\nA1,North 1,011\nA2,North 2,01\n"
        "B1,South 1,021\nB2,South 2,021\nB3,South 3,02\n",
    )


@pytest.fixture
def southern(app: Flask, make_wave: Callable[..., Wave], country: dict[str, int]) -> Wave:
    """A wave of region 02 only."""
    return _wave_with_units(
        app, make_wave, [country["02"]], "external_id,area_code\nS1,021\nS2,021\n"
    )


@pytest.fixture
def north_manager(
    app: Flask,
    client: FlaskClient,
    make_user: Callable[..., User],
    login: Callable[..., Any],
    country: dict[str, int],
) -> FlaskClient:
    user = make_user(Role.survey_manager)
    with app.app_context():
        merged = db.session.get(User, user.id)
        assert merged is not None
        set_area(db.session, merged, db.session.get(Area, country["01"]))
        db.session.commit()
    assert login(client, user).status_code == 302
    return client


def _codes_by_unit(app: Flask, wave: Wave) -> dict[str, set[str]]:
    with app.app_context():
        rows = db.session.execute(
            sa.select(SampleUnit.external_id, InvitationCode.code_hash)
            .join(InvitationCode, InvitationCode.sample_unit_id == SampleUnit.id)
            .where(SampleUnit.wave_id == wave.id)
        ).all()
    found: dict[str, set[str]] = {}
    for external_id, code_hash in rows:
        found.setdefault(external_id, set()).add(code_hash)
    return found


def test_replacing_codes_returns_and_replaces_only_the_managers_area(
    app: Flask, north_manager: FlaskClient, national: Wave
) -> None:
    before = _codes_by_unit(app, national)
    response = north_manager.post(
        f"/manage/waves/{national.id}/codes", data={"expires_days": "0", "replace": "y"}
    )
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert sorted(r["external_id"] for r in rows) == ["A1", "A2"]
    assert not any("South" in r["address"] for r in rows)
    after = _codes_by_unit(app, national)
    assert {u: after[u] for u in ("B1", "B2", "B3")} == {u: before[u] for u in ("B1", "B2", "B3")}
    assert after["A1"] != before["A1"] and after["A2"] != before["A2"]


def test_the_dashboard_and_code_page_count_only_the_managers_area(
    north_manager: FlaskClient, national: Wave
) -> None:
    page = north_manager.get(f"/manage/waves/{national.id}").get_data(as_text=True)
    assert "Muni 01" in page and "Region 02" not in page and "Muni 02" not in page
    codes_page = north_manager.get(f"/manage/waves/{national.id}/codes").get_data(as_text=True)
    assert "2 sample units; 0 without a code." in codes_page


def test_a_wave_of_another_area_does_not_exist_for_the_manager(
    north_manager: FlaskClient, southern: Wave, national: Wave
) -> None:
    index = north_manager.get("/manage/").get_data(as_text=True)
    assert national.name in index and southern.name not in index
    base = f"/manage/waves/{southern.id}"
    for method, path, data in (
        ("GET", base, None),
        ("GET", base + "/sample", None),
        ("GET", base + "/codes", None),
        ("POST", base + "/codes", {"expires_days": "0", "replace": "y"}),
        ("POST", base + "/status", {"status": "closed"}),
        ("GET", base + "/support", None),
        ("POST", base + "/support", {"support_note_en": "Helpline 155"}),
        ("POST", base + "/sample", {"file": (io.BytesIO(b"external_id\nX\n"), "s.csv")}),
    ):
        assert north_manager.open(path, method=method, data=data).status_code == 404, path


def test_a_whole_wave_change_needs_every_area_of_the_wave(
    app: Flask, north_manager: FlaskClient, national: Wave
) -> None:
    response = north_manager.post(f"/manage/waves/{national.id}/status", data={"status": "closed"})
    assert response.status_code == 403
    # the support contacts are the whole wave's too (every respondent sees them)
    support = f"/manage/waves/{national.id}/support"
    assert north_manager.get(support).status_code == 403
    response = north_manager.post(support, data={"support_note_en": "Helpline 155"})
    assert response.status_code == 403
    page = north_manager.get(f"/manage/waves/{national.id}").get_data(as_text=True)
    assert support not in page  # no link to a page the manager may not open
    with app.app_context():
        wave = db.session.get(Wave, national.id)
        assert wave is not None and wave.status.value == "open"
        assert wave.support_notes is None


def test_sample_uploads_are_limited_to_the_managers_area(
    app: Flask, north_manager: FlaskClient, national: Wave
) -> None:
    data = "external_id,area_code\nN9,011\nS9,021\nX9,\n"
    response = north_manager.post(
        f"/manage/waves/{national.id}/sample",
        data={"file": (io.BytesIO(data.encode()), "units.csv")},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "021" in page and "only in your area" in page
    no_column = north_manager.post(
        f"/manage/waves/{national.id}/sample",
        data={"file": (io.BytesIO(b"external_id\nN8\n"), "units.csv")},
    )
    assert "only in your area" in no_column.get_data(as_text=True)
    with app.app_context():
        ids = set(
            db.session.scalars(
                sa.select(SampleUnit.external_id).where(SampleUnit.wave_id == national.id)
            )
        )
    assert ids == {"A1", "A2", "B1", "B2", "B3"}


def test_the_area_page_lists_the_managers_part_and_refuses_uploads(
    app: Flask, north_manager: FlaskClient, country: dict[str, int]
) -> None:
    page = north_manager.get("/manage/areas").get_data(as_text=True)
    assert "Muni 01" in page and "Muni 02" not in page and "Region 02" not in page
    response = north_manager.post(
        "/manage/areas",
        data={"file": (io.BytesIO(b"level,code,name,parent\nregion,03,X,MX\n"), "a.csv")},
    )
    assert response.status_code == 403
    with app.app_context():
        assert db.session.scalar(sa.select(Area).where(Area.code == "03")) is None


def test_a_new_wave_offers_only_the_managers_areas(
    north_manager: FlaskClient, country: dict[str, int]
) -> None:
    page = north_manager.get("/manage/waves/new").get_data(as_text=True)
    assert "Region 01" in page and "Region 02" not in page and "México" not in page
