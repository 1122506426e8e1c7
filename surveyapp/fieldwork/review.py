"""Review pages for supervisors and headquarters (``/fieldwork/waves/<id>/review``, ...).

Area-scoped like management: a supervisor limited to an area sees the interviews of its units.
The decisions are services/review.py's; every one is in the audit log.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length

from ..auth.decorators import role_required
from ..extensions import db
from ..models import Interview, ReviewStatus, User, Wave
from ..models.base import MAX_ID, parse_id
from ..services import attempts, review
from ..services.dispositions import aapor_code
from ..services.scope import AreaScope, scope_of
from ..services.users import UserError
from ..staff_texts import lazy, service_message, st
from .routes import bp

#: Who reviews (administrators always may).
REVIEW_ROLES = review.REVIEWERS
#: Who reopens approved interviews.
HQ_ROLES = review.HEADQUARTERS


class DecisionForm(FlaskForm):
    decision = HiddenField()
    comment = TextAreaField(lazy("comment"), validators=[Length(max=2000)])
    # The service checks the code against the questionnaire and says which one is wrong.
    item = SelectField(lazy("item"), default="", validate_choice=False)
    approve = SubmitField(lazy("approve"))
    reject = SubmitField(lazy("reject"))


class ReopenForm(FlaskForm):
    reason = StringField(lazy("reopen_reason"), validators=[Length(max=2000)])
    submit = SubmitField(lazy("reopen"))


def me() -> User:
    user: User = current_user._get_current_object()
    return user


def scope() -> AreaScope:
    return scope_of(db.session, me())


def wave_or_404(wave_id: int, area_scope: AreaScope) -> Wave:
    wave = db.session.get(Wave, wave_id) if 0 < wave_id <= MAX_ID else None
    if wave is None or not area_scope.sees_wave(wave):
        abort(404)
    return wave


def interview_or_404(interview_uuid: str, area_scope: AreaScope) -> Interview:
    found = review.reviewable(db.session, interview_uuid, within=area_scope.area_ids)
    if found is None:
        abort(404)
    return found


def _int_arg(name: str) -> int | None:
    raw = request.args.get(name, "")
    return parse_id(raw)


@bp.route("/waves/<int:wave_id>/review")
@role_required(*REVIEW_ROLES)
def review_list(wave_id: int) -> ResponseReturnValue:
    """Received interviews of the wave by interviewer, area and review state."""
    area_scope = scope()
    wave = wave_or_404(wave_id, area_scope)
    status_arg = request.args.get("status", "")
    status = ReviewStatus(status_arg) if status_arg in set(ReviewStatus) else None
    uuids = [u for u in request.args.getlist("uuid") if len(u) == 36][:500] or None
    rows = review.review_queue(
        db.session,
        wave,
        within=area_scope.area_ids,
        interviewer_id=_int_arg("interviewer"),
        area_id=_int_arg("area"),
        review_status=status,
        uuids=uuids,
    )
    return render_template(
        "fieldwork/review_list.html",
        wave=wave,
        rows=rows,
        statuses=list(ReviewStatus),
        status=status,
        interviewers=review.interviewers_of(db.session, wave),
        interviewer_id=_int_arg("interviewer"),
        filtered=bool(uuids),
        limit=review.QUEUE_LIMIT,
    )


@bp.route("/interviews/<interview_uuid>")
@role_required(*REVIEW_ROLES)
def review_interview(interview_uuid: str) -> ResponseReturnValue:
    """One interview: answers with labels, household selection, paradata, revisions, decisions."""
    interview = interview_or_404(interview_uuid, scope())
    form = DecisionForm()
    form.item.choices = [("", "—"), *review.question_codes(interview)]
    return render_template(
        "fieldwork/review_interview.html",
        interview=interview,
        answers=review.answer_rows(interview),
        paradata=review.paradata_summary(interview),
        roster_check=review.roster_disagreement(interview),
        selected_check=review.selected_person_disagreement(interview),
        revisions=review.revision_history(db.session, interview),
        visits=attempts.unit_attempts(db.session, interview.sample_unit_id)
        if interview.sample_unit_id is not None
        else [],
        disposition=aapor_code(interview.sample_unit.disposition)
        if interview.sample_unit
        else None,
        form=form,
        reopen_form=ReopenForm(),
        can_reopen=me().has_role(*HQ_ROLES),
        approved=interview.review_status is ReviewStatus.approved,
    )


@bp.route("/interviews/<interview_uuid>/review", methods=["POST"])
@role_required(*REVIEW_ROLES)
def review_decide(interview_uuid: str) -> ResponseReturnValue:
    """Approve, or reject with a comment (and optionally the question it concerns)."""
    interview = interview_or_404(interview_uuid, scope())
    form = DecisionForm()
    form.item.choices = [("", "—"), *review.question_codes(interview)]
    back = redirect(url_for("fieldwork.review_interview", interview_uuid=interview.uuid))
    if not form.validate_on_submit():
        flash(st("form_expired"), "error")
        return back
    approve = bool(form.approve.data) or form.decision.data == "approve"
    try:
        review.decide(
            db.session,
            interview,
            by=me(),
            approve=approve,
            comment=form.comment.data,
            item=form.item.data,
        )
    except UserError as exc:
        db.session.rollback()
        flash(service_message(exc), "error")
        return back
    db.session.commit()
    if approve:
        # No confirmation step, as for the other staff decisions (one POST, then what is now
        # so): a supervisor approves many interviews a day, and headquarters can reopen one.
        # The message names the household and that way back.
        unit = interview.sample_unit.external_id if interview.sample_unit else interview.uuid
        flash(
            st("approved_flash_hq" if me().has_role(*HQ_ROLES) else "approved_flash", unit=unit),
            "success",
        )
    else:
        flash(st("sent_back_flash"), "success")
    return redirect(url_for("fieldwork.review_list", wave_id=interview.wave_id))


@bp.route("/interviews/<interview_uuid>/reopen", methods=["POST"])
@role_required(*HQ_ROLES)
def review_reopen(interview_uuid: str) -> ResponseReturnValue:
    """Headquarters reopen an approved interview (it goes back to supervisors' review)."""
    interview = interview_or_404(interview_uuid, scope())
    form = ReopenForm()
    back = redirect(url_for("fieldwork.review_interview", interview_uuid=interview.uuid))
    if not form.validate_on_submit():
        flash(st("reopen_expired"), "error")
        return back
    try:
        review.reopen(db.session, interview, by=me(), reason=form.reason.data or "")
    except UserError as exc:
        db.session.rollback()
        flash(service_message(exc), "error")
        return back
    db.session.commit()
    flash(st("reopened_flash"), "success")
    return back
