"""Microdata releases in the observatory: staff download a wave's release as a ZIP; staff
limited to an area get the public edition only (whole-wave files)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from surveyapp.extensions import db
from surveyapp.models import Role, User

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
