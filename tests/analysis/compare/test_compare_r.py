"""Fear by victimization, the paradox table, the media and fear-driver models and the DiD agree
with R's survey.

The two waves in tests/fixtures/r/compare/ are written by ``write_tables.py``
and the reference values by ``make_reference_compare.R``, which builds every
variable from the questionnaire codes itself (naming.md), independently of
the Python code.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from analysis import compare
from analysis.compare.evaluation import WaveSample

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "r" / "compare"
RTOL = 1e-6
TEXT = {"interview_id": str, "state": str, "stratum": str, "psu": str}
SPEC = {"household_weight": None}
PROGRAMME = ["01", "02", "03"]


@cache
def _reference() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "reference_compare.json").read_text())
    return data


@cache
def _wave(wave: int) -> pd.DataFrame:
    return pd.read_csv(FIXTURES / f"respondents_w{wave}.csv", dtype=TEXT)


def test_fear_by_victimization_matches_r() -> None:
    ref = _reference()["fear_by_victimization"]
    out = compare.fear_by_victimization(
        _wave(1), None, SPEC, fear=list(ref), victimization="prev_person"
    ).set_index("indicator")
    for ident, r in ref.items():
        row = out.loc[ident]
        assert row["victims"] == pytest.approx(100 * r["victims"], rel=RTOL)
        assert row["non_victims"] == pytest.approx(100 * r["non_victims"], rel=RTOL)
        assert row["difference"] == pytest.approx(100 * r["difference"], rel=RTOL)
        assert row["se"] == pytest.approx(100 * r["se"], rel=RTOL)
        assert row["df"] == r["df"]


def test_paradox_contrasts_match_r() -> None:
    ref = pd.DataFrame(_reference()["paradox"])
    out = compare.paradox_table(_wave(1), None, SPEC, fear="insecure_nbhd").set_index(
        ["group_type", "group"]
    )
    assert len(ref) == 2 * (len(out) - 1)  # every group, fear and victimization
    for r in ref.itertuples():
        role = "fear" if r.indicator == "insecure_nbhd" else "victimization"
        row = out.loc[(r.group_type, r.group)]
        assert row[f"{role}_vs_rest"] == pytest.approx(100 * r.difference, rel=RTOL)
        assert row[f"{role}_vs_rest_se"] == pytest.approx(100 * r.se, rel=RTOL)


def _r_term(term: str) -> str:
    """Python's term name as R writes it (factor(media)2, factor(sex)2, ...)."""
    if term == "Intercept":
        return "(Intercept)"
    if term == "victim":
        return "prev_person"
    if term.startswith("med_crime_news[T."):
        return "factor(media)" + term[len("med_crime_news[T.") : -1]
    for name, r_name in (("sex", "sex"), ("age_group", "age_group"), ("area", "state")):
        prefix = f"C({name})[T."
        if term.startswith(prefix):
            return f"factor({r_name})" + term[len(prefix) : -1]
    prefix = "C(trust, Treatment('distrusts'))[T."
    if term.startswith(prefix):
        return "trust" + term[len(prefix) : -1]
    raise AssertionError(f"unexpected term {term}")


@pytest.mark.parametrize(
    ("model", "dropped"),
    [("whole", ()), ("without_sex", ("dem_sex",)), ("without_trust", ("trust_police",))],
)
def test_fear_model_matches_svyglm_without_the_terms_an_adaptation_lacks(
    model: str, dropped: tuple[str, ...]
) -> None:
    ref = _reference()["fear_models"][model]
    respondents = _wave(1).drop(columns=list(dropped))
    assert compare.fear_model_missing(respondents, SPEC) == []
    assert compare.fear_model_dropped(respondents, SPEC) == list(dropped)
    _assert_matches_svyglm(compare.fear_model(respondents, SPEC), ref)


def test_fear_model_needs_its_outcome_and_victimization_items() -> None:
    respondents = _wave(1).drop(columns=["per_safe_nbhd"])
    assert compare.fear_model_missing(respondents, SPEC) == ["per_safe_nbhd"]
    with pytest.raises(ValueError, match="per_safe_nbhd"):
        compare.fear_model(respondents, SPEC)


def _assert_matches_svyglm(fit: pd.DataFrame, ref: dict[str, Any]) -> None:
    """The same terms as R's fit, with its coefficients, standard errors and residual df."""
    r = pd.DataFrame({"estimate": ref["estimate"], "se": ref["se"]}, index=ref["terms"])
    got = fit.assign(r_term=fit["term"].map(_r_term)).set_index("r_term")
    assert sorted(got.index) == sorted(r.index)
    np.testing.assert_allclose(got.loc[r.index, "estimate"], r["estimate"], rtol=1e-7)
    np.testing.assert_allclose(got.loc[r.index, "se"], r["se"], rtol=RTOL)
    assert (got["df"] == ref["df_residual"]).all()


def test_media_model_matches_svyglm_quasibinomial() -> None:
    ref = _reference()["media_model"]
    fit = compare.perception_model(_wave(1), SPEC, exposure="med_crime_news")
    _assert_matches_svyglm(fit, ref)
    # the fixture's media answers follow fear: the top level has a clear positive association
    assert fit.set_index("term").loc["med_crime_news[T.4]", "or_ci_low"] > 1


#: What an adaptation lacks -> the respondent table without it, and the term left out.
_WITHOUT = {
    "without_sex": (lambda w: w.drop(columns=["dem_sex"]), "sex"),
    "without_age": (lambda w: w.drop(columns=["dem_age"]), "age_group"),
    "without_area": (lambda w: w.assign(state=np.nan), "area"),  # a web wave without areas
    "without_victim": (lambda w: w.drop(columns=[c for c in w if c.endswith("_12m")]), "victim"),
}


@pytest.mark.parametrize("model", list(_WITHOUT))
def test_media_model_matches_svyglm_without_the_terms_an_adaptation_lacks(model: str) -> None:
    ref = _reference()["media_models"][model]
    adapt, term = _WITHOUT[model]
    respondents = adapt(_wave(1))
    assert compare.perception_model_missing(respondents, "med_crime_news") == []
    assert compare.perception_model_dropped(respondents, SPEC) == [term]
    fit = compare.perception_model(respondents, SPEC, exposure="med_crime_news")
    _assert_matches_svyglm(fit, ref)
    assert fit["exposure"].sum() == 3  # every level but the reference is still there


def test_media_model_needs_its_outcome_and_exposure_items() -> None:
    whole = _wave(1)
    assert compare.perception_model_missing(whole, "med_crime_news") == []
    assert compare.perception_model_dropped(whole, SPEC) == []
    without = whole.drop(columns=["per_safe_nbhd"]).assign(med_crime_news=np.nan)
    assert compare.perception_model_missing(without, "med_crime_news") == [
        "per_safe_nbhd",
        "med_crime_news",
    ]
    with pytest.raises(ValueError, match="needs item\\(s\\) per_safe_nbhd, med_crime_news"):
        compare.perception_model(without, SPEC, exposure="med_crime_news")
    assert compare.perception_model_missing(whole.drop(columns=["med_crime_news"]), "x") == ["x"]
    # only the terms asked for are named
    lacks = whole.drop(columns=["dem_sex", "dem_age"])
    assert compare.perception_model_dropped(lacks, SPEC, adjust=["victim", "sex"]) == ["sex"]
    assert compare.perception_model_dropped(lacks, SPEC) == ["sex", "age_group"]


def test_difference_in_differences_matches_r_on_the_stacked_design() -> None:
    ref = _reference()["did"]
    out = compare.difference_in_differences(
        WaveSample(_wave(1), None, SPEC, "1"),
        WaveSample(_wave(2), None, SPEC, "2"),
        PROGRAMME,
        list(ref),
    ).set_index("indicator")
    for ident, r in ref.items():
        row = out.loc[ident]
        scale = 1000.0 if ident == "incidence_personal_1000" else 100.0
        cells = r["cells"]
        for name, key in (
            ("programme_before", "1.programme"),
            ("rest_before", "1.rest"),
            ("programme_after", "2.programme"),
            ("rest_after", "2.rest"),
        ):
            assert row[name] == pytest.approx(scale * cells[key], rel=RTOL)
        assert row["did"] == pytest.approx(scale * r["did"], rel=RTOL)
        assert row["se"] == pytest.approx(scale * r["se"], rel=RTOL)
        assert row["df"] == r["df"]
        for name in ("change_programme", "change_rest"):
            assert row[name] == pytest.approx(scale * r[name], rel=RTOL)
            assert row[f"{name}_se"] == pytest.approx(scale * r[f"{name}_se"], rel=RTOL)
