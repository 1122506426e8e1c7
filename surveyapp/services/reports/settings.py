"""What every report job shares: the quality settings, the error a user can fix, progress."""

from __future__ import annotations

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


def quiet(step: str) -> None:
    """A progress callback that says nothing."""
