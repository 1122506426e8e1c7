"""The media, youth, coexistence, protection and participation indicators agree with R.

The tables in tests/fixtures/r/topics/ are written by ``write_tables.py``
and the reference values by ``make_reference_topics.R``, which builds every
variable from the questionnaire codes itself. Covered: means with their SE
(a 0-10 answer, a score, amounts with and without the zeros of households
that took no measure), an incident-level ratio, victims counted once, and
the gaps between a respondent-level mean and an incident-level ratio (or a
victim-level share) whose SE comes from the joint linearization, checked
against ``svycontrast`` of ``svytotal`` in every domain.
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

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "r" / "topics"
RTOL = 1e-6
SPEC = {
    "weight": "weight",
    "household_weight": "weight_household",
    "strata": "stratum",
    "psu": "psu",
    "respondent_id": "interview_id",
}
TEXT = {"interview_id": str, "state": str, "stratum": str, "psu": str}


@cache
def _reference() -> pd.DataFrame:
    data: dict[str, Any] = json.loads((FIXTURES / "reference_topics.json").read_text())
    return pd.DataFrame(data["estimates"])


@cache
def _computed() -> pd.DataFrame:
    resp = pd.read_csv(FIXTURES / "respondents.csv", dtype=TEXT)
    inc = pd.read_csv(FIXTURES / "incidents.csv", dtype={"interview_id": str})
    ids = sorted(_reference()["indicator"].unique())
    return compute_indicators(resp, inc, SPEC, domains=["national", "state", "sex"], indicators=ids)


def test_reference_covers_every_new_kind_of_estimate() -> None:
    ref = _reference()
    kinds = {get_indicator(i).estimator for i in ref["indicator"]}
    assert kinds == {"proportion", "ratio", "mean", "difference"}
    assert {"youth_gap_incidents", "youth_gap_victims", "youth_share_victims"} <= set(
        ref["indicator"]
    )
    assert set(ref["domain_type"]) == {"national", "state", "sex"}


@pytest.mark.parametrize("indicator", sorted(_reference()["indicator"].unique()))
def test_estimates_and_standard_errors_match_r(indicator: str) -> None:
    ref = _reference()
    ref = ref[ref["indicator"] == indicator]
    got = _computed()
    got = got[got["indicator"] == indicator]
    merged = ref.merge(got, on=["indicator", "domain_type", "domain"], suffixes=("_r", ""))
    assert len(merged) == len(ref) == len(got)
    scale = UNIT_SCALE[get_indicator(indicator).unit]
    assert np.isfinite(merged[["estimate_r", "se_r"]].to_numpy()).all()
    np.testing.assert_allclose(merged["estimate"], scale * merged["estimate_r"], rtol=RTOL)
    np.testing.assert_allclose(merged["se"], scale * merged["se_r"], rtol=RTOL)


def test_the_gap_is_the_difference_of_its_parts_with_a_covariance_between_them() -> None:
    got = _computed().set_index(["indicator", "domain_type", "domain"])
    perceived = got.xs("youth_share_perceived")
    actual = got.xs("youth_share_incidents")
    gap = got.xs("youth_gap_incidents")
    np.testing.assert_allclose(gap["estimate"], perceived["estimate"] - actual["estimate"])
    # the parts share persons and PSUs: the SE is not the one of independent samples
    independent = np.sqrt(perceived["se"] ** 2 + actual["se"] ** 2)
    assert not np.allclose(gap["se"], independent, rtol=1e-3)
    # a difference is not cut at zero and its interval is symmetric (Wald, t with df)
    assert (
        (gap["ci_high"] - gap["estimate"]) - (gap["estimate"] - gap["ci_low"])
    ).abs().max() < 1e-9
