"""apply_policy on the simulated demo wave: planted uniques suppressed, failing files refused."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis.disclosure import (
    DisclosurePolicy,
    PolicyViolation,
    apply_policy,
    check,
    default_policy,
    frequencies,
    verify,
)

#: municipalities stay unless under 500 adults, so areas can be suppressed locally
LOW = DisclosurePolicy.from_mapping(
    {"geography": [{"column": "municipality", "parent": "state", "threshold": 500}]}
)


def _plant(files: dict[str, pd.DataFrame], populations: dict[str, float]) -> list[str]:
    """Two respondents no one else resembles, each with one incident; returns their ids."""
    respondents, incidents = files["respondents"], files["incidents"]
    lone_state = respondents.iloc[[0]].copy()
    lone_state[["interview_id", "state", "municipality", "psu", "stratum"]] = [
        "PLANT-1",
        "99",
        "99001",
        "PSU-PLANT",
        "99-U",
    ]
    populations["99001"] = 50_000.0
    lone_sex = respondents.iloc[[1]].copy()
    lone_sex[["interview_id", "dem_sex"]] = ["PLANT-2", 3.0]  # a code no one else has
    files["respondents"] = pd.concat([respondents, lone_state, lone_sex], ignore_index=True)
    extra = incidents.iloc[[0, 1]].copy()
    extra["interview_id"] = ["PLANT-1", "PLANT-2"]
    extra[["state", "municipality"]] = [
        ["99", "99001"],
        [lone_sex["state"].iat[0], lone_sex["municipality"].iat[0]],
    ]
    files["incidents"] = pd.concat([incidents, extra], ignore_index=True)
    return ["PLANT-1", "PLANT-2"]


def _public(files, populations, policy=LOW):  # type: ignore[no-untyped-def]
    return apply_policy(files, policy, populations=populations, rng=np.random.default_rng(7))


def test_planted_unique_respondents_are_suppressed_and_the_file_passes(
    demo_files: dict[str, pd.DataFrame], demo_populations: dict[str, float]
) -> None:
    _plant(demo_files, demo_populations)
    public, report = _public(demo_files, demo_populations)
    rows = public["respondents"].iloc[-2:]
    # the lone state goes (with its PSU); the lone sex code goes
    assert rows["state"].isna().tolist() == [True, False]
    assert rows["dem_sex"].isna().tolist() == [False, True]
    assert report.suppressed["state"] >= 1 and report.suppressed["dem_sex"] >= 1
    assert report.risk_recoded.uniques >= 2
    assert report.risk_after.below_k == 0
    assert check(public, LOW, populations=demo_populations) == []
    verify(public, LOW, populations=demo_populations)


def test_the_internal_file_is_refused(
    demo_files: dict[str, pd.DataFrame], demo_populations: dict[str, float]
) -> None:
    with pytest.raises(PolicyViolation) as refused:
        verify(demo_files, default_policy(), populations=demo_populations)
    text = str(refused.value)
    assert "cells smaller than k = 3" in text
    assert "p_psu" in text and "inc_month" in text and "dem_age" in text
    assert "inc_loss_value: the largest value is held by 1 rows" in text


def test_a_public_file_with_a_planted_unique_put_back_is_refused(
    demo_files: dict[str, pd.DataFrame], demo_populations: dict[str, float]
) -> None:
    _plant(demo_files, demo_populations)
    public, _ = _public(demo_files, demo_populations)
    public["respondents"].loc[public["respondents"].index[-1], "dem_sex"] = 3.0
    found = check(public, LOW, populations=demo_populations)
    assert [(v.file, v.message) for v in found] == [
        ("respondents", "1 records in cells smaller than k = 3")
    ]
    with pytest.raises(PolicyViolation, match="smaller than k"):
        verify(public, LOW, populations=demo_populations)


def test_suppressions_are_carried_to_the_incident_rows(
    demo_files: dict[str, pd.DataFrame], demo_populations: dict[str, float]
) -> None:
    _plant(demo_files, demo_populations)
    public, report = _public(demo_files, demo_populations)
    respondents, incidents = public["respondents"], public["incidents"]
    planted = incidents.iloc[-2]
    assert pd.isna(planted["state"]) and pd.isna(planted["municipality"])
    assert report.suppressed_linked["incidents"]["state"] >= 1
    # every incident carries its respondent's values, blanks included
    merged = incidents[["interview_id", "state", "municipality"]].merge(
        respondents[["interview_id", "state", "municipality"]],
        on="interview_id",
        suffixes=("", "_r"),
    )
    assert len(merged) == len(incidents)
    for column in ("state", "municipality"):
        a, b = merged[column], merged[f"{column}_r"]
        assert ((a == b) | (a.isna() & b.isna())).all()
    # a linked file that shows a suppressed value is refused
    incidents.loc[incidents.index[-2], "state"] = "99"
    assert [v.column for v in check(public, LOW, populations=demo_populations)] == ["state"]


def test_a_suppressed_area_leaves_the_whole_psu(
    demo_files: dict[str, pd.DataFrame], demo_populations: dict[str, float]
) -> None:
    demo_files["respondents"] = demo_files["respondents"].copy()
    first = demo_files["respondents"]["psu"].iat[0]
    in_psu = demo_files["respondents"]["psu"] == first
    # a respondent of this PSU alone in a state of its own: the state cannot stay for the others
    demo_files["respondents"].loc[in_psu.idxmax(), "dem_sex"] = 3.0
    demo_files["respondents"].loc[in_psu.idxmax(), ["dem_age", "hh_size"]] = [99.0, 1.0]
    public, _ = _public(demo_files, demo_populations)
    blank = public["respondents"].loc[in_psu.to_numpy(), "state"].isna()
    assert blank.all() or not blank.any()
    # putting the area back for one respondent of a blanked PSU is refused
    respondents = public["respondents"]
    blanked = respondents["municipality"].isna()
    if blanked.any():
        respondents.loc[blanked.idxmax(), "municipality"] = "01001"
        messages = [v.message for v in check(public, LOW, populations=demo_populations)]
        assert any("PSUs" in m for m in messages)


def test_the_inputs_are_left_as_they_were(
    demo_files: dict[str, pd.DataFrame], demo_populations: dict[str, float]
) -> None:
    before = {name: frame.copy(deep=True) for name, frame in demo_files.items()}
    _public(demo_files, demo_populations, default_policy())
    for name, frame in demo_files.items():
        pd.testing.assert_frame_equal(frame, before[name])


def test_series_are_capped_at_ten_in_the_counts_and_the_incident_weights(
    demo_files: dict[str, pd.DataFrame], demo_populations: dict[str, float]
) -> None:
    incidents = demo_files["incidents"]
    incidents.loc[incidents.index[0], "inc_count"] = 40.0
    demo_files["respondents"].loc[0, "pv_rob_n"] = 25.0
    public, report = _public(demo_files, demo_populations, default_policy())
    row = public["incidents"].iloc[0]
    assert row["inc_count"] == 10.0
    assert row["inc_factor"] == pytest.approx(10.0 / row["inc_described"])
    assert row["inc_weight"] == pytest.approx(row["weight"] * 10.0 / row["inc_described"])
    assert public["respondents"].loc[0, "pv_rob_n"] == 10.0
    assert report.recoded["top_codes"]["inc_count"] >= 1
    # special answers are not top codes: they stay
    assert (public["respondents"]["dem_years_nbhd"] == -8).sum() == (
        demo_files["respondents"]["dem_years_nbhd"] == -8
    ).sum()


def test_dates_become_quarters_and_a_bad_date_is_named(
    demo_files: dict[str, pd.DataFrame], demo_populations: dict[str, float]
) -> None:
    public, _ = _public(demo_files, demo_populations, default_policy())
    months = demo_files["incidents"]["inc_month"]
    quarters = public["incidents"]["inc_month"]
    assert months.iat[0][:4] == quarters.iat[0][:4]
    allowed = {f"{y}-Q{q}" for y in (2023, 2024, 2025) for q in (1, 2, 3, 4)}
    assert set(quarters.dropna()) <= allowed | {"-8"}  # "don't know" stays
    demo_files["incidents"].loc[5, "inc_month"] = "last spring"
    with pytest.raises(
        ValueError, match=r"incidents file, column 'inc_month', row 5: 'last spring'"
    ):
        _public(demo_files, demo_populations, default_policy())


def test_small_areas_are_pooled_or_left_blank(
    demo_files: dict[str, pd.DataFrame], demo_populations: dict[str, float]
) -> None:
    policy = DisclosurePolicy.from_mapping(
        {"geography": [{"column": "municipality", "parent": "state", "threshold": 1000}]}
    )
    public, report = _public(demo_files, demo_populations, policy)
    small = {c for c, p in demo_populations.items() if p < 1000}
    assert small and set(report.areas["municipality"]) == small
    shown = set(public["respondents"]["municipality"].dropna())
    assert not shown & small
    assert any(code.endswith("999") for code in shown)
    assert report.areas_unknown == {"municipality": []}
    del demo_populations["01001"]
    _, report = _public(demo_files, demo_populations, policy)
    assert report.areas_unknown == {"municipality": ["01001"]}
    assert "1 without a known population" in report.to_markdown("en")
    # the default threshold (20,000) is above every simulated municipality: only states remain
    public, _ = _public(demo_files, demo_populations, default_policy())
    assert public["respondents"]["municipality"].isna().all()


def test_areas_need_their_populations(demo_files: dict[str, pd.DataFrame]) -> None:
    with pytest.raises(ValueError, match="give populations="):
        apply_policy(demo_files, default_policy())
    found = check(demo_files, default_policy())
    assert any(v.message == "populations are needed to check areas" for v in found)


def test_free_text_and_direct_identifiers_are_dropped(
    demo_files: dict[str, pd.DataFrame], demo_populations: dict[str, float]
) -> None:
    demo_files["respondents"]["comments"] = "lives next to the bakery"
    demo_files["respondents"]["phone"] = 5551234.0
    public, report = _public(demo_files, demo_populations, default_policy())
    assert "comments" not in public["respondents"] and "phone" not in public["respondents"]
    assert {"comments", "phone", "p_psu", "p_household"} <= set(report.dropped["respondents"])
    public["respondents"]["comments"] = "lives next to the bakery"
    found = check(public, default_policy(), populations=demo_populations)
    assert [(v.column, v.message) for v in found] == [
        ("comments", "text column not declared in keep_text")
    ]


def test_pseudonyms_keep_the_files_linked(
    demo_files: dict[str, pd.DataFrame], demo_populations: dict[str, float]
) -> None:
    public, report = _public(demo_files, demo_populations, default_policy())
    assert report.pseudonymized == ["interview_id", "psu"]
    ids = public["respondents"]["interview_id"]
    assert ids.is_unique and not set(ids) & set(demo_files["respondents"]["interview_id"])
    assert set(public["incidents"]["interview_id"]) <= set(ids)
    # the same respondent behind both files: compare a value the policy does not touch
    original = demo_files["incidents"]["interview_id"].map(
        dict(
            zip(
                demo_files["respondents"]["interview_id"],
                demo_files["respondents"]["weight"],
                strict=True,
            )
        )
    )
    now = public["incidents"]["interview_id"].map(
        dict(zip(ids, public["respondents"]["weight"], strict=True))
    )
    np.testing.assert_allclose(now.to_numpy(dtype=float), original.to_numpy(dtype=float))
    # PSUs keep their grouping (variance estimation)
    pairs = pd.DataFrame({"a": demo_files["respondents"]["psu"], "b": public["respondents"]["psu"]})
    assert pairs.drop_duplicates().shape[0] == pairs["a"].nunique() == pairs["b"].nunique()


def test_key_estimates_are_compared_through_the_callers_function(
    demo_files: dict[str, pd.DataFrame], demo_populations: dict[str, float]
) -> None:
    def estimates(files):  # type: ignore[no-untyped-def]
        r = files["respondents"]
        older = r["dem_age"] >= 60
        w = r["weight"]
        return pd.Series({"share_60_plus": float((w * older).sum() / w.sum())})

    _, report = apply_policy(
        demo_files,
        LOW,
        populations=demo_populations,
        key_estimates=estimates,
        rng=np.random.default_rng(1),
    )
    (row,) = report.estimates
    assert row.name == "share_60_plus"
    assert row.difference == pytest.approx(row.public - row.internal)
    assert 0.1 < row.internal < 0.5


def test_national_prevalences_move_only_with_the_top_codes(
    demo_files: dict[str, pd.DataFrame], demo_populations: dict[str, float]
) -> None:
    _, report = _public(demo_files, demo_populations, default_policy())
    national = {r.name: r for r in report.utility if r.domain == "national"}
    assert national["victim_rob"].difference == 0.0
    r = demo_files["respondents"]
    yes = (r["pv_rob_12m"] == 1) * r["weight"]
    assert national["victim_rob"].internal == pytest.approx(
        yes.sum() / r["weight"][~(r["pv_rob_12m"] < 0)].sum()
    )
    domains = [
        row
        for row in report.utility
        if row.name == "victim_rob" and row.domain.startswith("dem_sex=")
    ]
    assert {row.domain for row in domains} == {"dem_sex=1", "dem_sex=2"}


def test_the_report_serializes_and_reads_in_every_language(
    demo_files: dict[str, pd.DataFrame], demo_populations: dict[str, float]
) -> None:
    _, report = _public(demo_files, demo_populations, default_policy())
    data = json.loads(json.dumps(report.to_dict()))
    assert data["risk"]["after"]["below_k"] == 0
    assert DisclosurePolicy.from_mapping(data["policy"]) == default_policy()
    titles = {
        "es": "Control de divulgación",
        "en": "Disclosure control",
        "pt": "Controle de divulgação",
        "fr": "Contrôle de la divulgation",
    }
    for language, title in titles.items():
        text = report.to_markdown(language)
        assert text.startswith(f"# {title}")
        assert "| hh_size |" in text
    with pytest.raises(ValueError, match="language must be one of"):
        report.to_markdown("de")


def test_the_risk_after_is_the_risk_of_the_public_file(
    demo_files: dict[str, pd.DataFrame], demo_populations: dict[str, float]
) -> None:
    public, report = _public(demo_files, demo_populations, LOW)
    fk, _ = frequencies(public["respondents"], LOW.quasi_identifiers)
    assert fk.min() >= 3
    assert report.risk_after.records == len(public["respondents"])
    assert report.risk_before.share_below_k > report.risk_recoded.share_below_k > 0


def _roster(respondents: pd.DataFrame) -> pd.DataFrame:
    """A household file as the release builds it: one row per roster person, line 1 selected."""
    rows = []
    for ident, sex, age, size in respondents[
        ["interview_id", "dem_sex", "dem_age", "hh_size"]
    ].itertuples(index=False):
        for line in range(1, int(size) + 1):
            rows.append(
                {
                    "interview_id": ident,
                    "line": float(line),
                    "sex": sex if line == 1 else 1.0 + line % 2,
                    "age": age if line == 1 else 10.0 * line,
                    "selected": float(line == 1),
                    "roster_size": float(size),
                }
            )
    return pd.DataFrame(rows)


def test_the_roster_repeats_the_respondents_blanks(
    demo_files: dict[str, pd.DataFrame], demo_populations: dict[str, float]
) -> None:
    _plant(demo_files, demo_populations)
    demo_files["households"] = _roster(demo_files["respondents"])
    public, report = _public(demo_files, demo_populations)
    households, respondents = public["households"], public["respondents"]
    lone_sex = respondents["interview_id"].iat[-1]
    rows = households[households["interview_id"] == lone_sex]
    # the selected line loses the sex its respondent lost; the others keep theirs
    assert rows["sex"].isna().tolist() == [True] + [False] * (len(rows) - 1)
    assert report.suppressed_linked["households"]["sex"] >= 1
    # the roster size goes wherever the household size went, on every line
    blanked = set(respondents.loc[respondents["hh_size"].isna(), "interview_id"])
    assert blanked
    assert households.loc[households["interview_id"].isin(blanked), "roster_size"].isna().all()
    assert households["age"].dropna().isin([0, 5, 12, 18, 30, 45, 60, 75]).all()  # banded
    assert check(public, LOW, populations=demo_populations) == []
    households.loc[rows.index[0], "sex"] = 3.0
    found = check(public, LOW, populations=demo_populations)
    assert [(v.file, v.column) for v in found] == [("households", "sex")]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"people": pd.DataFrame()}, "unknown file 'people'"),
        ({"respondents": [1, 2]}, "respondents file must be a pandas DataFrame"),
        ({"respondents": pd.DataFrame({"state": ["01"] * 3})}, "no weight column 'weight'"),
        ({"incidents": pd.DataFrame({"state": ["01"]})}, "no respondent file"),
    ],
)
def test_bad_files_are_named(files: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        apply_policy(files, LOW, populations={})


def test_the_annex_gives_the_result_when_it_has_the_report(
    demo_files: dict[str, pd.DataFrame], demo_populations: dict[str, float]
) -> None:
    from analysis.disclosure import annex_paragraphs

    _, report = _public(demo_files, demo_populations, default_policy())
    last = annex_paragraphs(default_policy(), "fr", report)[-1]
    assert last.startswith("Résultat")
    cells = f"{report.cells_suppressed} cellules"
    assert cells in last
