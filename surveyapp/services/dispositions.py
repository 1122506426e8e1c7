"""A sample unit's final AAPOR disposition, derived from its contact attempts and interviews.

The rule (documented in ``surveyapp/docs/fieldwork.md``, "Dispositions"), first match wins:

1. an interview of the unit is completed: 1.1 complete;
2. an interview was broken off after real answers: 1.2 partial; before any: 2.10 break-off;
3. an attempt found the unit not eligible (vacant, not a dwelling): 4.x not eligible;
4. an attempt was a refusal: 2.10 refusal;
5. an attempt ended as other, language or incapacity: 2.30 other;
6. attempts were no contact or an appointment never kept: 2.20 non-contact
   (AAPOR 2.21/2.24: the household or the selected adult never available);
7. no attempt and no interview: none (never worked); the rates count it as 3.x unknown
   eligibility when the unit was released to an interviewer.

Interviews in progress (web) count for nothing. ``refresh_disposition`` stores the result on the
unit (and the unit's field status when no interview set it), so the dashboard reads one column.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from analysis.response_rates import DispositionCounts

from ..models import (
    AttemptOutcome,
    ContactAttempt,
    Disposition,
    Interview,
    InterviewStatus,
    SampleUnit,
    SampleUnitStatus,
)
from . import DBSession

#: Attempt outcomes in the order the rule tries them, with the disposition each gives.
ATTEMPT_RULE: tuple[tuple[frozenset[AttemptOutcome], Disposition], ...] = (
    (frozenset({AttemptOutcome.not_eligible}), Disposition.not_eligible),
    (frozenset({AttemptOutcome.refusal}), Disposition.refusal),
    (
        frozenset({AttemptOutcome.other, AttemptOutcome.language, AttemptOutcome.incapacity}),
        Disposition.other,
    ),
    (frozenset({AttemptOutcome.no_contact, AttemptOutcome.appointment}), Disposition.noncontact),
)
#: Interview dispositions in the order the rule tries them.
INTERVIEW_RULE = (Disposition.complete, Disposition.partial, Disposition.refusal)


def interview_outcome(*, completed: bool, answered: bool) -> tuple[InterviewStatus, Disposition]:
    """How an interview that ends is recorded (:data:`INTERVIEW_RULE`): completed, complete
    (AAPOR 1.1); else abandoned, partial (1.2) after real answers, or a refusal or break-off
    (2.10) without any. The one home of this rule: web completion and abandonment
    (services/interviews.py) and tablet uploads, new or revised (services/fieldwork.py)."""
    if completed:
        return InterviewStatus.completed, Disposition.complete
    return InterviewStatus.abandoned, Disposition.partial if answered else Disposition.refusal


#: The field status a disposition from attempts alone gives a unit.
UNIT_STATUS = {
    Disposition.not_eligible: SampleUnitStatus.ineligible,
    Disposition.refusal: SampleUnitStatus.refused,
    Disposition.other: SampleUnitStatus.other,
    Disposition.noncontact: SampleUnitStatus.noncontact,
}
#: Unit statuses that only attempts set (interviews set started, completed, partial).
ATTEMPT_STATUSES = frozenset({SampleUnitStatus.pending, *UNIT_STATUS.values()})
#: AAPOR's numbering and a short name of each disposition, for pages and the API.
AAPOR_CODE = {
    Disposition.complete: ("1.1", "complete"),
    Disposition.partial: ("1.2", "partial"),
    Disposition.refusal: ("2.10", "refusal or break-off"),
    Disposition.noncontact: ("2.20", "non-contact"),
    Disposition.other: ("2.30", "other"),
    Disposition.unknown_eligibility: ("3.x", "unknown eligibility"),
    Disposition.not_eligible: ("4.x", "not eligible"),
}


def derive_disposition(
    interview_dispositions: Iterable[int | None], outcomes: Iterable[AttemptOutcome]
) -> Disposition | None:
    """The rule above, from the dispositions of the unit's finished interviews and the outcomes
    of its attempts (any order)."""
    found = {d for d in interview_dispositions if d is not None}
    for disposition in INTERVIEW_RULE:
        if int(disposition) in found:
            return disposition
    seen = set(outcomes)
    for group, disposition in ATTEMPT_RULE:
        if seen & group:
            return disposition
    return None


def refresh_disposition(session: DBSession, unit: SampleUnit) -> Disposition | None:
    """Derive and store the unit's disposition (flushes)."""
    session.flush()
    disposition = stored_disposition(session, unit.id)
    unit.disposition = int(disposition) if disposition is not None else None
    status = status_after(disposition, unit.status)
    if status is not unit.status:
        unit.status = status
    session.flush()
    return disposition


def stored_disposition(session: DBSession, unit_id: int) -> Disposition | None:
    """The rule for the unit as the database holds it now (two SELECTs, no flush: the caller
    has written what must count, e.g. the tablet upload's Core statements)."""
    interviews = session.scalars(
        sa.select(Interview.disposition).where(
            Interview.sample_unit_id == unit_id, Interview.status != InterviewStatus.in_progress
        )
    )
    outcomes = session.scalars(
        sa.select(ContactAttempt.outcome).where(ContactAttempt.sample_unit_id == unit_id)
    )
    return derive_disposition(list(interviews), list(outcomes))


def status_after(disposition: Disposition | None, status: SampleUnitStatus) -> SampleUnitStatus:
    """The unit's field status once the rule gave ``disposition``: the one a disposition from
    attempts alone stands for, unless an interview set the status (started, completed,
    partial)."""
    if disposition is not None and disposition in UNIT_STATUS and status in ATTEMPT_STATUSES:
        return UNIT_STATUS[disposition]
    return status


def aapor_code(code: int | None) -> dict[str, str] | None:
    """{"code": "2.20", "name": "non-contact", "value": "220"}-like description, or None."""
    if code is None:
        return None
    number, name = AAPOR_CODE[Disposition(code)]
    return {"code": number, "name": name}


def tally(rows: Iterable[tuple[int | None, int]]) -> DispositionCounts:
    """Counts for the AAPOR rates from (stored disposition, number of units) of released units;
    a unit never worked (none) counts as 3.x unknown eligibility."""
    counts = dict.fromkeys(
        ("complete", "partial", "refusal", "noncontact", "other", "unknown", "not_eligible"), 0
    )
    names = {
        110: "complete",
        120: "partial",
        210: "refusal",
        220: "noncontact",
        230: "other",
        310: "unknown",
        410: "not_eligible",
    }
    for code, number in rows:
        counts[names.get(code or 310, "unknown")] += number
    return DispositionCounts(**counts)


#: The disposition a unit's field status stands for when no disposition is stored (web waves,
#: and units of tablet waves worked before dispositions were stored).
STATUS_DISPOSITION = {
    SampleUnitStatus.completed: Disposition.complete,
    SampleUnitStatus.partial: Disposition.partial,
    SampleUnitStatus.refused: Disposition.refusal,
    SampleUnitStatus.noncontact: Disposition.noncontact,
    SampleUnitStatus.other: Disposition.other,
    SampleUnitStatus.ineligible: Disposition.not_eligible,
}


def unit_disposition() -> sa.ColumnElement[int]:
    """SQL: the unit's stored disposition, else the one its status stands for (NULL: 3.x)."""
    return sa.func.coalesce(
        SampleUnit.disposition,
        sa.case(
            *(
                (SampleUnit.status == status, int(code))
                for status, code in STATUS_DISPOSITION.items()
            ),
            else_=sa.null(),
        ),
    )


#: The methodology annex's sentence on e, per language ({e} a percentage with its sign, as
#: analysis.i18n.format_percent writes it in that language; {how} in English words is not
#: shown: the estimate is always the proportional one there).
E_NOTE = {
    "es": "La RR3 cuenta las unidades de elegibilidad desconocida con e = {e}, la proporción de elegibles entre las unidades de elegibilidad conocida.",
    "en": "RR3 counts the units of unknown eligibility with e = {e}, the eligible share among the units whose eligibility is known.",
    "pt": "A RR3 conta as unidades de elegibilidade desconhecida com e = {e}, a proporção de elegíveis entre as unidades de elegibilidade conhecida.",
    "fr": "Le RR3 compte les unités d'éligibilité inconnue avec e = {e}, la part d'éligibles parmi les unités d'éligibilité connue.",
}
