"""The design of the respondent tables: column names, weights by level, the survey design.

One home for what :mod:`analysis.indicators.compute` and :mod:`analysis.compare`
both need: :class:`DesignSpec` (which columns hold the weights, strata and
PSUs), :func:`level_weights` (the household weight and its fallbacks),
:func:`survey_design` (a :class:`~analysis.design.SurveyDesign` from a spec)
and :func:`domain_labels` (domain values as the text of result tables).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal

import numpy as np
import pandas as pd

from analysis._validation import numeric_column
from analysis._variance import LonelyPSU
from analysis.design import SurveyDesign

__all__ = ["DesignSpec", "WeightLevel", "domain_labels", "level_weights", "survey_design"]

#: Which weight an estimate uses: the person's or the household's.
WeightLevel = Literal["person", "household"]


@dataclass(frozen=True)
class DesignSpec:
    """Column names of the design in the respondent (and incident) tables.

    Parameters
    ----------
    weight : str
        Final person weight.
    household_weight : str, optional
        Final household weight (without the adults factor). When absent,
        household-level indicators use ``weight / hh_adults`` (documented
        approximation), or the person weight when ``hh_adults`` is absent too
        (see :func:`level_weights`).
    strata, psu, fpc : str, optional
        As in :class:`analysis.design.SurveyDesign`.
    lonely_psu : {"fail", "remove", "certainty", "adjust", "average"}
        Policy for strata with one PSU (``SurveyDesign``).
    respondent_id : str
        Key shared by the respondent and the incident tables.
    domain_columns : mapping
        Domain name -> column; names not listed are taken as column names.
    """

    weight: str = "weight"
    household_weight: str | None = "weight_household"
    strata: str | None = "stratum"
    psu: str | None = "psu"
    fpc: str | None = None
    lonely_psu: LonelyPSU = "fail"
    respondent_id: str = "interview_id"
    domain_columns: Mapping[str, str] = field(
        default_factory=lambda: {
            "state": "state",
            "municipality": "municipality",
            "sex": "dem_sex",
            "age_group": "age_group",
            "youth": "youth",
        }
    )

    @classmethod
    def from_any(cls, spec: DesignSpec | Mapping[str, Any] | None) -> DesignSpec:
        if spec is None:
            return cls()
        if isinstance(spec, DesignSpec):
            return spec
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(spec) - known)
        if unknown:
            raise ValueError(f"design_spec has unknown key(s) {', '.join(unknown)}")
        return cls(**dict(spec))

    @property
    def design_columns(self) -> list[str]:
        """The strata, PSU and fpc columns that are set."""
        return [c for c in (self.strata, self.psu, self.fpc) if c is not None]


def _weight_column(frame: pd.DataFrame, name: str, role: str) -> np.ndarray:
    return numeric_column(frame, name, what=f"{role} column", where="the respondent table")


def level_weights(frame: pd.DataFrame, spec: DesignSpec, level: WeightLevel) -> np.ndarray:
    """The weight of each respondent row for estimates of persons or of households.

    Parameters
    ----------
    frame : pandas.DataFrame
        Respondent table with the columns ``spec`` names.
    spec : DesignSpec
    level : {"person", "household"}

    Returns
    -------
    numpy.ndarray
        ``spec.weight`` for persons. For households: ``spec.household_weight``
        when that column exists, else ``weight / max(hh_adults, 1)`` when
        ``hh_adults`` exists, else the person weight.

    Notes
    -----
    The person weight of a respondent selected among :math:`a` adults is
    :math:`w_h a`, so :math:`w_h = w / a` (a household with several
    respondents would count once per respondent; the standard design
    interviews one adult per household).
    """
    person = _weight_column(frame, spec.weight, "weight")
    if level == "person":
        return person
    if spec.household_weight is not None and spec.household_weight in frame.columns:
        return _weight_column(frame, spec.household_weight, "household_weight")
    if "hh_adults" in frame.columns:
        return person / np.maximum(_weight_column(frame, "hh_adults", "hh_adults"), 1.0)
    return person


def survey_design(
    data: pd.DataFrame,
    spec: DesignSpec,
    level: WeightLevel = "person",
    *,
    weights: np.ndarray | None = None,
) -> SurveyDesign:
    """The :class:`~analysis.design.SurveyDesign` of ``data`` as ``spec`` describes it.

    ``weights`` (one per row) replaces the weight of ``level``; the
    incident-level estimates pass the incident weights so.
    """
    w = level_weights(data, spec, level) if weights is None else weights
    return SurveyDesign(
        data.assign(__w=w),
        weights="__w",
        strata=spec.strata,
        psu=spec.psu,
        fpc=spec.fpc,
        lonely_psu=spec.lonely_psu,
    )


def domain_labels(values: pd.Series) -> pd.Series:
    """Domain values as text, whole-number floats without ".0" (codes 1.0 -> "1")."""
    return values.map(lambda v: str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
