"""Forms of the observatory pages (uploads; the report choices are plain GET parameters)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired


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


class BoundaryUploadForm(FlaskForm):
    level = SelectField(
        "Level of the areas in the file",
        choices=[
            SelectChoice("region", "States / regions"),
            SelectChoice("municipality", "Municipalities"),
            SelectChoice("country", "Country outline"),
            SelectChoice("neighbourhood", "Neighbourhoods"),
        ],
        default="region",
        validators=[InputRequired("Choose the level of the areas in the file.")],
    )
    file = FileField(
        "GeoJSON file of area boundaries",
        validators=[FileRequired("Choose a GeoJSON file of area boundaries to upload.")],
    )
    submit = SubmitField("Upload boundaries")
