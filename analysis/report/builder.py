"""Build a status report: sections from the numbers, HTML from Jinja templates, PDF by WeasyPrint."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO

import jinja2
from markupsafe import Markup

from analysis.report.context import Formatter, Lookup, Section
from analysis.report.data import Area, ReportData
from analysis.report.i18n import Translator
from analysis.report.sections import SectionWriter
from analysis.report.withheld import area_withheld, collapse_withheld, withheld_warning

__all__ = ["Report", "build_report", "render_html"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
Progress = Callable[[str, float], None]
_ALWAYS = frozenset({"highlights", "perceived_actual", "methodology"})  # shown even when empty


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["svg"] = lambda text: Markup(text)  # charts are our own matplotlib output
    env.filters["css_string"] = _css_string
    return env


def _css_string(text: str) -> Markup:
    """A quoted CSS string (for page headers): backslashes, quotes and line ends escaped."""
    escaped = "".join(
        ch if ch.isalnum() or ch in " .,·:;-–—()/'" else f"\\{ord(ch):x} " for ch in str(text)
    )
    return Markup(f'"{escaped}"')


@dataclass(frozen=True)
class Report:
    """A rendered report: standalone ``html`` (CSS inline, charts as inline SVG) and its PDF."""

    html: str
    language: str
    public: bool
    title: str
    #: what whoever asked for the report should know before publishing it, in its language
    #: (most of the area's estimates withheld: ``analysis.report.withheld``)
    warnings: tuple[str, ...] = ()
    _pdf: list[bytes] = field(default_factory=list, repr=False, compare=False)

    def pdf_bytes(self) -> bytes:
        """The PDF (A4, print CSS) rendered by WeasyPrint (once; later calls reuse it).

        A tagged PDF: headings, paragraphs, lists, tables with their header cells, and each
        chart a ``Figure`` whose alternative text is the chart described in words
        (``charts.describe``), so screen readers read it in order and in its language (the
        document's ``/Lang``); publication rules for public bodies ask for it."""
        if not self._pdf:
            import weasyprint  # heavy import, only when a PDF is asked for

            document = weasyprint.HTML(string=self.html, base_url=str(TEMPLATES))
            self._pdf.append(bytes(document.write_pdf(pdf_tags=True)))
        return self._pdf[0]

    def to_pdf(self, target: str | os.PathLike[str] | IO[bytes]) -> None:
        """Write the PDF to a path or a binary file object."""
        data = self.pdf_bytes()
        if isinstance(target, str | os.PathLike):
            Path(target).write_bytes(data)
        else:
            target.write(data)


def _level_name(t: Translator, area: Area) -> str:
    return t("level_country" if area.level == "national" else f"level_{area.level}")


def render_html(
    t: Translator, public: bool, cover: Mapping[str, object], sections: list[Section]
) -> str:
    """The report's HTML from its cover facts and sections (``cover["header"]``, when given,
    is the running page header instead of area and wave)."""
    return (
        _environment()
        .get_template("report.html")
        .render(
            t=t,
            lang=t.language,
            public=public,
            cover=cover,
            sections=sections,
            css=Markup((TEMPLATES / "report.css").read_text(encoding="utf-8")),
        )
    )


def build_report(
    data: ReportData,
    *,
    language: str = "es",
    public: bool = True,
    progress: Progress | None = None,
    generated: dt.date | None = None,
) -> Report:
    """Build the status report of ``data.area`` for ``data.wave``.

    Parameters
    ----------
    data : ReportData
        The numbers (indicator tables, comparisons, police records, odds
        ratios) and the methodology.
    language : {"es", "en", "pt", "fr"}
        Language of headings, sentences and labels.
    public : bool
        A public report never shows an estimate flagged ``suppressed`` (a dash
        and a footnote instead, in tables, charts and sentences); an internal
        report shows it marked ``‡``.
    progress : callable, optional
        Called as ``progress(step, fraction_done)`` after each section.
    generated : date, optional
        Date printed on the cover (default today).

    Returns
    -------
    Report
        ``.html``; ``.pdf_bytes()`` and ``.to_pdf(path_or_file)`` render the PDF;
        ``.warnings``: sentences to show whoever asked for it (most of the area's
        estimates withheld by the quality rules; an internal edition, which shows them,
        says this of the public edition).
    """
    t = Translator(language)
    fmt = Formatter(t, Lookup(data.indicators.head(1), public).level, public)
    writer = SectionWriter(data, fmt, public)
    steps: list[tuple[str, Callable[[], Section | None]]] = [
        ("highlights", writer.highlights),
        ("prevalence", writer.prevalence),
        ("crime_types", writer.crime_types),
        ("reporting", writer.reporting),
        ("perception", writer.perception),
        ("perceived_actual", writer.perceived_actual),
        ("maps", writer.maps),
        ("media", writer.media),
        ("youth", writer.youth),
        ("trust", writer.trust),
        ("avoidance", writer.avoidance),
        ("coexistence", writer.coexistence),
        ("bribery", writer.bribery),
        ("tables", writer.tables),
        ("subareas", writer.subareas),
        ("methodology", writer.methodology),
    ]
    withheld = area_withheld(data.indicators, data.area, data.methodology.rules)
    sections: list[Section] = []
    for k, (name, make) in enumerate(steps):
        section = make()
        # a table of dashes becomes a sentence saying why; its section stays to say it
        said = section is not None and collapse_withheld(section, t, withheld)
        if section is not None and (
            said or section.blocks or section.subsections or section.id in _ALWAYS
        ):
            sections.append(section)
        if progress is not None:
            progress(name, (k + 1) / (len(steps) + 1))
    title = t("title")
    cover = {
        "title": title,
        "area": data.area.name,
        "area_level": _level_name(t, data.area),
        "parents": [f"{a.name} ({_level_name(t, a)})" for a in (data.state, data.country) if a],
        "wave": data.wave.name,
        "reference_period": t.period(data.wave.reference_period),
        "fieldwork": t.period(data.wave.fieldwork),
        "previous_wave": data.previous_wave.name if data.previous_wave else "",
        "edition": t("edition_public") if public else t("edition_internal"),
        "generated": t.date(generated or dt.date.today()),
    }
    html = render_html(t, public, cover, sections)
    if progress is not None:
        progress("html", 1.0)
    warning = withheld_warning(t, withheld, public=public)
    return Report(
        html=html,
        language=language,
        public=public,
        title=f"{title} — {data.area.name}",
        warnings=(warning,) if warning else (),
    )
