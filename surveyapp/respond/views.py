"""Rendering respondent pages in their language, and choosing that language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import (
    render_template,
)
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import defer, joinedload
from sqlalchemy.orm.attributes import set_committed_value

from ..extensions import db
from ..i18n import pick_language
from ..models import (
    InstrumentVersion,
    Wave,
)
from .texts import text


def version_of(wave: Wave) -> InstrumentVersion:
    """The wave's instrument version row without its large document (see attach): read once
    per request (a page asks for it up to three times: its language, its title, the interview),
    then kept on the wave until the session's next commit expires it."""
    loaded = sa.inspect(wave).attrs.instrument_version.loaded_value
    if isinstance(loaded, InstrumentVersion):
        return loaded
    version = db.session.scalar(
        sa.select(InstrumentVersion)
        .options(defer(InstrumentVersion.document))
        .where(InstrumentVersion.id == wave.instrument_version_id)
    )
    assert version is not None  # a foreign key
    set_committed_value(wave, "instrument_version", version)
    return version


def wave_language(wave: Wave) -> str:
    return pick_language(wave.languages, version_of(wave).default_language)


def translator(language: str) -> Callable[..., str]:
    """``t(key, **values)``: the respondent texts in ``language`` (respond/texts.py)."""

    def t(key: str, **more: object) -> str:
        return text(key, language, **more)

    return t


def render(template: str, language: str, status: int = 200, **values: Any) -> ResponseReturnValue:
    return render_template(template, lang=language, t=translator(language), **values), status


def support_note(wave: Any, language: str) -> str | None:
    """The wave's support contacts in ``language`` (waves.support_notes), or None: then the
    page shows nothing of its own and the questionnaire's sentence stays alone. ``wave`` is
    a :class:`Wave` or the pages' ``WaveRow``."""
    notes = wave.support_notes if wave is not None else None
    if not isinstance(notes, dict):
        return None
    note = notes.get(language)
    return note if isinstance(note, str) and note else None


def survey_title_and_support(slug: object, language: str) -> tuple[str, str | None]:
    """The title of the questionnaire of wave ``slug`` in ``language`` ("Survey" if unknown)
    and the wave's support contacts in it (:func:`support_note`), with one SELECT.

    ``slug`` comes from the session cookie: anything but a string is unknown."""
    wave = (
        db.session.scalar(
            sa.select(Wave)
            .options(joinedload(Wave.instrument_version).defer(InstrumentVersion.document))
            .where(Wave.slug == slug)
        )
        if isinstance(slug, str) and slug
        else None
    )
    if wave is None:
        return text("survey", language), None
    return version_of(wave).title_in(language), support_note(wave, language)
