"""The layout check itself: it finds text off the content box and text drawn over text."""

from __future__ import annotations

import weasyprint

from analysis.report.i18n import STRINGS

from .pdf_layout import foreign_phrases, layout_problems  # type: ignore[import-not-found]

PAGE = "@page { size: A4; margin: 20mm 18mm 22mm 18mm; } body { font: 9pt 'DejaVu Sans'; }"


def _pdf(body: str) -> bytes:
    html = f"<html><head><style>{PAGE}</style></head><body>{body}</body></html>"
    return weasyprint.HTML(string=html).write_pdf()


def test_text_that_fits_has_no_problem() -> None:
    table = "<table><tr><td>Estimación</td><td>IC 90%</td></tr><tr><td>26.1*</td><td>22.0–30.5</td></tr></table>"
    assert layout_problems(_pdf(f"<p>Fuente: encuesta, intervalos al 90%.</p>{table}")) == []


def test_a_line_cut_at_the_right_margin_is_outside() -> None:
    long = "Fuente: " + "palabra" * 40  # one word that cannot wrap
    problems = layout_problems(_pdf(f"<p style='white-space: nowrap'>{long}</p>"))
    assert [(p.page, p.kind) for p in problems] == [(1, "outside")]
    assert problems[0].text.startswith("Fuente:")


def test_a_value_running_into_the_next_column_is_an_overlap() -> None:
    cells = (
        "<div style='position: absolute; left: 0; top: 0'>Estimación</div>"
        "<div style='position: absolute; left: 30pt; top: 0'>IC 90%</div>"
    )
    problems = layout_problems(_pdf(cells))
    assert [(p.page, p.kind) for p in problems] == [(1, "overlap")]


CELLS = (
    "<style>td { border-left: 0.25pt solid #fefefe; border-right: 0.25pt solid #fefefe; }"
    "table { width: 200pt; table-layout: fixed; border-collapse: collapse; }"
    "td.num { white-space: nowrap; text-align: right; }</style>"
)


def test_a_value_running_out_of_its_ruled_cell_is_a_cell_problem() -> None:
    # as report.css rules them: the second column is too narrow for the interval, which runs
    # out of its cell into the empty third one (no other text is overlapped)
    row = "<tr><td>Prevalencia</td><td class='num'>22,9–25,3 (IC 90%)</td><td></td></tr>"
    problems = layout_problems(_pdf(f"{CELLS}<table>{row}</table>"))
    assert [(p.page, p.kind) for p in problems] == [(1, "cell")]
    assert "22,9" in problems[0].text
    fits = "<tr><td>Prevalencia</td><td class='num'>24,1</td><td>22,9–25,3</td></tr>"
    assert layout_problems(_pdf(f"{CELLS}<table>{fits}</table>")) == []


def test_grid_lines_of_other_colours_are_not_cell_edges() -> None:
    # a chart's grid (or any unruled table) through text is not a cell problem
    grid = "<div style='border-left: 0.5pt solid #dddddd; height: 20pt; position: absolute; left: 20pt'></div>"
    assert layout_problems(_pdf(f"{grid}<p>Estimación del área</p>")) == []


def test_a_phrase_of_another_language_is_found() -> None:
    english = STRINGS["quality_legend"]["en"]
    found = foreign_phrases(_pdf(f"<p>Anexo metodológico.</p><p>{english}</p>"), "es")
    assert found == [english]
    assert foreign_phrases(_pdf("<p>Anexo metodológico</p>"), "es") == []


def test_a_name_read_twice_in_a_row_or_left_at_a_page_foot_is_found() -> None:
    # pages 1 and 2 are the report's cover and contents, not checked for names
    pages = "<p style='break-after: page'>portada</p><p style='break-after: page'>índice</p>"
    name = "<p style='font-weight: bold; font-size: 8.5pt'>{}</p>"
    repeated = f"<h3>Estados</h3><p>Una frase.</p>{name.format('Estados')}<p>fila</p>"
    assert [(p.page, p.kind, p.text) for p in layout_problems(_pdf(pages + repeated))] == [
        (3, "repeated", "Estados")
    ]
    alone = f"<div style='height: 245mm'></div>{name.format('Leyenda')}<p>fila</p>"
    assert [(p.page, p.kind) for p in layout_problems(_pdf(pages + alone))] == [(3, "alone")]
    # a name with its text on the page, and different names in a row, are no problem
    fine = f"<h3>Estados</h3>{name.format('Municipios')}<p>fila</p>"
    assert layout_problems(_pdf(pages + fine)) == []


def test_a_nearly_empty_page_where_a_section_goes_on_is_found() -> None:
    # the report's sections (h2, 15 pt bold) each start a page; page 4 holds only the notes of
    # the table filling page 3, as the French state report's comparison table once did
    front = "<p style='break-after: page'>portada</p><p>índice</p>"
    section = "<h2 style='font-size: 15pt; break-before: page'>{}</h2><p>Texto.</p>"
    table = "<div style='height: 230mm; border: 1pt solid #999; break-inside: avoid'>tabla</div>"
    notes = "<p>Calidad de la estimación: * moderada.</p>"
    pdf = _pdf(front + section.format("Resultados") + table + notes + section.format("Anexo"))
    problems = layout_problems(pdf)
    assert [(p.page, p.kind) for p in problems] == [(4, "empty")]
    assert problems[0].text.startswith("1% filled: Calidad de la estimación")
    # a table a little shorter: its notes on its page, nothing to find
    short = table.replace("230mm", "220mm") + notes
    pdf = _pdf(front + section.format("Resultados") + short + section.format("Anexo"))
    assert layout_problems(pdf) == []


def test_the_cover_contents_a_whole_short_section_and_the_last_page_are_not_empty_pages() -> None:
    front = "<p style='break-after: page'>portada</p><p>índice</p>"
    section = "<h2 style='font-size: 15pt; break-before: page'>{}</h2><p>{}</p>"
    full = "<div style='height: 220mm'></div><p>Pie de la sección.</p>"
    pdf = _pdf(
        front
        + section.format("Soborno", "Una tabla corta.")  # a page of its own, by design
        + section.format("Resultados", "Texto.")
        + full  # a page filled down to its foot
        + section.format("Anexo", "Fin.")  # the last page
    )
    assert layout_problems(pdf) == []
    # a section's heading and a line, the rest on the next page: that page is left nearly empty
    left = section.format("Resultados", "Texto.") + "<div style='break-before: page'>resto</div>"
    pdf = _pdf(front + left + full + section.format("Anexo", "Fin."))
    assert [(p.page, p.kind) for p in layout_problems(pdf)] == [(3, "empty")]
