"""Sections of the media, youth, coexistence, participation and protection modules.

Each section shows the catalogue group's indicators the table has for the
area (bars of the percentages, a table of all, means included); a wave
whose questionnaire lacks the questions (older waves) has no rows, and the
section is left out. The youth gap (perceived against actual youth share of
offenders) is a block of "perceived versus actual"; fear by victimization
status and the paradox table (:func:`analysis.compare.fear_by_victimization`,
:func:`analysis.compare.paradox_table`) are its subsections when given.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, Protocol

import pandas as pd

from analysis.report.context import (
    Cell,
    Figure,
    Formatter,
    Lookup,
    Section,
    Table,
    Value,
    unit_suffix,
)
from analysis.report.data import Area, ReportData
from analysis.report.i18n import Translator
from analysis.report.layout import ids_of
from analysis.report.statements import group_label, pattern_label, signed

__all__ = [
    "coexistence_section",
    "fear_by_victim_section",
    "media_section",
    "paradox_section",
    "youth_gap_table",
    "youth_section",
]

#: perceived share, then the actual shares it is set against (analysis/indicators/topics.py)
YOUTH_SHARES = ("youth_share_perceived", "youth_share_incidents", "youth_share_victims")
YOUTH_GAPS = ("youth_gap_incidents", "youth_gap_victims")


class Writer(Protocol):
    """What these sections use of :class:`analysis.report.sections.SectionWriter`."""

    data: ReportData
    fmt: Formatter
    t: Translator
    current: Lookup
    area: Area
    tabled: set[str]

    def table(
        self, caption: str, indicators: Sequence[str], area: Area | None = None
    ) -> Table | None: ...

    def bars(
        self, title: str, indicators: Sequence[str], unit: str = "percent"
    ) -> Figure | None: ...

    def noted(self, make: Callable[[], Table], withhold: bool = False) -> Table: ...


def _percent(w: Writer, ids: Sequence[str]) -> list[str]:
    """The ids whose rows for the area are percentages (the charted ones)."""
    out = []
    for ident in w.current.has(w.area, ids):
        value = w.current.area(w.area, ident)
        if value is not None and value.unit == "percent":
            out.append(ident)
    return out


def _topic(w: Writer, ident: str, title: str, group: str, chart: str) -> Section | None:
    """A subsection of one catalogue group: bars of its percentages and the table of all."""
    ids = ids_of(group)
    if not w.current.has(w.area, ids):
        return None
    section = Section(ident, title, page_break=False)
    section.add(w.bars(chart, _percent(w, ids)), w.table(title, ids))
    return section


def _not_asked_here(w: Writer, ids: Sequence[str]) -> list[str]:
    """One sentence per set of items the questionnaire does not ask, naming the indicators of
    ``ids`` that it leaves out of this section (``ReportData.unmeasured``; the annex's table
    lists them all)."""
    names: dict[tuple[str, ...], list[str]] = {}
    for u in w.data.unmeasured:
        if u.indicator in ids:
            names.setdefault(tuple(u.items), []).append(w.fmt.name(u.indicator))
    return [
        w.t("item_not_asked_here", item=", ".join(items), parts="; ".join(parts))
        for items, parts in names.items()
    ]


def _group_section(
    w: Writer, group: str, paragraphs: list[str], charted: Sequence[str] | None = None
) -> Section:
    """A section of one catalogue group (heading ``sec_<group>``): paragraphs, bars of the
    ``charted`` percentages (default: all of them) and the table of every indicator; a note
    names the indicators the questionnaire cannot measure and the items they need."""
    t = w.t
    section = Section(group, t(f"sec_{group}"))
    ids = ids_of(group)
    if not w.current.has(w.area, ids):
        return section
    section.paragraphs = [p for p in paragraphs if p]
    charted = ids if charted is None else [i for i in charted if i in ids]
    section.add(
        w.bars(t(f"chart_{group}_title"), _percent(w, charted)), w.table(t(f"sec_{group}"), ids)
    )
    section.notes.extend(_not_asked_here(w, ids))
    return section


def media_section(w: Writer) -> Section:
    """Following crime news: how often, by which channels, about which place."""
    # the exposure's definition opens the section only when the section shows the exposure
    shown = w.current.has(w.area, ["media_exposure"])
    opening = w.fmt.definition("media_exposure") if shown else ""
    return _group_section(w, "media", [opening, w.t("media_note")])


def youth_section(w: Writer) -> Section:
    """Young people as offenders: perceived share, perceived trend, and what victims describe."""
    return _group_section(w, "youth", [w.t("youth_note")], (*YOUTH_SHARES, "youth_trend_up"))


def coexistence_section(w: Writer) -> Section:
    """Disorder and satisfaction in the neighbourhood, participation, household protection."""
    t = w.t
    section = Section("coexistence", t("sec_coexistence"))
    for parts in (
        ("disorder", t("sub_disorder"), "coexistence", t("chart_disorder_title")),
        ("participation", t("sub_participation"), "participation", t("chart_participation_title")),
        ("protection", t("sub_protection"), "protection", t("chart_protection_title")),
    ):
        sub = _topic(w, *parts)
        if sub is not None:
            section.subsections.append(sub)
    if section.subsections and w.current.has(w.area, ["protection_spending"]):
        section.subsections[-1].paragraphs.append(t("protection_spending_note"))
    return section


def youth_gap_table(w: Writer) -> Table | None:
    """Perceived youth share of offenders against the actual ones, and the gaps, with intervals."""
    present = w.current.has(w.area, (*YOUTH_SHARES, *YOUTH_GAPS))
    if "youth_share_perceived" not in present or not set(YOUTH_GAPS) & set(present):
        return None
    t = w.t
    w.tabled.update(present)

    def make() -> Table:
        rows = []
        for ident in present:
            value = w.current.area(w.area, ident)
            unit = " (pp)" if value is not None and value.unit == "points" else " (%)"
            rows.append(
                [
                    Cell(w.fmt.name(ident) + unit, "label"),
                    w.fmt.cell(value),
                    Cell(w.fmt.interval(value), "num"),
                ]
            )
        header = [t("col_indicator"), t("col_estimate"), t("col_ci", level=w.fmt.level_text)]
        return Table(t("sub_youth_gap"), header, rows, css="compare")

    table = w.noted(make, withhold=True)
    table.notes.insert(0, t("youth_gap_note"))
    return table


def youth_gap_sentence(w: Writer) -> str:
    """ "People think X% ...; victims describe Y% ... (gap Z points, interval)": from the
    incidents when published, else from the victims, else nothing."""
    perceived = w.current.area(w.area, "youth_share_perceived")
    for basis in ("incidents", "victims"):
        actual = w.current.area(w.area, f"youth_share_{basis}")
        gap = w.current.area(w.area, f"youth_gap_{basis}")
        if perceived is None or actual is None or gap is None:
            continue
        if not all(_shown(v) and not v.flagged for v in (perceived, actual, gap)):
            continue
        return w.t(
            f"youth_gap_sentence_{basis}",
            perceived=w.fmt.estimate(perceived, with_unit=True),
            actual=w.fmt.estimate(actual, with_unit=True),
            gap=signed(w.t, gap.estimate, 1),
            interval=w.fmt.interval(gap),
            level=w.fmt.level_text,
        )
    return ""


def _whose(w: Writer) -> str:
    """Which area the comparison tables describe: the whole wave (the country)."""
    area = w.data.groups_area or w.data.country or w.area
    return w.t("groups_of", area=area.name)


def _shown(value: Value | None) -> bool:
    return value is not None and value.shown and math.isfinite(value.estimate)


def _estimate_cells(
    w: Writer, record: Mapping[Hashable, Any], prefix: str, unit: str, public: bool
) -> list[Cell]:
    """Estimate (with its interval) of one part of a comparison row, hidden when suppressed."""
    suppressed = bool(record.get(f"{prefix}_suppressed"))
    value = Value(
        indicator="",
        estimate=_float(record.get(prefix)),
        low=_float(record.get(f"{prefix}_ci_low")),
        high=_float(record.get(f"{prefix}_ci_high")),
        cv=math.nan,
        n=_float(record.get(f"{prefix}_n")),
        quality=str(record.get(f"{prefix}_quality") or ""),
        suppressed=suppressed,
        shown=not (suppressed and public),
        unit=unit,
    )
    return [w.fmt.cell(value, with_interval=True)]


def _float(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def _difference(w: Writer, diff: float, p: float, shown: bool, level: float) -> Cell:
    if not shown or not math.isfinite(diff):
        return Cell("—", "num")
    mark = "†" if math.isfinite(p) and p < 1 - level else ""
    return Cell(signed(w.t, diff, 1) + mark, "num")


def fear_by_victim_section(w: Writer, table: pd.DataFrame | None, public: bool) -> Section | None:
    """Fear among victims and non-victims (:func:`analysis.compare.fear_by_victimization`)."""
    if table is None or table.empty:
        return None
    t = w.t
    level = float(table["level"].iloc[0]) if "level" in table.columns else 0.95

    def make() -> Table:
        rows = []
        for record in table.to_dict("records"):
            unit = str(record.get("unit") or "percent")
            name = w.fmt.name(str(record["indicator"]))
            cells = [Cell(name + unit_suffix(unit, name, t.language), "label")]
            cells += _estimate_cells(w, record, "victims", unit, public)
            cells += _estimate_cells(w, record, "non_victims", unit, public)
            shown = not public or not (
                record.get("victims_suppressed") or record.get("non_victims_suppressed")
            )
            cells.append(
                _difference(
                    w, _float(record.get("difference")), _float(record.get("p")), shown, level
                )
            )
            rows.append(cells)
        header = [t("col_indicator"), t("col_victims"), t("col_non_victims"), t("col_difference")]
        return Table(t("sub_fear_by_victim"), header, rows, css="compare")

    return _comparison(w, "fear_by_victim", "fear_victim_note", make, level)


def paradox_section(w: Writer, table: pd.DataFrame | None, public: bool) -> Section | None:
    """Fear and victimization of each group against the rest (:func:`analysis.compare.paradox_table`)."""
    if table is None or table.empty:
        return None
    t = w.t
    level = float(table["level"].iloc[0]) if "level" in table.columns else 0.95
    language = t.language

    def make() -> Table:
        rows = []
        for record in table.to_dict("records"):
            label = group_label(str(record["group_type"]), str(record["group"]), language)
            cells = [Cell(label, "label")]
            for part in ("fear", "victimization"):
                cells += _estimate_cells(w, record, part, "percent", public)
                shown = not (public and record.get(f"{part}_suppressed"))
                cells.append(
                    _difference(
                        w,
                        _float(record.get(f"{part}_vs_rest")),
                        _float(record.get(f"{part}_vs_rest_p")),
                        shown and record.get("group_type") != "national",
                        level,
                    )
                )
            hidden = public and (
                record.get("fear_suppressed") or record.get("victimization_suppressed")
            )
            cells.append(Cell("—" if hidden else pattern_label(str(record["pattern"]), language)))
            rows.append(cells)
        header = [
            t("col_group"),
            t("col_fear"),
            t("col_vs_rest"),
            t("col_victimization"),
            t("col_vs_rest"),
            t("col_pattern"),
        ]
        return Table(t("sub_paradox"), header, rows, css="compare paradox")

    pairs = paradox_pairs(t, table["group_type"].astype(str))
    section = _comparison(w, "paradox", "paradox_note", make, level, pairs=pairs)
    # which fear and which victimization: the groups' table before it gives women 74.6 for
    # feeling unsafe in the municipality, this one 50.7 in the neighbourhood
    named = [
        f"{t(f'col_{part}')}{t.colon}{w.fmt.label(str(table[f'{part}_indicator'].iloc[0]))}."
        for part in ("fear", "victimization")
        if f"{part}_indicator" in table.columns
    ]
    if named:
        section.tables[0].notes.insert(0, " ".join(named))
    return section


def paradox_pairs(t: Translator, group_types: Iterable[str]) -> str:
    """What the paradox note says is compared, for the groups a table has:
    " (women with men, 18–29 with 30 and over)", less a pair whose groups are missing (a
    questionnaire without ``dem_sex`` or ``dem_age``), "" without either."""
    present = set(group_types)
    pairs = [t(f"paradox_pair_{kind}") for kind in ("sex", "youth") if kind in present]
    return f" ({', '.join(pairs)})" if pairs else ""


def _comparison(
    w: Writer,
    ident: str,
    note: str,
    make: Callable[[], Table],
    level: float,
    **words: str,
) -> Section:
    """A comparison table's subsection (heading ``sub_<ident>``): the table, then what it
    compares (``note``, with ``words`` filled in), the mark of significant differences and
    the area it describes."""
    t = w.t
    table = w.noted(make)
    alpha = t.number(100 * (1 - level), 0)
    table.notes[:0] = [t(note, alpha=alpha, **words), t("difference_mark", alpha=alpha), _whose(w)]
    return Section(ident, t(f"sub_{ident}"), blocks=[table], page_break=False)
