"""Login and the CSRF-only form used by action buttons (labels in the staff language)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, EqualTo, Length

from ..staff_texts import lazy


class LoginForm(FlaskForm):
    email = EmailField(
        lazy("email"), validators=[DataRequired(lazy("enter_email")), Length(max=254)]
    )
    password = PasswordField(
        lazy("password"), validators=[DataRequired(lazy("enter_password")), Length(max=1000)]
    )
    remember = BooleanField(lazy("remember"))
    next = HiddenField()
    submit = SubmitField("Log in")


class EmptyForm(FlaskForm):
    """No fields: only the CSRF token, for POST buttons (logout, deactivate...)."""

    submit = SubmitField("Submit")


class PasswordForm(FlaskForm):
    current = PasswordField(
        lazy("current_password"), validators=[DataRequired(lazy("enter_current"))]
    )
    new = PasswordField(
        lazy("new_password"),
        validators=[
            DataRequired(lazy("enter_new")),
            Length(min=10, message=lazy("new_too_short")),
            Length(max=200, message=lazy("new_too_long")),
        ],
    )
    confirm = PasswordField(
        lazy("repeat_password"),
        validators=[EqualTo("new", lazy("no_match_passwords"))],
    )
    submit = SubmitField("Change password")


class CodeForm(FlaskForm):
    """A code from the authenticator app, or a recovery code."""

    code = StringField(
        lazy("code"),
        validators=[DataRequired(lazy("enter_code")), Length(max=40)],
    )
    submit = SubmitField("Continue")


class DisableTwoFactorForm(FlaskForm):
    password = PasswordField(
        lazy("your_password"), validators=[DataRequired(lazy("enter_password")), Length(max=1000)]
    )
    submit = SubmitField("Turn off two-factor authentication")
