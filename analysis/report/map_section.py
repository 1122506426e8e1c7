"""The report's maps: prevalence, perceived insecurity and their gap for each sub-area level."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from analysis.report import maps
from analysis.report.charts import ChartText
from analysis.report.context import Figure, Formatter, Lookup, Section, Value
from analysis.report.data import ReportData
from analysis.report.i18n import Translator

__all__ = ["map_figure_panels", "map_titles", "maps_section"]

#: The perceived-insecurity indicator of each level (the question about that level)
PERCEIVED = {"state": "insecure_state", "municipality": "insecure_muni"}


def map_titles(t: Translator, level: str) -> dict[str, str]:
    """The three maps' titles for areas of ``level``: the perceived map names the area its
    question asks about, the one mapped ("Se sienten inseguros en su municipio (%)"); it read
    "Se sienten inseguros (%)", unsafe where, the reader could not tell."""
    return {
        "prev": t("map_prevalence"),
        "perc": t(f"map_perceived_{level}"),
        "gap": t("map_gap"),
    }


def _minimum_cases(data: ReportData) -> int | None:
    sizes = [r.minimum for r in data.methodology.rules.requirements if r.measure == "n"]
    return int(max(sizes)) if sizes else None


def _mark(value: Value | None) -> maps.Mark:
    if value is None:
        return "missing"
    return maps.area_mark(value.shown, value.suppressed, value.quality)


def map_figure_panels(
    current: Lookup, level: str, codes: Sequence[str], titles: Mapping[str, str]
) -> list[maps.MapPanel]:
    """Prevalence, perceived insecurity and their gap (percentage points) by area of ``level``.

    The gap is suppressed where either estimate is, and of low precision
    where either is.
    """
    prevalence: dict[str, float] = {}
    perceived: dict[str, float] = {}
    gap: dict[str, float] = {}
    marks: dict[str, dict[str, maps.Mark]] = {"prev": {}, "perc": {}, "gap": {}}
    for code in codes:
        victims = current.get(level, code, "prev_person")
        feel = current.get(level, code, PERCEIVED[level])
        for name, value, out in (("prev", victims, prevalence), ("perc", feel, perceived)):
            marks[name][code] = _mark(value)
            if value is not None:
                out[code] = value.estimate
        pair = (marks["prev"][code], marks["perc"][code])
        if "missing" in pair:
            marks["gap"][code] = "missing"
        elif "suppressed" in pair:
            marks["gap"][code] = "suppressed"
        else:
            marks["gap"][code] = "low" if "low" in pair else "shown"
            gap[code] = perceived[code] - prevalence[code]
    return [
        maps.MapPanel(titles["prev"], prevalence, marks["prev"]),
        maps.MapPanel(titles["perc"], perceived, marks["perc"]),
        maps.MapPanel(titles["gap"], gap, marks["gap"], kind="diverging"),
    ]


def maps_section(
    data: ReportData,
    fmt: Formatter,
    current: Lookup,
    levels: Sequence[tuple[str, list[str]]],
    source: str,
    salt: Callable[[], str],
) -> Section | None:
    """One figure of three maps per sub-area level that has boundaries; None when none has."""
    t = fmt.t
    section = Section("maps", t("sec_maps"))
    n = _minimum_cases(data)
    legend = maps.MapLegend(
        low=t("map_low"),
        suppressed=t.count("map_suppressed", n, n=t.number(n, 0))
        if n
        else t("map_suppressed_rule"),
        missing=t("map_missing"),
    )
    for level, codes in levels:
        shapes = {c: g for c, g in data.boundaries.get(level, {}).items() if c in set(codes)}
        if not shapes:
            continue
        level_word = t("states" if level == "state" else "municipalities")
        title = t("map_title", level=level_word)
        text = ChartText(title, "", source, language=t.language)
        panels = map_figure_panels(current, level, list(shapes), map_titles(t, level))
        svg = maps.choropleth_figure(shapes, panels, text, legend, salt())
        # an area is coloured only when its estimate may be published (an internal report's
        # suppressed values are numbers too): three maps hatched all over, under class limits
        # made up for no value ("0,0 – 0,2" in a map of percentages), showed nothing
        shown = any(
            p.marks.get(code) in ("shown", "low") and math.isfinite(value)
            for p in panels
            for code, value in p.values.items()
        )
        if shown:
            section.add(Figure(title, svg, t("map_note")))
    return section if section.blocks else None
