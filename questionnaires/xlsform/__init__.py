"""XLSForm (KoboToolbox, ODK) import and export; see questionnaires/docs/xlsform.md."""

from .errors import XLSFormError, XLSFormWarning
from .exporter import export_workbook, export_xlsform
from .importer import ImportResult, import_xlsform

__all__ = [
    "ImportResult",
    "XLSFormError",
    "XLSFormWarning",
    "export_workbook",
    "export_xlsform",
    "import_xlsform",
]
