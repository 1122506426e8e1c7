"""The instrument layer: questionnaire files, their loader, expressions and XLSForm.

No Flask and no database here.
"""
