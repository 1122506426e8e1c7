"""Read API tokens (``/api/v1``): administrators create, scope and revoke them here.

The plain token is shown once, on the page that answers the creation; only its hash is
kept. Both actions are audited by :mod:`surveyapp.services.read_tokens`.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, SubmitField
from wtforms.validators import DataRequired

from ..auth.decorators import role_required
from ..extensions import db
from ..models import Area, ReadToken, TokenScope
from ..services import read_tokens
from ..staff_texts import lazy, service_message, st
from .forms import ListField, MultipleListField, at_most, choices, field_errors
from .routes import _area_paths, _me, bp

#: Requests made with tokens listed on the page (the audit log keeps them all).
USES_SHOWN = 100


class TokenForm(FlaskForm):
    name = StringField(
        lazy("name"),
        validators=[DataRequired(lazy("name_the_token")), at_most(read_tokens.MAX_NAME)],
    )
    scope = ListField(
        lazy("scope"),
        choices=choices(
            [
                ("public", lazy("scope_public_choice")),
                ("internal", lazy("scope_internal_choice")),
            ]
        ),
        default="public",
    )
    areas = MultipleListField(lazy("limited_to_areas"), coerce=int)
    microdata = BooleanField(lazy("may_download_microdata"))
    submit = SubmitField(lazy("create_token"))


class RevokeTokenForm(FlaskForm):
    submit = SubmitField(lazy("revoke"))


def _page(form: TokenForm, *, plain: str | None = None, status: int = 200) -> ResponseReturnValue:
    return render_template(
        "manage/tokens.html",
        form=form,
        tokens=read_tokens.list_tokens(db.session),
        revoke_form=RevokeTokenForm(),
        plain=plain,
        uses=read_tokens.recent_uses(db.session, limit=USES_SHOWN),
    ), status


def _form() -> TokenForm:
    form = TokenForm()
    form.areas.choices = choices(_area_paths())
    return form


@bp.route("/tokens", methods=["GET", "POST"])
@role_required()
def tokens() -> ResponseReturnValue:
    """Every read token, and the form that creates one (its plain text is shown once)."""
    form = _form()
    if not form.validate_on_submit():
        return _page(form, status=400 if form.is_submitted() else 200)
    chosen = [db.session.get(Area, ident) for ident in form.areas.data or []]
    try:
        token, plain = read_tokens.create_token(
            db.session,
            name=form.name.data or "",
            scope=TokenScope(form.scope.data),
            areas=[a for a in chosen if a is not None],
            may_download_microdata=bool(form.microdata.data),
            by=_me(),
        )
    except read_tokens.ReadTokenError as exc:
        db.session.rollback()
        field_errors(form, exc.field, service_message(exc))
        return _page(form, status=400)
    db.session.commit()
    flash(st("token_created", prefix=token.prefix, name=token.name), "success")
    return _page(_form(), plain=plain)


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
@role_required()
def revoke_token(token_id: int) -> ResponseReturnValue:
    """Refuse the token from now on (it cannot be turned on again: create a new one)."""
    form = RevokeTokenForm()
    token = db.session.get(ReadToken, token_id)
    if token is None:
        flash(st("choose_token"), "error")
    elif not form.validate_on_submit():
        flash(st("form_had_expired"), "error")
    elif read_tokens.revoke_token(db.session, token, by=_me()):
        db.session.commit()
        flash(st("token_revoked", prefix=token.prefix, name=token.name), "success")
    else:
        flash(st("token_already_revoked", prefix=token.prefix), "info")
    return redirect(url_for("manage.tokens"))
