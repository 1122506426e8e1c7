"""Forms of the observatory pages (uploads; the report choices are plain GET parameters)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SubmitField


class PoliceUploadForm(FlaskForm):
    file = FileField(
        "CSV file of police-recorded crime",
        validators=[FileRequired("Choose a CSV file of police-recorded crime to upload.")],
    )
    submit = SubmitField("Upload police records")


class CensusUploadForm(FlaskForm):
    file = FileField(
        "CSV file of census population totals",
        validators=[FileRequired("Choose a CSV file of population totals to upload.")],
    )
    submit = SubmitField("Upload population totals")
