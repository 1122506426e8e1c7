"""One log line per request.

Only staff areas (login, management, field work, observatory, API) are logged
with client address and user agent, for security review. Every other request
is logged without them: respondent pages (``/s/...``), and also what a
respondent's browser fetches alongside (``/static/...``, ``/favicon.ico``, the
home page, unknown paths), whose lines in the same millisecond would otherwise
link an address and browser to an interview.
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
#: Staff areas: the only requests logged with client address and user agent.
STAFF_AREAS = ("/auth", "/manage", "/fieldwork", "/observatory", "/api")


def is_staff_path(path: str) -> bool:
    return any(path == area or path.startswith(area + "/") for area in STAFF_AREAS)


def is_respondent_path(path: str) -> bool:
    return path == "/s" or path.startswith(RESPONDENT_PREFIXES)


def _start_timer() -> None:
    g.request_started = time.perf_counter()


def _log_request(response: Response) -> Response:
    if not logger.isEnabledFor(logging.INFO):
        return response
    req = request._get_current_object()  # type: ignore[attr-defined]  # once, not per use
    elapsed_ms = (time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000
    path = req.path
    if not is_staff_path(path):
        # Never the query string, address or browser; a code in the path (invitation
        # links /s/c/<code>) is logged as the rule, not the code.
        rule = req.url_rule
        if rule is not None and "code" in (req.view_args or {}):
            path = rule.rule
        elif rule is None and is_respondent_path(path):
            path = "/s/<unknown>"  # a mistyped code must not reach the log either
        _emit("%s %s %s %.0fms", (req.method, path, response.status_code, elapsed_ms))
    else:
        _emit(
            "%s %s %s %.0fms addr=%s ua=%r",
            (
                req.method,
                path,
                response.status_code,
                elapsed_ms,
                req.remote_addr,
                (req.user_agent.string or "")[:200],
            ),
        )
    return response


def _emit(message: str, args: tuple[object, ...]) -> None:
    """``logger.info(message, *args)`` as logged from this module, without ``logging``
    searching the call stack for where the call came from (a fifth of the line's cost,
    on every request): the record is the same, handlers, filters and formats apply."""
    logger.handle(
        logger.makeRecord(
            logger.name, logging.INFO, __file__, _LINE, message, args, None, "_log_request"
        )
    )


#: The line the records name (what the stack search would find: the call in _log_request).
_LINE = _log_request.__code__.co_firstlineno


def register_request_log(app: Flask) -> None:
    if not app.config["REQUEST_LOG"]:
        return
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)
    _ = app.logger  # installs Flask's default handler on "surveyapp" if none is configured
    # First of all before-request hooks: a request refused by an earlier one (CSRF, rate
    # limit) would otherwise be logged without its time.
    app.before_request_funcs.setdefault(None, []).insert(0, _start_timer)
    app.after_request(_log_request)
