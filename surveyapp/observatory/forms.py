"""Forms of the observatory pages (uploads; the report choices are plain GET parameters).

The upload pages are staff pages: their words are in the staff language
(:mod:`surveyapp.upload_texts`).
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from ..staff_texts import lazy


class PoliceUploadForm(FlaskForm):
    file = FileField(lazy("police_file"), validators=[FileRequired(lazy("choose_police_file"))])
    submit = SubmitField(lazy("upload_police_button"))


class CensusUploadForm(FlaskForm):
    file = FileField(lazy("census_file"), validators=[FileRequired(lazy("choose_census_file"))])
    submit = SubmitField(lazy("upload_census_button"))


class BoundaryUploadForm(FlaskForm):
    level = SelectField(
        lazy("boundary_level"),
        choices=[
            SelectChoice(level, lazy(f"boundary_level_{level}"))
            for level in ("region", "municipality", "country", "neighbourhood")
        ],
        default="region",
        validators=[InputRequired(lazy("choose_boundary_level"))],
    )
    file = FileField(lazy("boundary_file"), validators=[FileRequired(lazy("choose_boundary_file"))])
    submit = SubmitField(lazy("upload_boundaries_button"))
