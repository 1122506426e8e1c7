"""Forms of the management pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    Field,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    EqualTo,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from ..models import Mode, Role, WaveStatus


def choices(pairs: Iterable[tuple[object, str]]) -> list[SelectChoice]:
    """WTForms choices from (value, label) pairs (tuples are deprecated in WTForms 3.3)."""
    return [SelectChoice(str(value), label) for value, label in pairs]


class IntegerRange:
    """Like WTForms' NumberRange for integers, which fails (OverflowError in math.isnan) on huge ones."""

    def __init__(self, low: int, high: int, message: str) -> None:
        self.low, self.high, self.message = low, high, message

    def __call__(self, form: FlaskForm, field: Field) -> None:
        if field.data is None or not self.low <= field.data <= self.high:
            raise ValidationError(self.message)


class DateInput(DateField):
    """A date field whose parse error names the field and shows the expected form."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(f'Enter "{self.label.text}" as a date like 2025-12-31.') from None


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes (one per choice) inside a fieldset."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class WaveForm(FlaskForm):
    name = StringField(
        "Name", validators=[DataRequired("Enter a name for the wave."), Length(max=200)]
    )
    slug = StringField("Link name (optional)", validators=[Optional(), Length(max=64)])
    instrument_version = SelectField(
        "Questionnaire", coerce=int, validators=[InputRequired("Choose a questionnaire.")]
    )
    reference_start = DateInput(
        "Reference period starts",
        validators=[InputRequired("Enter the first day of the reference period as a date.")],
    )
    reference_end = DateInput(
        "Reference period ends",
        validators=[InputRequired("Enter the last day of the reference period as a date.")],
    )
    fieldwork_start = DateInput("Field work starts (optional)", validators=[Optional()])
    fieldwork_end = DateInput("Field work ends (optional)", validators=[Optional()])
    languages = MultiCheckboxField("Languages", validators=[Optional()])
    modes = MultiCheckboxField(
        "Modes",
        choices=choices(
            [
                (Mode.web.value, "Web (respondents answer themselves)"),
                (Mode.tablet.value, "Tablet (face-to-face interviewers)"),
            ]
        ),
        validators=[DataRequired("Choose at least one mode.")],
    )
    areas = MultiCheckboxField("Areas covered", coerce=int, validators=[Optional()])
    invitation_required = BooleanField(
        "Respondents need an invitation code to answer on the web", default=True
    )
    public_report = BooleanField("Results of this wave may be published")
    submit = SubmitField("Create wave")


class StatusForm(FlaskForm):
    status = SelectField(
        "New status", choices=choices((s.value, s.value.capitalize()) for s in WaveStatus)
    )
    submit = SubmitField("Change status")


class SampleUploadForm(FlaskForm):
    file = FileField(
        "CSV file of sample units", validators=[FileRequired("Choose a CSV file to upload.")]
    )
    allow_partial = BooleanField("Import the correct rows even if some rows have errors")
    submit = SubmitField("Import sample units")


class AreaUploadForm(FlaskForm):
    file = FileField("CSV file of areas", validators=[FileRequired("Choose a CSV file to upload.")])
    submit = SubmitField("Add areas")


class CodesForm(FlaskForm):
    expires_days = IntegerField(
        "Codes expire after (days, 0 for never)",
        default=0,
        validators=[
            InputRequired("Enter a number of days."),
            IntegerRange(0, 3650, "Enter a number from 0 to 3650."),
        ],
    )
    replace = BooleanField("Replace the unused codes that were already issued")
    submit = SubmitField("Generate codes and download CSV")


def role_choices() -> list[SelectChoice]:
    return choices((r.value, r.label) for r in Role)


class UserForm(FlaskForm):
    email = EmailField(
        "Email address", validators=[DataRequired("Enter an email address."), Length(max=254)]
    )
    name = StringField(
        "Full name", validators=[DataRequired("Enter the person's name."), Length(max=200)]
    )
    role = SelectField("Role", choices=role_choices())
    area = SelectField("Limited to area", coerce=int, default=0)
    password = PasswordField(
        "Temporary password",
        validators=[
            DataRequired("Enter a temporary password."),
            Length(min=10, max=200, message="The password must have at least 10 characters."),
        ],
    )
    confirm = PasswordField(
        "Repeat the password", validators=[EqualTo("password", "The two passwords do not match.")]
    )
    submit = SubmitField("Create user")


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=role_choices())
    submit = SubmitField("Change role")


class ScopeForm(FlaskForm):
    area = SelectField("Limited to area", coerce=int)
    submit = SubmitField("Change area")


def area_choices(areas: Iterable[tuple[int, str]]) -> list[SelectChoice]:
    """ "No limit" (0) and then each area by its path."""
    return choices([(0, "All areas (no limit)"), *areas])


class ActiveForm(FlaskForm):
    """Deactivate or reactivate; the route reads which from the user's state."""

    submit = SubmitField("Change")


def field_errors(form: FlaskForm, field: str, message: str) -> None:
    """Attach a service error to the form field it concerns (or the form's first field)."""
    target: Any = getattr(form, field, None)
    if target is None:
        target = next(iter(form))
    target.errors = [*list(target.errors), message]
