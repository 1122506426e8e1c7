"""Login and the CSRF-only form used by action buttons."""

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


class LoginForm(FlaskForm):
    email = EmailField(
        "Email address", validators=[DataRequired("Enter your email address."), Length(max=254)]
    )
    password = PasswordField(
        "Password", validators=[DataRequired("Enter your password."), Length(max=1000)]
    )
    remember = BooleanField("Keep me logged in on this device")
    next = HiddenField()
    submit = SubmitField("Log in")


class EmptyForm(FlaskForm):
    """No fields: only the CSRF token, for POST buttons (logout, deactivate...)."""

    submit = SubmitField("Submit")


class PasswordForm(FlaskForm):
    current = PasswordField(
        "Current password", validators=[DataRequired("Enter your current password.")]
    )
    new = PasswordField(
        "New password",
        validators=[
            DataRequired("Enter a new password."),
            Length(min=10, message="The new password must have at least 10 characters."),
            Length(max=200, message="The new password must have at most 200 characters."),
        ],
    )
    confirm = PasswordField(
        "Repeat the new password",
        validators=[EqualTo("new", "The two new passwords do not match.")],
    )
    submit = SubmitField("Change password")


class CodeForm(FlaskForm):
    """A code from the authenticator app, or a recovery code."""

    code = StringField(
        "Code",
        validators=[DataRequired("Enter the code from your app."), Length(max=40)],
    )
    submit = SubmitField("Continue")


class DisableTwoFactorForm(FlaskForm):
    password = PasswordField(
        "Your password", validators=[DataRequired("Enter your password."), Length(max=1000)]
    )
    submit = SubmitField("Turn off two-factor authentication")
