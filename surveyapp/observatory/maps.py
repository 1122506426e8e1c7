"""Choropleth maps on the observatory's wave page: SVG built on the server, a legend and a table.

Classes, colours and marks come from :mod:`analysis.report.maps` and the
words from the report's strings, so the page and the PDF show a map alike.
Imported by the wave view when a page is asked for (numpy, pandas and
shapely are not loaded at start-up).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..services import DBSession
from ..services.boundaries import boundaries_of
from ..services.reports import AreaNode

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MapArea", "PageMap", "page_maps"]


@dataclass(frozen=True)
class MapArea:
    """One area of one map: its path, fill (or pattern) and the words of its tooltip."""

    key: str
    name: str
    path: str
    fill: str
    mark: str
    value: str
    #: "name: value" for the tooltip, with the language's colon (French "Norte\u00a0: 23,4\u00a0%")
    tooltip: str


@dataclass(frozen=True)
class PageMap:
    """One map with its legend: ``classes`` are (colour, label) pairs."""

    id: str
    title: str
    description: str
    width: float
    height: float
    areas: list[MapArea]
    classes: list[tuple[str, str]]


@dataclass(frozen=True)
class MapGroup:
    """The three maps of one level, the words of the marks and the rows of the table."""

    id: str
    title: str
    table_title: str  # names the table's scrolling region apart from the section (axe)
    maps: list[PageMap]
    legend: dict[str, str]
    note: str
    header: list[str]
    rows: list[list[str]]


def _children(areas: list[AreaNode], area: AreaNode) -> list[tuple[str, list[AreaNode]]]:
    if area.report_level == "national":
        states = [a for a in areas if a.report_level == "state"]
        munis = [
            a for a in areas if a.report_level == "municipality" and a.level.value == "municipality"
        ]
        return [("state", states), ("municipality", munis)]
    if area.report_level == "state":
        return [
            (
                "municipality",
                [a for a in areas if a.level.value == "municipality" and a.state_id == area.id],
            )
        ]
    return []


def page_maps(
    session: DBSession,
    table: pd.DataFrame,
    area: AreaNode,
    areas: list[AreaNode],
    *,
    language: str,
    public: bool,
    min_cases: int,
) -> list[MapGroup]:
    """The map groups of ``area``'s page: its states and/or municipalities that have boundaries."""
    from analysis.geo import svg_paths
    from analysis.report import maps
    from analysis.report.context import Lookup
    from analysis.report.i18n import Translator
    from analysis.report.map_section import map_figure_panels, map_titles

    t = Translator(language)
    lookup = Lookup(table, public)
    legend = {
        "low": t("map_low"),
        "suppressed": t.count("map_suppressed", min_cases, n=t.number(min_cases, 0))
        if min_cases > 0
        else t("map_suppressed_rule"),
        "missing": t("map_missing"),
    }
    groups: list[MapGroup] = []
    for level, nodes in _children(areas, area):
        shapes = boundaries_of(session, [n.id for n in nodes])
        if not shapes:
            continue
        names = {n.key: n.name for n in nodes}
        by_key = {n.key: shapes[n.id] for n in nodes if n.id in shapes}
        paths, height = svg_paths(by_key)
        keys = sorted(by_key, key=lambda k: names[k].casefold())
        titles = map_titles(t, level)
        panels = map_figure_panels(lookup, level, keys, titles)
        level_word = t("states" if level == "state" else "municipalities")
        page_maps_: list[PageMap] = []
        for j, panel in enumerate(panels):
            shown = [v for k, v in panel.values.items() if panel.marks.get(k) in ("shown", "low")]
            shades = maps.shading(shown, panel.kind)
            unit = t.percent_sign if panel.kind == "sequential" else ""
            map_areas = []
            for key in keys:
                mark = panel.marks.get(key, "missing")
                value = panel.values.get(key, math.nan)
                if mark in ("shown", "low") and math.isfinite(value):
                    fill, words = shades.colour(value), t.number(value, 1) + unit
                elif mark == "suppressed":
                    fill, words = "url(#map-hatch)", legend["suppressed"]
                else:
                    fill, words, mark = maps.MISSING_FILL, legend["missing"], "missing"
                if mark == "low":
                    words += " **"
                tooltip = f"{names[key]}{t.colon}{words}"
                map_areas.append(MapArea(key, names[key], paths[key], fill, mark, words, tooltip))
            page_maps_.append(
                PageMap(
                    id=f"map-{level}-{j}",
                    title=f"{panel.title} — {level_word}",
                    description=t("map_note") if panel.kind == "diverging" else panel.title,
                    width=600.0,
                    height=round(height, 1),
                    areas=map_areas,
                    classes=list(zip(shades.colours, shades.labels(language), strict=True)),
                )
            )
        rows = []
        for key in keys:
            cells = [names[key]]
            for panel in panels:
                mark = panel.marks.get(key, "missing")
                value = panel.values.get(key, math.nan)
                if mark in ("shown", "low") and math.isfinite(value):
                    cells.append(t.number(value, 1) + (" **" if mark == "low" else ""))
                else:
                    cells.append("—")
            rows.append(cells)
        groups.append(
            MapGroup(
                id=f"maps-{level}",
                title=t("map_title", level=level_word),
                table_title=t("map_table", level=level_word),
                maps=page_maps_,
                legend=legend,
                note=t("map_note"),
                header=[t("area"), *titles.values()],
                rows=rows,
            )
        )
    return groups


def suppressed_fill() -> dict[str, Any]:
    """The colours of the hatch pattern (one home: analysis.report.maps)."""
    from analysis.report import maps

    return {"fill": maps.SUPPRESSED_FILL, "outline": maps.OUTLINE}
