"""Design-based survey analysis: designs, estimators, weighting, indicators, reports.

A pure library (numpy, pandas, statsmodels): no Flask and no database here.
The names below are imported on first access, so ``import analysis`` (and
``import analysis.indicators`` before it needs them) stays fast; heavy
modules (scipy, statsmodels, matplotlib) load inside the functions that use
them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the lazy names, for type checkers and editors
    from analysis.design import SurveyDesign
    from analysis.estimate import Estimate
    from analysis.replicate import ReplicateDesign

__all__ = ["Estimate", "ReplicateDesign", "SurveyDesign"]

_HOMES = {
    "Estimate": "analysis.estimate",
    "ReplicateDesign": "analysis.replicate",
    "SurveyDesign": "analysis.design",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
