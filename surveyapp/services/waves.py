"""Waves: creation, status changes and field work settings."""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata
from collections.abc import Mapping, Sequence

import sqlalchemy as sa

from ..models import (
    Area,
    IndicatorInterviews,
    InstrumentVersion,
    Interview,
    Mode,
    SelectionMethod,
    User,
    Wave,
    WaveStatus,
)
from ..security import direction_control
from ..service_texts import Problem
from . import DBSession, audit
from .users import UserError

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,62}[a-z0-9])$")
#: The longest support note of one language, in characters (line breaks count as one).
SUPPORT_NOTE_MAX = 500


class WaveError(UserError):
    """A wave setting is not acceptable; ``field`` names it."""


def slugify(text: str) -> str:
    """A URL-safe slug from a name: ascii, lower-case, hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:48].strip("-")


def unique_slug(session: DBSession, name: str) -> str:
    """A slug from the name, with a random suffix when it is taken or too short."""
    base = slugify(name)
    if len(base) >= 3 and not _slug_taken(session, base):
        return base
    while True:
        candidate = f"{base or 'wave'}-{secrets.token_hex(3)}"
        if not _slug_taken(session, candidate):
            return candidate


def _slug_taken(session: DBSession, slug: str) -> bool:
    return session.scalar(sa.select(Wave.id).where(Wave.slug == slug)) is not None


def create_wave(
    session: DBSession,
    *,
    name: str,
    instrument_version: InstrumentVersion,
    reference_start: dt.date,
    reference_end: dt.date,
    slug: str | None = None,
    fieldwork_start: dt.date | None = None,
    fieldwork_end: dt.date | None = None,
    languages: Sequence[str] | None = None,
    modes: Sequence[Mode] = (Mode.web,),
    invitation_required: bool = True,
    status: WaveStatus = WaveStatus.draft,
    public_report: bool = False,
    areas: Sequence[Area] = (),
    created_by: User | None = None,
    support_notes: Mapping[str, str | None] | None = None,
) -> Wave:
    """Create a wave; raises WaveError naming the field for any bad setting."""
    name = name.strip()
    if not name:
        raise WaveError("name", Problem("wave_name_missing"))
    char = direction_control(name)  # the staff form's rule (security.py), for every caller
    if char is not None:
        raise WaveError("name", Problem("direction_control", char=char))
    if slug:
        slug = slug.strip().lower()
        if not SLUG_RE.match(slug):
            raise WaveError("slug", Problem("wave_slug_format"))
        if _slug_taken(session, slug):
            raise WaveError("slug", Problem("wave_slug_taken"))
    else:
        slug = unique_slug(session, name)
    if reference_end < reference_start:
        raise WaveError("reference_end", Problem("wave_reference_order"))
    if fieldwork_start and fieldwork_end and fieldwork_end < fieldwork_start:
        raise WaveError("fieldwork_end", Problem("wave_fieldwork_order"))
    available = list(instrument_version.languages)
    chosen = list(languages) if languages else available
    unknown = [lang for lang in chosen if lang not in available]
    if unknown:
        raise WaveError(
            "languages",
            Problem(
                "wave_languages_unknown", unknown=", ".join(unknown), available=", ".join(available)
            ),
        )
    if not modes:
        raise WaveError("modes", Problem("wave_modes_missing"))
    notes = clean_support_notes(support_notes or {}, chosen)
    wave = Wave(
        name=name,
        slug=slug,
        instrument_version=instrument_version,
        reference_start=reference_start,
        reference_end=reference_end,
        fieldwork_start=fieldwork_start,
        fieldwork_end=fieldwork_end,
        languages=chosen,
        modes=[Mode(m).value for m in modes],
        invitation_required=invitation_required,
        status=status,
        public_report=public_report,
        support_notes=notes,
        created_by_id=created_by.id if created_by else None,
    )
    wave.areas = list(areas)
    session.add(wave)
    session.flush()
    audit.record(
        session,
        "wave.create",
        user=created_by,
        object_type="wave",
        object_id=wave.id,
        details={"slug": slug, "instrument_version_id": instrument_version.id},
    )
    return wave


def set_status(
    session: DBSession, wave: Wave, status: WaveStatus, *, by: User | None = None
) -> None:
    """Open, close or reopen a wave (draft only before it was ever opened)."""
    if status is WaveStatus.draft and wave.status is not WaveStatus.draft:
        raise WaveError("status", Problem("wave_back_to_draft"))
    old = wave.status
    wave.status = status
    session.flush()
    audit.record(
        session,
        "wave.set_status",
        user=by,
        object_type="wave",
        object_id=wave.id,
        details={"from": old.value, "to": status.value},
    )


def set_field_settings(
    session: DBSession,
    wave: Wave,
    *,
    by: User | None = None,
    selection_method: SelectionMethod | None = None,
    indicator_interviews: IndicatorInterviews | None = None,
) -> None:
    """The within-household selection method and which interviews feed indicators (issue 9).

    The method cannot change once an interview of the wave carries a household selection:
    devices drew with the old one and the server would refuse their uploads.
    """
    changes: dict[str, str] = {}
    if selection_method is not None and selection_method is not wave.selection_method:
        drawn = session.scalar(
            sa.select(Interview.id)
            .where(Interview.wave_id == wave.id, Interview.household.is_not(None))
            .limit(1)
        )
        if drawn is not None:
            raise WaveError(
                "selection_method",
                Problem("wave_selection_fixed", method=wave.selection_method.value),
            )
        changes["selection_method"] = selection_method.value
        wave.selection_method = selection_method
    if indicator_interviews is not None and indicator_interviews is not wave.indicator_interviews:
        changes["indicator_interviews"] = indicator_interviews.value
        wave.indicator_interviews = indicator_interviews
    if not changes:
        return
    session.flush()
    audit.record(
        session,
        "wave.field_settings",
        user=by,
        object_type="wave",
        object_id=wave.id,
        details=changes,
    )


def support_note_problem(text: str) -> Problem | None:
    """What is wrong with one language's support note (as :func:`clean_support_note` keeps
    it), or None: the one rule of the staff form, the services and scripts."""
    if len(text) > SUPPORT_NOTE_MAX:
        return Problem("support_note_too_long", n=SUPPORT_NOTE_MAX, length=len(text))
    if "\x00" in text:
        return Problem("support_note_nul")
    char = direction_control(text)  # shown on respondents' pages: nothing may reorder them
    if char is not None:
        return Problem("direction_control", char=char)
    return None


def clean_support_note(text: str | None) -> str:
    """A typed note as stored: line breaks as ``\\n`` (browsers send ``\\r\\n``), no space
    around it; "" for nothing."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def support_note_field(language: str) -> str:
    """The form field (and WaveError field) of a language's support note."""
    return f"support_note_{language}"


def clean_support_notes(
    notes: Mapping[str, str | None], languages: Sequence[str]
) -> dict[str, str] | None:
    """The notes as stored (:func:`clean_support_note`; empty ones left out), or None when
    there is none. WaveError (field ``support_note_<language>``) for a note over
    :data:`SUPPORT_NOTE_MAX` characters, with a NUL or a direction control, or in a
    language the wave does not offer."""
    kept: dict[str, str] = {}
    for language, raw in notes.items():
        if raw is not None and not isinstance(raw, str):
            raise WaveError(support_note_field(str(language)), Problem("support_note_not_text"))
        text = clean_support_note(raw)
        if not text:
            continue
        field = support_note_field(language)
        if language not in languages:
            raise WaveError(
                field,
                Problem(
                    "support_note_language",
                    language=language,
                    available=", ".join(languages),
                ),
            )
        problem = support_note_problem(text)
        if problem is not None:
            raise WaveError(field, problem)
        kept[language] = text
    return kept or None


def set_support_notes(
    session: DBSession,
    wave: Wave,
    notes: Mapping[str, str | None],
    *,
    by: User | None = None,
) -> None:
    """Replace the wave's support notes ({language: text}; a language left out or empty
    has none). Respondents see the note of their interview's language on the survey's end
    page, the thank-you page and the page after saving for later."""
    kept = clean_support_notes(notes, list(wave.languages))
    if kept == wave.support_notes:
        return
    wave.support_notes = kept
    session.flush()
    audit.record(
        session,
        "wave.support_notes",
        user=by,
        object_type="wave",
        object_id=wave.id,
        details={"languages": sorted(kept or {})},
    )


def find_wave_by_slug(session: DBSession, slug: str) -> Wave | None:
    return session.scalar(sa.select(Wave).where(Wave.slug == slug))
