"""Status reports: HTML from Jinja templates with print CSS, SVG charts, PDF by WeasyPrint.

See ``analysis/docs/report.md``. The names below are imported on first access, as in
``analysis/__init__.py``: a module of plain tables here (``not_asked``, ``i18n``) must not
load the builder's chart and PDF libraries, which the management pages would otherwise
wait for on their first request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis._lazy import lazy_names

if TYPE_CHECKING:  # the lazy names, for type checkers and editors
    from analysis.report.builder import Report, build_report
    from analysis.report.data import Area, GroupSpec, Methodology, ReportData, Wave
    from analysis.report.i18n import LANGUAGES

__all__ = [
    "LANGUAGES",
    "Area",
    "GroupSpec",
    "Methodology",
    "Report",
    "ReportData",
    "Wave",
    "build_report",
]

_HOMES = {
    "LANGUAGES": "analysis.report.i18n",
    "Area": "analysis.report.data",
    "GroupSpec": "analysis.report.data",
    "Methodology": "analysis.report.data",
    "Report": "analysis.report.builder",
    "ReportData": "analysis.report.data",
    "Wave": "analysis.report.data",
    "build_report": "analysis.report.builder",
}


__getattr__, __dir__ = lazy_names(__name__, _HOMES)
