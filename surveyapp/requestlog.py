"""One log line per request.

Respondent routes (``/s/...``) are logged without client address or user
agent: answers to a victimization survey must not be linkable to a device or
network. Staff and API requests carry the address for security review.
"""

from __future__ import annotations

import logging
import time

from flask import Flask, Response, g, request

#: A child of the app's logger ("surveyapp"), so Flask's default handler (stderr,
#: i.e. gunicorn's error log) prints it unless logging is configured otherwise.
logger = logging.getLogger("surveyapp.requests")

#: Path prefixes of respondent pages, logged without identifying data.
RESPONDENT_PREFIXES = ("/s/",)


def is_respondent_path(path: str) -> bool:
    return path == "/s" or path.startswith(RESPONDENT_PREFIXES)


def _start_timer() -> None:
    g.request_started = time.perf_counter()


def _log_request(response: Response) -> Response:
    elapsed_ms = (time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000
    if is_respondent_path(request.path):
        # Only the route, never the slug's query string, address or browser; a code in
        # the path (invitation links /s/c/<code>) is logged as the rule, not the code.
        path = request.path
        if request.url_rule is not None and "code" in (request.view_args or {}):
            path = request.url_rule.rule
        logger.info("%s %s %s %.0fms", request.method, path, response.status_code, elapsed_ms)
    else:
        logger.info(
            "%s %s %s %.0fms addr=%s ua=%r",
            request.method,
            request.path,
            response.status_code,
            elapsed_ms,
            request.remote_addr,
            (request.user_agent.string or "")[:200],
        )
    return response


def register_request_log(app: Flask) -> None:
    if not app.config.get("REQUEST_LOG", True):
        return
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)
    _ = app.logger  # installs Flask's default handler on "surveyapp" if none is configured
    app.before_request(_start_timer)
    app.after_request(_log_request)
