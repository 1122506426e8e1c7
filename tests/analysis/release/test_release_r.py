"""The exported Stata files reproduce R's survey estimates from the same files.

``tests/fixtures/r/microdata/`` holds the .dta files of a fixed simulated wave
(``write_release.py``) and what R made of them with haven and survey
(``make_reference_microdata.R``): R uses only the files' design variables and
the derived indicator variables. Here the files are read back with
pyreadstat and the indicators computed from the questionnaire codes by
:func:`analysis.indicators.compute_indicators`: both must agree.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyreadstat
import pytest

from analysis.indicators import UNIT_SCALE, compute_indicators, get_indicator
from analysis.release import read_release

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "r" / "microdata"
SPEC = {
    "weight": "weight",
    "household_weight": "weight_household",
    "strata": "stratum",
    "psu": "psu",
    "respondent_id": "interview_id",
}


@cache
def _reference() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "reference_microdata.json").read_text())
    return data


@cache
def _computed() -> pd.DataFrame:
    files = read_release(FIXTURES, "sim_internal", "dta")
    ids = sorted({row["indicator"] for row in _reference()["estimates"]})
    return compute_indicators(
        files["respondent"], files["incident"], SPEC, domains=["national", "state"], indicators=ids
    )


def test_the_files_hold_the_wave_r_read() -> None:
    files = read_release(FIXTURES, "sim_internal", "dta")
    assert len(files["respondent"]) == _reference()["n_respondents"]
    assert len(files["incident"]) == _reference()["n_incidents"]


@pytest.mark.parametrize(
    "indicator",
    ["prev_person", "prev_household", "incidence", "sdg_16_1_4", "insecure_state", "trust_police"]
    + ["reporting_rate", "dark_figure"],
)
def test_estimates_and_standard_errors_match_r_on_the_exported_dta(indicator: str) -> None:
    ref = pd.DataFrame(_reference()["estimates"])
    ref = ref[ref["indicator"] == indicator]
    got = _computed()
    got = got[got["indicator"] == indicator].set_index(["domain_type", "domain"])
    scale = UNIT_SCALE[get_indicator(indicator).unit]
    assert len(ref) == 4  # the nation and three states
    for row in ref.itertuples():
        mine = got.loc[(row.domain_type, row.domain)]
        np.testing.assert_allclose(mine["estimate"] / scale, row.estimate, rtol=1e-6)
        np.testing.assert_allclose(mine["se"] / scale, row.se, rtol=1e-6)


def test_labels_survive_in_stata_as_r_reads_them() -> None:
    labels = _reference()["labels"]
    _frame, meta = pyreadstat.read_dta(
        str(FIXTURES / "sim_internal_respondent.dta"), user_missing=True, metadataonly=True
    )
    described = dict(zip(meta.column_names, meta.column_labels, strict=True))
    assert described["dem_sex"] == labels["dem_sex"] == "Usted es…"
    assert described["weight"] == labels["weight"]
    assert described["ind_prev_person"] == labels["ind_prev_person"]
    values = meta.variable_value_labels["dem_sex"]
    assert [values[1], values[2], values["c"]] == labels["dem_sex_values"]
    assert labels["dem_sex_tags"][2] == "c"  # R sees "not applicable" as a tagged missing value
