"""The methodology annex: design, sample sizes and response, weighting, quality rules, definitions."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.indicators.quality import QUALITY_RULES, QualityRules
from analysis.report.context import Cell, Formatter, Lookup, Section, Table, indicator_info
from analysis.report.data import ReportData
from analysis.report.i18n import STRINGS, Translator

__all__ = ["definitions_section", "methodology_section", "quality_section"]


def methodology_section(data: ReportData, fmt: Formatter, current: Lookup) -> Section:
    """Design, sample and response, weighting, quality rules and definitions."""
    t = fmt.t
    method = data.methodology
    rules = method.rules
    section = Section("methodology", t("sec_methodology"))
    design = Section(
        "design",
        t("sub_design"),
        [t.pick(method.design, t("design_default"))],
        page_break=False,
    )
    design.paragraphs.append(t(f"household_crimes_{method.household_crimes}"))
    # 23.36 - 21.24 = 2.12: printed 23.4, 21.2 and 2.1, which a reader subtracts and doubts
    design.paragraphs.append(
        t("rounded_differences", a=t.number(23.4), b=t.number(21.2), d=t.number(2.1))
    )
    if method.notes:
        design.paragraphs.append(t.pick(method.notes))
    section.subsections.append(design)
    for name, frame in (("sample", method.sample), ("weighting", method.weighting)):
        if frame is not None:
            title = t(f"sub_{name}")
            section.subsections.append(
                Section(name, title, blocks=[_plain_table(t, title, frame)], page_break=False)
            )
    section.subsections.append(quality_section(t, rules))
    defined = [
        i
        for i in current.indicators_for(data.area)
        if (info := indicator_info(i)) is None
        or (info.crime_type is None and not i.endswith("_owners"))
        or i.startswith("sdg_")
    ]
    section.subsections.append(definitions_section(fmt, defined, [t("defs_by_type")]))
    return section


def definitions_section(fmt: Formatter, indicators: list[str], paragraphs: list[str]) -> Section:
    """The name and definition of each indicator, in the report's language, as a table."""
    t = fmt.t
    rows = [[Cell(fmt.name(i), "label"), Cell(fmt.definition(i))] for i in indicators]
    table = Table(
        t("sub_definitions"), [t("col_indicator"), t("sub_definitions")], rows, css="definitions"
    )
    return Section(
        "definitions", t("sub_definitions"), paragraphs, blocks=[table], page_break=False
    )


def quality_section(t: Translator, rules: QualityRules) -> Section:
    """The quality rule set: its name and source, CV bands, every minimum, as a table."""
    source = rules_source(t, rules)
    # a built-in set's source names it ("bandas ... del INEGI"); its id ("inegi", "ine_cl") is
    # a program's word, not a reader's
    builtin = QUALITY_RULES.get(rules.name)
    named = source if builtin is not None and builtin.source == rules.source else ""
    quality = [t("quality_rules_intro", name=named or f"{rules.name} — {source}")]
    bands = [b for b in rules.cv_bands if math.isfinite(b[0])]
    if len(bands) >= 2:
        quality.append(
            t(
                "cv_bands",
                moderate=t.number(100 * bands[0][0], 0),
                low=t.number(100 * bands[1][0], 0),
            )
        )
    rows = []
    below, below_inclusive = 0.0, False
    for up, label, inclusive in rules.cv_bands:
        if math.isfinite(up):
            rule = f"CV {'≤' if inclusive else '<'} {t.percent(100 * up, 0)}"
        else:  # the rest: above the previous band's bound
            rule = f"CV {'>' if below_inclusive else '≥'} {t.percent(100 * below, 0)}"
        word = t(f"quality_{label}") if label in ("high", "moderate", "low") else label
        rows.append([Cell(rule, "label"), Cell(word)])
        below, below_inclusive = up, inclusive
    rows += [
        [
            Cell(t(f"rule_{r.measure}", minimum=t.number(r.minimum, 0)), "label"),
            Cell(t(f"quality_{r.label}") if r.label != "insufficient" else t("quality_suppressed")),
        ]
        for r in rules.requirements
    ]
    rows += [
        [
            Cell(t(f"rule_incident_{r.measure}", minimum=t.number(r.minimum, 0)), "label"),
            Cell(t(f"quality_{r.label}") if r.label != "insufficient" else t("quality_suppressed")),
        ]
        for r in rules.incident_requirements
    ]
    rows.append([Cell(t("rule_no_variance"), "label"), Cell(t("quality_suppressed"))])
    quality.append(t("quality_legend"))
    return Section(
        "quality",
        t("sub_quality"),
        quality,
        blocks=[Table(t("sub_quality"), [t("col_rule"), t("col_quality")], rows)],
        page_break=False,
    )


def _plain_table(t: Translator, caption: str, frame: pd.DataFrame) -> Table:
    """A table as given (any columns): text as text, rates as percentages."""
    rows = []
    for record in frame.to_dict("records"):
        row = []
        for column, value in record.items():
            if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | np.number):
                row.append(Cell(str(value), "label"))
                continue
            x = float(value)
            if str(column).endswith("rate") and abs(x) <= 1:
                row.append(Cell(t.percent(100 * x, 1), "num"))
            else:
                row.append(Cell(t.number(x, 0 if float(x).is_integer() else 2), "num"))
        rows.append(row)
    return Table(caption, [_column_name(t, str(c)) for c in frame.columns], rows, css="plain")


def _column_name(t: Translator, column: str) -> str:
    """A column's heading in the report's language (``annex_col_<name>``), else as given."""
    key = f"annex_col_{column}"
    return t(key) if key in STRINGS else column.replace("_", " ")


def rules_source(t: Translator, rules: QualityRules) -> str:
    """The rule set's source in the report's language (built-in sets), else as written."""
    key = f"rules_source_{rules.name}"
    builtin = QUALITY_RULES.get(rules.name)
    same = builtin is not None and builtin.source == rules.source
    return t(key) if same and key in STRINGS else rules.source
