"""Supervisors' review of tablet interviews: the queue, one interview's answers, decisions.

Area scope as everywhere in management (services/scope.py): a supervisor limited to an area
sees and reviews the interviews of the units of that area and the areas below it.
Headquarters (survey managers, administrators) may reopen an approved interview; a supervisor
may not reject one (ODK Central, Survey Solutions).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from questionnaires.codebook import CodebookRow, codebook_rows
from questionnaires.engine.messages import special_label

from ..models import (
    Area,
    Interview,
    InterviewRevision,
    Mode,
    ReviewStatus,
    Role,
    SampleUnit,
    User,
    Wave,
    utcnow,
)
from ..service_texts import Problem
from . import DBSession, audit
from .fieldwork import review_interview
from .households import (
    RosterDisagreement,
    SelectedDisagreement,
    roster_disagreement_in,
    selected_person_disagreement_in,
)
from .instruments import instrument_of
from .users import UserError

#: Longest reason for reopening an interview (it goes to the audit log).
MAX_REASON = 2000

#: Who reviews (administrators always may).
REVIEWERS = (Role.supervisor, Role.survey_manager)
#: Who may reopen an approved interview.
HEADQUARTERS = (Role.survey_manager,)
#: Rows the queue shows at most (filters narrow it).
QUEUE_LIMIT = 500


@dataclasses.dataclass(frozen=True)
class QueueRow:
    uuid: str
    external_id: str | None
    area: str | None
    interviewer: str | None
    status: str  # completed / abandoned
    review_status: str | None
    revision: int | None
    received_at: dt.datetime
    eligible_adults: int | None
    draws: int | None
    #: When the latest revision was saved on the tablet, as sent (ISO 8601 with the device's
    #: UTC offset; None from an app that did not say): gives the device's offset.
    client_saved_at: str | None = None


def review_queue(
    session: DBSession,
    wave: Wave,
    *,
    within: Collection[int] | None,
    interviewer_id: int | None = None,
    area_id: int | None = None,
    review_status: ReviewStatus | None = None,
    uuids: Collection[str] | None = None,
    limit: int = QUEUE_LIMIT,
) -> list[QueueRow]:
    """The wave's received tablet interviews, newest first, filtered and scoped."""
    interviewer = aliased(User)
    query = (
        sa.select(
            Interview.uuid,
            SampleUnit.external_id,
            Area.name,
            interviewer.name,
            Interview.status,
            Interview.review_status,
            Interview.revision,
            InterviewRevision.received_at,
            Interview.eligible_adults,
            Interview.selection_draws,
            InterviewRevision.client_saved_at,
        )
        # the latest revision's arrival, not updated_at, which a review also moves
        .join(
            InterviewRevision,
            sa.and_(
                InterviewRevision.interview_id == Interview.id,
                InterviewRevision.number == Interview.revision,
            ),
        )
        .outerjoin(SampleUnit, SampleUnit.id == Interview.sample_unit_id)
        .outerjoin(Area, Area.id == SampleUnit.area_id)
        .outerjoin(interviewer, interviewer.id == Interview.interviewer_id)
        .where(
            Interview.wave_id == wave.id,
            Interview.mode == Mode.tablet,
            Interview.revision.is_not(None),
        )
        .order_by(InterviewRevision.received_at.desc(), Interview.id.desc())
        .limit(limit)
    )
    if within is not None:
        query = query.where(SampleUnit.area_id.in_(sorted(within)))
    if interviewer_id is not None:
        query = query.where(Interview.interviewer_id == interviewer_id)
    if area_id is not None:
        query = query.where(SampleUnit.area_id == area_id)
    if review_status is not None:
        query = query.where(Interview.review_status == review_status)
    if uuids is not None:
        query = query.where(Interview.uuid.in_(sorted(uuids)))
    return [
        QueueRow(
            uuid=row[0],
            external_id=row[1],
            area=row[2],
            interviewer=row[3],
            status=row[4].value,
            review_status=row[5].value if row[5] else None,
            revision=row[6],
            received_at=row[7],
            eligible_adults=row[8],
            draws=row[9],
            client_saved_at=row[10],
        )
        for row in session.execute(query)
    ]


def reviewable(
    session: DBSession, interview_uuid: str, *, within: Collection[int] | None
) -> Interview | None:
    """The tablet interview with this UUID if the scope covers its unit, else None."""
    if len(interview_uuid) != 36:
        return None
    interview = session.scalar(sa.select(Interview).where(Interview.uuid == interview_uuid))
    if interview is None or interview.mode is not Mode.tablet or interview.revision is None:
        return None
    if within is not None:
        area_id = interview.sample_unit.area_id if interview.sample_unit else None
        if area_id is None or area_id not in within:
            return None
    return interview


#: Variables no interviewer is asked: computed ones and a loop as a whole. A comment sent back
#: about one of them would be shown at no question of the interview on the tablet.
NOT_ASKED_TYPES = frozenset({"calculate", "repeat"})


def question_codes(interview: Interview) -> list[tuple[str, str]]:
    """(code, label) of every question of the interview's instrument the interviewer asks (the
    tablet shows a comment at it), for the reject form."""
    instrument = instrument_of(interview.instrument_version)
    language = _language(interview, instrument.languages)
    return [
        (row.code, row.label.get(language, row.code))
        for row in codebook_rows(instrument)
        if row.type not in NOT_ASKED_TYPES
    ]


def decide(
    session: DBSession,
    interview: Interview,
    *,
    by: User,
    approve: bool,
    comment: str | None = None,
    item: str | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Approve, or reject with a comment (and the question it concerns); UserError names the
    field. An approved interview is reopened by headquarters (:func:`reopen`), not rejected."""
    if interview.review_status is ReviewStatus.approved:
        raise UserError("review", Problem("review_approved"))
    item = (item or "").strip() or None
    if item is not None and item not in {code for code, _ in question_codes(interview)}:
        raise UserError("item", Problem("review_no_question", item=item[:64]))
    review_interview(
        session, interview, by=by, approve=approve, comment=comment, item=item, now=now
    )


def reopen(
    session: DBSession,
    interview: Interview,
    *,
    by: User,
    reason: str,
    now: dt.datetime | None = None,
) -> None:
    """Headquarters reopen an approved interview: back to ``received`` for a supervisor to
    review again (reject to send it to the interviewer). The reason goes to the audit log."""
    if not by.has_role(*HEADQUARTERS):
        raise UserError("review", Problem("reopen_headquarters_only"))
    if interview.review_status is not ReviewStatus.approved:
        raise UserError("review", Problem("reopen_not_approved"))
    reason = reason.strip()
    if not reason:
        raise UserError("reason", Problem("reopen_reason_missing"))
    if len(reason) > MAX_REASON:
        raise UserError("reason", Problem("reopen_reason_too_long", n=MAX_REASON))
    interview.review_status = ReviewStatus.received
    interview.review_comment = None
    interview.review_item = None
    interview.reviewed_at = now or utcnow()
    interview.reviewed_by_id = by.id
    session.flush()
    audit.record(
        session,
        "interview.reopen",
        user=by,
        object_type="interview",
        object_id=interview.uuid,
        details={"revision": interview.revision, "reason": reason},
    )


# ---- the interview page --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class AnswerRow:
    code: str
    label: str
    value: str  # the answer as the reader sees it: the choice label with its code
    instance: int | None  # repeat instance (1-based), none outside repeats


def _language(interview: Interview, languages: Collection[str]) -> str:
    return interview.language if interview.language in languages else next(iter(languages))


def _shown(row: CodebookRow, value: Any, language: str) -> str:
    labels = {code: label.get(language, "") for code, label in row.choices}
    values = value if isinstance(value, list) else [value]
    parts = []
    for v in values:
        if isinstance(v, int) and not isinstance(v, bool) and v < 0:
            parts.append(f"{special_label(v, language)} ({v})")
        elif isinstance(v, int) and v in labels:
            parts.append(f"{labels[v]} ({v})")
        else:
            parts.append(str(v))
    return "; ".join(parts)


def answer_rows(interview: Interview) -> list[AnswerRow]:
    """The interview's answers in questionnaire order with question and choice labels."""
    instrument = instrument_of(interview.instrument_version)
    language = _language(interview, instrument.languages)
    rows = codebook_rows(instrument)
    answers: Mapping[str, Any] = interview.answers or {}
    out: list[AnswerRow] = []
    for row in rows:
        if row.repeat is not None:
            continue
        value = answers.get(row.code)
        if row.type == "repeat":
            instances = value if isinstance(value, list) else []
            inner = [r for r in rows if r.repeat == row.code]
            for number, instance in enumerate(instances, start=1):
                if not isinstance(instance, Mapping):
                    continue
                for child in inner:
                    if child.code in instance and instance[child.code] is not None:
                        out.append(
                            AnswerRow(
                                child.code,
                                child.label.get(language, child.code),
                                _shown(child, instance[child.code], language),
                                number,
                            )
                        )
            continue
        if value is None:
            continue
        out.append(
            AnswerRow(
                row.code, row.label.get(language, row.code), _shown(row, value, language), None
            )
        )
    return out


@dataclasses.dataclass(frozen=True)
class ParadataSummary:
    started_at: str | None
    ended_at: str | None
    duration_seconds: int | None
    questions_timed: int
    answer_changes: int
    slowest: list[tuple[str, float]]  # (question, seconds), the five longest
    app: str | None


def paradata_summary(interview: Interview) -> ParadataSummary:
    paradata = interview.paradata if isinstance(interview.paradata, Mapping) else {}
    questions = paradata.get("questions")
    timed: list[tuple[str, float]] = []
    changes = 0
    if isinstance(questions, Mapping):
        for code, entry in questions.items():
            if not isinstance(entry, Mapping):
                continue
            ms = entry.get("ms")
            if isinstance(ms, int | float) and not isinstance(ms, bool):
                timed.append((str(code), round(float(ms) / 1000, 1)))
            count = entry.get("changes")
            if isinstance(count, int) and not isinstance(count, bool):
                changes += count
    timed.sort(key=lambda pair: -pair[1])

    def text(name: str) -> str | None:
        value = paradata.get(name)
        return value if isinstance(value, str) else None

    return ParadataSummary(
        started_at=text("started_at"),
        ended_at=text("ended_at"),
        duration_seconds=interview.duration_seconds,
        questions_timed=len(timed),
        answer_changes=changes,
        slowest=timed[:5],
        app=text("app"),
    )


def roster_disagreement(interview: Interview) -> RosterDisagreement | None:
    """:func:`households.roster_disagreement_in` of a stored interview."""
    return roster_disagreement_in(interview.answers, interview.household, interview.eligible_adults)


def selected_person_disagreement(interview: Interview) -> SelectedDisagreement | None:
    """:func:`households.selected_person_disagreement_in` of a stored interview."""
    return selected_person_disagreement_in(interview.answers, interview.household)


@dataclasses.dataclass(frozen=True)
class RevisionRow:
    number: int
    received_at: dt.datetime
    client_saved_at: str | None
    status: str
    submitted_by: str | None
    changed: list[str]  # answer codes that differ from the previous revision


def changed_answers(previous: Mapping[str, Any], answers: Mapping[str, Any]) -> list[str]:
    """The answer codes that differ between two revisions. Inside a loop (a list of instances)
    each instance's own codes are compared, named as the paradata names them
    (``incident[1].inc_month``, 1-based); an instance only one side has is named whole
    (``incident[2]``). So the supervisor sees which question of which incident the interviewer
    changed after a rejection, not just "incident"."""
    out: list[str] = []
    for code in set(previous) | set(answers):
        before, after = previous.get(code), answers.get(code)
        if before == after:
            continue
        inside: list[str] = []
        if _is_loop(before) and _is_loop(after):
            before, after = before or [], after or []
            for i in range(max(len(before), len(after))):
                one = before[i] if i < len(before) else None
                two = after[i] if i < len(after) else None
                if one is None or two is None:
                    inside.append(f"{code}[{i + 1}]")
                elif one != two:
                    inside.extend(
                        f"{code}[{i + 1}].{name}"
                        for name in set(one) | set(two)
                        if one.get(name) != two.get(name)
                    )
        out.extend(inside or [code])
    return sorted(out, key=_changed_order)


def _is_loop(value: Any) -> bool:
    """A loop's answers (a list of instances), or no answer at all (the loop not yet asked)."""
    return value is None or (
        isinstance(value, list) and all(isinstance(one, Mapping) for one in value)
    )


def _changed_order(name: str) -> tuple[str, int, str]:
    """Codes in alphabetical order, a loop's instances by number (incident[2] before [10])."""
    code, _, rest = name.partition("[")
    number, _, inner = rest.partition("]")
    return (code, int(number) if number.isdigit() else 0, inner)


def revision_history(session: DBSession, interview: Interview) -> list[RevisionRow]:
    revisions = list(
        session.scalars(
            sa.select(InterviewRevision)
            .where(InterviewRevision.interview_id == interview.id)
            .order_by(InterviewRevision.number)
        )
    )
    names = dict(
        session.execute(
            sa.select(User.id, User.name).where(
                User.id.in_({r.submitted_by_id for r in revisions if r.submitted_by_id})
            )
        ).all()
    )
    out: list[RevisionRow] = []
    previous: Mapping[str, Any] = {}
    for revision in revisions:
        answers = revision.answers or {}
        changed = changed_answers(previous, answers)
        out.append(
            RevisionRow(
                number=revision.number,
                received_at=revision.received_at,
                client_saved_at=revision.client_saved_at,
                status=revision.status,
                submitted_by=names.get(revision.submitted_by_id)
                if revision.submitted_by_id
                else None,
                changed=changed if revision.number > 1 else [],
            )
        )
        previous = answers
    return out


def interviewers_of(session: DBSession, wave: Wave) -> list[tuple[int, str]]:
    """(id, name) of everyone with a tablet interview in the wave, for the queue's filter."""
    return [
        (row[0], row[1])
        for row in session.execute(
            sa.select(User.id, User.name)
            .where(
                User.id.in_(
                    sa.select(Interview.interviewer_id).where(
                        Interview.wave_id == wave.id, Interview.mode == Mode.tablet
                    )
                )
            )
            .order_by(User.name)
        )
    ]
