"""XLSForm (KoboToolbox, ODK) import and export; see questionnaires/docs/xlsform.md."""

from .errors import XLSFormError, XLSFormWarning
from .exporter import export_workbook, export_xlsform
from .importer import ImportResult, import_xlsform

#: The name the rest of the project uses for an import warning.
ImportWarning = XLSFormWarning  # noqa: A001

__all__ = [
    "ImportResult",
    "ImportWarning",
    "XLSFormError",
    "XLSFormWarning",
    "export_workbook",
    "export_xlsform",
    "import_xlsform",
]
