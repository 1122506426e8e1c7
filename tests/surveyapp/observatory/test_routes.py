"""The observatory portal: pages, downloads, the JSON API, public versus internal, the cache."""

from __future__ import annotations

import csv
import io
import re
import time
import uuid
from collections.abc import Callable
from html import unescape
from typing import Any

import openpyxl
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

import surveyapp.services.report_build as report_build
from surveyapp.extensions import db
from surveyapp.i18n import LANGUAGE_NAMES
from surveyapp.models import (
    Interview,
    InterviewStatus,
    Mode,
    OutputKind,
    ReportOutput,
    Role,
    User,
    Wave,
)
from surveyapp.observatory.jobs import build_pending
from surveyapp.observatory.texts import TEXTS as OBSERVATORY_TEXTS
from surveyapp.observatory.texts import text
from surveyapp.services.reports import ReportSettings
from surveyapp.services.reports.settings import NAMED_REASONS, reason

from ..conftest import TinyWave  # type: ignore[import-not-found]

#: What Chromium and Firefox send when following a link.
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"REPORT_WORKER": "inline"}


@pytest.fixture
def sim(tiny_wave: Callable[..., TinyWave]) -> TinyWave:
    return tiny_wave()


@pytest.fixture
def analyst(
    client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
) -> FlaskClient:
    assert login(client, make_user(Role.analyst)).status_code == 302
    return client


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every indicator-table build, by wave id."""
    calls: list[str] = []
    real = report_build.indicator_table

    def counted(session: Any, wave: Wave, **kwargs: Any) -> Any:
        calls.append(str(wave.id))
        return real(session, wave, **kwargs)

    monkeypatch.setattr(report_build, "indicator_table", counted)
    return calls


def _csv(response: Any) -> list[dict[str, str]]:
    text = response.get_data(as_text=True).lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def test_analyst_sees_a_municipality_with_intervals_and_flags(
    analyst: FlaskClient, sim: TinyWave
) -> None:
    muni = sim.muni
    page = analyst.get(f"/observatory/waves/{sim.id}?area={muni.key}&lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'<h1 class="heading-l">{muni.name}</h1>' in html
    assert "Person prevalence" in html and 'id="indicators"' in html and "<svg" in html
    assert "Fails the quality rule" in html, "internal edition explains the ‡ flag"
    assert 'data-suppressed="1"' in html and "‡" in html
    spanish = analyst.get(f"/observatory/waves/{sim.id}?area={muni.key}&lang=es").get_data(
        as_text=True
    )
    assert "Prevalencia delictiva en personas" in spanish


def test_the_downloads_say_why_an_estimate_is_flagged_in_their_language_with_stable_codes(
    analyst: FlaskClient, sim: TinyWave
) -> None:
    # 'fewer than 30 cases', 'CV 35.2%' were English in the es/pt/fr CSV, XLSX and JSON
    from analysis.indicators.reasons import REASON_CODES

    base = f"/observatory/waves/{sim.id}/indicators"
    query = f"area={sim.muni.key}"
    by_language = {
        language: {
            (r["indicator"], r["domain"]): r
            for r in _csv(analyst.get(f"{base}.csv?{query}&lang={language}"))
        }
        for language in ("en", "es", "fr")
    }
    english, spanish, french = by_language["en"], by_language["es"], by_language["fr"]
    flagged = [k for k, r in english.items() if r["reason"]]
    assert flagged and all(english[k]["reason_code"] for k in flagged)
    small = [k for k in flagged if "fewer than 30 cases" in english[k]["reason"]]
    assert small, "the tiny municipality must have small cells to test with"
    for key in flagged:
        codes = english[key]["reason_code"]
        assert set(codes.split()) <= set(REASON_CODES)
        assert spanish[key]["reason_code"] == french[key]["reason_code"] == codes
        assert spanish[key]["reason"] and spanish[key]["reason"] != english[key]["reason"]
    for key in small:
        assert "few_cases" in english[key]["reason_code"].split()
        assert "menos de 30 casos" in spanish[key]["reason"]
        assert "moins de 30 cas" in french[key]["reason"]
    cv = next(k for k in flagged if english[k]["reason"].startswith("CV "))
    assert "%" in english[cv]["reason"] and "." in english[cv]["reason"].split(";")[0]
    assert "," in spanish[cv]["reason"].split(";")[0]  # CV 35,2%
    # the API's JSON and the workbook say the same as the CSV
    api = analyst.get(f"/api/waves/{sim.id}/indicators?{query}&lang=pt").json
    portuguese = {(r["indicator"], r["domain"]): r for r in api["indicators"]}
    assert "menos de 30 casos" in portuguese[small[0]]["reason"]
    assert portuguese[small[0]]["reason_code"] == english[small[0]]["reason_code"]
    book = openpyxl.load_workbook(io.BytesIO(analyst.get(f"{base}.xlsx?{query}&lang=es").data))
    sheet = book["indicators"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, v, strict=True)) for v in sheet.iter_rows(min_row=2, values_only=True)]
    cell = next(r for r in rows if (r["indicator"], r["domain"]) == small[0])
    assert cell["reason"] == spanish[small[0]]["reason"] and cell["reason_code"]


def test_public_outputs_never_show_a_suppressed_estimate(
    app: Flask, client: FlaskClient, analyst: FlaskClient, sim: TinyWave
) -> None:
    muni = sim.muni
    query = f"area={muni.key}&lang=en"
    internal = {
        r["indicator"]: r
        for r in _csv(analyst.get(f"/observatory/waves/{sim.id}/indicators.csv?{query}"))
    }
    hidden = {k: r for k, r in internal.items() if r["suppressed"] == "True" and r["estimate"]}
    assert len(hidden) >= 3, "the tiny municipality must have suppressed estimates to test with"
    assert all(
        r["area_name"] == muni.name and r["area_code"] == muni.code for r in internal.values()
    )
    # the standard questionnaire measures every indicator: no not_measured rows
    assert {(r["status"], r["missing_items"]) for r in internal.values()} == {("estimated", "")}

    anonymous = app.test_client()
    public_rows = _csv(anonymous.get(f"/observatory/waves/{sim.id}/indicators.csv?{query}"))
    assert {r["indicator"] for r in public_rows} == set(internal)
    for row in public_rows:
        if row["indicator"] in hidden:
            assert row["suppressed"] == "True"
            assert (
                row["estimate"] == row["se"] == row["ci_low"] == row["ci_high"] == row["cv"] == ""
            )
        else:
            assert row["estimate"] == internal[row["indicator"]]["estimate"]

    # an analyst asking for the public edition gets the same as the public
    assert (
        _csv(analyst.get(f"/observatory/waves/{sim.id}/indicators.csv?{query}&audience=public"))
        == public_rows
    )

    api = anonymous.get(f"/api/waves/{sim.id}/indicators?{query}").json
    assert api["edition"] == "public" and api["area"]["name"] == muni.name
    assert api["not_measured"] == []
    for row in api["indicators"]:
        if row["indicator"] in hidden:
            assert row["estimate"] is None and row["ci_low"] is None and row["cv"] is None

    book = openpyxl.load_workbook(
        io.BytesIO(anonymous.get(f"/observatory/waves/{sim.id}/indicators.xlsx?{query}").data)
    )
    sheet = book["indicators"]
    header = [c.value for c in sheet[1]]
    for values in sheet.iter_rows(min_row=2, values_only=True):
        row = dict(zip(header, values, strict=True))
        if row["indicator"] in hidden:
            assert row["estimate"] is None and row["ci_high"] is None

    page = anonymous.get(f"/observatory/waves/{sim.id}?{query}&audience=internal").get_data(
        as_text=True
    )
    assert "‡" not in page and 'name="audience"' not in page, (
        "the public cannot ask for the internal edition"
    )
    for ident, row in hidden.items():
        estimate = float(row["estimate"])
        unit = row["unit"]
        digits = 0 if unit == "per_100000" else 2 if unit == "ratio" else 1
        start = page.index(f'data-indicator="{ident}"')
        cells = page[start : page.index("</tr>", start)]
        assert f"{estimate:,.{digits}f}" not in cells and "Not published" in cells


def test_second_request_is_served_from_the_cache_and_new_data_rebuilds(
    app: Flask, analyst: FlaskClient, sim: TinyWave, builds: list[str]
) -> None:
    url = f"/observatory/waves/{sim.id}?area={sim.state.key}"
    assert analyst.get(url).status_code == 200
    assert builds == [str(sim.id)]
    assert analyst.get(url).status_code == 200
    assert (
        analyst.get(f"/observatory/waves/{sim.id}/indicators.csv?area={sim.muni.key}").status_code
        == 200
    )
    assert analyst.get(f"/api/waves/{sim.id}/indicators").status_code == 200
    assert builds == [str(sim.id)], "the indicator table is built once for every page and format"

    with app.app_context():
        template = db.session.scalar(
            sa.select(Interview).where(Interview.wave_id == sim.id).limit(1)
        )
        assert template is not None
        db.session.add(
            Interview(
                uuid=str(uuid.uuid4()),
                wave_id=sim.id,
                sample_unit_id=template.sample_unit_id,
                instrument_version_id=template.instrument_version_id,
                mode=Mode.tablet,
                status=InterviewStatus.completed,
                language="es",
                answers=dict(template.answers),
                paradata={},
                final_weight=template.final_weight,
            )
        )
        db.session.commit()
    assert analyst.get(url).status_code == 200
    assert len(builds) == 2, "a new completed interview makes a new data version"
    with app.app_context():
        versions = db.session.scalars(
            sa.select(ReportOutput.data_version).where(ReportOutput.kind == OutputKind.indicators)
        ).all()
    assert len(set(versions)) == 2
    pruned = app.test_cli_runner().invoke(args=["report", "--prune"])
    assert pruned.exit_code == 0 and "deleted 1 outdated cached output(s)" in pruned.output
    assert analyst.get(url).status_code == 200 and len(builds) == 2, "the current table is kept"


@pytest.mark.parametrize("app_config", [{"REPORT_WORKER": "off"}])
def test_pages_say_being_prepared_until_the_worker_is_done(
    app: Flask, analyst: FlaskClient, sim: TinyWave
) -> None:
    url = f"/observatory/waves/{sim.id}?area={sim.muni.key}"
    waiting = analyst.get(url)
    assert waiting.status_code == 202 and waiting.headers["Retry-After"] == "3"
    assert '<meta http-equiv="refresh" content="3">' in waiting.get_data(as_text=True)
    api = analyst.get(f"/api/waves/{sim.id}/indicators")
    assert (
        api.status_code == 202
        and api.json["status"] == "pending"
        and api.headers["Retry-After"] == "3"
    )
    pdf_url = f"/observatory/waves/{sim.id}/report.pdf?area={sim.muni.key}"
    pdf = analyst.get(pdf_url, headers={"Accept": BROWSER_ACCEPT})
    assert pdf.status_code == 202 and pdf.content_type.startswith("text/html")
    with app.app_context():
        assert build_pending(db.session, settings=ReportSettings(), limit=1) == 1
    assert analyst.get(url).status_code == 200
    assert analyst.get(f"/api/waves/{sim.id}/indicators").status_code == 200


@pytest.mark.parametrize("app_config", [{"REPORT_WORKER": "off"}])
@pytest.mark.parametrize("accept", ["*/*", None, "application/pdf"])
def test_a_script_downloading_a_pdf_being_built_gets_text_and_retry_after_never_html(
    app: Flask, analyst: FlaskClient, sim: TinyWave, accept: str | None
) -> None:
    # curl -o report.pdf sends Accept: */*; whatever body comes is saved as the PDF
    pdf_url = f"/observatory/waves/{sim.id}/report.pdf?area={sim.muni.key}&lang=es"
    headers = {"Accept": accept} if accept else {}
    waiting = analyst.get(pdf_url, headers=headers)
    body = waiting.get_data(as_text=True)
    assert waiting.status_code == 202 and waiting.content_type.startswith("text/plain")
    assert waiting.headers["Retry-After"] == "3" and "<" not in body
    assert "3 segundos" in body and pdf_url in body, "when to come back, and where (Spanish)"
    assert waiting.headers["Content-Location"] == pdf_url
    csv_waiting = analyst.get(f"/observatory/waves/{sim.id}/indicators.csv", headers=headers)
    assert csv_waiting.status_code == 202 and csv_waiting.content_type.startswith("text/plain")
    ready = waiting
    for _attempt in range(3):  # the table first, then the PDF: the client just asks again
        with app.app_context():
            build_pending(db.session, settings=ReportSettings(), limit=5)
        ready = analyst.get(pdf_url, headers=headers)
        if ready.status_code != 202:
            break
        assert ready.content_type.startswith("text/plain")
    assert ready.status_code == 200 and ready.content_type == "application/pdf"
    assert ready.data.startswith(b"%PDF"), "the same address now serves the PDF"


@pytest.mark.parametrize("language", ["es", "pt", "fr"])
def test_observatory_pages_declare_their_language_and_say_nothing_in_english(
    client: FlaskClient, sim: TinyWave, language: str
) -> None:
    english = {
        v["en"] for k, v in OBSERVATORY_TEXTS.items() if v["en"] != v[language] and len(v["en"]) > 3
    } | {"Skip to main content", "Victimization survey", "Staff log", "Staff login", "Observatory"}
    for url in (
        f"/observatory/?lang={language}",
        f"/observatory/waves/{sim.id}?lang={language}",
    ):
        html = client.get(url).get_data(as_text=True)
        assert f'<html lang="{language}">' in html, url
        shown = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)
        words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", shown))
        found = sorted(e for e in english if re.search(rf"\b{re.escape(e)}\b", words))
        assert not found, (url, found)
        switch = html[html.index('class="language-switch"') :]
        assert (
            'hreflang="en"' in switch
            and f'<span aria-current="true">{LANGUAGE_NAMES[language]}</span>' in switch
        ), url


def test_an_unknown_language_is_refused_in_the_default_language(
    client: FlaskClient, sim: TinyWave
) -> None:
    # ?lang=xx answered an English page ('Choose a language among ...') where observatory.md
    # promises the page's language, else DEFAULT_LANGUAGE
    response = client.get(f"/observatory/waves/{sim.id}?lang=xx")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert '<html lang="es"' in page and "Elija un idioma entre es, en, pt, fr." in page
    api = client.get(f"/observatory/waves/{sim.id}?lang=xx", headers={"Accept": "application/json"})
    assert (
        api.status_code == 400 and api.json["message"] == "Choose a language among es, en, pt, fr."
    )


def test_the_language_switch_keeps_the_page_and_its_area(
    client: FlaskClient, sim: TinyWave
) -> None:
    html = client.get(f"/observatory/waves/{sim.id}?area={sim.state.key}&lang=es").get_data(
        as_text=True
    )
    link = re.search(r'<a href="([^"]+)" lang="en" hreflang="en">', html)
    assert link is not None
    target = link.group(1).replace("&amp;", "&")
    assert target.startswith(f"/observatory/waves/{sim.id}?") and f"area={sim.state.key}" in target
    assert "lang=en" in target


def test_the_wave_form_keeps_the_language_and_edition_chosen(
    app: Flask, analyst: FlaskClient, sim: TinyWave
) -> None:
    def form(who: FlaskClient, query: str) -> str:
        html = who.get(f"/observatory/waves/{sim.id}?{query}").get_data(as_text=True)
        found = re.search(r'<form method="get".*?</form>', html, re.S)
        assert found is not None
        return found.group(0)

    staff = form(analyst, "lang=fr&audience=public")
    assert '<option value="fr" selected>Français</option>' in staff
    assert '<option value="public" selected>' in staff and 'for="audience">' in staff
    assert '<option value="internal" selected>' in form(analyst, "lang=pt")
    anonymous = app.test_client()
    visitor = form(anonymous, "lang=en&audience=internal")
    assert '<option value="en" selected>English</option>' in visitor
    assert 'name="audience"' not in visitor  # the public edition only


@pytest.mark.parametrize("app_config", [{"REPORT_WORKER": "thread"}])
def test_background_thread_builds_while_requests_return(
    analyst: FlaskClient, sim: TinyWave
) -> None:
    url = f"/api/waves/{sim.id}/indicators?area={sim.state.key}"
    first = analyst.get(url)
    assert first.status_code == 202
    deadline = time.monotonic() + 120
    response = first
    while response.status_code == 202 and time.monotonic() < deadline:
        time.sleep(0.5)
        response = analyst.get(url)
    assert response.status_code == 200 and response.json["area"]["name"] == sim.state.name


def test_a_failed_build_is_a_message_not_a_traceback(
    analyst: FlaskClient, sim: TinyWave, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(report_build, "indicator_table", broken)
    page = analyst.get(f"/observatory/waves/{sim.id}")
    assert page.status_code == 503
    text = page.get_data(as_text=True)
    # in the observatory's default language, Spanish (the page names no other)
    assert "No se pudo generar el informe por un error de nuestra parte" in unescape(text)
    assert "secret internals" not in text and "Traceback" not in text
    api = analyst.get(f"/api/waves/{sim.id}/indicators")
    assert api.status_code == 503 and api.json["status"] == 503


def test_api_errors_are_json(
    app: Flask, client: FlaskClient, analyst: FlaskClient, tiny_wave: Callable[..., TinyWave]
) -> None:
    private = tiny_wave(public=False)
    assert client.get("/api/waves/999/indicators").json["status"] == 404
    anonymous = app.test_client().get(f"/api/waves/{private.id}/indicators")
    assert anonymous.status_code == 401 and anonymous.json["status"] == 401
    bad = analyst.get(f"/api/waves/{private.id}/indicators?lang=de")
    assert bad.status_code == 400 and "es, en, pt, fr" in bad.json["message"]
    assert analyst.get(f"/api/waves/{private.id}/indicators?area=nowhere").json["status"] == 404


def test_wave_list_shows_public_waves_to_everybody(
    app: Flask, analyst: FlaskClient, tiny_wave: Callable[..., TinyWave]
) -> None:
    public = tiny_wave(public=True)
    with app.app_context():
        wave = db.session.get(Wave, public.id)
        assert wave is not None
        wave.public_report = False
        db.session.commit()
    anonymous = app.test_client()
    assert public.slug not in str(anonymous.get("/api/waves").json)
    assert public.slug in str(analyst.get("/api/waves").json)
    with app.app_context():
        wave = db.session.get(Wave, public.id)
        assert wave is not None
        wave.public_report = True
        db.session.commit()
    listed = anonymous.get("/api/waves").json["waves"]
    assert [w["slug"] for w in listed] == [public.slug]
    assert {a["level"] for a in listed[0]["areas"]} == {"national", "state", "municipality"}
    assert anonymous.get("/observatory/").status_code == 200


def test_no_data_yet(app: Flask, analyst: FlaskClient, make_wave: Callable[..., Wave]) -> None:
    wave = make_wave()
    page = analyst.get(f"/observatory/waves/{wave.id}?lang=en")
    assert page.status_code == 200 and "no completed interviews" in page.get_data(as_text=True)
    assert analyst.get(f"/observatory/waves/{wave.id}/indicators.csv").status_code == 404


def test_interviews_waiting_for_approval_are_not_called_missing(
    app: Flask, analyst: FlaskClient, make_wave: Callable[..., Wave]
) -> None:
    """The wave page said 3 completes; its results page 'no completed interviews yet', the
    three being tablet interviews no supervisor had approved yet."""
    from surveyapp.models import ReviewStatus

    wave = make_wave(modes=["tablet"])
    with app.app_context():
        version = db.session.get(Wave, wave.id).instrument_version  # type: ignore[union-attr]
        for _ in range(3):
            db.session.add(
                Interview(
                    uuid=str(uuid.uuid4()),
                    wave_id=wave.id,
                    instrument_version_id=version.id,
                    mode=Mode.tablet,
                    status=InterviewStatus.completed,
                    language="es",
                    answers={},
                    revision=1,
                    review_status=ReviewStatus.received,
                )
            )
        db.session.commit()
    page = analyst.get(f"/observatory/waves/{wave.id}?lang=es").get_data(as_text=True)
    assert "aún no tiene entrevistas completas" not in page
    assert "3 entrevistas completas en tableta esperan la aprobación de un supervisor" in page


def test_the_results_say_how_many_interviews_they_count_and_how_many_wait(
    app: Flask, analyst: FlaskClient, sim: TinyWave
) -> None:
    from surveyapp.models import ReviewStatus

    with app.app_context():
        counted = db.session.scalar(
            sa.select(sa.func.count()).select_from(Interview).where(Interview.wave_id == sim.id)
        )
        waiting = db.session.scalars(
            sa.select(Interview).where(Interview.wave_id == sim.id).limit(2)
        ).all()
        for interview in waiting:  # as if sent from a tablet, not yet reviewed
            interview.revision, interview.review_status = 1, ReviewStatus.resubmitted
        db.session.commit()
        assert counted is not None and counted > 2
    page = analyst.get(f"/observatory/waves/{sim.id}?lang=en").get_data(as_text=True)
    assert f"Computed from {counted - 2} completed interviews." in page
    assert "2 completed tablet interviews are waiting for a supervisor" in page


@pytest.mark.parametrize("app_config", [{"REPORT_WORKER": "off"}])
def test_report_work_builds_what_the_portal_waits_for(
    analyst: FlaskClient, sim: TinyWave, runner: Any
) -> None:
    url = f"/api/waves/{sim.id}/indicators?area={sim.muni.key}"
    assert analyst.get(url).status_code == 202
    result = runner.invoke(args=["report", "--work"])
    assert result.exit_code == 0 and "built 1 pending output(s)" in result.output
    assert analyst.get(url).status_code == 200


def test_the_workbooks_about_sheet_is_in_the_readers_language(
    analyst: FlaskClient, sim: TinyWave
) -> None:
    """Its sheet name, labels and values were English in every language ('about', 'level':
    'municipality', 'edition': 'internal'); the table's sheet keeps the CSV's column names."""
    base = f"/observatory/waves/{sim.id}/indicators.xlsx?area={sim.muni.key}"
    said = {}
    for language in ("es", "fr", "en"):
        book = openpyxl.load_workbook(io.BytesIO(analyst.get(f"{base}&lang={language}").data))
        assert book.sheetnames[0] == "indicators"
        said[language] = (book.sheetnames[1], dict(book.worksheets[1].iter_rows(values_only=True)))
    sheet, about = said["es"]
    assert sheet == "acerca de"
    assert about["área"] == sim.muni.name and about["nivel"] == "municipio"
    assert about["edición"] == "Interna (todas las estimaciones, con alertas)"
    assert "reglas de calidad" in about
    sheet, about = said["fr"]
    assert sheet == "à propos" and about["niveau"] == "commune"
    assert about["édition"] == "Interne (toutes les estimations, signalées)"
    sheet, about = said["en"]
    assert sheet == "about" and about["level"] == "municipality"
    assert about["edition"] == "Internal (every estimate, flagged)"


@pytest.mark.parametrize("app_config", [{"REPORT_WORKER": "inline", "REPORT_MIN_CASES": 1}])
def test_the_workbooks_minimum_of_one_case_is_said_in_the_singular(
    analyst: FlaskClient, sim: TinyWave
) -> None:
    """REPORT_MIN_CASES is a setting: set to 1, the about sheet said 'menos de 1 casos'."""
    base = f"/observatory/waves/{sim.id}/indicators.xlsx?area={sim.muni.key}"
    book = openpyxl.load_workbook(io.BytesIO(analyst.get(f"{base}&lang=es").data))
    about = dict(book.worksheets[1].iter_rows(values_only=True))
    assert str(about["estimaciones suprimidas"]).startswith("menos de 1 caso o fuera"), about


@pytest.mark.parametrize(
    ("error", "language", "said"),
    [
        (
            "The report could not be built because of an error on our side; it was logged.",
            "fr",
            "Les résultats n'ont pas pu être préparés\u00a0: Le rapport n'a pas pu être produit à "
            "cause d'une erreur de notre côté\u00a0; elle a été consignée.",
        ),
        (
            "this wave has no completed interviews yet",
            "es",
            "No se pudieron preparar los resultados: este levantamiento aún no tiene entrevistas "
            "completas",
        ),
        (
            "the wave no longer exists",
            "pt",
            "Não foi possível preparar os resultados: o levantamento não existe mais",
        ),
        (
            "the wave no longer exists",
            "en",
            "The results could not be prepared: the wave no longer exists",
        ),
    ],
)
def test_a_failed_build_is_said_in_the_visitors_language(
    app: Flask, error: str, language: str, said: str
) -> None:
    """The 503 page said 'The results could not be prepared: …' in English on a French page;
    API clients keep the English."""
    from surveyapp.observatory.routes import failed

    output = ReportOutput(error=error)
    with app.test_request_context(f"/observatory/waves/1/report.pdf?lang={language}"):
        response = failed(output)
    page = unescape(response.get_data(as_text=True))
    assert response.status_code == 503 and response.headers["Retry-After"] == "60"
    assert said in page and f'<html lang="{language}"' in page
    with app.test_request_context(
        "/observatory/waves/1/report.pdf?lang=fr", headers={"Accept": "application/json"}
    ):
        answer = failed(output)
    assert answer.json is not None and answer.json["message"].startswith(
        "The results could not be prepared: "
    )


def test_a_reason_naming_what_differs_is_said_in_the_visitors_language(app: Flask) -> None:
    """'Les résultats n'ont pas pu être préparés : this wave has no results for area …' put an
    English reason inside a French sentence; its values (the area) stay as recorded."""
    from surveyapp.observatory.routes import failed

    output = ReportOutput(error="this wave has no results for area 'DM/09'")
    with app.test_request_context("/observatory/waves/1/report.pdf?lang=fr"):
        page = unescape(failed(output).get_data(as_text=True))
    assert (
        "Les résultats n'ont pas pu être préparés\u00a0: cette vague n'a pas de résultats pour "
        "la zone «\u00a0DM/09\u00a0»" in page
    )
    assert "this wave" not in page
    with app.test_request_context(
        "/observatory/waves/1/report.pdf?lang=fr", headers={"Accept": "application/json"}
    ):
        answer = failed(output)
    assert answer.json is not None
    assert answer.json["message"].endswith(": this wave has no results for area 'DM/09'")


@pytest.mark.parametrize("name", sorted(NAMED_REASONS))
@pytest.mark.parametrize("language", ["es", "pt", "fr"])
def test_every_named_reason_is_said_whole_in_each_language(name: str, language: str) -> None:
    from surveyapp.observatory.routes import said_reason

    values = {"area": "DM/09", "questionnaire": "vict_std 1.1", "wave": "w-7", "detail": "x.y"}
    recorded = reason(name, **values)
    said = said_reason(recorded, language)
    assert said != recorded and said == text(f"failed_{name}", language, **values)
    # no English word left ("questionnaire" and "standard" are French too)
    english = set(re.findall(r"\b[a-z]{4,}\b", NAMED_REASONS[name])) - {"questionnaire", "standard"}
    assert not english & set(re.findall(r"\b[a-z]{4,}\b", said)), said
    for key, value in values.items():  # what the reason names survives the translation
        named = "{" + key + "}" in NAMED_REASONS[name]
        # but a library's detail is English: it goes to the server's log (below)
        assert (value in said) == (named and key != "detail"), key


#: How each language says that the details are in the server's log.
LOG_WORDS = {
    "es": "registro del servidor",
    "en": "server log",
    "pt": "registro do servidor",
    "fr": "journal du serveur",
}


@pytest.mark.parametrize(
    "error",
    [
        "the answers do not fit the questionnaire: answer 7 to item q3_safe_dark is not one of "
        "its choices",
        "the public edition cannot be released: k-anonymity check failed for quasi-identifiers",
        "cannot write into /srv/releases: permission denied",  # in neither table
    ],
)
def test_a_libraries_english_detail_goes_to_the_log_not_into_the_page(
    app: Flask, error: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The French 503 page read 'Les résultats n'ont pas pu être préparés : les réponses ne
    correspondent pas au questionnaire : answer 7 to item …'; API clients keep the English."""
    from surveyapp.observatory.routes import failed

    output = ReportOutput(error=error)
    detail = error.rsplit(": ", 1)[-1] if ": " in error else error
    for language in ("es", "pt", "fr", "en"):
        with caplog.at_level("WARNING", logger="surveyapp.observatory.routes"):
            caplog.clear()
            with app.test_request_context(f"/observatory/waves/1/report.pdf?lang={language}"):
                page = unescape(failed(output).get_data(as_text=True))
        assert text("failed", language) in page
        assert detail not in page and "permission" not in page and "check failed" not in page
        assert LOG_WORDS[language] in page
        assert any(error in r.getMessage() for r in caplog.records), caplog.records
    with app.test_request_context(
        "/observatory/waves/1/report.pdf?lang=fr", headers={"Accept": "application/json"}
    ):
        answer = failed(output)
    assert answer.json is not None
    assert answer.json["message"] == f"The results could not be prepared: {error}"


def test_an_area_page_counts_the_interviews_of_that_area(
    app: Flask, analyst: FlaskClient, sim: TinyWave
) -> None:
    """A municipality's page said 'Computed from 1,666 completed interviews', the whole wave's
    count, above figures computed from its own 25: the count is now the area's."""
    from surveyapp.models import SampleUnit
    from surveyapp.services.reports import area_index

    muni, state = sim.first("municipality"), sim.first("state")
    with app.app_context():
        index = area_index(db.session)
        rows = db.session.execute(
            sa.select(SampleUnit.area_id)
            .select_from(Interview)
            .join(SampleUnit, SampleUnit.id == Interview.sample_unit_id)
            .where(Interview.wave_id == sim.id)
        ).all()
        in_muni = sum(1 for (a,) in rows if index[a].municipality_id == int(muni.key))
        in_state = sum(1 for (a,) in rows if index[a].state_id == state.id)
        whole = db.session.scalar(
            sa.select(sa.func.count()).select_from(Interview).where(Interview.wave_id == sim.id)
        )
    assert whole is not None and 0 < in_muni < in_state < whole
    for area, expected in ((muni, in_muni), (state, in_state)):
        page = analyst.get(f"/observatory/waves/{sim.id}?area={area.key}&lang=en").get_data(
            as_text=True
        )
        assert f"Computed from {expected} completed interviews." in page
        assert f"Computed from {whole} completed interviews." not in page
    national = analyst.get(f"/observatory/waves/{sim.id}?lang=en").get_data(as_text=True)
    assert f"Computed from {whole} completed interviews." in national
