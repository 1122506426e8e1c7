"""The respondent web survey under /s/: entry, consent, one page per engine page, save, resume, done.

The interview is found through the signed session cookie (its uuid); posts
carry the interview uuid and version. A post is applied to the stored answers
by the engine; if that changes nothing (a refresh, a double click, a re-post
of a page already saved) nothing is written and the respondent is sent on.
See surveyapp/docs/respond.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.blueprints import BlueprintSetupState
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from questionnaires.engine import FieldError, Page, PageNotFound
from questionnaires.engine import Interview as EngineInterview
from questionnaires.model import Instrument

from ..extensions import db, limiter
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
from .forms import (
    CODE_MAX,
    CodeForm,
    EmptyForm,
    StartForm,
    attach_errors,
    build_page_form,
    engine_input,
    stored_formdata,
)
from .pages import cached_version, engine_for, instrument_of, layout, script_context, title_in
from .texts import LANGUAGE_NAMES, UI_LANGUAGES, text

bp = Blueprint(
    "respond",
    __name__,
    url_prefix="/s",
    static_folder="../static/respond",
    static_url_path="/static",
)

#: Largest body a respondent page accepts (a page of answers is a few kilobytes).
DEFAULT_MAX_BODY = 64 * 1024
#: Guesses of invitation or resume codes allowed per client address.
DEFAULT_CODE_RATE_LIMIT = "10 per minute;60 per hour"


def _code_rate_limit() -> str:
    return str(current_app.config.get("RESPOND_CODE_RATE_LIMIT", DEFAULT_CODE_RATE_LIMIT))


code_limit = limiter.limit(_code_rate_limit, methods=["POST"])
code_link_limit = limiter.limit(_code_rate_limit)


# --- request hooks -------------------------------------------------------------------


def _limit_body() -> None:
    """Cap respondent bodies before anything (CSRF included) reads the form."""
    if request.path.startswith("/s/") and request.method == "POST":
        limit = int(current_app.config.get("RESPOND_MAX_BODY", DEFAULT_MAX_BODY))
        request.max_content_length = limit
        request.max_form_memory_size = limit
        if request.content_length is not None and request.content_length > limit:
            raise RequestEntityTooLarge()


@bp.record_once
def _install_body_limit(setup: BlueprintSetupState) -> None:
    app = setup.app
    # First in line: CSRFProtect's own before_request parses the form.
    app.before_request_funcs.setdefault(None, []).insert(0, _limit_body)


@bp.after_request
def _private_headers(response: Response) -> Response:
    """Nothing cached by proxies, no referrer leaves the site, only our own scripts run."""
    if request.endpoint not in ("respond.static", "respond.expressions_js"):
        response.headers["Cache-Control"] = "no-store"  # answers must not linger in caches
    elif request.args.get("v") and response.status_code == 200:
        # Versioned asset URLs change with the content: phones fetch each once.
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )
    return response


# --- languages ---------------------------------------------------------------------------


def _language(choices: list[str] | tuple[str, ...], default: str | None = None) -> str:
    """The language asked for (?lang=), else the browser's best match, else the default."""
    asked = request.args.get("lang", "")
    if asked in choices:
        return asked
    best = request.accept_languages.best_match(list(choices))
    if best:
        return best
    if default and default in choices:
        return default
    return choices[0] if choices else str(current_app.config.get("DEFAULT_LANGUAGE", "es"))


def _version_of(wave: Wave) -> InstrumentVersion:
    """The wave's instrument version row without its large document (see _attach)."""
    version = db.session.scalar(
        sa.select(InstrumentVersion).options(defer(InstrumentVersion.document))
        .where(InstrumentVersion.id == wave.instrument_version_id)
    )
    assert version is not None  # a foreign key
    return version


def _wave_language(wave: Wave) -> str:
    return _language(wave.languages, _version_of(wave).default_language)


def _ui_language() -> str:
    current = _current()
    if current is not None:
        return current.interview.language
    return _language(UI_LANGUAGES, str(current_app.config.get("DEFAULT_LANGUAGE", "es")))


def _render(template: str, language: str, status: int = 200, **values: Any) -> ResponseReturnValue:
    def t(key: str, **more: object) -> str:
        return text(key, language, **more)

    return render_template(template, lang=language, t=t, **values), status


def _message(title_key: str, body_key: str, status: int = 200, language: str | None = None,
             **values: Any) -> ResponseReturnValue:
    language = language or _ui_language()
    return _render("respond/message.html", language, status, title_key=title_key,
                   body_key=body_key, **values)


# --- errors: the respondent's language and layout, never a traceback ---------------------


def _error_page(status: int, body_key: str) -> ResponseReturnValue:
    db.session.rollback()
    try:
        language = _ui_language()
    except Exception:  # the session or database may be what failed
        language = str(current_app.config.get("DEFAULT_LANGUAGE", "es"))
    return _render("respond/message.html", language, status, title_key="survey", body_key=body_key)


@bp.errorhandler(CSRFError)
def _csrf_error(exc: CSRFError) -> ResponseReturnValue:
    return _error_page(400, "csrf")


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException) -> ResponseReturnValue:
    keys = {404: "not_found", 413: "too_large", 429: "too_many"}
    status = exc.code or 400
    if status >= 500:
        return exc
    return _error_page(status, keys.get(status, "bad_request"))


# --- the interview in this browser -------------------------------------------------------


@dataclass
class Current:
    """The interview of this browser with its wave and loaded instrument."""

    interview: Interview
    wave: Wave
    instrument: Instrument

    def engine(self) -> EngineInterview:
        return engine_for(self.instrument, self.interview, self.wave)


def _current() -> Current | None:
    """The interview the session cookie points to, or None (cached for the request).

    The instrument version row is read without its (large) document: this process
    keeps the document and the loaded instrument per content hash, and hands the
    cached document to the row, so saving (which rebuilds incident rows from it)
    never decodes the questionnaire again.
    """
    if "respond_current" in g:
        found: Current | None = g.respond_current
        return found
    g.respond_current = None
    uuid = respondent_state.load().interview
    if not uuid:
        return None
    row = db.session.execute(
        sa.select(Interview, Wave, InstrumentVersion)
        .join(Wave, Interview.wave_id == Wave.id)
        .join(InstrumentVersion, Interview.instrument_version_id == InstrumentVersion.id)
        .options(defer(InstrumentVersion.document))
        .where(Interview.uuid == uuid)
    ).first()
    if row is None:
        return None
    interview, wave, version = row
    g.respond_current = _attach(interview, wave, version)
    return g.respond_current


def _attach(interview: Interview, wave: Wave, version: InstrumentVersion) -> Current:
    cached = cached_version(version.content_hash)
    if cached is None:
        instrument = instrument_of(version)  # loads the document once per process
    else:
        instrument = cached.instrument
        set_committed_value(version, "document", cached.document)
    set_committed_value(interview, "instrument_version", version)
    return Current(interview, wave, instrument)


def _require_current() -> Current | ResponseReturnValue:
    current = _current()
    if current is None:
        if respondent_state.load().done:
            return redirect(url_for("respond.done"))
        return _message("expired_title", "expired_body", 200)
    return current


def _page_url(page_id: str) -> str:
    return url_for("respond.page", page_id=page_id)


def first_unfinished(engine: EngineInterview) -> str | None:
    """The first asked page with a relevant required item unanswered."""
    for page in engine.pages():
        for item in page.items:
            if not item.relevant:
                continue
            views = item.rows if item.type == "grid" else (item,)
            for view in views:
                if view.type != "note" and view.relevant and view.required and view.value is None:
                    return page.id
    return None


def _index(ids: list[str], page_id: str | None) -> int:
    return ids.index(page_id) if page_id in ids else -1


def current_page(engine: EngineInterview, interview: Interview) -> str:
    """Where the respondent goes on: the furthest page reached, if still asked."""
    ids = engine.page_ids()
    if interview.last_section in ids:
        return str(interview.last_section)
    return first_unfinished(engine) or ids[-1]


def _reachable(engine: EngineInterview, ids: list[str], interview: Interview, page_id: str) -> bool:
    """Pages up to the furthest one reached (or the first unfinished one) may be opened."""
    limit = _index(ids, interview.last_section)
    if limit < 0:
        limit = _index(ids, first_unfinished(engine) or ids[-1])
    return _index(ids, page_id) <= limit


def _furthest(ids: list[str], last: str | None, reached: str) -> str:
    return last if last is not None and _index(ids, last) > _index(ids, reached) else reached


# --- entry: public link, invitation codes, resume codes ----------------------------------


def _find_wave(slug: str) -> Wave | None:
    return db.session.scalar(sa.select(Wave).where(Wave.slug == slug))


def _wave_closed(wave: Wave) -> bool:
    return not wave.is_open or not wave.allows(Mode.web)


@bp.get("/<slug>")
def landing(slug: str) -> ResponseReturnValue:
    """The wave's public link: consent and language, or the invitation code form."""
    wave = _find_wave(slug)
    if wave is None:
        return _error_page(404, "not_found")
    language = _wave_language(wave)
    if _wave_closed(wave):
        return _message("closed_title", "closed_body", 200, language)
    state = respondent_state.load()
    current = _current()
    if (current is not None and current.wave.id == wave.id
            and current.interview.status is InterviewStatus.in_progress):
        return redirect(_page_url(current_page(current.engine(), current.interview)))
    if wave.invitation_required and not (state.unit and state.wave == wave.slug):
        return _render("respond/code.html", language, form=CodeForm(), mode="invitation",
                       action=url_for("respond.enter_code", lang=language), error=None, wave=wave)
    form = StartForm(formdata=None, data={"language": language,
                                          "token": respondent_state.start_token(state)})
    return _render("respond/start.html", language, form=form, wave=wave,
                   title=_version_of(wave).title_in(language),
                   languages=[(code, LANGUAGE_NAMES.get(code, code)) for code in wave.languages])


@bp.post("/<slug>/start")
def start(slug: str) -> ResponseReturnValue:
    """Create the interview once (the start token becomes its uuid) and open its first page."""
    wave = _find_wave(slug)
    if wave is None:
        return _error_page(404, "not_found")
    if _wave_closed(wave):
        return _message("closed_title", "closed_body", 200, _wave_language(wave))
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
            existing = _create_interview(wave, language, token, unit, state)
    if existing.wave_id != wave.id:
        return redirect(url_for("respond.landing", slug=wave.slug))
    state.interview, state.wave, state.token, state.unit = existing.uuid, wave.slug, None, None
    respondent_state.store(state)
    if existing.status is InterviewStatus.completed:
        return redirect(url_for("respond.done"))
    current = _current_for(existing, wave)
    return redirect(_page_url(current_page(current.engine(), existing)))


def _create_interview(
    wave: Wave, language: str, token: str, unit: SampleUnit | None,
    state: respondent_state.RespondentState,
) -> Interview:
    try:
        interview = interview_service.start_interview(
            db.session, wave, mode=Mode.web, language=language, sample_unit=unit, interview_uuid=token
        )
        if unit is None:
            state.resume_code = interview_service.new_resume_code(interview)
        current = _current_for(interview, wave)
        interview.last_section = current.engine().page_ids()[0]
        db.session.commit()
        return interview
    except IntegrityError:
        # The same start posted twice at once: the other request created it.
        db.session.rollback()
        found = interview_service.find_interview(db.session, token)
        if found is None:
            raise
        return found


def _current_for(interview: Interview, wave: Wave) -> Current:
    return _attach(interview, wave, _version_of(wave))


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
        sa.select(InvitationCode).where(InvitationCode.code_hash == invitations.hash_code(normalised))
    )
    if row is None:
        return None
    wave = row.sample_unit.wave
    if invitations.verify_code(db.session, wave, normalised) is None or _wave_closed(wave):
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
        current = _current_for(interview, wave)
        return redirect(_page_url(current_page(current.engine(), interview)))
    state.unit, state.wave = unit.id, wave.slug
    respondent_state.store(state)
    return redirect(url_for("respond.landing", slug=wave.slug))


@bp.route("/code", methods=["GET", "POST"])
@code_limit
def enter_code() -> ResponseReturnValue:
    """Type an invitation code (rate limited; one message for every code that cannot be used)."""
    language = _language(UI_LANGUAGES, str(current_app.config.get("DEFAULT_LANGUAGE", "es")))
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
    return _render("respond/code.html", language, 200, form=form, mode="invitation",
                   action=url_for("respond.enter_code", lang=language), error=error, wave=None)


@bp.get("/c/<code>")
@code_link_limit
def code_link(code: str) -> ResponseReturnValue:
    """The invitation link printed as a QR code or sent by message: /s/c/<code>."""
    row = _check_code(code) if len(code) <= CODE_MAX else None
    if row is not None:
        return _enter_with(row)
    language = _language(UI_LANGUAGES, str(current_app.config.get("DEFAULT_LANGUAGE", "es")))
    form = CodeForm(formdata=None)
    error = text("code_invalid", language)
    form.code.errors = [error]
    return _render("respond/code.html", language, 200, form=form, mode="invitation",
                   action=url_for("respond.enter_code", lang=language), error=error, wave=None)


@bp.route("/<slug>/resume", methods=["GET", "POST"])
@code_limit
def resume(slug: str) -> ResponseReturnValue:
    """Continue an open-link interview with the resume code shown when it was saved."""
    wave = _find_wave(slug)
    if wave is None:
        return _error_page(404, "not_found")
    language = _wave_language(wave)
    if _wave_closed(wave):
        return _message("closed_title", "closed_body", 200, language)
    form = CodeForm()
    error = None
    if request.method == "POST":
        typed = (form.code.data or "").strip()[:CODE_MAX]
        interview = interview_service.find_by_resume_code(db.session, wave, typed) if typed else None
        if interview is not None and interview.status is InterviewStatus.in_progress:
            state = respondent_state.RespondentState(
                interview=interview.uuid, wave=wave.slug, resume_code=typed
            )
            respondent_state.store(state)
            current = _current_for(interview, wave)
            return redirect(_page_url(current_page(current.engine(), interview)))
        error = text("resume_required" if not typed else "resume_invalid", language)
        form.code.errors = [error]
    return _render("respond/code.html", language, 200, form=form, mode="resume",
                   action=url_for("respond.resume", slug=wave.slug, lang=language), error=error,
                   wave=wave)


# --- question pages ----------------------------------------------------------------------


@bp.get("/continue")
def continue_survey() -> ResponseReturnValue:
    """Back to where the respondent was."""
    current = _require_current()
    if not isinstance(current, Current):
        return current
    if current.interview.status is not InterviewStatus.in_progress:
        return redirect(url_for("respond.done"))
    return redirect(_page_url(current_page(current.engine(), current.interview)))


@bp.route("/p/<path:page_id>", methods=["GET", "POST"])
def page(page_id: str) -> ResponseReturnValue:
    """One engine page: show it with the stored answers, or apply what was posted."""
    current = _require_current()
    if not isinstance(current, Current):
        return current
    interview = current.interview
    if interview.status is not InterviewStatus.in_progress:
        return redirect(url_for("respond.done"))
    engine = current.engine()
    try:
        shown = engine.page(page_id)
    except PageNotFound:
        return _error_page(404, "not_found")
    ids = engine.page_ids()  # computed once per request: each call walks the whole questionnaire
    if not _reachable(engine, ids, interview, page_id):
        return redirect(_page_url(current_page(engine, interview)))
    if request.method == "GET":
        formdata = stored_formdata(shown.items, interview.version, interview.uuid)
        return _render_page(current, engine, ids, shown, formdata, [])
    if request.form.get("interview") != interview.uuid or not request.form.get("version", "").isdigit():
        return _message("survey", "other_interview", 409)
    return _apply(current, engine, ids, shown)


def _neighbour(ids: list[str], page_id: str, step: int) -> str | None:
    at = ids.index(page_id) + step
    return ids[at] if 0 <= at < len(ids) else None


def _apply(current: Current, engine: EngineInterview, ids: list[str], shown: Page) -> ResponseReturnValue:
    interview = current.interview
    before = interview.answers  # as stored (the engine copies it; nothing here changes it)
    errors = engine.apply_page(shown.id, engine_input(shown.items, request.form))
    saving_for_later = request.form.get("action") == "save"
    if errors:
        if saving_for_later:
            return redirect(url_for("respond.saved"))
        return _render_page(current, engine, ids, shown, request.form, errors)
    ids = engine.page_ids()  # the answers may have added or removed pages
    next_id = _neighbour(ids, shown.id, 1)
    answers = engine.answers
    if next_id is None and not saving_for_later:
        return _finish(current, engine, before, answers)
    reached = _furthest(ids, interview.last_section, next_id or shown.id)
    changed = answers != before or reached != interview.last_section
    if changed and not _save(interview, answers, reached):
        return redirect(_page_url(shown.id))
    if saving_for_later:
        return redirect(url_for("respond.saved"))
    assert next_id is not None
    return redirect(_page_url(next_id))


def _save(interview: Interview, answers: dict[str, Any], last_section: str,
          then: Callable[[], None] | None = None) -> bool:
    """Write the answers; False if another request saved this interview in between."""
    try:
        interview_service.save_answers(
            db.session, interview, answers, expected_version=interview.version,
            last_section=last_section,
        )
        if then is not None:
            then()
        db.session.commit()
        return True
    except (StaleDataError, interview_service.InterviewError):
        db.session.rollback()
        return False


def _finish(current: Current, engine: EngineInterview, before: dict[str, Any],
            answers: dict[str, Any]) -> ResponseReturnValue:
    interview = current.interview
    if not engine.is_complete():
        if answers != before:
            _save(interview, answers, interview.last_section or engine.page_ids()[-1])
        flash(text("not_complete", interview.language), "error")
        return redirect(_page_url(first_unfinished(engine) or engine.page_ids()[0]))

    def complete() -> None:
        interview.resume_code_hash = None  # the code has done its job; nothing left to resume
        interview_service.complete_interview(db.session, interview)

    if not _save(interview, answers, engine.page_ids()[-1], then=complete):
        return redirect(url_for("respond.continue_survey"))
    state = respondent_state.load()
    respondent_state.store(respondent_state.RespondentState(done=state.wave, language=interview.language))
    return redirect(url_for("respond.done"))


def _render_page(
    current: Current, engine: EngineInterview, ids: list[str], shown: Page, formdata: Any,
    errors: list[FieldError],
) -> ResponseReturnValue:
    interview = current.interview
    page_layout = layout(current.instrument, shown)
    form = build_page_form(shown.items, formdata)
    form.version.data = str(interview.version)
    form.interview.data = interview.uuid
    summary = attach_errors(form, errors, shown.items)
    previous = _neighbour(ids, shown.id, -1)
    return _render(
        "respond/page.html",
        interview.language,
        200,
        form=form,
        page=shown,
        layout=page_layout,
        summary=summary,
        position=ids.index(shown.id) + 1,
        total=len(ids),
        previous_url=_page_url(previous) if previous else None,
        last=_neighbour(ids, shown.id, 1) is None,
        context=script_context(current.instrument, engine, page_layout, interview.answers),
        title=title_in(current.instrument, interview.language),
    )


# --- leaving, coming back, finishing -------------------------------------------------------


@bp.get("/save")
def saved() -> ResponseReturnValue:
    """Answers saved: how to come back (the resume code for open links)."""
    current = _require_current()
    if not isinstance(current, Current):
        return current
    interview = current.interview
    if interview.status is not InterviewStatus.in_progress:
        return redirect(url_for("respond.done"))
    state = respondent_state.load()
    resume_code = None
    if interview.sample_unit_id is None:
        resume_code = state.resume_code
        if resume_code is None:
            # This browser never saw the code (the hash cannot be reversed): issue a new one.
            resume_code = interview_service.new_resume_code(interview)
            db.session.commit()
            state.resume_code = resume_code
            respondent_state.store(state)
    return _render("respond/saved.html", interview.language, 200, form=EmptyForm(),
                   resume_code=resume_code,
                   resume_url=url_for("respond.resume", slug=current.wave.slug, _external=True))


@bp.post("/leave")
def leave() -> ResponseReturnValue:
    """Forget the interview on this device (shared phones); the answers stay saved."""
    language = _ui_language()
    respondent_state.clear()
    return _message("left_title", "left_body", 200, language)


@bp.get("/done")
def done() -> ResponseReturnValue:
    state = respondent_state.load()
    language = _ui_language()
    if state.done is None:
        current = _current()
        if current is None or current.interview.status is InterviewStatus.in_progress:
            return _message("done_title", "done_none", 200, language)
    if state.language in UI_LANGUAGES:
        language = str(state.language)
    return _message("done_title", "done_body", 200, language)


# --- the expression evaluator, from its one source ------------------------------------------

_EXPRESSIONS_JS: tuple[bytes, str] | None = None


def _expressions_js() -> tuple[bytes, str]:
    global _EXPRESSIONS_JS
    if _EXPRESSIONS_JS is None:
        body = resources.files("questionnaires").joinpath("js/expressions.js").read_bytes()
        _EXPRESSIONS_JS = (body, hashlib.sha256(body).hexdigest()[:16])
    return _EXPRESSIONS_JS


@bp.get("/expressions.js")
def expressions_js() -> ResponseReturnValue:
    """questionnaires/js/expressions.js, read from the installed package (never copied)."""
    body, etag = _expressions_js()
    response = Response(body, mimetype="text/javascript")
    response.set_etag(etag)
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response.make_conditional(request)


def expressions_version() -> str:
    return _expressions_js()[1]


_asset_versions: dict[str, str] = {}


@bp.app_template_global()
def respond_asset(filename: str) -> str:
    """URL of a respondent asset with a content hash, so it can be cached for good."""
    if filename == "expressions.js":
        return url_for("respond.expressions_js", v=expressions_version())
    version = _asset_versions.get(filename)
    if version is None:
        assert bp.static_folder is not None
        body = (Path(bp.root_path) / bp.static_folder / filename).read_bytes()
        version = _asset_versions.setdefault(filename, hashlib.sha256(body).hexdigest()[:16])
    return url_for("respond.static", filename=filename, v=version)
