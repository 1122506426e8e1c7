"""What every report job shares: the quality settings, the error a user can fix, progress."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ... import config

if TYPE_CHECKING:  # analysis loads with the first table built
    from analysis.indicators.compute import HouseholdCrimes

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ReportSettings:
    """How estimates are judged: the quality rule set and the smallest cell any output publishes.

    ``min_cases``: an estimate from fewer cases (``n``) is flagged suppressed
    whatever its CV, so public outputs never show small cells even under a
    rule set (INEGI's) that publishes every estimate with a CV band.
    ``household_crimes``: the weight of household crimes in counts and
    incident-based estimates (``compute_indicators(household_crimes=...)``).
    """

    quality: str = config.REPORT_QUALITY_RULES
    min_cases: int = config.REPORT_MIN_CASES
    household_crimes: HouseholdCrimes = config.REPORT_HOUSEHOLD_CRIMES

    @property
    def tag(self) -> str:
        weighted = (
            ""
            if self.household_crimes == "person"
            else f"/household crimes by {self.household_crimes}"
        )
        return f"{self.quality}/n>={self.min_cases}{weighted}"


#: The settings when none are given: the defaults of surveyapp/config.py (the app's own settings
#: come from observatory.jobs.report_settings).
DEFAULT_SETTINGS: ReportSettings = ReportSettings()


class ReportError(ValueError):
    """A report cannot be built as asked (no data, unknown area); the message says why."""


#: What a failed output says when the failure was ours (logged), not a ReportError's message.
FAILED_MESSAGE = "The report could not be built because of an error on our side; it was logged."
#: ReportError messages that say the same every time. A failed output stores its message in
#: English; a page says these in its reader's language (observatory texts ``failed_<name>``).
WAVE_GONE = "the wave no longer exists"
NO_INTERVIEWS = "this wave has no completed interviews yet"
COMPARISON_WAVE_GONE = "a wave of this comparison no longer exists"
NO_SUCH_EDITION = "No such edition or format."  # a microdata release asked for by a bad URL
FIXED_REASONS: dict[str, str] = {
    FAILED_MESSAGE: "ours",
    WAVE_GONE: "wave_gone",
    NO_INTERVIEWS: "no_interviews",
    COMPARISON_WAVE_GONE: "comparison_wave_gone",
    NO_SUCH_EDITION: "no_such_edition",
}
#: ReportError and ReleaseError messages that name what differs (an area, a questionnaire),
#: by name: :func:`reason` writes one in English (as a failed output stores it) and
#: :func:`read_reason` finds the name and values again, so a page says it in its reader's
#: language (observatory texts ``failed_<name>``, the same placeholders).
NAMED_REASONS: dict[str, str] = {
    "no_area_results": "this wave has no results for area '{area}'",
    "asks_no_indicator_items": (
        "the questionnaire of this wave ({questionnaire}) asks none of the items the standard "
        "indicators are computed from; its answers are in the microdata"
    ),
    "answers_do_not_fit": "the answers do not fit the questionnaire: {detail}",
    "no_interviews_to_release": "wave '{wave}' has no completed interviews to release",
    "public_not_releasable": "the public edition cannot be released: {detail}",
}


def reason(name: str, **values: object) -> str:
    """The English reason ``name`` of :data:`NAMED_REASONS` with its values filled in."""
    return NAMED_REASONS[name].format(**values)


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)  # text, name, text, name, ..., text
    return re.compile(
        "".join(
            re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+)" for i, part in enumerate(parts)
        ),
        re.DOTALL,
    )


_PATTERNS = {name: _pattern(template) for name, template in NAMED_REASONS.items()}


def read_reason(text: str) -> tuple[str, dict[str, str]] | None:
    """The name and values of a recorded reason written by :func:`reason`, else None."""
    for name, pattern in _PATTERNS.items():
        found = pattern.fullmatch(text)
        if found is not None:
            return name, found.groupdict()
    return None


def quiet(step: str) -> None:
    """A progress callback that says nothing."""
