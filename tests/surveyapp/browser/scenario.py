"""One respondent's way through the standard questionnaire (vict_std), shared by the
test-client walkthrough and the browser tests: what is typed on each page, and what
the stored answers document must then hold (written out by hand, not derived).

Two crimes are reported (a burglary and a robbery), so two incident pages follow the
screeners. Keys ending in ``__special`` are the "Don't know"/"Refused" box next to a
number. ``NOT_STORED`` are answers typed into follow-ups that do not apply (possible
only with JavaScript off, where they are shown); the server must ignore them.
"""

from __future__ import annotations

from typing import Any

_NO_5Y = {
    f"pv_{stem}_5y": "2"
    for stem in ("theft", "assault", "threat", "sex", "fraud", "extort", "kidnap")
}

PAGES: list[tuple[str, dict[str, Any]]] = [
    ("intro", {}),
    ("household", {"hh_size": "4", "hh_adults": "2", "hh_area": "1"}),
    (
        "respondent",
        {
            "dem_sex": "2",
            "dem_age": "41",
            "dem_educ": "4",
            "dem_employ": "1",
            "dem_years_nbhd__special": "-8",
        },
    ),
    ("hh_assets", {"hh_own_car": "2", "hh_own_moto": "2", "hh_own_bike": "1"}),
    ("hv_bike", {"hv_bike_5y": "2"}),
    ("hv_burg", {"hv_burg_5y": "1", "hv_burg_12m": "1", "hv_burg_n": "1"}),
    ("hv_aburg", {"hv_aburg_5y": "2"}),
    ("pv_rob", {"pv_rob_5y": "1", "pv_rob_12m": "1", "pv_rob_n": "1"}),
    ("pv_theft", {"pv_theft_5y": "2"}),
    ("pv_assault", {"pv_assault_5y": "2"}),
    ("pv_threat", {"pv_threat_5y": "2"}),
    ("pv_sex", {"pv_sex_5y": "2"}),
    ("pv_fraud", {"pv_fraud_5y": "2"}),
    ("pv_extort", {"pv_extort_5y": "2"}),
    ("pv_kidnap", {"pv_kidnap_5y": "2"}),
    (
        "incidents/1",
        {
            "inc_month": "2025-06",
            "inc_time": "2",
            "inc_loss_value": "1500,50",
            "inc_reported": "2",
            "inc_noreport": ["11", "22"],
        },
    ),
    (
        "incidents/2",
        {
            "inc_month": "2025-09",
            "inc_place": "3",
            "inc_time": "4",
            "inc_offenders": "2",
            "inc_offender_age": "1",
            "inc_weapon": "1",
            "inc_weapon_type": "2",
            "inc_rob_done": "1",
            "inc_injured": "2",
            "inc_loss_value": "300",
            "inc_reported": "1",
            "inc_report_to": ["1"],
            "inc_file": "1",
            "inc_satisfied": "3",
        },
    ),
    (
        "per_safety",
        {
            "per_dark": "2",
            "per_safe_nbhd": "2",
            "per_safe_muni": "3",
            "per_safe_state": "4",
            "per_place_home": "1",
            "per_place_transport": "3",
            "per_place_street": "2",
            "per_place_school": "5",
            "per_place_market": "-8",
        },
    ),
    (
        "per_risk",
        {"per_worry": "3", "per_likely": "2", "per_trend_area": "1", "per_trend_country": "-8"},
    ),
    ("media", {"media_freq": "1", "media_channels": ["1", "6"], "media_where": "3"}),
    ("youth", {"youth_share": "6", "youth_trend": "-8"}),
    (
        "avoidance",
        {
            "avoid_night": "1",
            "avoid_children": "2",
            "avoid_transport": "1",
            "avoid_weapon": "2",
            "avoid_routes": "1",
            "avoid_valuables": "2",
            "avoid_visits": "-9",
        },
    ),
    (
        "coexistence",
        {
            "dis_drinking": "1",
            "dis_drugs": "2",
            "dis_gangs": "2",
            "dis_vandalism": "1",
            "dis_shots": "2",
            "dis_robbery": "1",
            "dis_fights": "-8",
            "nbhd_sat_lighting": "4",
            "nbhd_sat_spaces": "2",
            "nbhd_sat_life": "1",
        },
    ),
    ("protection", {"prot_measures": ["1", "6"], "prot_cost": "850"}),
    (
        "institutions",
        {
            "know_police": "1",
            "know_pros": "1",
            "know_judge": "2",
            "know_army": "1",
            "trust_police": "2",
            "trust_pros": "3",
            "trust_army": "1",
            "perf_police": "3",
            "corr_police": "2",
            "corr_officials": "1",
        },
    ),
    (
        "participation",
        {"part_meeting": "2", "part_joint": "1", "part_trust_localgov": "2"},
    ),
    ("bribery", {"brib_contact": ["1", "7"], "brib_asked": "1", "brib_paid": "2"}),
    ("closing", {}),
]

#: Typed into follow-ups that do not apply (shown only without JavaScript): never stored.
NOT_STORED: dict[str, dict[str, Any]] = {
    "institutions": {"trust_judge": "4"},
    "bribery": {"brib_paid_to": ["3"]},
    "hv_bike": {"hv_bike_12m": "1"},
}

#: The page after which the respondent saves, leaves, and later resumes.
LEAVE_AFTER = "pv_theft"

#: Top-level answers the document must hold (typed answers, converted by hand).
EXPECTED_TOP: dict[str, Any] = {
    "hh_size": 4,
    "hh_adults": 2,
    "hh_area": 1,
    "dem_sex": 2,
    "dem_age": 41,
    "dem_educ": 4,
    "dem_employ": 1,
    "dem_years_nbhd": -8,
    "hh_own_car": 2,
    "hh_own_moto": 2,
    "hh_own_bike": 1,
    "hv_bike_5y": 2,
    "hv_burg_5y": 1,
    "hv_burg_12m": 1,
    "hv_burg_n": 1,
    "hv_aburg_5y": 2,
    "pv_rob_5y": 1,
    "pv_rob_12m": 1,
    "pv_rob_n": 1,
    **{code: 2 for code in _NO_5Y},
    "per_dark": 2,
    "per_safe_nbhd": 2,
    "per_safe_muni": 3,
    "per_safe_state": 4,
    "per_place_home": 1,
    "per_place_transport": 3,
    "per_place_street": 2,
    "per_place_school": 5,
    "per_place_market": -8,
    "per_worry": 3,
    "per_likely": 2,
    "per_trend_area": 1,
    "per_trend_country": -8,
    "avoid_night": 1,
    "avoid_children": 2,
    "avoid_transport": 1,
    "avoid_weapon": 2,
    "avoid_routes": 1,
    "avoid_valuables": 2,
    "avoid_visits": -9,
    "media_freq": 1,
    "media_channels": [1, 6],
    "media_where": 3,
    "youth_share": 6,
    "youth_trend": -8,
    "dis_drinking": 1,
    "dis_drugs": 2,
    "dis_gangs": 2,
    "dis_vandalism": 1,
    "dis_shots": 2,
    "dis_robbery": 1,
    "dis_fights": -8,
    "nbhd_sat_lighting": 4,
    "nbhd_sat_spaces": 2,
    "nbhd_sat_life": 1,
    "prot_measures": [1, 6],
    "prot_cost": 850,
    "know_police": 1,
    "know_pros": 1,
    "know_judge": 2,
    "know_army": 1,
    "trust_police": 2,
    "trust_pros": 3,
    "trust_army": 1,
    "perf_police": 3,
    "corr_police": 2,
    "corr_officials": 1,
    "brib_contact": [1, 7],
    "part_meeting": 2,
    "part_joint": 1,
    "part_trust_localgov": 2,
    "brib_asked": 1,
    "brib_paid": 2,
}

#: The two incident instances (answers typed on incidents/1 and incidents/2).
EXPECTED_INCIDENTS: list[dict[str, Any]] = [
    {
        "inc_month": "2025-06",
        "inc_time": 2,
        "inc_loss_value": 1500.5,
        "inc_reported": 2,
        "inc_noreport": [11, 22],
    },
    {
        "inc_month": "2025-09",
        "inc_place": 3,
        "inc_time": 4,
        "inc_offenders": 2,
        "inc_offender_age": 1,
        "inc_weapon": 1,
        "inc_weapon_type": 2,
        "inc_rob_done": 1,
        "inc_injured": 2,
        "inc_loss_value": 300,
        "inc_reported": 1,
        "inc_report_to": [1],
        "inc_file": 1,
        "inc_satisfied": 3,
    },
]

#: Calculated values that follow from the answers (burglary is crime type 6, robbery 11).
EXPECTED_CALCULATED: dict[str, Any] = {
    "n_inc_burg": 1,
    "n_inc_rob": 1,
    "n_incidents": 2,
    "brib_any_contact": 1,
    "prot_any": 1,
}
EXPECTED_INCIDENT_CALCULATED: list[dict[str, Any]] = [
    {"inc_pos": 1, "inc_crime": 6},
    {"inc_pos": 2, "inc_crime": 11},
]


def calculated_codes(document: dict[str, Any]) -> set[str]:
    """Codes of every calculation in an instrument document."""
    codes: set[str] = set()

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            if item.get("type") == "calculate":
                codes.add(item["code"])
            walk(item.get("items", []))

    for section in document["sections"]:
        walk(section["items"])
    return codes


def check_document(answers: dict[str, Any], document: dict[str, Any]) -> None:
    """Assert the stored answers are exactly the typed ones plus their calculations."""
    calculated = calculated_codes(document)
    typed = {k: v for k, v in answers.items() if k not in calculated and k != "incident"}
    assert typed == EXPECTED_TOP
    for code, value in EXPECTED_CALCULATED.items():
        assert answers[code] == value, code
    instances = answers["incident"]
    assert len(instances) == 2
    for instance, expected, calc in zip(
        instances, EXPECTED_INCIDENTS, EXPECTED_INCIDENT_CALCULATED, strict=True
    ):
        assert {k: v for k, v in instance.items() if k not in calculated} == expected
        assert {k: instance[k] for k in calc} == calc
