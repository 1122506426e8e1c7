"""Design-based logistic models of perception: the fear drivers, and perception by an exposure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from analysis.indicators.catalogue import get_indicator
from analysis.indicators.compute import add_domain_columns, indicator_variables
from analysis.indicators.conditions import codes_in
from analysis.indicators.spec import DesignSpec, domain_labels, survey_design

#: The fear model's covariates, in the formula's order -> their terms (the item each needs:
#: :func:`_covariate_item`).
FEAR_COVARIATES: dict[str, str] = {
    "sex": "C(sex)",
    "age_group": "C(age_group)",
    "area": "C(area)",
    "trust": "C(trust, Treatment('distrusts'))",
}


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

    A national adaptation may drop a standard item (questionnaires/docs/
    naming.md, rule 6). Without the outcome's or ``prev_person``'s items
    there is no model: a ``ValueError`` names them (see
    :func:`fear_model_missing`). Without a covariate's item (``dem_sex``,
    ``dem_age``, ``trust_police``, the area column) the model is fitted
    without that term (see :func:`fear_model_dropped`); its other odds
    ratios are then adjusted for less, which the report says.

    Examples
    --------
    R: ``svyglm(unsafe ~ victim + factor(sex) + factor(age_group) +
    factor(state) + factor(trust), des, family = quasibinomial())``; without
    ``dem_sex``: ``svyglm(unsafe ~ victim + factor(age_group) + factor(state) +
    factor(trust), ...)``.
    """
    spec = DesignSpec.from_any(design_spec)
    missing = fear_model_missing(respondents, spec, outcome, area)
    if missing:
        raise ValueError(
            f"the fear model needs item(s) {', '.join(missing)}, which the respondent table lacks"
        )
    dropped = set(fear_model_dropped(respondents, spec, area))
    terms = [t for t in FEAR_COVARIATES if _covariate_item(t, spec, area) not in dropped]
    frame = add_domain_columns(respondents).reset_index(drop=True)
    data = _model_data(frame, spec, outcome, area, [t for t in terms if t != "trust"])
    if "trust" in terms:
        trust = frame[_TRUST]
        data["trust"] = np.where(
            trust.isin([1, 2]), "trusts", np.where(trust.isin([3, 4]), "distrusts", "unknown")
        )
    design = survey_design(data, spec)
    formula = " + ".join(["unsafe ~ victim", *(FEAR_COVARIATES[t] for t in terms)])
    return design.glm(formula, family="binomial", level=level)


_TRUST = "trust_police"


def _covariate_item(term: str, spec: DesignSpec, area: str) -> str:
    """The respondent table's column (or item, for age) behind a covariate of the fear model:
    the design's sex and area columns, ``dem_age``, ``trust_police``."""
    if term == "sex":
        return spec.domain_columns.get("sex", "dem_sex")
    if term == "area":
        return spec.domain_columns.get(area, area)
    return "dem_age" if term == "age_group" else _TRUST


def _indicator_items(ident: str, columns: set[str]) -> list[str]:
    """The numerator codes of an indicator when none of them is a column (else none)."""
    codes = sorted(set(codes_in(get_indicator(ident).numerator)))
    return [] if columns.intersection(codes) else codes


def fear_model_missing(
    respondents: pd.DataFrame,
    design_spec: DesignSpec | Mapping[str, Any] | None = None,
    outcome: str = "insecure_nbhd",
    area: str = "state",
) -> list[str]:
    """The items without which :func:`fear_model` cannot be fitted at all (empty when none).

    Parameters
    ----------
    respondents : pandas.DataFrame
    design_spec : DesignSpec or mapping
    outcome, area : str
        As for :func:`fear_model`.

    Returns
    -------
    list of str
        Questionnaire codes of the outcome and of ``prev_person`` (the
        victimization term), when none of an indicator's codes is present.

    Notes
    -----
    A national adaptation may drop a standard item (questionnaires/docs/
    naming.md, rule 6); a report then leaves the model out and names the
    items. A missing covariate does not stop the model:
    :func:`fear_model_dropped`.
    """
    columns = set(respondents.columns)
    return _indicator_items(outcome, columns) + _indicator_items("prev_person", columns)


def fear_model_dropped(
    respondents: pd.DataFrame,
    design_spec: DesignSpec | Mapping[str, Any] | None = None,
    area: str = "state",
) -> list[str]:
    """The covariates' items ``respondents`` lacks: :func:`fear_model` leaves their terms out.

    Returns
    -------
    list of str
        In the formula's order: the sex column (``dem_sex`` unless the design
        names another), ``dem_age`` (unless ``age_group`` is given), the area
        column and ``trust_police``; empty for the full model. A column without
        a single value counts as missing (a web wave without areas: the model
        has no area effects).
    """
    spec = DesignSpec.from_any(design_spec)
    dropped = []
    for term in FEAR_COVARIATES:
        item = _covariate_item(term, spec, area)
        columns = [item, "age_group"] if term == "age_group" else [item]
        if not any(c in respondents.columns and respondents[c].notna().any() for c in columns):
            dropped.append(item)
    return dropped


def _model_data(
    frame: pd.DataFrame,
    spec: DesignSpec,
    outcome: str,
    area: str,
    covariates: Sequence[str] = ("sex", "age_group", "area"),
    victim_term: bool = True,
) -> pd.DataFrame:
    """Response (0/1, NaN outside its base), victim (0/1; with ``victim_term``), the
    ``covariates`` among sex, age group and area, and the design."""
    target = get_indicator(outcome)
    if target.level != "person" or target.estimator != "proportion":
        raise ValueError(f"outcome {outcome!r} must be a person-level percentage indicator")
    response = indicator_variables(target, frame, None, spec.respondent_id)
    columns = {
        "sex": spec.domain_columns.get("sex", "dem_sex"),
        "age_group": "age_group",
        "area": spec.domain_columns.get(area, area),
    }
    for term in covariates:
        if columns[term] not in frame.columns:
            raise ValueError(f"column {columns[term]!r} not found in the respondent table")
    data = pd.DataFrame({"unsafe": np.where(response["den"] > 0, response["num"], np.nan)})
    if victim_term:
        victim = indicator_variables(get_indicator("prev_person"), frame, None, spec.respondent_id)
        data["victim"] = np.where(victim["den"] > 0, victim["num"], np.nan)
    for term in covariates:
        if term == "age_group":
            data["age_group"] = frame["age_group"]
        else:
            values = frame[columns[term]]
            data[term] = domain_labels(values).where(values.notna())
    for design_column in (spec.weight, *spec.design_columns):
        data[design_column] = frame[design_column].to_numpy()
    return data


#: How :func:`perception_model` enters the exposure: one coefficient per level against the
#: reference, or one slope for the code read as a score.
ExposureKind = Literal["categorical", "numeric"]
#: Adjustment terms :func:`perception_model` knows, in the formula's order -> their terms.
PERCEPTION_ADJUSTMENTS: dict[str, str] = {
    "victim": "victim",
    "sex": "C(sex)",
    "age_group": "C(age_group)",
    "area": "C(area)",
}
#: Adjustment terms :func:`perception_model` knows.
ADJUSTMENTS: tuple[str, ...] = tuple(PERCEPTION_ADJUSTMENTS)


def _adjustment_columns(term: str, spec: DesignSpec, area: str) -> list[str]:
    """The columns of which one must hold a value for an adjustment term of
    :func:`perception_model`: ``prev_person``'s items for ``victim``; else as for the fear
    model's covariates (:func:`_covariate_item`; ``age_group`` or ``dem_age`` for age)."""
    if term == "victim":
        return sorted(set(codes_in(get_indicator("prev_person").numerator)))
    item = _covariate_item(term, spec, area)
    return [item, "age_group"] if term == "age_group" else [item]


def perception_model_missing(
    respondents: pd.DataFrame,
    exposure: str = "media_freq",
    outcome: str = "insecure_nbhd",
) -> list[str]:
    """The items without which :func:`perception_model` cannot be fitted at all (empty when
    none).

    Returns
    -------
    list of str
        The outcome's questionnaire codes when none of them is a column
        (``per_safe_nbhd`` for ``insecure_nbhd``), then ``exposure`` when it
        is not a column or holds no value.

    Notes
    -----
    A national adaptation may drop a standard item (questionnaires/docs/
    naming.md, rule 6). A missing adjustment term does not stop the model:
    :func:`perception_model_dropped`.
    """
    missing = _indicator_items(outcome, set(respondents.columns))
    if exposure not in respondents.columns or respondents[exposure].isna().all():
        missing.append(exposure)
    return missing


def perception_model_dropped(
    respondents: pd.DataFrame,
    design_spec: DesignSpec | Mapping[str, Any] | None = None,
    adjust: Sequence[str] = ADJUSTMENTS,
    area: str = "state",
) -> list[str]:
    """The adjustment terms among ``adjust`` whose items ``respondents`` lacks or leaves all
    empty: :func:`perception_model` is fitted without them.

    Returns
    -------
    list of str
        Terms among :data:`ADJUSTMENTS`, in the formula's order: ``victim``
        when none of ``prev_person``'s items (``pv_*_12m``) is a column with a
        value; ``sex`` without the design's sex column (``dem_sex``);
        ``age_group`` without ``dem_age`` (or ``age_group``); ``area``
        without a value in the area column (a web wave without areas). Empty
        for the full model.

    Notes
    -----
    Without victimization the exposure's odds ratios are no longer adjusted
    for having been a victim, which a reader should be told: the report's
    note names the adjustments the model has
    (:func:`analysis.report.inputs.exposure_adjustments`).
    """
    spec = DesignSpec.from_any(design_spec)
    return [
        term
        for term in PERCEPTION_ADJUSTMENTS
        if term in adjust
        and not any(
            c in respondents.columns and respondents[c].notna().any()
            for c in _adjustment_columns(term, spec, area)
        )
    ]


def perception_model(
    respondents: pd.DataFrame,
    design_spec: DesignSpec | Mapping[str, Any] | None = None,
    exposure: str = "media_freq",
    outcome: str = "insecure_nbhd",
    kind: ExposureKind = "categorical",
    reference: Any = None,
    adjust: Sequence[str] = ADJUSTMENTS,
    area: str = "state",
    level: float = 0.95,
) -> pd.DataFrame:
    """Perception by an exposure (crime news, ...) adjusted for victimization, area and demographics.

    Parameters
    ----------
    respondents : pandas.DataFrame
        Respondent table with design columns.
    design_spec : DesignSpec or mapping
    exposure : str
        Column of the exposure; default ``media_freq``, how often the
        respondent follows crime news (``vict_std``: 1 every day .. 4 less
        than weekly, 5 never; pass ``reference=5`` to compare with those who
        never do). Negative codes (don't know -8, refused -9) and missing
        values leave the domain, not the design.
    outcome : str
        Person-level percentage indicator for the response (default
        ``insecure_nbhd``).
    kind : {"categorical", "numeric"}
        ``categorical``: one odds ratio per exposure level against
        ``reference``; ``numeric``: one odds ratio per step of the code.
    reference : optional
        Reference level (default: the lowest code present).
    adjust : sequence of str
        Adjustment terms among :data:`ADJUSTMENTS` (``victim``: ``prev_person``;
        ``sex``; ``age_group``; ``area``).
    area : str
        Domain name or column of the area effects.
    level : float
        Level of the intervals.

    Returns
    -------
    pandas.DataFrame
        :func:`analysis.regression.svyglm` columns (``term, estimate, se, t,
        p, ci_low, ci_high, df, odds_ratio, or_ci_low, or_ci_high``); the
        exposure's terms are named ``<exposure>[T.<level>]`` (categorical) or
        ``<exposure>`` (numeric), and ``exposure`` is True on them.

    Notes
    -----
    ``logit P(outcome) = exposure + victim + sex + age group + area``,
    quasibinomial with the design's Taylor-linearized sandwich covariance
    (:meth:`SurveyDesign.glm`). An association adjusted for these
    covariates, not an effect of the media: people who fear crime may
    follow crime news more.

    A national adaptation may drop a standard item (questionnaires/docs/
    naming.md, rule 6). Without the outcome's items or the exposure there is
    no model: a ``ValueError`` names them (:func:`perception_model_missing`).
    An adjustment term whose items the table lacks or leaves all empty
    (``prev_person``'s for ``victim``, ``dem_sex``, ``dem_age``, the area
    column) is left out of the formula (:func:`perception_model_dropped`);
    the exposure's odds ratios are then adjusted for less, which the report
    says.

    Examples
    --------
    R: ``svyglm(unsafe ~ factor(media) + victim + factor(sex) +
    factor(age_group) + factor(state), des, family = quasibinomial())``;
    without ``dem_sex``: ``svyglm(unsafe ~ factor(media) + victim +
    factor(age_group) + factor(state), ...)``.

    >>> perception_model(resp, spec, exposure="media_freq", reference=5)  # doctest: +SKIP
    """
    if kind not in ("categorical", "numeric"):
        raise ValueError(f"kind must be 'categorical' or 'numeric'; got {kind!r}")
    unknown = sorted(set(adjust) - set(ADJUSTMENTS))
    if unknown:
        raise ValueError(
            f"adjust: unknown term(s) {', '.join(unknown)}; use {', '.join(ADJUSTMENTS)}"
        )
    spec = DesignSpec.from_any(design_spec)
    if exposure not in respondents.columns:
        raise ValueError(f"exposure column {exposure!r} not found in the respondent table")
    missing = perception_model_missing(respondents, exposure, outcome)
    if missing:
        raise ValueError(
            f"the perception model needs item(s) {', '.join(missing)}, which the respondent "
            "table lacks or leaves empty"
        )
    dropped = set(perception_model_dropped(respondents, spec, adjust, area))
    terms = [t for t in PERCEPTION_ADJUSTMENTS if t in adjust and t not in dropped]
    frame = add_domain_columns(respondents).reset_index(drop=True)
    codes = pd.to_numeric(frame[exposure], errors="coerce")
    if codes.isna().all() and frame[exposure].notna().any():
        raise ValueError(f"exposure column {exposure!r} must hold numeric codes")
    codes = codes.where(codes >= 0)
    present = sorted(codes.dropna().unique())
    if len(present) < 2:
        raise ValueError(f"exposure column {exposure!r} needs at least two known values")
    data = _model_data(
        frame,
        spec,
        outcome,
        area,
        [t for t in terms if t != "victim"],
        victim_term="victim" in terms,
    )
    if kind == "numeric":
        data["exposure"] = codes.to_numpy(dtype=np.float64)
        term = "exposure"
    else:
        labels = domain_labels(codes.dropna())
        data["exposure"] = labels.reindex(frame.index)
        ref = present[0] if reference is None else reference
        ref_label = domain_labels(pd.Series([ref])).iloc[0]
        if ref_label not in set(labels):
            raise ValueError(
                f"reference {reference!r} is not a value of {exposure!r} "
                f"({', '.join(domain_labels(pd.Series(present)))})"
            )
        term = f"C(exposure, Treatment({ref_label!r}))"
    formula = " + ".join([f"unsafe ~ {term}", *(PERCEPTION_ADJUSTMENTS[t] for t in terms)])
    design = survey_design(data, spec)
    fit = design.glm(formula, family="binomial", level=level)
    is_exposure = fit["term"].str.startswith(term)
    fit.insert(1, "exposure", is_exposure.to_numpy())
    fit["term"] = [
        (exposure + t[len(term) :] if kind == "categorical" else exposure) if e else t
        for t, e in zip(fit["term"], is_exposure, strict=True)
    ]
    return fit
