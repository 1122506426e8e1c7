"""compute_indicators agrees with R's survey package on simulated waves.

Two fixture sets, each a pair of tables written by its ``write_tables.py``
and reference values written by an R script that builds every indicator
variable from the questionnaire codes itself (naming.md), independently of
the Python code:

* ``indicators/`` (``make_reference_indicators.R``): prevalence, incidence,
  SDG indicators, perception, trust, reporting and the dark figure;
* ``topics/`` (``make_reference_topics.R``): the media, youth, coexistence,
  protection and participation modules: means with their SE (a 0-10
  answer, a score, amounts with and without the zeros of households that
  took no measure), an incident-level ratio, victims counted once, and the
  gaps between a respondent-level mean and an incident-level ratio (or a
  victim-level share), checked against ``svycontrast`` of ``svytotal`` in
  every domain.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from analysis.indicators import UNIT_SCALE, compute_indicators, get_indicator

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "r"
#: fixture folder -> reference file
REFERENCES = {"indicators": "reference_indicators.json", "topics": "reference_topics.json"}
RTOL = 1e-6
SPEC = {
    "weight": "weight",
    "household_weight": "weight_household",
    "strata": "stratum",
    "psu": "psu",
    "respondent_id": "interview_id",
}
TEXT = {"interview_id": str, "state": str, "municipality": str, "stratum": str, "psu": str}


@cache
def _reference(folder: str) -> pd.DataFrame:
    data: dict[str, Any] = json.loads((FIXTURES / folder / REFERENCES[folder]).read_text())
    return pd.DataFrame(data["estimates"])


@cache
def _computed(folder: str) -> pd.DataFrame:
    resp = pd.read_csv(FIXTURES / folder / "respondents.csv", dtype=TEXT)
    # inc_factor (and inc_rank) as incident_table derived them; the first R script derives its own
    inc = pd.read_csv(FIXTURES / folder / "incidents.csv", dtype={"interview_id": str})
    ids = sorted(_reference(folder)["indicator"].unique())
    return compute_indicators(resp, inc, SPEC, domains=["national", "state", "sex"], indicators=ids)


def test_references_cover_the_representative_set_and_every_kind_of_estimate() -> None:
    assert set(_reference("indicators")["indicator"]) == {
        "prev_person",
        "prev_household",
        "sdg_16_1_3_physical",
        "incidence",
        "sdg_16_1_4",
        "insecure_state",
        "trust_police",
        "sdg_16_5_1",
        "sdg_16_3_1_psychological",
        "reporting_rate",
        "dark_figure",
    }
    topics = _reference("topics")
    kinds = {get_indicator(i).estimator for i in topics["indicator"]}
    assert kinds == {"proportion", "ratio", "mean", "difference"}
    assert {"youth_gap_incidents", "youth_gap_victims", "youth_share_victims"} <= set(
        topics["indicator"]
    )
    for folder in REFERENCES:
        assert set(_reference(folder)["domain_type"]) == {"national", "state", "sex"}


@pytest.mark.parametrize(
    ("folder", "indicator"),
    [(f, i) for f in REFERENCES for i in sorted(_reference(f)["indicator"].unique())],
)
def test_estimates_and_standard_errors_match_r(folder: str, indicator: str) -> None:
    ref = _reference(folder)
    ref = ref[ref["indicator"] == indicator]
    got = _computed(folder)
    got = got[got["indicator"] == indicator]
    merged = ref.merge(got, on=["indicator", "domain_type", "domain"], suffixes=("_r", ""))
    assert len(merged) == len(ref) == len(got)
    scale = UNIT_SCALE[get_indicator(indicator).unit]
    assert np.isfinite(merged[["estimate_r", "se_r"]].to_numpy()).all()
    np.testing.assert_allclose(merged["estimate"], scale * merged["estimate_r"], rtol=RTOL)
    np.testing.assert_allclose(merged["se"], scale * merged["se_r"], rtol=RTOL)


def test_the_gap_is_the_difference_of_its_parts_with_a_covariance_between_them() -> None:
    got = _computed("topics").set_index(["indicator", "domain_type", "domain"])
    perceived = got.xs("youth_share_perceived")
    actual = got.xs("youth_share_incidents")
    gap = got.xs("youth_gap_incidents")
    np.testing.assert_allclose(gap["estimate"], perceived["estimate"] - actual["estimate"])
    # the parts share persons and PSUs: the SE is not the one of independent samples
    independent = np.sqrt(perceived["se"] ** 2 + actual["se"] ** 2)
    assert not np.allclose(gap["se"], independent, rtol=1e-3)
    # a difference is not cut at zero and its interval is symmetric (Wald, t with df)
    half = (gap["ci_high"] - gap["estimate"]) - (gap["estimate"] - gap["ci_low"])
    assert half.abs().max() < 1e-9
