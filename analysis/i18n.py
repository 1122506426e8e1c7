"""The languages of the survey system and the one shape of a translated text.

Every translated string (indicator names, report words, web page words) is a
``{language: text}`` mapping built with :func:`tr`, in the order of
:data:`LANGUAGES`; :func:`pick` and :func:`lookup` read them with the same
fallback to English. The questionnaire's own wording lives in the instrument.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["LANGUAGES", "LANGUAGE_NAMES", "lookup", "pick", "tr"]

#: The languages of the standard questionnaire, the reports and the web pages, in the
#: order translations are written.
LANGUAGES: tuple[str, ...] = ("es", "en", "pt", "fr")
#: Each language's own name, for language switches.
LANGUAGE_NAMES: dict[str, str] = {
    "es": "Español",
    "en": "English",
    "pt": "Português",
    "fr": "Français",
}


def tr(es: str, en: str, pt: str, fr: str) -> dict[str, str]:
    """One text in every language (positional in the order of :data:`LANGUAGES`)."""
    return {"es": es, "en": en, "pt": pt, "fr": fr}


def pick(texts: Mapping[str, str], language: str, default: str = "") -> str:
    """The text in ``language``, else in English, else ``default``."""
    return texts.get(language) or texts.get("en") or default


def lookup(
    table: Mapping[str, Mapping[str, str]], key: str, language: str, **values: object
) -> str:
    """The text ``key`` of a table of :func:`tr` entries, with ``{name}`` filled in.

    A missing key is a developer error (``KeyError``).
    """
    found = pick(table[key], language)
    return found.format(**values) if values else found
