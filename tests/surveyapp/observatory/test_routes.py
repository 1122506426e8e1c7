"""Observatory index."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from surveyapp.models import Role, User, Wave


def test_lists_waves_that_have_started(client: FlaskClient, make_user: Callable[..., User],
                                       make_wave: Callable[..., Wave], login: Callable[..., Any]) -> None:
    make_wave(name="Running wave")
    make_wave(name="Planned wave", status="draft")
    login(client, make_user(Role.analyst))
    page = client.get("/observatory/").get_data(as_text=True)
    assert "Running wave" in page and "Planned wave" not in page
