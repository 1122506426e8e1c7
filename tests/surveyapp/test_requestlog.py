"""The request log leaves out client address and browser on respondent routes."""

from __future__ import annotations

import logging

import pytest
from flask.testing import FlaskClient

from surveyapp.requestlog import is_respondent_path


def test_respondent_requests_are_logged_without_address_or_agent(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="surveyapp.requests")
    headers = {"User-Agent": "PhoneBrowser/1.0"}
    client.get(
        "/s/some-wave?code=SECRET", headers=headers, environ_base={"REMOTE_ADDR": "203.0.113.9"}
    )
    client.get("/auth/login", headers=headers, environ_base={"REMOTE_ADDR": "203.0.113.9"})
    respondent, staff = [r.getMessage() for r in caplog.records if r.name == "surveyapp.requests"]
    assert respondent.startswith("GET /s/some-wave ")
    assert (
        "203.0.113.9" not in respondent
        and "PhoneBrowser" not in respondent
        and "SECRET" not in respondent
    )
    assert "addr=203.0.113.9" in staff and "PhoneBrowser" in staff


@pytest.mark.parametrize(
    ("path", "expected"), [("/s/x", True), ("/s", True), ("/sx", False), ("/api/s/x", False)]
)
def test_is_respondent_path(path: str, expected: bool) -> None:
    assert is_respondent_path(path) is expected
