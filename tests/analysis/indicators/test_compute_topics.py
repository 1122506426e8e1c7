"""The newer indicators on hand-made tables: means, scores, amounts, victims once, the gap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.indicators import catalogue, compute_indicators, get_indicator
from analysis.indicators.compute import indicator_variables

SRS = {"weight": "w", "household_weight": None, "strata": None, "psu": None, "respondent_id": "id"}
DISORDER = ("drinking", "drugs", "gangs", "vandalism", "shots", "robbery", "fights")


def _people(**columns: object) -> pd.DataFrame:
    n = len(next(iter(columns.values())))  # type: ignore[arg-type]
    base = {"id": [f"r{i}" for i in range(n)], "w": np.linspace(1.0, 2.0, n)}
    return pd.DataFrame({**base, **columns})


def _row(table: pd.DataFrame, indicator: str, domain: str = "national") -> pd.Series:
    rows = table[(table["indicator"] == indicator) & (table["domain"] == domain)]
    assert len(rows) == 1
    return rows.iloc[0]


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
