"""Read a PDF back and list the text that does not fit: the layout check of every report.

Six kinds of problem, from pdfplumber's character boxes (upright text only;
chart labels drawn rotated are left out):

* ``outside``: a character beyond the page's content box left or right (A4
  with 18 mm side margins, analysis/report/templates/report.css), i.e. cut
  at the margin or running off the page;
* ``overlap``: two characters of one line drawn over each other (a value
  running into the next column, a label into a bar's number, two chart
  labels on one row);
* ``cell``: a character drawn across a table cell's side edge (a value
  running out of its column, into its neighbour or into empty space);
* ``alone``: a heading, chart title or table caption (bold, 8.5 pt or more:
  report.css) ending a page's text, what it names on the next page;
* ``repeated``: such a name read twice in a row on a page (a heading, then a
  table caption or chart title saying the same, with only plain text between);
* ``empty``: a nearly empty page, its text and drawing ending in the top
  :data:`EMPTY_FILL` of the content box, where a section goes on from the
  page before or to the page after (a table's last rows and notes, a short
  table or a heading left alone). The cover, the contents, the last page and
  a page holding a whole short section (it opens with a section heading, and
  so does the next page: each section starts a page, report.css) are meant
  to be so.

The report's tables rule every cell's side edges in :data:`CELL_EDGE`, a
colour no one sees on paper (report.css); those lines, and only those, are
the cells' limits. pdfplumber's table finder is not used: it takes chart grid
lines and shaded cells for tables.

Each problem names the page and the text around it, so a failing test says
what to look at. :func:`foreign_phrases` finds the report's own phrases in
another language (words written in code, outside the tables, are not seen).

Reading a report back with pdfplumber (pdfminer, pure Python) takes seconds;
every caller checks one PDF with both functions, so :func:`_read` reads it
once and keeps the last two documents read.
"""

from __future__ import annotations

import bisect
import io
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pdfplumber

MM = 72 / 25.4
#: left and right page margins of report.css, in points
SIDE_MARGIN = 18 * MM
#: slack for antialiasing and font side bearings, in points
SLACK = 0.6
#: stroke colour of the tables' cell edges (report.css: #fefefe), as pdfplumber reads it
CELL_EDGE = (254 / 255, 254 / 255, 254 / 255)
#: bottom page margin of report.css, in points: the page number is below it
BOTTOM_MARGIN = 22 * MM
#: the smallest bold text that names what follows (report.css: captions 8.5 pt; table heads 8)
NAME_SIZE = 8.5
#: top page margin of report.css, in points: the running header is above it
TOP_MARGIN = 20 * MM
#: a section heading's size (report.css h2, 15 pt): each section starts a page
SECTION_SIZE = 15.0
#: a page whose content ends above this share of the content box's height is nearly empty: in
#: the report sweep, the sections' last pages holding only a table's notes, its last rows and
#: notes, or one short table ended at 1-23 %; a page of one whole short table and its notes at
#: 27-45 % (pdftoppm -r 50 of both kinds looked at)
EMPTY_FILL = 0.25


@dataclass(frozen=True)
class Problem:
    page: int  # 1-based
    kind: str  # "outside", "overlap", "cell", "alone", "repeated" or "empty"
    text: str

    def __str__(self) -> str:
        return f"page {self.page}: {self.kind}: {self.text!r}"


@dataclass(frozen=True)
class _Page:
    """What the checks read of one page."""

    width: float
    height: float
    chars: tuple[dict[str, Any], ...]  # upright, not blank
    cell_edges: tuple[tuple[float, float, float], ...]
    text: str  # pdfplumber's extract_text()
    #: share of the content box's height down to the lowest character, line, rectangle, curve or
    #: image inside it (the running header and the page number are outside)
    fill: float
    first_line: str  # of the content box: the running header left out
    opens_section: bool  # its first line is a section heading


@lru_cache(maxsize=2)
def _read(pdf: bytes) -> tuple[_Page, ...]:
    """Every page of ``pdf``, read once (the callers' dicts must not be changed)."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return tuple(
            _Page(
                width=float(page.width),
                height=float(page.height),
                chars=tuple(c for c in page.chars if c.get("upright", True) and c["text"].strip()),
                cell_edges=tuple(_cell_edges(page)),
                text=page.extract_text() or "",
                fill=_fill(page),
                first_line=_spaced(first),
                opens_section=bool(first)
                and all(c["size"] >= SECTION_SIZE - 0.1 and "Bold" in c["fontname"] for c in first),
            )
            for page in document.pages
            for first in [_first_line(page)]
        )


def _content(page: Any) -> list[dict[str, Any]]:
    """Every object drawn inside the page's content box (text of any angle, lines, shapes)."""
    low = float(page.height) - BOTTOM_MARGIN
    drawn = [
        *(c for c in page.chars if c["text"].strip()),
        *page.lines,
        *page.rects,
        *page.curves,
        *page.images,
    ]
    return [o for o in drawn if o["top"] >= TOP_MARGIN - SLACK and o["bottom"] <= low + SLACK]


def _fill(page: Any) -> float:
    """How far down the content box the page's content reaches (0: empty, 1: full)."""
    content = _content(page)
    if not content:
        return 0.0
    box = float(page.height) - TOP_MARGIN - BOTTOM_MARGIN
    return (max(float(o["bottom"]) for o in content) - TOP_MARGIN) / box


def _first_line(page: Any) -> list[dict[str, Any]]:
    """The characters of the content box's first line of upright text."""
    rows = _lines([c for c in _content(page) if "text" in c and c.get("upright", True)])
    return rows[0] if rows else []


def _spaced(line: list[dict[str, Any]]) -> str:
    """A line's text, a space where the gap between two characters is a word space's."""
    text = "".join(
        (" " if b["x0"] - a["x1"] > 0.15 * b["size"] else "") + b["text"]
        for a, b in zip(line, line[1:], strict=False)
    )
    return line[0]["text"] + text if line else ""


def _line_text(chars: list[dict[str, Any]], around: dict[str, Any]) -> str:
    same = [c for c in chars if abs(c["top"] - around["top"]) < 0.5 * c["size"]]
    same.sort(key=lambda c: c["x0"])
    return "".join(c["text"] for c in same)[:90]


def _lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped by line (tops within half a character height), each sorted by x."""
    lines: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        if lines and abs(lines[-1][0]["top"] - char["top"]) < 0.5 * char["size"]:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _cell_edges(page: Any) -> list[tuple[float, float, float]]:
    """``(x, top, bottom)`` of every vertical line stroked in :data:`CELL_EDGE`."""
    edges = []
    for line in page.lines:
        colour = line.get("stroking_color")
        if not isinstance(colour, tuple | list) or len(colour) != 3:
            continue
        if max(abs(a - b) for a, b in zip(colour, CELL_EDGE, strict=True)) > 0.002:
            continue
        if abs(line["x1"] - line["x0"]) < 0.01 and line["bottom"] - line["top"] > 1:
            edges.append((float(line["x0"]), float(line["top"]), float(line["bottom"])))
    return edges


def pdf_text(pdf: bytes) -> str:
    """The text of every page (pdfplumber's), from the same reading as the checks."""
    return "\n".join(page.text for page in _read(pdf))


def layout_problems(pdf: bytes) -> list[Problem]:
    """Every character outside the content box, drawn over another or across a table cell's edge,
    per page and line."""
    problems: list[Problem] = []
    for number, page in enumerate(_read(pdf), start=1):
        chars = list(page.chars)
        left, right = SIDE_MARGIN - SLACK, page.width - SIDE_MARGIN + SLACK
        seen: set[str] = set()
        for char in chars:
            if char["x0"] < left or char["x1"] > right:
                line = _line_text(chars, char)
                if line not in seen:
                    seen.add(line)
                    problems.append(Problem(number, "outside", line))
        # only the characters starting left of an edge and at most the widest one's width
        # before it can cross it: found by bisection in the characters sorted by x0, then
        # checked in page order as every character would be
        by_x0 = sorted(range(len(chars)), key=lambda i: chars[i]["x0"])
        starts = [chars[i]["x0"] for i in by_x0]
        widest = max((c["x1"] - c["x0"] for c in chars), default=0.0)
        for x, top, bottom in page.cell_edges:
            low = bisect.bisect_left(starts, x + SLACK - widest - 1)
            high = bisect.bisect_right(starts, x - SLACK + 1)
            for char in (chars[i] for i in sorted(by_x0[low:high])):
                middle = (char["top"] + char["bottom"]) / 2
                crosses = char["x0"] + SLACK < x < char["x1"] - SLACK
                if crosses and top <= middle <= bottom:
                    line = _line_text(chars, char)
                    if line not in seen:
                        seen.add(line)
                        problems.append(Problem(number, "cell", line))
        rows = _lines(chars)
        for row in rows:
            for a, b in zip(row, row[1:], strict=False):
                width = min(a["x1"] - a["x0"], b["x1"] - b["x0"])
                if a["x1"] - b["x0"] > max(0.5 * width, SLACK):  # kerning ("Tr", "r,") stays below
                    text = "".join(c["text"] for c in row)[:90]
                    if text not in seen:
                        seen.add(text)
                        problems.append(Problem(number, "overlap", text))
        if number > 2:  # after the cover and the contents
            problems += _names(number, page.height, rows)
    return problems + _empty_pages(_read(pdf))


def _empty_pages(pages: tuple[_Page, ...]) -> list[Problem]:
    """Nearly empty pages but the cover, the contents, the last page and those holding a whole
    short section."""
    problems = []
    for number, (page, after) in enumerate(zip(pages[2:], pages[3:], strict=False), start=3):
        if page.fill < EMPTY_FILL and not (page.opens_section and after.opens_section):
            text = f"{page.fill:.0%} filled: {page.first_line}"
            problems.append(Problem(number, "empty", text[:90]))
    return problems


def _names(number: int, height: float, rows: list[list[dict[str, Any]]]) -> list[Problem]:
    """A page's headings, chart titles and captions left at its foot or read twice in a row."""
    # (text without spaces, size, bottom) of each bold line, a wrapped name's lines joined
    names: list[tuple[str, float, float]] = []
    last_is_name = False
    for row in rows:
        if row[0]["bottom"] > height - BOTTOM_MARGIN:
            continue  # the page number
        size = round(max(c["size"] for c in row), 1)  # 8.4999 as written
        last_is_name = size >= NAME_SIZE and all("Bold" in c["fontname"] for c in row)
        if not last_is_name:
            continue
        text = "".join(c["text"] for c in row)
        if names and names[-1][1] == size and row[0]["top"] - names[-1][2] < size:
            names[-1] = (names[-1][0] + text, size, row[0]["bottom"])
        else:
            names.append((text, size, row[0]["bottom"]))
    problems = [
        Problem(number, "repeated", b[0][:90])
        for a, b in zip(names, names[1:], strict=False)
        if a[0] == b[0]
    ]
    if last_is_name:
        problems.append(Problem(number, "alone", names[-1][0][:90]))
    return problems


def foreign_phrases(pdf: bytes, language: str) -> list[str]:
    """Phrases of the report's own word tables, in another language, found in the text.

    Every string of :data:`analysis.report.i18n.STRINGS` and every indicator
    name, cut at its ``{placeholders}``, in the other languages; pieces of 15
    characters or more that differ from this language's are looked for in the
    text with spaces taken out (pdfplumber loses some, and chart text has none).
    """
    import re

    from analysis.indicators import catalogue
    from analysis.report.i18n import STRINGS

    tables = [*STRINGS.values(), *(dict(i.name) for i in catalogue())]
    own = {piece for texts in tables for piece in _pieces(texts.get(language, ""))}
    foreign = {
        piece
        for texts in tables
        for other, text in texts.items()
        if other != language
        for piece in _pieces(text)
    } - own
    compact = re.sub(r"\s+", "", "".join(page.text for page in _read(pdf)))
    return sorted(p for p in foreign if re.sub(r"\s+", "", p) in compact)


def _pieces(text: str) -> list[str]:
    import re

    return [p.strip() for p in re.split(r"\{[^}]*\}", text) if len(p.strip()) >= 15]
