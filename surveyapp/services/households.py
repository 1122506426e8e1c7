"""The household record an interview upload carries: roster, selection draws, selection factor.

The server recomputes the selection from the wave's method, the unit's seed and the roster
(``services/selection.py``) and refuses a selected adult the rule did not pick. Every draw the
device made is kept; more than one is shown to supervisors as a red flag.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from .selection import ADULT_AGE, SelectionError, parse_roster, select_adult

#: Most draws kept for one household (a device that sends more is broken or tampered with).
MAX_DRAWS = 50
Problem = tuple[str, str]


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
) -> tuple[Household | None, list[Problem]]:
    """The household record if it follows the rule, else every problem found (path, message).

    ``method`` is the wave's selection method, ``seed`` the unit's; the last draw's local date
    (its ``at``) is the interview date the birthday methods count from. A break-off (not
    ``completed``) may come before any draw: its roster is kept, with no draw.
    """
    if not isinstance(raw, dict):
        return None, [("household", "must be a JSON object")]
    problems: list[Problem] = []
    if raw.get("method") != method:
        problems.append(
            ("household.method", f"the wave selects by {method}, not {raw.get('method')!r}")
        )
    if raw.get("seed") != seed or isinstance(raw.get("seed"), bool):
        problems.append(
            ("household.seed", "is not this household's seed; download the assignments again")
        )
    if problems:
        return None, problems
    try:
        roster = parse_roster(raw.get("roster"), method)  # type: ignore[arg-type]
    except SelectionError as exc:
        return None, [(f"household.{exc.path}", exc.message)]
    draws = raw.get("draws")
    if draws == [] and not completed:
        # Broken off before the selection: the roster so far, no factor.
        return Household(dict(raw), sum(p.age >= ADULT_AGE for p in roster), 0, False), []
    if not isinstance(draws, list) or not draws:
        return None, [("household.draws", "must list every selection draw made, at least one")]
    if len(draws) > MAX_DRAWS:
        return None, [("household.draws", f"has {len(draws)} draws; at most {MAX_DRAWS}")]
    for index, draw in enumerate(draws):
        where = f"household.draws[{index}]"
        if not isinstance(draw, dict):
            problems.append((where, "must be an object with at, selected_line and roster_size"))
            continue
        if device_moment(draw.get("at")) is None:
            problems.append(
                (
                    f"{where}.at",
                    "must be a date and time with its UTC offset, like 2026-12-06T10:15:00-05:00",
                )
            )
        line = draw.get("selected_line")
        if line is not None and (not isinstance(line, int) or isinstance(line, bool)):
            problems.append((f"{where}.selected_line", "must be a roster line number or null"))
        size = draw.get("roster_size")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            problems.append((f"{where}.roster_size", "must be a whole number"))
    if problems:
        return None, problems
    last = draws[-1]
    moment = device_moment(last["at"]) or dt.datetime.min  # checked above: never the fallback
    chosen = select_adult(method=method, seed=seed, roster=roster, today=moment.date())  # type: ignore[arg-type]
    if last["roster_size"] != len(roster):
        problems.append(
            (
                "household.draws",
                f"the last draw was made on {last['roster_size']} people, the roster lists {len(roster)}",
            )
        )
    if (
        last.get("selected_line") != chosen.selected_line
        or raw.get("selected_line") != chosen.selected_line
    ):
        problems.append(
            (
                "household.selected_line",
                f"the selection rule picks line {chosen.selected_line} of this roster"
                f" ({method}, on {moment.date().isoformat()}), not {raw.get('selected_line')}",
            )
        )
    if raw.get("eligible_adults") != chosen.eligible_adults:
        problems.append(
            (
                "household.eligible_adults",
                f"the roster lists {chosen.eligible_adults} eligible adults, not {raw.get('eligible_adults')}",
            )
        )
    if completed and chosen.eligible_adults == 0:
        problems.append(
            ("household.roster", "lists no eligible adult: record a not-eligible visit instead")
        )
    if problems:
        return None, problems
    redrawn = any(d.get("selected_line") != chosen.selected_line for d in draws[:-1])
    return Household(dict(raw), chosen.eligible_adults, len(draws), redrawn), []
