"""The evaluation page (difference in differences) and the fear-by-victimization page."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from analysis.indicators.catalogue import get_indicator
from analysis.report.i18n import LANGUAGES, Translator
from analysis.report.inputs import exposure_note
from questionnaires.loader import load_instrument
from surveyapp.extensions import db
from surveyapp.models import Interview, Role, User, Wave
from surveyapp.services.demo_data import load_simulated_wave
from surveyapp.services.instruments import store_instrument
from surveyapp.services.reports import wave_areas

from ...conftest import vict_std_without


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"REPORT_WORKER": "inline"}  # the wave page is built in the request


@pytest.fixture
def two_waves(app: Flask) -> tuple[int, int, list[str]]:
    """Waves 1 and 2 of the tiny simulated country (seed 5, public), and its states' keys."""
    with app.app_context():
        first = load_simulated_wave(db.session, seed=5, size="tiny", wave=1)
        second = load_simulated_wave(db.session, seed=5, size="tiny", wave=2)
        db.session.commit()
        wave = db.session.get(Wave, first.wave_id)
        assert wave is not None
        states = [a.key for a in wave_areas(db.session, wave) if a.report_level == "state"]
        return first.wave_id, second.wave_id, states


def _analyst(
    client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    assert login(client, make_user(Role.analyst)).status_code == 302


def test_a_shareable_address_gives_the_did_table_with_its_statement(
    client: FlaskClient, two_waves: tuple[int, int, list[str]]
) -> None:
    before, after, states = two_waves
    url = (
        f"/observatory/evaluation?before={before}&after={after}&level=state"
        f"&areas={states[0]}&indicators=prev_person&indicators=insecure_nbhd&run=1&lang=en"
    )
    page = client.get(url)  # anonymous: both waves are public
    assert page.status_code == 200, page.get_data(as_text=True)[:2000]
    html = page.get_data(as_text=True)
    assert 'data-indicator="prev_person"' in html and 'data-indicator="insecure_nbhd"' in html
    assert "Difference in differences" in html and "95%" in html
    assert "parallel trends" in html and "not proof of cause" in html
    assert "Public (small cells suppressed)" in html  # the public edition for the public
    # the chosen area stays ticked, so the address and the page agree
    assert re.search(rf'value="{states[0]}" checked', html)
    spanish = client.get(url.replace("lang=en", "lang=es")).get_data(as_text=True)
    assert "tendencias paralelas" in spanish and "Diferencia en diferencias" in spanish


def test_choosing_waves_first_lists_the_common_areas_without_computing(
    client: FlaskClient,
    two_waves: tuple[int, int, list[str]],
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    before, after, states = two_waves
    _analyst(client, make_user, login)
    page = client.get(f"/observatory/evaluation?before={before}&after={after}&level=state&lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for key in states:
        assert f'name="areas" value="{key}"' in html
    assert 'name="run"' in html and "data-indicator" not in html
    assert 'id="audience"' in html  # staff choose the edition
    empty = client.get("/observatory/evaluation?lang=fr")
    assert empty.status_code == 200
    assert "Choisissez les deux vagues" in empty.get_data(as_text=True)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("before={b}&after={b}&run=1", "Choose two different waves."),
        ("before={b}&after={a}&run=1&indicators=prev_person", "Tick at least one programme area."),
        ("before={b}&after={a}&run=1&areas=ALL&indicators=prev_person", "Leave at least one area"),
        ("before={b}&after={a}&run=1&areas={s}", None),  # default indicators: computes
        (
            "before={b}&after={a}&run=1&areas=999999&indicators=prev_person",
            "not in both waves: 999999",
        ),
        (
            "before={b}&after={a}&run=1&areas={s}&indicators=nonsense",
            "Unknown indicators: nonsense",
        ),
        ("before=abc&after={a}&run=1", "Choose a wave from the list."),
        ("before={b}&run=1", "Choose both waves, before and after."),
        (
            "before={b}&after={a}&level=district&run=1",
            "Choose the level: states or municipalities.",
        ),
    ],
)
def test_bad_requests_are_named_on_the_form_never_a_500(
    client: FlaskClient, two_waves: tuple[int, int, list[str]], query: str, message: str | None
) -> None:
    before, after, states = two_waves
    areas = "&".join(f"areas={s}" for s in states)
    query = query.replace("areas=ALL", areas)
    url = "/observatory/evaluation?lang=en&" + query.format(b=before, a=after, s=states[0])
    page = client.get(url)
    html = page.get_data(as_text=True)
    if message is None:
        assert page.status_code == 200 and 'data-indicator="prev_person"' in html
    else:
        assert page.status_code == 400, html[:1000]
        assert 'role="alert"' in html and message in html
        assert "Traceback" not in html


def test_unknown_and_private_waves_are_refused_as_on_the_wave_pages(
    app: Flask,
    client: FlaskClient,
    two_waves: tuple[int, int, list[str]],
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    before, after, _states = two_waves
    assert client.get(f"/observatory/evaluation?before=987654&after={after}").status_code == 404
    with app.app_context():
        private = load_simulated_wave(db.session, seed=6, size="tiny", public=False)
        db.session.commit()
    url = f"/observatory/evaluation?before={before}&after={private.wave_id}"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/auth/login" in anonymous.headers["Location"]
    assert client.get(f"/observatory/waves/{private.wave_id}/perception").status_code == 302
    _analyst(client, make_user, login)
    other_country = client.get(url + "&lang=en")  # seen, but another country's areas
    assert other_country.status_code == 400
    assert "no areas of this level in common" in other_country.get_data(as_text=True)
    assert client.get(f"/observatory/waves/{private.wave_id}/perception").status_code == 200


def test_the_perception_page_shows_victims_against_non_victims_and_the_groups(
    client: FlaskClient, two_waves: tuple[int, int, list[str]]
) -> None:
    before, _after, _states = two_waves
    page = client.get(f"/observatory/waves/{before}/perception?lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'id="fear-by-victim"' in html and 'id="paradox"' in html
    assert 'data-indicator="insecure_nbhd"' in html
    assert 'data-group="youth:18-29"' in html and "Young people (18–29)" in html
    assert "Women" in html and "Victims" in html and "Non-victims" in html
    assert "the rest of the adults (women with men, 18–29 with 30 and over)." in html
    assert f"/observatory/evaluation?before={before}" in html
    assert client.get("/observatory/waves/987654/perception").status_code == 404
    assert client.get(f"/observatory/waves/{before}/perception?lang=xx").status_code == 400


def test_the_wave_page_and_the_index_lead_to_both_pages(
    client: FlaskClient, two_waves: tuple[int, int, list[str]]
) -> None:
    before, _after, _states = two_waves
    index = client.get("/observatory/?lang=en").get_data(as_text=True)
    assert "/observatory/evaluation?lang=en" in index
    page = client.get(f"/observatory/waves/{before}?lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f"/observatory/waves/{before}/perception?lang=en" in html
    assert f"/observatory/evaluation?before={before}&amp;lang=en" in html


def test_the_perception_page_shows_odds_ratios_by_crime_news_against_never(
    client: FlaskClient, two_waves: tuple[int, int, list[str]]
) -> None:
    before, _after, _states = two_waves
    html = client.get(f"/observatory/waves/{before}/perception?lang=en").get_data(as_text=True)
    assert 'id="exposure"' in html and "(Never = 1)" in html
    assert 'data-term="media_freq[T.1]"' in html and "Every day or almost every day" in html
    assert "It is an association, not an effect of the media" in html


def test_the_exposure_note_names_every_adjustment_of_the_full_model(
    client: FlaskClient, two_waves: tuple[int, int, list[str]]
) -> None:
    before, _after, _states = two_waves
    html = client.get(f"/observatory/waves/{before}/perception?lang=en").get_data(as_text=True)
    assert "adjusted for victimization, sex, age group and area." in html
    assert 'class="body exposure-left-out"' not in html


def _adapted_wave(app: Flask, tmp_path: Path, code: str) -> int:
    """The tiny simulated wave moved onto vict_std without the item ``code`` (a national
    adaptation): its respondent table has no column of it. Dropping ``media_freq`` drops the
    conditions of the two media items that follow it too (they are asked of everybody)."""
    path = vict_std_without(tmp_path, code, "no" + code.replace("_", ""))
    if code == "media_freq":
        text = path.read_text(encoding="utf-8")
        condition = '        relevant: "${media_freq} >= 1 and ${media_freq} <= 4"\n'
        assert text.count(condition) == 2
        path.write_text(text.replace(condition, ""), encoding="utf-8")
    with app.app_context():
        loaded = load_simulated_wave(db.session, seed=5, size="tiny", wave=1)
        adaptation, _ = store_instrument(db.session, load_instrument(path))
        db.session.execute(
            sa.update(Interview)
            .where(Interview.wave_id == loaded.wave_id)
            .values(instrument_version_id=adaptation.id)
        )
        wave = db.session.get(Wave, loaded.wave_id)
        assert wave is not None
        wave.instrument_version = adaptation
        db.session.commit()
        return loaded.wave_id


@pytest.fixture
def without_sex(app: Flask, tmp_path: Path) -> int:
    """The tiny simulated wave on vict_std without dem_sex: no sex column."""
    return _adapted_wave(app, tmp_path, "dem_sex")


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_adaptation_without_dem_sex_gets_the_exposure_model_without_its_sex_term(
    client: FlaskClient, without_sex: int, language: str
) -> None:
    page = client.get(f"/observatory/waves/{without_sex}/perception?lang={language}")
    assert page.status_code == 200, page.get_data(as_text=True)[:2000]
    html = page.get_data(as_text=True)
    t = Translator(language)
    # the table is there (it was left out), its note names only the adjustments it has
    assert 'id="exposure"' in html and 'data-term="media_freq[T.1]"' in html
    note = exposure_note(t, ("victim", "age_group", "area"))
    assert str(escape(note)) in html
    assert t("adjust_sex") not in note.split(t("exposure_adjusted", terms=""))[1]
    # and where the sex term went
    left_out = t("term_left_out", title=t("sub_exposure_model"), term=t("covariate_sex"))
    assert str(escape(left_out)) in html
    here = t("item_not_asked_here", item="dem_sex", parts=left_out)
    assert _section(html, t, "sub_exposure_model").count(str(escape(here))) == 1
    # the paradox table is there, without the women and men it cannot compare, and says so
    assert 'id="paradox"' in html and 'data-group="sex:' not in html
    women_men = f"{t('sub_paradox')} ({t('group_women')}, {t('group_men')})"
    paradox = t("item_not_asked_here", item="dem_sex", parts=women_men)
    assert _section(html, t, "sub_paradox").count(str(escape(paradox))) == 1
    assert html.count("dem_sex") == 2  # once in each part that lacks it
    if language == "en":
        assert "adjusted for victimization, age group and area. It is an association" in html
        assert "Feeling unsafe by exposure to crime news: its sex term" in html


def _section(html: str, t: Translator, title: str) -> str:
    """The part of the perception page under the heading ``title`` (up to the next one)."""
    heading = f'<h2 class="heading-m">{escape(t(title))}</h2>'
    assert html.count(heading) == 1, title
    return html.split(heading, 1)[1].split('<h2 class="heading-m">', 1)[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_per_safe_nbhd_each_part_says_once_what_it_cannot_show(
    app: Flask, client: FlaskClient, tmp_path: Path, language: str
) -> None:
    wave = _adapted_wave(app, tmp_path, "per_safe_nbhd")
    page = client.get(f"/observatory/waves/{wave}/perception?lang={language}")
    assert page.status_code == 200, page.get_data(as_text=True)[:2000]
    html = page.get_data(as_text=True)
    t = Translator(language)
    assert 'id="fear-by-victim"' in html  # the rest of the page is there
    assert 'id="paradox"' not in html and 'id="exposure"' not in html
    paradox, exposure = _section(html, t, "sub_paradox"), _section(html, t, "sub_exposure_model")
    for part, text in (("sub_paradox", paradox), ("sub_exposure_model", exposure)):
        note = t("item_not_asked_here", item="per_safe_nbhd", parts=t(part))
        assert text.count(str(escape(note))) == 1, part
    # fear by victimization status has no neighbourhood row, and says so under its table
    assert 'data-indicator="insecure_nbhd"' not in html
    name = t.pick(get_indicator("insecure_nbhd").name)
    row = t(
        "item_not_asked_here", item="per_safe_nbhd", parts=f"{t('sub_fear_by_victim')} ({name})"
    )
    assert _section(html, t, "sub_fear_by_victim").count(str(escape(row))) == 1
    # one sentence in each part, naming only that part: the other parts' and the status
    # report's (fear drivers, not on this page) are not repeated
    assert html.count("per_safe_nbhd") == 3
    assert str(escape(t("sub_fear_drivers"))) not in html
    assert str(escape(t("sub_exposure_model"))) not in paradox


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_media_freq_the_exposure_part_names_the_item_it_needs(
    app: Flask, client: FlaskClient, tmp_path: Path, language: str
) -> None:
    wave = _adapted_wave(app, tmp_path, "media_freq")
    page = client.get(f"/observatory/waves/{wave}/perception?lang={language}")
    assert page.status_code == 200, page.get_data(as_text=True)[:2000]
    html = page.get_data(as_text=True)
    t = Translator(language)
    assert 'id="exposure"' not in html  # no exposure: no model
    assert 'id="fear-by-victim"' in html and 'id="paradox"' in html  # the rest is there
    note = t("item_not_asked_here", item="media_freq", parts=t("sub_exposure_model"))
    assert _section(html, t, "sub_exposure_model").count(str(escape(note))) == 1
    assert html.count("media_freq") == 1


def test_a_did_below_the_smallest_cell_is_blank_in_public_and_flagged_internally(
    app: Flask,
    client: FlaskClient,
    two_waves: tuple[int, int, list[str]],
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    before, after, states = two_waves
    app.config["REPORT_MIN_CASES"] = 100_000  # every cell too small to publish
    url = (
        f"/observatory/evaluation?before={before}&after={after}&areas={states[0]}"
        "&indicators=prev_person&run=1&lang=en"
    )
    public = client.get(url).get_data(as_text=True)
    assert 'data-suppressed="1"' in public
    assert "Person prevalence: not published" in public
    assert "Difference in differences:" not in public  # no figure printed
    _analyst(client, make_user, login)
    internal = client.get(url).get_data(as_text=True)
    assert "Difference in differences:" in internal and "‡" in internal
    assert "fails the quality rules; shown in the internal edition only" in internal
    again = client.get(url + "&audience=public").get_data(as_text=True)
    assert "Person prevalence: not published" in again


def test_a_programme_of_one_area_is_said_in_the_singular(
    client: FlaskClient, two_waves: tuple[int, int, list[str]]
) -> None:
    # '1 programme areas against 2 comparison areas'
    before, after, states = two_waves
    url = (
        f"/observatory/evaluation?before={before}&after={after}&level=state"
        f"&areas={states[0]}&indicators=prev_person&run=1&lang="
    )
    others = len(states) - 1
    english = client.get(url + "en").get_data(as_text=True)
    assert f"1 programme area against {others} comparison area" in english
    assert "1 programme areas" not in english
    french = client.get(url + "fr").get_data(as_text=True)
    assert "1 zone du programme contre" in french


@pytest.mark.parametrize(
    ("language", "first", "second"),
    [
        ("es", "(1 de enero de 2024 – 31 de diciembre de 2024)", "(1 de enero de 2025 – "),
        (
            "fr",
            "(1er\u00a0janvier\u00a02024 – 31\u00a0décembre\u00a02024)",
            "(1er\u00a0janvier\u00a02025 – ",
        ),
    ],
)
def test_the_waves_to_choose_say_their_period_in_the_pages_language_not_iso(
    client: FlaskClient,
    two_waves: tuple[int, int, list[str]],
    language: str,
    first: str,
    second: str,
) -> None:
    # the options read "Encuesta … (2024-01-01 – 2024-12-31)"
    page = unescape(client.get(f"/observatory/evaluation?lang={language}").get_data(as_text=True))
    chooser = page[page.index('id="before"') : page.index("</select>", page.index('id="before"'))]
    assert first in chooser and second in chooser
    visible = re.sub(r"<[^>]+>", " ", chooser)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", visible), visible
