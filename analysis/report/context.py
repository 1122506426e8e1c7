"""Numbers to report sections: look-ups, formatted cells, tables and figures.

The only door through which an estimate reaches the page is :class:`Lookup`:
in a public report it blanks the estimate, interval and CV of every row
flagged ``suppressed`` before anything else sees the table, so no table,
chart, highlight or sentence can show it. An internal report keeps the value
and marks it ``‡``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, ClassVar, cast

import numpy as np
import pandas as pd

from analysis.i18n import format_number
from analysis.indicators.catalogue import Indicator, catalogue
from analysis.report.charts import ChartText, Series
from analysis.report.data import Area
from analysis.report.i18n import Translator

__all__ = [
    "Cell",
    "Figure",
    "Lookup",
    "Section",
    "Table",
    "Value",
    "indicator_info",
]

_DECIMALS = {"percent": 1, "per_100000": 0, "per_1000": 1, "ratio": 2, "points": 1, "mean": 2}
_MARKERS = {"high": "", "moderate": "*", "low": "**", "insufficient": "**"}
_BLANKED = ("estimate", "se", "ci_low", "ci_high", "cv")


@cache
def _catalogue_by_id() -> dict[str, Indicator]:
    return {i.id: i for i in catalogue()}


def indicator_info(ident: str) -> Indicator | None:
    """The catalogue entry of an indicator id (None for ids outside the catalogue)."""
    return _catalogue_by_id().get(ident)


@dataclass(frozen=True)
class Value:
    """One estimate as the report shows it (``shown`` false: a dash and a footnote)."""

    indicator: str
    estimate: float
    low: float
    high: float
    cv: float
    n: float
    quality: str
    suppressed: bool
    shown: bool
    unit: str

    @property
    def flagged(self) -> bool:
        """Suppressed but shown (internal report)."""
        return self.suppressed and self.shown


@dataclass(frozen=True)
class Cell:
    """A table cell: text, quality marker and CSS class (``q-high`` …, ``num``, ``label``)."""

    text: str
    css: str = ""
    marker: str = ""
    sub: str = ""


@dataclass
class Table:
    """A table of cells, its caption, column heads and notes.

    How it breaks across pages (macros.html, report.css): a table whose rows
    :attr:`height` estimates at most :attr:`whole_height` goes to a page whole with its notes
    (with its caption, column heads and notes it is still shorter than the content box: a
    taller block kept whole would be moved to the next page and leave this one blank); a
    longer one's last :attr:`tail` rows and its notes go over together. Sections' last pages
    held only a table's notes, or its last two or three rows (the layout check's ``empty``
    pages, tests/analysis/report/pdf_layout.py).
    """

    caption: str
    header: list[str]
    rows: list[list[Cell]]
    notes: list[str] = field(default_factory=list)
    css: str = ""
    kind: str = "table"
    #: a public table with estimates of which none is published: the report says why in a
    #: sentence instead (``analysis.report.withheld``), not in rows of dashes
    withheld: bool = False
    #: mm: the tallest rows kept on one page (A4's content box is 255 mm high; the caption,
    #: the column heads, wrapped, and the notes take up to 45 mm)
    whole_height: ClassVar[float] = 180.0
    #: a long table's last rows going over together: at least this many, and this many mm
    tail_rows: ClassVar[int] = 6
    tail_height: ClassVar[float] = 60.0

    @staticmethod
    def row_height(row: Sequence[Cell]) -> float:
        """A generous estimate of a row's height in mm at 8 pt (report.css): 3.8 mm a line,
        1.6 mm of padding; a cell's text wrapped at 22 characters (the narrowest columns'),
        an interval under the value one line more, two when it is long enough to wrap."""
        lines = max(
            (
                math.ceil(len(cell.text) / 22)
                + (0 if not cell.sub else 1 if len(cell.sub) <= 12 else 2)
                for cell in row
            ),
            default=1,
        )
        return 1.6 + 3.8 * max(lines, 1)

    @property
    def height(self) -> float:
        """A generous estimate of the rows' height in mm (:meth:`row_height`)."""
        return sum(self.row_height(row) for row in self.rows)

    @property
    def whole(self) -> bool:
        """Whether the table is never split over two pages."""
        return self.height <= self.whole_height

    @property
    def tail(self) -> int:
        """How many last rows go over to a page together (all of a whole table's)."""
        if self.whole:
            return len(self.rows)
        height = 0.0
        for count, row in enumerate(reversed(self.rows), start=1):
            height += self.row_height(row)
            if count >= self.tail_rows and height >= self.tail_height:
                return count
        return len(self.rows)


@dataclass
class Figure:
    title: str
    svg: str
    note: str = ""
    kind: str = "figure"

    #: mm: the content box's width, which a chart fills (report.css)
    page_width: ClassVar[float] = 174.0

    @property
    def height(self) -> float:
        """The chart's height on the page in mm (its SVG's aspect at the content box's width)."""
        size = _SVG_SIZE.search(self.svg)
        if size is None:
            return self.page_width  # a square: generous
        return self.page_width * float(size["height"]) / float(size["width"])


#: the width and height of a chart's root ``<svg>`` element, in any one unit (matplotlib: pt)
_SVG_SIZE = re.compile(
    r'<svg[^>]*?\swidth="(?P<width>[\d.]+)[a-z]*"[^>]*?\sheight="(?P<height>[\d.]+)'
)


@dataclass
class Section:
    """A heading, paragraphs, then figures and tables in reading order, then subsections."""

    id: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    blocks: list[Figure | Table] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    page_break: bool = True
    notes: list[str] = field(default_factory=list)  # small print after the blocks

    def add(self, *blocks: Figure | Table | None) -> None:
        """Append the blocks that exist (a chart or table with no data is None)."""
        self.blocks.extend(b for b in blocks if b is not None)

    @property
    def figures(self) -> list[Figure]:
        return [b for b in self.blocks if isinstance(b, Figure)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    #: mm: the tallest chart and table ending a section kept on one page together
    pair_height: ClassVar[float] = 170.0

    @property
    def ends_with_pair(self) -> bool:
        """Whether the section's last two blocks, a chart and a table short enough to be kept
        whole, go to a page together (macros.html): such a table alone, its chart on the
        page before, was a section's last page, a fifth of it filled."""
        if len(self.blocks) < 2:
            return False
        chart, table = self.blocks[-2:]
        return (
            isinstance(chart, Figure)
            and isinstance(table, Table)
            and table.whole
            and chart.height + table.height <= self.pair_height
        )

    def caption_repeats(self, position: int) -> bool:
        """Whether the table at ``position`` in :attr:`blocks` is named as what is read just
        above it: the section's heading (the first block) or the chart or table before it.
        The report prints no such caption: the name would be read twice in a row."""
        block = self.blocks[position]
        if not isinstance(block, Table):
            return False
        if position == 0:
            name = self.title
        else:
            above = self.blocks[position - 1]
            name = above.title if isinstance(above, Figure) else above.caption
        return block.caption == name


class Lookup:
    """Rows of an indicator table by ``(domain_type, domain, indicator)``, masked for publication."""

    def __init__(self, table: pd.DataFrame | None, public: bool) -> None:
        self.public = public
        self.rows: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.by_type: dict[str, list[str]] = {}
        if table is None or table.empty:
            self.level = 0.90
            return
        frame = table.copy()
        frame["domain"] = frame["domain"].astype(str)
        frame["domain_type"] = frame["domain_type"].astype(str)
        hidden = frame["suppressed"].fillna(False).astype(bool).to_numpy()
        frame["shown"] = ~hidden if public else True
        if public:
            # the single choke point: a suppressed estimate is gone before any section sees it
            for column in _BLANKED:
                if column in frame.columns:
                    frame.loc[hidden, column] = np.nan
        levels = pd.to_numeric(frame.get("level", pd.Series(dtype=float)), errors="coerce").dropna()
        self.level = float(levels.iloc[0]) if len(levels) else 0.90
        for record in frame.to_dict("records"):
            key = (record["domain_type"], record["domain"], record["indicator"])
            self.rows[key] = cast(dict[str, Any], record)
        for kind, part in frame.groupby("domain_type", sort=False)["domain"]:
            self.by_type[str(kind)] = list(dict.fromkeys(part.tolist()))

    def get(self, domain_type: str, domain: str, indicator: str) -> Value | None:
        record = self.rows.get((domain_type, str(domain), indicator))
        if record is None:
            return None
        info = indicator_info(indicator)
        unit = str(record.get("unit") or (info.unit if info else "percent"))
        return Value(
            indicator=indicator,
            estimate=_float(record.get("estimate")),
            low=_float(record.get("ci_low")),
            high=_float(record.get("ci_high")),
            cv=_float(record.get("cv")),
            n=_float(record.get("n")),
            quality=str(record.get("quality") or ""),
            suppressed=bool(record.get("suppressed")),
            shown=bool(record.get("shown")),
            unit=unit,
        )

    def area(self, area: Area, indicator: str) -> Value | None:
        return self.get(area.level, area.domain, indicator)

    def has(self, area: Area, indicators: Iterable[str]) -> list[str]:
        """The indicators of ``indicators`` that have a row for ``area``, in order."""
        return [i for i in indicators if (area.level, area.domain, i) in self.rows]

    def indicators_for(self, area: Area) -> list[str]:
        """Every indicator with a row for ``area``, in catalogue order (others last)."""
        present = {k[2] for k in self.rows if k[0] == area.level and k[1] == area.domain}
        ordered = [i.id for i in catalogue() if i.id in present]
        return ordered + sorted(present - set(ordered))


def _float(value: Any) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return math.nan
    return out


class Formatter:
    """Values to text, cells and chart series in one language."""

    def __init__(self, t: Translator, level: float, public: bool) -> None:
        self.t = t
        self.level = level
        self.public = public
        self.level_text = t.number(100 * level, 0)
        self.used_hidden = False
        self.used_flagged = False
        # estimate cells written (``cell``) since the counts were last reset: a table with
        # hidden estimates and none shown is withheld (SectionWriter.noted)
        self.cells_shown = 0
        self.cells_hidden = 0

    def name(self, indicator: str) -> str:
        info = indicator_info(indicator)
        return self.t.pick(info.name, indicator) if info else indicator

    def label(self, indicator: str) -> str:
        """The indicator's name and, unless the name says it, its unit: "Cifra negra (%)"."""
        info = indicator_info(indicator)
        name = self.name(indicator)
        return name + unit_suffix(info.unit, name, self.t.language) if info else name

    def definition(self, indicator: str) -> str:
        info = indicator_info(indicator)
        return self.t.pick(info.definition) if info else ""

    def decimals(self, value: Value) -> int:
        if value.unit == "mean" and math.isfinite(value.estimate) and abs(value.estimate) >= 100:
            return 0  # amounts of money (spending on protection); an index keeps two decimals
        return _DECIMALS.get(value.unit, 1)

    def number(self, value: Value, x: float | None = None) -> str:
        return self.t.number(value.estimate if x is None else x, self.decimals(value))

    def estimate(self, value: Value | None, with_unit: bool = False) -> str:
        """The estimate as text (a dash when not shown); ``%`` added for percentages."""
        if value is None or not value.shown or not math.isfinite(value.estimate):
            return "—"
        text = self.number(value)
        if with_unit and value.unit == "percent":
            text += self.t.percent_sign
        return text

    def interval(self, value: Value | None) -> str:
        if value is None or not value.shown or not math.isfinite(value.low):
            return "—"
        return f"{self.number(value, value.low)}–{self.number(value, value.high)}"

    def marker(self, value: Value | None) -> str:
        if value is None:
            return ""
        if not value.shown:
            self.used_hidden = True
            return ""
        if value.suppressed:
            self.used_flagged = True
            return "‡"
        return _MARKERS.get(value.quality, "")

    def css(self, value: Value | None) -> str:
        if value is None:
            return "num"
        if value.suppressed:
            return "num q-suppressed"
        return f"num q-{value.quality}" if value.quality else "num"

    def quality_word(self, value: Value | None) -> str:
        if value is None:
            return ""
        if value.suppressed:
            return self.t("quality_suppressed")
        key = f"quality_{value.quality}"
        return self.t(key) if value.quality in ("high", "moderate", "low") else value.quality

    def cell(self, value: Value | None, with_interval: bool = False) -> Cell:
        if value is not None:
            if value.shown and math.isfinite(value.estimate):
                self.cells_shown += 1
            elif not value.shown:
                self.cells_hidden += 1
        sub = self.interval(value) if with_interval and value is not None and value.shown else ""
        return Cell(self.estimate(value), self.css(value), self.marker(value), sub)

    def unit_word(self, unit: str) -> str:
        return {
            "percent": self.t("unit_percent"),
            "per_100000": self.t("unit_per100k"),
            "per_1000": _HUNDRED_THOUSAND.sub(r"1\g<1>000", self.t("unit_per100k")).replace(
                "100 mil", "1 mil"
            ),
            "ratio": self.t("unit_ratio"),
        }.get(unit, unit)

    def axis(self, unit: str) -> str:
        return (
            self.t("axis_per100k")
            if unit == "per_100000"
            else (self.unit_word(unit) if unit in ("per_1000", "ratio") else self.t("axis_percent"))
        )

    def series(self, name: str, values: Sequence[Value | None]) -> Series:
        """A chart series; values not shown become NaN (no bar, no point)."""
        est, low, high, flagged = [], [], [], []
        for v in values:
            visible = v is not None and v.shown
            est.append(v.estimate if visible and v else math.nan)
            low.append(v.low if visible and v else math.nan)
            high.append(v.high if visible and v else math.nan)
            flagged.append(bool(v and v.flagged))
            if v is not None and not v.shown:
                self.used_hidden = True
            if v is not None and v.flagged:
                self.used_flagged = True
        return Series(name, est, low, high, flagged)

    def chart_text(self, title: str, axis: str, source: str, decimals: int = 1) -> ChartText:
        return ChartText(
            title=title,
            axis=axis,
            source=source,
            missing_label=self.t("chart_suppressed"),
            decimals=decimals,
            language=self.t.language,
        )

    def indicator_table(
        self,
        caption: str,
        indicators: Sequence[str],
        current: Lookup,
        area: Area,
        previous: Lookup | None = None,
        changes: Mapping[tuple[str, str, str], str] | None = None,
    ) -> Table:
        """Indicator | estimate | interval | CV | n | quality [| previous | change]."""
        header = [
            self.t("col_indicator"),
            self.t("col_estimate"),
            self.t("col_ci", level=self.level_text),
            self.t("col_cv"),
            self.t("col_n"),
            self.t("col_quality"),
        ]
        if previous is not None:
            header += [self.t("col_previous"), self.t("col_change")]
        rows: list[list[Cell]] = []
        for ident in indicators:
            value = current.area(area, ident)
            if value is None:
                continue
            cv = value.cv * 100 if value.shown and math.isfinite(value.cv) else math.nan
            row = [
                Cell(
                    self.name(ident) + unit_suffix(value.unit, self.name(ident), self.t.language),
                    "label",
                ),
                self.cell(value),
                Cell(self.interval(value), "num range"),
                Cell(self.t.number(cv, 1), "num"),
                Cell(self.t.number(value.n, 0), "num"),
                Cell(self.quality_word(value), self.css(value).replace("num ", "")),
            ]
            if previous is not None:
                before = previous.area(area, ident)
                row.append(self.cell(before))
                change = (changes or {}).get((area.level, area.domain, ident), "")
                row.append(Cell(change if value.shown and before and before.shown else "—"))
            rows.append(row)
        return Table(
            caption,
            header,
            rows,
            css="indicators with-change" if previous is not None else "indicators",
        )


#: "100 000" in a unit's words, its thousands as any of the four languages write them
_HUNDRED_THOUSAND = re.compile(r"(?<!\d)100([\s,.\u00a0\u202f]?)000(?!\d)")

#: an indicator name that already says its unit ("por cada 100.000 habitantes")
UNIT_IN_NAME: dict[str, re.Pattern[str]] = {
    "per_100000": re.compile(r"(?<!\d)100[\s,.\u00a0\u202f]?000(?![\d])"),
    "per_1000": re.compile(r"(?<![\d,.])(?<!\d )1[\s,.\u00a0\u202f]?000(?!\d|[\s,.]\d)"),
}


def says_unit(name: str, unit: str) -> bool:
    """Whether ``name`` already names its ``unit`` (a rate "per 100,000 ...")."""
    pattern = UNIT_IN_NAME.get(unit)
    return pattern is not None and pattern.search(name) is not None


def unit_suffix(unit: str, name: str, language: str) -> str:
    """What a row label adds to ``name`` to say its ``unit``: " (%)", " (×100.000)" with the
    thousands written as ``language`` writes numbers; nothing when the name says it."""
    if says_unit(name, unit):
        return ""  # "Incidencia por cada 100.000 habitantes", not "... (×100.000)" after it
    if unit in ("per_100000", "per_1000"):
        return f" (×{format_number(100_000 if unit == 'per_100000' else 1_000, language, 0)})"
    return {"percent": " (%)", "points": " (pp)"}.get(unit, "")
