"""Design-based survey analysis: designs, estimators, weighting, indicators, reports.

A pure library (numpy, pandas, statsmodels): no Flask and no database here.
The names below are imported on first access, so ``import analysis`` (and
``import analysis.indicators`` before it needs them) stays fast; heavy
modules (scipy, statsmodels, matplotlib) load inside the functions that use
them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis._lazy import lazy_names

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


__getattr__, __dir__ = lazy_names(__name__, _HOMES)
