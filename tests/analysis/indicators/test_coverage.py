"""Which standard indicators a questionnaire cannot measure (analysis/indicators/coverage.py).

The rule is the one compute_indicators applies when it leaves an indicator out: the tests
check both on the same columns, and name the items each left-out indicator needs.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import pytest

from analysis.indicators import catalogue, compute_indicators
from analysis.indicators.coverage import questionnaire_unmeasured, unmeasured_indicators
from analysis.microdata import incident_table, respondent_table, standard_instrument
from analysis.simulate import SimulatedWave, simulate_country


@cache
def _sim() -> SimulatedWave:
    return simulate_country(3, n_states=2, households=150, municipalities_per_state=1)


@cache
def _columns() -> tuple[pd.Index, pd.Index]:
    """The columns of vict_std's respondent and incident tables."""
    standard = standard_instrument()
    return respondent_table([], standard).columns, incident_table([], standard).columns


def _without(columns: pd.Index, prefix: str) -> list[str]:
    return [c for c in columns if not c.startswith(prefix)]


def test_the_standard_questionnaire_measures_every_standard_indicator() -> None:
    assert questionnaire_unmeasured(standard_instrument()) == ()


def test_without_the_personal_crime_module_its_indicators_are_named_with_their_items() -> None:
    respondents, incidents = _columns()
    found = {
        u.indicator: u.items for u in unmeasured_indicators(_without(respondents, "pv_"), incidents)
    }
    assert found["prev_rob"] == ("pv_rob_12m",)
    assert found["incidence_rob"] == ("pv_rob_12m", "pv_rob_n")
    assert "pv_assault_12m" in found["prev_person"] and len(found["prev_person"]) == 8
    assert "sdg_16_1_3_physical" in found
    # household crimes still feed the indicators that count both
    assert not {"prev_any", "incidence", "prev_household", "reporting_rate"} & set(found)
    assert all(item.startswith("pv_") for items in found.values() for item in items)


def test_a_multiple_choice_item_is_named_once_without_its_choice_columns() -> None:
    respondents, incidents = _columns()
    found = {
        u.indicator: u.items
        for u in unmeasured_indicators(respondents, _without(incidents, "inc_noreport"))
    }
    assert found["noreport_distrust"] == ("inc_noreport",)
    assert "reporting_rate" not in found


def test_an_indicator_whose_denominator_items_are_not_asked_is_named_with_them() -> None:
    respondents, incidents = _columns()
    found = {
        u.indicator: u.items
        for u in unmeasured_indicators(_without(respondents, "media_freq"), incidents)
    }
    # the share who hear crime news on social networks is over those who said how often
    # they follow it: without media_freq there is nobody to count, not "too few cases"
    assert found == {"media_exposure": ("media_freq",), "media_social": ("media_freq",)}
    found = {
        u.indicator: u.items
        for u in unmeasured_indicators(_without(respondents, "brib_any_contact"), incidents)
    }
    assert found == {"sdg_16_5_1": ("brib_any_contact",)}  # over those with a contact
    sim = _sim()  # asked for by name, compute_indicators names the item the data lack
    respondents_without = sim.respondents[_without(sim.respondents.columns, "media_freq")]
    with pytest.raises(ValueError, match=r"'media_social': .* it needs \(media_freq\)"):
        compute_indicators(
            respondents_without, sim.incidents, sim.design_spec, indicators=["media_social"]
        )


def test_without_the_incident_module_the_incident_indicators_and_differences_are_named() -> None:
    respondents, _incidents = _columns()
    found = {u.indicator: u.items for u in unmeasured_indicators(respondents, ())}
    assert found["reporting_rate"] == ("inc_reported",)
    assert set(found["dark_figure"]) == {"inc_file", "inc_reported"}
    # a difference names the items of the part it cannot compute
    assert found["youth_gap_incidents"] == ("inc_offender_age",)
    levels = {i.id: i.level for i in catalogue()}
    assert {i for i in found if levels[i] in ("person", "household")} <= {
        "youth_gap_incidents",
        "youth_gap_victims",
    }
    # not given (None) is not the same as not asked: compute_indicators decides
    assert unmeasured_indicators(respondents, None) == ()


def test_compute_indicators_leaves_out_exactly_the_indicators_the_rule_names() -> None:
    sim = _sim()
    for prefix in ("pv_", "per_", "media_freq"):
        respondents = sim.respondents[_without(sim.respondents.columns, prefix)]
        table = compute_indicators(
            respondents, sim.incidents, sim.design_spec, domains=["national"]
        )
        full = compute_indicators(
            sim.respondents, sim.incidents, sim.design_spec, domains=["national"]
        )
        named = {
            u.indicator for u in unmeasured_indicators(respondents.columns, sim.incidents.columns)
        }
        assert named, prefix
        assert set(full["indicator"]) - set(table["indicator"]) == named, prefix
