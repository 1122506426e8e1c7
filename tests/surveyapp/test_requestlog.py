"""The request log leaves out client address and browser on respondent routes."""

from __future__ import annotations

import logging
import re

import pytest
from flask.testing import FlaskClient

from surveyapp.requestlog import is_respondent_path, is_staff_path


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


@pytest.mark.parametrize(
    "path", ["/static/css/main.css", "/favicon.ico", "/s/static/x.js", "/", "/robots.txt"]
)
def test_what_a_respondents_browser_fetches_alongside_is_logged_without_address_or_agent(
    client: FlaskClient, caplog: pytest.LogCaptureFixture, path: str
) -> None:
    caplog.set_level(logging.INFO, logger="surveyapp.requests")
    client.get(
        path,
        headers={"User-Agent": "PhoneBrowser/1.0"},
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
    ).close()  # a static file's response holds the file open
    [line] = [r.getMessage() for r in caplog.records if r.name == "surveyapp.requests"]
    assert "203.0.113.9" not in line and "PhoneBrowser" not in line and "addr=" not in line


def test_a_mistyped_invitation_code_in_the_path_is_not_logged(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="surveyapp.requests")
    client.get("/s/c/WXYZ-2345")
    client.get("/s/c/WXYZ-2345/extra")
    lines = [r.getMessage() for r in caplog.records if r.name == "surveyapp.requests"]
    assert len(lines) == 2 and not any("WXYZ" in line for line in lines), lines


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/manage/", True),
        ("/manage", True),
        ("/managex", False),
        ("/api/ping", True),
        ("/s/x", False),
    ],
)
def test_is_staff_path(path: str, expected: bool) -> None:
    assert is_staff_path(path) is expected


def test_log_records_name_the_request_log_as_their_source(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    """The records are made without logging's stack search; a format naming the source
    (%(module)s, %(funcName)s, %(lineno)d) still finds requestlog's _log_request, and a
    logger set above INFO gets no line."""
    from surveyapp import requestlog

    caplog.set_level(logging.INFO, logger="surveyapp.requests")
    client.get("/s/some-wave")
    [record] = [r for r in caplog.records if r.name == "surveyapp.requests"]
    assert (record.module, record.funcName) == ("requestlog", "_log_request")
    assert record.pathname == requestlog.__file__ and record.levelno == logging.INFO
    assert record.args == ("GET", "/s/some-wave", 404, record.args[3])  # type: ignore[index]
    caplog.clear()
    caplog.set_level(logging.WARNING, logger="surveyapp.requests")
    client.get("/s/some-wave")
    assert not [r for r in caplog.records if r.name == "surveyapp.requests"]


@pytest.mark.parametrize("app_config", [{"WTF_CSRF_ENABLED": True}])
def test_a_request_refused_before_its_view_is_timed(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    """A POST without a CSRF token is refused (400) by a hook registered before the request
    log's timer; its line said '-0ms' (the time of no request, negative) instead of its time."""
    caplog.set_level(logging.INFO, logger="surveyapp.requests")
    response = client.post("/s/code", data={"code": "ABCD-EFGH"})
    assert response.status_code == 400
    [line] = [r.getMessage() for r in caplog.records if r.name == "surveyapp.requests"]
    assert re.fullmatch(r"POST /s/code 400 \d+ms", line), line
