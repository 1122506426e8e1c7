"""The sections of a status report, each built from the masked look-ups.

Order (ENVIPE, BJS and ONS bulletins): highlights; prevalence and incidence;
crime types; reporting and the dark figure; perceived insecurity; perceived
versus actual; institutions; avoidance; bribery; tables; results by area;
methodology annex.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

import numpy as np

from analysis.indicators.catalogue import catalogue
from analysis.report import charts
from analysis.report.context import Cell, Figure, Formatter, Lookup, Section, Table
from analysis.report.data import Area, GroupSpec, ReportData
from analysis.report.highlights import change_words, highlights, significant_changes
from analysis.report.inputs import fear_driver_rows, odds_reference_note, police_by_area
from analysis.report.layout import (
    AVOIDANCE,
    BRIBERY,
    HIGHLIGHT_COMPARISON,
    INSTITUTIONS,
    LEVELS,
    MUNICIPAL_OVERVIEW_COLUMNS,
    PERCEPTION,
    PLACES,
    PREVALENCE,
    PREVALENCE_CHART,
    REASONS,
    REPORTING,
    SUBAREA_COLUMNS,
    ids_of,
)
from analysis.report.map_section import maps_section
from analysis.report.methodology import methodology_section, rules_source
from analysis.report.not_asked import PAGE_ONLY, not_asked_notes
from analysis.report.topic_sections import (
    coexistence_section,
    fear_by_victim_section,
    media_section,
    paradox_section,
    youth_gap_sentence,
    youth_gap_table,
    youth_section,
)

__all__ = ["SectionWriter"]

_MAX_DOT_ROWS = 40  # more sub-areas than this get a scatter and a table


class SectionWriter:
    """Builds every section of one report (one language, public or internal)."""

    def __init__(self, data: ReportData, fmt: Formatter, public: bool) -> None:
        self.data = data
        self.fmt = fmt
        self.t = fmt.t
        self.public = public
        self.current = Lookup(data.indicators, public)
        self.previous = Lookup(data.previous, public) if data.previous is not None else None
        directions = (
            significant_changes(data.changes, self.current, self.previous)
            if self.previous is not None
            else {}
        )
        self.directions = directions
        self.change_words = change_words(directions, fmt)
        self.area = data.area
        self.compare = [a for a in (data.area, data.state, data.country) if a is not None]
        self._salt = itertools.count()
        self.tabled: set[str] = set()  # indicators already in a section's table
        survey = self.t.pick(data.survey_name, self.t("survey_name"))
        self.source = self.t("source", survey=survey, wave=data.wave.name, level=fmt.level_text)
        self.survey = survey

    # ------------------------------------------------------------------ helpers
    def salt(self) -> str:
        return f"c{next(self._salt)}"

    def area_label(self, area: Area) -> str:
        return f"{area.name} ({self.t('level_' + ('country' if area.level == 'national' else area.level))})"

    def name_of(self, level: str, code: str) -> str:
        return self.data.area_names.get(code, code)

    def table(
        self, caption: str, indicators: Sequence[str], area: Area | None = None
    ) -> Table | None:
        present = self.current.has(area or self.area, indicators)
        if not present:
            return None
        self.tabled.update(present)
        return self.noted(
            lambda: self.fmt.indicator_table(
                caption, present, self.current, area or self.area, self.previous, self.change_words
            ),
            withhold=(area or self.area) == self.area,
        )

    def noted(self, make: Callable[[], Table], withhold: bool = False) -> Table:
        """Build a table and append the quality legend and suppression footnotes it needs.

        ``withhold``: a table of the report's area alone, which the builder leaves out, saying
        why in a sentence, when none of its estimates is published (``report.withheld``);
        tables with other areas' columns, counts or sub-areas say it in their own way.
        """
        self.fmt.used_hidden = self.fmt.used_flagged = False
        self.fmt.cells_shown = self.fmt.cells_hidden = 0
        table = make()
        table.withheld = (
            withhold and self.public and self.fmt.cells_hidden > 0 and not self.fmt.cells_shown
        )
        table.notes.append(self.t("quality_legend"))
        self._suppression_notes(table.notes, legend=True)
        return table

    def _suppression_notes(self, notes: list[str], legend: bool = False) -> None:
        """What the marks of hidden and flagged estimates mean. Under the quality legend, which
        says what the dash is, the dash is not explained a second time in other words."""
        if self.fmt.used_hidden and not legend:
            rules = rules_source(self.t, self.data.methodology.rules)
            notes.append(self.t("suppressed_note", rules=rules))
        if self.fmt.used_flagged:
            notes.append(self.t("suppressed_internal_note"))

    def figure(self, title: str, make: Callable[[], str], note: str = "") -> Figure:
        """A chart and its notes: ``note`` (what the chart shows), then what its marks mean."""
        self.fmt.used_hidden = self.fmt.used_flagged = False
        svg = make()
        notes = [note] if note else []
        self._suppression_notes(notes)
        return Figure(title, svg, " ".join(notes))

    def comparison_table(self, caption: str, indicators: Sequence[str]) -> Table | None:
        """Indicator | this area | its state | the country (estimate, marker, interval)."""
        present = self.current.has(self.area, indicators)
        if len(self.compare) < 2 or not present:
            return None

        def make() -> Table:
            rows = [
                [Cell(self.fmt.label(i), "label")]
                + [self.fmt.cell(self.current.area(a, i), with_interval=True) for a in self.compare]
                for i in present
            ]
            header = [self.t("col_indicator")] + [self.area_label(a) for a in self.compare]
            return Table(caption, header, rows, css="compare")

        return self.noted(make)

    def bars(
        self, title: str, indicators: Sequence[str], unit: str = "percent", note: str = ""
    ) -> Figure | None:
        """A bar chart of ``indicators`` for the area, or a dot chart against state and country;
        ``note`` under it."""
        present = self.current.has(self.area, indicators)
        if not present:
            return None
        labels = _chart_labels([self.fmt.name(i) for i in present])
        text = self.fmt.chart_text(title, self.fmt.axis(unit), self.source)
        if len(self.compare) > 1:
            series = [
                self.fmt.series(a.name, [self.current.area(a, i) for i in present])
                for a in self.compare
            ]
            return self.figure(
                title, lambda: charts.dot_chart(labels, series, text, self.salt()), note
            )
        series1 = [
            self.fmt.series(self.area.name, [self.current.area(self.area, i) for i in present])
        ]
        return self.figure(
            title, lambda: charts.bar_chart(labels, series1, text, self.salt()), note
        )

    def adds_up_beyond_100(self, indicators: Sequence[str]) -> bool:
        """Whether the published percentages of ``indicators`` (the answers to one question)
        add up to more than 100 for an area of the charts: more than one answer was allowed."""
        areas = self.compare if len(self.compare) > 1 else [self.area]
        for area in areas:
            values = [self.current.area(area, i) for i in indicators]
            shown = [v.estimate for v in values if v is not None and v.shown]
            if round(sum(e for e in shown if math.isfinite(e)), 1) > 100:
                return True
        return False

    def _alpha(self) -> str:
        """Significance level of the comparison table in percent (ONS: 5)."""
        changes = self.data.changes
        level = 0.95
        if changes is not None and "level" in changes.columns and len(changes):
            level = float(changes["level"].iloc[0])
        return self.t.number(100 * (1 - level), 0)

    # ----------------------------------------------------------------- sections
    def highlights(self) -> Section:
        previous_name = self.data.previous_wave.name if self.data.previous_wave else ""
        self.fmt.used_flagged = False
        sentences = highlights(
            self.fmt, self.area, self.current, self.previous, self.directions, previous_name
        )
        section = Section("highlights", self.t("sec_highlights"), sentences or [self.t("no_data")])
        section.notes.append(self.t("quality_legend"))
        if self.fmt.used_flagged:  # the sentences quote an estimate marked ‡: say what it means
            section.notes.append(self.t("suppressed_internal_note"))
        if self.previous is not None and self.data.changes is not None:
            section.notes.append(
                self.t("significance_note", alpha=self._alpha(), wave=previous_name)
            )
        section.add(self.comparison_table(self.t("sub_comparison"), HIGHLIGHT_COMPARISON))
        return section

    def prevalence(self) -> Section:
        section = Section("prevalence", self.t("sec_prevalence"))
        section.paragraphs = [d for d in (self.fmt.definition("prev_person"),) if d]
        section.add(self.bars(self.t("chart_prevalence_title"), PREVALENCE_CHART))
        section.add(self.table(self.t("sec_prevalence"), PREVALENCE))
        return section

    def crime_types(self) -> Section:
        section = Section("crime_types", self.t("sec_crime_types"))
        prevalence = [i for i in ids_of("victimization_type") if i.startswith("prev_")]
        section.add(self.bars(self.t("chart_types_title"), prevalence))
        rows_ids = [
            ind
            for ind in catalogue()
            if ind.group == "victimization_type"
            and not ind.id.endswith("_owners")
            and ind.id.startswith("prev_")
        ]
        if not rows_ids or not self.current.has(self.area, [r.id for r in rows_ids]):
            return section

        def make() -> Table:
            rows = []
            for ind in rows_ids:
                stem = ind.id.removeprefix("prev_")
                label = self.fmt.name(ind.id).split(":")[-1].strip()
                cells = [Cell(label, "label")]
                for ident in (
                    ind.id,
                    f"incidence_{stem}",
                    f"reporting_rate_{stem}",
                    f"dark_figure_{stem}",
                ):
                    cells.append(
                        self.fmt.cell(self.current.area(self.area, ident), with_interval=True)
                    )
                rows.append(cells)
            header = [
                self.t("col_crime_type"),
                self.t("col_prevalence"),
                self.t("col_incidence"),
                self.t("col_reporting"),
                self.t("col_dark"),
            ]
            return Table(self.t("sec_crime_types"), header, rows, css="compare")

        section.add(self.noted(make, withhold=True))
        for ind in rows_ids:
            stem = ind.id.removeprefix("prev_")
            self.tabled.update(
                (ind.id, f"incidence_{stem}", f"reporting_rate_{stem}", f"dark_figure_{stem}")
            )
        return section

    def reporting(self) -> Section:
        section = Section("reporting", self.t("sec_reporting"))
        section.paragraphs = [d for d in (self.fmt.definition("dark_figure"),) if d]
        section.add(self.table(self.t("sec_reporting"), REPORTING))
        # several reasons per crime: the bars add up to about 130 %, which needs saying
        several = self.adds_up_beyond_100(REASONS)
        note = self.t("multiple_answers_note") if several else ""
        section.add(self.bars(self.t("chart_reasons_title"), REASONS, note=note))
        return section

    def perception(self) -> Section:
        section = Section("perception", self.t("sec_perception"))
        section.add(
            self.bars(self.t("chart_levels_title"), LEVELS),
            self.bars(self.t("chart_places_title"), PLACES),
        )
        section.add(self.table(self.t("sec_perception"), PERCEPTION))
        return section

    def trust(self) -> Section:
        section = Section("trust", self.t("sec_trust"))
        section.add(self.bars(self.t("chart_trust_title"), INSTITUTIONS))
        section.add(self.table(self.t("sec_trust"), INSTITUTIONS))
        return section

    def avoidance(self) -> Section:
        section = Section("avoidance", self.t("sec_avoidance"))
        section.add(self.bars(self.t("chart_avoid_title"), AVOIDANCE))
        section.add(self.table(self.t("sec_avoidance"), AVOIDANCE))
        return section

    def bribery(self) -> Section:
        section = Section("bribery", self.t("sec_bribery"))
        section.paragraphs = [d for d in (self.fmt.definition("sdg_16_5_1"),) if d]
        if len(self.compare) > 1:
            section.add(self.bars(self.t("chart_bribery_title"), BRIBERY))
        section.add(self.table(self.t("sec_bribery"), BRIBERY))
        return section

    def tables(self) -> Section | None:
        """The indicators no section table has shown (the section tables are the main tables),
        then the standard indicators the questionnaire cannot measure."""
        rest = [i for i in self.current.indicators_for(self.area) if i not in self.tabled]
        missing = self.not_measured()
        if not rest and missing is None:
            return None
        section = Section("tables", self.t("sec_tables"))
        if rest:
            section.add(self.table(self.area_label(self.area), rest))
        if missing is not None:
            section.subsections.append(missing)
        return section

    def not_measured(self) -> Section | None:
        """Each standard indicator the questionnaire does not measure and the items it needs."""
        if not self.data.unmeasured:
            return None
        title = self.t("sub_not_measured")
        rows = [
            [Cell(self.fmt.name(u.indicator), "label"), Cell(", ".join(u.items))]
            for u in self.data.unmeasured
        ]
        header = [self.t("col_indicator"), self.t("col_items_needed")]
        table = Table(title, header, rows, css="definitions")
        return Section(
            "not_measured",
            title,
            [self.t("not_measured_note")],
            blocks=[table],
            page_break=False,
        )

    # ------------------------------------------------------- perceived vs actual
    def subarea_codes(self) -> tuple[str, list[str]]:
        if self.data.subareas is not None:
            level = "state" if self.area.level == "national" else "municipality"
            return level, [str(c) for c in self.data.subareas]
        if self.area.level == "national":
            return "state", self.current.by_type.get("state", [])
        return "municipality", []

    def perceived_actual(self) -> Section:
        section = Section("perceived_actual", self.t("sec_perceived_actual"))
        section.paragraphs = [self.t("likelihood_note")]
        trend = self._trend_sentence()
        if trend:
            section.paragraphs.append(trend)
        level, codes = self.subarea_codes()
        if codes:
            section.add(self._subarea_figure(level, codes))
        groups = self._groups_figure()
        if groups is not None:
            section.add(*groups)
        police = self._police()
        if police is not None:
            section.add(*police)
        youth_gap = youth_gap_sentence(self)
        if youth_gap:
            section.paragraphs.append(youth_gap)
        section.add(youth_gap_table(self))
        for sub in (
            fear_by_victim_section(self, self.data.fear_by_victim, self.public),
            paradox_section(self, self.data.paradox, self.public),
            self._fear_drivers(),
        ):
            if sub is not None:
                section.subsections.append(sub)
        section.notes.extend(not_asked_notes(self.t, self.data.not_asked, without=PAGE_ONLY))
        return section

    def media(self) -> Section:
        return media_section(self)

    def youth(self) -> Section:
        return youth_section(self)

    def coexistence(self) -> Section:
        return coexistence_section(self)

    def maps(self) -> Section | None:
        """Choropleth maps of the sub-area levels that have boundaries (none for a municipality)."""
        level, codes = self.subarea_codes()
        levels = [(level, codes)] if codes else []
        if self.area.level == "national" and level != "municipality":
            levels.append(("municipality", self.current.by_type.get("municipality", [])))
        return maps_section(self.data, self.fmt, self.current, levels, self.source, self.salt)

    def _trend_sentence(self) -> str:
        """Perceived trend (crime rose in the area) next to the measured change in prevalence."""
        trend = self.current.area(self.area, "trend_area_up")
        key = (self.area.level, self.area.domain, "prev_person")
        if trend is None or not trend.shown or key not in self.directions:
            return ""
        before = self.previous.area(self.area, "prev_person") if self.previous else None
        now = self.current.area(self.area, "prev_person")
        if before is None or now is None or not before.shown or not now.shown:
            return ""
        wave = self.data.previous_wave.name if self.data.previous_wave else ""
        word = {1: "measured_up", -1: "measured_down", 0: "measured_same"}[self.directions[key]]
        return self.t(
            "trend_vs_measured",
            trend=self.fmt.estimate(trend, with_unit=True),
            change=self.t(word, wave=wave),
        )

    def _subarea_figure(self, level: str, codes: list[str]) -> Figure:
        perceived_id = "insecure_state" if level == "state" else "insecure_muni"
        perceived = [self.current.get(level, c, perceived_id) for c in codes]
        victims = [self.current.get(level, c, "prev_person") for c in codes]
        names = [self.name_of(level, c) for c in codes]
        level_word = self.t("states" if level == "state" else "municipalities").lower()
        title = self.t("chart_subareas_title", level=level_word)
        note = self.t("chart_subareas_note", level=self.fmt.level_text)
        text = self.fmt.chart_text(title, self.t("axis_percent"), f"{self.source} {note}")
        s_perceived = self.fmt.series(self.fmt.name(perceived_id), perceived)
        s_victims = self.fmt.series(self.t("series_prevalence"), victims)
        if len(codes) <= _MAX_DOT_ROWS:
            order = np.argsort(
                [-(v.estimate if v and v.shown else -1.0) for v in perceived], kind="stable"
            )
            names_o = [names[k] for k in order]
            series = [_reorder(s_perceived, order), _reorder(s_victims, order)]
            return self.figure(title, lambda: charts.dot_chart(names_o, series, text, self.salt()))
        text_y = self.fmt.chart_text(
            title, self.fmt.name(perceived_id) + " (%)", f"{self.source} {note}"
        )
        figure = self.figure(
            title,
            lambda: charts.scatter_chart(
                s_victims, s_perceived, text_y, self.t("axis_prevalence"), self.salt(), names
            ),
        )
        figure.note = f"{self.t('scatter_named_note')} {figure.note}".strip()
        return figure

    def _group_label(self, spec: GroupSpec) -> str:
        if isinstance(spec.label, str) and spec.label.startswith("group_"):
            return self.t(spec.label)
        return self.t.pick(spec.label, spec.domain)

    def _groups_figure(self) -> tuple[Figure, Table] | None:
        specs = [g for pair in self.data.groups for g in pair]
        specs = [g for g in specs if (g.domain_type, g.domain, "prev_person") in self.current.rows]
        if not specs:
            return None
        area = self.data.groups_area or self.data.country or self.area
        perceived_id = "insecure_muni"
        measures = [
            (perceived_id, self.t("series_perceived")),
            ("prev_person", self.t("series_prevalence")),
            ("likely", self.t("series_likely")),
        ]
        labels = [self._group_label(g) for g in specs]
        title = self.t("chart_groups_title")
        text = self.fmt.chart_text(title, self.t("axis_percent"), self.source)
        series = [
            self.fmt.series(name, [self.current.get(g.domain_type, g.domain, ident) for g in specs])
            for ident, name in measures
        ]
        figure = self.figure(title, lambda: charts.dot_chart(labels, series, text, self.salt()))

        def make() -> Table:
            rows = [
                [Cell(label, "label")]
                + [
                    self.fmt.cell(self.current.get(g.domain_type, g.domain, i), with_interval=True)
                    for i, _ in measures
                ]
                for g, label in zip(specs, labels, strict=True)
            ]
            return Table(
                title,
                [self.t("col_group")] + [self.fmt.label(i) for i, _ in measures],
                rows,
                css="compare",
            )

        figure.note = f"{self.t('groups_of', area=area.name)} {figure.note}".strip()
        return figure, self.noted(make)

    def _police(self) -> tuple[Figure, Table] | None:
        police = self.data.police
        if police is None or police.empty:
            return None
        frame = police_by_area(police)
        level, codes = self.subarea_codes()
        areas = [(a.level, a.domain, a.name) for a in self.compare]
        if len(codes) <= _MAX_DOT_ROWS:
            areas += [(level, c, self.name_of(level, c)) for c in codes]
        rows, recorded, survey, labels = [], [], [], []
        lookup = {(str(r["domain_type"]), r["domain"]): r for r in frame.to_dict("records")}
        for kind, code, name in areas:
            record = lookup.get((kind, code))
            value = self.current.get(kind, code, "incidence")
            if record is None and value is None:
                continue
            rate = float(record["rate_per_100000"]) if record is not None else math.nan
            labels.append(name)
            recorded.append(rate)
            survey.append(value)
            rows.append(
                [
                    Cell(name, "label"),
                    Cell(
                        self.t.number(float(record["recorded"]), 0) if record is not None else "—",
                        "num",
                    ),
                    Cell(self.t.number(rate, 0), "num"),
                    self.fmt.cell(value, with_interval=True),
                    self.fmt.cell(self.current.get(kind, code, "dark_figure"), with_interval=True),
                ]
            )
        if not rows:
            return None
        title = self.t("chart_police_title")
        source = self.t(
            "source_police",
            period=self.t.period(self.data.police_period or None),
            survey=self.survey,
            wave=self.data.wave.name,
        )
        text = self.fmt.chart_text(title, self.t("axis_per100k"), source, decimals=0)
        s_survey = self.fmt.series(self.t("series_survey"), survey)
        s_police = charts.Series(
            self.t("series_police"),
            recorded,
            [math.nan] * len(recorded),
            [math.nan] * len(recorded),
        )
        draw = charts.bar_chart if len(labels) <= 8 else charts.dot_chart
        figure = self.figure(title, lambda: draw(labels, [s_survey, s_police], text, self.salt()))
        header = [
            self.t("area"),
            self.t("col_recorded"),
            self.t("col_recorded_rate"),
            self.t("col_survey_rate"),
            self.fmt.name("dark_figure") + " (%)",
        ]
        table = self.noted(lambda: Table(title, header, rows, css="compare"))
        table.notes.insert(0, self.t("police_note"))
        return figure, table

    def _fear_drivers(self) -> Section | None:
        if self.data.fear_drivers is None or self.data.fear_drivers.empty:
            return None
        raw_level = self.data.fear_drivers.get("level")
        level = float(raw_level.iloc[0]) if raw_level is not None else 0.95
        odds = fear_driver_rows(self.data.fear_drivers, self.t)
        if odds.empty:
            return None
        labels = odds["label"].astype(str).tolist()
        title = self.t("sub_fear_drivers")
        # the model's intervals have their own level, not the report's
        source = self.t(
            "source",
            survey=self.survey,
            wave=self.data.wave.name,
            level=self.t.number(100 * level, 0),
        )
        chart_title = self.t("chart_fear_drivers")
        text = self.fmt.chart_text(chart_title, self.t("axis_odds_ratio"), source, decimals=2)
        figure = self.figure(
            chart_title,
            lambda: charts.forest_chart(
                labels,
                odds["odds_ratio"].tolist(),
                odds["ci_low"].tolist(),
                odds["ci_high"].tolist(),
                text,
                self.salt(),
            ),
        )
        rows = []
        for label, rec in zip(labels, odds.to_dict("records"), strict=True):
            p = float(rec.get("p_value", math.nan))
            rows.append(
                [
                    Cell(label, "label"),
                    Cell(self.t.number(float(rec["odds_ratio"]), 2), "num"),
                    Cell(
                        f"{self.t.number(float(rec['ci_low']), 2)}–{self.t.number(float(rec['ci_high']), 2)}",
                        "num",
                    ),
                    Cell(
                        self.t.number(p, 3)
                        if math.isfinite(p) and p >= 0.001
                        else (f"<{self.t.number(0.001, 3)}" if math.isfinite(p) else "—"),
                        "num",
                    ),
                ]
            )
        header = [
            self.t("col_term"),
            self.t("col_odds_ratio"),
            self.t("col_ci", level=self.t.number(100 * level, 0)),
            self.t("col_p"),
        ]
        paragraphs = [self.t("odds_note")]
        if self.area.level != "national":
            # the model is the whole wave's (one fit for every report): a municipal reader
            # would take its odds ratios for the municipality's
            paragraphs.append(self.t("odds_national_sample", area=self.area.name))
        paragraphs.append(odds_reference_note(self.data.fear_drivers, self.t))
        return Section(
            "fear_drivers",
            title,
            paragraphs,
            [figure, Table(title, header, rows)],
            page_break=False,
        )

    # ---------------------------------------------------------- results by area
    def subareas(self) -> Section | None:
        level, codes = self.subarea_codes()
        sections: list[Section] = []
        if codes:
            sections.append(
                self._subarea_table(
                    level, codes, self.t("states" if level == "state" else "municipalities")
                )
            )
        if self.area.level == "national" and "municipality" in self.current.by_type:
            munis = self.current.by_type["municipality"]
            if level != "municipality":
                overview = Section(
                    "municipal_overview", self.t("municipal_overview"), page_break=False
                )
                overview.add(
                    self._subarea_figure("municipality", munis),
                    self._subarea_table(
                        "municipality", munis, self.t("municipalities"), MUNICIPAL_OVERVIEW_COLUMNS
                    ).tables[0],
                )
                sections.append(overview)
        if not sections:
            return None
        section = Section("subareas", self.t("sec_subareas"))
        section.subsections = sections
        return section

    def _subarea_table(
        self, level: str, codes: list[str], caption: str, columns: Sequence[str] = SUBAREA_COLUMNS
    ) -> Section:
        ids = [i for i in columns if any((level, c, i) in self.current.rows for c in codes[:5])]

        def published(code: str) -> bool:
            values = (self.current.get(level, code, i) for i in ids)
            return any(v is not None and v.shown for v in values)

        # areas by name; those with nothing to show are named in one sentence, not rows of dashes
        ordered = sorted(codes, key=lambda c: self.name_of(level, c).casefold())
        shown = [c for c in ordered if published(c)]
        hidden = [self.name_of(level, c) for c in ordered if not published(c)]

        def make() -> Table:
            rows = [
                [Cell(self.name_of(level, c), "label")]
                + [self.fmt.cell(self.current.get(level, c, i)) for i in ids]
                for c in shown
            ]
            table = Table(
                caption, [self.t("area")] + [self.fmt.label(i) for i in ids], rows, css="compact"
            )
            if hidden:
                table.notes.append(self.t("subareas_hidden", names=", ".join(hidden)))
            return table

        return Section(f"subareas_{level}", caption, blocks=[self.noted(make)], page_break=False)

    def methodology(self) -> Section:
        return methodology_section(self.data, self.fmt, self.current)


def _chart_labels(names: Sequence[str]) -> list[str]:
    """A chart's row labels: each name without the "Trust in: " before its colon when every
    row shares it (the chart's title says it), else whole.

    The trust chart mixes "Trust in: Police" and "Perceived corruption: police officers";
    cut, its rows read "Police 43.4" and "police officers 62.9", one figure of trust and
    one of corruption with nothing to tell them apart.
    """
    prefixes = {name.split(": ", 1)[0] if ": " in name else None for name in names}
    shared = len(prefixes) == 1 and None not in prefixes
    return [_short(name, cut_prefix=shared) for name in names]


def _short(name: str, cut_prefix: bool = True) -> str:
    """Chart label: the part after "Prevalence: " etc., wrapped to two lines if long."""
    keep_prefix = "16." in name or not cut_prefix  # "SDG 16.1.3: ..." needs its number
    label = name.split(": ", 1)[-1] if ": " in name and not keep_prefix else name
    if len(label) > 42:
        cut = label.rfind(" ", 0, 42)
        label = label[:cut] + "\n" + label[cut + 1 :]
    return label


def _reorder(series: charts.Series, order: np.ndarray) -> charts.Series:
    est, low, high, flagged = series.arrays()
    return charts.Series(
        series.name,
        est[order].tolist(),
        low[order].tolist(),
        high[order].tolist(),
        flagged[order].tolist(),
    )
