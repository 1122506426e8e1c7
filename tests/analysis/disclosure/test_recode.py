"""The global recodes on small frames: dates, bands, top codes, pseudonyms, small areas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.disclosure import DisclosurePolicy
from analysis.disclosure.recode import band, coarsen_areas, coarsen_dates, pseudonymize, top_code


def test_dates_and_datetimes_become_months() -> None:
    policy = DisclosurePolicy.from_mapping({"dates": {"seen": "month", "when": "quarter"}})
    files = {
        "respondents": pd.DataFrame(
            {
                "seen": pd.to_datetime(["2024-03-09", "2024-11-30", None]),
                "when": ["2024-05-17", "-8", None],
            }
        )
    }
    changed = coarsen_dates(files, policy)
    frame = files["respondents"]
    assert frame["seen"].tolist()[:2] == ["2024-03", "2024-11"] and pd.isna(frame["seen"].iat[2])
    assert frame["when"].tolist()[:2] == ["2024-Q2", "-8"] and pd.isna(frame["when"].iat[2])
    assert changed == {"seen": 2, "when": 1}


def test_bands_keep_special_answers_and_blanks() -> None:
    policy = DisclosurePolicy.from_mapping({"bands": {"dem_age": [18, 30, 45]}})
    files = {"respondents": pd.DataFrame({"dem_age": [17.0, 18, 29, 30, 90, -8, np.nan]})}
    assert band(files, policy) == {"dem_age": 3}  # 17, 29 and 90
    got = files["respondents"]["dem_age"].tolist()
    assert got[:6] == [18.0, 18, 18, 30, 45, -8] and np.isnan(got[6])


def test_a_percentile_cap_is_the_quantile_of_the_valid_values() -> None:
    policy = DisclosurePolicy.from_mapping({"top_codes": {"loss": "p90"}})
    values = np.r_[np.arange(1.0, 101.0), [-8.0, -9.0]]
    files = {"incidents": pd.DataFrame({"loss": values})}
    changed, caps = top_code(files, policy)
    assert caps["loss"] == pytest.approx(np.quantile(np.arange(1.0, 101.0), 0.9))
    assert changed["loss"] == 10
    assert files["incidents"]["loss"].max() == pytest.approx(caps["loss"])
    assert (files["incidents"]["loss"] < 0).sum() == 2


def test_a_text_column_cannot_be_top_coded() -> None:
    policy = DisclosurePolicy.from_mapping({"top_codes": {"hh_size": 6}})
    files = {"respondents": pd.DataFrame({"hh_size": ["big"]})}
    with pytest.raises(ValueError, match="respondents file, column 'hh_size': top codes"):
        top_code(files, policy)


def test_pseudonyms_are_one_mapping_across_files_and_keep_blanks() -> None:
    policy = DisclosurePolicy.from_mapping({"pseudonymize": ["interview_id"]})
    files = {
        "respondents": pd.DataFrame({"interview_id": ["a", "b", "c"]}),
        "incidents": pd.DataFrame({"interview_id": ["c", "a", None]}),
    }
    pseudonymize(files, policy, np.random.default_rng(5))
    new = dict(zip(["a", "b", "c"], files["respondents"]["interview_id"], strict=True))
    assert sorted(new.values()) == ["1", "2", "3"]
    assert files["incidents"]["interview_id"].tolist()[:2] == [new["c"], new["a"]]
    assert pd.isna(files["incidents"]["interview_id"].iat[2])


def test_small_areas_pool_by_parent_and_a_small_pool_is_blank() -> None:
    policy = DisclosurePolicy.from_mapping(
        {"geography": [{"column": "mun", "parent": "st", "threshold": 100}]}
    )
    frame = pd.DataFrame(
        {"st": ["1", "1", "1", "2", "2"], "mun": ["1001", "1002", "1003", "2001", "2002"]}
    )
    files = {"respondents": frame}
    people = {"1001": 500, "1002": 60, "1003": 50, "2001": 30, "2002": 20}
    recode = coarsen_areas(files, policy, people)["mun"]
    # 1002 and 1003 together reach 100: pooled; 2001 and 2002 reach 50 only: blank
    assert recode == {"1002": "1999", "1003": "1999", "2001": None, "2002": None}
    got = files["respondents"]["mun"].tolist()
    assert got[:3] == ["1001", "1999", "1999"] and pd.isna(got[3]) and pd.isna(got[4])
