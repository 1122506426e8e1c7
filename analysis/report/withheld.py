"""What a public report says when the quality rules withhold an area's estimates.

A municipal report of some 25 interviews was 29 pages, most of them tables of dashes: every
estimate of the municipality fails the quality rules (the rules stay as they are). A table
with estimates of which none is published (``Table.withheld``, set by
``SectionWriter.noted``) is left out and its section says once, in a sentence, why: the
area's number of interviews against the rules' smallest number of cases, or that no estimate
meets the rules. Tables that also hold published figures (the state's and the country's
columns) are kept. When more than half of the area's estimates are withheld the builder
returns a warning (``Report.warnings``), which the command line and the management pages
print.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.indicators.catalogue import catalogue
from analysis.indicators.quality import QualityRules
from analysis.report.context import Section, Table
from analysis.report.data import Area
from analysis.report.i18n import Translator

__all__ = [
    "MOSTLY",
    "Withheld",
    "area_withheld",
    "collapse_withheld",
    "few_interviews_warning",
    "minimum_cases",
    "withheld_warning",
]

#: the share of an area's estimates withheld above which the builder warns
MOSTLY = 0.5


@dataclass(frozen=True)
class Withheld:
    """How many of an area's estimates a public edition withholds, and why.

    ``interviews`` is the largest sample size among the area's person and household
    estimates (the interviews that answered), None without such rows; ``minimum`` the
    smallest number of cases the rules publish (their largest ``n`` requirement that
    suppresses), None when the rules have none.
    """

    area: Area
    hidden: int
    total: int
    interviews: int | None
    minimum: int | None

    @property
    def too_few(self) -> bool:
        """Whether the area has fewer interviews than any estimate needs."""
        return (
            self.interviews is not None
            and self.minimum is not None
            and self.interviews < self.minimum
        )

    @property
    def mostly(self) -> bool:
        return self.total > 0 and self.hidden / self.total > MOSTLY


def minimum_cases(rules: QualityRules) -> int | None:
    """The smallest sample size the rules publish: their largest ``n`` minimum that suppresses."""
    minimums = [
        int(r.minimum) for r in rules.requirements if r.measure == "n" and r.label in rules.suppress
    ]
    return max(minimums) if minimums else None


def area_withheld(table: pd.DataFrame, area: Area, rules: QualityRules) -> Withheld:
    """Count the estimates of ``area`` in ``table`` that a public edition withholds.

    Parameters
    ----------
    table : DataFrame
        An indicator table (``compute_indicators``): ``indicator, domain_type, domain, n,
        suppressed``.
    area : Area
    rules : QualityRules
        The rules that labelled the table.

    Returns
    -------
    Withheld
    """
    rows = table[(table["domain_type"] == area.level) & (table["domain"] == area.domain)]
    hidden = int(rows["suppressed"].fillna(False).astype(bool).sum()) if len(rows) else 0
    respondents = {i.id for i in catalogue() if i.level in ("person", "household")}
    sizes = pd.to_numeric(rows.loc[rows["indicator"].isin(respondents), "n"], errors="coerce")
    interviews = int(sizes.max()) if sizes.notna().any() else None
    return Withheld(area, hidden, len(rows), interviews, minimum_cases(rules))


def why(t: Translator, withheld: Withheld) -> str:
    """The reason, in a sentence: too few interviews (with the number and the rule), or that
    no estimate meets the rules."""
    if withheld.too_few:
        interviews = withheld.interviews or 0
        minimum = withheld.minimum or 0
        return t(
            "withheld_few",
            interviews=t.count("n_interviews", interviews, n=t.number(interviews, 0)),
            cases=t.count("n_cases", minimum, n=t.number(minimum, 0)),
        )
    return t("withheld_rules")


def collapse_withheld(section: Section, t: Translator, withheld: Withheld) -> bool:
    """Take the withheld tables out of ``section`` and its subsections, each section that
    had one saying why in one sentence; whether any was taken out."""
    found = False
    for part in _walk([section]):
        kept = [b for b in part.blocks if not (isinstance(b, Table) and b.withheld)]
        dropped = [b.caption for b in part.blocks if isinstance(b, Table) and b.withheld]
        if not dropped:
            continue
        found = True
        part.blocks = kept
        named = [c for c in dict.fromkeys(dropped) if c != part.title]
        if not kept and not part.subsections:
            head = t("withheld_here", area=withheld.area.name)
        elif not named:  # the table named as its section: the heading just above says it
            head = t("withheld_table", area=withheld.area.name)
        else:
            head = t("withheld_named", tables="; ".join(named), area=withheld.area.name)
        part.paragraphs.append(f"{head} {why(t, withheld)}")
    return found


def withheld_warning(t: Translator, withheld: Withheld, *, public: bool = True) -> str | None:
    """The builder's warning when most of the area's estimates are withheld, else None.

    An internal edition (``public=False``) withholds nothing: its warning is about the public
    edition, and says so.
    """
    if not withheld.mostly:
        return None
    head = t.count(  # an area with one estimate: "the only estimate", not "1 of the 1"
        "withheld_warning" if public else "withheld_warning_internal",
        withheld.total,
        hidden=t.number(withheld.hidden, 0),
        total=t.number(withheld.total, 0),
        area=withheld.area.name,
    )
    return f"{head} {why(t, withheld)}"


def few_interviews_warning(
    t: Translator, area: Area, interviews: int, minimum: int | None
) -> str | None:
    """The warning for an area of ``interviews`` completed interviews, fewer than the rules'
    smallest published cell ``minimum`` (:func:`minimum_cases`), else None.

    Known without the indicator table: a person or household estimate counts at most the
    area's interviews, so none of them is published. Whether most of the report is withheld
    for other reasons needs the table (:func:`area_withheld`).
    """
    withheld = Withheld(area, 0, 0, interviews, minimum)
    if not withheld.too_few:
        return None
    return f"{t('withheld_warning_few', area=area.name)} {why(t, withheld)}"


def _walk(sections: Iterable[Section]) -> Iterable[Section]:
    for section in sections:
        yield section
        yield from _walk(section.subsections)
