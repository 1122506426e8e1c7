"""Respondent and incident tables from interview records."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from analysis.microdata import (
    MicrodataError,
    has_repeat,
    incident_table,
    respondent_table,
    standard_instrument,
)


def _record(interview_id: str, answers: dict[str, Any], **meta: Any) -> dict[str, Any]:
    return {
        "interview_id": interview_id,
        "state": "09",
        "psu": "B1",
        "weight": 100.0,
        **meta,
        "answers": answers,
    }


VICTIM = {
    "dem_sex": 2,
    "dem_age": 34,
    "pv_rob_5y": 1,
    "pv_rob_12m": 1,
    "pv_rob_n": 5,
    "n_inc_rob": 3,
    "cum_inc_aburg": 0,
    "cum_inc_rob": 3,
    "pv_sex_5y": 1,
    "pv_sex_12m": 1,
    "pv_sex_n": -9,
    "n_inc_sex": 1,
    "cum_inc_threat": 3,
    "cum_inc_sex": 4,
    "n_incidents": 4,
    "brib_contact": [2, 5],
    "incident": [
        {"inc_pos": 1, "inc_crime": 11, "inc_reported": 1, "inc_report_to": [1, 2], "inc_file": 1},
        {"inc_pos": 2, "inc_crime": 11, "inc_reported": 2, "inc_noreport": [11, 21]},
        {"inc_pos": 3, "inc_crime": 11, "inc_reported": -8},
        {"inc_pos": 4, "inc_crime": 15, "inc_reported": 2, "inc_noreport": [-9]},
    ],
}
OTHER = {
    "dem_sex": 1,
    "dem_age": 70,
    "pv_rob_5y": 2,
    "brib_contact": [0],
    "per_dark": -9,
    "n_incidents": 0,
}


def test_one_row_per_interview_with_meta_columns_first() -> None:
    table = respondent_table([_record("a", VICTIM), _record("b", OTHER, wave=2)])
    assert list(table["interview_id"]) == ["a", "b"]
    assert list(table.columns[:5]) == ["interview_id", "state", "psu", "weight", "wave"]
    assert table["wave"].isna().tolist() == [True, False]
    assert table.loc[0, "dem_age"] == 34
    assert table["dem_sex"].dtype == np.float64


def test_items_not_asked_are_blank_and_distinct_from_no() -> None:
    table = respondent_table([_record("a", VICTIM), _record("b", OTHER)])
    assert table.loc[1, "pv_rob_5y"] == 2
    assert np.isnan(table.loc[1, "pv_rob_12m"])  # not asked: blank, not "no"
    assert np.isnan(table.loc[0, "hv_car_5y"])  # absent everywhere: still a column


def test_multiple_choice_gives_one_column_per_choice_code() -> None:
    table = respondent_table([_record("a", VICTIM), _record("b", OTHER), _record("c", {})])
    codes = [f"brib_contact__{c}" for c in (1, 2, 5, 0)]
    assert table.loc[0, codes].tolist() == [0.0, 1.0, 1.0, 0.0]
    assert table.loc[1, codes].tolist() == [0.0, 0.0, 0.0, 1.0]
    assert table.loc[2, codes].isna().all()
    assert "brib_contact" not in table.columns


def test_special_answers_kept_as_codes_by_default() -> None:
    table = respondent_table([_record("a", VICTIM), _record("b", OTHER)])
    assert table.loc[0, "pv_sex_n"] == -9
    assert table.loc[1, "per_dark"] == -9
    assert "per_dark__special" not in table.columns


def test_special_answers_as_missing_with_a_helper_column() -> None:
    table = respondent_table([_record("a", VICTIM), _record("b", OTHER)], specials="missing")
    assert np.isnan(table.loc[1, "per_dark"])
    assert table.loc[1, "per_dark__special"] == -9
    assert np.isnan(table.loc[0, "per_dark__special"])  # not asked, not special
    assert np.isnan(table.loc[0, "pv_sex_n"]) and table.loc[0, "pv_sex_n__special"] == -9
    assert "dem_age__special" not in table.columns  # the item takes no special answer


def test_incident_rows_carry_the_respondent_design_and_incident_weight() -> None:
    table = incident_table([_record("a", VICTIM), _record("b", OTHER)])
    assert len(table) == 4
    assert (table["interview_id"] == "a").all() and (table["state"] == "09").all()
    assert table["inc_rank"].tolist() == [1, 2, 3, 1]
    assert table["inc_count"].tolist() == [5, 5, 5, 1]  # -9 counts once
    assert table["inc_count_imputed"].tolist() == [0, 0, 0, 1]
    assert table["inc_described"].tolist() == [3, 3, 3, 1]
    np.testing.assert_allclose(table["inc_factor"], [5 / 3, 5 / 3, 5 / 3, 1.0])
    np.testing.assert_allclose(table["inc_weight"], 100.0 * table["inc_factor"])
    assert table.loc[0, ["inc_report_to__1", "inc_report_to__2", "inc_report_to__3"]].tolist() == [
        1,
        1,
        0,
    ]
    assert table.loc[1, ["inc_noreport__11", "inc_noreport__21", "inc_noreport__12"]].tolist() == [
        1,
        1,
        0,
    ]
    assert table.loc[3, "inc_noreport__11"] == -9  # a special in a multiple choice
    assert np.isnan(table.loc[0, "inc_noreport__11"])  # not asked


def test_no_incidents_gives_an_empty_table_with_the_item_columns() -> None:
    table = incident_table([_record("b", OTHER)])
    assert len(table) == 0
    assert {"inc_crime", "inc_reported", "inc_noreport__11"} <= set(table.columns)


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ([{"interview_id": "a"}], "'answers' must be a mapping"),
        (["not a record"], "record 0 is not a mapping"),
        ([_record("a", {"dem_age": "old"})], "dem_age"),
        ([_record("a", {"brib_contact": 3})], "brib_contact"),
        ([_record("a", {"brib_contact": [99]})], "unknown choice 99"),
    ],
)
def test_bad_records_raise_value_error_naming_the_problem(records: list[Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        respondent_table(records)


def test_incident_repeat_must_be_a_list() -> None:
    with pytest.raises(ValueError, match="interview 'a', field 'incident': must be a list"):
        incident_table([_record("a", {"incident": {"inc_pos": 1}})])


def test_simulated_records_round_trip_the_answers() -> None:
    from analysis.simulate import simulate_country

    sim = simulate_country(3, n_states=2, households=300, blocks_per_municipality=(6, 10))
    table = respondent_table(sim.records)
    incidents = incident_table(sim.records)
    assert len(table) == len(sim.records)
    assert len(incidents) == sum(len(r["answers"].get("incident", [])) for r in sim.records)
    for i in (0, len(sim.records) - 1):
        answers = sim.records[i]["answers"]
        assert table.loc[i, "per_dark"] == answers["per_dark"]
        assert table.loc[i, "dem_age"] == answers["dem_age"]
    assert pd.api.types.is_float_dtype(table["weight"])


def test_incident_weights_add_up_to_every_crime_counted_by_the_screeners() -> None:
    from analysis.microdata import CRIME_STEMS, screener_prefix
    from analysis.simulate import simulate_country

    sim = simulate_country(
        4, n_states=2, households=400, blocks_per_municipality=(6, 10), special_rate=0.05
    )
    resp = respondent_table(sim.records)
    inc = incident_table(sim.records)
    crimes = np.zeros(len(resp))
    for stem in CRIME_STEMS.values():
        prefix = screener_prefix(stem)
        n = resp[f"{prefix}_n"].to_numpy()
        crimes += np.where(resp[f"{prefix}_12m"] == 1, np.where(n > 0, n, 1.0), 0.0)
    # naming.md: described incidents represent all crimes of their type
    assert inc["inc_weight"].sum() == pytest.approx(
        float(np.sum(resp["weight"] * crimes)), rel=1e-12
    )
    assert (inc["inc_described"] <= 3).all()


def test_bad_values_name_the_interview_and_the_field() -> None:
    bad_choice = {"incident": [{"inc_pos": 1, "inc_crime": 11, "inc_noreport": [99]}]}
    with pytest.raises(MicrodataError, match=r"interview 'b', field 'inc_noreport'.*99"):
        incident_table([_record("a", VICTIM), _record("b", bad_choice)])
    with pytest.raises(MicrodataError, match=r"interview 'b', field 'dem_age'.*not a number"):
        respondent_table([_record("a", VICTIM), _record("b", {"dem_age": "old"})])


def test_only_an_instrument_with_the_repeat_has_it() -> None:
    instrument = standard_instrument()
    assert has_repeat(instrument, "incident")
    assert not has_repeat(instrument, "vehicle")
