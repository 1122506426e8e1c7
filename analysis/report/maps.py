"""Choropleth maps: classes, colours and marks of areas, and the report's map figure.

One home for how a map shows an estimate, used by the PDF report and the
observatory's pages: an area is coloured by the class of its estimate, a
low-precision one is dotted over its colour, a suppressed one is grey and
hatched (never coloured as if it were known), an area without a row is
white. Sequential classes (ColorBrewer "Blues") for prevalence and perceived
insecurity, diverging ones ("PuOr", split at 0) for the perceived-minus-
victimized gap; both are safe for the common colour-vision deficiencies.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from analysis.i18n import format_number
from analysis.report import charts

__all__ = [
    "MapLegend",
    "MapPanel",
    "Mark",
    "Shading",
    "area_mark",
    "choropleth_figure",
    "shading",
]

Mark = Literal["shown", "low", "suppressed", "missing"]
Kind = Literal["sequential", "diverging"]

SEQUENTIAL: tuple[str, ...] = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
#: ColorBrewer PuOr, 6 classes: purple below 0 (fewer feel unsafe than were victims), orange above
DIVERGING: tuple[str, ...] = ("#542788", "#998ec3", "#d8daeb", "#fee0b6", "#f1a340", "#b35806")
SUPPRESSED_FILL = "#bdbdbd"
MISSING_FILL = "#ffffff"
OUTLINE = "#555555"
SUPPRESSED_HATCH = "////"
LOW_HATCH = "."  # sparse dots: denser ones cost hundreds of kB of SVG per colour
_PANEL_TITLE_SIZE = 8  # points


def area_mark(shown: bool, suppressed: bool, quality: str) -> Mark:
    """How a map marks one estimate: suppressed (not shown, or flagged ‡), low precision, shown."""
    if not shown or suppressed or quality == "insufficient":
        return "suppressed"
    return "low" if quality == "low" else "shown"


@dataclass(frozen=True)
class Shading:
    """Class limits (``k + 1`` ascending values) and one colour per class."""

    breaks: tuple[float, ...]
    colours: tuple[str, ...]

    def colour(self, value: float) -> str:
        """The colour of ``value``'s class (the top limit belongs to the last class)."""
        k = int(np.searchsorted(self.breaks[1:-1], value, side="right"))
        return self.colours[min(k, len(self.colours) - 1)]

    def labels(self, language: str) -> list[str]:
        """ "a – b" for each class in the language's number format (its true minus sign), as
        many decimals as the step needs."""
        # the fewest decimals that write every limit exactly (a step of 2.5 needs one)
        decimals = next(
            (d for d in range(4) if all(abs(round(b, d) - b) < 1e-9 for b in self.breaks)), 4
        )

        def number(x: float) -> str:
            return format_number(x, language, decimals)

        return [
            f"{number(a)} – {number(b)}"
            for a, b in zip(self.breaks[:-1], self.breaks[1:], strict=True)
        ]


def _nice_step(span: float, k: int) -> float:
    raw = max(span / k, 1e-9)
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def shading(values: Sequence[float], kind: Kind) -> Shading:
    """Classes of equal width and round limits covering the finite ``values``.

    Up to five sequential classes; equal widths keep a class's meaning the
    same from map to map. A diverging scale has six classes symmetric around
    0, which is a limit: the hue says which of the two is larger, the shade
    by how much.
    """
    finite = [v for v in values if math.isfinite(v)]
    k = 5
    if kind == "diverging":
        top = max((abs(v) for v in finite), default=1.0) or 1.0
        step = _nice_step(top, 3)
        return Shading(tuple(float(step * j) for j in range(-3, 4)), DIVERGING)
    low = min(finite, default=0.0)
    high = max(finite, default=1.0)
    step = _nice_step(high - low if high > low else 1.0, k)
    start = math.floor(low / step) * step
    if start + k * step < high:  # rounding down the start may leave the top uncovered
        step = _nice_step((high - start) * 1.0001, k)
    # as many classes as the values need (a round step may cover them with fewer), colours
    # spread over the whole palette so that the lightest and darkest stay in use
    used = max(1, min(k, math.ceil((high - start) / step - 1e-9)))
    picks = np.round(np.linspace(0, k - 1, used)).astype(int) if used > 1 else np.array([2])
    return Shading(
        tuple(round(start + step * j, 10) for j in range(used + 1)),
        tuple(SEQUENTIAL[i] for i in picks),
    )


@dataclass(frozen=True)
class MapPanel:
    """One map: a title and, per area key, the estimate and its mark."""

    title: str
    values: Mapping[str, float]
    marks: Mapping[str, Mark]
    kind: Kind = "sequential"


@dataclass(frozen=True)
class MapLegend:
    """The words of the marks, in the report's language."""

    low: str
    suppressed: str
    missing: str


def _path(geometry: BaseGeometry) -> Path | None:
    """One matplotlib path of every ring of ``geometry`` (holes cut by the even-odd rule)."""
    vertices: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        if not isinstance(polygon, Polygon) or polygon.is_empty:
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            xy = np.asarray(ring.coords)
            ring_codes = np.full(len(xy), Path.LINETO, dtype=np.uint8)
            ring_codes[0] = Path.MOVETO
            ring_codes[-1] = Path.CLOSEPOLY
            vertices.append(xy)
            codes.append(ring_codes)
    if not vertices:
        return None
    return Path(np.concatenate(vertices), np.concatenate(codes))


def _compound(paths: Sequence[Path]) -> Path:
    return Path.make_compound_path(*paths)


def _draw_panel(
    ax: Axes, shapes: Mapping[str, BaseGeometry], panel: MapPanel, stretch: float
) -> Shading:
    colours = shading(
        [
            panel.values[k]
            for k, m in panel.marks.items()
            if m != "suppressed" and k in panel.values
        ],
        panel.kind,
    )
    groups: dict[tuple[str, str], list[Path]] = {}
    for key, geometry in shapes.items():
        path = _path(geometry)
        if path is None:
            continue
        mark = panel.marks.get(key, "missing")
        value = panel.values.get(key, math.nan)
        if mark == "missing" or (mark != "suppressed" and not math.isfinite(value)):
            style = (MISSING_FILL, "")
        elif mark == "suppressed":
            style = (SUPPRESSED_FILL, SUPPRESSED_HATCH)
        else:
            style = (colours.colour(value), LOW_HATCH if mark == "low" else "")
        groups.setdefault(style, []).append(path)
    # one SVG element per fill and hatch, not per area: WeasyPrint's time grows with elements
    for (fill, hatch), paths in groups.items():
        ax.add_patch(
            PathPatch(
                _compound(paths), facecolor=fill, edgecolor=OUTLINE, linewidth=0.3, hatch=hatch
            )
        )
    ax.set_aspect(1 / stretch)
    ax.autoscale_view()
    ax.set_axis_off()
    return colours


def choropleth_figure(
    shapes: Mapping[str, BaseGeometry],
    panels: Sequence[MapPanel],
    text: charts.ChartText,
    legend: MapLegend,
    salt: str,
) -> str:
    """Maps side by side (one per panel), each with its class legend, and the marks' legend.

    Returns inline SVG like the other charts (:mod:`analysis.report.charts`).
    """
    import shapely

    n = max(len(panels), 1)
    bounds = shapely.GeometryCollection(list(shapes.values())).bounds if shapes else (0, 0, 1, 1)
    stretch = math.cos(math.radians((bounds[1] + bounds[3]) / 2))
    width_in = charts.WIDTH_IN
    panel_w = width_in / n
    aspect = (bounds[3] - bounds[1]) / max((bounds[2] - bounds[0]) * stretch, 1e-9)
    map_h = min(panel_w * aspect, 3.2)
    # a row per class: six in a diverging scale (the sixth was drawn under the marks' legend,
    # half hidden: the class most areas of the national report had), up to five otherwise
    rows = 6 if any(p.kind == "diverging" for p in panels) else 5
    legend_h = 0.16 * rows + 0.1
    # a panel's title in lines no wider than its map (the perceived map's names the level)
    panel_titles = [
        "\n".join(charts.wrap(p.title, _PANEL_TITLE_SIZE, 72 * (panel_w - 0.15))) for p in panels
    ]
    title_lines = max((t.count("\n") + 1 for t in panel_titles), default=1)
    height = (
        0.42
        + 0.25
        + 0.13 * (title_lines - 1)
        + map_h
        + legend_h
        + 0.55
        + 0.11 * (len(charts.source_lines(text)) - 1)
    )
    fig = charts.new_figure(height)
    for j, panel in enumerate(panels):
        left = j * panel_w / width_in
        bottom = (legend_h + 0.6) / height
        ax = fig.add_axes((left + 0.01, bottom, panel_w / width_in - 0.02, map_h / height))
        colours = _draw_panel(ax, shapes, panel, stretch)
        ax.set_title(panel_titles[j], fontsize=_PANEL_TITLE_SIZE, loc="left")
        key = fig.add_axes(
            (left + 0.01, 0.55 / height, panel_w / width_in - 0.02, legend_h / height)
        )
        key.set_axis_off()
        key.set_xlim(0, 1)
        key.set_ylim(0, rows + 0.5)
        for k, (label, colour) in enumerate(
            zip(colours.labels(text.language), colours.colours, strict=True)
        ):
            y = rows - 0.4 - k
            key.add_patch(
                Rectangle((0, y), 0.12, 0.7, facecolor=colour, edgecolor=OUTLINE, linewidth=0.3)
            )
            key.text(0.16, y + 0.35, label, fontsize=6.5, va="center")
    # the marks' legend, once for all panels, above the source line
    marks = fig.add_axes((0.01, 0.3 / height, 0.98, 0.22 / height))
    marks.set_axis_off()
    marks.set_xlim(0, width_in)
    marks.set_ylim(0, 1)
    x = 0.0
    for fill, hatch, label in (
        (MISSING_FILL, LOW_HATCH, legend.low),
        (SUPPRESSED_FILL, SUPPRESSED_HATCH, legend.suppressed),
        (MISSING_FILL, "", legend.missing),
    ):
        marks.add_patch(
            Rectangle(
                (x, 0.1), 0.22, 0.8, facecolor=fill, edgecolor=OUTLINE, hatch=hatch, linewidth=0.3
            )
        )
        marks.text(x + 0.28, 0.5, label, fontsize=6.5, va="center")
        x += 0.28 + charts.text_width_pt(label, 6.5) / 72 + 0.3
    charts.title_and_source(fig, text)
    # named by its title and panels (the section's table gives every area's value)
    titles = "; ".join(p.title for p in panels)
    return charts.render(fig, salt, f"{text.title}. {titles}." if titles else f"{text.title}.")
