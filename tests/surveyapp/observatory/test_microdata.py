"""Microdata releases in the observatory: staff download a wave's release as a ZIP; staff
limited to an area get the public edition only (whole-wave files). A release is built once
per data version by the report worker and served from the cache."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from surveyapp.extensions import db
from surveyapp.models import (
    Interview,
    InterviewStatus,
    OutputKind,
    ReportOutput,
    ReportOutputPart,
    Role,
    User,
)
from surveyapp.observatory.jobs import build_pending, report_settings
from surveyapp.services import release_downloads

from ..conftest import TinyWave  # type: ignore[import-not-found]


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"REPORT_WORKER": "inline"}


def test_staff_download_both_editions_and_staff_limited_to_an_area_the_public_one(
    app: Flask,
    tiny_wave: Callable[..., TinyWave],
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    sim = tiny_wave(public=False)
    analyst = app.test_client()
    assert login(analyst, make_user(Role.analyst)).status_code == 302
    page = analyst.get(f"/observatory/waves/{sim.id}/microdata?lang=fr")
    assert page.status_code == 200 and "Microdonnées" in page.text
    assert "/microdata/internal/dta?lang=fr" in page.text
    assert "/microdata/public/sav?lang=fr" in page.text
    assert (
        f"/observatory/waves/{sim.id}/microdata?lang=es"
        in analyst.get(f"/observatory/waves/{sim.id}?lang=es").text
    ), "the wave page links to its microdata for staff"

    response = analyst.get(f"/observatory/waves/{sim.id}/microdata/internal/csv?lang=en")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["Cache-Control"] == "no-store"
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert any(n.endswith("_respondent.csv") for n in names)
    assert any(n.endswith("_ddi.xml") for n in names)
    assert not any(n.endswith("_disclosure.md") for n in names), "no report in the internal one"
    # the ZIP's read-me on the design, and the page saying it is there
    assert any(n.endswith("_internal_readme_csv.md") for n in names)
    assert "reproduire les estimations dans R, Stata ou SPSS" in page.text

    limited = make_user(Role.analyst)
    with app.app_context():
        user = db.session.get(User, limited.id)
        assert user is not None
        user.area_id = sim.state.id
        db.session.commit()
    client = app.test_client()
    assert login(client, limited).status_code == 302
    page = client.get(f"/observatory/waves/{sim.id}/microdata?lang=en")
    assert "/microdata/public/csv" in page.text and "/microdata/internal/" not in page.text
    assert client.get(f"/observatory/waves/{sim.id}/microdata/internal/csv").status_code == 403
    assert client.get(f"/observatory/waves/{sim.id}/microdata/public/pdf").status_code == 404


def _count_builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each release the worker writes (the real writer still runs)."""
    builds: list[str] = []
    real = release_downloads.write_release_zip

    def counted(*args: Any, **kwargs: Any) -> None:
        builds.append(f"{kwargs['edition']}/{kwargs['format_']}/{kwargs['language']}")
        real(*args, **kwargs)

    monkeypatch.setattr(release_downloads, "write_release_zip", counted)
    return builds


def _work(app: Flask) -> int:
    """What ``surveyapp report --work`` does: build every pending output."""
    with app.app_context():
        return build_pending(db.session, settings=report_settings(app))


@pytest.mark.parametrize("app_config", [{"REPORT_WORKER": "off"}])
def test_a_release_is_prepared_once_then_streamed_from_the_cache_until_its_data_changes(
    app: Flask,
    tiny_wave: Callable[..., TinyWave],
    make_user: Callable[..., User],
    login: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    builds = _count_builds(monkeypatch)
    sim = tiny_wave(public=False)
    analyst = app.test_client()
    assert login(analyst, make_user(Role.analyst)).status_code == 302
    url = f"/observatory/waves/{sim.id}/microdata/internal/csv?lang=en"

    waiting = analyst.get(url, headers={"Accept": "text/html"})
    assert waiting.status_code == 202 and waiting.mimetype == "text/html"
    assert "These results are being prepared" in waiting.text
    assert waiting.headers["Retry-After"] == str(app.config["REPORT_REFRESH_SECONDS"])
    assert '<meta http-equiv="refresh"' in waiting.text and sim.name in waiting.text
    script = analyst.get(url)  # curl: never the HTML page saved as the ZIP
    assert script.status_code == 202 and script.mimetype == "text/plain"
    assert "Ask for this same address again" in script.text
    assert builds == [], "nothing is built inside the request"

    assert _work(app) == 1
    first = analyst.get(url)
    assert first.status_code == 200 and first.mimetype == "application/zip"
    assert first.is_streamed and first.headers["Content-Length"] == str(len(first.data))
    first.close()  # a streamed answer keeps its request context until closed
    second = analyst.get(url)
    assert second.status_code == 200
    assert first.data == second.data and first.headers["ETag"] == second.headers["ETag"]
    assert any(
        n.endswith("_respondent.csv") for n in zipfile.ZipFile(io.BytesIO(first.data)).namelist()
    )
    assert builds == ["internal/csv/en"], "built once for two downloads"

    with app.app_context():  # new data: a re-weighted interview
        interview = db.session.scalars(
            sa.select(Interview).where(
                Interview.wave_id == sim.id, Interview.status == InterviewStatus.completed
            )
        ).first()
        assert interview is not None
        interview.final_weight = (interview.final_weight or 1.0) * 2
        db.session.commit()
    assert analyst.get(url).status_code == 202, "the release of older data is never served"
    assert _work(app) == 1 and len(builds) == 2
    fresh = analyst.get(url)
    assert fresh.status_code == 200 and fresh.data != first.data, "the new data's release"
    with app.app_context():
        rows = db.session.scalars(
            sa.select(ReportOutput).where(ReportOutput.kind == OutputKind.microdata)
        ).all()
        assert [r.served for r in rows] == [1], "the older release is deleted once replaced"
        parts = db.session.scalars(sa.select(ReportOutputPart.output_id)).all()
        assert set(parts) == {rows[0].id}, "its parts with it"


@pytest.mark.parametrize("app_config", [{"REPORT_WORKER": "off"}])
def test_police_records_and_boundaries_keep_the_release_and_a_changed_answer_rebuilds_it(
    app: Flask,
    tiny_wave: Callable[..., TinyWave],
    make_user: Callable[..., User],
    login: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from surveyapp.models import AreaBoundary, Wave
    from surveyapp.services.reports import data_version, prune_outputs
    from surveyapp.services.uploads import import_police_records

    builds = _count_builds(monkeypatch)
    sim = tiny_wave(public=False)
    analyst = app.test_client()
    assert login(analyst, make_user(Role.analyst)).status_code == 302
    url = f"/observatory/waves/{sim.id}/microdata/internal/csv?lang=en"
    assert analyst.get(url).status_code == 202
    assert _work(app) == 1
    first = analyst.get(url)
    assert first.status_code == 200
    first.close()

    with app.app_context():  # what the reports read, and a release does not hold
        wave = db.session.get(Wave, sim.id)
        assert wave is not None
        before = data_version(db.session, wave, report_settings(app))
        police = import_police_records(
            db.session, f"area_code,period,crime_type,count\n{sim.state.code},2024,rob,5\n"
        )
        assert police.stored == 1 and not police.errors
        boundary = db.session.scalars(sa.select(AreaBoundary)).first()
        assert boundary is not None
        boundary.uploaded_at = boundary.uploaded_at.replace(year=boundary.uploaded_at.year + 1)
        db.session.commit()
        assert data_version(db.session, wave, report_settings(app)) != before, "reports change"
        prune_outputs(db.session, report_settings(app))
        db.session.commit()

    kept = analyst.get(url)
    assert kept.status_code == 200, "served from the stored copy, no wait"
    assert kept.data == first.data and kept.headers["ETag"] == first.headers["ETag"]
    kept.close()
    assert builds == ["internal/csv/en"]

    with app.app_context():  # an answer edited: the file changes
        interview = db.session.scalars(
            sa.select(Interview)
            .where(Interview.wave_id == sim.id, Interview.status == InterviewStatus.completed)
            .order_by(Interview.id)
        ).first()
        assert interview is not None
        interview.answers = {**interview.answers, "hh_adults": 9}
        db.session.commit()
    assert analyst.get(url).status_code == 202, "the release of older answers is never served"
    assert _work(app) == 1 and len(builds) == 2
    fresh = analyst.get(url)
    assert fresh.status_code == 200 and fresh.data != first.data
    fresh.close()


def test_census_totals_change_the_public_releases_version_only(
    app: Flask, tiny_wave: Callable[..., TinyWave]
) -> None:
    from surveyapp.models import Wave
    from surveyapp.services.reports import release_version
    from surveyapp.services.uploads import import_population_totals

    sim = tiny_wave(public=False)
    with app.app_context():
        wave = db.session.get(Wave, sim.id)
        assert wave is not None
        public, internal = (release_version(db.session, wave, public=p) for p in (True, False))
        assert public != internal
        census = import_population_totals(
            db.session,
            f"area_code,year,sex,age_group,population\n{sim.state.code},2020,1,18-29,1000\n",
        )
        assert census.stored == 1 and not census.errors
        db.session.flush()
        assert release_version(db.session, wave, public=False) == internal
        assert release_version(db.session, wave, public=True) != public
        wave.name = "Renamed"  # the study title the files and DDI carry
        db.session.flush()
        assert release_version(db.session, wave, public=False) != internal
        db.session.rollback()


def test_a_release_that_cannot_be_made_is_said_in_the_pages_language(
    app: Flask,
    tiny_wave: Callable[..., TinyWave],
    make_user: Callable[..., User],
    login: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The 409 page put its French lead and the English reason in an English page."""
    from html import unescape

    from surveyapp.services.reports.settings import NO_INTERVIEWS

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise release_downloads.ReleaseUnavailable("wave", NO_INTERVIEWS)

    sim = tiny_wave(public=False)
    analyst = app.test_client()
    assert login(analyst, make_user(Role.analyst)).status_code == 302
    monkeypatch.setattr(release_downloads, "ready_release", refused)
    url = f"/observatory/waves/{sim.id}/microdata/internal/csv"
    page = analyst.get(f"{url}?lang=fr")
    assert page.status_code == 409 and '<html lang="fr"' in page.text
    assert (
        "Ces microdonnées ne peuvent pas être préparées\u00a0: cette vague n'a pas encore "
        "d'entretiens complets" in unescape(page.text)
    )
    api = analyst.get(f"{url}?lang=fr", headers={"Accept": "application/json"})
    assert api.status_code == 409 and api.json is not None
    assert api.json["message"] == (
        "These microdata cannot be prepared: this wave has no completed interviews yet"
    )
