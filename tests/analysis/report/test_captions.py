"""Captions printed once; headings, lead-in sentences and captions never left at a page's foot.

Found by the report sweep (.ci/report-sweep), most in reports no test built: the fear-driver
section (built only with the model the server fits) read "Factores asociados al temor" as
heading, chart title and table caption, the caption alone at the foot of a page and the table
on the next; "Indicadores estándar que este cuestionario no mide", "Denuncia y cifra negra" and
others were read as a heading (or chart title) and again as the table's caption; the
households' protection heading and its one sentence were left at a page's foot, the chart on
the next page. tests/analysis/report/pdf_layout.py now finds both ("repeated", "alone").
"""

from __future__ import annotations

import io
import re

import pdfplumber
import weasyprint

from analysis.indicators.coverage import Unmeasured
from analysis.report import build_report
from analysis.report.builder import TEMPLATES, _environment
from analysis.report.context import Cell, Section, Table
from analysis.report.i18n import Translator

from .test_builder import report_data  # type: ignore[import-not-found,misc]


def _captions(html: str) -> list[str]:
    return re.findall(r"<caption>(.*?)</caption>", html)


def test_no_name_is_read_twice_in_a_row() -> None:
    data = report_data(unmeasured=(Unmeasured("media_exposure", ("media_freq",)),))
    html = build_report(data, language="es").html
    t = Translator("es")
    captions = _captions(html)
    # the annex's table of what the questionnaire cannot measure: the heading names it
    assert f"<h3>{t('sub_not_measured')}</h3>" in html
    assert t("sub_not_measured") not in captions
    # the fear drivers: the heading, the chart of odds ratios, the table under the heading's name
    fear = html[html.index('<section id="fear_drivers"') :]
    fear = fear[: fear.index("</section>")]
    assert fear.count(t("sub_fear_drivers")) == 2 and t("chart_fear_drivers") in fear
    assert t("sub_fear_drivers") in captions
    # a table after a chart of another name keeps its caption, the section's name
    assert t("sec_prevalence") in captions


def test_a_heading_its_sentence_and_a_caption_go_to_the_next_page_with_the_table() -> None:
    """The report's section macro and stylesheet, a section sliding down 3 mm at a time across
    the page's foot: its heading, the sentences before the table and its caption are
    always on the page of the table's first row (they were once left at the foot)."""
    macros = _environment().get_template("macros.html").module
    # taller than Table.whole_height: a shorter table is never split, it goes over whole
    rows = [[Cell(f"fila {k}", "label"), Cell(str(k), "num")] for k in range(40)]
    table = Table("LEYENDA", ["a", "b"], rows)
    section = Section("s", "APARTADO", ["Una frase.", "Otra frase."], [table], page_break=False)
    html = macros.render_section(section, 3)  # type: ignore[attr-defined]
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    pages = {}
    for filler in range(208, 238, 3):  # mm above the section; the content box is 255 mm high
        pdf = weasyprint.HTML(
            string=f'<style>{css}</style><div style="height: {filler}mm"></div>{html}',
            base_url=str(TEMPLATES),
        ).write_pdf()
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            text = [page.extract_text() or "" for page in document.pages]
        pages[filler] = [
            next(k for k, page in enumerate(text) if words in page)
            for words in ("APARTADO", "Una frase.", "Otra frase.", "LEYENDA", "fila 0")
        ]
    alone = {filler: where for filler, where in pages.items() if len(set(where)) > 1}
    assert not alone, f"page of heading, sentences, caption, first row by mm above: {alone}"
    # the window crosses the foot: the section starts on the first page, then on the second
    assert {where[0] for where in pages.values()} == {0, 1}, pages


def test_a_section_ending_with_a_table_does_not_repeat_the_tables_notes() -> None:
    """A municipal report's first page printed the quality legend twice in a row: the comparison
    table's own and the highlights' (the section's notes go with the table that ends it)."""
    from .test_builder import MUNICIPALITY  # type: ignore[import-not-found,misc]

    html = build_report(report_data(MUNICIPALITY), language="es").html
    section = re.search(r'<section id="highlights".*?</section>', html, re.S)
    assert section is not None
    legend = Translator("es")("quality_legend")
    assert section.group(0).count(legend) == 1
