"""The languages of the survey system and the one shape of a translated text.

Every translated string (indicator names, report words, web page words) is a
``{language: text}`` mapping built with :func:`tr`, in the order of
:data:`LANGUAGES`; :func:`pick` and :func:`lookup` read them with the same
fallback to English. The questionnaire's own wording lives in the instrument.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from functools import cache

__all__ = [
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "EXCEL_DATE_FORMATS",
    "PERCENT_SIGNS",
    "format_date",
    "format_number",
    "format_percent",
    "format_period",
    "is_singular",
    "list_separator",
    "lookup",
    "lookup_count",
    "pick",
    "number_symbols",
    "tr",
]

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


#: What follows a number to make it a percentage, as CLDR writes it (Babel 2.19): French
#: "90,0 %" with a no-break space U+00A0 (``fr``: ``#,##0\u00a0%``; its thousands take the
#: narrow U+202F), so that number and sign never part at a line end; English and Portuguese
#: (``pt``, ``pt_BR``) "90.0%"; Spanish "90,0%" as Latin America writes it (``es_419``; CLDR's
#: ``es``, Spain's, puts a space).
PERCENT_SIGNS: dict[str, str] = {"es": "%", "en": "%", "pt": "%", "fr": "\u00a0%"}


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


@cache
def _plural_rule(language: str) -> Callable[[float], str]:
    from babel import Locale

    return Locale.parse(language).plural_form


def is_singular(count: int, language: str) -> bool:
    """Whether ``language`` writes the noun after ``count`` in the singular: CLDR's plural
    category "one" (Babel), 1 in Spanish and English, 0 and 1 in French and Portuguese ("0
    unité", "1 unidade", "2 unités"). The one home of that rule: a text about a count has a
    ``<key>_one`` form for these counts (:func:`lookup_count`); the CLI's English sentences
    ask it too. Babel is imported on first use.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    return _plural_rule(language)(abs(count)) == "one"


def lookup_count(
    table: Mapping[str, Mapping[str, str]],
    key: str,
    language: str,
    count: int,
    **values: object,
) -> str:
    """The text ``key`` about ``count`` things (:func:`lookup`): its ``<key>_one`` form where
    :func:`is_singular` says so ("1 unit assigned"), else ``key`` ("2 units assigned").
    ``values`` fill in the text, the count written as the page writes numbers among them."""
    singular = f"{key}_one"
    if singular in table and is_singular(count, language):
        key = singular
    return lookup(table, key, language, **values)


@cache
def number_symbols(language: str) -> tuple[str, str]:
    """The decimal mark and the thousands separator of ``language``, from CLDR (Babel).

    Spanish and Portuguese write 63.542,5; English 63,542.5; French 63 542,5
    (a narrow no-break space). Babel is imported on first use: the web
    server's start-up does not pay for it.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return get_decimal_symbol(language), get_group_symbol(language)


def list_separator(language: str) -> str:
    """The column separator a spreadsheet expects in a CSV file for readers of ``language``.

    Excel splits a CSV's columns at the Windows list separator, which is ``;`` where numbers
    are written with a decimal comma (as this language writes them: es, pt, fr) and ``,``
    where the decimal mark is a point (en): a comma-separated file opens in one column in
    Excel set up for Colombia, Chile or Brazil. Countries of a language that write a decimal
    point (Spanish in Mexico) need ``,``: offer the other where a person downloads.
    """
    decimal, _group = number_symbols(language)
    return ";" if decimal == "," else ","


def colon(language: str) -> str:
    """The colon between a name and what follows ("Norte: 23,4%"), French with the no-break
    space before it ("Norte\u00a0: 23,4\u00a0%")."""
    return "\u00a0: " if language == "fr" else ": "


def semicolon(language: str) -> str:
    """The semicolon between the items of a list, French with the no-break space before it."""
    return "\u00a0; " if language == "fr" else "; "


def format_number(value: float | None, language: str, decimals: int = 1) -> str:
    """``value`` with ``decimals`` digits in ``language``'s number format; a dash when not a number.

    The one number format of the reports, their charts and the observatory's pages. A
    value that rounds to zero is written without a sign; a negative one with the minus sign
    U+2212 ("−3,7"), as typesetting writes it: the hyphen-minus is shorter than the plus
    sign and sits lower. Files for machines (CSV) do not use this function and keep the
    hyphen-minus their readers parse.
    """
    if value is None or not math.isfinite(value):
        return "—"
    decimal, group = number_symbols(language)
    text = f"{round(float(value), decimals) + 0.0:,.{decimals}f}"
    text = text.replace(",", "\x00").replace(".", decimal).replace("\x00", group)
    return "\u2212" + text[1:] if text.startswith("-") else text


def format_percent(value: float | None, language: str, decimals: int = 1) -> str:
    """``value``, already in percent (0–100), as :func:`format_number` writes it followed by
    ``language``'s percent sign (:data:`PERCENT_SIGNS`); a dash, without sign, when not a number.

    The one percentage format of the reports, the observatory's and the staff pages.
    """
    text = format_number(value, language, decimals)
    return text if text == "—" else text + PERCENT_SIGNS[language]


def format_date(day: dt.date, language: str) -> str:
    """``day`` as a reader of ``language`` writes it in running text: CLDR's long date (Babel).

    Spanish "30 de noviembre de 2026", Portuguese "30 de novembro de 2026", English
    "November 30, 2026", French "30 novembre 2026" with French typography: "1er" for the
    first of the month and no-break spaces, so that day, month and year stay on one line.
    Reports printed ISO dates (2026-11-30), which no reader of the four languages writes.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    from babel.dates import format_date as babel_date

    text = babel_date(day, "long", locale=language)
    if language == "fr":
        if day.day == 1:
            text = "1er" + text[1:]
        text = text.replace(" ", "\u00a0")
    return text


#: A day in a spreadsheet cell as a reader of each language writes it in running text (CLDR's
#: long date, as :func:`format_date`): an Excel number format, so that the cell stays a real
#: date (sorted and counted as one) yet reads "31 de diciembre de 2024", "December 31, 2024".
#: The locale tag (a Windows LCID) picks the month names whatever the reader's own system
#: language: Mexico's 0x080A for Spanish (long known to Excel and LibreOffice), Brazil's
#: 0x0416, the United States' 0x0409, France's 0x040C. No "1er" in French: a number format
#: cannot say it.
EXCEL_DATE_FORMATS: dict[str, str] = {
    "es": '[$-80A]d "de" mmmm "de" yyyy',
    "en": "[$-409]mmmm d, yyyy",
    "pt": '[$-416]d "de" mmmm "de" yyyy',
    "fr": "[$-40C]d mmmm yyyy",
}


def format_period(start: dt.date, end: dt.date, language: str) -> str:
    """Two dates of ``language`` (:func:`format_date`) joined by a spaced en dash."""
    return f"{format_date(start, language)} – {format_date(end, language)}"
