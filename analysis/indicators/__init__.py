"""Standard indicators of victimization, reporting, fear and trust (see docs/indicators.md).

The catalogue is data (:mod:`analysis.indicators.catalogue`); the
computation (:func:`compute_indicators`) and the quality rules
(:mod:`analysis.indicators.quality`) have no indicator-specific branches.
"""

from analysis.indicators.catalogue import (
    UNIT_SCALE,
    Indicator,
    catalogue,
    catalogue_table,
    get_indicator,
)
from analysis.indicators.compute import (
    DEFAULT_DOMAINS,
    INDICATOR_COLUMNS,
    add_domain_columns,
    compute_indicators,
    indicator_variables,
)
from analysis.indicators.quality import (
    INCIDENT_REQUIREMENTS,
    QUALITY_RULES,
    QualityRules,
    Requirement,
    assess_quality,
    quality_rules,
    with_minimum_cases,
)
from analysis.indicators.spec import DesignSpec

__all__ = [
    "DEFAULT_DOMAINS",
    "INCIDENT_REQUIREMENTS",
    "INDICATOR_COLUMNS",
    "QUALITY_RULES",
    "UNIT_SCALE",
    "DesignSpec",
    "Indicator",
    "QualityRules",
    "Requirement",
    "add_domain_columns",
    "assess_quality",
    "catalogue",
    "catalogue_table",
    "compute_indicators",
    "get_indicator",
    "indicator_variables",
    "quality_rules",
    "with_minimum_cases",
]
