"""compute_indicators on small hand-made tables whose answers are known."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from analysis.design import SurveyDesign
from analysis.indicators import INDICATOR_COLUMNS, catalogue, compute_indicators, get_indicator
from analysis.indicators.compute import indicator_variables

SRS = {"weight": "w", "household_weight": None, "strata": None, "psu": None, "respondent_id": "id"}


def _srs_mean(y: np.ndarray, w: np.ndarray, inside: np.ndarray) -> tuple[float, float]:
    """Weighted mean over ``inside`` and its with-replacement SE, each case its own PSU.

    Cases outside the denominator stay in the design with a zero linearized
    value (a domain, not a subset of rows).
    """
    y = np.where(inside, y, 0.0)
    r = np.sum(w * y * inside) / np.sum(w * inside)
    z = inside * w * (y - r) / np.sum(w * inside)
    n = y.size
    return float(r), float(np.sqrt(n / (n - 1) * np.sum((z - z.mean()) ** 2)))


def _people(**columns: Any) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    base = {"id": [f"r{i}" for i in range(n)], "w": np.linspace(1.0, 2.0, n)}
    return pd.DataFrame({**base, **columns})


def _row(table: pd.DataFrame, indicator: str, domain: str = "national") -> pd.Series:
    rows = table[(table["indicator"] == indicator) & (table["domain"] == domain)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_result_has_the_documented_columns_and_units() -> None:
    people = _people(per_dark=[1, 2, 3, 4, 5, 1], dem_sex=[1, 2, 1, 2, 1, 2])
    out = compute_indicators(
        people, None, SRS, domains=["national", "sex"], indicators=["sdg_16_1_4"]
    )
    assert list(out.columns) == list(INDICATOR_COLUMNS)
    assert out["domain_type"].tolist() == ["national", "sex", "sex"]
    assert out["domain"].tolist() == ["national", "1", "2"]
    row = _row(out, "sdg_16_1_4")
    assert row["unit"] == "percent" and row["level"] == 0.90
    assert row["ci_low"] < row["estimate"] < row["ci_high"]


def test_never_walks_alone_counts_as_not_safe_by_default_and_is_left_out_in_the_variant() -> None:
    dark = np.array([1, 2, 3, 4, 5, 5, -8, 1])
    people = _people(per_dark=dark)
    out = compute_indicators(
        people, None, SRS, domains=["national"], indicators=["sdg_16_1_4", "sdg_16_1_4_walkers"]
    )
    w = people["w"].to_numpy()
    answered = np.isin(dark, [1, 2, 3, 4, 5])
    est, se = _srs_mean(np.isin(dark, [1, 2]).astype(float), w, answered)
    assert _row(out, "sdg_16_1_4")["estimate"] == pytest.approx(100 * est)
    assert _row(out, "sdg_16_1_4")["se"] == pytest.approx(100 * se)
    assert _row(out, "sdg_16_1_4")["n"] == 7
    walkers = np.isin(dark, [1, 2, 3, 4])
    assert _row(out, "sdg_16_1_4_walkers")["estimate"] == pytest.approx(
        100 * np.sum(w[walkers] * np.isin(dark[walkers], [1, 2])) / np.sum(w[walkers])
    )


def test_a_zero_percentage_gets_a_clopper_pearson_upper_bound() -> None:
    people = _people(per_dark=[3, 4, 3, 4, 5, 3, 4, 3, 4, 3])
    out = compute_indicators(people, None, SRS, domains=["national"], indicators=["sdg_16_1_4"])
    row = _row(out, "sdg_16_1_4")
    assert row["estimate"] == 0 and row["ci_low"] == 0
    assert row["ci_high"] == pytest.approx(100 * (1 - 0.05 ** (1 / 10)))


def test_unknown_status_is_left_out_and_its_share_published() -> None:
    # r0 victim; r1 not; r2 unknown (-8 and no yes); r3 victim despite a -9 elsewhere; r4 not
    people = _people(
        pv_rob_5y=[1, 2, -8, 1, 2],
        pv_rob_12m=[1, np.nan, np.nan, 1, np.nan],
        pv_rob_n=[2, np.nan, np.nan, -8, np.nan],
        pv_sex_5y=[2, 2, 2, -9, 1],
        pv_sex_12m=[np.nan, np.nan, np.nan, np.nan, 2],
    )
    out = compute_indicators(
        people,
        None,
        SRS,
        domains=["national"],
        indicators=["prev_person", "incidence", "concentration"],
    )
    w = people["w"].to_numpy()
    known = np.array([True, True, False, True, True])
    victim = np.array([1.0, 0, 0, 1, 0])
    est, se = _srs_mean(victim, w, known)
    row = _row(out, "prev_person")
    assert row["estimate"] == pytest.approx(100 * est)
    assert row["se"] == pytest.approx(100 * se)
    assert row["n"] == 4
    assert row["unknown_share"] == pytest.approx(w[2] / w.sum())
    # incidence: every respondent in the denominator, "-8 times" counts once
    crimes = np.array([2.0, 0, 0, 1, 0])
    assert _row(out, "incidence")["estimate"] == pytest.approx(1e5 * np.sum(w * crimes) / w.sum())
    assert _row(out, "concentration")["estimate"] == pytest.approx(
        np.sum(w * crimes) / np.sum(w * victim)
    )


def test_trust_only_among_those_who_know_the_institution() -> None:
    people = _people(know_police=[1, 1, 1, 2, 1], trust_police=[1, 3, 2, np.nan, -8])
    out = compute_indicators(people, None, SRS, domains=["national"], indicators=["trust_police"])
    w = people["w"].to_numpy()
    assert _row(out, "trust_police")["estimate"] == pytest.approx(
        100 * (w[0] + w[2]) / (w[0] + w[1] + w[2])
    )


def test_a_prevalence_per_100000_has_the_percentage_interval_scaled_never_below_zero() -> None:
    # 1 victim in 8: the Wald interval of this small sample would go below 0
    people = _people(pv_threat_12m=[1, 2, 2, 2, 2, 2, 2, 2], pv_threat_5y=[1, 2, 2, 2, 2, 2, 2, 2])
    out = compute_indicators(
        people, None, SRS, domains=["national"], indicators=["prev_person", "prev_person_rate"]
    )
    percent, rate = _row(out, "prev_person"), _row(out, "prev_person_rate")
    assert rate["estimate"] - 1.645 * rate["se"] < 0, "the Wald interval would be negative"
    assert rate["ci_low"] > 0
    for limit in ("estimate", "ci_low", "ci_high"):
        assert rate[limit] == pytest.approx(1000 * percent[limit])


def _victims_and_incidents() -> tuple[pd.DataFrame, pd.DataFrame]:
    people = _people(
        pv_threat_5y=[1, 1, 2, 1],
        pv_threat_12m=[1, 1, np.nan, 1],
        pv_threat_n=[2, 1, np.nan, 1],
        n_inc_threat=[2, 1, 0, 1],
        dem_sex=[1, 2, 1, 2],
    )
    incidents = pd.DataFrame(
        {
            "id": ["r0", "r0", "r1", "r3"],
            "inc_crime": [14, 14, 14, 14],
            "inc_rank": [1, 2, 1, 1],
            # r0: most recent not reported, the older one reported with a file
            "inc_reported": [2, 1, 1, -8],
            "inc_file": [np.nan, 1, 2, np.nan],
            "inc_factor": [4.0, 4.0, 1.0, 1.0],
        }
    )
    return people, incidents


def test_dark_figure_counts_unreported_unknown_and_reported_without_file() -> None:
    people, incidents = _victims_and_incidents()
    out = compute_indicators(
        people, incidents, SRS, domains=["national"], indicators=["dark_figure", "reporting_rate"]
    )
    w = people["w"].to_numpy()
    # incident weights w x factor: dark = r0's first (2), r1's (file 2), r3's (-8); not r0's second
    inc_w = np.array([w[0] * 4, w[0] * 4, w[1], w[3]])
    dark = np.array([1, 0, 1, 1])
    assert _row(out, "dark_figure")["estimate"] == pytest.approx(
        100 * np.sum(inc_w * dark) / inc_w.sum()
    )
    assert _row(out, "dark_figure")["n"] == 4
    known = np.array([1, 1, 1, 0])
    reported = np.array([0, 1, 1, 0])
    assert _row(out, "reporting_rate")["estimate"] == pytest.approx(
        100 * np.sum(inc_w * reported) / np.sum(inc_w * known)
    )
    assert _row(out, "reporting_rate")["n"] == 3


def test_a_sample_without_any_incident_gives_the_other_indicators() -> None:
    """The first interviews of a wave reported no crime: the whole table failed with 'weights
    column sum to zero' and the wave's results page with 'an error on our side'."""
    people, incidents = _victims_and_incidents()
    people = people.assign(pv_threat_5y=2, pv_threat_12m=np.nan, pv_threat_n=np.nan, n_inc_threat=0)
    out = compute_indicators(people, incidents.iloc[:0], SRS, domains=["national", "dem_sex"])
    assert _row(out, "prev_threat")["estimate"] == 0 and _row(out, "prev_threat")["n"] == 4
    # incident-level figures have no incident to count: left out, not a failure
    assert not {"dark_figure", "reporting_rate"} & set(out["indicator"])


def test_sdg_16_3_1_uses_the_most_recent_incident_and_the_person_weight() -> None:
    people, incidents = _victims_and_incidents()
    out = compute_indicators(
        people, incidents, SRS, domains=["national"], indicators=["sdg_16_3_1_psychological"]
    )
    w = people["w"].to_numpy()
    # r0's most recent was not reported; r1 reported; r3 unknown (left out)
    assert _row(out, "sdg_16_3_1_psychological")["estimate"] == pytest.approx(
        100 * w[1] / (w[0] + w[1])
    )
    assert _row(out, "sdg_16_3_1_psychological")["n"] == 2


def test_household_indicators_use_the_household_weight() -> None:
    people = _people(
        hv_burg_5y=[1, 2, 1, 2], hv_burg_12m=[1, np.nan, 2, np.nan], hh=[1.0, 5.0, 1.0, 1.0]
    )
    spec = {**SRS, "household_weight": "hh"}
    out = compute_indicators(
        people, None, spec, domains=["national"], indicators=["prev_household", "prev_burg"]
    )
    assert _row(out, "prev_household")["estimate"] == pytest.approx(100 * 1 / 8)
    assert _row(out, "prev_burg")["estimate"] == pytest.approx(100 * 1 / 8)


def test_domains_keep_the_whole_design() -> None:
    rng = np.random.default_rng(5)
    n = 400
    people = pd.DataFrame(
        {
            "id": np.arange(n),
            "w": rng.uniform(1, 3, n),
            "stratum": np.repeat(["a", "b", "c", "d"], n // 4),
            "psu": np.repeat(np.arange(40), n // 40),
            # in stratum "a", PSUs 0-4 have only women and 5-9 only men
            "dem_sex": np.where(
                np.arange(n) < 50, 2, np.where(np.arange(n) < 100, 1, rng.integers(1, 3, n))
            ),
            "per_safe_nbhd": rng.integers(1, 5, n),
        }
    )
    spec = {**SRS, "strata": "stratum", "psu": "psu", "respondent_id": "id"}
    out = compute_indicators(people, None, spec, domains=["sex"], indicators=["insecure_nbhd"])
    people["y"] = people["per_safe_nbhd"].isin([3, 4]).astype(float)
    design = SurveyDesign(people, weights="w", strata="stratum", psu="psu")
    women = design.subset((people["dem_sex"] == 2).to_numpy()).mean("y")
    row = _row(out, "insecure_nbhd", "2")
    assert row["estimate"] == pytest.approx(100 * women.estimate)
    assert row["se"] == pytest.approx(100 * women.se)
    # dropping the rows would give another (wrong) standard error
    dropped = SurveyDesign(
        people[people["dem_sex"] == 2], weights="w", strata="stratum", psu="psu"
    ).mean("y")
    assert row["se"] != pytest.approx(100 * dropped.se, rel=1e-6)


def test_indicators_without_data_are_skipped_unless_asked_for() -> None:
    people = _people(per_dark=[1, 2, 3])
    out = compute_indicators(people, None, SRS, domains=["national"])
    assert set(out["indicator"]) == {"sdg_16_1_4", "sdg_16_1_4_walkers"}
    with pytest.raises(ValueError, match=r"'worry': the data lack the item\(s\) it needs \(per_"):
        compute_indicators(people, None, SRS, indicators=["worry"], domains=["national"])
    with pytest.raises(ValueError, match="need the incident table"):
        compute_indicators(people, None, SRS, indicators=["dark_figure"], domains=["national"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"spec": {**SRS, "weight": "nope"}}, "weight column 'nope'"),
        ({"domains": ["region"]}, "domain 'region'"),
        ({"spec": {**SRS, "colour": 1}}, "unknown key"),
        ({"level": 1.5}, "level"),
        ({"quality": "ons"}, "quality must be one of"),
        ({"indicators": ["nope"]}, "unknown indicator"),
    ],
)
def test_bad_arguments_raise_value_error(change: dict[str, Any], message: str) -> None:
    people = _people(per_dark=[1, 2, 3])
    with pytest.raises(ValueError, match=message):
        compute_indicators(
            people,
            None,
            change.get("spec", SRS),
            domains=change.get("domains", ["national"]),
            level=change.get("level", 0.9),
            quality=change.get("quality", "inegi"),
            indicators=change.get("indicators"),
        )


def test_duplicated_respondent_ids_are_refused() -> None:
    people = _people(per_dark=[1, 2, 3])
    people.loc[1, "id"] = "r0"
    with pytest.raises(ValueError, match="duplicates"):
        compute_indicators(people, None, SRS, domains=["national"])


def test_row_order_and_the_scale_of_the_weights_do_not_matter() -> None:
    from analysis.simulate import simulate_country

    sim = simulate_country(9, n_states=3, households=600, blocks_per_municipality=(6, 12))
    resp, inc = sim.respondents, sim.incidents
    ids = ["prev_person", "incidence", "insecure_state", "dark_figure", "prev_household"]
    kwargs = {"indicators": ids, "domains": ["national", "state", "sex"]}
    base = compute_indicators(resp, inc, sim.design_spec, **kwargs)
    shuffled = resp.sample(frac=1.0, random_state=1).reset_index(drop=True)
    scaled = resp.assign(
        weight=resp["weight"] * 7.0, weight_household=resp["weight_household"] * 7.0
    )
    keys = ["indicator", "domain_type", "domain"]
    for other in (
        compute_indicators(
            shuffled, inc.sample(frac=1.0, random_state=2), sim.design_spec, **kwargs
        ),
        compute_indicators(scaled, inc, sim.design_spec, **kwargs),
    ):
        merged = base.merge(other, on=keys, suffixes=("", "_other"))
        assert len(merged) == len(base)
        np.testing.assert_allclose(merged["estimate"], merged["estimate_other"], rtol=1e-10)
        np.testing.assert_allclose(merged["se"], merged["se_other"], rtol=1e-8)
        assert (merged["n"] == merged["n_other"]).all()


# --- the media, youth, coexistence, protection and participation indicators ---

DISORDER = ("drinking", "drugs", "gangs", "vandalism", "shots", "robbery", "fights")


def test_every_difference_names_two_earlier_person_weighted_parts() -> None:
    seen: list[str] = []
    for ind in catalogue():
        if ind.estimator == "difference":
            assert ind.parts is not None and set(ind.parts) <= set(seen)
            assert all(get_indicator(p).level != "household" for p in ind.parts)
            assert ind.unit == "points"
        seen.append(ind.id)
    assert {i.id for i in catalogue() if i.estimator == "difference"} == {
        "youth_gap_incidents",
        "youth_gap_victims",
    }


def test_the_perceived_share_is_the_mean_answer_out_of_ten_without_dont_know() -> None:
    people = _people(youth_share=[10, 5, 0, -8, 7, np.nan])
    out = compute_indicators(
        people, None, SRS, domains=["national"], indicators=["youth_share_perceived"]
    )
    w = people["w"].to_numpy()
    expected = 100 * (w[0] * 1.0 + w[1] * 0.5 + w[4] * 0.7) / (w[0] + w[1] + w[2] + w[4])
    row = _row(out, "youth_share_perceived")
    assert row["estimate"] == pytest.approx(expected)
    assert row["n"] == 4 and row["unit"] == "percent"
    # a mean keeps R's svymean interval (Wald, symmetric), not the logit one
    assert row["ci_high"] - row["estimate"] == pytest.approx(row["estimate"] - row["ci_low"])


def test_the_disorder_index_counts_behaviours_and_leaves_out_anyone_with_a_dont_know() -> None:
    answers = {
        f"dis_{key}": [1, 2, 1, 1]
        if key == "drinking"
        else [1, 2, -8, 2]
        if key == "shots"
        else [2, 2, 2, 1]
        for key in DISORDER
    }
    out = compute_indicators(
        _people(**answers), None, SRS, domains=["national"], indicators=["disorder_index"]
    )
    w = np.linspace(1.0, 2.0, 4)
    # r0: drinking + shots = 2; r1: 0; r2: unknown (shots -8); r3: 6 of 7 (all but shots)
    row = _row(out, "disorder_index")
    assert row["estimate"] == pytest.approx((2 * w[0] + 0 * w[1] + 6 * w[3]) / (w[0] + w[1] + w[3]))
    assert row["unknown_share"] == pytest.approx(w[2] / w.sum())
    assert row["unit"] == "mean"


def test_spending_on_protection_among_takers_and_per_household_with_zeros() -> None:
    people = _people(
        prot_measures__0=[0, 1, 0, 0, -8],
        prot_measures__5=[1, 0, 0, 0, -8],
        prot_any=[1, 0, 1, 1, 0],
        prot_cost=[1000.0, np.nan, 300.0, -8, np.nan],
        hh=[1.0, 2.0, 1.0, 1.0, 1.0],
    )
    spec = {**SRS, "household_weight": "hh"}
    ids = ["protection_spending", "protection_spending_all", "private_security", "protection_any"]
    out = compute_indicators(people, None, spec, domains=["national"], indicators=ids)
    # household weights 1, 2, 1, 1; r3's amount is unknown; r4 did not say what it did
    assert _row(out, "protection_spending")["estimate"] == pytest.approx((1000 + 300) / 2)
    assert _row(out, "protection_spending")["unknown_share"] == pytest.approx(1 / 3)
    assert _row(out, "protection_spending_all")["estimate"] == pytest.approx((1000 + 0 + 300) / 4)
    assert _row(out, "private_security")["estimate"] == pytest.approx(100 * 1 / 5)
    assert _row(out, "protection_any")["estimate"] == pytest.approx(100 * 3 / 5)
    assert _row(out, "protection_spending")["ci_low"] >= 0


def _victims() -> tuple[pd.DataFrame, pd.DataFrame]:
    people = _people(youth_share=[8, 2, 5, 6])
    incidents = pd.DataFrame(
        {
            "id": ["r0", "r0", "r1", "r2", "r2"],
            "inc_crime": [11, 11, 13, 14, 6],
            "inc_offender_age": [2, 3, 4, -8, np.nan],
            "inc_factor": [2.0, 2.0, 1.0, 1.0, 1.0],
        }
    )
    return people, incidents


def test_victims_are_counted_once_and_incidents_with_their_weight() -> None:
    people, incidents = _victims()
    ids = ["youth_share_incidents", "youth_share_victims"]
    out = compute_indicators(people, incidents, SRS, domains=["national"], indicators=ids)
    w = people["w"].to_numpy()
    # incidents with a known age: r0 twice (factor 2, one young), r1 once (not young)
    assert _row(out, "youth_share_incidents")["estimate"] == pytest.approx(
        100 * (2 * w[0]) / (4 * w[0] + w[1])
    )
    assert _row(out, "youth_share_incidents")["n"] == 3
    # victims: r0 (a young offender in one of two), r1 (not); r2's age is unknown
    assert _row(out, "youth_share_victims")["estimate"] == pytest.approx(100 * w[0] / (w[0] + w[1]))
    assert _row(out, "youth_share_victims")["n"] == 2


def test_the_gap_is_perceived_minus_actual_and_asks_for_its_parts_data() -> None:
    people, incidents = _victims()
    out = compute_indicators(
        people, incidents, SRS, domains=["national"], indicators=["youth_gap_victims"]
    )
    assert out["indicator"].tolist() == ["youth_gap_victims"]  # the parts are not returned
    both = compute_indicators(
        people,
        incidents,
        SRS,
        domains=["national"],
        indicators=["youth_share_perceived", "youth_share_victims"],
    )
    gap = _row(out, "youth_gap_victims")
    assert gap["estimate"] == pytest.approx(
        _row(both, "youth_share_perceived")["estimate"]
        - _row(both, "youth_share_victims")["estimate"]
    )
    assert gap["unit"] == "points"
    with pytest.raises(ValueError, match="need the incident table"):
        compute_indicators(people, None, SRS, indicators=["youth_gap_incidents"])
    with pytest.raises(ValueError, match="is a difference"):
        indicator_variables(get_indicator("youth_gap_incidents"), people, incidents, "id")


def test_a_gap_takes_the_quality_of_its_worse_part() -> None:
    rng = np.random.default_rng(3)
    n = 400
    people = pd.DataFrame(
        {
            "id": [f"r{i}" for i in range(n)],
            "w": rng.uniform(1, 3, n),
            "stratum": np.repeat(["a", "b"], n // 2),
            "psu": np.repeat(np.arange(40), n // 40),
            "youth_share": rng.integers(0, 11, n),
        }
    )
    victims = rng.choice(n, 30, replace=False)  # 30 incidents: fewer than the 50 needed
    incidents = pd.DataFrame(
        {
            "id": people["id"].to_numpy()[victims],
            "inc_crime": 11,
            "inc_offender_age": rng.integers(1, 5, victims.size),
            "inc_factor": 1.0,
        }
    )
    spec = {**SRS, "strata": "stratum", "psu": "psu"}
    ids = ["youth_share_perceived", "youth_share_incidents", "youth_gap_incidents"]
    out = compute_indicators(people, incidents, spec, domains=["national"], indicators=ids)
    assert _row(out, "youth_share_perceived")["quality"] == "high"
    actual, gap = _row(out, "youth_share_incidents"), _row(out, "youth_gap_incidents")
    assert actual["quality"] == "insufficient" and actual["suppressed"]
    assert gap["quality"] == "insufficient" and gap["suppressed"]
    assert "fewer than 50 incidents" in gap["reason"]
