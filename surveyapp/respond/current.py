"""The interview of this browser, and where in it the respondent may go.

The interview is found through the signed session cookie (its uuid). Pages up
to the furthest one reached may be opened; going back never moves it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import (
    g,
    redirect,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from sqlalchemy.orm.attributes import set_committed_value

from questionnaires.engine import Interview as EngineInterview
from questionnaires.model import Instrument

from ..extensions import db
from ..i18n import default_language, pick_language
from ..models import (
    InstrumentVersion,
    Interview,
    Wave,
)
from ..services.instruments import cached_version, instrument_of
from ..services.interviews import InterviewRow
from . import state as respondent_state
from .pages import engine_for
from .texts import UI_LANGUAGES
from .views import render, version_of


@dataclass(slots=True)
class WaveRow:
    """What the respondent's pages read of the wave (with the interview, in one Core row)."""

    id: int
    slug: str
    reference_start: dt.date
    reference_end: dt.date
    instrument_version_id: int
    #: {language: text}, or None: read with the row the page reads anyway (one small JSON
    #: value, NULL for most waves) rather than by a query of its own on the pages showing it
    support_notes: dict[str, str] | None


#: The interview of a page request is a Core row; entry pages hand over the ORM instances
#: they created or found. Both have the attributes the pages read.
AnyInterview = Interview | InterviewRow
AnyWave = Wave | WaveRow


@dataclass
class Current:
    """The interview of this browser with its wave and loaded instrument."""

    interview: AnyInterview
    wave: AnyWave
    instrument: Instrument
    content_hash: str

    def engine(self) -> EngineInterview:
        return engine_for(self.instrument, self.interview, self.wave)

    def document(self) -> dict[str, Any]:
        """The instrument document (kept per process with the loaded instrument)."""
        cached = cached_version(self.content_hash)
        if cached is None:
            version = db.session.get(InstrumentVersion, self.interview.instrument_version_id)
            assert version is not None  # a foreign key
            instrument_of(version)
            return dict(version.document)
        return cached.document


#: Execution options of a request that only reads: no transaction is opened, so PostgreSQL
#: is spared the BEGIN and the ROLLBACK around the one SELECT (two of a page view's three
#: round trips; each costs the worker about as much CPU as the query).
READ_ONLY = {"isolation_level": "AUTOCOMMIT"}


def load_current(*, read_only: bool = False) -> Current | None:
    """The interview the session cookie points to, or None (cached for the request).

    One Core SELECT of the columns the pages read, into plain objects
    (:class:`InterviewRow`, :class:`WaveRow`): ORM instances of the three rows cost
    about as much again as the query. The instrument is kept per process by content
    hash, so its large document is never read here (but once per process).
    ``read_only``: the read runs without a transaction (:data:`READ_ONLY`); the
    request writes nothing, or only single statements, or commits the session first so
    that its writes run in a transaction of their own (routes._save). A read-only GET
    reads on a pooled connection of its own, outside the ORM session.
    """
    if "respond_current" in g:
        found: Current | None = g.respond_current
        return found
    g.respond_current = None
    uuid = respondent_state.load().interview
    if not uuid or not isinstance(uuid, str):
        return None
    if read_only and request.method in ("GET", "HEAD"):
        # Showing a page writes nothing: one connection from the pool, without the ORM
        # session (its transaction bookkeeping costs about as much again as the read).
        with db.engine.connect().execution_options(**READ_ONLY) as own:
            row = own.execute(_current_statement(), {"uuid": uuid}).first()
    else:
        connection = db.session.connection(execution_options=READ_ONLY if read_only else None)
        row = connection.execute(_current_statement(), {"uuid": uuid}).first()
    if row is None:
        return None
    interview = InterviewRow(*row[:_INTERVIEW_WIDTH])
    wave = WaveRow(*row[_INTERVIEW_WIDTH:-1])
    content_hash = row[-1]
    cached = cached_version(content_hash)
    if cached is not None:
        instrument = cached.instrument
    else:
        version = db.session.get(InstrumentVersion, interview.instrument_version_id)
        assert version is not None  # a foreign key
        instrument = instrument_of(version)  # loads the document once per process
    g.respond_current = Current(interview, wave, instrument, content_hash)
    return g.respond_current


#: The columns respondent pages read, in the order of InterviewRow and WaveRow's fields
#: (tests/surveyapp/test_respond.py checks that a page runs no other query).
INTERVIEW_COLUMNS = (
    Interview.id,
    Interview.uuid,
    Interview.wave_id,
    Interview.sample_unit_id,
    Interview.instrument_version_id,
    Interview.status,
    Interview.language,
    Interview.answers,
    Interview.last_section,
    Interview.resume_code_hash,
    Interview.version,
)
WAVE_COLUMNS = (
    Wave.id,
    Wave.slug,
    Wave.reference_start,
    Wave.reference_end,
    Wave.instrument_version_id,
    Wave.support_notes,
)
_INTERVIEW_WIDTH = len(INTERVIEW_COLUMNS)


@functools.cache
def _current_statement() -> sa.Select[Any]:
    """The interview with its wave and version hash, by uuid: built once (SQLAlchemy then
    reuses its compiled form), as building it costs more than running it."""
    return (
        sa.select(*INTERVIEW_COLUMNS, *WAVE_COLUMNS, InstrumentVersion.content_hash)
        .join(Wave, Interview.wave_id == Wave.id)
        .join(InstrumentVersion, Interview.instrument_version_id == InstrumentVersion.id)
        .where(Interview.uuid == sa.bindparam("uuid"))
    )


def attach(interview: Interview, wave: Wave, version: InstrumentVersion) -> Current:
    cached = cached_version(version.content_hash)
    if cached is None:
        instrument = instrument_of(version)  # loads the document once per process
    else:
        instrument = cached.instrument
        set_committed_value(version, "document", cached.document)
    set_committed_value(interview, "instrument_version", version)
    return Current(interview, wave, instrument, version.content_hash)


def require_current(*, read_only: bool = False) -> Current | ResponseReturnValue:
    current = load_current(read_only=read_only)
    if current is None:
        if respondent_state.load().done:
            return redirect(url_for("respond.done"))
        return message_page("expired_title", "expired_body", 200)
    return current


def page_url(page_id: str) -> str:
    return url_for("respond.page", page_id=page_id)


def page_index(ids: list[str], page_id: str | None) -> int:
    return ids.index(page_id) if page_id in ids else -1


def current_page(engine: EngineInterview, interview: AnyInterview) -> str:
    """Where the respondent goes on: the furthest page reached, if still asked."""
    ids = engine.page_ids()
    if interview.last_section in ids:
        return str(interview.last_section)
    return engine.first_unfinished() or ids[-1]


def reachable(
    engine: EngineInterview, ids: list[str], interview: AnyInterview, page_id: str
) -> bool:
    """Pages up to the furthest one reached (or the first unfinished one) may be opened."""
    limit = page_index(ids, interview.last_section)
    if limit < 0:
        limit = page_index(ids, engine.first_unfinished() or ids[-1])
    return page_index(ids, page_id) <= limit


def furthest(ids: list[str], last: str | None, reached: str) -> str:
    return (
        last if last is not None and page_index(ids, last) > page_index(ids, reached) else reached
    )


def current_for(interview: Interview, wave: Wave) -> Current:
    return attach(interview, wave, version_of(wave))


def neighbour(ids: list[str], page_id: str, step: int) -> str | None:
    at = ids.index(page_id) + step
    return ids[at] if 0 <= at < len(ids) else None


def ui_language() -> str:
    current = load_current()
    if current is not None:
        return current.interview.language
    return pick_language(UI_LANGUAGES, default_language())


def message_page(
    title_key: str, body_key: str, status: int = 200, language: str | None = None, **values: Any
) -> ResponseReturnValue:
    language = language or ui_language()
    return render(
        "respond/message.html", language, status, title_key=title_key, body_key=body_key, **values
    )
