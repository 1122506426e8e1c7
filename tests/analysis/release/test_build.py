"""What a release holds: every questionnaire variable, the indicator variables, design, rosters."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from analysis.disclosure import apply_policy, default_policy
from analysis.indicators import catalogue, compute_indicators
from analysis.indicators.conditions import evaluate
from analysis.microdata import incident_table, respondent_table, standard_instrument
from analysis.release import Release, build_release, rederive
from questionnaires.codebook import codebook_rows

from .conftest import STUDY, simulated


def test_the_respondent_and_incident_files_are_the_analysis_tables_plus_indicators(
    release: Release,
) -> None:
    resp = respondent_table(simulated().records)
    inc = incident_table(simulated().records)
    files = release.files
    assert list(files["respondent"].columns[: resp.shape[1]]) == list(resp.columns)
    assert list(files["incident"].columns[: inc.shape[1]]) == list(inc.columns)
    assert set(files["incident"]["interview_id"]) <= set(files["respondent"]["interview_id"])
    for name, frame in files.items():
        assert [v.name for v in release.variables[name]] == list(frame.columns)


def test_every_questionnaire_variable_is_in_a_file_with_its_question(release: Release) -> None:
    columns = set(release.files["respondent"].columns) | set(release.files["incident"].columns)
    for row in codebook_rows(standard_instrument()):
        if row.type == "repeat":
            continue
        if row.type == "multiple":
            assert any(c.startswith(f"{row.code}__") for c in columns), row.code
        else:
            assert row.code in columns, row.code
    sex = release.variable("respondent", "dem_sex")
    assert sex.question == sex.label == "Usted es…"
    assert sex.value_labels == {1: "Hombre", 2: "Mujer"}
    assert sex.role == "question" and sex.not_applicable


def test_special_answers_are_declared_missing_with_their_labels(release: Release) -> None:
    declared = [v for v in release.variables["respondent"] if v.missing]
    assert declared
    for var in declared:
        assert set(var.missing) <= {-8, -9}
        assert all(code in var.value_labels for code in var.missing)
    trust = release.variable("respondent", "trust_police")
    assert trust.value_labels[-8] == "No sabe"


def test_design_variables_have_their_roles(release: Release) -> None:
    roles = {v.name: v.role for v in release.variables["respondent"]}
    assert roles["interview_id"] == "id"
    assert roles["stratum"] == roles["psu"] == "design"
    assert roles["weight"] == roles["weight_household"] == "weight"
    assert release.variable("incident", "inc_weight").role == "weight"


def test_replicate_weights_in_the_records_become_weight_variables() -> None:
    records = [dict(r, repw_1=1.0, repw_2=2.0) for r in simulated().records]
    made = build_release(records, study=STUDY, language="en")
    assert made.variable("respondent", "repw_2").role == "weight"
    assert made.variable("respondent", "repw_2").label == "Replicate weight 2"


def test_indicator_variables_give_the_catalogues_estimates(release: Release) -> None:
    resp = release.files["respondent"]
    inc = release.files["incident"]
    table = compute_indicators(
        resp, inc, {"household_weight": "weight_household"}, domains=["national"]
    )
    by_id = table.set_index("indicator")
    w = resp["weight"].to_numpy()
    for ident in ("prev_person", "sdg_16_1_4", "incidence"):
        values = resp[f"ind_{ident}"].to_numpy()
        known = ~np.isnan(values)
        mean = np.sum(w[known] * values[known]) / np.sum(w[known])
        scale = 100.0 if ident != "incidence" else 100_000.0
        assert mean * scale == pytest.approx(by_id.loc[ident, "estimate"], rel=1e-9)
    # an incident-level variable is the catalogue's condition on the incident row
    reporting = next(i for i in catalogue() if i.id == "reporting_rate")
    expected = np.where(
        evaluate(reporting.denominator, inc), evaluate(reporting.numerator, inc), np.nan
    )  # type: ignore[arg-type]
    np.testing.assert_array_equal(inc["ind_reporting_rate"].to_numpy(), expected)


def test_a_rate_repeating_a_percentage_gets_no_second_variable(release: Release) -> None:
    columns = set(release.files["respondent"].columns)
    assert "ind_prev_person" in columns and "ind_prev_person_rate" not in columns


def test_the_household_file_lists_each_roster_person(release: Release) -> None:
    roster = release.files["household"]
    assert len(roster) == 4
    first = roster[roster["interview_id"] == roster["interview_id"].iloc[0]]
    assert first["line"].tolist() == [1.0, 2.0, 3.0]
    assert first["sex"].tolist() == [1.0, 2.0, 3.0]
    assert first["adult"].tolist() == [1.0, 1.0, 0.0]
    assert first["selected"].tolist() == [0.0, 1.0, 0.0]
    assert set(first["eligible_adults"]) == {2.0}
    assert {"stratum", "psu", "weight_household"} <= set(roster.columns)
    assert "birthday" not in roster.columns
    assert release.variable("household", "sex").value_labels[2] == "Mujer"


def test_labels_come_in_the_language_asked(release_in) -> None:  # type: ignore[no-untyped-def]
    english = release_in("en")
    assert english.variable("respondent", "dem_sex").value_labels[2] == "Female"
    assert english.variable("respondent", "weight").label == "Final person weight"
    assert english.variable("respondent", "ind_prev_person").label == "Person prevalence"


def test_an_unknown_language_or_an_empty_wave_is_refused() -> None:
    with pytest.raises(ValueError, match="language must be one of"):
        build_release(simulated().records, study=STUDY, language="de")
    with pytest.raises(ValueError, match="no interviews"):
        build_release([], study=STUDY, language="es")


def test_rederive_takes_indicator_variables_from_the_capped_items() -> None:
    """A series capped by disclosure control must not come back through ``ind_incidence_*``."""
    records = copy.deepcopy(simulated().records)
    victim = next(r for r in records if (r["answers"].get("pv_rob_n") or 0) >= 1)
    victim["answers"]["pv_rob_n"] = 40
    internal = build_release(records, study=STUDY, language="es")
    resp = internal.files["respondent"]
    row = resp["interview_id"].astype(str) == str(victim["interview_id"])
    assert resp.loc[row, "ind_incidence_rob"].item() == 40  # the planted series

    files = {"respondents": resp, "incidents": internal.files["incident"]}
    populations = {m: 1e6 for m in resp["municipality"].dropna().unique()}
    public, _ = apply_policy(files, default_policy(), populations=populations)
    capped = public["respondents"]
    assert capped["pv_rob_n"].max() == 10
    assert capped["ind_incidence_rob"].max() == 40  # derived before the cap: the leak

    fresh = rederive({"respondent": capped, "incident": public["incidents"]}, "es")["respondent"]
    assert fresh["ind_incidence_rob"].max() == 10
    assert capped["ind_incidence_rob"].max() == 40  # the input is not changed
    untouched = [c for c in capped.columns if not c.startswith("ind_")]
    pd.testing.assert_frame_equal(fresh[untouched], capped[untouched])
