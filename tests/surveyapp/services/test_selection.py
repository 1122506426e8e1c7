"""The within-household selection rule: worked examples, the shared cases, and equal chances."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import chi2

from surveyapp.services.selection import (
    Person,
    Selection,
    SelectionError,
    day_of_year,
    parse_roster,
    select_adult,
)

CASES = Path(__file__).parents[2] / "fixtures" / "selection" / "cases.json"
#: The chance that any of the equal-probability tests below fails although the rule is right:
#: each of the TESTS chi-square tests runs at FALSE_ALARM / TESTS (Bonferroni).
FALSE_ALARM = 0.001
TESTS = 3 * 7
LEVEL = FALSE_ALARM / TESTS


def test_kish_lists_men_then_women_oldest_first_and_the_seed_is_the_table_row() -> None:
    roster = [Person(1, "f", 40), Person(2, "m", 35), Person(3, "m", 60), Person(4, "f", 12)]
    # Kish order: line 3 (m 60), line 2 (m 35), line 1 (f 40); line 4 is a child.
    picks = [select_adult(method="kish", seed=s, roster=roster).selected_line for s in range(6)]
    assert picks == [3, 2, 1, 3, 2, 1]
    assert select_adult(method="kish", seed=7, roster=roster) == Selection(2, 3, 3)


def test_kish_breaks_equal_ages_by_line() -> None:
    roster = [Person(5, "f", 30), Person(2, "f", 30)]
    assert select_adult(method="kish", seed=0, roster=roster).selected_line == 2
    assert select_adult(method="kish", seed=1, roster=roster).selected_line == 5


def test_a_household_without_adults_has_no_selection_and_factor_zero() -> None:
    assert select_adult(method="kish", seed=3, roster=[Person(1, "m", 17)]) == Selection(None, 0, 0)


def test_next_birthday_skips_today_and_last_birthday_counts_it() -> None:
    roster = [Person(1, "f", 30, "07-14"), Person(2, "m", 50, "07-20"), Person(3, "x", 22, "01-02")]
    today = dt.date(2026, 7, 14)
    assert (
        select_adult(method="next_birthday", seed=0, roster=roster, today=today).selected_line == 2
    )
    assert (
        select_adult(method="last_birthday", seed=0, roster=roster, today=today).selected_line == 1
    )
    # On 12-31 the next birthday wraps to January; the last one is July's latest.
    new_year = dt.date(2026, 12, 31)
    assert (
        select_adult(method="next_birthday", seed=0, roster=roster, today=new_year).selected_line
        == 3
    )
    assert (
        select_adult(method="last_birthday", seed=0, roster=roster, today=new_year).selected_line
        == 2
    )


def test_the_leap_day_is_a_day_of_every_year() -> None:
    roster = [Person(1, "f", 30, "02-29"), Person(2, "m", 50, "03-01")]
    # In 2026 (no 29 February) the day after 28 February is still the leap day's turn.
    assert (
        select_adult(
            method="next_birthday", seed=0, roster=roster, today=dt.date(2026, 2, 28)
        ).selected_line
        == 1
    )
    assert day_of_year("02-29") == 59 and day_of_year("03-01") == 60


def test_twins_are_told_apart_by_the_seed_in_line_order() -> None:
    roster = [Person(4, "f", 30, "05-05"), Person(2, "m", 30, "05-05"), Person(1, "m", 60, "09-09")]
    today = dt.date(2026, 5, 1)
    lines = [
        select_adult(method="next_birthday", seed=s, roster=roster, today=today).selected_line
        for s in (10, 11)
    ]
    assert lines == [2, 4]


@pytest.mark.parametrize(
    ("roster", "method", "path"),
    [
        ("nobody", "kish", "roster"),
        ([{"line": 1, "sex": "m"}], "kish", "roster[0].age"),
        ([{"line": 1, "sex": "w", "age": 30}], "kish", "roster[0].sex"),
        ([{"line": 0, "sex": "m", "age": 30}], "kish", "roster[0].line"),
        (
            [{"line": 1, "sex": "m", "age": 30}, {"line": 1, "sex": "f", "age": 3}],
            "kish",
            "roster[1].line",
        ),
        ([{"line": 1, "sex": "m", "age": True}], "kish", "roster[0].age"),
        ([{"line": 1, "sex": "m", "age": 30}], "next_birthday", "roster[0].birthday"),
        (
            [{"line": 1, "sex": "m", "age": 30, "birthday": "02-30"}],
            "last_birthday",
            "roster[0].birthday",
        ),
        ([{"line": 1, "sex": "m", "age": 30, "birthday": 714}], "kish", "roster[0].birthday"),
    ],
)
def test_rosters_the_rule_cannot_use_name_the_field(roster: object, method: str, path: str) -> None:
    with pytest.raises(SelectionError) as caught:
        parse_roster(roster, method)  # type: ignore[arg-type]
    assert caught.value.path == path


def test_children_need_no_birthday() -> None:
    people = parse_roster([{"line": 1, "sex": "f", "age": 9}], "next_birthday")
    assert people == [Person(1, "f", 9, None)]


def test_the_shared_cases_are_what_python_selects() -> None:
    stored = json.loads(CASES.read_text())["cases"]
    assert len(stored) >= 300
    for case in stored:
        people = parse_roster(case["roster"], case["method"])
        found = select_adult(
            method=case["method"],
            seed=case["seed"],
            roster=people,
            today=dt.date.fromisoformat(case["today"]),
        )
        assert {
            "selectedLine": found.selected_line,
            "eligibleAdults": found.eligible_adults,
            "factor": found.factor,
        } == case["expected"], case


# ---- equal chances ---------------------------------------------------------------------------------


def _chi_square_p(counts: np.ndarray) -> float:
    expected = counts.sum() / len(counts)
    statistic = float(((counts - expected) ** 2 / expected).sum())
    return float(chi2.sf(statistic, len(counts) - 1))


Draw = Callable[[random.Random, int], list[Person]]


def _household(rng: random.Random, n: int, birthdays: bool) -> list[Person]:
    """n adults with random sexes and ages (some equal), uniform birthdays on the 366-day year."""
    people = []
    for line in range(1, n + 1):
        birthday = None
        if birthdays:
            day = dt.date(2028, 1, 1) + dt.timedelta(days=rng.randrange(366))
            birthday = day.strftime("%m-%d")
        people.append(
            Person(line, rng.choice(("m", "f", "x")), rng.choice((18, 30, 30, 45, 70)), birthday)
        )
    return people


def _counts(
    method: str, n: int, households: int, rng: random.Random, rule: Callable[..., Selection]
) -> np.ndarray:
    counts = np.zeros(n)
    if method == "kish":
        # One household, many seeds: Kish's chances are over the preassigned rows.
        roster = _household(rng, n, birthdays=False)
        for _ in range(households):
            chosen = rule(method=method, seed=rng.randrange(1, 2**31), roster=roster)
            counts[(chosen.selected_line or 0) - 1] += 1
        return counts
    # Birthday methods: the chance is over the household's (uniform) birthdays.
    for _ in range(households):
        roster = _household(rng, n, birthdays=True)
        today = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(365))
        chosen = rule(method=method, seed=rng.randrange(1, 2**31), roster=roster, today=today)
        counts[(chosen.selected_line or 0) - 1] += 1
    return counts


@pytest.mark.parametrize("method", ["kish", "next_birthday", "last_birthday"])
@pytest.mark.parametrize("n", range(2, 9))
def test_each_eligible_adult_is_chosen_with_probability_one_over_n(method: str, n: int) -> None:
    rng = random.Random(1000 * n + len(method))
    counts = _counts(method, n, 400 * n, rng, select_adult)
    assert _chi_square_p(counts) > LEVEL, counts


def test_the_chi_square_test_catches_a_rule_that_favours_the_first_adult() -> None:
    def biased(**kwargs: object) -> Selection:
        chosen = select_adult(**kwargs)  # type: ignore[arg-type]
        roster = kwargs["roster"]
        assert isinstance(roster, list)
        # One time in five take line 1 instead: a 20% lean towards whoever opened the door.
        seed = kwargs["seed"]
        assert isinstance(seed, int)
        return Selection(1, chosen.eligible_adults, chosen.factor) if seed % 5 == 0 else chosen

    rng = random.Random(7)
    assert _chi_square_p(_counts("kish", 4, 1600, rng, biased)) < LEVEL
