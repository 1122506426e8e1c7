"""Question pages, saving for later, leaving and the thank-you page.

A post is applied to the stored answers by the engine; if that changes nothing
(a refresh, a double click, a re-post of a page already saved) nothing is
written and the respondent is sent on. See surveyapp/docs/respond.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import (
    current_app,
    flash,
    redirect,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from markupsafe import Markup, escape
from sqlalchemy.orm.exc import StaleDataError

from questionnaires.engine import FieldError, Page, PageNotFound
from questionnaires.engine import Interview as EngineInterview

from ..extensions import db, relax_next_commit
from ..models import (
    Interview,
    InterviewStatus,
)
from ..services import interviews as interview_service
from ..services.interviews import InterviewRow
from . import state as respondent_state
from .blueprint import bp, error_page
from .current import (
    Current,
    current_page,
    furthest,
    load_current,
    message_page,
    neighbour,
    page_url,
    reachable,
    require_current,
    ui_language,
)
from .forms import (
    EmptyForm,
    attach_errors,
    engine_input,
    page_fields,
    stored_formdata,
)
from .html import respond_page
from .pages import layout, progress, script_context, title_in
from .texts import UI_LANGUAGES, text
from .views import render, support_note, survey_title_and_support, translator


@bp.get("/continue")
def continue_survey() -> ResponseReturnValue:
    """Back to where the respondent was."""
    current = require_current()
    if not isinstance(current, Current):
        return current
    if current.interview.status is not InterviewStatus.in_progress:
        return redirect(url_for("respond.done"))
    return redirect(page_url(current_page(current.engine(), current.interview)))


@bp.route("/p/<path:page_id>", methods=["GET", "POST"])
def page(page_id: str) -> ResponseReturnValue:
    """One engine page: show it with the stored answers, or apply what was posted."""
    # Read outside a transaction: showing a page writes nothing, and a save of one statement
    # (the interview row, checked against its version) needs none (_save).
    current = require_current(read_only=True)
    if not isinstance(current, Current):
        return current
    interview = current.interview
    if interview.status is not InterviewStatus.in_progress:
        return redirect(url_for("respond.done"))
    engine = current.engine()
    try:
        shown = engine.page(page_id)
    except PageNotFound:
        return error_page(404, "not_found")
    ids = engine.page_ids()
    if not reachable(engine, ids, interview, page_id):
        return redirect(page_url(current_page(engine, interview)))
    if request.method == "GET":
        formdata = stored_formdata(shown.items, interview.version, interview.uuid)
        return _render_page(current, engine, ids, shown, formdata, [])
    if (
        request.form.get("interview") != interview.uuid
        or not request.form.get("version", "").isdecimal()
    ):
        return message_page("survey", "other_interview", 409)
    return _apply(current, engine, ids, shown)


def _apply(
    current: Current, engine: EngineInterview, ids: list[str], shown: Page
) -> ResponseReturnValue:
    interview = current.interview
    before = interview.answers  # as stored (the engine copies it; nothing here changes it)
    raw = engine_input(shown.items, request.form)
    errors = engine.apply_page(shown.id, raw)
    saving_for_later = request.form.get("action") == "save"
    if errors:
        if saving_for_later and not any(raw.values()):
            return redirect(url_for("respond.saved"))  # nothing typed here: nothing to lose
        if saving_for_later:
            # What was typed would be dropped: the page comes back with it, says what to
            # correct, and how to leave without it (the resume code is on the saved page).
            link = Markup('<a href="{}">{}</a>').format(
                url_for("respond.saved"), text("not_saved_leave", interview.language)
            )
            flash(Markup(escape(text("not_saved", interview.language))).format(link=link), "error")
        return _render_page(current, engine, ids, shown, request.form, errors)
    ids = engine.page_ids()  # the answers may have added or removed pages
    next_id = neighbour(ids, shown.id, 1)
    answers = engine.answers
    if next_id is None and not saving_for_later:
        return _finish(current, engine, before, answers)
    reached = furthest(ids, interview.last_section, next_id or shown.id)
    changed = answers != before or reached != interview.last_section
    if changed and not _save(current, answers, reached, durable=saving_for_later):
        return redirect(page_url(shown.id))
    if saving_for_later:
        return redirect(url_for("respond.saved"))
    assert next_id is not None
    return redirect(page_url(next_id))


def _save(
    current: Current,
    answers: dict[str, Any],
    last_section: str,
    then: Callable[[Interview], None] | None = None,
    *,
    durable: bool = True,
) -> bool:
    """Write the answers; False if another request saved this interview in between.

    A page saved on the way (``durable`` false) may be committed without syncing the
    database to disk (``RESPOND_PAGE_SYNC``, see surveyapp/docs/respond.md); leaving
    with "Save and continue later" and finishing always are. ``then`` gets the ORM
    interview, read after the save, for what is done in the same transaction."""
    interview = current.interview
    assert isinstance(interview, InterviewRow)  # what the pages read (load_current)
    try:
        if then is not None or not interview_service.save_row_is_one_statement(
            interview, answers, content_hash=current.content_hash, document=current.document()
        ):
            # The page was read outside a transaction (load_current): a save of several
            # statements runs in one, on the connection the session takes next (ending the
            # read writes nothing: nothing was written).
            db.session.rollback()
            db.session.connection()
        if not durable and page_sync() == "NORMAL":
            relax_next_commit(db.session)
        interview_service.save_row(
            db.session,
            interview,
            answers,
            last_section=last_section,
            content_hash=current.content_hash,
            document=current.document(),
        )
        if then is not None:
            then(orm_interview(current))
        db.session.commit()
        return True
    except (StaleDataError, interview_service.InterviewError):
        db.session.rollback()
        return False


def orm_interview(current: Current, *, same_version: bool = True) -> Interview:
    """The ORM instance of the current interview (read now if the page has only its row),
    for the rarer changes made through the ORM: completing it, a new resume code.
    StaleInterview if ``same_version`` and it was saved since its row was read."""
    interview = current.interview
    if isinstance(interview, Interview):
        return interview
    found = db.session.get(Interview, interview.id)
    if found is None or (same_version and found.version != interview.version):
        raise interview_service.StaleInterview("the interview was saved elsewhere")
    return found


def page_sync() -> str:
    """How page-by-page saves are committed on SQLite in WAL mode (setting in config.py)."""
    value = str(current_app.config["RESPOND_PAGE_SYNC"]).upper()
    if value not in ("NORMAL", "FULL"):
        raise ValueError(f"RESPOND_PAGE_SYNC must be NORMAL or FULL, not {value!r}")
    return value


def _finish(
    current: Current, engine: EngineInterview, before: dict[str, Any], answers: dict[str, Any]
) -> ResponseReturnValue:
    interview = current.interview
    if not engine.is_complete():
        if answers != before:
            _save(current, answers, interview.last_section or engine.page_ids()[-1], durable=False)
        flash(text("not_complete", interview.language), "error")
        return redirect(page_url(engine.first_unfinished() or engine.page_ids()[0]))

    # The resume code's hash stays: a respondent who lost the thank-you page and types the
    # code again is told the answers were received (not "invalid", which invites a second interview).
    def complete(orm: Interview) -> None:
        interview_service.complete_interview(db.session, orm)

    if not _save(current, answers, engine.page_ids()[-1], then=complete):
        return redirect(url_for("respond.continue_survey"))
    state = respondent_state.load()
    respondent_state.store(
        respondent_state.RespondentState(done=state.wave, language=interview.language)
    )
    return redirect(url_for("respond.done"))


def _render_page(
    current: Current,
    engine: EngineInterview,
    ids: list[str],
    shown: Page,
    formdata: Any,
    errors: list[FieldError],
) -> ResponseReturnValue:
    interview = current.interview
    page_layout = layout(current.instrument, shown)
    form = page_fields(shown.items, formdata)
    form.version.data = str(interview.version)
    form.interview.data = interview.uuid
    summary = attach_errors(form, errors, shown.items, interview.language)
    previous = neighbour(ids, shown.id, -1)
    last = neighbour(ids, shown.id, 1) is None
    position, total = progress(current.instrument, shown)
    # Written in Python (respond/html.py, equal to the reference template respond/_page.html):
    # no template, so none of the app's template context (Flask-Login's current_user…) either.
    html = respond_page(
        lang=interview.language,
        t=translator(interview.language),
        form=form,
        page=shown,
        layout=page_layout,
        summary=summary,
        position=position,
        total=total,
        previous_url=page_url(previous) if previous else None,
        last=last,
        context=script_context(current.instrument, engine, page_layout, interview.answers),
        title=title_in(current.instrument, interview.language),
        # the end page, before "Submit my answers": the wave's support contacts (read with
        # the interview's row, no query of their own)
        support=support_note(current.wave, interview.language) if last else None,
    )
    return str(html), 200


# --- leaving, coming back, finishing -------------------------------------------------------


@bp.get("/save")
def saved() -> ResponseReturnValue:
    """Answers saved: how to come back (the resume code for open links)."""
    current = require_current()
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
            resume_code = interview_service.new_resume_code(
                orm_interview(current, same_version=False)
            )
            db.session.commit()
            state.resume_code = resume_code
            respondent_state.store(state)
    return render(
        "respond/saved.html",
        interview.language,
        200,
        form=EmptyForm(),
        title=title_in(current.instrument, interview.language),
        resume_code=resume_code,
        resume_url=url_for("respond.resume", slug=current.wave.slug, _external=True),
        support=support_note(current.wave, interview.language),
    )


@bp.post("/leave")
def leave() -> ResponseReturnValue:
    """Forget the interview on this device (shared phones); the answers stay saved."""
    language = ui_language()
    current = load_current()  # read by ui_language: the wave's support contacts come with it
    support = support_note(current.wave, language) if current is not None else None
    respondent_state.clear()
    return message_page("left_title", "left_body", 200, language, support=support)


@bp.get("/done")
def done() -> ResponseReturnValue:
    state = respondent_state.load()
    language = ui_language()
    if state.done is None:
        current = load_current()
        if current is None or current.interview.status is InterviewStatus.in_progress:
            return message_page("done_title", "done_none", 200, language)
    if state.language in UI_LANGUAGES:
        language = str(state.language)
    current = load_current()
    slug = state.done or (current.wave.slug if current is not None else None)
    title, support = survey_title_and_support(slug, language)
    return render("respond/done.html", language, 200, title=title, support=support)
