"""AAPOR outcome rates, checked against numbers worked out by hand from the definitions."""

from __future__ import annotations

import math

import pytest

from analysis.response_rates import DispositionCounts, aapor_rates

#: I=400, P=50, R=150, NC=100, O=50, UH+UO=200, NE=50 (a made-up in-person wave).
COUNTS = DispositionCounts(
    complete=400, partial=50, refusal=150, noncontact=100, other=50, unknown=200, not_eligible=50
)


def test_rates_follow_the_aapor_formulas() -> None:
    rates = aapor_rates(COUNTS)
    # eligible = 400+50+150+100+50 = 750; e = 750 / (750 + 50) = 0.9375
    assert rates.e == pytest.approx(0.9375)
    # RR1 = 400 / (450 + 300 + 200) = 400 / 950
    assert rates.rr1 == pytest.approx(400 / 950)
    # RR2 = 450 / 950
    assert rates.rr2 == pytest.approx(450 / 950)
    # RR3 = 400 / (450 + 300 + 0.9375 * 200) = 400 / 937.5
    assert rates.rr3 == pytest.approx(400 / 937.5)
    # COOP1 = 400 / (450 + 150 + 50) = 400 / 650
    assert rates.coop1 == pytest.approx(400 / 650)
    # CON1 = (450 + 150 + 50) / (650 + 100 + 200) = 650 / 950
    assert rates.con1 == pytest.approx(650 / 950)
    assert "proportional" in rates.e_method and rates.e_source == "known"


def test_a_given_e_is_used_and_checked() -> None:
    given = aapor_rates(COUNTS, e=0.5)
    assert given.rr3 == pytest.approx(400 / 850) and given.e_source == "given"
    with pytest.raises(ValueError, match="between 0 and 1"):
        aapor_rates(COUNTS, e=1.5)


def test_without_known_eligibility_every_unknown_counts_and_empty_rates_are_nan() -> None:
    only_unknown = aapor_rates(DispositionCounts(unknown=10))
    assert only_unknown.e == 1.0 and only_unknown.rr1 == 0.0
    assert "every unknown counted as eligible" in only_unknown.e_method
    assert only_unknown.e_source == "assumed"
    assert math.isnan(aapor_rates(DispositionCounts()).rr1)


def test_counts_add_up() -> None:
    assert (COUNTS + DispositionCounts(complete=1)).complete == 401
    assert COUNTS.total == 1000
