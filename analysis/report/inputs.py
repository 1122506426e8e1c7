"""Tables from other modules, brought to the shapes the report reads.

* Police records come either per report area (``domain_type, domain,
  recorded, population``) or as uploaded/simulated per municipality and
  crime type (``area, state, crime_type, count, population``, as
  :func:`analysis.simulate.simulate_country` and :func:`analysis.compare.police_rates`
  use); the second is added up to municipalities, states and the nation.
* Odds ratios come from :func:`analysis.compare.fear_model`
  (``term, odds_ratio, or_ci_low, or_ci_high, p``) or already as
  ``term, odds_ratio, ci_low, ci_high[, p_value, label]``.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.report.i18n import Translator

__all__ = [
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
