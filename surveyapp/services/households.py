"""The household record an interview upload carries: roster, selection draws, selection factor.

The server recomputes the selection from the wave's method, the unit's seed and the roster
(``services/selection.py``) and refuses a selected adult the rule did not pick. Every draw the
device made is kept; more than one is shown to supervisors as a red flag.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from .selection import ADULT_AGE, SelectionError, parse_roster, select_adult

#: Most draws kept for one household (a device that sends more is broken or tampered with).
MAX_DRAWS = 50


class HouseholdProblem(NamedTuple):
    """A problem of a household record: where, the English message, and ``reason`` and
    ``params`` for the interviewer app to word it (``prob_<reason>``)."""

    path: str
    message: str
    #: ``household``: a device fault to report (the app draws by the same rule)
    reason: str = "household"
    params: Mapping[str, str] = MappingProxyType({})


@dataclasses.dataclass(frozen=True)
class Household:
    """A checked household record: stored as sent, with the figures the server derived."""

    record: dict[str, Any]
    eligible_adults: int
    draws: int
    redrawn: bool  # a draw before the last selected someone else


def device_moment(value: Any) -> dt.datetime | None:
    """A device's ISO 8601 time with its UTC offset, or None (not text, too long, no offset)."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def check_household(
    raw: Any, *, method: str, seed: int, completed: bool
) -> tuple[Household | None, list[HouseholdProblem]]:
    """The household record if it follows the rule, else every problem found (path, message).

    ``method`` is the wave's selection method, ``seed`` the unit's; the last draw's local date
    (its ``at``) is the interview date the birthday methods count from. A break-off (not
    ``completed``) may come before any draw: its roster is kept, with no draw.
    """
    if not isinstance(raw, dict):
        return None, [HouseholdProblem("household", "must be a JSON object")]
    problems: list[HouseholdProblem] = []
    if raw.get("method") != method:
        problems.append(
            HouseholdProblem(
                "household.method", f"the wave selects by {method}, not {raw.get('method')!r}"
            )
        )
    if raw.get("seed") != seed or isinstance(raw.get("seed"), bool):
        problems.append(
            HouseholdProblem(
                "household.seed", "is not this household's seed; download the assignments again"
            )
        )
    if problems:
        return None, problems
    try:
        roster = parse_roster(raw.get("roster"), method)  # type: ignore[arg-type]
    except SelectionError as exc:
        return None, [HouseholdProblem(f"household.{exc.path}", exc.message)]
    draws = raw.get("draws")
    if draws == [] and not completed:
        # Broken off before the selection: the roster so far, no factor.
        return Household(dict(raw), sum(p.age >= ADULT_AGE for p in roster), 0, False), []
    if not isinstance(draws, list) or not draws:
        return None, [
            HouseholdProblem("household.draws", "must list every selection draw made, at least one")
        ]
    if len(draws) > MAX_DRAWS:
        return None, [
            HouseholdProblem("household.draws", f"has {len(draws)} draws; at most {MAX_DRAWS}")
        ]
    for index, draw in enumerate(draws):
        where = f"household.draws[{index}]"
        if not isinstance(draw, dict):
            problems.append(
                HouseholdProblem(where, "must be an object with at, selected_line and roster_size")
            )
            continue
        if device_moment(draw.get("at")) is None:
            problems.append(
                HouseholdProblem(
                    f"{where}.at",
                    "must be a date and time with its UTC offset, like 2026-12-06T10:15:00-05:00",
                )
            )
        line = draw.get("selected_line")
        if line is not None and (not isinstance(line, int) or isinstance(line, bool)):
            problems.append(
                HouseholdProblem(f"{where}.selected_line", "must be a roster line number or null")
            )
        size = draw.get("roster_size")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            problems.append(HouseholdProblem(f"{where}.roster_size", "must be a whole number"))
    if problems:
        return None, problems
    last = draws[-1]
    moment = device_moment(last["at"]) or dt.datetime.min  # checked above: never the fallback
    chosen = select_adult(method=method, seed=seed, roster=roster, today=moment.date())  # type: ignore[arg-type]
    if last["roster_size"] != len(roster):
        problems.append(
            HouseholdProblem(
                "household.draws",
                f"the last draw was made on {last['roster_size']} people, the roster lists {len(roster)}",
            )
        )
    if (
        last.get("selected_line") != chosen.selected_line
        or raw.get("selected_line") != chosen.selected_line
    ):
        day = moment.date().isoformat()
        sent = raw.get("selected_line")
        if sent == chosen.selected_line:  # the record agrees, its last draw does not
            sent = last.get("selected_line")
        message = (
            f"the selection rule picks line {chosen.selected_line} of this roster"
            f" ({method}, on {day}), not {sent}"
        )
        if chosen.selected_line is None:  # no adult listed: a device fault
            problems.append(HouseholdProblem("household.selected_line", message))
        else:
            # The interviewer reads which person, and the day the birthday methods counted
            # from (ISO here: the app writes it in its language).
            params = {"line": str(chosen.selected_line), "sent": str(sent), "date": day}
            problems.append(
                HouseholdProblem("household.selected_line", message, "household_selection", params)
            )
    if raw.get("eligible_adults") != chosen.eligible_adults:
        problems.append(
            HouseholdProblem(
                "household.eligible_adults",
                f"the roster lists {chosen.eligible_adults} eligible adults, not {raw.get('eligible_adults')}",
            )
        )
    if completed and chosen.eligible_adults == 0:
        problems.append(
            HouseholdProblem(
                "household.roster", "lists no eligible adult: record a not-eligible visit instead"
            )
        )
    if problems:
        return None, problems
    redrawn = any(d.get("selected_line") != chosen.selected_line for d in draws[:-1])
    return Household(dict(raw), chosen.eligible_adults, len(draws), redrawn), []


@dataclasses.dataclass(frozen=True)
class RosterDisagreement:
    """The household questions' answers against the household list sent with the interview."""

    size: Any  # the answer hh_size (None when not answered)
    adults: Any  # the answer hh_adults
    roster_size: int  # people listed
    roster_adults: int  # of them aged 18 or more: the eligible adults of the selection


def roster_disagreement_in(
    answers: Any, household: Any, eligible_adults: int | None
) -> RosterDisagreement | None:
    """When the answers ``hh_size`` or ``hh_adults`` differ from the household list's figures:
    one of the two is wrong, and ``hh_adults`` divides the weight of household indicators while
    the list's adults multiply the person weight. None when they agree or either is missing.
    ``eligible_adults``: the roster's adults as the server recomputed them (check_household)."""
    household = household if isinstance(household, Mapping) else None
    answers = answers if isinstance(answers, Mapping) else {}
    roster = household.get("roster") if household else None
    roster_adults = eligible_adults
    if not isinstance(roster, list) or not roster or roster_adults is None:
        return None
    size, adults = answers.get("hh_size"), answers.get("hh_adults")
    differs = (size is not None and size != len(roster)) or (
        adults is not None and adults != roster_adults
    )
    if not differs:
        return None
    return RosterDisagreement(size, adults, len(roster), roster_adults)


#: The interviewer app's roster sex codes as the questionnaire codes ``dem_sex`` (1 man,
#: 2 woman), as the release's household file codes them too. The interviewer app has its own
#: copy (static/field/selection.js, which starts dem_sex from the list), kept equal by
#: tests/js/field_util.test.mjs.
ROSTER_SEX_ANSWER = {"m": 1, "f": 2}
#: Years an answered age may differ from the list's (a birthday between the two) unflagged.
AGE_SLACK = 1


@dataclasses.dataclass(frozen=True)
class SelectedDisagreement:
    """The selected person of the household list against the respondent's own answers."""

    initials: str
    line: int
    sex: str | None  # roster code m / f / x
    age: int | None
    answered_sex: str | None  # the answer dem_sex as a roster code, None when not m or f
    answered_age: int | None


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def selected_person_disagreement_in(answers: Any, household: Any) -> SelectedDisagreement | None:
    """When the answers ``dem_sex`` or ``dem_age`` describe someone other than the person the
    household list selected (another sex, or an age more than :data:`AGE_SLACK` apart):
    perhaps another member answered, which the selection weight does not allow. None when
    they agree or either side is missing ("don't know" and "refused" compare with nothing)."""
    household = household if isinstance(household, Mapping) else None
    answers = answers if isinstance(answers, Mapping) else {}
    roster = household.get("roster") if household else None
    if not isinstance(roster, list) or household is None:
        return None
    line = household.get("selected_line")
    person = next((p for p in roster if isinstance(p, Mapping) and p.get("line") == line), None)
    if person is None or not isinstance(line, int):
        return None
    sex, age = person.get("sex"), _whole(person.get("age"))
    answered = {code: roster_code for roster_code, code in ROSTER_SEX_ANSWER.items()}
    answered_sex = answered.get(answers.get("dem_sex"))  # type: ignore[arg-type]
    answered_age = _whole(answers.get("dem_age"))
    sex_differs = sex in ROSTER_SEX_ANSWER and answered_sex is not None and sex != answered_sex
    age_differs = (
        age is not None and answered_age is not None and abs(age - answered_age) > AGE_SLACK
    )
    if not (sex_differs or age_differs):
        return None
    return SelectedDisagreement(
        initials=str(person.get("initials") or ""),
        line=line,
        sex=sex if isinstance(sex, str) else None,
        age=age,
        answered_sex=answered_sex,
        answered_age=answered_age,
    )


def household_mismatch(answers: Any, household: Any, eligible_adults: int | None) -> bool | None:
    """Whether the interview's answers disagree with its household list (either rule above):
    stored with each tablet revision for the supervisors' dashboard. None without a list."""
    if not isinstance(household, Mapping) or not isinstance(household.get("roster"), list):
        return None
    return (
        roster_disagreement_in(answers, household, eligible_adults) is not None
        or selected_person_disagreement_in(answers, household) is not None
    )
