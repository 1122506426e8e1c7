"""Design-based survey analysis: designs, estimators, weighting, indicators, reports.

A pure library (numpy, pandas, statsmodels): no Flask and no database here.
"""

from analysis.design import SurveyDesign
from analysis.estimate import Estimate
from analysis.replicate import ReplicateDesign

__all__ = ["Estimate", "ReplicateDesign", "SurveyDesign"]
