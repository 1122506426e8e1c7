"""Tables across a page's foot: no page holds only a table's notes or its last row or two.

Found by the "empty" layout check (tests/analysis/report/pdf_layout.py) in the report sweep: a
section's last page held only its table's notes (the French state report with a previous wave,
adapted questionnaire: the highlights' comparison table), or the last two or three rows of the
prevalence or crime-type table and the notes, a sixth of the page, the rest blank. A short table
now goes to a page whole with its notes; a longer one's last rows and notes go over together.
"""

from __future__ import annotations

import io

import pdfplumber
import weasyprint

from analysis.report.builder import TEMPLATES, _environment
from analysis.report.context import Cell, Figure, Section, Table


def _pages_of(rows: int, fillers: range) -> dict[int, list[list[int]]]:
    """Per filler (mm above the section), each page's table rows (their numbers; -1: the table's
    note, -2: the section's), the report's section macro and stylesheet rendering a section of a
    table of ``rows`` rows, with a note, and a note of its own."""
    macros = _environment().get_template("macros.html").module
    cells = [[Cell(f"fila {k}", "label"), Cell(str(k), "num")] for k in range(rows)]
    table = Table("LEYENDA", ["a", "b"], cells, notes=["NOTA de la tabla."])
    section = Section("s", "APARTADO", [], [table], page_break=False, notes=["APUNTE final."])
    html = macros.render_section(section, 3)  # type: ignore[attr-defined]
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    found = {}
    for filler in fillers:
        pdf = weasyprint.HTML(
            string=f'<style>{css}</style><div style="height: {filler}mm"></div>{html}',
            base_url=str(TEMPLATES),
        ).write_pdf()
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            words = [page.extract_words() for page in document.pages]
        found[filler] = [
            [int(b["text"]) for a, b in zip(page, page[1:], strict=False) if a["text"] == "fila"]
            + [-1 for w in page if w["text"] == "NOTA"]
            + [-2 for w in page if w["text"] == "APUNTE"]
            for page in words
        ]
    return found


def test_a_short_table_goes_to_a_page_whole_with_its_notes() -> None:
    # eight rows (the highlights' comparison table), sliding down across the page's foot: its
    # rows, its note and the section's note are always on one page
    pages = _pages_of(8, range(170, 220, 4))
    split = {f: p for f, p in pages.items() if sum(1 for rows in p if rows) > 1}
    assert not split, f"rows per page, by mm above the table: {split}"
    # the window crosses the foot: the table starts on the first page, then on the second
    assert {next(k for k, rows in enumerate(p) if rows) for p in pages.values()} == {0, 1}


def test_a_long_tables_last_rows_go_over_with_its_notes() -> None:
    # 34 rows (too tall to be kept whole), their end sliding across the page's foot: the page
    # holding the notes holds the table's last six rows too, never the notes alone or with a
    # row or two
    pages = _pages_of(34, range(16, 40, 2))
    for filler, found in pages.items():
        last = next(rows for rows in reversed(found) if rows)
        assert -1 in last and -2 in last, (filler, found)
        assert len(found) == 1 or set(range(28, 34)) <= set(last), (filler, found)
    assert any(len([p for p in found if p]) > 1 for found in pages.values()), pages


def test_a_chart_and_the_short_table_ending_a_section_go_to_a_page_together() -> None:
    # the households' protection table (four rows) went alone to the section's last page, a
    # fifth of it filled, its chart at the foot of the page before
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="498pt" height="200pt" '
        'viewBox="0 0 498 200"><rect width="498" height="200" fill="#ddd"/>'
        '<text x="10" y="190">GRAFICO</text></svg>'
    )
    chart = Figure("Medidas", svg)
    rows = [[Cell(f"fila {k}", "label"), Cell(str(k), "num")] for k in range(4)]
    section = Section("s", "APARTADO", ["Una frase."], [chart, Table("Tabla", ["a", "b"], rows)])
    section.page_break = False
    assert section.ends_with_pair
    macros = _environment().get_template("macros.html").module
    html = macros.render_section(section, 3)  # type: ignore[attr-defined]
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    apart = {}
    for filler in range(120, 200, 8):  # the chart's foot, then the table's, crosses the page's
        pdf = weasyprint.HTML(
            string=f'<style>{css}</style><div style="height: {filler}mm"></div>{html}',
            base_url=str(TEMPLATES),
        ).write_pdf()
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            text = [page.extract_text() or "" for page in document.pages]
        pages = [next(k for k, page in enumerate(text) if w in page) for w in ("GRAFICO", "fila 3")]
        if pages[0] != pages[1]:
            apart[filler] = pages
    assert not apart, f"pages of the chart and the table's last row, by mm above: {apart}"
