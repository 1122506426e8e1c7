"""Every setting of the survey server, with its default, in one place.

Settings are read in this order, later ones winning:

1. the defaults below;
2. ``instance/config.py`` (a Python file of ``NAME = value`` lines), if present;
3. environment variables ``SURVEYAPP_<NAME>`` (values are parsed as JSON when they
   can be, so ``SURVEYAPP_LOGIN_MAX_FAILED=3`` is the integer 3);
4. the ``test_config`` mapping given to :func:`surveyapp.create_app`.

The reference with deployment notes is ``surveyapp/docs/server.md``.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any, Literal, get_args, get_origin, get_type_hints

#: Secret used to sign sessions and CSRF tokens. When unset, a random key is
#: generated once and kept in ``instance/secret_key`` (mode 0600).
SECRET_KEY: str | None = None

#: Database URL. ``None`` means SQLite in the instance folder
#: (``instance/surveyapp.sqlite``). ``postgres://`` and ``postgresql://`` URLs
#: are rewritten to use the psycopg 3 driver.
DATABASE_URL: str | None = None

#: Largest accepted request body in bytes (uploads included); larger ones get 413.
MAX_CONTENT_LENGTH: int = 8 * 1024 * 1024

#: Session cookie flags. Set ``SESSION_COOKIE_SECURE`` to true whenever the
#: server is reached over HTTPS (always, in production).
SESSION_COOKIE_HTTPONLY: bool = True
SESSION_COOKIE_SAMESITE: str = "Lax"
SESSION_COOKIE_SECURE: bool = False
REMEMBER_COOKIE_HTTPONLY: bool = True
REMEMBER_COOKIE_SAMESITE: str = "Lax"
REMEMBER_COOKIE_SECURE: bool = False
#: Staff sessions last this many seconds; "Keep me logged in" lasts REMEMBER_COOKIE_DURATION.
PERMANENT_SESSION_LIFETIME: int = 8 * 3600
REMEMBER_COOKIE_DURATION: int = 14 * 24 * 3600

#: CSRF tokens stay valid this many seconds (a respondent may keep a page open
#: for a long time before pressing "Next").
WTF_CSRF_TIME_LIMIT: int = 24 * 3600

#: Failed password attempts before an account is locked, and for how long.
LOGIN_MAX_FAILED: int = 5
LOGIN_LOCKOUT_MINUTES: int = 15
#: Rate limit on login POSTs per client address (Flask-Limiter syntax).
LOGIN_RATE_LIMIT: str = "20 per minute"

#: Flask-Limiter: on/off, and where counters live. ``memory://`` is per process;
#: with several gunicorn workers use e.g. ``redis://localhost:6379``.
RATELIMIT_ENABLED: bool = True
RATELIMIT_STORAGE_URI: str = "memory://"
RATELIMIT_HEADERS_ENABLED: bool = True

#: Write one log line per request (method, path, status, milliseconds). Client
#: address and user agent are never logged for respondent routes (``/s/...``).
REQUEST_LOG: bool = True

#: Number of reverse proxies in front of the app (nginx: 1). Their
#: X-Forwarded-For/-Proto/-Host headers are trusted only when this is set, so
#: rate limits see the real client and HTTPS is recognised.
TRUSTED_PROXIES: int = 0

#: Send X-Content-Type-Options, X-Frame-Options and Referrer-Policy on every
#: response, and Cache-Control: no-store on staff pages.
SECURITY_HEADERS: bool = True
#: A Content-Security-Policy header value, e.g.
#: "default-src 'self'; frame-ancestors 'none'; form-action 'self'". Off by default.
CONTENT_SECURITY_POLICY: str | None = None

#: Days an invitation code stays valid after it is generated, as proposed on the
#: code generation page (the manager may change it per batch); 0 means no expiry.
INVITATION_CODE_DAYS: int = 0

#: Field work API (surveyapp/docs/fieldwork.md). Days a device token issued at an app login
#: stays valid: a tablet may stay offline for weeks, and the token is only used online.
FIELD_TOKEN_DAYS: int = 90
#: A token's ``last_used_at`` is written at most once per this many seconds (not once a request).
FIELD_TOKEN_TOUCH_SECONDS: int = 60
#: Largest paradata object of one uploaded interview, in bytes of compact UTF-8 JSON.
FIELD_MAX_PARADATA_BYTES: int = 256 * 1024
#: Attempts at one upload when it races another save of the same interview (each attempt
#: rolls back and starts again; the last failure answers 503 and the app retries later).
FIELD_UPLOAD_ATTEMPTS: int = 5

# ---- read API /api/v1 (surveyapp/docs/api.md) ----

#: Requests allowed per token (per client address for requests without a valid token).
API_RATE_LIMIT: str = "300 per minute;10000 per hour"
#: Microdata release downloads allowed per token, on top of API_RATE_LIMIT.
API_DOWNLOAD_RATE_LIMIT: str = "30 per hour"
#: Rows of a page when the request gives no ``limit``, and the largest ``limit`` accepted.
API_PAGE_SIZE: int = 100
API_MAX_PAGE_SIZE: int = 1000
#: ``Cache-Control: private, max-age=`` of API answers; clients revalidate with the ETag after.
API_CACHE_SECONDS: int = 60
#: A read token's ``last_used_at`` is written at most once per this many seconds (every use is
#: in the audit log anyway).
API_TOKEN_TOUCH_SECONDS: int = 60
#: Days the audit log keeps the rows of requests made with read tokens (one per request);
#: ``surveyapp token prune`` (nightly, e.g. after the backup) deletes older ones. Creations and
#: revocations of tokens are kept.
API_TOKEN_AUDIT_DAYS: int = 180

#: Language of the respondent pages, the observatory and the reports when the browser
#: (or the link) asks for none we have; one of the four languages of surveyapp.i18n.
DEFAULT_LANGUAGE: str = "es"
#: Language of the staff login, field supervision and management pages when neither the
#: link (?lang=), an earlier choice in this browser nor its Accept-Language asks for one we have.
STAFF_DEFAULT_LANGUAGE: Literal["es", "en", "pt", "fr"] = "en"

# ---- observatory reports (surveyapp/observatory/jobs.py) ----

#: Where cached reports are built: "thread" (a background thread per server process),
#: "inline" (the request that asks builds it: tests, tiny sites) or "off" (nothing in the
#: server builds; run ``surveyapp report --work`` from cron or a systemd service).
REPORT_WORKER: Literal["thread", "inline", "off"] = "thread"
#: Rule set of analysis.indicators.quality that flags and suppresses estimates.
REPORT_QUALITY_RULES: str = "inegi"
#: Estimates from fewer cases are suppressed in public outputs whatever the rule set.
REPORT_MIN_CASES: int = 30
#: Weight of crimes against the household (vehicle theft, burglary) in incidence, crime totals,
#: reporting rate and dark figure: "person" (the respondent's weight, each household crime counted
#: once per adult it stands for, as ENVIPE does) or "household" (once per household, as the
#: NCVS does). Stated in every report's methodology annex.
REPORT_HOUSEHOLD_CRIMES: Literal["person", "household"] = "person"
#: A build claimed longer ago than this many seconds is taken as dead and retried.
REPORT_STALE_SECONDS: int = 900
#: Seconds between reloads of a "being prepared" page.
REPORT_REFRESH_SECONDS: int = 3
#: Largest GeoJSON boundary file accepted (bytes); simplify larger ones (e.g. mapshaper) first.
#: Must stay under MAX_CONTENT_LENGTH, which refuses the whole request.
BOUNDARY_MAX_BYTES: int = 5 * 1024 * 1024

# ---- respondent pages (/s/) ----

#: Largest body in bytes a respondent page accepts (a page of answers is a few kilobytes).
RESPOND_MAX_BODY: int = 64 * 1024
#: Guesses of invitation or resume codes allowed per client address (Flask-Limiter syntax).
RESPOND_CODE_RATE_LIMIT: str = "10 per minute;60 per hour"
#: How page-by-page saves commit on SQLite in WAL mode: "NORMAL" (not synced to disk at once:
#: safe against application crashes, not power cuts) or "FULL" (synced, like every other commit).
RESPOND_PAGE_SYNC: Literal["NORMAL", "FULL"] = "NORMAL"

# ---- staff accounts: two-factor authentication and sessions (issue 11) ----

#: Roles that must use two-factor authentication (TOTP); their members are sent to the
#: set-up page until they have it. Any other staff member may turn it on. E.g.
#: ["administrator", "survey_manager"]; [] makes it optional for everyone.
TWO_FACTOR_REQUIRED_ROLES: list[str] = ["administrator"]
#: A staff session ends after this many minutes without a request (and at the latest after
#: PERMANENT_SESSION_LIFETIME, or REMEMBER_COOKIE_DURATION with "keep me logged in").
STAFF_SESSION_IDLE_MINUTES: int = 120
#: A session's "last seen" time is written at most once per this many seconds.
STAFF_SESSION_TOUCH_SECONDS: int = 60
#: Seconds a correct password waits for its second factor before the login starts again.
TWO_FACTOR_LOGIN_SECONDS: int = 300

# ---- deployment: backups (issue 11) ----

#: Folder of pg_dump/pg_restore for ``surveyapp backup``/``restore`` on PostgreSQL. ``None``:
#: those of the server's major version (Debian: /usr/lib/postgresql/<major>/bin), else PATH.
PG_BIN_DIR: str | None = None


def defaults() -> dict[str, Any]:
    """The defaults above as a mapping (upper-case module globals)."""
    return {name: value for name, value in globals().items() if name.isupper()}


class SettingError(ValueError):
    """A setting the server cannot run with; the message names it and the values it may take."""


#: Settings whose value must be one of the ``Literal`` choices of their annotation above (a wrong
#: one would otherwise surface in the first report built, or silently build nothing).
_choice_settings = ("REPORT_HOUSEHOLD_CRIMES", "REPORT_WORKER", "STAFF_DEFAULT_LANGUAGE")
#: Settings that must be a whole number of at least 1.
_whole_settings = ("API_TOKEN_AUDIT_DAYS",)


def choices(name: str) -> tuple[Any, ...]:
    """The values the ``Literal`` annotation of setting ``name`` allows."""
    hint = get_type_hints(sys.modules[__name__])[name]
    if get_origin(hint) is not Literal:
        raise TypeError(f"{name} is not annotated with Literal[...]")
    return get_args(hint)


def check(settings: Mapping[str, Any]) -> None:
    """Refuse settings the server cannot run with (called by ``create_app``): SettingError."""
    for name in _choice_settings:
        allowed = choices(name)
        if settings.get(name) not in allowed:
            listed = ", ".join(repr(value) for value in allowed)
            raise SettingError(f"{name} must be one of {listed}, not {settings.get(name)!r}")
    for name in _whole_settings:
        value = settings.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise SettingError(f"{name} must be a whole number of 1 or more, not {value!r}")
