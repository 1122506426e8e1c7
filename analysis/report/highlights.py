"""Highlights: sentences written from the indicator table, never by hand.

A change between waves is called a change only when the comparison table
marks it ``significant``; otherwise the sentence says there is no
significant change. A suppressed estimate (public report) is never quoted:
the sentence says it is not published, and a comparison whose earlier
estimate was suppressed is not made.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.report.context import Formatter, Lookup, Value, says_unit
from analysis.report.data import Area

__all__ = ["HIGHLIGHT_INDICATORS", "change_words", "highlights", "significant_changes"]

#: indicators quoted in the highlights, in this order (when present)
HIGHLIGHT_INDICATORS: tuple[str, ...] = (
    "prev_person",
    "prev_household",
    "incidence",
    "reporting_rate",
    "dark_figure",
    "insecure_state",
    "insecure_muni",
    "insecure_nbhd",
    "sdg_16_1_4",
    "trust_police",
    "sdg_16_5_1",
)

Direction = int  # +1 significant increase, -1 significant decrease, 0 not significant


def significant_changes(
    changes: pd.DataFrame | None, current: Lookup, previous: Lookup
) -> dict[tuple[str, str, str], Direction]:
    """``(domain_type, domain, indicator) -> +1/-1/0`` from the comparison table.

    The sign is that of ``difference`` when present, else of current minus
    previous estimate; rows whose ``significant`` is not true give 0.
    """
    if changes is None or changes.empty:
        return {}
    required = {"indicator", "domain_type", "domain", "significant"}
    missing = sorted(required - set(changes.columns))
    if missing:
        raise ValueError(f"ReportData.changes lacks column(s) {', '.join(missing)}")
    out: dict[tuple[str, str, str], Direction] = {}
    has_diff = "difference" in changes.columns
    for row in changes.to_dict("records"):
        key = (str(row["domain_type"]), str(row["domain"]), str(row["indicator"]))
        significant = bool(row["significant"]) if not pd.isna(row["significant"]) else False
        if not significant:
            out[key] = 0
            continue
        diff = float(row["difference"]) if has_diff else math.nan
        if not math.isfinite(diff):
            now, before = current.get(*key), previous.get(*key)
            diff = (now.estimate - before.estimate) if now and before else math.nan
        out[key] = int(np.sign(diff)) if math.isfinite(diff) else 0
    return out


def change_words(
    directions: Mapping[tuple[str, str, str], Direction], fmt: Formatter
) -> dict[tuple[str, str, str], str]:
    """Table words for each compared estimate."""
    words = {1: fmt.t("change_up"), -1: fmt.t("change_down"), 0: fmt.t("change_none")}
    return {key: words[d] for key, d in directions.items()}


def _value_sentence(fmt: Formatter, value: Value) -> str:
    name = fmt.name(value.indicator)
    # the sentence's colon is its only one: "Confianza en Policía: 43,4%"
    subject = fmt.t.subject(name)
    if not value.shown or not math.isfinite(value.estimate):
        return fmt.t("hl_suppressed", name=subject)
    unit = fmt.t.percent_sign if value.unit == "percent" else " " + fmt.unit_word(value.unit)
    if says_unit(name, value.unit):
        unit = ""  # "Incidence per 100,000 ...: 63,542", not "...: 63,542 per 100,000" again
    text = fmt.t(
        "hl_value",
        name=subject,
        # the quality marker after the unit, never inside the number ("26.1%*", not "26.1*%")
        value=fmt.estimate(value) + unit + fmt.marker(value),
        level=fmt.level_text,
        low=fmt.number(value, value.low),
        high=fmt.number(value, value.high),
    )
    return text


def _change_sentence(
    fmt: Formatter,
    value: Value,
    before: Value | None,
    direction: Direction | None,
    previous_name: str,
) -> str:
    if direction is None or not value.shown:
        return ""
    if before is None or not before.shown:
        return fmt.t("hl_no_previous", wave=previous_name)
    key = {1: "hl_up", -1: "hl_down", 0: "hl_same"}[direction]
    return fmt.t(key, wave=previous_name, previous=_quoted(fmt, before))


def _quoted(fmt: Formatter, value: Value) -> str:
    """An estimate quoted in a sentence with its unit and quality marker ("9,5%*"), as the
    tables print it: the comparison and closing sentences quoted a low-quality estimate bare."""
    return fmt.estimate(value, with_unit=True) + fmt.marker(value)


def highlights(
    fmt: Formatter,
    area: Area,
    current: Lookup,
    previous: Lookup | None,
    directions: Mapping[tuple[str, str, str], Direction],
    previous_name: str,
    indicators: Sequence[str] = HIGHLIGHT_INDICATORS,
) -> list[str]:
    """One sentence (plus its comparison) per key indicator present for ``area``."""
    out: list[str] = []
    published = 0
    for ident in indicators:
        value = current.area(area, ident)
        if value is None:
            continue
        published += bool(value.shown and math.isfinite(value.estimate))
        sentence = _value_sentence(fmt, value)
        if previous is not None:
            key = (area.level, area.domain, ident)
            extra = _change_sentence(
                fmt, value, previous.area(area, ident), directions.get(key), previous_name
            )
            sentence = f"{sentence} {extra}".strip()
        out.append(sentence)
    if len(out) > 1 and not published:
        # a municipality of 25 interviews: eleven bullets each saying "not published"
        return [fmt.t("hl_none_published", area=area.name)]
    perceived_id = "insecure_muni" if area.level == "municipality" else "insecure_state"
    perceived = current.area(area, perceived_id)
    victims = current.area(area, "prev_person")
    if perceived and victims and perceived.shown and victims.shown:
        word = fmt.t("word_municipality" if area.level == "municipality" else "word_state")
        out.append(
            fmt.t(
                "hl_gap",
                perceived=_quoted(fmt, perceived),
                prevalence=_quoted(fmt, victims),
                level=word,
            )
        )
    dark = current.area(area, "dark_figure")
    if dark and dark.shown and math.isfinite(dark.estimate):
        out.append(fmt.t("hl_dark", dark=_quoted(fmt, dark)))
    return out
