"""Languages of the web pages: the list (from :mod:`analysis.i18n`) and the configured default.

Import the language list from here in the server (the respondent pages, the
observatory, the interviewer app); it is defined once in :mod:`analysis.i18n`
because the indicator catalogue and the reports need it too.
"""

from __future__ import annotations

from flask import current_app

from analysis.i18n import LANGUAGE_NAMES, LANGUAGES, format_number, lookup, pick, tr

__all__ = [
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "default_language",
    "format_number",
    "lookup",
    "pick",
    "tr",
]


def default_language() -> str:
    """The ``DEFAULT_LANGUAGE`` setting: what pages use when nothing asks for another."""
    return str(current_app.config["DEFAULT_LANGUAGE"])
