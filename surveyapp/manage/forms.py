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
    TextAreaField,
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

from ..i18n import LANGUAGE_NAMES
from ..models import Mode, Role, WaveStatus
from ..security import direction_control
from ..services.waves import clean_support_note, support_note_field, support_note_problem
from ..staff_texts import lazy, page_language, st


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
            raise ValueError(st("date_like", label=str(self.label.text))) from None


class ListField(SelectField):
    """A drop-down list whose refusal of a value not in it is in the staff language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("invalid_value_message", lazy("not_listed"))
        kwargs.setdefault("invalid_choice_message", lazy("not_listed"))
        super().__init__(*args, **kwargs)


class MultipleListField(SelectMultipleField):
    """A list of many choices whose refusal of a value not in it is in the staff language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("invalid_value_message", lazy("not_listed"))
        kwargs.setdefault("invalid_choice_message", lazy("values_not_listed"))
        super().__init__(*args, **kwargs)


class MultiCheckboxField(MultipleListField):
    """A list of checkboxes (one per choice) inside a fieldset."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def at_most(n: int) -> Length:
    """At most ``n`` characters, said in the staff language (WTForms' own message is English)."""
    return Length(max=n, message=lazy("at_most"))


def no_direction_control(form: FlaskForm, field: Field) -> None:
    """Refuse a character that would reorder the page around the text (a wave name in a
    heading with its status badge): :func:`security.direction_control`."""
    char = direction_control(field.data or "")
    if char is not None:
        raise ValidationError(st("direction_control", char=char))


class WaveForm(FlaskForm):
    name = StringField(
        lazy("name"),
        validators=[DataRequired(lazy("enter_wave_name")), at_most(200), no_direction_control],
    )
    slug = StringField(lazy("slug_label"), validators=[Optional(), at_most(64)])
    instrument_version = ListField(
        lazy("questionnaire"), coerce=int, validators=[InputRequired(lazy("choose_questionnaire"))]
    )
    reference_start = DateInput(
        lazy("reference_start"), validators=[InputRequired(lazy("enter_reference_start"))]
    )
    reference_end = DateInput(
        lazy("reference_end"), validators=[InputRequired(lazy("enter_reference_end"))]
    )
    fieldwork_start = DateInput(lazy("fieldwork_start"), validators=[Optional()])
    fieldwork_end = DateInput(lazy("fieldwork_end"), validators=[Optional()])
    languages = MultiCheckboxField(lazy("languages"), validators=[Optional()])
    modes = MultiCheckboxField(
        lazy("modes"),
        choices=choices(
            [
                (Mode.web.value, lazy("mode_web_choice")),
                (Mode.tablet.value, lazy("mode_tablet_choice")),
            ]
        ),
        validators=[DataRequired(lazy("choose_mode"))],
    )
    areas = MultiCheckboxField(lazy("areas_covered"), coerce=int, validators=[Optional()])
    invitation_required = BooleanField(lazy("invitation_required"), default=True)
    public_report = BooleanField(lazy("public_report"))
    submit = SubmitField(lazy("create_wave"))


def support_note_rule(form: FlaskForm, field: Field) -> None:
    """The service's rule for a support note (services/waves.py), said at its box."""
    problem = support_note_problem(clean_support_note(field.data))
    if problem is not None:
        raise ValidationError(problem.text(page_language()))


class SupportNotesForm(FlaskForm):
    """A wave's support contacts; :func:`with_support_notes` adds a box per language."""

    submit = SubmitField(lazy("save_support_notes"))


def with_support_notes(form_class: type[FlaskForm], languages: Iterable[str]) -> type[FlaskForm]:
    """``form_class`` with a text box ``support_note_<language>`` per language, labelled with
    the language's own name ("Español"; a code the app has no name for stays a code)."""
    fields = {
        support_note_field(lang): TextAreaField(
            LANGUAGE_NAMES.get(lang, lang), validators=[support_note_rule], render_kw={"rows": 4}
        )
        for lang in languages
    }
    return type(form_class.__name__, (form_class,), fields)


def support_note_fields(form: FlaskForm, languages: Iterable[str]) -> list[Any]:
    """The support note boxes of ``form``, in the order of ``languages``."""
    return [form[support_note_field(lang)] for lang in languages]


def support_notes_of(form: FlaskForm, languages: Iterable[str]) -> dict[str, str | None]:
    """What was typed in each language's box, for the service."""
    return {lang: form[support_note_field(lang)].data for lang in languages}


def status_choices(statuses: Iterable[WaveStatus]) -> list[SelectChoice]:
    """A wave's statuses in words of the staff language, capitalized."""
    return choices((s.value, st(f"wave_{s.value}").capitalize()) for s in statuses)


class StatusForm(FlaskForm):
    status = ListField(
        lazy("new_status"), choices=[SelectChoice(s.value, s.value) for s in WaveStatus]
    )
    submit = SubmitField(lazy("change_status"))


class IntegerInput(IntegerField):
    """An integer field whose parse error names the field in the staff language."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(st("whole_number", label=str(self.label.text))) from None


class SampleUploadForm(FlaskForm):
    file = FileField(lazy("sample_file"), validators=[FileRequired(lazy("choose_csv"))])
    allow_partial = BooleanField(lazy("allow_partial"))
    submit = SubmitField(lazy("import_sample"))


class AreaUploadForm(FlaskForm):
    file = FileField(lazy("areas_file"), validators=[FileRequired(lazy("choose_csv"))])
    submit = SubmitField(lazy("add_areas"))


class CodesForm(FlaskForm):
    expires_days = IntegerInput(
        lazy("expires_days"),
        default=0,
        validators=[InputRequired(lazy("enter_days")), IntegerRange(0, 3650, lazy("days_range"))],
    )
    replace = BooleanField(lazy("replace_codes"))
    # the route proposes analysis.i18n.list_separator of the staff language
    separator = ListField(
        lazy("csv_separator"),
        choices=choices([(";", lazy("separator_semicolon")), (",", lazy("separator_comma"))]),
    )
    submit = SubmitField(lazy("generate_codes"))


def role_choices() -> list[SelectChoice]:
    """Every role, named in the staff language when shown."""
    return choices((r.value, lazy(f"role_{r.value}")) for r in Role)


def temporary_password_field() -> PasswordField:
    """A password someone sets for another person (a new user, a reset): one rule for both."""
    return PasswordField(
        lazy("temporary_password"),
        validators=[
            DataRequired(lazy("enter_temporary")),
            Length(min=10, max=200, message=lazy("password_length")),
        ],
    )


def repeat_password_field() -> PasswordField:
    return PasswordField(
        lazy("repeat_the_password"), validators=[EqualTo("password", lazy("passwords_differ"))]
    )


class UserForm(FlaskForm):
    email = EmailField(
        lazy("email"), validators=[DataRequired(lazy("enter_an_email")), at_most(254)]
    )
    name = StringField(
        lazy("full_name"),
        validators=[DataRequired(lazy("enter_person_name")), at_most(200), no_direction_control],
    )
    role = ListField(lazy("role"), choices=role_choices())
    area = ListField(lazy("limited_to_area"), coerce=int, default=0)
    password = temporary_password_field()
    confirm = repeat_password_field()
    submit = SubmitField(lazy("create_user"))


class TemporaryPasswordForm(FlaskForm):
    """An administrator sets a new password for someone (who must change it at next login)."""

    password = temporary_password_field()
    confirm = repeat_password_field()
    submit = SubmitField(lazy("set_temporary_password"))


class RoleForm(FlaskForm):
    role = ListField(lazy("role"), choices=role_choices())
    submit = SubmitField(lazy("change_role"))


class ScopeForm(FlaskForm):
    area = ListField(lazy("limited_to_area"), coerce=int)
    submit = SubmitField(lazy("change_area"))


def area_choices(areas: Iterable[tuple[int, str]]) -> list[SelectChoice]:
    """ "No limit" (0) and then each area by its path."""
    return choices([(0, st("all_areas_no_limit")), *areas])


class ActiveForm(FlaskForm):
    """Deactivate or reactivate; the route reads which from the user's state."""

    submit = SubmitField(lazy("change"))


def field_errors(form: FlaskForm, field: str, message: str) -> None:
    """Attach a service error to the form field it concerns (or the form's first field)."""
    target: Any = getattr(form, field, None)
    if target is None:
        target = next(iter(form))
    target.errors = [*list(target.errors), message]
