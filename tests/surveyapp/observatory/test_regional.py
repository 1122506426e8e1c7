"""The regional comparison: the observatory page, its PDF and ``surveyapp report --waves``."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from surveyapp.extensions import db
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
from surveyapp.observatory.jobs import build_pending, report_settings
from surveyapp.services import regional as regional_service
from surveyapp.services.demo_data import load_simulated_wave

from ...analysis.report.pdf_layout import (  # type: ignore[import-not-found,misc]
    foreign_phrases,
    layout_problems,
)


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"REPORT_WORKER": "inline"}


@pytest.fixture
def countries(app: Flask) -> tuple[int, int]:
    """Two tiny simulated countries: seed 5 by tablet (public), seed 6 on the web (not public)."""
    with app.app_context():
        first = load_simulated_wave(db.session, seed=5, size="tiny")
        second = load_simulated_wave(db.session, seed=6, size="tiny", mode=Mode.web, public=False)
        db.session.commit()
        return first.wave_id, second.wave_id


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return " ".join(" ".join((p.extract_text() or "") for p in document.pages).split())


def test_the_page_compares_the_countries_with_intervals_and_the_mode_note(
    client: FlaskClient,
    countries: tuple[int, int],
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    assert login(client, make_user(Role.analyst)).status_code == 302
    a, b = countries
    page = client.get(f"/observatory/regional?waves={a},{b}&lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "República Simulada 5" in html and "República Simulada 6" in html
    assert 'data-indicator="sdg_16_1_4"' in html and 'data-indicator="trust_police"' in html
    assert "Different collection modes" in html and "web" in html
    assert 'class="obs-interval"' in html
    assert f"/observatory/regional.pdf?waves={a},{b}&amp;lang=en" in html


def test_checkboxes_become_one_address(
    client: FlaskClient, countries: tuple[int, int], make_user: Callable[..., User], login: Any
) -> None:
    assert login(client, make_user(Role.analyst)).status_code == 302
    a, b = countries
    response = client.get(f"/observatory/regional?waves={a}&waves={b}&lang=es")
    assert response.status_code == 302
    assert f"waves={a},{b}" in response.headers["Location"].replace("%2C", ",")


def test_without_a_choice_the_public_sees_only_the_public_country(
    client: FlaskClient, countries: tuple[int, int]
) -> None:
    page = client.get("/observatory/regional?lang=en").get_data(as_text=True)
    assert "República Simulada 5" in page and "República Simulada 6" not in page
    # asking for the private one by id: sent to log in, as its own pages do
    response = client.get(f"/observatory/regional?waves={countries[1]}")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_bad_wave_lists_are_a_clear_400(client: FlaskClient, countries: tuple[int, int]) -> None:
    response = client.get("/observatory/regional?waves=1,x&lang=en")
    assert response.status_code == 400 and "wave ids" in response.get_data(as_text=True)
    french = client.get("/observatory/regional?waves=1,x&lang=fr")
    assert french.status_code == 400 and '<html lang="fr"' in french.text
    assert "Le paramètre waves doit donner des numéros de vague\u00a0: 3,7" in unescape(french.text)
    many = client.get(f"/observatory/regional?waves={','.join(map(str, range(1, 15)))}&lang=es")
    assert (
        many.status_code == 400 and "Compare como máximo 12 levantamientos a la vez." in many.text
    )
    missing = client.get("/observatory/regional?waves=99999")
    assert missing.status_code == 404


def test_the_pdf_download_is_the_regional_report(
    client: FlaskClient,
    countries: tuple[int, int],
    make_user: Callable[..., User],
    login: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert login(client, make_user(Role.analyst)).status_code == 302
    a, b = countries
    response = client.get(f"/observatory/regional.pdf?waves={a},{b}&lang=es&audience=public")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert (
        "regional-simulated-5-1-simulated-6-1-es-public.pdf"
        in response.headers["Content-Disposition"]
    )
    text = _text(response.data)
    assert "Comparación regional de indicadores estandarizados" in text
    assert "Modos de recolección distintos" in text
    assert layout_problems(response.data) == [] and foreign_phrases(response.data, "es") == []
    # the same waves, data, language and edition again: served from the report cache
    import surveyapp.services.regional as regional_service

    def fail(*args: Any, **kwargs: Any) -> bytes:
        raise AssertionError("rebuilt")

    monkeypatch.setattr(regional_service, "regional_pdf", fail)
    again = client.get(f"/observatory/regional.pdf?waves={a},{b}&lang=es&audience=public")
    assert again.status_code == 200 and again.data == response.data


def test_the_command_line_writes_the_regional_report(
    app: Flask, runner: FlaskCliRunner, countries: tuple[int, int], tmp_path: Path
) -> None:
    with app.app_context():
        slugs = [db.session.get(Wave, i).slug for i in countries]  # type: ignore[union-attr]
    out = tmp_path / "regional.pdf"
    result = runner.invoke(
        args=["report", "--waves", ",".join(slugs), "--lang", "es", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = _text(out.read_bytes())
    assert "República Simulada 5" in text and "República Simulada 6" in text
    assert "ODS 16.1.4" in text and "Cifra negra" in text
    unknown = runner.invoke(args=["report", "--waves", "nope", "-o", str(out)])
    assert unknown.exit_code != 0 and "no wave 'nope'" in unknown.output
    twice = runner.invoke(args=["report", "--waves", f"{slugs[0]},{slugs[0]}", "-o", str(out)])
    assert twice.exit_code != 0 and "listed twice" in twice.output


def test_waves_of_cities_are_compared_by_default_city_by_city(
    app: Flask, client: FlaskClient, countries: tuple[int, int]
) -> None:
    from surveyapp.models import Area, AreaLevel

    with app.app_context():
        # two survey waves that each cover one city, both cities of the same country
        first = db.session.get(Wave, countries[0])
        assert first is not None
        states = sa.select(Area.id).where(Area.parent_id == first.areas[0].id)
        municipalities = db.session.scalars(
            sa.select(Area)
            .where(Area.level == AreaLevel.municipality, Area.parent_id.in_(states))
            .order_by(Area.id)
            .limit(2)
        ).all()
        for wave_id, city in zip(countries, municipalities, strict=True):
            wave = db.session.get(Wave, wave_id)
            assert wave is not None
            wave.areas = [city]
            wave.public_report = True
        names = [m.name for m in municipalities]
        db.session.commit()
    page = client.get("/observatory/regional?lang=en").get_data(as_text=True)
    for name in names:
        assert f'<th scope="col" class="numeric">{name}</th>' in page


def _stub_builds(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], str, bool]]:
    """Record each regional PDF the worker renders (waves, language, public) and give a stub
    instead of a WeasyPrint render; the indicator tables are still the waves' real ones."""
    builds: list[tuple[list[str], str, bool]] = []

    def stub(
        session: Any, waves: list[Wave], *, language: str, public: bool, tables: Any, **_: Any
    ) -> bytes:
        assert len(tables) == len(waves) and all(not t.empty for t in tables)
        builds.append(([w.slug for w in waves], language, public))
        return f"%PDF-stub {len(builds)} {language} {public}".encode()

    monkeypatch.setattr(regional_service, "regional_pdf", stub)
    return builds


def _work(app: Flask) -> int:
    """What ``surveyapp report --work`` does: build every pending output."""
    with app.app_context():
        return build_pending(db.session, settings=report_settings(app))


@pytest.mark.parametrize("app_config", [{"REPORT_WORKER": "off"}])
def test_the_pdf_is_prepared_once_by_the_worker_until_a_waves_data_changes(
    app: Flask,
    client: FlaskClient,
    countries: tuple[int, int],
    make_user: Callable[..., User],
    login: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    builds = _stub_builds(monkeypatch)
    assert login(client, make_user(Role.analyst)).status_code == 302
    a, b = countries
    url = f"/observatory/regional.pdf?waves={a},{b}&lang=en"

    waiting = client.get(url, headers={"Accept": "text/html"})
    assert waiting.status_code == 202 and waiting.mimetype == "text/html"
    assert waiting.headers["Retry-After"] == str(app.config["REPORT_REFRESH_SECONDS"])
    with app.app_context():
        names = ", ".join(db.session.get(Wave, i).name for i in countries)  # type: ignore[union-attr]
    assert f"Regional comparison · {names}" in waiting.text
    script = client.get(url)  # curl: a line of text, never the page saved as the PDF
    assert script.status_code == 202 and script.mimetype == "text/plain"
    assert builds == [], "nothing is rendered inside the request"

    assert _work(app) == 1
    first = client.get(url)
    assert first.status_code == 200 and first.mimetype == "application/pdf"
    assert first.data == b"%PDF-stub 1 en False"
    assert "-en-internal.pdf" in first.headers["Content-Disposition"]
    assert client.get(url).data == first.data
    assert builds == [(["simulated-5-1", "simulated-6-1"], "en", False)], "built once for two"

    with app.app_context():  # new data in the second wave only: a re-weighted interview
        interview = db.session.scalars(
            sa.select(Interview).where(
                Interview.wave_id == b, Interview.status == InterviewStatus.completed
            )
        ).first()
        assert interview is not None
        interview.final_weight = (interview.final_weight or 1.0) * 2
        db.session.commit()
    assert client.get(url).status_code == 202, "the PDF of older data is never served"
    assert _work(app) == 1 and len(builds) == 2
    fresh = client.get(url)
    assert fresh.status_code == 200 and fresh.data == b"%PDF-stub 2 en False"
    with app.app_context():
        rows = db.session.scalars(
            sa.select(ReportOutput).where(ReportOutput.kind == OutputKind.regional)
        ).all()
        assert [(r.waves, r.served) for r in rows] == [(f"{a},{b}", 1)], "the older one deleted"


@pytest.mark.parametrize("app_config", [{"REPORT_WORKER": "off"}])
def test_a_public_visitor_never_gets_the_internal_edition_built_for_staff(
    app: Flask,
    client: FlaskClient,
    countries: tuple[int, int],
    make_user: Callable[..., User],
    login: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    builds = _stub_builds(monkeypatch)
    a, b = countries
    analyst = app.test_client()
    assert login(analyst, make_user(Role.analyst)).status_code == 302
    assert analyst.get(f"/observatory/regional.pdf?waves={a}&lang=es").status_code == 202
    assert _work(app) == 1
    internal = analyst.get(f"/observatory/regional.pdf?waves={a}&lang=es")
    assert (
        internal.status_code == 200
        and "-es-internal.pdf" in internal.headers["Content-Disposition"]
    )

    visitor = client.get(f"/observatory/regional.pdf?waves={a}&lang=es")
    assert visitor.status_code == 202, "not the staff's cached internal PDF"
    assert _work(app) == 1
    public = client.get(f"/observatory/regional.pdf?waves={a}&lang=es")
    assert public.status_code == 200 and "-es-public.pdf" in public.headers["Content-Disposition"]
    assert [public for _waves, _language, public in builds] == [False, True]
    # with a wave not public in the comparison: sent to log in, nothing asked of the worker
    both = client.get(f"/observatory/regional.pdf?waves={a},{b}&lang=es")
    assert both.status_code == 302 and "/auth/login" in both.headers["Location"]
    assert _work(app) == 0


@pytest.mark.parametrize("app_config", [{"REPORT_WORKER": "off"}])
def test_a_failed_build_is_a_503_that_is_retried(
    app: Flask,
    client: FlaskClient,
    countries: tuple[int, int],
    make_user: Callable[..., User],
    login: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise RuntimeError("WeasyPrint fell over")

    monkeypatch.setattr(regional_service, "regional_pdf", broken)
    url = f"/observatory/regional.pdf?waves={countries[0]}&lang=en"
    assert client.get(url).status_code == 202
    _work(app)  # (the wave's indicator table, taken before the render failed, is kept)
    failed = client.get(url)
    assert failed.status_code == 503 and failed.headers["Retry-After"] == "60"
    assert "error on our side" in failed.text and "WeasyPrint" not in failed.text
    monkeypatch.undo()
    _stub_builds(monkeypatch)
    with app.app_context():  # a minute later the next request asks again
        earlier = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=2)
        db.session.execute(sa.update(ReportOutput).values(finished_at=earlier))
        db.session.commit()
    assert client.get(url).status_code == 202 and _work(app) == 1
    assert client.get(url).status_code == 200


def _regional_rows(app: Flask) -> list[tuple[str | None, str]]:
    with app.app_context():
        return [
            (r.waves, r.area_key)
            for r in db.session.scalars(
                sa.select(ReportOutput)
                .where(ReportOutput.kind == OutputKind.regional)
                .order_by(ReportOutput.id)
            )
        ]


def _other_comparison(app: Flask, first: int, waves: str) -> int:
    """A ready comparison row of ``waves`` (first wave ``first``) with one part, of its first
    wave's current data version (so pruning keeps it for that)."""
    from surveyapp.models import OutputStatus, ReportOutputPart
    from surveyapp.services.reports import data_version

    with app.app_context():
        wave = db.session.get(Wave, first)
        assert wave is not None
        row = ReportOutput(
            kind=OutputKind.regional,
            wave_id=first,
            area_key=f"other-{waves}",
            language="en",
            public=False,
            data_version=data_version(db.session, wave, report_settings(app)),
            status=OutputStatus.ready,
            content=b"%PDF-other",
            waves=waves,
        )
        db.session.add(row)
        db.session.flush()
        db.session.add(ReportOutputPart(output_id=row.id, seq=0, data=b"part"))
        db.session.commit()
        return row.id


def _drop_interviews(app: Flask, wave_id: int) -> None:
    """Interviews keep their wave (RESTRICT): a wave is deleted after them."""
    with app.app_context():
        db.session.execute(sa.delete(Interview).where(Interview.wave_id == wave_id))
        db.session.commit()


@pytest.mark.parametrize("app_config", [{"REPORT_WORKER": "off"}])
def test_deleting_a_wave_other_than_the_first_deletes_the_comparisons_that_include_it(
    app: Flask,
    client: FlaskClient,
    countries: tuple[int, int],
    make_user: Callable[..., User],
    login: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from surveyapp.models import ReportOutputPart

    _stub_builds(monkeypatch)
    assert login(client, make_user(Role.analyst)).status_code == 302
    a, b = countries
    url = f"/observatory/regional.pdf?waves={a},{b}&lang=en"
    assert client.get(url).status_code == 202 and _work(app) == 1
    assert client.get(url).status_code == 200
    with_b = _other_comparison(app, a, f"{a},{a},{b}")  # b last, its parts to go with it
    # a wave whose id starts or ends like b's is another wave: kept
    other = _other_comparison(app, a, f"{a},{b}0,1{b}")
    assert [w for w, _ in _regional_rows(app)] == [f"{a},{b}", f"{a},{a},{b}", f"{a},{b}0,1{b}"]

    _drop_interviews(app, b)
    with app.app_context():
        wave = db.session.get(Wave, b)
        assert wave is not None
        db.session.delete(wave)
        db.session.commit()
        parts = db.session.scalars(sa.select(ReportOutputPart.output_id)).all()
    assert _regional_rows(app) == [(f"{a},{b}0,1{b}", f"other-{a},{b}0,1{b}")]
    assert parts == [other] and with_b not in parts, "the parts went with their comparison"
    assert client.get(url).status_code == 404


def test_a_comparison_a_bulk_delete_of_its_wave_leaves_goes_at_the_next_prune(
    app: Flask, countries: tuple[int, int]
) -> None:
    from surveyapp.services.reports import prune_outputs

    a, b = countries
    _other_comparison(app, a, f"{a},{b}")
    _drop_interviews(app, b)
    with app.app_context():
        db.session.execute(sa.delete(Wave).where(Wave.id == b))  # no ORM object: no event
        db.session.commit()
    kept = _other_comparison(app, a, f"{a}")
    assert [w for w, _ in _regional_rows(app)] == [f"{a},{b}", f"{a}"]
    with app.app_context():
        assert prune_outputs(db.session, report_settings(app)) == 1
        db.session.commit()
        assert db.session.get(ReportOutput, kept) is not None
    assert [w for w, _ in _regional_rows(app)] == [f"{a}"]


def test_no_waves_to_compare_is_said_in_the_pages_language(client: FlaskClient) -> None:
    page = client.get("/observatory/regional.pdf?lang=fr")
    assert page.status_code == 404 and '<html lang="fr"' in page.text
    assert "Aucune vague d'enquête avec des résultats à comparer." in unescape(page.text)


@pytest.mark.parametrize(
    ("language", "start", "end"),
    [
        ("es", "1 de enero de 2024", "31 de diciembre de 2024"),
        ("fr", "1er\u00a0janvier\u00a02024", "31\u00a0décembre\u00a02024"),
    ],
)
def test_the_reference_periods_are_dates_of_the_pages_language_not_iso(
    client: FlaskClient,
    countries: tuple[int, int],
    make_user: Callable[..., User],
    login: Callable[..., Any],
    language: str,
    start: str,
    end: str,
) -> None:
    # the choices and the waves' table read "2024-01-01 – 2024-12-31", and so did the
    # observatory's list of waves
    assert login(client, make_user(Role.analyst)).status_code == 302
    a, b = countries
    page = unescape(
        client.get(f"/observatory/regional?waves={a},{b}&lang={language}").get_data(as_text=True)
    )
    period = f'<span class="nowrap">{start}</span> – <span class="nowrap">{end}</span>'
    choices = page[
        page.index('class="obs-waves"') : page.index("</fieldset>", page.index('class="obs-waves"'))
    ]
    waves = page[
        page.index('id="regional-waves"') : page.index(
            "</table>", page.index('id="regional-waves"')
        )
    ]
    assert choices.count(period) == 2 and waves.count(period) == 2
    index = unescape(client.get(f"/observatory/?lang={language}").get_data(as_text=True))
    start_at = index.index('<ul class="list">')
    listing = index[start_at : index.index("</ul>", start_at)]
    assert listing.count(period) == 2
    for part in (choices, waves, listing):
        visible = re.sub(r"<[^>]+>", " ", part)
        assert not re.search(r"\d{4}-\d{2}-\d{2}", visible), visible
