"""Status reports: HTML from Jinja templates with print CSS, SVG charts, PDF by WeasyPrint.

See ``analysis/docs/report.md``.
"""

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
