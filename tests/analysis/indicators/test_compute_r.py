"""compute_indicators agrees with R's survey package on a simulated wave.

The tables in tests/fixtures/r/indicators/ are written by
``write_tables.py`` and the reference values by
``make_reference_indicators.R``, which builds every indicator variable from
the questionnaire codes itself (naming.md), independently of the Python code.
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

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "r" / "indicators"
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
def _reference() -> pd.DataFrame:
    data: dict[str, Any] = json.loads((FIXTURES / "reference_indicators.json").read_text())
    return pd.DataFrame(data["estimates"])


@cache
def _computed() -> pd.DataFrame:
    resp = pd.read_csv(FIXTURES / "respondents.csv", dtype=TEXT)
    # inc_factor and inc_rank as incident_table derived them; R derives its own
    inc = pd.read_csv(FIXTURES / "incidents.csv", dtype={"interview_id": str})
    ids = sorted(_reference()["indicator"].unique())
    return compute_indicators(resp, inc, SPEC, domains=["national", "state", "sex"], indicators=ids)


def test_reference_covers_the_representative_set() -> None:
    ref = _reference()
    assert set(ref["indicator"]) == {
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
