"""Languages of the web pages: the list (from :mod:`analysis.i18n`) and the configured default.

Import the language list from here in the server (the respondent pages, the
observatory, the interviewer app); it is defined once in :mod:`analysis.i18n`
because the indicator catalogue and the reports need it too. Which language a
request asks for (:func:`pick_language`) and the links of a language switch
(:func:`language_url`) are decided here too.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, request, url_for

from analysis.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    PERCENT_SIGNS,
    format_date,
    format_number,
    format_percent,
    is_singular,
    list_separator,
    lookup,
    lookup_count,
    pick,
    tr,
)

__all__ = [
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "PERCENT_SIGNS",
    "asked_or_default_language",
    "default_language",
    "format_date",
    "format_number",
    "format_percent",
    "is_singular",
    "language_url",
    "list_separator",
    "lookup",
    "lookup_count",
    "pick",
    "pick_language",
    "tr",
]


def default_language() -> str:
    """The ``DEFAULT_LANGUAGE`` setting: what pages use when nothing asks for another."""
    return str(current_app.config["DEFAULT_LANGUAGE"])


def asked_or_default_language() -> str:
    """The language of an observatory page: ?lang= when it is one of :data:`LANGUAGES`, else
    the default (no browser negotiation: a link to a page shows it in the language it names)."""
    asked = request.args.get("lang", "")
    return asked if asked in LANGUAGES else default_language()


def pick_language(choices: list[str] | tuple[str, ...], default: str | None = None) -> str:
    """The language asked for (?lang=), else the browser's best match, else the default."""
    asked = request.args.get("lang", "")
    if asked in choices:
        return asked
    best = request.accept_languages.best_match(list(choices))
    if best:
        return best
    if default and default in choices:
        return default
    return choices[0] if choices else default_language()


def language_url(language: str) -> str:
    """This page (same view, path and query, every repeated argument kept) in ``language``.

    The target of a language switch's links.
    """
    assert request.endpoint is not None  # only called while rendering a routed page
    values: dict[str, Any] = {**(request.view_args or {}), **request.args.to_dict(flat=False)}
    values["lang"] = language
    return url_for(request.endpoint, **values)
