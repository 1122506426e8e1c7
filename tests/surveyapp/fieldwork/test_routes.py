"""Field work index."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from surveyapp.models import Mode, Role, User, Wave


def test_lists_open_tablet_waves_only(
    client: FlaskClient,
    make_user: Callable[..., User],
    make_wave: Callable[..., Wave],
    login: Callable[..., Any],
) -> None:
    make_wave(name="Tablet wave", modes=[Mode.web, Mode.tablet])
    make_wave(name="Web wave")
    make_wave(name="Draft tablet wave", modes=[Mode.tablet], status="draft")
    login(client, make_user(Role.interviewer))
    page = client.get("/fieldwork/").get_data(as_text=True)
    assert "Tablet wave" in page and "Web wave" not in page and "Draft tablet wave" not in page


def test_an_interviewer_on_the_web_finds_the_way_to_the_interviewer_app(
    client: FlaskClient,
    make_user: Callable[..., User],
    make_wave: Callable[..., Wave],
    login: Callable[..., Any],
) -> None:
    """An interviewer who logged in on the web saw the wave's name and no link anywhere: the
    app the interviews are done in was not named."""
    make_wave(name="Tablet wave", modes=[Mode.tablet])
    login(client, make_user(Role.interviewer))
    page = client.get("/fieldwork/?lang=es").get_data(as_text=True)
    assert 'href="/fieldwork/app/"' in page and "Abrir la aplicación de entrevistas" in page
