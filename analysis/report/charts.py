"""Report charts: matplotlib figures rendered to inline SVG.

Every chart is drawn on a fresh :class:`matplotlib.figure.Figure` with the SVG
canvas (no pyplot, so nothing leaks between calls) and returned as an
``<svg>`` string that the HTML embeds and WeasyPrint draws as vectors. Text
stays text (``svg.fonttype = "none"``), so titles and labels can be searched
in the PDF.

Readable without colour: the Okabe–Ito palette (safe for the common
colour-vision deficiencies), a distinct marker and hatching per series, values
written next to the bars, and error bars for the confidence intervals. A
value that is not a number (a suppressed estimate in a public report) gets no
bar and no point, only the words passed as ``missing_label`` (``absent_label``
for a dot chart's point marked ``absent``: no estimate at all).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from xml.sax.saxutils import escape as xml_escape

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath
from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter

from analysis.i18n import colon, format_number, semicolon

__all__ = [
    "OKABE_ITO",
    "ChartText",
    "Series",
    "bar_chart",
    "dot_chart",
    "forest_chart",
    "scatter_chart",
]

#: Okabe & Ito (2008) colour-blind-safe palette, most distinct first
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",
)
_MARKERS = ("o", "s", "^", "D", "v", "P")
_HATCHES = ("", "////", "....", "xxx", "\\\\\\\\", "++")
WIDTH_IN = 6.7  # A4 text width with 18 mm margins
SVG_FONTTYPE = "none"  # text stays text: searchable, and cheaper for WeasyPrint than glyph paths
_SOURCE_SIZE = 6.5  # points, the source line under every chart
_LEGEND_SIZE = 7.0


@dataclass(frozen=True)
class Series:
    """One series of estimates with interval bounds (NaN = not shown).

    ``flagged`` marks estimates drawn hollow with a ``‡`` (internal reports:
    estimates that a public report would suppress); ``absent`` those that do not
    exist (a regional comparison's wave whose questionnaire does not ask it), which
    :func:`dot_chart` calls ``ChartText.absent_label`` rather than not published.
    """

    name: str
    estimate: Sequence[float]
    low: Sequence[float]
    high: Sequence[float]
    flagged: Sequence[bool] = field(default=())
    absent: Sequence[bool] = field(default=())

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        est = np.asarray(self.estimate, dtype=float)
        flagged = (
            np.asarray(self.flagged, dtype=bool) if len(self.flagged) else np.zeros(len(est), bool)
        )
        return (
            est,
            np.asarray(self.low, dtype=float),
            np.asarray(self.high, dtype=float),
            flagged,
        )


@dataclass(frozen=True)
class ChartText:
    """The words of a chart: title, value axis label (with unit), source line."""

    title: str
    axis: str
    source: str
    missing_label: str = "—"
    absent_label: str = "—"  # a dot chart's point with no estimate at all (Series.absent)
    decimals: int = 1
    language: str = "en"  # numbers written on the chart use its format


def new_figure(height: float) -> Figure:
    fig = Figure(figsize=(WIDTH_IN, height))
    FigureCanvasSVG(fig)
    return fig


#: room left of and right of the source line and legend, inches
_SIDE_IN = 0.15
_MEASURE = TextToPath()


def text_width_pt(text: str, fontsize: float) -> float:
    """Width of ``text`` in DejaVu Sans at ``fontsize`` points, as drawn (not guessed per character)."""
    width, _height, _descent = _MEASURE.get_text_width_height_descent(
        text, FontProperties(family="DejaVu Sans", size=fontsize), ismath=False
    )
    return float(width)


def wrap(text: str, fontsize: float, width_pt: float) -> list[str]:
    """``text`` in lines no wider than ``width_pt`` (a word longer than a line stays whole).

    Lines break at ASCII white space only: a no-break space (French "90\u00a0%") holds its
    neighbours together, as it does in the report's HTML."""
    lines: list[str] = []
    for word in re.split(r"[ \t\r\n]+", text.strip()):
        if lines and text_width_pt(f"{lines[-1]} {word}", fontsize) <= width_pt:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def source_lines(text: ChartText) -> list[str]:
    return wrap(text.source, _SOURCE_SIZE, 72 * (WIDTH_IN - 2 * _SIDE_IN))


def _left_in(labels: Sequence[str]) -> float:
    """Room for the category labels left of the axes, inches."""
    longest = max((len(line) for label in labels for line in str(label).split("\n")), default=4)
    return min(0.25 + 0.07 * longest, 0.45 * WIDTH_IN)


def _label_row_in(labels: Sequence[str]) -> float:
    """Height a category needs for its label's lines at 8 pt (1.2 line spacing), inches."""
    lines = max((str(label).count("\n") + 1 for label in labels), default=1)
    return 8 * 1.2 / 72 * lines + 0.06


def _figure_in(axes_in: float, text: ChartText, top_in: float, floor_in: float) -> float:
    """A chart's height, inches: ``axes_in`` for its rows plus the margins :func:`_layout`
    takes (``top_in`` over the axes, the source's lines and the axis under them), and at least
    ``floor_in``. A fixed allowance for the margins once left two rows of two-line labels
    0.27 in under a three-row legend and a two-line source: the labels drawn over each other."""
    bottom_in = 0.75 + 0.11 * (len(source_lines(text)) - 1)
    return max(floor_in, top_in + axes_in + bottom_in + 0.03)


def _layout(
    fig: Figure,
    labels: Sequence[str],
    text: ChartText,
    bottom_in: float = 0.75,
    left_in: float | None = None,
    top_in: float = 0.42,
) -> None:
    """Fixed margins from the label lengths (constrained layout would draw every chart twice)."""
    width, height = fig.get_size_inches()
    bottom_in += 0.11 * (len(source_lines(text)) - 1)
    if left_in is None:
        left_in = _left_in(labels)
    fig.subplots_adjust(
        left=left_in / width,
        right=1 - 0.15 / width,
        top=1 - top_in / height,
        bottom=bottom_in / height,
    )


def render(fig: Figure, salt: str, description: str = "") -> str:
    """SVG markup without the XML prologue; ids salted so charts in one page never clash.

    ``description`` (what the chart shows, in words: :func:`describe`) becomes the SVG's
    ``<title>`` and ``role="img"``: the accessible name of the chart in a browser, and the
    alternative text (``/Alt``) of its ``Figure`` in the tagged PDF, which a screen reader
    reads instead of the drawing's loose words."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": SVG_FONTTYPE, "svg.hashsalt": salt}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    svg = _FONT_LIST.sub("font-family: 'DejaVu Sans', sans-serif", text[text.index("<svg") :])
    svg = _drop_unused_ids(svg)
    if description:
        end = svg.index(">") + 1  # the root element's start tag
        svg = f'{svg[: end - 1]} role="img">\n <title>{xml_escape(description)}</title>{svg[end:]}'
    return svg


def describe(labels: Sequence[str], series: Sequence[Series], text: ChartText) -> str:
    """The chart in one paragraph, as a screen reader says it: title, value axis, then each
    row's estimates with their intervals in the chart's number format ("Norte: 23,4
    (20,1–26,8); Sur: 18,1 (15,0–21,2)."), naming the series when there are several, and
    what the chart writes where there is no estimate (``missing_label``, ``absent_label``)."""
    # a series without any point (an area whose every estimate is suppressed) is named once,
    # at the end, as its legend entry says it (_named_if_empty), not on every row
    empty = [s for s in series if len(s.estimate) and not np.isfinite(s.arrays()[0]).any()]
    drawn = [s for s in series if not any(s is e for e in empty)]
    several = len(series) > 1
    rows = []
    for i, label in enumerate(labels):
        values = []
        for s in drawn:
            est, low, high, flagged = s.arrays()
            if not np.isfinite(est[i]):
                absent = len(s.absent) > i and bool(s.absent[i])
                value = text.absent_label if absent else text.missing_label
            else:
                value = _fmt(est[i], text) + (" ‡" if flagged[i] else "")
                if np.isfinite(low[i]) and np.isfinite(high[i]):
                    value += f" ({_fmt(low[i], text)}–{_fmt(high[i], text)})"
            values.append(f"{s.name} {value}" if several else value)
        if values:
            rows.append(f"{_one_line(str(label))}{colon(text.language)}{', '.join(values)}")
    named = [_named_if_empty(s, text).name for s in empty]
    parts = [text.title, text.axis, semicolon(text.language).join(rows), *named]
    return _one_line(". ".join(part for part in parts if part)) + "."


def _one_line(text: str) -> str:
    """``text`` on one line: a wrapped label's line ends become spaces. Only ASCII white space
    is touched: French numbers and units keep their no-break spaces ("20\u202f472", "12,3\u00a0%"),
    which ``str.split()`` would turn into ordinary ones."""
    return _ASCII_SPACE.sub(" ", text).strip()


_ASCII_SPACE = re.compile(r"[ \t\r\n]+")


# matplotlib writes its whole fallback list on every text; each family is a fontconfig
# lookup in WeasyPrint, and the text is drawn in DejaVu Sans anyway (matplotlib's default)
_FONT_LIST = re.compile(r"font-family: '[^;\"]*")
_ID = re.compile(r'\s+id="([^"]+)"')
_REFERENCE = re.compile(r'(?:href="#|url\(#)([^")]+)')


def _drop_unused_ids(svg: str) -> str:
    """Remove the ``id`` attributes nothing refers to.

    matplotlib names every group (``legend_1``, ``text_3``); in one HTML page
    the names of different charts clash (WeasyPrint warns "Anchor defined
    twice") and each id costs WeasyPrint an anchor.
    """
    used = set(_REFERENCE.findall(svg))
    return _ID.sub(lambda m: m.group(0) if m.group(1) in used else "", svg)


def _style(ax: Axes, text: ChartText, fig: Figure, *, numeric_y: bool = False) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8)
    _number_ticks(ax.xaxis, text.language)
    if numeric_y:
        _number_ticks(ax.yaxis, text.language)
    title_and_source(fig, text)


def _tick_text(value: float, language: str) -> str:
    """A tick's number as the report writes numbers ("20.000", "0,5" in Spanish), with the
    fewest decimals that keep its value (matplotlib's own would say "20000" and "0.5")."""
    for decimals in range(4):
        if abs(round(value, decimals) - value) <= 1e-9 * max(1.0, abs(value)):
            break
    return format_number(value, language, decimals)


def _number_ticks(axis: Axis, language: str) -> None:
    """The value axis's tick labels in the report's number format."""
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: _tick_text(value, language)))


def title_and_source(fig: Figure, text: ChartText) -> None:
    """The chart's title at its top left and the source line (wrapped) at its bottom."""
    fig.text(
        0.01,
        1 - 0.08 / fig.get_size_inches()[1],
        text.title,
        fontsize=10,
        fontweight="bold",
        ha="left",
        va="top",
    )
    fig.text(
        0.01,
        0.04 / fig.get_size_inches()[1],
        "\n".join(source_lines(text)),
        fontsize=_SOURCE_SIZE,
        ha="left",
        va="bottom",
        color="#333333",
    )


def _fmt(value: float, text: ChartText) -> str:
    return format_number(value, text.language, text.decimals)


def _legend_columns(series: Sequence[Series], labels: Sequence[str]) -> int:
    """Legend entries side by side while they fit above the axes (measured), else one per line.

    The legend starts at the axes' left edge, right of the category ``labels``. Each
    entry is its marker (2 em), the gap to its label (0.8 em), the label and the space
    between columns (2 em), matplotlib's defaults.
    """
    em = _LEGEND_SIZE
    width = sum(text_width_pt(s.name, em) + 4.8 * em for s in series)
    return len(series) if width <= 72 * (WIDTH_IN - _left_in(labels) - _SIDE_IN) else 1


def _points(
    ax: Axes,
    x: np.ndarray,
    y: np.ndarray,
    shown: np.ndarray,
    flagged: np.ndarray,
    color: str,
    marker: str,
    size: float,
    label: str | None = None,
) -> None:
    """Estimates as filled markers, flagged (low-quality) ones hollow; only the filled are labelled."""
    for hollow in (False, True):
        pick = shown & (flagged == hollow)
        ax.plot(
            x[pick],
            y[pick],
            linestyle="none",
            marker=marker,
            markersize=size,
            color=color,
            markerfacecolor="white" if hollow else color,
            label=None if hollow else label,
        )


def _intervals(
    ax: Axes,
    centre: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    color: str,
    *,
    vertical: bool = False,
    cap: float = 0.0,
    linewidth: float = 0.9,
) -> None:
    """All interval lines of a series as one SVG path (NaN-separated segments), caps included.

    ``errorbar`` writes one SVG element per segment; WeasyPrint's time grows
    with the number of elements, so hundreds of areas would cost seconds.
    """
    ok = np.isfinite(centre) & np.isfinite(low) & np.isfinite(high)
    c, lo, hi = centre[ok], low[ok], high[ok]
    gap = np.full(len(c), np.nan)
    along = [np.column_stack([lo, hi, gap]).ravel()]
    across = [np.column_stack([c, c, gap]).ravel()]
    if cap > 0:
        for end in (lo, hi):
            along.append(np.column_stack([end, end, gap]).ravel())
            across.append(np.column_stack([c - cap, c + cap, gap]).ravel())
    a, b = np.concatenate(along), np.concatenate(across)
    xs, ys = (b, a) if vertical else (a, b)
    ax.plot(xs, ys, color=color, linewidth=linewidth, solid_capstyle="butt")


def _upper(series: Sequence[Series]) -> float:
    values = [np.nanmax(np.r_[s.arrays()[0], s.arrays()[2], 0.0]) for s in series]
    top = max(values) if values else 1.0
    return float(top if np.isfinite(top) and top > 0 else 1.0)


def bar_chart(labels: Sequence[str], series: Sequence[Series], text: ChartText, salt: str) -> str:
    """Horizontal bars with error bars, one group per label, values written at the bar ends."""
    n, k = len(labels), max(len(series), 1)
    per_label = max(0.22 * k, _label_row_in(labels))
    rows = math.ceil(k / _legend_columns(series, labels)) if k > 1 else 0
    top_in = 0.42 + (0.11 + 0.14 * rows if k > 1 else 0)
    axes_in = per_label * max(n, 2 / k)
    fig = new_figure(_figure_in(axes_in, text, top_in, 1.2 + axes_in + (0.25 if k > 1 else 0)))
    ax = fig.add_subplot()
    height = 0.8 / k
    positions = np.arange(n)
    top = _upper(series)
    for j, s in enumerate(series):
        est, low, high, flagged = s.arrays()
        y = positions - 0.4 + height * (j + 0.5)
        shown = np.isfinite(est)
        color = OKABE_ITO[j % len(OKABE_ITO)]
        ax.barh(
            y[shown],
            est[shown],
            height=height * 0.9,
            color=[("white" if f else color) for f in flagged[shown]],
            edgecolor=color,
            hatch=_HATCHES[j % len(_HATCHES)],
            label=s.name,
        )
        _intervals(ax, y, low, high, "#222222", cap=height * 0.25, linewidth=0.8)
        for yi, e, hi, f in zip(y, est, high, flagged, strict=True):
            if np.isfinite(e):
                x = hi if np.isfinite(hi) else e
                ax.text(
                    x + top * 0.01, yi, _fmt(e, text) + (" ‡" if f else ""), va="center", fontsize=7
                )
            else:
                ax.text(top * 0.01, yi, text.missing_label, va="center", fontsize=7, style="italic")
    ax.set_yticks(positions, labels)
    # every row's slot inside the axes, top to bottom: scaled to the bars drawn, the axes left
    # out a first row without a bar, and its "not published" was written over the legend
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(0, top * 1.18)
    ax.set_xlabel(text.axis, fontsize=8)
    if k > 1:
        ax.legend(
            fontsize=_LEGEND_SIZE,
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            ncol=_legend_columns(series, labels),
            frameon=False,
            borderaxespad=0.2,
        )
    _layout(fig, labels, text, top_in=top_in)
    _style(ax, text, fig)
    return render(fig, salt, describe(labels, series, text))


def dot_chart(labels: Sequence[str], series: Sequence[Series], text: ChartText, salt: str) -> str:
    """Points with interval lines, one row per label; a marker shape and colour per series.

    A series without any point (an area whose every estimate is suppressed) says why in its
    legend entry, not on every row: there the words were drawn over the other series' points.
    """
    series = [_named_if_empty(s, text) for s in series]
    n, k = len(labels), max(len(series), 1)
    row = 0.2 if n <= 12 else 0.16  # long lists (32 states) must fit a page with their heading
    per_label = max(row * (1.0 if k <= 2 else 0.6 * k), _label_row_in(labels))
    rows = math.ceil(k / _legend_columns(series, labels)) if k > 1 else 0
    top_in = 0.42 + (0.13 + 0.14 * rows if k > 1 else 0)
    axes_in = per_label * max(n, 2)
    fig = new_figure(_figure_in(axes_in, text, top_in, 1.2 + axes_in + (0.25 if k > 1 else 0)))
    ax = fig.add_subplot()
    positions = np.arange(n)
    offset = 0.5 / k
    missing = np.zeros((n, k), dtype=bool)
    absent = np.zeros((n, k), dtype=bool)
    for j, s in enumerate(series):
        est, low, high, flagged = s.arrays()
        y = positions + (j - (k - 1) / 2) * offset
        shown = np.isfinite(est)
        missing[:, j] = ~shown
        if len(s.absent):
            absent[:, j] = np.asarray(s.absent, dtype=bool) & ~shown
        color = OKABE_ITO[j % len(OKABE_ITO)]
        _intervals(ax, y, low, high, color)
        _points(ax, est, y, shown, flagged, color, _MARKERS[j % len(_MARKERS)], 5, s.name)
    # "not published" once per row when several series lack it there: rows are too close for
    # one line per series, and the words would be drawn over each other
    empty = missing.all(axis=0)  # named in the legend
    for i in range(n):
        lacking = np.flatnonzero(missing[i] & ~empty)
        if len(lacking) == 0:
            continue
        yi = positions[i] + ((lacking[0] - (k - 1) / 2) * offset if len(lacking) == 1 else 0.0)
        reasons = [text.absent_label] if absent[i, lacking].any() else []
        if not absent[i, lacking].all():  # a suppressed one too: both words
            reasons.insert(0, text.missing_label)
        ax.text(0, yi, " " + "; ".join(reasons), va="center", fontsize=6.5, style="italic")
    ax.set_yticks(positions, labels)
    ax.set_ylim(n - 0.5, -0.5)  # top to bottom, room for the offset series
    ax.set_xlim(left=0)
    ax.set_xlabel(text.axis, fontsize=8)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    if k > 1:
        ax.legend(
            fontsize=_LEGEND_SIZE,
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            ncol=_legend_columns(series, labels),
            frameon=False,
            borderaxespad=0.2,
        )
    _layout(fig, labels, text, top_in=top_in)
    _style(ax, text, fig)
    return render(fig, salt, describe(labels, series, text))


def _named_if_empty(s: Series, text: ChartText) -> Series:
    """``s``, named "<name> (not published)" (or ``absent_label``) when it has no point."""
    est = s.arrays()[0]
    if np.isfinite(est).any() or not len(est):
        return s
    every_absent = len(s.absent) == len(est) and all(s.absent)
    why = text.absent_label if every_absent else text.missing_label
    if s.name.endswith(f" ({why})"):  # named so already (dot_chart, then describe)
        return s
    return replace(s, name=f"{s.name} ({why})")


def scatter_chart(
    x: Series, y: Series, text: ChartText, x_axis: str, salt: str, labels: Sequence[str] = ()
) -> str:
    """One point per area with crossed interval lines (compact for hundreds of areas).

    Both axes carry their label. Points are named where a name fits without
    overlapping another name or leaving the axes: the points farthest from
    the middle of the cloud first (the areas a reader looks for), at most
    :data:`MAX_POINT_LABELS`; every area is also in the table the chart sits with.
    """
    fig = new_figure(4.2)
    ax = fig.add_subplot()
    xe, xl, xh, xf = x.arrays()
    ye, yl, yh, yf = y.arrays()
    shown = np.isfinite(xe) & np.isfinite(ye)
    _intervals(ax, np.where(shown, ye, np.nan), xl, xh, "#999999", linewidth=0.5)
    _intervals(ax, np.where(shown, xe, np.nan), yl, yh, "#999999", vertical=True, linewidth=0.5)
    flagged = xf | yf
    _points(ax, xe, ye, shown, flagged, OKABE_ITO[0], "o", 3.5 if len(xe) > 40 else 5)
    ax.set_xlabel(x_axis, fontsize=8)
    ax.set_ylabel(text.axis, fontsize=8)
    ax.grid(color="#dddddd", linewidth=0.5)
    _layout(fig, [], text, bottom_in=0.8, left_in=0.7)
    if len(labels):
        _label_points(ax, xe, ye, shown, [str(label) for label in labels])
    _style(ax, text, fig, numeric_y=True)
    # one area per point, hundreds of them: named by its axes (the section's table lists them)
    return render(fig, salt, f"{text.title}. {x_axis}; {text.axis}.")


#: the most point names a scatter chart writes (more would hide the points)
MAX_POINT_LABELS = 30
_POINT_LABEL_SIZE = 6.0


def _label_points(
    ax: Axes, x: np.ndarray, y: np.ndarray, shown: np.ndarray, labels: list[str]
) -> list[int]:
    """Name the points whose name fits beside them without overlapping (greedy); their indices.

    Candidates are tried right, left, above-right and below-right of the
    point; a place is taken when its box (the text measured in DejaVu Sans)
    stays inside the axes and clear of every name already placed and of the
    other points' markers.
    """
    ax.autoscale_view()
    ax.set_xlim(ax.get_xlim())  # fixed now: the boxes below are measured with these limits
    ax.set_ylim(ax.get_ylim())
    points = ax.transData.transform(np.column_stack([np.nan_to_num(x), np.nan_to_num(y)]))
    scale = ax.figure.dpi / 72  # display units per point
    frame = ax.get_window_extent()
    index = np.flatnonzero(shown)
    if not len(index):
        return []
    spread = (points[index] - points[index].mean(axis=0)) / np.maximum(
        points[index].std(axis=0), 1e-9
    )
    order = index[np.argsort(-np.hypot(spread[:, 0], spread[:, 1]), kind="stable")]
    marker = 2.5 * scale
    taken: list[tuple[float, float, float, float]] = []
    named: list[int] = []
    height = _POINT_LABEL_SIZE * 1.2 * scale
    for i in order:
        if len(named) >= MAX_POINT_LABELS:
            break
        px, py = points[i]
        width = text_width_pt(labels[i], _POINT_LABEL_SIZE) * scale
        gap = 3 * scale
        for dx, dy, ha, va in (
            (gap, 0.0, "left", "center"),
            (-gap, 0.0, "right", "center"),
            (gap, gap, "left", "bottom"),
            (gap, -gap, "left", "top"),
        ):
            x0 = px + dx - (width if ha == "right" else 0.0)
            y0 = py + dy - {"center": height / 2, "bottom": 0.0, "top": height}[va]
            box = (x0, y0, x0 + width, y0 + height)
            inside = (
                frame.x0 <= box[0]
                and box[2] <= frame.x1
                and frame.y0 <= box[1]
                and box[3] <= frame.y1
            )
            if not inside or any(_overlap(box, other) for other in taken):
                continue
            others = points[index[index != i]]
            near = (
                (others[:, 0] > box[0] - marker)
                & (others[:, 0] < box[2] + marker)
                & (others[:, 1] > box[1] - marker)
                & (others[:, 1] < box[3] + marker)
            )
            if near.any():
                continue
            ax.annotate(
                labels[i],
                (x[i], y[i]),
                xytext=(dx / scale, dy / scale),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=_POINT_LABEL_SIZE,
            )
            taken.append(box)
            named.append(int(i))
            break
    return named


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


#: the ticks a fear-driver chart's log axis may label
_ODDS_TICKS = (0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0)


def forest_chart(
    labels: Sequence[str],
    odds: Sequence[float],
    low: Sequence[float],
    high: Sequence[float],
    text: ChartText,
    salt: str,
) -> str:
    """Odds ratios with intervals on a log axis, a reference line at 1, values written."""
    n = len(labels)
    axes_in = max(0.24, _label_row_in(labels)) * max(n, 2)
    fig = new_figure(_figure_in(axes_in, text, 0.42, 1.2 + axes_in))
    ax = fig.add_subplot()
    est = np.asarray(odds, dtype=float)
    lo = np.asarray(low, dtype=float)
    hi = np.asarray(high, dtype=float)
    y = np.arange(n)
    shown = np.isfinite(est) & (est > 0)
    ax.axvline(1.0, color="#555555", linewidth=0.8, linestyle="--")
    _intervals(ax, np.where(shown, y, np.nan), lo, hi, OKABE_ITO[0], cap=0.15)
    ax.plot(est[shown], y[shown], linestyle="none", marker="s", markersize=4, color=OKABE_ITO[0])
    ax.set_xscale("log")
    right = np.nanmax(np.r_[hi[np.isfinite(hi)], est[shown], 2.0])
    for yi, e, h in zip(y[shown], est[shown], hi[shown], strict=True):
        # 3 points right of the interval's end: leading spaces in SVG text are dropped when
        # drawn, and the value touched the interval's cap ("|1,19")
        ax.annotate(
            _fmt(e, text),
            (h if np.isfinite(h) else e, yi),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
        )
    ax.set_xlim(right=right * 1.6)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel(text.axis, fontsize=8)
    # round odds ratios as ticks (a log axis labels only its decades: "1.0" alone)
    low_end, high_end = ax.get_xlim()
    ticks = [v for v in _ODDS_TICKS if low_end <= v <= high_end]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_minor_formatter(NullFormatter())
    _layout(fig, labels, text)
    _style(ax, text, fig)
    odds_series = Series(text.axis, list(odds), list(low), list(high))
    return render(fig, salt, describe(labels, [odds_series], text))
