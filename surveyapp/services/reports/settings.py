"""What every report job shares: the quality settings, the error a user can fix, progress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ReportSettings:
    """How estimates are judged: the quality rule set and the smallest cell any output publishes.

    ``min_cases``: an estimate from fewer cases (``n``) is flagged suppressed
    whatever its CV, so public outputs never show small cells even under a
    rule set (INEGI's) that publishes every estimate with a CV band.
    """

    quality: str = "inegi"
    min_cases: int = 30

    @property
    def tag(self) -> str:
        return f"{self.quality}/n>={self.min_cases}"


#: The settings when none are given (INEGI bands, nothing from fewer than 30 cases in public).
DEFAULT_SETTINGS = ReportSettings()


class ReportError(ValueError):
    """A report cannot be built as asked (no data, unknown area); the message says why."""


def quiet(step: str) -> None:
    """A progress callback that says nothing."""
