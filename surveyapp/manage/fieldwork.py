"""Management of field work: assigning a wave's units to interviewers, and device tokens.

Issue 9 builds full supervision; these pages are the minimum the interviewer app needs:
a bulk assignment per area and the list of a person's devices with a Revoke button.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from sqlalchemy.orm import selectinload
from wtforms import IntegerField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from ..auth.decorators import role_required
from ..extensions import db
from ..models import ApiToken, Area, Mode, Role, SampleUnit, User, utcnow
from ..models.base import MAX_ID
from ..services import fieldwork
from ..services.areas import area_path
from ..services.fieldwork import AssignmentError
from ..services.outside_area import assigned_outside_area
from ..staff_texts import lazy, service_message, st, staff_counted
from .forms import IntegerRange, ListField, choices
from .routes import MANAGER_ROLES, _me, _scope, _user_or_404, _wave_or_404, bp

#: Households held outside their interviewer's area listed on the assignment page (all counted).
OUTSIDE_SHOWN = 200


class AssignForm(FlaskForm):
    interviewer = ListField(lazy("interviewer"), coerce=int)
    area = ListField(lazy("units_of"), coerce=int, default=0)
    submit = SubmitField(lazy("assign_unassigned"))


class ReassignForm(FlaskForm):
    """One household to another interviewer (fields prefixed ``re-``: the page has both forms)."""

    unit = StringField(lazy("household_id"), validators=[Length(max=200)])
    interviewer = ListField(lazy("reassign_to"), coerce=int)
    submit = SubmitField(lazy("reassign_submit"))


class RevokeForm(FlaskForm):
    token_id = IntegerField(
        validators=[InputRequired(), IntegerRange(1, MAX_ID, lazy("choose_device"))]
    )
    submit = SubmitField(lazy("revoke"))


def _field_workers() -> list[User]:
    """The people households may be given to (services.fieldwork.can_be_assigned)."""
    return list(
        db.session.scalars(
            sa.select(User)
            .where(User.active.is_(True), User.role.in_(fieldwork.ASSIGNABLE_ROLES))
            .options(selectinload(User.area))
            .order_by(User.name)
        )
    )


def _area_label(area: Area | None) -> str:
    return f"{area_path(area)} – {area.name}" if area is not None else "–"


def _people_choices(people: list[User]) -> list[SelectChoice]:
    """Each person as ``Name (email)``, then ``Supervisor`` for a supervisor and the area of
    someone limited to one: who is who, and where they may work."""

    def label(user: User) -> str:
        parts = [f"{user.name} ({user.email})"]
        if user.role is not Role.interviewer:
            parts.append(st(f"role_{user.role.value}"))
        if user.area is not None:
            parts.append(f"{area_path(user.area)} – {user.area.name}")
        return " · ".join(parts)

    return choices((u.id, label(u)) for u in people)


@bp.route("/waves/<int:wave_id>/assign", methods=["GET", "POST"])
@role_required(*MANAGER_ROLES)
def field_assign(wave_id: int) -> ResponseReturnValue:
    """Assign the wave's unassigned units of an area (or all) to an interviewer, in bulk; the
    form to reassign one household posts to :func:`field_reassign`."""
    scope = _scope()
    wave = _wave_or_404(wave_id, scope)
    people = _field_workers()
    unit_areas = [
        a
        for a in db.session.scalars(
            sa.select(Area).where(
                Area.id.in_(sa.select(SampleUnit.area_id).where(SampleUnit.wave_id == wave.id))
            )
        )
        if scope.allows(a.id)
    ]
    form = AssignForm()
    form.interviewer.choices = _people_choices(people)
    form.area.choices = choices(
        [
            (0, st("every_area") if not scope.limited else st("every_area_yours")),
            *sorted(((a.id, f"{area_path(a)} – {a.name}") for a in unit_areas), key=lambda c: c[1]),
        ]
    )
    if form.validate_on_submit():
        interviewer = next((u for u in people if u.id == form.interviewer.data), None)
        area = next((a for a in unit_areas if a.id == form.area.data), None)
        if interviewer is None:
            flash(st("choose_interviewer"), "error")
        else:
            try:
                done = fieldwork.assign_units(
                    db.session, wave, interviewer, by=_me(), area=area, within=scope.area_ids
                )
            except AssignmentError as exc:
                db.session.rollback()
                flash(service_message(exc), "error")
            else:
                db.session.commit()
                flash(staff_counted("units_assigned", len(done), name=interviewer.name), "success")
                return redirect(url_for("manage.field_assign", wave_id=wave_id))
    elif form.is_submitted():
        flash(st("choose_interviewer_area"), "error")
    reassign = ReassignForm(prefix="re", formdata=None)
    reassign.interviewer.choices = _people_choices(people)
    query = (
        sa.select(User, sa.func.count(SampleUnit.id))
        .join(SampleUnit, SampleUnit.assigned_to_id == User.id)
        .where(SampleUnit.wave_id == wave.id)
        .group_by(User.id)
        .order_by(User.name)
    )
    unassigned = sa.select(sa.func.count(SampleUnit.id)).where(
        SampleUnit.wave_id == wave.id, SampleUnit.assigned_to_id.is_(None)
    )
    if scope.area_ids is not None:
        query = query.where(SampleUnit.area_id.in_(sorted(scope.area_ids)))
        unassigned = unassigned.where(SampleUnit.area_id.in_(sorted(scope.area_ids)))
    return render_template(
        "manage/assign.html",
        wave=wave,
        form=form,
        reassign=reassign,
        assigned=db.session.execute(query).all(),
        unassigned=db.session.scalar(unassigned) or 0,
        tablet=wave.allows(Mode.tablet),
        outside=[
            (
                row.unit.external_id,
                _area_label(row.unit.area),
                row.holder,
                _area_label(row.holder.area),
            )
            for row in assigned_outside_area(db.session, wave=wave, within=scope.area_ids)
        ],
        outside_shown=OUTSIDE_SHOWN,
    )


@bp.route("/waves/<int:wave_id>/reassign", methods=["POST"])
@role_required(*MANAGER_ROLES)
def field_reassign(wave_id: int) -> ResponseReturnValue:
    """Give one household of the wave (within the user's areas) to another interviewer; back
    to the assignment page, saying what was done or what is wrong."""
    scope = _scope()
    wave = _wave_or_404(wave_id, scope)
    people = _field_workers()
    form = ReassignForm(prefix="re")
    form.interviewer.choices = _people_choices(people)
    back = redirect(url_for("manage.field_assign", wave_id=wave_id, _anchor="reassign"))
    interviewer = next((u for u in people if u.id == form.interviewer.data), None)
    if not form.validate_on_submit() or interviewer is None:
        flash(st("choose_interviewer") if interviewer is None else st("form_expired"), "error")
        return back
    try:
        done = fieldwork.reassign_unit(
            db.session, wave, form.unit.data or "", interviewer, by=_me(), within=scope.area_ids
        )
    except AssignmentError as exc:
        db.session.rollback()
        flash(service_message(exc), "error")
        return back
    db.session.commit()
    unit, name = done.unit.external_id, interviewer.name
    if done.previous is None:
        flash(st("unit_assigned_one", unit=unit, name=name), "success")
    else:
        flash(st("unit_reassigned", unit=unit, previous=done.previous.name, name=name), "success")
    if done.sent is not None and done.previous is not None:
        status = st(f"status_{done.sent.value}")
        flash(
            st(
                "reassign_interview_held",
                unit=unit,
                previous=done.previous.name,
                status=status,
                name=name,
            ),
            "warning",
        )
    return back


@bp.route("/users/<int:user_id>/devices")
@role_required(*MANAGER_ROLES)
def user_devices(user_id: int) -> ResponseReturnValue:
    """A person's interviewer-app devices, each once (its logins grouped by the device's name),
    the latest login first, with a Revoke button."""
    user = _user_or_404(user_id)
    return render_template(
        "manage/devices.html",
        person=user,
        devices=fieldwork.user_devices(db.session, user),
        form=RevokeForm(),
        now=utcnow(),
    )


@bp.route("/users/<int:user_id>/devices/revoke", methods=["POST"])
@role_required(*MANAGER_ROLES)
def revoke_device(user_id: int) -> ResponseReturnValue:
    """End one device of the person, every usable token of it (the app must log in again with
    a network)."""
    user = _user_or_404(user_id)
    form = RevokeForm()
    token = None
    if form.validate_on_submit() and form.token_id.data is not None:
        token = db.session.scalar(
            sa.select(ApiToken).where(
                ApiToken.id == form.token_id.data, ApiToken.user_id == user.id
            )
        )
    if token is None:
        flash(st("choose_device"), "error")
    elif not fieldwork.revoke_device(db.session, token, by=_me()):
        flash(st("device_already_revoked", label=token.label), "info")
    else:
        db.session.commit()
        flash(st("device_logged_out", label=token.label), "success")
    return redirect(url_for("manage.user_devices", user_id=user_id))
