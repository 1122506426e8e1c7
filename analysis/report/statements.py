"""Plain-language sentences for the comparison tables: the evaluation of a measure and the
paradox table's reading, in the report's language (words from :mod:`analysis.report.i18n`).

The report and the observatory's evaluation page both write these sentences from the
rows of :func:`analysis.compare.difference_in_differences` and
:func:`analysis.compare.paradox_table`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from analysis.report.i18n import Translator

__all__ = ["did_statement", "group_label", "pattern_label", "signed"]

#: Units of the catalogue whose differences are written in percentage points.
_POINTS_UNITS = frozenset({"percent"})


def signed(t: Translator, value: float, decimals: int = 1) -> str:
    """``value`` with a sign also when positive (+2,5 / −1,0), in the language's number format."""
    text = t.number(value, decimals)
    if math.isfinite(value) and value > 0 and text != t.number(0.0, decimals):
        return "+" + text
    return text


def _unit(t: Translator, unit: str) -> str:
    if unit in _POINTS_UNITS:
        return t("unit_points")
    if unit == "per_100000":
        return t("unit_per100k")
    return ""


def did_statement(
    row: Mapping[str, Any], indicator_name: str, language: str, public: bool = True
) -> list[str]:
    """What one difference in differences shows and does not show, as sentences.

    Parameters
    ----------
    row : mapping
        One row of :func:`analysis.compare.difference_in_differences`.
    indicator_name : str
        The indicator's name in ``language``.
    language : str
        es, en, pt or fr.
    public : bool
        A public edition says a suppressed row is not published; an internal
        one states it and marks it as failing the quality rules.

    Returns
    -------
    list of str
        The result (four estimates, both changes, the DiD with its
        interval), its significance, the small-sample warning when
        ``row["small_sample"]``, and the parallel-trends caveat. A
        suppressed row gives, in a public edition, one sentence saying so
        and the caveat.
    """
    t = Translator(language)
    indicator_name = t.subject(indicator_name)  # the sentence's colon is its only one
    alpha = t.number(100 * (1 - float(row["level"])), 0)
    suppressed = bool(row.get("suppressed"))
    if suppressed and public:
        return [t("did_suppressed", indicator=indicator_name), t("did_assumption")]
    decimals = 1 if row["unit"] in _POINTS_UNITS else 0
    sentences = [
        t(
            "did_result",
            indicator=indicator_name,
            programme_before=t.number(row["programme_before"], decimals),
            programme_after=t.number(row["programme_after"], decimals),
            change_programme=signed(t, row["change_programme"], decimals),
            rest_before=t.number(row["rest_before"], decimals),
            rest_after=t.number(row["rest_after"], decimals),
            change_rest=signed(t, row["change_rest"], decimals),
            did=signed(t, row["did"], decimals),
            unit=_unit(t, str(row["unit"])),
            level=t.number(100 * float(row["level"]), 0),
            low=t.number(row["ci_low"], decimals),
            high=t.number(row["ci_high"], decimals),
        ).replace("  ", " "),
        t("did_significant" if row["significant"] else "did_not_significant", alpha=alpha),
    ]
    if row.get("small_sample"):
        n_min = int(row["n_min"])
        sentences.append(t.count("did_small_sample", n_min, n=t.number(n_min, 0)))
    if suppressed:
        sentences.append(t("suppressed_internal_note"))
    sentences.append(t("did_assumption"))
    return sentences


def pattern_label(pattern: str, language: str) -> str:
    """The reading of a :func:`analysis.compare.paradox_table` ``pattern`` in ``language``."""
    return Translator(language)(f"pattern_{pattern}")


#: Words of the groups of :func:`analysis.compare.paradox_table` (``group_type, group``).
_GROUP_WORDS: dict[tuple[str, str], str] = {
    ("national", "national"): "level_country",
    ("sex", "1"): "group_men",
    ("sex", "2"): "group_women",
    ("youth", "18-29"): "group_youth",
    ("youth", "30+"): "group_adults",
}


def group_label(group_type: str, group: str, language: str) -> str:
    """A paradox-table group in ``language``: "Women", "Age 45-59", "Young people (18–29)"."""
    t = Translator(language)
    key = _GROUP_WORDS.get((group_type, group))
    if key is not None:
        return t(key)
    if group_type == "age_group":
        return t("term_age", group=group)
    return f"{group_type}: {group}"
