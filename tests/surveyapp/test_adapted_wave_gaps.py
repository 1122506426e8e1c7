"""Pages of a wave whose questionnaire drops a standard item say what its results leave out.

The world: the tiny simulated wave moved onto a national adaptation of vict_std without
``per_safe_nbhd`` (no neighbourhood-insecurity indicator, no paradox table), and a draft
wave on vict_std itself. The observatory's wave page names the indicator not measured and
its item in the page's language; the perception page gives the reason where the paradox
table would be; the manager's wave page warns before fieldwork. Built once per module.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from werkzeug.security import generate_password_hash

import surveyapp.models.users as users_module
from analysis.i18n import lookup
from analysis.report.i18n import LANGUAGES, Translator
from analysis.report.not_asked import PAGE_ONLY, not_asked_notes
from questionnaires.loader import load_instrument
from surveyapp import create_app
from surveyapp.extensions import db
from surveyapp.models import InstrumentVersion, Interview, Role, Wave, WaveStatus
from surveyapp.observatory.texts import text as observatory_text
from surveyapp.services.coverage import gaps_of
from surveyapp.services.demo_data import load_simulated_wave
from surveyapp.services.instruments import store_instrument
from surveyapp.services.users import create_user
from surveyapp.services.waves import create_wave
from surveyapp.staff_texts import TEXTS

from ..conftest import fresh_database, vict_std_without

PASSWORD = "a long enough password"


@dataclasses.dataclass(frozen=True)
class World:
    app: Flask
    adapted: int  # the simulated wave, on the adaptation
    standard: int  # a draft wave on vict_std
    no_media: int  # a draft wave on vict_std without media_freq


def _cheap_hash(password: str, method: str = "", salt_length: int = 16) -> str:
    return generate_password_hash(password, method="pbkdf2:sha256:1000", salt_length=salt_length)


def _no_media(directory: Path) -> Path:
    """vict_std without media_freq: the two media items it conditioned are asked of all."""
    path = vict_std_without(directory, "media_freq", "nomedia")
    text = path.read_text(encoding="utf-8")
    condition = '        relevant: "${media_freq} >= 1 and ${media_freq} <= 4"\n'
    assert text.count(condition) == 2
    path.write_text(text.replace(condition, ""), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    directory = tmp_path_factory.mktemp("adapted")
    with fresh_database(directory) as database:  # PostgreSQL too, with the variable set
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "test-secret-key",
                "WTF_CSRF_ENABLED": False,
                "TWO_FACTOR_REQUIRED_ROLES": [],
                "REPORT_WORKER": "inline",  # the wave page is built in the request
                **database,
            },
            instance_path=str(directory / "instance"),
        )
        with app.app_context():
            db.create_all()
            loaded = load_simulated_wave(db.session, seed=5, size="tiny")
            standard = db.session.get(Wave, loaded.wave_id)
            assert standard is not None
            adaptation, _ = store_instrument(
                db.session, load_instrument(vict_std_without(directory, "per_safe_nbhd", "nonbhd"))
            )
            # the interviews answered the adaptation: its items are all the server reads
            db.session.execute(
                sa.update(Interview)
                .where(Interview.wave_id == loaded.wave_id)
                .values(instrument_version_id=adaptation.id)
            )
            draft = create_wave(
                db.session,
                instrument_version=standard.instrument_version,
                name="Estándar",
                slug="estandar",
                reference_start=dt.date(2025, 1, 1),
                reference_end=dt.date(2025, 12, 31),
                status=WaveStatus.draft,
            )
            without_media, _ = store_instrument(db.session, load_instrument(_no_media(directory)))
            no_media = create_wave(
                db.session,
                instrument_version=without_media,
                name="Sin medios",
                slug="sin-medios",
                reference_start=dt.date(2025, 1, 1),
                reference_end=dt.date(2025, 12, 31),
                status=WaveStatus.draft,
            )
            standard.instrument_version = adaptation
            with pytest.MonkeyPatch.context() as patch:  # a cheap hash, as conftest's fixture
                patch.setattr(users_module, "generate_password_hash", _cheap_hash)
                create_user(
                    db.session,
                    email="boss@example.org",
                    name="Boss",
                    password=PASSWORD,
                    role=Role.administrator,
                )
            db.session.commit()
            built = World(app, loaded.wave_id, draft.id, no_media.id)
        yield built
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _client(world: World) -> FlaskClient:
    client = world.app.test_client()
    login = client.post("/auth/login", data={"email": "boss@example.org", "password": PASSWORD})
    assert login.status_code == 302
    return client


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_adaptation_cannot_measure_neighbourhood_insecurity(world: World) -> None:
    with world.app.app_context():
        adapted = db.session.get(Wave, world.adapted)
        standard = db.session.get(Wave, world.standard)
        assert adapted is not None and standard is not None
        gaps = gaps_of(adapted.instrument_version)
        assert [(u.indicator, u.items) for u in gaps.unmeasured] == [
            ("insecure_nbhd", ("per_safe_nbhd",))
        ]
        assert gaps.not_asked == ("per_safe_nbhd",)
        assert gaps_of(standard.instrument_version) == ((), ())
        assert db.session.scalar(sa.select(sa.func.count()).select_from(InstrumentVersion)) == 3


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_wave_page_names_the_indicator_not_measured_in_its_language(
    world: World, language: str
) -> None:
    page = world.app.test_client().get(f"/observatory/waves/{world.adapted}?lang={language}")
    assert page.status_code == 200, page.get_data(as_text=True)[:2000]
    html = page.get_data(as_text=True)
    t = Translator(language)
    assert 'id="not-measured"' in html and t("sub_not_measured") in html
    block = _text(html[html.index('id="not-measured"') :])
    assert "per_safe_nbhd" in block
    assert html.count('data-indicator="insecure_nbhd"') == 1  # named, not estimated
    assert 'data-indicator="insecure_muni"' in html


def test_the_perception_page_gives_the_reason_where_the_paradox_table_would_be(
    world: World,
) -> None:
    html = world.app.test_client().get(f"/observatory/waves/{world.adapted}/perception?lang=en")
    body = html.get_data(as_text=True)
    assert html.status_code == 200
    assert 'id="fear-by-victim"' in body  # the rest of the page is there
    assert 'id="paradox"' not in body and "<table" in body
    after = _text(body[body.index("Fear and victimization by group") :])
    assert "The questionnaire does not ask per_safe_nbhd" in after


def test_the_manager_is_told_what_the_reports_of_the_wave_leave_out(world: World) -> None:
    client = _client(world)
    adapted = client.get(f"/manage/waves/{world.adapted}").get_data(as_text=True)
    assert 'id="report-gaps"' in adapted
    notice = _text(adapted[adapted.index('id="report-gaps"') :])
    assert "the reports of this wave will leave out 1 standard indicator" in notice
    assert "The questionnaire does not ask per_safe_nbhd" in notice
    assert re.search(r"Feels unsafe in their neighbourhood: per_safe_nbhd", notice), notice[:800]
    standard = client.get(f"/manage/waves/{world.standard}").get_data(as_text=True)
    assert 'id="report-gaps"' not in standard


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_manager_reads_what_the_status_report_leaves_out_and_what_only_the_page_does(
    world: World, language: str
) -> None:
    """The exposure model is only on the observatory's perception page: a questionnaire
    without media_freq does not make the status report leave it out, and the wave page once
    said it did ("this report leaves out: Feeling unsafe by exposure to crime news")."""
    t = Translator(language)
    exposure = t("sub_exposure_model")
    page = observatory_text("perception", language)  # the page's title
    client = _client(world)
    html = client.get(f"/manage/waves/{world.no_media}?lang={language}").get_data(as_text=True)
    assert 'id="report-gaps"' in html
    said = str(escape(t("item_not_asked", item="media_freq", parts=exposure)))
    assert said not in html
    there = lookup(TEXTS, "gaps_page_only", language, item="media_freq", parts=exposure)
    assert str(escape(page)) in str(escape(there))
    assert html.count(str(escape(there))) == 1
    assert html.count("media_freq") == 3  # that sentence, and the two indicators' items
    # without per_safe_nbhd: the report's sentence is the status report's own, word for word
    html = client.get(f"/manage/waves/{world.adapted}?lang={language}").get_data(as_text=True)
    [report] = not_asked_notes(t, ("per_safe_nbhd",), without=PAGE_ONLY)
    assert exposure not in report and html.count(str(escape(report))) == 1
    there = lookup(TEXTS, "gaps_page_only", language, item="per_safe_nbhd", parts=exposure)
    assert html.count(str(escape(there))) == 1


def test_the_status_report_data_carries_what_the_questionnaire_does_not_measure(
    world: World,
) -> None:
    from surveyapp.services.report_build import report_data
    from surveyapp.services.reports import indicator_table, wave_areas

    with world.app.app_context():
        wave = db.session.get(Wave, world.adapted)
        assert wave is not None
        table = indicator_table(db.session, wave)
        country = next(a for a in wave_areas(db.session, wave) if a.report_level == "national")
        data = report_data(db.session, wave, country, table)
    assert "insecure_nbhd" not in set(table["indicator"])
    assert [u.indicator for u in data.unmeasured] == ["insecure_nbhd"]
    assert tuple(data.not_asked) == ("per_safe_nbhd",)


def test_the_workbook_names_the_indicator_not_measured_on_its_about_sheet(world: World) -> None:
    import io

    from openpyxl import load_workbook

    response = world.app.test_client().get(
        f"/observatory/waves/{world.adapted}/indicators.xlsx?lang=en"
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data), read_only=True)
    about = [tuple(r) for r in book["about"].iter_rows(values_only=True)]
    indicators = {r[3] for r in book["indicators"].iter_rows(min_row=2, values_only=True)}
    book.close()
    assert (
        "not measured",
        "insecure_nbhd (Feels unsafe in their neighbourhood): needs per_safe_nbhd",
    ) in about
    assert "insecure_nbhd" not in indicators and "insecure_muni" in indicators


def test_the_read_api_names_the_indicators_a_wave_cannot_measure(world: World) -> None:
    from surveyapp.models import TokenScope
    from surveyapp.services import read_tokens
    from surveyapp.services.reports import indicator_names

    with world.app.app_context():
        _token, plain = read_tokens.create_token(
            db.session, name="observatory client", scope=TokenScope.internal, by=None
        )
        db.session.commit()
    client = world.app.test_client()
    url = f"/api/v1/waves/{world.adapted}/indicators?lang=es"
    body = client.get(url, headers={"Authorization": f"Bearer {plain}"}).get_json()
    with world.app.app_context():
        name = indicator_names("es")["insecure_nbhd"]  # the catalogue's Spanish name
    assert body["not_measured"] == [
        {"indicator": "insecure_nbhd", "name": name, "items": ["per_safe_nbhd"]}
    ]
    assert body["data"] and all(r["indicator"] != "insecure_nbhd" for r in body["data"])


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    import csv
    import io

    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_csv_ends_with_a_not_measured_row_naming_the_items_it_needs(
    world: World, language: str
) -> None:
    from surveyapp.services.reports import indicator_names

    response = world.app.test_client().get(
        f"/observatory/waves/{world.adapted}/indicators.csv?lang={language}"
    )
    assert response.status_code == 200
    rows = _csv_rows(response.data)
    assert rows[-1]["status"] == "not_measured"
    missing = [r for r in rows if r["status"] != "estimated"]
    with world.app.app_context():
        name = indicator_names(language)["insecure_nbhd"]
    assert missing == [
        dict.fromkeys(rows[0], "")
        | {
            "area_code": rows[0]["area_code"],
            "area_name": rows[0]["area_name"],
            "area_level": "national",
            "indicator": "insecure_nbhd",
            "indicator_name": name,
            "group": "perception",
            "domain_type": "national",
            "domain": "national",
            "unit": "percent",
            "status": "not_measured",
            "missing_items": "per_safe_nbhd",
        }
    ]
    estimated = [r for r in rows if r["status"] == "estimated"]
    assert len(estimated) == len(rows) - 1 and all(not r["missing_items"] for r in estimated)
    assert all(r["estimate"] for r in estimated if r["indicator"] == "insecure_muni")


def test_the_csv_of_a_state_names_the_indicator_on_the_states_row(world: World) -> None:
    client = world.app.test_client()
    waves = client.get("/api/waves").get_json()["waves"]
    state = next(
        a for w in waves if w["id"] == world.adapted for a in w["areas"] if a["level"] == "state"
    )
    response = client.get(
        f"/observatory/waves/{world.adapted}/indicators.csv?lang=en&area={state['key']}"
    )
    assert response.status_code == 200
    (row,) = [r for r in _csv_rows(response.data) if r["status"] == "not_measured"]
    assert (row["indicator"], row["area_code"], row["domain_type"], row["domain"]) == (
        "insecure_nbhd",
        state["code"],
        "state",
        state["code"],
    )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_observatory_json_names_the_indicators_a_wave_cannot_measure(
    world: World, language: str
) -> None:
    from surveyapp.services.reports import indicator_names

    body = (
        world.app.test_client()
        .get(f"/api/waves/{world.adapted}/indicators?lang={language}")
        .get_json()
    )
    with world.app.app_context():
        name = indicator_names(language)["insecure_nbhd"]
    assert body["not_measured"] == [
        {"indicator": "insecure_nbhd", "name": name, "items": ["per_safe_nbhd"]}
    ]
    assert body["indicators"] and all(r["indicator"] != "insecure_nbhd" for r in body["indicators"])
