"""Entering the survey: public link and consent, invitation codes, resume codes, start."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import (
    redirect,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..i18n import default_language, pick_language
from ..models import (
    InstrumentVersion,
    Interview,
    InterviewStatus,
    InvitationCode,
    Mode,
    SampleUnit,
    Wave,
)
from ..services import interviews as interview_service
from ..services import invitations
from . import state as respondent_state
from .blueprint import bp, code_limit, code_link_limit, error_page
from .current import current_for, current_page, load_current, message_page, page_url
from .forms import (
    CODE_MAX,
    CodeForm,
    StartForm,
)
from .texts import LANGUAGE_NAMES, UI_LANGUAGES, text
from .views import render, version_of, wave_language


def find_wave(slug: str) -> Wave | None:
    """The wave of a public link, with its instrument version's row (not its large document):
    the entry pages need both (version_of), in one query."""
    return db.session.scalar(
        sa.select(Wave)
        .options(joinedload(Wave.instrument_version).defer(InstrumentVersion.document))
        .where(Wave.slug == slug)
    )


def wave_closed(wave: Wave) -> bool:
    return not wave.is_open or not wave.allows(Mode.web)


@bp.get("/<slug>")
def landing(slug: str) -> ResponseReturnValue:
    """The wave's public link: consent and language, or the invitation code form."""
    wave = find_wave(slug)
    if wave is None:
        return error_page(404, "not_found")
    language = wave_language(wave)
    if wave_closed(wave):
        return message_page("closed_title", "closed_body", 200, language)
    state = respondent_state.load()
    current = load_current()
    if (
        current is not None
        and current.wave.id == wave.id
        and current.interview.status is InterviewStatus.in_progress
    ):
        return redirect(page_url(current_page(current.engine(), current.interview)))
    if wave.invitation_required and not (state.unit and state.wave == wave.slug):
        return render(
            "respond/code.html",
            language,
            form=CodeForm(),
            mode="invitation",
            action=url_for("respond.enter_code", lang=language),
            error=None,
            wave=wave,
        )
    form = StartForm(
        formdata=None, data={"language": language, "token": respondent_state.start_token(state)}
    )
    return render(
        "respond/start.html",
        language,
        form=form,
        wave=wave,
        title=version_of(wave).title_in(language),
        languages=[(code, LANGUAGE_NAMES.get(code, code)) for code in wave.languages],
    )


@bp.post("/<slug>/start")
def start(slug: str) -> ResponseReturnValue:
    """Create the interview once (the start token becomes its uuid) and open its first page."""
    wave = find_wave(slug)
    if wave is None:
        return error_page(404, "not_found")
    if wave_closed(wave):
        return message_page("closed_title", "closed_body", 200, wave_language(wave))
    form = StartForm()
    state = respondent_state.load()
    token = form.token.data or ""
    language = form.language.data or ""
    if language not in wave.languages or token not in (state.token, state.interview) or not token:
        return redirect(url_for("respond.landing", slug=wave.slug))
    existing = interview_service.find_interview(db.session, token)
    if existing is None:
        unit = None
        if wave.invitation_required:
            unit = db.session.get(SampleUnit, state.unit) if state.unit else None
            if unit is None or unit.wave_id != wave.id or state.wave != wave.slug:
                return redirect(url_for("respond.landing", slug=wave.slug))
            existing = _unit_interview(unit)
        if existing is None:
            created = _create_interview(wave, language, token, unit, state)
            if isinstance(created, Created):
                # Just made here: its first page, without reading back what was just written
                # (the commit expired it; ``slug`` is the wave's).
                _enter(state, created.uuid, slug)
                return redirect(page_url(created.first_page))
            existing = created
    if existing.wave_id != wave.id:
        return redirect(url_for("respond.landing", slug=wave.slug))
    _enter(state, existing.uuid, wave.slug)
    if existing.status is InterviewStatus.completed:
        return redirect(url_for("respond.done"))
    current = current_for(existing, wave)
    return redirect(page_url(current_page(current.engine(), existing)))


def _enter(state: respondent_state.RespondentState, uuid: str, slug: str) -> None:
    """This browser's interview from now on (the start token is spent)."""
    state.interview, state.wave, state.token, state.unit = uuid, slug, None, None
    respondent_state.store(state)


@dataclass(frozen=True, slots=True)
class Created:
    """An interview this request created and committed: where it starts."""

    uuid: str
    first_page: str


def _create_interview(
    wave: Wave,
    language: str,
    token: str,
    unit: SampleUnit | None,
    state: respondent_state.RespondentState,
) -> Created | Interview:
    """The new interview (Created), or the one a simultaneous start of the same token created."""
    try:
        interview = interview_service.start_interview(
            db.session,
            wave,
            mode=Mode.web,
            language=language,
            sample_unit=unit,
            interview_uuid=token,
            flush=False,  # one INSERT with the resume code and first page, at the commit
        )
        if unit is None:
            state.resume_code = interview_service.new_resume_code(interview)
        current = current_for(interview, wave)
        first_page = current.engine().page_ids()[0]
        interview.last_section = first_page
        created = Created(interview.uuid, first_page)
        db.session.commit()
        return created
    except IntegrityError:
        # The same start posted twice at once: the other request created it.
        db.session.rollback()
        found = interview_service.find_interview(db.session, token)
        if found is None:
            raise
        return found


def _unit_interview(unit: SampleUnit) -> Interview | None:
    """The web interview this household already has, if any (newest first)."""
    return db.session.scalar(
        sa.select(Interview)
        .where(Interview.sample_unit_id == unit.id, Interview.mode == Mode.web)
        .order_by(Interview.id.desc())
        .limit(1)
    )


def _check_code(code: str) -> InvitationCode | None:
    """The usable invitation code row, or None: unknown, expired, closed and used look alike."""
    normalised = invitations.normalise_code(code[: CODE_MAX * 2])
    row = db.session.scalar(
        sa.select(InvitationCode).where(
            InvitationCode.code_hash == invitations.hash_code(normalised)
        )
    )
    if row is None:
        return None
    wave = row.sample_unit.wave
    if invitations.verify_code(db.session, wave, normalised) is None or wave_closed(wave):
        return None
    interview = _unit_interview(row.sample_unit)
    if interview is not None and interview.status is not InterviewStatus.in_progress:
        return None  # used: the household already answered (or was closed by staff)
    return row


def _enter_with(row: InvitationCode) -> ResponseReturnValue:
    """Let the household in: resume its interview, or go to consent."""
    unit = row.sample_unit
    wave = unit.wave
    invitations.redeem(db.session, row)
    interview = _unit_interview(unit)
    db.session.commit()
    state = respondent_state.RespondentState()
    if interview is not None:
        state.interview, state.wave = interview.uuid, wave.slug
        respondent_state.store(state)
        current = current_for(interview, wave)
        return redirect(page_url(current_page(current.engine(), interview)))
    state.unit, state.wave = unit.id, wave.slug
    respondent_state.store(state)
    return redirect(url_for("respond.landing", slug=wave.slug))


@bp.route("/code", methods=["GET", "POST"])
@code_limit
def enter_code() -> ResponseReturnValue:
    """Type an invitation code (rate limited; one message for every code that cannot be used)."""
    language = pick_language(UI_LANGUAGES, default_language())
    form = CodeForm()
    error = None
    if request.method == "POST":
        typed = (form.code.data or "").strip()
        if not typed:
            error = text("code_required", language)
        else:
            row = _check_code(typed)
            if row is not None:
                return _enter_with(row)
            error = text("code_invalid", language)
        form.code.errors = [error]
    return _code_page(form, language, error)


def _code_page(form: CodeForm, language: str, error: str | None) -> ResponseReturnValue:
    """The page where an invitation code is typed, with ``error`` about the code tried."""
    return render(
        "respond/code.html",
        language,
        200,
        form=form,
        mode="invitation",
        action=url_for("respond.enter_code", lang=language),
        error=error,
        wave=None,
    )


@bp.get("/c/<code>")
@code_link_limit
def code_link(code: str) -> ResponseReturnValue:
    """The invitation link printed as a QR code or sent by message: /s/c/<code>."""
    row = _check_code(code) if len(code) <= CODE_MAX else None
    if row is not None:
        return _enter_with(row)
    language = pick_language(UI_LANGUAGES, default_language())
    form = CodeForm(formdata=None)
    error = text("code_invalid", language)
    form.code.errors = [error]
    return _code_page(form, language, error)


@bp.route("/<slug>/resume", methods=["GET", "POST"])
@code_limit
def resume(slug: str) -> ResponseReturnValue:
    """Continue an open-link interview with the resume code shown when it was saved."""
    wave = find_wave(slug)
    if wave is None:
        return error_page(404, "not_found")
    language = wave_language(wave)
    if wave_closed(wave):
        return message_page("closed_title", "closed_body", 200, language)
    form = CodeForm()
    error = None
    if request.method == "POST":
        typed = (form.code.data or "").strip()[:CODE_MAX]
        interview = (
            interview_service.find_by_resume_code(db.session, wave, typed) if typed else None
        )
        if interview is not None and interview.status is InterviewStatus.in_progress:
            state = respondent_state.RespondentState(
                interview=interview.uuid, wave=wave.slug, resume_code=typed
            )
            respondent_state.store(state)
            current = current_for(interview, wave)
            return redirect(page_url(current_page(current.engine(), interview)))
        if interview is not None and interview.status is InterviewStatus.completed:
            return message_page("done_title", "done_body", 200, language)
        error = text("resume_required" if not typed else "resume_invalid", language)
        form.code.errors = [error]
    return render(
        "respond/code.html",
        language,
        200,
        form=form,
        mode="resume",
        action=url_for("respond.resume", slug=wave.slug, lang=language),
        error=error,
        wave=wave,
    )
