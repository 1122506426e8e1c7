"""Quality figures of one tablet interview, from its answers and paradata (stored at upload).

- ``local_date``, ``local_hour``: the interviewer's local date and hour when the interview
  started (paradata ``started_at``, else the upload's ``saved_at``), as the device wrote them.
- ``duration_seconds``: ``ended_at - started_at`` when both are there and in order, else the
  sum of the per-question times (``questions[*].ms``); none when neither is known.
- ``items_answered``, ``items_dont_know``, ``items_refused``: every answer given (repeat
  instances included) and how many were the special answers -8 and -9.
- ``screeners_asked``, ``screeners_yes``: victimization screeners answered and answered "yes"
  (1): the standard questionnaire's five-year screeners ``hv_<crime>_5y``/``pv_<crime>_5y``,
  and any item whose code ends in ``_yn`` (the tiny test instrument's convention).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from analysis.crime_types import HOUSEHOLD_STEMS, PERSONAL_STEMS
from questionnaires.model import SPECIAL_CODES

from .households import device_moment

SCREENERS = frozenset(
    [f"hv_{s}_5y" for s in HOUSEHOLD_STEMS] + [f"pv_{s}_5y" for s in PERSONAL_STEMS]
)
DONT_KNOW = SPECIAL_CODES["dont_know"]
REFUSED = SPECIAL_CODES["refused"]
#: Longest plausible interview; a longer span (a device left open overnight) is not a duration.
MAX_DURATION = dt.timedelta(hours=12)


@dataclasses.dataclass(frozen=True)
class QualitySummary:
    local_date: dt.date | None
    local_hour: int | None
    duration_seconds: int | None
    items_answered: int
    items_dont_know: int
    items_refused: int
    screeners_asked: int
    screeners_yes: int


def is_screener(code: str) -> bool:
    return code in SCREENERS or code.endswith("_yn")


def _answers(answers: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    for code, value in answers.items():
        if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            for instance in value:
                yield from _answers(instance)
        elif value is not None and value != "" and value != []:
            yield code, value


def summarise(answers: Mapping[str, Any], paradata: Any, saved_at: str) -> QualitySummary:
    paradata = paradata if isinstance(paradata, Mapping) else {}
    started = device_moment(paradata.get("started_at"))
    ended = device_moment(paradata.get("ended_at"))
    start = started or device_moment(saved_at)
    duration: int | None = None
    if started and ended and dt.timedelta(0) <= ended - started <= MAX_DURATION:
        duration = int((ended - started).total_seconds())
    else:
        questions = paradata.get("questions")
        if isinstance(questions, Mapping):
            total = sum(
                q["ms"]
                for q in questions.values()
                if isinstance(q, Mapping)
                and isinstance(q.get("ms"), int | float)
                and not isinstance(q.get("ms"), bool)
                and q["ms"] >= 0
            )
            if total > 0:
                duration = min(int(total / 1000), int(MAX_DURATION.total_seconds()))
    answered = dont_know = refused = asked = yes = 0
    for code, value in _answers(answers):
        answered += 1
        dont_know += value == DONT_KNOW
        refused += value == REFUSED
        if is_screener(code):
            asked += 1
            yes += value == 1
    return QualitySummary(
        local_date=start.date() if start else None,
        local_hour=start.hour if start else None,
        duration_seconds=duration,
        items_answered=answered,
        items_dont_know=dont_know,
        items_refused=refused,
        screeners_asked=asked,
        screeners_yes=yes,
    )
