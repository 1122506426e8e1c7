"""Management pages: waves, sample units, invitation codes, dashboards, users."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from ..auth.decorators import role_required
from ..csv_files import spreadsheet_csv
from ..extensions import db
from ..i18n import LANGUAGE_NAMES, list_separator
from ..models import (
    Area,
    AreaLevel,
    AuditLog,
    InstrumentVersion,
    Mode,
    Role,
    SampleUnit,
    User,
    Wave,
    WaveStatus,
    utcnow,
)
from ..services import (
    areas,
    coverage,
    invitations,
    read_tokens,
    response,
    sample,
    staff_sessions,
    users,
    waves,
)
from ..services.instruments import instrument_versions
from ..services.outside_area import assigned_outside_area
from ..services.scope import AreaScope, scope_of
from ..staff_texts import service_message, st, staff_counted, staff_language, staff_percent
from .forms import (
    ActiveForm,
    AreaUploadForm,
    CodesForm,
    RoleForm,
    SampleUploadForm,
    ScopeForm,
    StatusForm,
    SupportNotesForm,
    TemporaryPasswordForm,
    UserForm,
    WaveForm,
    area_choices,
    choices,
    field_errors,
    status_choices,
    support_note_fields,
    support_notes_of,
    with_support_notes,
)

bp = Blueprint("manage", __name__, url_prefix="/manage")

#: Who may manage waves (administrators always may).
MANAGER_ROLES = (Role.survey_manager,)
#: Audit entries shown on the audit page.
AUDIT_PAGE = 200


def _me() -> User:
    user: User = current_user._get_current_object()
    return user


def _scope() -> AreaScope:
    """The current user's area scope (see services/scope.py)."""
    return scope_of(db.session, _me())


def _wave_or_404(wave_id: int, scope: AreaScope) -> Wave:
    """The wave, or 404 when it does not exist or covers none of the user's area."""
    wave = db.session.get(Wave, wave_id)
    if wave is None or not scope.sees_wave(wave):
        abort(404)
    return wave


@bp.route("/")
@role_required(*MANAGER_ROLES)
def index() -> ResponseReturnValue:
    """All waves, newest first."""
    scope = _scope()
    all_waves = db.session.scalars(
        sa.select(Wave).order_by(Wave.created_at.desc(), Wave.id.desc())
    ).all()
    return render_template("manage/index.html", waves=[w for w in all_waves if scope.sees_wave(w)])


@bp.route("/waves/new", methods=["GET", "POST"])
@role_required(*MANAGER_ROLES)
def new_wave() -> ResponseReturnValue:
    """Create a wave from a loaded instrument version."""
    versions = instrument_versions(db.session)
    languages = sorted({lang for v in versions for lang in v.languages})
    # a support note box per language any questionnaire has (the service refuses a note in
    # a language the new wave does not offer, at its box)
    form = with_support_notes(WaveForm, languages)()
    form.instrument_version.choices = choices(
        (v.id, f"{v.title_in(staff_language())} ({v.label})") for v in versions
    )
    # The language's own name ("Español"), as the language switch writes it; a code the app has
    # no name for (a language only an adapted questionnaire has) stays a code.
    form.languages.choices = choices((lang, LANGUAGE_NAMES.get(lang, lang)) for lang in languages)
    scope = _scope()
    query = sa.select(Area).order_by(Area.code)
    if scope.area_ids is None:
        query = query.where(Area.level.in_([AreaLevel.country, AreaLevel.region]))
    else:  # the user's own area and the regions below it
        query = query.where(
            Area.id.in_(sorted(scope.area_ids)),
            sa.or_(Area.id == _me().area_id, Area.level == AreaLevel.region),
        )
    # By path: each country followed by its regions (by code alone, every country's region 01
    # came first and the countries after all regions).
    wave_areas = sorted(db.session.scalars(query), key=areas.area_path)
    form.areas.choices = choices((a.id, f"{a.name} ({areas.area_path(a)})") for a in wave_areas)
    if not versions:
        flash(st("no_questionnaire"), "warning")
    if form.validate_on_submit():
        version = db.session.get(InstrumentVersion, form.instrument_version.data)
        if version is None:
            field_errors(form, "instrument_version", st("choose_questionnaire_listed"))
        elif scope.limited and not form.areas.data:
            field_errors(form, "areas", st("choose_own_areas"))
        else:
            try:
                wave = waves.create_wave(
                    db.session,
                    name=form.name.data or "",
                    slug=form.slug.data or None,
                    instrument_version=version,
                    reference_start=form.reference_start.data,  # type: ignore[arg-type]
                    reference_end=form.reference_end.data,  # type: ignore[arg-type]
                    fieldwork_start=form.fieldwork_start.data,
                    fieldwork_end=form.fieldwork_end.data,
                    languages=form.languages.data or None,
                    modes=[Mode(m) for m in form.modes.data or []],
                    invitation_required=bool(form.invitation_required.data),
                    public_report=bool(form.public_report.data),
                    areas=[a for a in wave_areas if a.id in set(form.areas.data or [])],
                    created_by=_me(),
                    support_notes=support_notes_of(form, languages),
                )
            except waves.WaveError as exc:
                db.session.rollback()
                field_errors(form, exc.field, service_message(exc))
            else:
                db.session.commit()
                flash(st("wave_created", name=wave.name), "success")
                return redirect(url_for("manage.wave", wave_id=wave.id))
    return render_template(
        "manage/new_wave.html",
        form=form,
        note_fields=support_note_fields(form, languages),
        support_note_max=waves.SUPPORT_NOTE_MAX,
    )


@bp.route("/waves/<int:wave_id>")
@role_required(*MANAGER_ROLES)
def wave(wave_id: int) -> ResponseReturnValue:
    """Dashboard: settings, completes, partials and response rates per area (of the user's scope)."""
    scope = _scope()
    current = _wave_or_404(wave_id, scope)
    status_form = StatusForm(status=current.status.value)
    status_form.status.choices = status_choices(
        s
        for s in WaveStatus
        if not (s is WaveStatus.draft and current.status is not WaveStatus.draft)
    )
    counts = response.response_by_area(db.session, current, within=scope.area_ids)
    without_code = invitations.units_without_code(db.session, current, area_ids=scope.area_ids)
    codes_issued, codes_used = invitations.code_usage(db.session, current, area_ids=scope.area_ids)
    from ..observatory.jobs import report_settings
    from ..services.report_build import withheld_warnings

    return render_template(
        "manage/wave.html",
        wave=current,
        **_report_gaps(current),
        # areas whose public reports the quality rules would mostly withhold, as far as known
        # without computing the indicators (the page says when it cannot tell)
        withheld=withheld_warnings(
            db.session,
            current,
            settings=report_settings(),
            language=staff_language(),
            within=scope.area_ids,
        ),
        counts=counts,
        status_form=status_form,
        without_code=without_code,
        codes_issued=codes_issued,
        codes_used=codes_used,
        owns=scope.owns_wave(current),
    )


def _report_gaps(current: Wave) -> dict[str, object]:
    """What the wave's reports will leave out: standard indicators and comparisons; those of
    the status report (its sentences say "this report") apart from those of the observatory's
    perception page (the exposure model is only there)."""
    from analysis.report.not_asked import PAGE_ONLY

    version = current.instrument_version
    language = staff_language()
    return {
        "not_measured": coverage.not_measured(version, language),
        "comparisons_left_out": coverage.comparisons_left_out(version, language, without=PAGE_ONLY),
        "page_left_out": coverage.page_only_left_out(version, language),
    }


@bp.route("/waves/<int:wave_id>/status", methods=["POST"])
@role_required(*MANAGER_ROLES)
def wave_status(wave_id: int) -> ResponseReturnValue:
    scope = _scope()
    current = _wave_or_404(wave_id, scope)
    if not scope.owns_wave(current):
        abort(403)  # the wave covers areas outside the user's: its status is not theirs to set
    form = StatusForm()
    if form.validate_on_submit():
        try:
            waves.set_status(db.session, current, WaveStatus(form.status.data), by=_me())
        except waves.WaveError as exc:
            db.session.rollback()
            flash(service_message(exc), "error")
        else:
            db.session.commit()
            flash(st("wave_now", status=st(f"wave_{current.status.value}")), "success")
    else:
        flash(st("choose_status"), "error")
    return redirect(url_for("manage.wave", wave_id=wave_id))


@bp.route("/waves/<int:wave_id>/support", methods=["GET", "POST"])
@role_required(*MANAGER_ROLES)
def support_notes(wave_id: int) -> ResponseReturnValue:
    """The support contacts respondents see at the end of the survey, per wave language."""
    scope = _scope()
    current = _wave_or_404(wave_id, scope)
    if not scope.owns_wave(current):
        abort(403)  # as the status: a wave covering areas outside the user's is not theirs
    languages = list(current.languages)
    form = with_support_notes(SupportNotesForm, languages)()
    if not form.is_submitted():
        for lang, text in (current.support_notes or {}).items():
            if lang in languages:
                form[waves.support_note_field(lang)].data = text
    if form.validate_on_submit():
        try:
            waves.set_support_notes(
                db.session, current, support_notes_of(form, languages), by=_me()
            )
        except waves.WaveError as exc:
            db.session.rollback()
            field_errors(form, exc.field, service_message(exc))
        else:
            db.session.commit()
            flash(st("support_notes_saved"), "success")
            return redirect(url_for("manage.wave", wave_id=wave_id))
    return render_template(
        "manage/support_notes.html",
        wave=current,
        form=form,
        note_fields=support_note_fields(form, languages),
        support_note_max=waves.SUPPORT_NOTE_MAX,
    )


@bp.route("/waves/<int:wave_id>/sample", methods=["GET", "POST"])
@role_required(*MANAGER_ROLES)
def upload_sample(wave_id: int) -> ResponseReturnValue:
    """Upload sample units as CSV; every bad row is listed and nothing is stored."""
    scope = _scope()
    current = _wave_or_404(wave_id, scope)
    form = SampleUploadForm()
    result = None
    if form.validate_on_submit():
        data = form.file.data.read()
        result = sample.import_sample_units(
            db.session,
            current,
            data,
            allow_partial=bool(form.allow_partial.data),
            by=_me(),
            within=scope.area_ids,
        )
        if result.imported:
            db.session.commit()
        else:
            db.session.rollback()
        if result.ok:
            flash(staff_counted("units_imported", len(result.imported)), "success")
            return redirect(url_for("manage.wave", wave_id=wave_id))
    return render_template(
        "manage/sample.html", wave=current, form=form, result=result, columns=sample.COLUMNS
    )


@bp.route("/waves/<int:wave_id>/codes", methods=["GET", "POST"])
@role_required(*MANAGER_ROLES)
def codes(wave_id: int) -> ResponseReturnValue:
    """Generate invitation codes; the plain codes exist only in the CSV this returns.

    A user limited to an area generates (and replaces) codes of that area's units only.
    """
    scope = _scope()
    current = _wave_or_404(wave_id, scope)
    form = CodesForm()
    if not form.is_submitted():
        form.expires_days.data = int(current_app.config["INVITATION_CODE_DAYS"])
    if not form.separator.raw_data:  # not asked: as Excel in the staff language reads a CSV
        form.separator.data = list_separator(staff_language())
    if form.validate_on_submit():
        days = form.expires_days.data or 0
        expires = utcnow() + dt.timedelta(days=days) if days else None
        units = (
            invitations.units_of_wave(db.session, current, area_ids=scope.area_ids)
            if scope.limited
            else None
        )
        issued = invitations.generate_codes(
            db.session,
            current,
            units,
            expires_at=expires,
            replace=bool(form.replace.data),
            by=_me(),
        )
        # Read before the commit expires the units (no reload per unit); the file is written
        # after it, so on SQLite the write lock is not held meanwhile (docs/server.md).
        lines = [
            (unit.external_id, unit.address or "", unit.area.code if unit.area else "", code)
            for unit, code in issued
        ]
        slug = current.slug
        db.session.commit()
        if not lines:
            flash(st("every_unit_has_code"), "info")
            return redirect(url_for("manage.codes", wave_id=wave_id))
        return _codes_csv(slug, lines, form.separator.data or ",")
    without_code = invitations.units_without_code(db.session, current, area_ids=scope.area_ids)
    total_query = sa.select(sa.func.count(SampleUnit.id)).where(SampleUnit.wave_id == wave_id)
    if scope.area_ids is not None:
        total_query = total_query.where(SampleUnit.area_id.in_(sorted(scope.area_ids)))
    total = db.session.scalar(total_query)
    return render_template(
        "manage/codes.html", wave=current, form=form, without_code=without_code, total=total or 0
    )


def _codes_csv(slug: str, lines: list[tuple[str, str, str, str]], separator: str) -> Response:
    """The codes file, for a spreadsheet or a mail merge: one (external id, address, area
    code, code, link) line per unit, columns separated by ``separator``."""
    link = url_for("main.index", _external=True).rstrip("/") + f"/s/{slug}"
    header = ["external_id", "address", "area_code", "invitation_code", "survey_link"]
    data = spreadsheet_csv(header, ([*line, link] for line in lines), separator=separator)
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    return Response(
        data,
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename=codes-{slug}-{stamp}.csv",
            "Cache-Control": "no-store",
        },
    )


@bp.route("/areas", methods=["GET", "POST"])
@role_required(*MANAGER_ROLES)
def areas_page() -> ResponseReturnValue:
    """The area hierarchy (the user's part of it), and a CSV upload to extend it.

    Adding areas changes the hierarchy everyone shares: not for a user limited to an area.
    """
    scope = _scope()
    form = AreaUploadForm()
    errors: list[sample.RowError] = []
    if form.is_submitted() and scope.limited:
        abort(403)
    if form.validate_on_submit():
        created, errors = areas.import_areas(db.session, form.file.data.read())
        if errors:
            db.session.rollback()
        else:
            db.session.commit()
            flash(staff_counted("areas_added", len(created)), "success")
            return redirect(url_for("manage.areas_page"))
    rows = sorted(
        (
            (areas.area_path(a), a)
            for a in db.session.scalars(sa.select(Area))
            if scope.allows(a.id)
        ),
        key=lambda r: r[0],
    )
    return render_template(
        "manage/areas.html",
        form=None if scope.limited else form,
        errors=errors,
        rows=rows,
        columns=areas.AREA_COLUMNS,
    )


# ---- user administration (administrators only) ----


@bp.route("/users")
@role_required()
def users_list() -> ResponseReturnValue:
    everyone = db.session.scalars(sa.select(User).order_by(User.active.desc(), User.email)).all()
    role_forms = {u.id: RoleForm(prefix=f"u{u.id}", role=u.role.value) for u in everyone}
    paths = _area_paths()
    scope_forms = {}
    for u in everyone:
        form = ScopeForm(prefix=f"s{u.id}", area=u.area_id or 0)
        form.area.choices = area_choices(paths)
        scope_forms[u.id] = form
    return render_template(
        "manage/users.html",
        users=everyone,
        role_forms=role_forms,
        scope_forms=scope_forms,
        active_form=ActiveForm(),
    )


def _area_paths() -> list[tuple[int, str]]:
    """(id, "path – name") of every area, sorted by path."""
    return sorted(
        ((a.id, f"{areas.area_path(a)} – {a.name}") for a in db.session.scalars(sa.select(Area))),
        key=lambda pair: pair[1],
    )


def _area_from_choice(area_id: int | None) -> Area | None:
    return db.session.get(Area, area_id) if area_id else None


@bp.route("/audit")
@role_required()
def audit_log() -> ResponseReturnValue:
    """The latest staff actions, newest first (uses of read API tokens are on the tokens page)."""
    entries = db.session.execute(
        sa.select(AuditLog, User.email)
        .outerjoin(User, AuditLog.user_id == User.id)
        .where(AuditLog.action != read_tokens.USE_ACTION)
        .order_by(AuditLog.id.desc())
        .limit(AUDIT_PAGE)
    ).all()
    return render_template("manage/audit.html", entries=entries, limit=AUDIT_PAGE)


@bp.route("/users/new", methods=["GET", "POST"])
@role_required()
def new_user() -> ResponseReturnValue:
    form = UserForm()
    form.area.choices = area_choices(_area_paths())
    if form.validate_on_submit():
        try:
            user = users.create_user(
                db.session,
                email=form.email.data or "",
                name=form.name.data or "",
                role=Role(form.role.data),
                password=form.password.data or "",
                created_by=_me(),
                area=_area_from_choice(form.area.data),
                temporary=True,
            )
        except users.UserError as exc:
            db.session.rollback()
            field_errors(form, exc.field, service_message(exc))
        else:
            db.session.commit()
            flash(st("user_created", email=user.email), "success")
            return redirect(url_for("manage.users_list"))
    return render_template("manage/new_user.html", form=form)


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/users/<int:user_id>/role", methods=["POST"])
@role_required()
def user_role(user_id: int) -> ResponseReturnValue:
    user = _user_or_404(user_id)
    form = RoleForm(prefix=f"u{user_id}")
    if not form.validate_on_submit():
        flash(st("choose_role"), "error")
    elif user.id == _me().id:
        flash(st("not_own_role"), "error")
    else:
        users.set_role(db.session, user, Role(form.role.data), by=_me())
        db.session.commit()
        role = st(f"role_{user.role.value}")
        flash(st("user_role_now", email=user.email, role=role.lower()), "success")
    return redirect(url_for("manage.users_list"))


@bp.route("/users/<int:user_id>/area", methods=["POST"])
@role_required()
def user_area(user_id: int) -> ResponseReturnValue:
    user = _user_or_404(user_id)
    form = ScopeForm(prefix=f"s{user_id}")
    form.area.choices = area_choices(_area_paths())
    if not form.validate_on_submit():
        flash(st("choose_area"), "error")
    else:
        users.set_area(db.session, user, _area_from_choice(form.area.data), by=_me())
        db.session.commit()
        sees = "user_sees_all" if user.area_id is None else "user_sees_one"
        flash(st(sees, email=user.email), "success")
        # Households given before stay theirs: say so, for a manager to reassign them.
        outside = assigned_outside_area(db.session, holder=user)
        if outside:
            names = sorted({row.unit.wave.name for row in outside})
            flash(
                staff_counted(
                    "outside_after_area_change",
                    len(outside),
                    name=user.name,
                    waves=", ".join(names),
                ),
                "warning",
            )
    return redirect(url_for("manage.users_list"))


@bp.route("/users/<int:user_id>/password", methods=["GET", "POST"])
@role_required()
def user_password(user_id: int) -> ResponseReturnValue:
    """Reset someone's password (forgotten, or a locked-out user): a temporary one that they
    must change at their next login; their sessions end. One's own is changed on its own page."""
    user = _user_or_404(user_id)
    if user.id == _me().id:
        return redirect(url_for("auth.change_password"))
    form = TemporaryPasswordForm()
    if form.validate_on_submit():
        try:
            users.set_password(db.session, user, form.password.data or "", by=_me(), temporary=True)
        except users.UserError as exc:
            db.session.rollback()
            field_errors(form, exc.field, service_message(exc))
        else:
            staff_sessions.end_all(db.session, user, by=_me(), reason="password reset")
            db.session.commit()
            flash(st("temporary_password_set", email=user.email), "success")
            return redirect(url_for("manage.users_list"))
    return render_template("manage/user_password.html", form=form, user=user)


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@role_required()
def user_active(user_id: int) -> ResponseReturnValue:
    user = _user_or_404(user_id)
    form = ActiveForm()
    if not form.validate_on_submit():
        abort(400)
    if user.id == _me().id:
        flash(st("not_own_account"), "error")
    else:
        users.set_active(db.session, user, not user.active, by=_me())
        db.session.commit()
        now = "user_now_active" if user.active else "user_now_deactivated"
        flash(st(now, email=user.email), "success")
    return redirect(url_for("manage.users_list"))


@bp.app_template_filter("percent")
def percent(value: float | None) -> str:
    """A response rate (0–1) in the staff language's percent format; a dash when none."""
    return "–" if value is None else staff_percent(value)
