"""Tables from other modules, brought to the shapes the report reads.

* Police records come either per report area (``domain_type, domain,
  recorded, population``) or as uploaded/simulated per municipality and
  crime type (``area, state, crime_type, count, population``, as
  :func:`analysis.simulate.simulate_country` and :func:`analysis.compare.police_rates`
  use); the second is added up to municipalities, states and the nation.
* Odds ratios come from :func:`analysis.compare.fear_model`
  (``term, odds_ratio, or_ci_low, or_ci_high, p``) or already as
  ``term, odds_ratio, ci_low, ci_high[, p_value, label]``.
* The exposure model (:func:`analysis.compare.perception_model`) is described by the
  adjustments it has (:func:`exposure_adjustments`, :func:`exposure_note`) and the ones it
  was fitted without (:func:`exposure_left_out`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from analysis.report.i18n import Translator
from analysis.report.not_asked import REPORT_ITEMS, not_asked_notes

__all__ = [
    "EXPOSURE_ADJUSTMENTS",
    "and_list",
    "exposure_adjustments",
    "exposure_left_out",
    "exposure_note",
    "fear_driver_rows",
    "model_covariates",
    "odds_reference_note",
    "police_by_area",
    "term_label",
]


def police_by_area(police: pd.DataFrame) -> pd.DataFrame:
    """``domain_type, domain, recorded, population, rate_per_100000`` (all crime types)."""
    frame = police.copy()
    if "domain_type" in frame.columns:
        missing = sorted({"domain", "recorded"} - set(frame.columns))
        if missing:
            raise ValueError(f"ReportData.police lacks column(s) {', '.join(missing)}")
        frame["domain"] = frame["domain"].astype(str)
        frame["domain_type"] = frame["domain_type"].astype(str)
        if "crime_type" in frame.columns:
            frame = frame[frame["crime_type"].isna() | (frame["crime_type"].astype(str) == "all")]
        if "rate_per_100000" not in frame.columns:
            if "population" not in frame.columns:
                raise ValueError("ReportData.police needs population or rate_per_100000")
            frame["rate_per_100000"] = 1e5 * frame["recorded"] / frame["population"]
        return frame
    missing = sorted({"area", "count", "population"} - set(frame.columns))
    if missing:
        raise ValueError(
            "ReportData.police needs domain_type/domain/recorded or area/count/population; "
            f"it lacks {', '.join(missing)}"
        )
    frame["area"] = frame["area"].astype(str)
    # the population of an area repeats on each of its crime-type rows
    by_area = frame.groupby("area").agg(recorded=("count", "sum"), population=("population", "max"))
    if "state" in frame.columns:
        by_area["state"] = frame.groupby("area")["state"].first().astype(str)
    parts = [by_area.reset_index(names="domain").assign(domain_type="municipality")]
    if "state" in by_area.columns:
        states = by_area.groupby("state")[["recorded", "population"]].sum()
        parts.append(states.reset_index(names="domain").assign(domain_type="state"))
    total = by_area[["recorded", "population"]].sum()
    parts.append(
        pd.DataFrame(
            {
                "domain_type": ["national"],
                "domain": ["national"],
                "recorded": [total["recorded"]],
                "population": [total["population"]],
            }
        )
    )
    out = pd.concat(parts, ignore_index=True)[["domain_type", "domain", "recorded", "population"]]
    out["rate_per_100000"] = 1e5 * out["recorded"] / out["population"]
    return out


_TERM = re.compile(r"^C\((?P<var>[a-z_]+)(?:,[^)]*\))?\)?\[T\.(?P<level>[^\]]+)\]$")
_SEX = {"1": "group_men", "2": "group_women"}


def term_label(term: str, t: Translator, area_names: dict[str, str] | None = None) -> str:
    """A readable label for a model term (``C(sex)[T.2]`` -> "Women")."""
    if term == "victim":
        return t("term_victim")
    match = _TERM.match(term)
    if match is None:
        return term
    var, level = match.group("var"), match.group("level")
    if var == "sex" and level in _SEX:
        return t(_SEX[level])
    if var == "age_group":
        return t("term_age", group=level)
    if var == "trust":
        return t("term_trusts") if level == "trusts" else t("term_trust_unknown")
    if var == "area":
        return (area_names or {}).get(level, level)
    return f"{var}: {level}"


#: The fear model's covariates (analysis.compare.fear_model) -> the words of its reference level.
_REFERENCES = {"sex": "ref_men", "age_group": "ref_age", "trust": "ref_distrusts"}


def model_covariates(odds: pd.DataFrame) -> set[str]:
    """The covariates among ``sex``, ``age_group``, ``area`` and ``trust`` with a term in a
    fitted fear model (a national adaptation's model may lack some:
    :func:`analysis.compare.fear_model_dropped`)."""
    found = set()
    for term in odds["term"].astype(str):
        match = _TERM.match(term)
        if match is not None:
            found.add(match.group("var"))
    return found & {"sex", "age_group", "area", "trust"}


def odds_reference_note(odds: pd.DataFrame, t: Translator) -> str:
    """What the odds ratios are adjusted for and their reference levels, as far as the model
    has the terms: "The model also adjusts for area (effects not shown). Reference: men, aged
    18-29, distrusts the police, not a victim." for the full model."""
    covariates = model_covariates(odds)
    refs = [t(key) for name, key in _REFERENCES.items() if name in covariates]
    reference = t("odds_reference", refs=", ".join([*refs, t("ref_not_victim")]))
    return f"{t('odds_area')} {reference}" if "area" in covariates else reference


#: The exposure model's adjustment terms (:data:`analysis.compare.model.ADJUSTMENTS`), in its
#: formula's order, -> the standard item whose absence the not-asked notes name (None: no
#: single item; ``victim`` reads the screeners, ``area`` the sample's areas).
EXPOSURE_ADJUSTMENTS: dict[str, str | None] = {
    "victim": None,
    "sex": "dem_sex",
    "age_group": "dem_age",
    "area": None,
}
_EXPOSURE_WORDS = {"victim": "victim", "sex": "sex", "age_group": "age", "area": "area"}


def exposure_adjustments(odds: pd.DataFrame) -> tuple[str, ...]:
    """The adjustment terms of :data:`EXPOSURE_ADJUSTMENTS` with a coefficient in a fitted
    exposure model, in its order (an adaptation's model may lack some:
    :func:`analysis.compare.perception_model_dropped`)."""
    terms = set(odds["term"].astype(str))
    found = model_covariates(odds) | ({"victim"} if "victim" in terms else set())
    return tuple(a for a in EXPOSURE_ADJUSTMENTS if a in found)


def and_list(t: Translator, words: Sequence[str]) -> str:
    """``words`` as a list in ``t``'s language: "a", "a and b", "a, b and c"."""
    if len(words) < 2:
        return "".join(words)
    return t("list_and", rest=", ".join(words[:-1]), last=words[-1])


def exposure_note(t: Translator, adjustments: Iterable[str]) -> str:
    """What the exposure model's odds ratios are, naming the adjustments it has: "Odds ratios
    of a design-based logistic model adjusted for victimization, sex, age group and area. It
    is an association, ..." for the full model; "... adjusted for victimization and age
    group. ..." without sex and area; "without adjustment for other variables" without any."""
    present = set(adjustments)
    unknown = sorted(present - set(EXPOSURE_ADJUSTMENTS))
    if unknown:
        raise ValueError(f"unknown adjustment(s) {', '.join(unknown)}")
    words = [t(f"adjust_{a}") for a in EXPOSURE_ADJUSTMENTS if a in present]
    adjusted = t("exposure_adjusted", terms=and_list(t, words)) if words else None
    return t("exposure_note", adjusted=adjusted or t("exposure_unadjusted"))


def exposure_left_out(
    t: Translator, dropped: Iterable[str], not_asked: Sequence[str], fitted: bool = True
) -> list[str]:
    """Why the exposure model lacks terms or is missing, in ``t``'s language.

    ``dropped``: the adjustment terms it was fitted without
    (:func:`analysis.compare.perception_model_dropped`); ``not_asked``: the standard items the
    questionnaire does not ask (:func:`analysis.report.not_asked.not_asked_items`). First the
    not-asked notes of the items the model reads (the questionnaire does not ask ``dem_sex``:
    its sex term is left out), then one sentence per dropped term no such note explains (a
    web wave without areas, no answers to the victimization screeners). Without a ``fitted``
    model, only the items without which there is none (``per_safe_nbhd``): a model of too
    few cases is not missing for want of ``dem_sex``.
    """
    if not fitted:
        whole = t("sub_exposure_model")
        not_asked = [i for i in not_asked if any(p(t) == whole for p in REPORT_ITEMS.get(i, ()))]
    notes = not_asked_notes(t, not_asked, about="sub_exposure_model")
    asked = set(not_asked)
    for term in dropped:
        if EXPOSURE_ADJUSTMENTS[term] not in asked:
            word = t(f"covariate_{_EXPOSURE_WORDS[term]}")
            notes.append(t("model_fitted_without", term=word))
    return notes


def fear_driver_rows(odds: pd.DataFrame, t: Translator) -> pd.DataFrame:
    """``label, odds_ratio, ci_low, ci_high, p_value``; intercept and area effects left out."""
    frame = odds.copy()
    if "or_ci_low" in frame.columns:  # compare.fear_model: ci_* are on the log-odds scale
        frame["ci_low"], frame["ci_high"] = frame["or_ci_low"], frame["or_ci_high"]
    if "p_value" not in frame.columns:
        frame["p_value"] = frame["p"] if "p" in frame.columns else np.nan
    missing = sorted({"term", "odds_ratio", "ci_low", "ci_high"} - set(frame.columns))
    if missing:
        raise ValueError(f"ReportData.fear_drivers lacks column(s) {', '.join(missing)}")
    terms = frame["term"].astype(str)
    keep = ~terms.str.contains("Intercept", regex=False) & ~terms.str.startswith("C(area)")
    frame = frame[keep.to_numpy()].copy()
    if "label" not in frame.columns:
        frame["label"] = [term_label(x, t) for x in frame["term"].astype(str)]
    return frame[["label", "odds_ratio", "ci_low", "ci_high", "p_value"]].reset_index(drop=True)
