"""The fear-driver model: design-based logistic regression of feeling unsafe."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis.indicators.catalogue import get_indicator
from analysis.indicators.compute import add_domain_columns, indicator_variables
from analysis.indicators.spec import DesignSpec, domain_labels, survey_design


def fear_model(
    respondents: pd.DataFrame,
    design_spec: DesignSpec | Mapping[str, Any] | None = None,
    outcome: str = "insecure_nbhd",
    area: str = "state",
    level: float = 0.95,
) -> pd.DataFrame:
    """Design-based logistic regression of feeling unsafe on victimization and covariates.

    Parameters
    ----------
    respondents : pandas.DataFrame
        Respondent table with design columns.
    design_spec : DesignSpec or mapping
    outcome : str
        A person-level 0/1 indicator id for the response (default
        ``insecure_nbhd``: feels unsafe in the neighbourhood).
    area : str
        Domain name or column for the area effects (``state``).
    level : float
        Level of the odds-ratio intervals.

    Returns
    -------
    pandas.DataFrame
        :func:`analysis.regression.svyglm` output (``term, estimate, se, t,
        p, ci_low, ci_high, df, odds_ratio, or_ci_low, or_ci_high``).

    Notes
    -----
    Model: ``logit P(unsafe) = victim + sex + age group + area + trust in
    police``, where ``victim`` is ``prev_person`` (unknown status left out),
    trust is ``trusts`` (1-2), ``distrusts`` (3-4) or ``unknown`` (does not
    know the police, or -8), with ``distrusts`` as the reference. Fitted by
    :meth:`SurveyDesign.glm` (quasibinomial, Taylor linearization); cases
    with a missing variable leave the domain, not the design.

    Examples
    --------
    R: ``svyglm(unsafe ~ victim + factor(sex) + factor(age_group) +
    factor(state) + factor(trust), des, family = quasibinomial())``
    """
    spec = DesignSpec.from_any(design_spec)
    frame = add_domain_columns(respondents).reset_index(drop=True)
    target = get_indicator(outcome)
    if target.level != "person" or target.estimator != "proportion":
        raise ValueError(f"outcome {outcome!r} must be a person-level percentage indicator")
    response = indicator_variables(target, frame, None, spec.respondent_id)
    victim = indicator_variables(get_indicator("prev_person"), frame, None, spec.respondent_id)
    area_column = spec.domain_columns.get(area, area)
    sex_column = spec.domain_columns.get("sex", "dem_sex")
    for column in (area_column, sex_column, "age_group"):
        if column not in frame.columns:
            raise ValueError(f"column {column!r} not found in the respondent table")
    trust = (
        frame["trust_police"]
        if "trust_police" in frame.columns
        else pd.Series(np.nan, index=frame.index)
    )
    data = pd.DataFrame(
        {
            "unsafe": np.where(response["den"] > 0, response["num"], np.nan),
            "victim": np.where(victim["den"] > 0, victim["num"], np.nan),
            "sex": domain_labels(frame[sex_column]),
            "age_group": frame["age_group"],
            "area": domain_labels(frame[area_column]),
            "trust": np.where(
                trust.isin([1, 2]), "trusts", np.where(trust.isin([3, 4]), "distrusts", "unknown")
            ),
        }
    )
    for design_column in (spec.weight, *spec.design_columns):
        data[design_column] = frame[design_column].to_numpy()
    design = survey_design(data, spec)
    formula = "unsafe ~ victim + C(sex) + C(age_group) + C(area) + C(trust, Treatment('distrusts'))"
    return design.glm(formula, family="binomial", level=level)
