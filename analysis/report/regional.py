"""The regional comparison report: the standardized core set of several countries or cities.

Sections: the waves compared (area, wave, reference period, fieldwork, mode,
questionnaire and version); comparability (where instruments, periods or
modes differ, from :func:`analysis.compare.regional.comparability_notes`);
the core indicators (a dot chart and tables with intervals and quality
markers, and the differences from the first wave that are significant);
methodology (quality rules, definitions). The numbers pass through
:class:`~analysis.report.context.Lookup`, so a public report never shows a
suppressed estimate, nor a difference computed from one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.compare.regional import (
    CORE_SET,
    ComparabilityNote,
    RegionalWave,
    comparability_notes,
    regional_table,
)
from analysis.indicators.quality import QualityRules, quality_rules
from analysis.report import charts
from analysis.report.builder import Report, render_html
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
from analysis.report.i18n import Translator
from analysis.report.methodology import definitions_section, quality_section, rules_source

__all__ = ["RegionalData", "RegionalWriter", "build_regional_report"]

#: the ``domain_type`` under which each wave's rows are looked up (``domain`` = wave key)
_WAVE = "wave"
#: countries per table: more columns would not fit the page's width
_COLUMNS_PER_TABLE = 4


@dataclass(frozen=True)
class RegionalData:
    """What the regional report shows.

    Parameters
    ----------
    waves : sequence of RegionalWave
        The first is the reference of the differences.
    indicators : sequence of str
        Catalogue ids (default the core set).
    quality_rules : str or QualityRules
        The rule set that labelled the tables (printed in the annex).
    level : float
        Significance level of the differences from the reference (ONS: 5%).
    """

    waves: Sequence[RegionalWave]
    indicators: Sequence[str] = CORE_SET
    quality_rules: str | QualityRules = "inegi"
    level: float = 0.95

    def __post_init__(self) -> None:
        if len(self.waves) < 1:
            raise ValueError("RegionalData needs at least one wave")

    @property
    def rules(self) -> QualityRules:
        return quality_rules(self.quality_rules)


class RegionalWriter:
    """The regional report's pieces in one language (also read by the observatory page)."""

    def __init__(self, data: RegionalData, t: Translator, public: bool) -> None:
        self.data = data
        self.t = t
        self.public = public
        self.table = regional_table(data.waves, data.indicators, level=data.level)
        frame = self.table.rename(columns={"wave": "domain"}).assign(domain_type=_WAVE)
        frame = frame[frame["quality"] != "missing"]
        self.lookup = Lookup(frame, public)
        self.fmt = Formatter(t, self.lookup.level, public)
        self.notes = comparability_notes(data.waves, data.indicators)
        self.names = {w.key: w.area for w in data.waves}
        self._salt = itertools.count()
        self.source = t(
            "source_regional",
            waves="; ".join(f"{w.area}, {w.name}" for w in data.waves),
            level=self.fmt.level_text,
        )

    def value(self, wave: RegionalWave, ident: str) -> Value | None:
        return self.lookup.get(_WAVE, wave.key, ident)

    def present(self) -> list[str]:
        return [
            i
            for i in self.data.indicators
            if any(self.value(w, i) is not None for w in self.data.waves)
        ]

    def mode_text(self, label: str) -> str:
        if not label:
            return "—"
        return " + ".join(self.t(f"mode_{m}") for m in label.split("+"))

    def noted(self, table: Table) -> Table:
        """The table with the quality legend, which says what the dash means: the dash is not
        explained a second time in other words (as the status report's tables, a8089a3); a
        chart, which has no legend, keeps that note."""
        table.notes.append(self.t("quality_legend"))
        if self.fmt.used_flagged:
            table.notes.append(self.t("suppressed_internal_note"))
        self.fmt.used_hidden = self.fmt.used_flagged = False
        return table

    # ------------------------------------------------------------ sections
    def waves_section(self) -> Section:
        t = self.t
        section = Section(
            "regional_waves",
            t("sec_regional_waves"),
            [t.count("regional_intro", len(self.data.waves), n=len(self.data.waves))],
        )
        waves = list(self.data.waves)
        for first in range(0, len(waves), _COLUMNS_PER_TABLE):
            chunk = waves[first : first + _COLUMNS_PER_TABLE]
            facts = [
                (t("wave"), [w.name for w in chunk]),
                (t("reference_period"), [t.period(w.reference_period) for w in chunk]),
                (t("fieldwork"), [t.period(w.fieldwork) for w in chunk]),
                (t("col_mode"), [self.mode_text(w.mode) for w in chunk]),
                (t("col_questionnaire"), [f"{w.instrument} {w.version}" for w in chunk]),
            ]
            rows = [[Cell(label, "label")] + [Cell(v) for v in values] for label, values in facts]
            header = [t("col_area_compared")] + [w.area for w in chunk]
            section.add(Table(t("sec_regional_waves"), header, rows, css="compare"))
        return section

    def comparability_section(self) -> Section:
        t = self.t
        section = Section("comparability", t("sec_comparability"), page_break=False)
        if not self.notes:
            section.paragraphs.append(t("comparable_all"))
        for note in self.notes:
            section.paragraphs.append(self.note_text(note))
        return section

    def note_text(self, note: ComparabilityNote) -> str:
        if note.code == "missing":
            return self.t(
                "note_missing",
                indicator=self.t.subject(self.fmt.name(note.indicator)),
                areas=", ".join(note.values.values()),
            )
        if note.code == "mode":
            values = {k: self.mode_text(v) for k, v in note.values.items()}
        elif note.code in ("period_disjoint", "period_differs"):
            # the note's values are ISO dates; the reader gets the language's own dates
            periods = {w.key: self.t.period(w.reference_period) for w in self.data.waves}
            values = {k: periods.get(k, v) for k, v in note.values.items()}
        else:
            values = dict(note.values)
        t = self.t
        listed = t.semicolon.join(f"{self.names.get(k, k)}{t.colon}{v}" for k, v in values.items())
        return self.t(f"note_{note.code}", values=listed)

    def core_section(self) -> Section:
        t = self.t
        section = Section("regional_core", t("sec_regional_core"))
        present = self.present()
        if not present:
            section.paragraphs.append(t("no_data"))
            return section
        percent = [i for i in present if self._unit(i) == "percent"]
        if percent:
            section.add(self.chart(percent))
        waves = list(self.data.waves)
        for start in range(0, len(waves), _COLUMNS_PER_TABLE):
            section.add(self.core_table(present, waves[start : start + _COLUMNS_PER_TABLE]))
        section.paragraphs += self.difference_sentences(present)
        return section

    def _unit(self, ident: str) -> str:
        for wave in self.data.waves:
            value = self.value(wave, ident)
            if value is not None:
                return value.unit
        return "percent"

    def chart(self, indicators: list[str]) -> Figure:
        title = self.t("chart_regional_title")
        labels = [_short(self.fmt.name(i)) for i in indicators]
        # a wave without the indicator (its questionnaire does not ask it, or no cases) is "not
        # available", as in the table: "not published" would say it was suppressed
        text = dataclasses.replace(
            self.fmt.chart_text(title, self.t("axis_percent"), self.source),
            absent_label=self.t("not_asked"),
        )
        series = []
        for wave in self.data.waves:
            values = [self.value(wave, i) for i in indicators]
            absent = [v is None for v in values]
            series.append(dataclasses.replace(self.fmt.series(wave.area, values), absent=absent))
        self.fmt.used_hidden = self.fmt.used_flagged = False
        svg = charts.dot_chart(labels, series, text, f"r{next(self._salt)}")
        notes = []
        if self.fmt.used_hidden:
            notes.append(self.t("suppressed_note", rules=rules_source(self.t, self.data.rules)))
        if self.fmt.used_flagged:
            notes.append(self.t("suppressed_internal_note"))
        self.fmt.used_hidden = self.fmt.used_flagged = False
        return Figure(title, svg, " ".join(notes))

    def core_table(self, indicators: list[str], waves: list[RegionalWave]) -> Table:
        t = self.t
        header = [t("col_indicator")] + [w.area for w in waves]
        rows = []
        for ident in indicators:
            unit = self._unit(ident)
            name = self.fmt.name(ident)
            suffix = (
                unit_suffix(unit, name, t.language) if unit in ("percent", "per_100000") else ""
            )
            cells = [Cell(name + suffix, "label")]
            for wave in waves:
                value = self.value(wave, ident)
                cells.append(
                    self.fmt.cell(value, with_interval=True)
                    if value is not None
                    else Cell(t("not_asked"), "num")
                )
            rows.append(cells)
        table = Table(t("sec_regional_core"), header, rows, css="compare")
        table.notes.append(t("col_ci_note", level=self.fmt.level_text))
        return self.noted(table)

    def difference_sentences(self, indicators: list[str]) -> list[str]:
        """Per wave after the first, its significant differences from the first (both shown)."""
        t = self.t
        first = self.data.waves[0]
        alpha = t.number(100 * (1 - self.data.level), 0)
        out = [t("regional_diff_note", reference=first.area, alpha=alpha)]
        for wave in self.data.waves[1:]:
            items = []
            for ident in indicators:
                row = self.table[
                    (self.table["wave"] == wave.key) & (self.table["indicator"] == ident)
                ]
                mine, theirs = self.value(wave, ident), self.value(first, ident)
                if row.empty or mine is None or theirs is None or not (mine.shown and theirs.shown):
                    continue
                record = row.iloc[0]
                diff = float(record["difference"])
                if not bool(record["significant"]) or not math.isfinite(diff):
                    continue
                unit = " pp" if mine.unit == "percent" else ""
                sign = "+" if diff > 0 else "−"
                number = self.fmt.number(mine, abs(diff))
                items.append(
                    f"{_short(self.fmt.name(ident)).replace(chr(10), ' ')} ({sign}{number}{unit})"
                )
            if items:
                out.append(
                    t(
                        "regional_differences",
                        area=wave.area,
                        reference=first.area,
                        items="; ".join(items),
                    )
                )
            else:
                out.append(t("regional_no_differences", area=wave.area, reference=first.area))
        return out

    def methodology(self) -> Section:
        t = self.t
        section = Section("methodology", t("sec_methodology"))
        section.subsections.append(quality_section(t, self.data.rules))
        section.subsections.append(
            definitions_section(self.fmt, self.present(), [t("regional_method_note")])
        )
        return section


def _short(name: str) -> str:
    """A chart label: the name, wrapped to two lines when long (SDG numbers kept)."""
    if len(name) > 42:
        cut = name.rfind(" ", 0, 42)
        return name[:cut] + "\n" + name[cut + 1 :]
    return name


def build_regional_report(
    data: RegionalData,
    *,
    language: str = "es",
    public: bool = True,
    generated: dt.date | None = None,
) -> Report:
    """Build the regional comparison report of ``data.waves``.

    Parameters
    ----------
    data : RegionalData
    language : {"es", "en", "pt", "fr"}
    public : bool
        A public report never shows an estimate flagged ``suppressed``,
        nor a difference involving one; an internal one marks it ``‡``.
    generated : date, optional
        Date printed on the cover (default today).

    Returns
    -------
    Report
    """
    t = Translator(language)
    writer = RegionalWriter(data, t, public)
    waves = writer.waves_section()
    waves.subsections.append(writer.comparability_section())
    sections = [waves, writer.core_section(), writer.methodology()]
    title = t("regional_title")
    areas = [w.area for w in data.waves]
    cover = {
        "title": title,
        "area": ", ".join(areas),
        "area_level": t.count("regional_count", len(data.waves), n=len(data.waves)),
        "parents": [],
        "wave": t.semicolon.join(w.name for w in data.waves),
        "reference_period": t.semicolon.join(
            f"{w.area}{t.colon}{t.period(w.reference_period)}" for w in data.waves
        ),
        "fieldwork": t.semicolon.join(
            f"{w.area}{t.colon}{t.period(w.fieldwork)}" for w in data.waves
        ),
        "previous_wave": "",
        "edition": t("edition_public") if public else t("edition_internal"),
        "generated": t.date(generated or dt.date.today()),
        "header": t.count("regional_header", len(data.waves), n=len(data.waves)),
    }
    html = render_html(t, public, cover, sections)
    return Report(html=html, language=language, public=public, title=f"{title} — {cover['area']}")
