"""The respondent web survey through the Flask test client, on the standard questionnaire.

CSRF protection is on in these tests, as in production: every post sends the
token of the page it comes from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import logging
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from werkzeug.test import TestResponse

from questionnaires.loader import standard_instrument_paths
from surveyapp.extensions import db
from surveyapp.models import (
    Disposition,
    IncidentRecord,
    InstrumentVersion,
    Interview,
    InterviewStatus,
    InvitationCode,
    SampleUnit,
    SampleUnitStatus,
    Wave,
    WaveStatus,
)
from surveyapp.services.invitations import generate_codes
from surveyapp.services.waves import create_wave


def _load_scenario() -> ModuleType:
    path = Path(__file__).parent / "browser" / "scenario.py"
    spec = importlib.util.spec_from_file_location("respond_scenario", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scenario = _load_scenario()
_HIDDEN = re.compile(
    r'<input id="(csrf_token|version|interview|token|language)" name="\1" type="hidden" value="([^"]*)"'
)
VICT_STD = next(p for p in standard_instrument_paths() if p.name == "vict_std.yaml")


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": True}


@pytest.fixture
def std_version(app: Flask) -> int:
    """vict_std stored in the test database; returns its id."""
    from surveyapp.services.instruments import load_instrument_files

    with app.app_context():
        [(row, _created)] = load_instrument_files(db.session, [VICT_STD])
        db.session.commit()
        return row.id


@pytest.fixture
def make_std_wave(app: Flask, std_version: int) -> Callable[..., str]:
    """``make_std_wave(**settings)`` -> slug of an open web wave on vict_std."""
    counter = iter(range(1, 1000))

    def factory(**settings: Any) -> str:
        values: dict[str, Any] = {
            "name": f"Encuesta {next(counter)}",
            "reference_start": dt.date(2025, 1, 1),
            "reference_end": dt.date(2025, 12, 31),
            "invitation_required": False,
            "status": WaveStatus.open,
        }
        values.update(settings)
        with app.app_context():
            version = db.session.get(InstrumentVersion, std_version)
            assert version is not None
            wave = create_wave(db.session, instrument_version=version, **values)
            db.session.commit()
            return wave.slug

    return factory


@pytest.fixture
def slug(make_std_wave: Callable[..., str]) -> str:
    return make_std_wave(slug="ola-2026")


@pytest.fixture
def invitation(app: Flask, make_std_wave: Callable[..., str]) -> tuple[str, list[str]]:
    """An invitation-only wave with three households; returns (slug, plain codes)."""
    wave_slug = make_std_wave(invitation_required=True)
    with app.app_context():
        wave = db.session.scalar(sa.select(Wave).where(Wave.slug == wave_slug))
        assert wave is not None
        units = [SampleUnit(wave_id=wave.id, external_id=f"H{i}") for i in range(3)]
        db.session.add_all(units)
        db.session.flush()
        codes = [code for _unit, code in generate_codes(db.session, wave, units)]
        db.session.commit()
    return wave_slug, codes


def hidden(html: str) -> dict[str, str]:
    return {name: value for name, value in _HIDDEN.findall(html)}


class Respondent:
    """A browser without JavaScript: follows redirects by hand, posts what pages hold."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def get(self, path: str) -> tuple[TestResponse, str]:
        response = self.client.get(path)
        return response, response.get_data(as_text=True)

    def start(self, slug: str, language: str = "en") -> TestResponse:
        _response, html = self.get(f"/s/{slug}?lang={language}")
        return self.client.post(f"/s/{slug}/start", data={**hidden(html), "language": language})

    def post_page(
        self, page_id: str, answers: dict[str, Any], action: str = "next", **override: str
    ) -> TestResponse:
        response, html = self.get(f"/s/p/{page_id}")
        assert response.status_code == 200, (page_id, response.status_code, response.headers)
        data: dict[str, Any] = {**hidden(html), "action": action, **answers, **override}
        return self.client.post(f"/s/p/{page_id}", data=data)

    def walk(self, pages: list[tuple[str, dict[str, Any]]]) -> TestResponse:
        response: TestResponse | None = None
        for page_id, answers in pages:
            response = self.post_page(page_id, answers)
            assert response.status_code == 302, (page_id, response.get_data(as_text=True)[:3000])
        assert response is not None
        return response


@pytest.fixture
def respondent(client: FlaskClient) -> Respondent:
    return Respondent(client)


def interviews(app: Flask) -> list[Interview]:
    with app.app_context():
        rows = list(db.session.scalars(sa.select(Interview).order_by(Interview.id)))
        for row in rows:
            _ = row.answers, row.version
        db.session.expunge_all()
        return rows


def only_interview(app: Flask) -> Interview:
    [row] = interviews(app)
    return row


def pages_until(page_id: str) -> list[tuple[str, dict[str, Any]]]:
    ids = [p for p, _ in scenario.PAGES]
    return scenario.PAGES[: ids.index(page_id) + 1]


def pages_after(page_id: str) -> list[tuple[str, dict[str, Any]]]:
    ids = [p for p, _ in scenario.PAGES]
    return scenario.PAGES[ids.index(page_id) + 1 :]


# --- the whole survey ---------------------------------------------------------------------


def test_whole_survey_stores_exactly_what_was_typed(
    app: Flask, slug: str, respondent: Respondent
) -> None:
    assert respondent.start(slug).headers["Location"] == "/s/p/intro"
    pages = [
        (page_id, {**answers, **scenario.NOT_STORED.get(page_id, {})})
        for page_id, answers in scenario.PAGES
    ]
    last = respondent.walk(pages)
    assert last.headers["Location"] == "/s/done"
    _response, html = respondent.get("/s/done")
    assert "Thank you for taking part" in html

    stored = only_interview(app)
    assert stored.status is InterviewStatus.completed
    assert stored.disposition == 110
    assert stored.language == "en"
    with app.app_context():
        version = db.session.get(InstrumentVersion, stored.instrument_version_id)
        assert version is not None
        scenario.check_document(stored.answers, version.document)
        incidents = db.session.scalars(
            sa.select(IncidentRecord).order_by(IncidentRecord.position)
        ).all()
        assert [(i.position, i.crime_type) for i in incidents] == [(1, "6"), (2, "11")]


def test_a_page_reads_only_the_interview_row(app: Flask, slug: str, respondent: Respondent) -> None:
    """Showing a page is one SELECT outside any transaction; saving one adds the UPDATE (by
    itself) or, when the incidents change, the UPDATE with their DELETE and INSERT in one
    transaction: no other query
    (a lazy load of a column or a relationship the respondent's query leaves out would show
    here)."""
    respondent.start(slug)
    statements: list[str] = []
    autocommit: list[bool] = []
    with app.app_context():

        def record(*args: Any) -> None:
            statements.append(args[2].split()[0].upper() + " " + args[2].split("FROM ")[-1][:20])
            raw = args[0].connection.dbapi_connection  # psycopg: .autocommit; sqlite3: None level
            autocommit.append(
                getattr(raw, "autocommit", False) is True or raw.isolation_level is None
            )

        sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        for page_id, answers in scenario.PAGES[:-1]:  # the last page completes the interview
            response, html = respondent.get(f"/s/p/{page_id}")
            assert response.status_code == 200
            assert [s.split()[0] for s in statements] == ["SELECT"], (page_id, statements)
            assert autocommit == [True]  # no transaction (no BEGIN and ROLLBACK) to show a page
            del statements[:], autocommit[:]
            data = {**hidden(html), "action": "next", **answers}
            assert respondent.client.post(f"/s/p/{page_id}", data=data).status_code == 302
            kinds = [s.split()[0] for s in statements]
            assert kinds[:2] == ["SELECT", "UPDATE"], (page_id, statements)
            assert all(s.startswith(("DELETE incident_records", "INSERT")) for s in statements[2:])
            assert kinds.count("SELECT") == 1, (page_id, statements)
            # Read outside a transaction; the save is one UPDATE (atomic by itself), or with
            # the incident rows in one transaction.
            assert autocommit[0] is True, (page_id, statements)
            several = len(statements) > 2
            assert autocommit[1:] == [not several] * (len(statements) - 1), (page_id, statements)
            del statements[:], autocommit[:]
    finally:
        with app.app_context():
            sa.event.remove(db.engine, "before_cursor_execute", record)


def test_entering_reads_the_wave_once_and_starting_writes_without_reading_back(
    app: Flask, slug: str, respondent: Respondent
) -> None:
    """The public link's page is one SELECT (the wave with its questionnaire's row); the start
    adds the wave's SELECT, the look-up of the start token, the INSERT and its commit, and the
    first page opens without reading back what was just written. (A crowd arriving at once,
    after an SMS campaign, queues behind these two requests.)"""
    # another respondent first: the questionnaire's document is read once per process
    Respondent(app.test_client()).start(slug)
    statements: list[str] = []
    with app.app_context():

        def record(*args: Any) -> None:
            statements.append(" ".join(args[2].split()[:4]).upper())

        sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        response, html = respondent.get(f"/s/{slug}?lang=en")
        assert response.status_code == 200
        assert [s.split()[0] for s in statements] == ["SELECT"], statements
        del statements[:]
        started = respondent.client.post(
            f"/s/{slug}/start", data={**hidden(html), "language": "en"}
        )
        assert started.status_code == 302
        assert started.headers["Location"].startswith("/s/p/")
        kinds = [s.split()[0] for s in statements]
        # the wave, the start token; then one INSERT with the resume code and first page
        assert kinds == ["SELECT", "SELECT", "INSERT"], statements
    finally:
        with app.app_context():
            sa.event.remove(db.engine, "before_cursor_execute", record)
    first = started.headers["Location"]
    response, _html = respondent.get(first)
    assert response.status_code == 200  # the page the start sent the respondent to
    with app.app_context():
        rows = db.session.execute(sa.select(Interview.last_section, Interview.resume_code_hash))
        assert {(page, bool(code)) for page, code in rows} == {(first.rsplit("/", 1)[-1], True)}


def test_the_thank_you_page_reads_the_wave_once(
    app: Flask, slug: str, respondent: Respondent
) -> None:
    respondent.start(slug)
    respondent.walk(scenario.PAGES)
    statements: list[str] = []
    with app.app_context():

        def record(*args: Any) -> None:
            statements.append(" ".join(args[2].split()[:3]).upper())

        sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        response, html = respondent.get("/s/done")
    finally:
        with app.app_context():
            sa.event.remove(db.engine, "before_cursor_execute", record)
    assert response.status_code == 200 and "Thank you for taking part" in html
    # the wave with its questionnaire row, for the title (the session cookie has the rest)
    assert [s.split()[0] for s in statements] == ["SELECT"], statements


def _commit_sync_levels(app: Flask) -> list[int]:
    """SQLite's ``synchronous`` level at every commit from now on (2 = FULL, 1 = NORMAL)."""
    levels: list[int] = []
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite only")

        def record(connection: sa.Connection) -> None:
            levels.append(int(connection.exec_driver_sql("PRAGMA synchronous").scalar_one()))

        sa.event.listen(db.engine, "commit", record)
    return levels


def test_page_saves_are_not_synced_but_leaving_and_finishing_are(
    app: Flask, slug: str, respondent: Respondent
) -> None:
    respondent.start(slug)
    levels = _commit_sync_levels(app)
    respondent.walk(pages_until("hh_assets"))
    assert levels and set(levels) == {1}  # NORMAL: safe against the application crashing
    del levels[:]
    next_id, next_answers = pages_after("hh_assets")[0]
    assert (
        respondent.post_page(next_id, next_answers, action="save").headers["Location"] == "/s/save"
    )
    assert levels == [2]  # "Save and continue later": FULL
    del levels[:]
    respondent.walk(pages_after(next_id))
    assert set(levels[:-1]) == {1} and levels[-1] == 2  # the answers that complete it: FULL
    assert only_interview(app).status is InterviewStatus.completed
    with app.app_context(), db.engine.connect() as connection:
        assert (
            connection.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2
        )  # back in the pool


def test_every_page_save_is_synced_when_configured(
    app: Flask, slug: str, respondent: Respondent
) -> None:
    app.config["RESPOND_PAGE_SYNC"] = "FULL"
    respondent.start(slug)
    levels = _commit_sync_levels(app)
    respondent.walk(pages_until("hh_assets"))
    assert levels and set(levels) == {2}


def test_incident_pages_are_titled_by_the_engine(slug: str, respondent: Respondent) -> None:
    respondent.start(slug)
    respondent.walk(pages_until("incidents/1"))
    _response, html = respondent.get("/s/p/incidents/2")
    assert '<h1 class="heading-l">Incident 2 of 2: Robbery</h1>' in html
    # the 31 sections that can show something; every incident page is section 20
    assert "Section 20 of 31" in html


def test_progress_counts_sections_so_answers_never_change_the_total(
    slug: str, respondent: Respondent
) -> None:
    respondent.start(slug)
    respondent.walk(pages_until("hh_assets"))
    _response, html = respondent.get("/s/p/hh_assets")
    assert "Section 4 of 31" in html
    respondent.walk(pages_until("incidents/1")[4:])  # two crimes reported: two incident pages
    for page_id in ("hv_bike", "pv_kidnap", "incidents/1", "incidents/2"):
        _response, html = respondent.get(f"/s/p/{page_id}")
        assert re.search(r"Section \d+ of 31<", html), page_id
    _response, html = respondent.get("/s/p/hv_bike")
    assert "Section 9 of 31" in html, (
        "the car, parts, vandalism and motorcycle sections passed over"
    )


def test_spanish_is_the_default_and_other_languages_can_be_chosen(
    slug: str, client: FlaskClient
) -> None:
    html = client.get(f"/s/{slug}").get_data(as_text=True)
    assert '<html lang="es">' in html and "Antes de empezar" in html
    assert "nunca se publican" in html.lower() or "Nunca se" in html
    html = client.get(f"/s/{slug}?lang=pt").get_data(as_text=True)
    assert '<html lang="pt">' in html and "Antes de começar" in html
    html = client.get(f"/s/{slug}", headers={"Accept-Language": "fr-CA,fr;q=0.9"}).get_data(
        as_text=True
    )
    assert '<html lang="fr">' in html


def test_only_the_wave_languages_are_offered(
    make_std_wave: Callable[..., str], respondent: Respondent, app: Flask
) -> None:
    wave_slug = make_std_wave(languages=["es", "pt"])
    html = respondent.client.get(f"/s/{wave_slug}?lang=en").get_data(as_text=True)
    assert '<html lang="es">' in html and "English" not in html and "Português" in html
    response = respondent.start(wave_slug, language="en")  # tampered language
    assert response.status_code == 302 and response.headers["Location"] == f"/s/{wave_slug}"
    assert interviews(app) == []


def test_consent_page_says_what_is_collected_and_that_the_ip_is_not_kept(
    slug: str, client: FlaskClient
) -> None:
    html = client.get(f"/s/{slug}?lang=en").get_data(as_text=True)
    for phrase in (
        "last 12 months",
        "confidential",
        "IP address",
        "Prefer not to answer",
        "continue later",
    ):
        assert phrase in html


def test_closed_and_unknown_waves(make_std_wave: Callable[..., str], client: FlaskClient) -> None:
    closed = make_std_wave(status=WaveStatus.closed)
    assert "This survey is closed" in client.get(f"/s/{closed}?lang=en").get_data(as_text=True)
    assert client.get("/s/no-such-wave").status_code == 404


# --- refresh, double clicks, back ---------------------------------------------------------


def test_double_start_creates_one_interview(app: Flask, slug: str, client: FlaskClient) -> None:
    html = client.get(f"/s/{slug}?lang=en").get_data(as_text=True)
    data = {**hidden(html)}
    first = client.post(f"/s/{slug}/start", data=data)
    second = client.post(f"/s/{slug}/start", data=data)
    assert first.status_code == second.status_code == 302
    assert second.headers["Location"] == "/s/p/intro"
    assert len(interviews(app)) == 1
    # Opening the link again goes back to the same interview.
    assert client.get(f"/s/{slug}").headers["Location"] == "/s/p/intro"


def test_reposting_a_page_writes_nothing_and_moves_on(
    app: Flask, slug: str, respondent: Respondent
) -> None:
    respondent.start(slug)
    respondent.walk(pages_until("intro"))
    _response, html = respondent.get("/s/p/household")
    data = {**hidden(html), "hh_size": "3", "hh_adults": "2", "hh_area": "2"}
    first = respondent.client.post("/s/p/household", data=data)
    version = only_interview(app).version
    again = respondent.client.post("/s/p/household", data=data)  # double click / browser re-post
    assert first.headers["Location"] == again.headers["Location"] == "/s/p/respondent"
    after = only_interview(app)
    assert after.version == version
    assert after.answers["hh_size"] == 3


def test_an_older_form_with_changed_answers_is_still_saved(
    app: Flask, slug: str, respondent: Respondent
) -> None:
    respondent.start(slug)
    respondent.walk(pages_until("household"))
    _response, html = respondent.get("/s/p/household")
    old = hidden(html)
    respondent.post_page("household", {"hh_size": "5", "hh_adults": "2", "hh_area": "1"})
    response = respondent.client.post(
        "/s/p/household", data={**old, "hh_size": "6", "hh_adults": "3", "hh_area": "1"}
    )
    assert response.headers["Location"] == "/s/p/respondent"
    assert only_interview(app).answers["hh_size"] == 6


@pytest.mark.parametrize("page_id", ["household", "pv_rob"])  # one UPDATE; with incident rows
def test_a_save_racing_another_is_refused_and_overwrites_nothing(
    app: Flask, slug: str, respondent: Respondent, page_id: str
) -> None:
    """Another save lands between the page's read and its UPDATE (another tab, a retry): the
    row's version no longer matches, nothing of this post is written, the respondent is sent
    back to the page, which shows what was saved."""
    respondent.start(slug)
    respondent.walk(pages_until(page_id)[:-1])
    answers = dict(pages_until(page_id)[-1][1])
    if page_id == "household":
        answers = {"hh_size": "3", "hh_adults": "2", "hh_area": "2"}
    before = only_interview(app)
    raced: list[int] = []
    with app.app_context():
        engine = db.engine
        count = sa.select(sa.func.count()).select_from(IncidentRecord)
        incidents = db.session.scalar(count)

        def other_save(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            if statement.startswith("UPDATE interviews") and not raced:
                raced.append(1)
                with engine.connect() as other:  # its own connection and transaction
                    other.execute(
                        sa.text("UPDATE interviews SET version = version + 1, last_section = 'x'")
                    )
                    other.commit()

        sa.event.listen(engine, "before_cursor_execute", other_save)
    try:
        response = respondent.post_page(page_id, answers)
    finally:
        with app.app_context():
            sa.event.remove(db.engine, "before_cursor_execute", other_save)
    assert raced and response.status_code == 302
    assert response.headers["Location"] == f"/s/p/{page_id}"  # back to the page
    after = only_interview(app)
    assert after.version == before.version + 1 and after.last_section == "x"  # the other save
    assert after.answers == before.answers  # nothing of this post
    with app.app_context():
        assert db.session.scalar(count) == incidents  # no incident row rebuilt either


def _respondent_page(**answers: Any) -> dict[str, Any]:
    page = dict(scenario.PAGES[2][1])
    page.pop("dem_years_nbhd__special")
    return {**page, **answers}


def test_a_dont_know_is_undone_by_typing_a_number_without_javascript(
    app: Flask, slug: str, respondent: Respondent
) -> None:
    respondent.start(slug)
    respondent.walk(pages_until("respondent"))  # "Don't know" stored for dem_years_nbhd
    assert only_interview(app).answers["dem_years_nbhd"] == -8
    # no JavaScript: the ticked box is sent again with the number typed under it
    response = respondent.post_page(
        "respondent", _respondent_page(dem_years_nbhd="12", dem_years_nbhd__special="-8")
    )
    assert response.status_code == 302, "the number typed is the change: no error"
    assert only_interview(app).answers["dem_years_nbhd"] == 12
    # and back: "Don't know" ticked under the stored number
    response = respondent.post_page(
        "respondent", _respondent_page(dem_years_nbhd="12", dem_years_nbhd__special="-8")
    )
    assert response.status_code == 302
    assert only_interview(app).answers["dem_years_nbhd"] == -8
    _response, html = respondent.get("/s/p/respondent")
    assert re.search(r'<input checked [^>]*name="dem_years_nbhd__special" type="checkbox"', html)


def test_a_number_and_dont_know_both_new_ask_for_one_and_say_how(
    app: Flask, slug: str, respondent: Respondent
) -> None:
    respondent.start(slug)
    respondent.walk(pages_until("household"))
    before = only_interview(app).answers
    response = respondent.post_page(
        "respondent", _respondent_page(dem_years_nbhd="7", dem_years_nbhd__special="-8")
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and only_interview(app).answers == before
    assert (
        "Enter an answer or choose \u2018Don&#39;t know\u2019, not both. "
        "To change your answer, untick or clear the one you do not want." in html
    )
    response = respondent.post_page("respondent", _respondent_page(dem_years_nbhd=""))
    html = response.get_data(as_text=True)
    assert "Enter a number, or choose \u2018Don&#39;t know\u2019." in html


def test_the_completion_page_names_the_survey_in_a_confirmation_panel(
    slug: str, respondent: Respondent
) -> None:
    respondent.start(slug)
    respondent.walk([(p, {**a, **scenario.NOT_STORED.get(p, {})}) for p, a in scenario.PAGES])
    _response, html = respondent.get("/s/done")
    title = re.search(r'<span class="site-name">([^<]+)</span>', html)
    assert title is not None and title.group(1) not in ("Survey", "")
    panel = html[html.index('class="panel panel--confirmation"') :]
    assert '<h1 class="panel__title">Thank you</h1>' in panel
    assert f"Answers received: {title.group(1)}" in panel


def test_the_back_link_is_inside_the_main_landmark(slug: str, respondent: Respondent) -> None:
    respondent.start(slug)
    respondent.walk(pages_until("household"))
    _response, html = respondent.get("/s/p/respondent")
    assert html.index('<main id="main"') < html.index('class="back-link"') < html.index("</main>")


def test_back_shows_the_saved_answers(slug: str, respondent: Respondent) -> None:
    respondent.start(slug)
    respondent.walk(pages_until("respondent"))
    _response, html = respondent.get("/s/p/respondent")
    assert 'href="/s/p/household" class="back-link"' in html
    _response, html = respondent.get("/s/p/household")
    assert re.search(
        r'<input [^>]*id="hh_size" inputmode="numeric" name="hh_size" type="text" value="4"', html
    )
    assert re.search(
        r'<input checked [^>]*id="hh_area-0" name="hh_area" type="radio" value="1"', html
    )
    _response, html = respondent.get("/s/p/respondent")
    assert re.search(
        r'<input checked [^>]*id="dem_years_nbhd__special-0" name="dem_years_nbhd__special" '
        r'type="checkbox" value="-8"',
        html,
    )
    # Going back and on again keeps the furthest page reached.
    respondent.post_page("household", scenario.PAGES[1][1])
    assert respondent.client.get("/s/continue").headers["Location"] == "/s/p/hh_assets"


def test_pages_ahead_of_the_respondent_cannot_be_opened(slug: str, respondent: Respondent) -> None:
    respondent.start(slug)
    response = respondent.client.get("/s/p/per_safety")
    assert response.status_code == 302 and response.headers["Location"] == "/s/p/intro"


def test_unknown_and_skipped_pages_are_not_found(slug: str, respondent: Respondent) -> None:
    respondent.start(slug)
    respondent.walk(pages_until("hh_assets"))
    assert respondent.client.get("/s/p/nonsense").status_code == 404
    assert respondent.client.get("/s/p/hv_car").status_code == 404  # no car: not asked
    assert respondent.client.get("/s/p/incidents/7").status_code == 404
    response = respondent.client.post("/s/p/../../etc", data={})
    assert response.status_code in (400, 404)


def test_finishing_with_questions_unanswered_goes_back_to_them(
    app: Flask, slug: str, respondent: Respondent
) -> None:
    respondent.start(slug)
    respondent.walk(scenario.PAGES[:-1])
    with app.app_context():
        row = db.session.scalar(sa.select(Interview))
        assert row is not None
        answers = dict(row.answers)
        del answers["dem_age"]  # as if the respondent had never answered it
        row.answers = answers
        db.session.commit()
    response = respondent.post_page("closing", {})
    assert response.headers["Location"] == "/s/p/respondent"
    _response, html = respondent.get("/s/p/respondent")
    assert "Some questions still need an answer" in html
    assert only_interview(app).status is InterviewStatus.in_progress


def test_after_completion_posts_and_pages_go_to_the_thank_you_page(
    slug: str, respondent: Respondent
) -> None:
    respondent.start(slug)
    respondent.walk(scenario.PAGES)
    assert respondent.client.get("/s/p/household").headers["Location"] == "/s/done"
    assert respondent.client.get("/s/continue").headers["Location"] == "/s/done"


# --- bad input ------------------------------------------------------------------------------


def _at_household(slug: str, respondent: Respondent) -> None:
    respondent.start(slug)
    respondent.walk(pages_until("intro"))


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        (
            {"hh_size": "4", "hh_adults": "2", "hh_area": "9"},
            "hh_area",
            "Choose one of the options shown.",
        ),
        (
            {"hh_size": "400", "hh_adults": "2", "hh_area": "1"},
            "hh_size",
            "Enter a number from 1 to 30.",
        ),
        ({"hh_size": "four", "hh_adults": "2", "hh_area": "1"}, "hh_size", "Enter a whole number."),
        ({"hh_size": "2", "hh_adults": "3", "hh_area": "1"}, "hh_adults", "cannot be larger"),
        (
            {"hh_size": "", "hh_adults": "2", "hh_area": "1"},
            "hh_size",
            "Enter a number.",
        ),
        (
            {"hh_size": "4", "hh_adults": "2", "hh_area": ""},
            "hh_area",
            "Choose an answer.",
        ),
        (
            {"hh_size": ["2", "3"], "hh_adults": "2", "hh_area": "1"},
            "hh_size",
            "Give only one answer.",
        ),
    ],
)
def test_invalid_answers_are_explained_and_nothing_is_stored(
    app: Flask, slug: str, respondent: Respondent, answers: dict[str, Any], field: str, message: str
) -> None:
    _at_household(slug, respondent)
    before = only_interview(app)
    response = respondent.post_page("household", answers)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: Your household" in html
    summary = html[html.index('class="error-summary"') : html.index("</ul>")]
    anchor = f"{field}-0" if field == "hh_area" else field
    assert f'href="#{anchor}"' in summary and message in summary
    assert f'id="{anchor}"' in html
    assert re.search(rf'id="{field}-error" class="error-message">.*{re.escape(message)}', html)
    after = only_interview(app)
    assert after.answers == before.answers and after.version == before.version


def test_answers_for_items_not_asked_or_not_on_the_page_are_ignored(
    app: Flask, slug: str, respondent: Respondent
) -> None:
    respondent.start(slug)
    respondent.walk(pages_until("hv_bike"))
    response = respondent.post_page(
        "hv_burg",
        {
            "hv_burg_5y": "2",
            "hv_burg_12m": "1",
            "hv_burg_n": "7",
            "dem_age": "12",
            "incident": "x",
            "hh_size": "30",
        },
    )
    assert response.headers["Location"] == "/s/p/hv_aburg"
    answers = only_interview(app).answers
    assert answers["hv_burg_5y"] == 2
    assert "hv_burg_12m" not in answers and "hv_burg_n" not in answers
    assert answers["dem_age"] == 41 and answers["hh_size"] == 4


def test_a_post_for_another_interview_is_refused(
    app: Flask, slug: str, respondent: Respondent
) -> None:
    _at_household(slug, respondent)
    before = only_interview(app)
    response = respondent.post_page(
        "household", scenario.PAGES[1][1], interview="00000000-0000-4000-8000-000000000000"
    )
    assert response.status_code == 409
    assert "another survey session" in response.get_data(as_text=True)
    response = respondent.post_page("household", scenario.PAGES[1][1], version="x")
    assert response.status_code == 409
    assert only_interview(app).answers == before.answers


def test_posts_without_a_valid_csrf_token_are_refused(
    app: Flask, slug: str, respondent: Respondent
) -> None:
    _at_household(slug, respondent)
    before = only_interview(app)
    for token in ("", "forged"):
        response = respondent.post_page("household", scenario.PAGES[1][1], csrf_token=token)
        assert response.status_code == 400
        assert "The page had expired" in response.get_data(as_text=True)
    assert only_interview(app).answers == before.answers


def test_oversized_bodies_are_refused(app: Flask, slug: str, respondent: Respondent) -> None:
    _at_household(slug, respondent)
    response = respondent.post_page("household", {"hh_size": "4" * 200_000})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)
    assert "hh_size" not in only_interview(app).answers


def test_without_a_session_pages_say_how_to_continue(client: FlaskClient, slug: str) -> None:
    for path in ("/s/p/household", "/s/continue", "/s/save"):
        response = client.get(path)
        assert response.status_code == 200
        assert "Open the survey link again" in client.get(
            path + "?lang=en", headers={"Accept-Language": "en"}
        ).get_data(as_text=True)


# --- save, leave, resume ------------------------------------------------------------------


def _resume_code(html: str) -> str:
    match = re.search(r"data-resume-code>([^<]+)<", html)
    assert match is not None
    return match.group(1)


def test_save_leave_and_resume_with_the_code(app: Flask, slug: str, respondent: Respondent) -> None:
    respondent.start(slug)
    respondent.walk(pages_until("hv_aburg"))
    response = respondent.post_page("pv_rob", {"pv_rob_5y": "2"}, action="save")
    assert response.headers["Location"] == "/s/save"
    _response, html = respondent.get("/s/save")
    code = _resume_code(html)
    assert f"/s/{slug}/resume" in html
    stored = only_interview(app)
    # Stored as the invitation codes are: the SHA-256 of its letters, without the hyphens.
    assert stored.resume_code_hash == hashlib.sha256(code.replace("-", "").encode()).hexdigest()
    assert stored.answers["pv_rob_5y"] == 2 and stored.last_section == "pv_theft"

    _response, html = respondent.get("/s/save")
    assert _resume_code(html) == code  # shown again, not reissued
    response = respondent.client.post("/s/leave", data={"csrf_token": hidden(html)["csrf_token"]})
    assert "You can close this page" in response.get_data(as_text=True)
    assert "Open the survey link again" in respondent.get("/s/p/household?lang=en")[1]

    _response, html = respondent.get(f"/s/{slug}/resume?lang=en")
    token = hidden(html)["csrf_token"]
    wrong = respondent.client.post(
        f"/s/{slug}/resume?lang=en", data={"csrf_token": token, "code": "nope"}
    )
    assert "This code cannot be used" in wrong.get_data(as_text=True)
    response = respondent.client.post(
        f"/s/{slug}/resume", data={"csrf_token": token, "code": f" {code.lower()} "}
    )
    assert response.headers["Location"] == "/s/p/pv_theft"
    respondent.walk(pages_after("pv_rob")[:1])
    assert len(interviews(app)) == 1


def _summary(html: str) -> list[str]:
    found = re.search(r'<ul class="error-summary__list">(.*?)</ul>', html, re.S)
    assert found is not None
    return [
        re.sub(r"<[^>]+>", "", entry).replace("&#39;", "'")
        for entry in re.findall(r"<li>(.*?)</li>", found.group(1))
    ]


def test_the_error_summary_tells_questions_with_the_same_beginning_apart(
    slug: str, respondent: Respondent
) -> None:
    """Three questions starting 'Over the past five years, have you or anyone in your household
    owned…' were three identical lines in the summary, shortened at the same word."""
    respondent.start(slug)
    respondent.walk(pages_until("respondent"))
    html = respondent.post_page("hh_assets", {}).get_data(as_text=True)
    summary = _summary(html)
    assert len(summary) == 3 and len(set(summary)) == 3, summary
    assert "owned a car, van or truck for private use? \u2013 Choose an answer." in summary[0]


def test_the_saved_page_is_headed_by_the_survey_title_as_the_other_pages(
    slug: str, respondent: Respondent
) -> None:
    """The page with the resume code said only 'Survey' at its head, where the question
    pages and the thank-you page name the survey the respondent is answering."""
    respondent.start(slug)
    _response, page = respondent.get("/s/p/intro")
    title = re.search(r'<span class="site-name">([^<]+)</span>', page)
    assert title is not None and title.group(1) not in ("Survey", "Encuesta")
    _response, html = respondent.get("/s/save")
    assert f'<span class="site-name">{title.group(1)}</span>' in html


def test_saving_for_later_a_page_with_a_mistake_keeps_what_was_typed_and_says_why(
    app: Flask, slug: str, respondent: Respondent
) -> None:
    """'Save and continue later' on a half-filled page used to lead to 'Your answers are
    saved' while dropping every answer typed on it. The page now comes back with what was
    typed, the questions to correct and the way to leave without it; an untouched page still
    leads to the resume code."""
    respondent.start(slug)
    respondent.walk(pages_until("household"))
    response = respondent.post_page("respondent", {"dem_age": "41"}, action="save")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'value="41"' in html and "Choose an answer." in html
    assert "This page is not saved" in html and 'href="/s/save"' in html
    assert "dem_age" not in only_interview(app).answers
    response = respondent.post_page("respondent", {}, action="save")
    assert response.headers["Location"] == "/s/save"


def test_a_new_browser_gets_a_new_resume_code(
    app: Flask, slug: str, client: FlaskClient, respondent: Respondent
) -> None:
    respondent.start(slug)
    first = _resume_code(respondent.get("/s/save")[1])
    # Same interview on another device (resumed with the code), then the cookie is lost.
    with client.session_transaction() as sess:
        sess["respond"] = {k: v for k, v in sess["respond"].items() if k != "resume_code"}
    second = _resume_code(respondent.get("/s/save")[1])
    assert second != first
    digest = hashlib.sha256(second.replace("-", "").encode()).hexdigest()
    assert only_interview(app).resume_code_hash == digest


def test_a_completed_interview_is_not_resumed_and_its_code_says_the_answers_arrived(
    app: Flask, slug: str, respondent: Respondent
) -> None:
    respondent.start(slug)
    code = _resume_code(respondent.get("/s/save")[1])
    respondent.walk(scenario.PAGES)
    # The thank-you page is lost (another browser, cookie gone): the code is typed again.
    respondent.client.delete_cookie("session")
    html = respondent.get(f"/s/{slug}/resume?lang=en")[1]
    response = respondent.client.post(
        f"/s/{slug}/resume?lang=en", data={"csrf_token": hidden(html)["csrf_token"], "code": code}
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "Your answers have been received" in body
    assert "cannot be used" not in body
    assert len(interviews(app)) == 1 and only_interview(app).status is InterviewStatus.completed


# --- invitation codes ----------------------------------------------------------------------


def _enter_code(client: FlaskClient, code: str) -> TestResponse:
    html = client.get("/s/code?lang=en").get_data(as_text=True)
    return client.post(
        "/s/code?lang=en", data={"csrf_token": hidden(html)["csrf_token"], "code": code}
    )


def test_invitation_code_leads_to_consent_and_one_interview_per_household(
    app: Flask, invitation: tuple[str, list[str]], respondent: Respondent
) -> None:
    wave_slug, codes = invitation
    html = respondent.get(f"/s/{wave_slug}?lang=en")[1]
    assert "Enter your invitation code" in html  # no consent without a code
    response = _enter_code(respondent.client, codes[0].lower().replace("-", " "))
    assert response.headers["Location"] == f"/s/{wave_slug}"
    assert respondent.start(wave_slug).headers["Location"] == "/s/p/intro"
    respondent.walk(pages_until("household"))
    [stored] = interviews(app)
    with app.app_context():
        unit = db.session.get(SampleUnit, stored.sample_unit_id)
        assert unit is not None and unit.external_id == "H0"
        # The partial rule of every save (services.interviews), applied by the pages' Core save.
        assert unit.status is SampleUnitStatus.partial
        assert stored.disposition == int(Disposition.partial)
        assert (
            db.session.scalar(
                sa.select(InvitationCode.used_at).where(InvitationCode.sample_unit_id == unit.id)
            )
            is not None
        )
    assert stored.resume_code_hash is None
    html = respondent.get("/s/save")[1]
    assert "open your invitation link again" in html and "data-resume-code" not in html
    respondent.client.post("/s/leave", data={"csrf_token": hidden(html)["csrf_token"]})

    # The same code later resumes the same interview where it was left.
    response = respondent.client.get(f"/s/c/{codes[0]}")
    assert response.headers["Location"] == "/s/p/respondent"
    assert len(interviews(app)) == 1
    respondent.walk(pages_after("household"))
    # Used: the household has answered; the message is the same as for unknown codes.
    response = _enter_code(respondent.client, codes[0])
    assert "This code cannot be used" in response.get_data(as_text=True)


def test_unknown_expired_used_and_closed_codes_get_the_same_message(
    app: Flask, invitation: tuple[str, list[str]], client: FlaskClient
) -> None:
    wave_slug, codes = invitation
    with app.app_context():
        rows = db.session.scalars(sa.select(InvitationCode).order_by(InvitationCode.id)).all()
        rows[1].expires_at = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        db.session.commit()
    pages = []
    for code in ("ZZZZ-ZZZZ", codes[1], "x" * 500):
        pages.append(_enter_code(client, code).get_data(as_text=True))
    pages.append(client.get("/s/c/ZZZZ-ZZZZ?lang=en").get_data(as_text=True))
    messages = [
        re.search(r'<p id="code-error" class="error-message">(.*?)</p>', p, re.S) for p in pages
    ]
    texts = {m.group(1).strip() for m in messages if m}
    assert len(texts) == 1 and "This code cannot be used" in texts.pop()
    assert _enter_code(client, "").get_data(as_text=True).count("Enter your invitation code.") == 2
    with app.app_context():
        wave = db.session.scalar(sa.select(Wave).where(Wave.slug == wave_slug))
        assert wave is not None
        wave.status = WaveStatus.closed
        db.session.commit()
    assert "This code cannot be used" in _enter_code(client, codes[2]).get_data(as_text=True)
    assert interviews(app) == []


@pytest.mark.parametrize(
    "app_config",
    [
        {
            "WTF_CSRF_ENABLED": True,
            "RATELIMIT_ENABLED": True,
            "RESPOND_CODE_RATE_LIMIT": "3 per minute",
        }
    ],
)
def test_guessing_codes_is_rate_limited(
    invitation: tuple[str, list[str]], client: FlaskClient
) -> None:
    _slug, codes = invitation
    statuses = [_enter_code(client, f"ABCD-EFG{i}").status_code for i in range(3)]
    assert statuses == [200, 200, 200]
    response = _enter_code(client, codes[0])  # even a right code, once over the limit
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)
    assert client.get("/s/c/ABCD-EFGH").status_code == 200
    statuses = [client.get(f"/s/c/ABCD-EFG{i}").status_code for i in range(4)]
    assert statuses[-1] == 429


@pytest.mark.parametrize(
    "app_config",
    [{"RATELIMIT_ENABLED": True, "RESPOND_CODE_RATE_LIMIT": "2 per minute"}],
)
def test_question_pages_skip_the_limiter_unless_default_limits_are_configured(
    app: Flask, slug: str, respondent: Respondent, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages have no limit of their own (respond.blueprint.UNLIMITED_ENDPOINTS); an operator's
    RATELIMIT_DEFAULT still applies to them."""
    from surveyapp.extensions import limiter

    respondent.start(slug)
    resolved: list[object] = []
    resolve = limiter.limit_manager.resolve_limits

    def recording(*args: object, **kwargs: object) -> object:
        resolved.append(args[1])  # the endpoint
        return resolve(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(limiter.limit_manager, "resolve_limits", recording)
    statuses = {respondent.client.get("/s/p/intro").status_code for _ in range(5)}
    assert statuses == {200} and resolved == []  # the limiter did not look for limits
    assert respondent.client.get("/s/code").status_code == 200
    assert set(resolved) == {"respond.enter_code"}  # a route with a limit of its own still does
    app.config["RATELIMIT_DEFAULT"] = "3 per minute"
    limiter.init_app(app)  # Flask-Limiter reads its defaults when bound to the app
    statuses_limited = [respondent.client.get("/s/p/intro").status_code for _ in range(5)]
    assert statuses_limited[:3] == [200, 200, 200] and statuses_limited[-1] == 429


# --- privacy and assets ----------------------------------------------------------------------


def test_no_address_or_browser_is_stored_or_logged(
    app: Flask, slug: str, caplog: pytest.LogCaptureFixture
) -> None:
    client = app.test_client()
    client.environ_base.update(
        {"REMOTE_ADDR": "203.0.113.77", "HTTP_USER_AGENT": "CheapPhone/1.0 (Build XYZ)"}
    )
    caplog.set_level(logging.INFO, logger="surveyapp.requests")
    respondent = Respondent(client)
    respondent.start(slug)
    respondent.walk(scenario.PAGES)
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(sa.select(table)).all():
                text = repr(tuple(row))
                assert "203.0.113" not in text and "CheapPhone" not in text, table.name
    lines = [r.getMessage() for r in caplog.records if r.name == "surveyapp.requests"]
    assert any(" /s/p/household " in line for line in lines)
    assert not any("203.0.113" in line or "CheapPhone" in line for line in lines if "/s/" in line)


def test_invitation_codes_in_links_are_not_logged(
    invitation: tuple[str, list[str]], client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    _slug, codes = invitation
    caplog.set_level(logging.INFO, logger="surveyapp.requests")
    assert client.get(f"/s/c/{codes[0]}").status_code == 302
    client.get("/s/c/ABCD-EFGH")
    lines = [r.getMessage() for r in caplog.records if r.name == "surveyapp.requests"]
    assert [line.split()[1] for line in lines] == ["/s/c/<code>", "/s/c/<code>"]
    assert not any(codes[0] in line or "ABCD" in line for line in lines)


def test_the_evaluator_is_served_from_the_questionnaires_package(client: FlaskClient) -> None:
    response = client.get("/s/expressions.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.data == (Path(VICT_STD).parent.parent / "js" / "expressions.js").read_bytes()
    assert (
        client.get(
            "/s/expressions.js", headers={"If-None-Match": response.headers["ETag"]}
        ).status_code
        == 304
    )
    for asset in ("respond.js", "respond.css"):
        with client.get(f"/s/static/{asset}") as served:
            assert served.status_code == 200
            assert (
                served.data
                == (Path(__file__).parents[2] / "surveyapp/static/respond" / asset).read_bytes()
            )


def test_pages_use_only_their_own_assets_and_are_not_cached(
    slug: str, respondent: Respondent
) -> None:
    respondent.start(slug)
    response, html = respondent.get("/s/p/intro")
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assets = re.findall(r'(?:src|href)="(/s/[^"]+\?v=[0-9a-f]{16})"', html)
    assert len(assets) == 3  # respond.css, expressions.js, respond.js: versioned, cached for good
    for asset in assets:
        with respondent.client.get(asset) as served:
            assert served.status_code == 200
            assert "immutable" in served.headers["Cache-Control"]


# --- skip logic with and without JavaScript ---------------------------------------------------


def test_same_page_follow_ups_are_rendered_for_the_browser_to_hide(
    slug: str, respondent: Respondent
) -> None:
    respondent.start(slug)
    respondent.walk(pages_until("protection"))
    html = respondent.get("/s/p/institutions")[1]
    assert 'data-relevant="${know_judge} = 1"' in html  # a trust row waits for its know row
    assert 'id="group-trust_grid" data-relevant=' in html
    assert "leave it blank: it will be ignored" in html  # the no-JavaScript note
    context = re.search(
        r'<script type="application/json" id="survey-context">(.*?)</script>', html, re.S
    )
    assert context is not None and '"hh_size": 4' in context.group(1)
    # Items whose relevance depends only on earlier pages are rendered only when asked.
    html = respondent.get("/s/p/avoidance")[1]
    assert 'name="avoid_children"' in html and "data-relevant" not in html
    # A page without same-page skip logic carries no earlier answers for the script.
    context = re.search(
        r'<script type="application/json" id="survey-context">(.*?)</script>', html, re.S
    )
    assert context is not None and '"answers": {' in context.group(1)
    assert "hh_size" not in context.group(1) and '"repeats": {}' in context.group(1)


def test_item_not_asked_because_of_an_earlier_page_is_not_rendered(
    slug: str, respondent: Respondent
) -> None:
    respondent.start(slug)
    pages = [(p, dict(a)) for p, a in pages_until("pv_kidnap")]
    pages[1] = ("household", {"hh_size": "2", "hh_adults": "2", "hh_area": "1"})
    respondent.walk(pages)
    respondent.walk(
        [
            p
            for p in pages_after("pv_kidnap")
            if p[0] in ("incidents/1", "incidents/2", "per_safety", "per_risk")
        ]
    )
    html = respondent.get("/s/p/avoidance")[1]
    assert 'name="avoid_children"' not in html


@pytest.mark.parametrize("app_config", [{"WTF_CSRF_ENABLED": False}])
def test_junk_never_causes_a_server_error(
    app: Flask, slug: str, invitation: tuple[str, list[str]], respondent: Respondent
) -> None:
    """Whatever arrives (CSRF off here so the junk reaches the views), the answer is below 500."""
    junk: list[dict[str, Any]] = [
        {},
        {"token": "x" * 300, "language": "xx", "code": "\x00\ufffd" * 10, "version": "-1"},
        {"interview": "not-a-uuid", "version": "99999999999999999999", "action": "save"},
        {
            "hh_size": ["1", "2", "3"],
            "hh_area": "1e400",
            "dem_age": "\u0663\u0664",
            "brib_contact": "abc",
        },
    ]
    paths = [
        f"/s/{slug}/start",
        "/s/code",
        f"/s/{slug}/resume",
        "/s/leave",
        "/s/p/household",
        "/s/p/incidents/999999999999",
        "/s/p/%00",
        f"/s/{invitation[0]}/start",
    ]
    for step in range(2):
        if step == 1:
            respondent.start(slug)
            respondent.walk(pages_until("intro"))
        for path in paths:
            for data in junk:
                assert respondent.client.post(path, data=data).status_code < 500, (path, data)
            assert respondent.client.get(path + "?lang=%ff&lang=zz").status_code < 500, path
        for path in (
            "/s/c/" + "A" * 5000,
            "/s/c/%C3%28",
            "/s/p/" + "x/" * 300,
            "/s/expressions.js?v=<>",
        ):
            assert respondent.client.get(path).status_code < 500, path
    stored = only_interview(app)
    assert "hh_size" not in stored.answers


def test_layout_follows_same_page_dependencies_through_calculations() -> None:
    from questionnaires.engine import Interview as EngineInterview
    from questionnaires.loader import load_instrument
    from surveyapp.respond.pages import layout

    instrument = load_instrument(VICT_STD)
    engine = EngineInterview(
        instrument, {"hh_size": 2, "hh_adults": 2}, language="en", today=dt.date(2026, 3, 1)
    )
    bribery = layout(instrument, engine.page("bribery"))
    # brib_paid depends on brib_contact only through the page's calculation brib_any_contact.
    assert {"brib_asked", "brib_paid", "brib_paid_to"} <= bribery.dynamic
    assert [c.code for c in bribery.calculations] == ["brib_any_contact"]
    institutions = layout(instrument, engine.page("institutions"))
    assert {"trust_grid", "trust_police", "trust_army", "perf_police"} <= institutions.dynamic
    assert "know_police" not in institutions.dynamic
    avoidance = layout(instrument, engine.page("avoidance"))
    [grid] = [item for item in avoidance.items if item.type == "grid"]
    assert "avoid_children" not in [row.code for row in grid.rows]  # asked only with children
    assert avoidance.dynamic == frozenset()


@pytest.mark.parametrize(
    ("language", "hint", "placeholder"),
    [
        ("es", "Año y mes, de 2025-01 a 2025-12; por ejemplo 2025-12.", "AAAA-MM"),
        ("en", "Year and month, from 2025-01 to 2025-12; for example 2025-12.", "YYYY-MM"),
        ("pt", "Ano e mês, de 2025-01 a 2025-12; por exemplo 2025-12.", "AAAA-MM"),
        ("fr", "Année et mois, de 2025-01 à 2025-12\u00a0; par exemple 2025-12.", "AAAA-MM"),
    ],
)
def test_a_month_question_says_the_months_it_accepts_in_the_page_language(
    slug: str, respondent: Respondent, language: str, hint: str, placeholder: str
) -> None:
    respondent.start(slug, language)
    respondent.walk(pages_until("pv_kidnap"))
    _response, html = respondent.get("/s/p/incidents/1")
    match = re.search(r'id="inc_month-hint" class="hint">([^<]*)</div>', html)
    assert match is not None and match.group(1).endswith(hint)
    box = re.search(r'<input [^>]*id="inc_month"[^>]*>', html)
    assert box is not None
    assert 'min="2025-01"' in box.group(0) and 'max="2025-12"' in box.group(0)
    assert f'placeholder="{placeholder}"' in box.group(0)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("es", "Elija una de las opciones mostradas."),
        ("pt", "Escolha uma das opções apresentadas."),
        ("fr", "Choisissez l'une des options proposées."),
    ],
)
def test_a_choice_posted_by_hand_outside_the_list_is_refused_in_the_page_language(
    slug: str, respondent: Respondent, language: str, message: str
) -> None:
    respondent.start(slug, language)
    respondent.walk(pages_until("intro"))
    for tampered in ("9", "abc", "<b>1</b>"):
        response = respondent.post_page(
            "household", {"hh_size": "4", "hh_adults": "2", "hh_area": tampered}
        )
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "valid choice" not in html.lower()
        assert re.search(
            r'id="hh_area-error" class="error-message">.*' + re.escape(str(escape(message))), html
        )


# --- the wave's support contacts (waves.support_notes) ---------------------------------------

SUPPORT_ES = "Línea 155 (gratuita, 24 horas)\nCentro de Atención a Víctimas: 800 123 4567"
SUPPORT_EN = "Helpline 155 <free> & open 24 hours\nVictim support centre: 800 123 4567"


def _support_block(html: str) -> str | None:
    """The support contacts section of a page, or None."""
    found = re.search(r'<section class="support-note".*?</section>', html, re.S)
    return found.group(0) if found else None


def test_the_support_contacts_are_on_the_end_saved_and_thank_you_pages_in_the_interview_language(
    app: Flask, make_std_wave: Callable[..., str], respondent: Respondent
) -> None:
    """Without JavaScript: the note of the interview's language, escaped, its line break kept
    (the stylesheet shows it), under its heading, after the questionnaire's own sentence on
    the end page; not on the pages before. The end page still reads only the interview's row."""
    slug = make_std_wave(support_notes={"es": SUPPORT_ES, "en": SUPPORT_EN})
    respondent.start(slug, language="es")
    respondent.walk(scenario.PAGES[:-2])
    _response, html = respondent.get(f"/s/p/{scenario.PAGES[-2][0]}")
    assert _support_block(html) is None  # a question page before the end: nothing
    respondent.walk(scenario.PAGES[-2:-1])
    statements: list[str] = []
    with app.app_context():

        def record(*args: Any) -> None:
            statements.append(args[2].split()[0].upper())

        sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        response, html = respondent.get("/s/p/closing")
    finally:
        with app.app_context():
            sa.event.remove(db.engine, "before_cursor_execute", record)
    assert response.status_code == 200 and statements == ["SELECT"]
    block = _support_block(html)
    assert block == (
        '<section class="support-note" aria-labelledby="support-title">\n'
        '    <h2 class="heading-m" id="support-title">Si necesita apoyo</h2>\n'
        f'    <p class="body support-note__text">{SUPPORT_ES}</p>\n  </section>'
    )
    # after the questionnaire's sentence, before "Submit my answers"
    assert html.index("servicios de atención a víctimas") < html.index(block)
    assert html.index(block) < html.index("Enviar mis respuestas")
    # "Save and continue later" from the end page
    saved = respondent.post_page("closing", {}, action="save")
    assert saved.headers["Location"] == "/s/save"
    _response, html = respondent.get("/s/save")
    assert SUPPORT_ES in (_support_block(html) or "")
    # submitted: the thank-you page
    assert respondent.post_page("closing", {}).headers["Location"] == "/s/done"
    _response, html = respondent.get("/s/done")
    assert "Si necesita apoyo" in html and SUPPORT_ES in (_support_block(html) or "")


def test_the_support_contacts_are_escaped_and_shown_after_leaving(
    make_std_wave: Callable[..., str], respondent: Respondent
) -> None:
    slug = make_std_wave(support_notes={"es": SUPPORT_ES, "en": SUPPORT_EN})
    respondent.start(slug, language="en")
    first_id, first_answers = scenario.PAGES[0]
    assert respondent.post_page(first_id, first_answers, action="save").status_code == 302
    _response, html = respondent.get("/s/save")
    escaped_note = str(escape(SUPPORT_EN))
    assert "If you need support" in html and escaped_note in (_support_block(html) or "")
    assert "<free>" not in html
    left = respondent.client.post("/s/leave", data=hidden(html))
    page = left.get_data(as_text=True)
    assert left.status_code == 200 and escaped_note in (_support_block(page) or "")


def test_no_support_contacts_in_a_language_without_a_note(
    make_std_wave: Callable[..., str], respondent: Respondent
) -> None:
    """A note only in English: a Spanish interview sees the questionnaire's sentence alone."""
    slug = make_std_wave(support_notes={"en": SUPPORT_EN})
    respondent.start(slug, language="es")
    respondent.walk(scenario.PAGES[:-1])
    _response, html = respondent.get("/s/p/closing")
    assert "servicios de atención a víctimas" in html
    assert _support_block(html) is None and "support-title" not in html
    respondent.walk(scenario.PAGES[-1:])
    _response, html = respondent.get("/s/done")
    assert _support_block(html) is None and "Helpline" not in html
