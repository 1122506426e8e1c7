"""Management pages, driven through the browser-facing routes."""

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
from surveyapp.models import (
    Area,
    InstrumentVersion,
    InvitationCode,
    Role,
    SampleUnit,
    User,
    Wave,
    WaveStatus,
)
from surveyapp.services.invitations import hash_code

from ...conftest import TEST_PASSWORD, sqlite_file_or_skip, write_elsewhere


@pytest.fixture
def manager_client(
    client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
) -> FlaskClient:
    login(client, make_user(Role.survey_manager))
    return client


def _count(app: Flask, model: Any) -> int:
    with app.app_context():
        return int(db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


def test_create_wave(
    app: Flask, manager_client: FlaskClient, instrument: InstrumentVersion
) -> None:
    form = manager_client.get("/manage/waves/new").get_data(as_text=True)
    assert "tiny_vict 1" in form and "<legend" in form
    response = manager_client.post(
        "/manage/waves/new",
        data={
            "name": "Ronda 2026",
            "instrument_version": str(instrument.id),
            "reference_start": "2025-01-01",
            "reference_end": "2025-12-31",
            "languages": ["es"],
            "modes": ["web", "tablet"],
            "invitation_required": "y",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        wave = db.session.scalar(sa.select(Wave))
        assert wave is not None
        assert (wave.slug, wave.languages, wave.modes, wave.status) == (
            "ronda-2026",
            ["es"],
            ["web", "tablet"],
            WaveStatus.draft,
        )
        assert response.headers["Location"] == f"/manage/waves/{wave.id}"
    page = manager_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Ronda 2026" in page and "/s/ronda-2026" in page
    # Languages by their names, not codes: on the form and on the wave's page.
    assert 'class="checkbox__label" for="languages-1">Español</label>' in form
    assert ">es</label>" not in form
    assert "<dd>Español</dd>" in page


def test_new_wave_lists_each_country_followed_by_its_regions(
    app: Flask, manager_client: FlaskClient, instrument: InstrumentVersion
) -> None:
    """Sorted by code alone, both countries' region "01" came first and the countries last."""
    good = (
        b"level,code,name,parent\ncountry,PE,Peru,\nregion,01,Amazonas,PE\n"
        b"region,15,Lima,PE\ncountry,CO,Colombia,\nregion,05,Antioquia,CO\n"
    )
    manager_client.post(
        "/manage/areas",
        data={"file": (io.BytesIO(good), "a.csv")},
        content_type="multipart/form-data",
    )
    form = manager_client.get("/manage/waves/new").get_data(as_text=True)
    names = ["Colombia (CO)", "Antioquia (CO/05)", "Peru (PE)", "Amazonas (PE/01)", "Lima (PE/15)"]
    places = [form.find(f">{name}</label>") for name in names]
    assert -1 not in places and places == sorted(places)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reference_end": "2024-01-01"}, "must end on or after its start"),
        (
            {"reference_start": "not a date"},
            "Enter &#34;Reference period starts&#34; as a date like 2025-12-31.",
        ),
        ({"modes": []}, "Choose at least one mode."),
        ({"languages": ["fr"]}, "is not a valid choice"),
        ({"slug": "Bad Slug"}, "lower-case letters"),
        # a right-to-left override put the status badge in the middle of the wave's heading
        ({"name": "Ronda \u202e2026"}, "invisible character that reorders the text (U+202E)"),
        ({"name": "\u2067Ronda\u2069"}, "(U+2067)"),
    ],
)
def test_create_wave_errors(
    app: Flask,
    manager_client: FlaskClient,
    instrument: InstrumentVersion,
    change: dict[str, Any],
    message: str,
) -> None:
    data: dict[str, Any] = {
        "name": "Ronda",
        "instrument_version": str(instrument.id),
        "reference_start": "2025-01-01",
        "reference_end": "2025-12-31",
        "modes": ["web"],
    }
    data.update(change)
    response = manager_client.post("/manage/waves/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "There is a problem" in page
    assert message in page
    assert _count(app, Wave) == 0


def test_status_change(
    app: Flask, manager_client: FlaskClient, make_wave: Callable[..., Wave]
) -> None:
    wave = make_wave(status="draft")
    manager_client.post(f"/manage/waves/{wave.id}/status", data={"status": "open"})
    manager_client.post(f"/manage/waves/{wave.id}/status", data={"status": "draft"})
    with app.app_context():
        stored = db.session.get(Wave, wave.id)
        assert stored is not None and stored.status is WaveStatus.open


def _upload(client: FlaskClient, wave: Wave, content: bytes, **extra: Any) -> Any:
    data = {"file": (io.BytesIO(content), "sample.csv"), **extra}
    return client.post(
        f"/manage/waves/{wave.id}/sample", data=data, content_type="multipart/form-data"
    )


def test_sample_upload_good_file(
    app: Flask, manager_client: FlaskClient, make_wave: Callable[..., Wave]
) -> None:
    wave = make_wave()
    response = _upload(manager_client, wave, b"external_id,address\nH1,Calle 1\nH2,Calle 2\n")
    assert response.status_code == 302
    assert _count(app, SampleUnit) == 2


def test_sample_upload_reads_a_csv_as_excel_in_spanish_saves_it(
    app: Flask, manager_client: FlaskClient, make_wave: Callable[..., Wave]
) -> None:
    """Excel in Spanish saves "CSV (delimitado por comas)" in Windows-1252 with semicolons
    and decimal commas: the file is read with its accents, not refused as "not UTF-8"."""
    wave = make_wave()
    content = (
        "external_id;address;selection_probability\r\n"
        "H1;Peñalolén, Ñuñoa – «casa»;0,0125\r\nH2;Calle Núñez;0,5\r\n"
    ).encode("cp1252")
    response = _upload(manager_client, wave, content)
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        units = db.session.scalars(sa.select(SampleUnit).order_by(SampleUnit.external_id)).all()
        assert [(u.address, u.selection_probability) for u in units] == [
            ("Peñalolén, Ñuñoa – «casa»", 0.0125),
            ("Calle Núñez", 0.5),
        ]


@pytest.mark.parametrize(
    ("content", "line"),
    [
        # UTF-8 with one damaged byte on line 3: read as Windows-1252, "ñ" would become "Ã±"
        ("external_id;address\nH1;Peñalolén\n".encode() + b"H2;Calle \xf1\n", 3),
        # a byte Windows-1252 leaves undefined
        (b"external_id;address\nH1;x\x81\n", 2),
    ],
)
def test_sample_upload_refuses_damaged_utf8_and_undefined_bytes(
    app: Flask,
    manager_client: FlaskClient,
    make_wave: Callable[..., Wave],
    content: bytes,
    line: int,
) -> None:
    wave = make_wave()
    page = _upload(manager_client, wave, content).get_data(as_text=True)
    assert "not UTF-8" in page and f"<td>{line}</td><td>–</td>" in page
    assert _count(app, SampleUnit) == 0


def test_sample_upload_allows_excels_empty_columns_at_the_end_of_each_line(
    app: Flask, manager_client: FlaskClient, make_wave: Callable[..., Wave]
) -> None:
    """'external_id;address;;' (Excel, columns once used): refused as unknown columns '#3' and
    '#4' before; now read, and a value under a nameless column is named by line and position."""
    wave = make_wave()
    content = b"external_id;address;;\r\nH1;Calle 1;;\r\nH2;Calle 2;;\r\n"
    assert _upload(manager_client, wave, content).status_code == 302
    assert _count(app, SampleUnit) == 2
    other = make_wave()
    page = _upload(manager_client, other, content + b"H3;Calle 3;;x\r\n").get_data(as_text=True)
    assert "<td>4</td><td>#4</td><td>a value in a column the first line gives no name" in page


def test_sample_upload_errors_are_listed_and_nothing_stored(
    app: Flask, manager_client: FlaskClient, make_wave: Callable[..., Wave]
) -> None:
    wave = make_wave()
    response = _upload(manager_client, wave, b"external_id,eligible_adults\nH1,2\nH1,x\n")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Nothing was imported" in page
    assert "<td>3</td><td>external_id</td>" in page and "<td>3</td><td>eligible_adults</td>" in page
    assert _count(app, SampleUnit) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"", "the file is empty"),
        (b"name;street\nx;y\n", "unknown column"),
    ],
)
def test_sample_upload_malformed(
    app: Flask,
    manager_client: FlaskClient,
    make_wave: Callable[..., Wave],
    content: bytes,
    message: str,
) -> None:
    wave = make_wave()
    response = _upload(manager_client, wave, content)
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert _count(app, SampleUnit) == 0


def test_sample_upload_without_file(
    manager_client: FlaskClient, make_wave: Callable[..., Wave]
) -> None:
    wave = make_wave()
    response = manager_client.post(f"/manage/waves/{wave.id}/sample", data={})
    assert "Choose a CSV file to upload." in response.get_data(as_text=True)


def test_unknown_wave_is_404(manager_client: FlaskClient) -> None:
    assert manager_client.get("/manage/waves/999").status_code == 404


def test_codes_download_once(
    app: Flask, manager_client: FlaskClient, make_wave: Callable[..., Wave]
) -> None:
    wave = make_wave(invitation_required=True)
    _upload(manager_client, wave, b"external_id,address\nH1,Calle 1\nH2,Calle 2\n")
    assert "2 without a code" in manager_client.get(f"/manage/waves/{wave.id}/codes").get_data(
        as_text=True
    )
    response = manager_client.post(f"/manage/waves/{wave.id}/codes", data={"expires_days": "30"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [r["external_id"] for r in rows] == ["H1", "H2"]
    assert rows[0]["survey_link"].endswith(f"/s/{wave.slug}")
    with app.app_context():
        hashes = set(db.session.scalars(sa.select(InvitationCode.code_hash)))
        assert hashes == {hash_code(r["invitation_code"]) for r in rows}
        assert all(c.expires_at is not None for c in db.session.scalars(sa.select(InvitationCode)))
    # A second request issues nothing: the codes are not shown again.
    again = manager_client.post(f"/manage/waves/{wave.id}/codes", data={"expires_days": "0"})
    assert again.status_code == 302
    assert rows[0]["invitation_code"] not in manager_client.get(
        f"/manage/waves/{wave.id}/codes"
    ).get_data(as_text=True)


def test_codes_page_says_one_sample_unit_in_the_singular(
    manager_client: FlaskClient, make_wave: Callable[..., Wave]
) -> None:
    """'1 sample units; 1 without a code.' on the codes page of a one-unit wave; the count
    text now has its singular by the rule of e201d09 (staff_counted)."""
    wave = make_wave(invitation_required=True)
    _upload(manager_client, wave, b"external_id,address\nH1,Calle 1\n")
    url = f"/manage/waves/{wave.id}/codes"
    assert "1 sample unit; 1 without a code." in manager_client.get(url).get_data(as_text=True)
    spanish = manager_client.get(f"{url}?lang=es").get_data(as_text=True)
    assert "1 unidad de muestra; 1 sin código." in spanish


def test_codes_form_errors(manager_client: FlaskClient, make_wave: Callable[..., Wave]) -> None:
    wave = make_wave()
    response = manager_client.post(f"/manage/waves/{wave.id}/codes", data={"expires_days": "-1"})
    assert response.status_code == 200 and "Enter a number from 0 to 3650." in response.get_data(
        as_text=True
    )


def test_dashboard_counts(
    app: Flask, manager_client: FlaskClient, make_wave: Callable[..., Wave]
) -> None:
    wave = make_wave()
    _upload(manager_client, wave, b"external_id\nH1\nH2\n")
    with app.app_context():
        unit = db.session.scalar(sa.select(SampleUnit).where(SampleUnit.external_id == "H1"))
        assert unit is not None
        unit.status = unit.status.completed
        db.session.commit()
    page = manager_client.get(f"/manage/waves/{wave.id}").get_data(as_text=True)
    assert "No area given" in page and "50.0%" in page
    # the response rates as the staff language writes a percentage (French: no-break space)
    french = manager_client.get(f"/manage/waves/{wave.id}?lang=fr").get_data(as_text=True)
    assert '<td class="numeric">50,0\u00a0%</td>' in french and "50.0%" not in french
    spanish = manager_client.get(f"/manage/waves/{wave.id}?lang=es").get_data(as_text=True)
    assert '<td class="numeric">50,0%</td>' in spanish


def test_a_covered_country_counts_the_units_of_its_municipalities(
    app: Flask, manager_client: FlaskClient, instrument: InstrumentVersion
) -> None:
    """A national wave's units are in municipalities: the country's row said 0 units and no
    rate above its municipalities' rows; it now counts them, and the total counts each once."""
    good = (
        b"level,code,name,parent\ncountry,CO,Colombia,\nregion,05,Antioquia,CO\n"
        b"municipality,05001,Medellin,CO/05\nmunicipality,05088,Bello,CO/05\n"
    )
    manager_client.post(
        "/manage/areas",
        data={"file": (io.BytesIO(good), "a.csv")},
        content_type="multipart/form-data",
    )
    with app.app_context():
        country = db.session.scalar(sa.select(Area).where(Area.code == "CO"))
        assert country is not None
        country_id = country.id
    created = manager_client.post(
        "/manage/waves/new",
        data={
            "name": "Colombia 2026",
            "instrument_version": str(instrument.id),
            "reference_start": "2025-01-01",
            "reference_end": "2025-12-31",
            "modes": ["web"],
            "areas": [str(country_id)],
        },
    )
    wave_url = created.headers["Location"]
    response = manager_client.post(
        f"{wave_url}/sample",
        data={
            "file": (io.BytesIO(b"external_id,area_code\nH1,05001\nH2,05001\nH3,05088\n"), "s.csv")
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    with app.app_context():
        unit = db.session.scalar(sa.select(SampleUnit).where(SampleUnit.external_id == "H1"))
        assert unit is not None
        unit.status = unit.status.completed
        db.session.commit()
    page = manager_client.get(wave_url).get_data(as_text=True)
    rows = [
        [cell.split(">")[-1] for cell in row.split("</t")[:5]]
        for row in page.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    ]
    assert rows == [
        ["Colombia (CO), with the areas within it", "3", "1", "0", "0"],
        ["Medellin (05001)", "2", "1", "0", "0"],
        ["Bello (05088)", "1", "0", "0", "0"],
        ["All sample units", "3", "1", "0", "0"],
    ]


def test_counts_on_the_wave_pages_are_grouped_as_the_staff_language_writes_them(
    app: Flask,
    manager_client: FlaskClient,
    make_wave: Callable[..., Wave],
    make_user: Callable[..., User],
) -> None:
    wave = make_wave()
    rows = "".join(f"H{i}\n" for i in range(1, 1201))
    assert _upload(manager_client, wave, f"external_id\n{rows}".encode()).status_code == 302
    grouped = {"es": "1.200", "en": "1,200", "pt": "1.200", "fr": "1\u202f200"}
    for language, number in grouped.items():
        page = manager_client.get(f"/manage/waves/{wave.id}?lang={language}").get_data(as_text=True)
        assert f'<td class="numeric">{number}</td>' in page, language  # units, not yet worked
        assert '<td class="numeric">1200</td>' not in page
        assign = manager_client.get(f"/manage/waves/{wave.id}/assign?lang={language}")
        assert f"{number} " in assign.get_data(as_text=True), language  # units unassigned
    # the quality dashboard of the same wave (it counts assigned units), in French
    interviewer = make_user(Role.interviewer, email="ana@example.org")
    with app.app_context():
        db.session.execute(
            sa.update(SampleUnit)
            .where(SampleUnit.wave_id == wave.id)
            .values(assigned_to_id=interviewer.id)
        )
        db.session.commit()
    board = manager_client.get(f"/fieldwork/waves/{wave.id}/quality?lang=fr")
    assert board.status_code == 200
    assert '<td class="numeric">1\u202f200</td>' in board.get_data(as_text=True)


class TestUsers:
    @pytest.fixture
    def admin(self, make_user: Callable[..., User]) -> User:
        return make_user(Role.administrator)

    def test_create_user(
        self, app: Flask, client: FlaskClient, admin: User, login: Callable[..., Any]
    ) -> None:
        login(client, admin)
        data = {
            "email": "Nueva@Example.org",
            "name": "Nueva",
            "role": "analyst",
            "password": "a-good-password",
            "confirm": "a-good-password",
        }
        assert client.post("/manage/users/new", data=data).status_code == 302
        again = client.post("/manage/users/new", data=data).get_data(as_text=True)
        assert "already exists" in again
        reordered = client.post(
            "/manage/users/new", data={**data, "email": "c@example.org", "name": "Ana\u200f"}
        )
        assert "invisible character that reorders the text (U+200F)" in reordered.get_data(
            as_text=True
        )
        mismatch = client.post(
            "/manage/users/new", data={**data, "email": "b@example.org", "confirm": "x"}
        )
        assert "do not match" in mismatch.get_data(as_text=True)
        with app.app_context():
            created = db.session.scalar(sa.select(User).where(User.email == "nueva@example.org"))
            assert (
                created is not None
                and created.role is Role.analyst
                and created.check_password("a-good-password")
            )
        page = client.get("/manage/users").get_data(as_text=True)
        assert "nueva@example.org" in page

    def test_role_and_deactivation(
        self,
        app: Flask,
        client: FlaskClient,
        admin: User,
        make_user: Callable[..., User],
        login: Callable[..., Any],
    ) -> None:
        other = make_user(Role.analyst)
        login(client, admin)
        client.post(f"/manage/users/{other.id}/role", data={f"u{other.id}-role": "supervisor"})
        client.post(f"/manage/users/{other.id}/active", data={})
        # An administrator cannot lock themself out.
        client.post(f"/manage/users/{admin.id}/active", data={})
        client.post(f"/manage/users/{admin.id}/role", data={f"u{admin.id}-role": "analyst"})
        with app.app_context():
            stored = db.session.get(User, other.id)
            me = db.session.get(User, admin.id)
            assert stored is not None and me is not None
            assert stored.role is Role.supervisor and not stored.active
            assert me.active and me.role is Role.administrator
        other_client = app.test_client()
        assert login(other_client, other).status_code == 200  # deactivated: login refused


def test_areas_page_upload_and_wave_areas(
    app: Flask, manager_client: FlaskClient, instrument: InstrumentVersion
) -> None:
    bad = manager_client.post(
        "/manage/areas",
        data={"file": (io.BytesIO(b"level,code,name,parent\nregion,1,X,ZZ\n"), "a.csv")},
        content_type="multipart/form-data",
    )
    assert "nothing was added" in bad.get_data(as_text=True) and _count(app, Area) == 0
    good = (
        b"level,code,name,parent\ncountry,PE,Peru,\nregion,15,Lima,PE\nmunicipality,01,Lima,PE/15\n"
    )
    response = manager_client.post(
        "/manage/areas",
        data={"file": (io.BytesIO(good), "a.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302 and _count(app, Area) == 3
    assert "PE/15/01" in manager_client.get("/manage/areas").get_data(as_text=True)
    with app.app_context():
        region = db.session.scalar(sa.select(Area).where(Area.code == "15"))
        assert region is not None
        region_id = region.id
    manager_client.post(
        "/manage/waves/new",
        data={
            "name": "Lima 2026",
            "instrument_version": str(instrument.id),
            "reference_start": "2025-01-01",
            "reference_end": "2025-12-31",
            "modes": ["web"],
            "areas": [str(region_id)],
        },
    )
    with app.app_context():
        wave = db.session.scalar(sa.select(Wave))
        assert wave is not None and [a.id for a in wave.areas] == [region_id]


def test_the_areas_page_writes_populations_with_the_pages_thousands(
    manager_client: FlaskClient,
) -> None:
    """Lima's 9485405 people stood bare among pages that write 2.432 units."""
    manager_client.post(
        "/manage/areas",
        data={
            "file": (
                io.BytesIO(
                    b"level;code;name;parent;population\ncountry;PE;Peru;;\nregion;15;Lima;PE;9485405\n"
                ),
                "a.csv",
            )
        },
        content_type="multipart/form-data",
    )
    page = manager_client.get("/manage/areas?lang=es").get_data(as_text=True)
    assert ">9.485.405<" in page and ">–<" in page


def test_a_tablet_only_wave_page_offers_no_public_link_or_invitation_codes(
    manager_client: FlaskClient, make_wave: Callable[..., Wave]
) -> None:
    """A face-to-face pilot's page showed a public link (which answers 'closed'), 'invitation
    code: required' and a 'codes (8 units without a code)' button to a manager who needs none."""
    tablet = make_wave(modes=["tablet"], invitation_required=True)
    page = manager_client.get(f"/manage/waves/{tablet.id}?lang=en").get_data(as_text=True)
    assert f"s/{tablet.slug}" not in page
    assert f"/manage/waves/{tablet.id}/codes" not in page and "Invitation code" not in page
    both = make_wave(modes=["web", "tablet"], invitation_required=True)
    page = manager_client.get(f"/manage/waves/{both.id}?lang=en").get_data(as_text=True)
    assert f"s/{both.slug}" in page and f"/manage/waves/{both.id}/codes" in page


def test_audit_log_page(
    client: FlaskClient,
    make_user: Callable[..., User],
    make_wave: Callable[..., Wave],
    login: Callable[..., Any],
) -> None:
    admin = make_user(Role.administrator)
    make_wave(name="Audited wave")
    login(client, admin)
    page = client.get("/manage/audit").get_data(as_text=True)
    assert "wave.create" in page and "user.login" in page and admin.email in page
    assert TEST_PASSWORD not in page


def test_user_area_scope(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    from surveyapp.models import AreaLevel
    from surveyapp.services.areas import create_area

    with app.app_context():
        country = create_area(db.session, level=AreaLevel.country, code="CO", name="Colombia")
        region = create_area(
            db.session, level=AreaLevel.region, code="05", name="Antioquia", parent=country
        )
        db.session.commit()
        region_id = region.id
    admin = make_user(Role.administrator)
    login(client, admin)
    assert "CO/05 – Antioquia" in client.get("/manage/users/new").get_data(as_text=True)
    client.post(
        "/manage/users/new",
        data={
            "email": "a@example.org",
            "name": "A",
            "role": "analyst",
            "area": str(region_id),
            "password": "a-good-password",
            "confirm": "a-good-password",
        },
    )
    with app.app_context():
        created = db.session.scalar(sa.select(User).where(User.email == "a@example.org"))
        assert created is not None and created.area_id == region_id
        created_id = created.id
    client.post(f"/manage/users/{created_id}/area", data={f"s{created_id}-area": "0"})
    with app.app_context():
        assert db.session.get(User, created_id).area_id is None  # type: ignore[union-attr]
    bad = client.post(f"/manage/users/{created_id}/area", data={f"s{created_id}-area": "999"})
    assert bad.status_code == 302


def test_codes_page_proposes_the_configured_expiry(
    app: Flask, manager_client: FlaskClient, make_wave: Callable[..., Wave]
) -> None:
    app.config["INVITATION_CODE_DAYS"] = 45
    wave = make_wave()
    page = manager_client.get(f"/manage/waves/{wave.id}/codes").get_data(as_text=True)
    assert 'name="expires_days"' in page and 'value="45"' in page


def test_replacing_a_waves_codes_holds_no_write_lock_while_it_hashes_or_writes_the_file(
    app: Flask,
    manager_client: FlaskClient,
    make_wave: Callable[..., Wave],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On SQLite one writer at a time: replacing 50,000 codes deleted the old ones first, then
    drew and hashed the new ones and wrote the CSV before committing, and respondents' page
    saves waited (5 s measured, docs/server.md). Now another process can write meanwhile."""
    from surveyapp.manage import routes
    from surveyapp.services import invitations

    with app.app_context():
        path = sqlite_file_or_skip(db.engine)
    wave = make_wave(invitation_required=True)
    _upload(manager_client, wave, b"external_id,address\nH1,Calle 1\nH2,Calle 2\n")
    first = manager_client.post(f"/manage/waves/{wave.id}/codes", data={"expires_days": "30"})
    assert first.mimetype == "text/csv"
    writes: list[str] = []
    hash_code, codes_csv = invitations.hash_code, routes._codes_csv

    def hashing(code: str) -> str:
        writes.append(f"hashing: {write_elsewhere(path)}")
        return hash_code(code)

    def writing_the_file(*args: Any) -> Any:
        writes.append(f"writing the file: {write_elsewhere(path)}")
        return codes_csv(*args)

    monkeypatch.setattr(invitations, "hash_code", hashing)
    monkeypatch.setattr(routes, "_codes_csv", writing_the_file)
    again = manager_client.post(
        f"/manage/waves/{wave.id}/codes", data={"expires_days": "30", "replace": "y"}
    )
    assert again.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(again.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 2
    assert set(writes) == {"hashing: written", "writing the file: written"}
    with app.app_context():
        hashes = set(db.session.scalars(sa.select(InvitationCode.code_hash)))
    assert hashes == {hash_code(r["invitation_code"]) for r in rows}


def test_one_area_and_one_unit_without_a_code_are_said_in_the_singular(
    app: Flask, manager_client: FlaskClient, make_wave: Callable[..., Wave]
) -> None:
    # "1 areas added." and "Invitation codes (1 units without one)".
    response = manager_client.post(
        "/manage/areas",
        data={"file": (io.BytesIO(b"level,code,name,parent\ncountry,PE,Peru,\n"), "a.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "1 area added." in response.get_data(as_text=True)
    wave = make_wave(invitation_required=True)
    _upload(manager_client, wave, b"external_id,address\nH1,Calle 1\n")
    page = manager_client.get(f"/manage/waves/{wave.id}").get_data(as_text=True)
    assert "(1 unit without one)" in page
    page = manager_client.get(f"/manage/waves/{wave.id}?lang=es").get_data(as_text=True)
    assert "(1 unidad sin código)" in page
