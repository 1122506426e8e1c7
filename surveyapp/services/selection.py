"""The within-household selection rule: which adult of a household is interviewed.

One rule, two implementations: this module and ``surveyapp/static/field/selection.js``
(the interviewer app draws offline; the server recomputes every draw it receives).
Both are held to ``tests/fixtures/selection/cases.json``, written by
``tests/fixtures/selection/write_cases.py`` from this module.

The rule, for a roster of people (``line``, ``sex``, ``age``, and ``birthday`` "MM-DD"
for the birthday methods) and the unit's seed (an integer drawn at import, never changed):

- Eligible adults are the roster's people aged ``ADULT_AGE`` or more; the selection factor is
  their number ``n``.
- ``kish``: the adults are listed as Kish lists them, men before women (then anyone else),
  each group from the oldest to the youngest, equal ages by roster line; the seed is the
  household's Kish table row, and the row gives, for a household of ``n`` adults, the adult
  at position ``seed mod n`` (0-based). Seeds are uniform on 1 .. 2**31 - 1, so each adult is
  chosen with probability 1/n up to n / 2**31.
- ``next_birthday``: the adult whose birthday comes next after ``today`` (the interview date,
  the interviewer's local date); a birthday today counts as the last one, not the next.
- ``last_birthday``: the adult whose birthday was most recently, ``today`` included.
- Days between dates are counted on a 366-day year (02-29 is a day of every year, so
  everyone has a birthday every year); adults tied on the same birthday are ordered by roster
  line and the one at position ``seed mod (number tied)`` is chosen.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypeGuard

Method = Literal["kish", "next_birthday", "last_birthday"]
METHODS: tuple[Method, ...] = ("kish", "next_birthday", "last_birthday")
Sex = Literal["m", "f", "x"]
SEXES: tuple[Sex, ...] = ("m", "f", "x")  # x: neither or not said (listed after women)
#: Age from which a household member is an eligible adult.
ADULT_AGE = 18
#: Oldest age accepted in a roster, and most lines (a larger household is a typing error).
MAX_AGE = 120
MAX_ROSTER = 40
_BIRTHDAY_RE = re.compile(r"^(\d{2})-(\d{2})$")
#: Day of the year (0-based) of the first of each month in a leap year.
_MONTH_START = (0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335)
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
YEAR_DAYS = 366


class SelectionError(ValueError):
    """A roster or setting the rule cannot use; ``path`` names the field (``roster[2].age``)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclasses.dataclass(frozen=True)
class Person:
    line: int
    sex: Sex
    age: int
    birthday: str | None = None  # "MM-DD"


@dataclasses.dataclass(frozen=True)
class Selection:
    selected_line: int | None  # None when the household has no eligible adult
    eligible_adults: int
    factor: int  # the within-household weight factor: eligible adults (0 when none)


def day_of_year(month_day: str) -> int:
    """0-based day of a "MM-DD" in a 366-day year; SelectionError for anything else."""
    found = _BIRTHDAY_RE.match(month_day)
    if found is None:
        raise SelectionError("birthday", f"{month_day!r} is not a month and day like 07-14")
    month, day = int(found.group(1)), int(found.group(2))
    if not 1 <= month <= 12 or not 1 <= day <= _MONTH_DAYS[month - 1]:
        raise SelectionError("birthday", f"{month_day!r} is not a day of the year")
    return _MONTH_START[month - 1] + day - 1


def parse_roster(roster: Any, method: Method) -> list[Person]:
    """Check a roster as sent (a list of objects); SelectionError names the first problem."""
    if not isinstance(roster, list):
        raise SelectionError("roster", "must be a list of household members")
    if len(roster) > MAX_ROSTER:
        raise SelectionError("roster", f"has {len(roster)} people; at most {MAX_ROSTER}")
    people: list[Person] = []
    lines: set[int] = set()
    for index, entry in enumerate(roster):
        where = f"roster[{index}]"
        if not isinstance(entry, Mapping):
            raise SelectionError(where, "must be an object with line, sex and age")
        line, sex, age = entry.get("line"), entry.get("sex"), entry.get("age")
        if not _whole(line) or not 1 <= line <= MAX_ROSTER:
            raise SelectionError(f"{where}.line", f"must be a whole number from 1 to {MAX_ROSTER}")
        if line in lines:
            raise SelectionError(f"{where}.line", f"line {line} appears twice")
        lines.add(line)
        if sex not in SEXES:
            raise SelectionError(f"{where}.sex", 'must be "m", "f" or "x"')
        if not _whole(age) or not 0 <= age <= MAX_AGE:
            raise SelectionError(f"{where}.age", f"must be a whole number from 0 to {MAX_AGE}")
        birthday = entry.get("birthday")
        if method != "kish" and age >= ADULT_AGE:
            if not isinstance(birthday, str):
                raise SelectionError(f"{where}.birthday", 'is needed by this method, as "MM-DD"')
            try:
                day_of_year(birthday)
            except SelectionError as exc:
                raise SelectionError(f"{where}.birthday", exc.message) from None
        elif birthday is not None and not isinstance(birthday, str):
            raise SelectionError(f"{where}.birthday", 'must be "MM-DD" or absent')
        people.append(Person(line, sex, age, birthday))
    return people


def _whole(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def select_adult(
    *, method: Method, seed: int, roster: Sequence[Person], today: dt.date | None = None
) -> Selection:
    """The selected adult's line, the number of eligible adults and the selection factor.

    ``today`` (the interview date) is needed by the birthday methods only.
    """
    if method not in METHODS:
        raise SelectionError("method", f"must be one of {', '.join(METHODS)}")
    if not _whole(seed) or seed < 0:
        raise SelectionError("seed", "must be a whole number, 0 or more")
    adults = [p for p in roster if p.age >= ADULT_AGE]
    n = len(adults)
    if n == 0:
        return Selection(None, 0, 0)
    if method == "kish":
        ordered = sorted(adults, key=lambda p: (SEXES.index(p.sex), -p.age, p.line))
        return Selection(ordered[seed % n].line, n, n)
    if today is None:
        raise SelectionError("today", "the birthday methods need the interview date")
    now = _MONTH_START[today.month - 1] + today.day - 1

    def distance(person: Person) -> int:
        day = day_of_year(person.birthday or "")
        if method == "next_birthday":
            return (day - now - 1) % YEAR_DAYS  # tomorrow 0 ... today 365
        return (now - day) % YEAR_DAYS  # today 0 ... tomorrow 365

    nearest = min(distance(p) for p in adults)
    tied = sorted((p for p in adults if distance(p) == nearest), key=lambda p: p.line)
    return Selection(tied[seed % len(tied)].line, n, n)
