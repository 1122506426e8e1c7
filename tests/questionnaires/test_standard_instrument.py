"""The standard questionnaire vict_std: it loads, speaks four languages, and its skip
logic, validations and incident allocation behave on realistic interviews.

Interviews are walked page by page through the engine with form strings, as a
browser would send them. The last test checks that every relevance and
constraint expression of the instrument came out both true and false, and every
calculation was evaluated, somewhere on those paths.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from analysis.i18n import LANGUAGES
from questionnaires.engine import context as engine_context
from questionnaires.engine import interview as engine_interview
from questionnaires.engine import plan as engine_plan
from questionnaires.engine import state as engine_state
from questionnaires.engine import validate_answers
from questionnaires.engine import values as engine_values
from questionnaires.engine.interview import Interview
from questionnaires.engine.plan import plan_for
from questionnaires.expressions import EvalContext, Expression, to_boolean
from questionnaires.loader import load_instrument, load_instrument_dict
from questionnaires.model import (
    CalculateItem,
    GridItem,
    Instrument,
    NoteItem,
    RepeatItem,
)
from questionnaires.xlsform.exporter import export_xlsform
from questionnaires.xlsform.importer import import_xlsform

PATH = Path(__file__).resolve().parents[2] / "questionnaires" / "instruments" / "vict_std.yaml"
TODAY = dt.date(2025, 3, 15)
PERIOD = (dt.date(2024, 3, 1), dt.date(2025, 2, 28))

HH_STEMS = ("car", "vpart", "vand", "moto", "bike", "burg", "aburg")
PV_STEMS = ("rob", "theft", "assault", "threat", "sex", "fraud", "extort", "kidnap")
CRIME_CODE = dict(
    zip(HH_STEMS + PV_STEMS, (1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 14, 15, 16, 17, 18), strict=True)
)

Form = dict[str, Any]


@pytest.fixture(scope="module")
def instrument() -> Instrument:
    return load_instrument(PATH)


# --- the instrument itself -------------------------------------------------------


def test_loads_with_identity(instrument: Instrument) -> None:
    assert instrument.id == "vict_std"
    assert instrument.version == "1.1.1"
    assert instrument.languages == LANGUAGES
    assert instrument.default_language == "es"
    assert instrument.parameters["incident_cap"] == 3


#: Content hashes of versions already loaded on servers. A server refuses other content under
#: a version it holds (services/instruments.store_instrument: "give the changed file a new
#: version number"), so a change to the file, even of a label, needs a new version.
RELEASED_HASHES = {
    # 1.1.0 as it stood before its French labels took no-break spaces (8ee089f)
    "1.1.0": "9f5740580761e2a92a56a64d22bbdb28f3ee9276629c9c719644ece4f44b1275",
}


def test_a_released_version_keeps_its_content(instrument: Instrument) -> None:
    released = RELEASED_HASHES.get(instrument.version, instrument.content_hash)
    assert instrument.content_hash == released, (
        f"vict_std {instrument.version} is already released with other content; "
        "give the changed file a new version number"
    )


def _texts(instrument: Instrument) -> Iterator[tuple[str, dict[str, str]]]:
    yield "title", instrument.title
    for name, choices in instrument.choice_lists.items():
        for choice in choices:
            yield f"{name}:{choice.code}", choice.label
    for section in instrument.sections:
        yield section.name, section.title
    for item in instrument.items():
        for key in ("label", "hint", "constraint_message", "title"):
            text = getattr(item, key, None)
            if text is not None:
                yield f"{item.code}.{key}", text


def test_every_text_in_every_language(instrument: Instrument) -> None:
    missing = [
        (where, language)
        for where, text in _texts(instrument)
        for language in LANGUAGES
        if not text.get(language, "").strip()
    ]
    assert missing == []
    assert set().union(*(set(text) for _, text in _texts(instrument))) == set(LANGUAGES)


def test_every_answerable_item_has_a_label_and_every_constraint_a_message(
    instrument: Instrument,
) -> None:
    for item in instrument.items():
        if isinstance(item, CalculateItem):
            continue
        assert item.label is not None, item.code
        if getattr(item, "constraint", None) is not None:
            assert getattr(item, "constraint_message", None) is not None, item.code


def test_codes_follow_the_naming_scheme(instrument: Instrument) -> None:
    prefixes = (
        "intro_",
        "closing_",
        "hh_",
        "dem_",
        "hv_",
        "pv_",
        "n_inc_",
        "cum_inc_",
        "inc_",
        "per_",
        "avoid_",
        "know_",
        "trust_",
        "perf_",
        "corr_",
        "brib_",
        "media_",
        "youth_",
        "dis_",
        "nbhd_",
        "prot_",
        "part_",
    )
    for item in instrument.items():
        assert item.code.startswith(prefixes) or item.code in ("n_incidents", "incident"), item.code
    for stem in HH_STEMS:
        for suffix in ("_5y", "_12m", "_n"):
            assert instrument.has_item(f"hv_{stem}{suffix}")
    for stem in PV_STEMS:
        for suffix in ("_5y", "_12m", "_n"):
            assert instrument.has_item(f"pv_{stem}{suffix}")
    crime_codes = {choice.code for choice in instrument.choices("crime_type")}
    assert crime_codes == set(CRIME_CODE.values())


def test_sensitive_items_accept_refusal(instrument: Instrument) -> None:
    sensitive = [
        f"pv_{stem}{suffix}"
        for stem in ("assault", "threat", "sex", "extort", "kidnap")
        for suffix in ("_5y", "_12m", "_n")
    ]
    sensitive += [
        "brib_asked",
        "brib_paid",
        "inc_injured",
        "inc_offender_known",
        "inc_reported",
        "per_dark",
    ]
    for code in sensitive:
        assert "refused" in special_of(instrument, code), code
    for stem in HH_STEMS:
        assert "dont_know" in special_of(instrument, f"hv_{stem}_5y")
    assert "dont_know" in special_of(instrument, "inc_loss_value")


def special_of(instrument: Instrument, code: str) -> tuple[str, ...]:
    special: tuple[str, ...] = getattr(instrument.item(code), "special", ())
    return special


def test_survives_an_xlsform_round_trip(instrument: Instrument) -> None:
    """Countries adapt the standard form in Excel (ODK, Kobo): nothing may be lost on the way."""
    workbook = io.BytesIO()
    export_xlsform(instrument, workbook)
    workbook.seek(0)
    result = import_xlsform(workbook)
    again = load_instrument_dict(result.instrument_dict)
    assert again.content_hash == instrument.content_hash


# --- walking interviews ------------------------------------------------------------


def base_forms() -> dict[str, Form]:
    """A non-victim adult in a household of three with a car and a bicycle."""
    forms: dict[str, Form] = {
        "intro": {},
        "household": {"hh_size": "3", "hh_adults": "2", "hh_area": "1"},
        "respondent": {
            "dem_sex": "2",
            "dem_age": "34",
            "dem_educ": "5",
            "dem_employ": "1",
            "dem_years_nbhd": "10",
        },
        "hh_assets": {"hh_own_car": "1", "hh_own_moto": "2", "hh_own_bike": "1"},
        "per_safety": {
            "per_dark": "2",
            "per_safe_nbhd": "2",
            "per_safe_muni": "3",
            "per_safe_state": "4",
            "per_place_home": "1",
            "per_place_transport": "3",
            "per_place_street": "3",
            "per_place_school": "5",
            "per_place_market": "2",
        },
        "per_risk": {
            "per_worry": "2",
            "per_likely": "2",
            "per_trend_area": "2",
            "per_trend_country": "1",
        },
        "media": {"media_freq": "2", "media_channels": ["1", "5", "6"], "media_where": "1"},
        "youth": {"youth_share": "7", "youth_trend": "1"},
        "avoidance": {
            f"avoid_{x}": "2"
            for x in ("night", "children", "transport", "weapon", "routes", "valuables", "visits")
        },
        "coexistence": {
            **{
                f"dis_{x}": "2"
                for x in ("drinking", "drugs", "gangs", "vandalism", "shots", "robbery", "fights")
            },
            "dis_drinking": "1",
            "nbhd_sat_lighting": "3",
            "nbhd_sat_spaces": "2",
            "nbhd_sat_life": "-8",
        },
        "protection": {"prot_measures": ["1", "5"], "prot_cost": "2500"},
        "institutions": {
            **{f"know_{x}": "1" for x in ("police", "pros", "judge", "army")},
            **{f"trust_{x}": "2" for x in ("police", "pros", "judge", "army")},
            "perf_police": "3",
            "corr_police": "1",
            "corr_officials": "2",
        },
        "participation": {"part_meeting": "1", "part_joint": "2", "part_trust_localgov": "3"},
        "bribery": {"brib_contact": ["0"]},
        "closing": {},
    }
    for stem in HH_STEMS:
        forms[f"hv_{stem}"] = {f"hv_{stem}_5y": "2"}
    for stem in PV_STEMS:
        forms[f"pv_{stem}"] = {f"pv_{stem}_5y": "2"}
    return forms


def victim(forms: dict[str, Form], prefix: str, stem: str, times: str) -> None:
    """Answer the screener of ``stem`` as a victim ``times`` times in the last 12 months."""
    forms[f"{prefix}_{stem}"] = {
        f"{prefix}_{stem}_5y": "1",
        f"{prefix}_{stem}_12m": "1",
        f"{prefix}_{stem}_n": times,
    }


def incident_form(**overrides: Any) -> Form:
    """Answers to every incident question; the engine reads only the relevant ones."""
    form: Form = {
        "inc_month": "2024-11",
        "inc_place": "3",
        "inc_time": "3",
        "inc_offenders": "2",
        "inc_offender_age": "2",
        "inc_offender_known": "3",
        "inc_weapon": "1",
        "inc_weapon_type": "2",
        "inc_rob_done": "1",
        "inc_injured": "1",
        "inc_medical": "2",
        "inc_loss_value": "1500,50",
        "inc_reported": "1",
        "inc_report_to": ["1", "2"],
        "inc_file": "2",
        "inc_satisfied": "3",
        "inc_noreport": ["11", "14", "21"],
    }
    form.update(overrides)
    return form


def walk(interview: Interview, forms: dict[str, Form]) -> list[str]:
    """Answer page after page as a browser would; returns the ids of the pages shown."""
    shown: list[str] = []
    page_id: str | None = interview.page_ids()[0]
    while page_id is not None:
        page = interview.page(page_id)
        assert page.title, page_id
        errors = interview.apply_page(page_id, forms[page_id])
        assert errors == [], (page_id, errors)
        shown.append(page_id)
        page_id = interview.next_page_id(page_id)
    assert interview.is_complete()
    return shown


def new_interview(
    instrument: Instrument, language: str, answers: dict[str, Any] | None = None
) -> Interview:
    return Interview(instrument, answers, language=language, today=TODAY, reference_period=PERIOD)


def non_victim(instrument: Instrument) -> tuple[Interview, list[str]]:
    forms = base_forms()
    # Victim of a bicycle theft, but more than a year ago; a count typed anyway is ignored.
    forms["hv_bike"] = {"hv_bike_5y": "1", "hv_bike_12m": "2", "hv_bike_n": "4"}
    forms["hv_aburg"] = {"hv_aburg_5y": "-8"}
    forms["pv_fraud"] = {"pv_fraud_5y": "1", "pv_fraud_12m": "-8"}
    # Never follows crime news (channels typed anyway are ignored); took no protective measure.
    forms["media"] = {"media_freq": "5", "media_channels": ["2"], "media_where": "2"}
    forms["youth"] = {"youth_share": "-8", "youth_trend": "2"}
    forms["protection"] = {"prot_measures": ["0"], "prot_cost": "100"}
    interview = new_interview(instrument, "es")
    return interview, walk(interview, forms)


def three_crimes(instrument: Instrument) -> tuple[Interview, list[str]]:
    """One burglary and two robberies (one completed, one attempt); bribe paid."""
    forms = base_forms()
    forms["household"] = {"hh_size": "2", "hh_adults": "2", "hh_area": "2"}
    forms["hh_assets"] = {"hh_own_car": "2", "hh_own_moto": "2", "hh_own_bike": "2"}
    victim(forms, "hv", "burg", "1")
    victim(forms, "pv", "rob", "2")
    forms["incidents/1"] = incident_form(inc_time="4", inc_loss_value="20000")
    forms["incidents/2"] = incident_form(inc_reported="2")
    forms["incidents/3"] = incident_form(
        inc_rob_done="2", inc_weapon="2", inc_injured="2", inc_reported="-8", inc_offenders="-8"
    )
    forms["institutions"]["know_army"] = "2"
    forms["bribery"] = {
        "brib_contact": ["1", "2"],
        "brib_asked": "1",
        "brib_paid": "1",
        "brib_paid_to": ["2"],
    }
    interview = new_interview(instrument, "en")
    return interview, walk(interview, forms)


def refuser(instrument: Instrument) -> tuple[Interview, list[str]]:
    """A victim of a sexual offence who refuses the count and every sensitive detail."""
    forms = base_forms()
    forms["pv_assault"] = {"pv_assault_5y": "-9"}
    forms["pv_sex"] = {"pv_sex_5y": "1", "pv_sex_12m": "1", "pv_sex_n": "-9"}
    forms["pv_extort"] = {"pv_extort_5y": "1", "pv_extort_12m": "-9"}
    forms["pv_kidnap"] = {"pv_kidnap_5y": "-9"}
    forms["incidents/1"] = {
        "inc_month": "-8",
        "inc_place": "-8",
        "inc_time": "-8",
        "inc_offenders": "-9",
        "inc_offender_known": "-9",
        "inc_weapon": "-9",
        "inc_weapon_type": "1",
        "inc_injured": "-9",
        "inc_medical": "1",
        "inc_reported": "-9",
        "inc_file": "1",
        "inc_offender_age": "-9",
    }
    forms["per_safety"]["per_dark"] = "-9"
    forms["protection"] = {"prot_measures": ["-8"], "prot_cost": "300"}
    forms["participation"] = {
        "part_meeting": "-9",
        "part_joint": "-9",
        "part_trust_localgov": "-8",
    }
    forms["institutions"].update(know_pros="2", know_judge="2")
    forms["avoidance"] = {
        f"avoid_{x}": "-9"
        for x in ("night", "children", "transport", "weapon", "routes", "valuables", "visits")
    }
    forms["bribery"] = {
        "brib_contact": ["3"],
        "brib_asked": "-9",
        "brib_paid": "-9",
        "brib_paid_to": ["3"],
    }
    interview = new_interview(instrument, "fr")
    return interview, walk(interview, forms)


TOUR_COUNTS = {
    "car": "1",
    "vpart": "2",
    "vand": "1",
    "moto": "1",
    "bike": "1",
    "burg": "2",
    "aburg": "1",
    "rob": "1",
    "theft": "7",
    "assault": "1",
    "threat": "1",
    "sex": "1",
    "fraud": "-8",
    "extort": "1",
    "kidnap": "1",
}


def every_crime(instrument: Instrument) -> tuple[Interview, list[str]]:
    """A victim of every crime type: incident modules capped at 3 per type."""
    forms = base_forms()
    forms["household"] = {"hh_size": "4", "hh_adults": "4", "hh_area": "1"}
    forms["hh_assets"] = {"hh_own_car": "1", "hh_own_moto": "1", "hh_own_bike": "1"}
    for stem in HH_STEMS:
        victim(forms, "hv", stem, TOUR_COUNTS[stem])
    for stem in PV_STEMS:
        victim(forms, "pv", stem, TOUR_COUNTS[stem])
    for position in range(1, 20):
        # Alternate reported / not reported so both branches run for every crime type.
        reported = "1" if position % 2 else "2"
        forms[f"incidents/{position}"] = incident_form(inc_reported=reported)
    forms["institutions"] = {
        "know_police": "2",
        "know_pros": "2",
        "know_judge": "2",
        "know_army": "2",
        "corr_police": "-8",
        "corr_officials": "3",
    }
    forms["media"] = {"media_freq": "-8"}
    forms["protection"] = {"prot_measures": ["2", "3", "4", "6", "7"], "prot_cost": "-8"}
    forms["bribery"] = {"brib_contact": ["5", "10"], "brib_asked": "2", "brib_paid": "2"}
    interview = new_interview(instrument, "pt")
    return interview, walk(interview, forms)


SCENARIOS: tuple[Callable[[Instrument], tuple[Interview, list[str]]], ...] = (
    non_victim,
    three_crimes,
    refuser,
    every_crime,
)


def test_non_victim_sees_no_incident_pages(instrument: Instrument) -> None:
    interview, shown = non_victim(instrument)
    assert not any(page.startswith("incidents") for page in shown)
    assert "hv_moto" not in shown  # no motorcycle in the household
    assert {"hv_car", "hv_vpart", "hv_vand", "hv_bike"} <= set(shown)
    answers = interview.answers
    assert answers["n_incidents"] == 0
    assert "incident" not in answers
    assert answers["hv_bike_12m"] == 2
    assert "hv_bike_n" not in answers  # typed, but the item was skipped
    assert answers["hv_aburg_5y"] == -8 and "hv_aburg_12m" not in answers
    assert answers["pv_fraud_12m"] == -8 and answers["n_inc_fraud"] == 0
    assert answers["avoid_children"] == 2  # three people, two adults: there are minors
    assert answers["brib_contact"] == [0] and answers["brib_any_contact"] == 0
    assert "brib_asked" not in answers and "brib_paid" not in answers
    assert answers["per_safe_state"] == 4
    assert answers["media_freq"] == 5 and not {"media_channels", "media_where"} & set(answers)
    assert answers["youth_share"] == -8 and answers["youth_trend"] == 2
    assert answers["prot_measures"] == [0] and answers["prot_any"] == 0
    assert "prot_cost" not in answers  # typed, but nothing was taken


def test_victim_of_three_crimes_gets_three_titled_incident_pages(instrument: Instrument) -> None:
    interview, shown = three_crimes(instrument)
    assert [page for page in shown if page.startswith("incidents")] == [
        "incidents/1",
        "incidents/2",
        "incidents/3",
    ]
    assert not {"hv_car", "hv_vpart", "hv_vand", "hv_moto", "hv_bike"} & set(shown)
    titles = [interview.page(f"incidents/{n}").title for n in (1, 2, 3)]
    assert titles == [
        "Incident 1 of 3: Burglary",
        "Incident 2 of 3: Robbery",
        "Incident 3 of 3: Robbery",
    ]
    spanish = new_interview(instrument, "es", interview.answers)
    assert spanish.page("incidents/2").title == "Incidente 2 de 3: Robo con violencia"
    french = new_interview(instrument, "fr", interview.answers)
    assert french.page("incidents/1").title == "Incident 1 sur 3\u00a0: Cambriolage"

    answers = interview.answers
    assert answers["n_inc_burg"] == 1 and answers["n_inc_rob"] == 2
    assert answers["cum_inc_burg"] == 1 and answers["cum_inc_rob"] == 3
    assert answers["n_incidents"] == 3
    burglary, robbery, attempt = answers["incident"]
    assert [i["inc_crime"] for i in answers["incident"]] == [6, 11, 11]
    assert [i["inc_pos"] for i in answers["incident"]] == [1, 2, 3]
    # Burglary: no place (it is the home), no weapon or injury; loss; reported with follow-ups.
    assert set(burglary) == {
        "inc_pos",
        "inc_crime",
        "inc_month",
        "inc_time",
        "inc_loss_value",
        "inc_reported",
        "inc_report_to",
        "inc_file",
        "inc_satisfied",
    }
    assert burglary["inc_loss_value"] == 20000 and burglary["inc_report_to"] == [1, 2]
    # Completed robbery, not reported: weapon, injury, loss and reasons (decimal comma read).
    assert robbery["inc_weapon_type"] == 2 and robbery["inc_medical"] == 2
    assert robbery["inc_loss_value"] == pytest.approx(1500.5)
    assert robbery["inc_noreport"] == [11, 14, 21]
    assert "inc_file" not in robbery and "inc_satisfied" not in robbery
    # Attempted robbery: nothing taken, so no loss; no weapon type; unknown reporting.
    assert attempt["inc_rob_done"] == 2 and "inc_loss_value" not in attempt
    assert "inc_weapon_type" not in attempt and "inc_medical" not in attempt
    assert attempt["inc_reported"] == -8
    assert not {"inc_report_to", "inc_file", "inc_noreport"} & set(attempt)
    # Household without minors; army unknown so not rated; bribe paid to traffic police.
    assert "avoid_children" not in answers
    assert "trust_army" not in answers and answers["trust_police"] == 2
    assert answers["brib_any_contact"] == 1
    assert (answers["brib_asked"], answers["brib_paid"], answers["brib_paid_to"]) == (1, 1, [2])
    # The new modules: offenders' age in each robbery, measures with their cost.
    assert robbery["inc_offender_age"] == 2 and attempt["inc_offender_age"] == 2
    assert answers["media_channels"] == [1, 5, 6] and answers["youth_share"] == 7
    assert answers["dis_drinking"] == 1 and answers["nbhd_sat_life"] == -8
    assert (answers["prot_measures"], answers["prot_any"], answers["prot_cost"]) == (
        [1, 5],
        1,
        2500,
    )
    assert (answers["part_meeting"], answers["part_joint"]) == (1, 2)


def test_incident_page_shows_the_questions_of_its_crime_before_it_is_answered(
    instrument: Instrument,
) -> None:
    done, _ = three_crimes(instrument)
    answers = done.answers
    del answers["incident"]
    interview = new_interview(instrument, "es", answers)
    page = interview.page("incidents/1")
    assert page.title == "Incidente 1 de 3: Robo en la vivienda"
    relevant = {view.code for view in page.items if view.relevant}
    assert "inc_place" not in relevant and "inc_loss_value" in relevant


def test_refusals_are_accepted_and_skip_their_follow_ups(instrument: Instrument) -> None:
    interview, shown = refuser(instrument)
    answers = interview.answers
    assert answers["pv_assault_5y"] == -9 and "pv_assault_12m" not in answers
    assert answers["pv_sex_n"] == -9
    assert answers["n_inc_sex"] == 1  # a "yes" with a refused count still gets one module
    assert answers["pv_extort_12m"] == -9 and answers["n_inc_extort"] == 0
    assert answers["n_incidents"] == 1
    assert [page for page in shown if page.startswith("incidents")] == ["incidents/1"]
    assert interview.page("incidents/1").title == "Incident 1 sur 1\u00a0: Infraction sexuelle"
    (incident,) = answers["incident"]
    assert incident["inc_crime"] == 15
    assert incident["inc_month"] == -8 and incident["inc_offenders"] == -9
    assert incident["inc_weapon"] == -9 and "inc_weapon_type" not in incident
    assert incident["inc_injured"] == -9 and "inc_medical" not in incident
    assert incident["inc_reported"] == -9 and "inc_file" not in incident
    assert "inc_loss_value" not in incident and "inc_rob_done" not in incident
    assert answers["per_dark"] == -9 and answers["avoid_weapon"] == -9
    assert answers["brib_any_contact"] == 1
    assert answers["brib_asked"] == -9 and answers["brib_paid"] == -9
    assert "brib_paid_to" not in answers
    assert incident["inc_offender_age"] == -9
    assert answers["prot_measures"] == [-8] and answers["prot_any"] == 0
    assert "prot_cost" not in answers
    assert (answers["part_meeting"], answers["part_joint"]) == (-9, -9)


# Incident questions asked for each crime type (questionnaires/docs/naming.md), given
# the answers of incident_form(): weapon yes, injured yes, robbery completed.
ALWAYS = {"inc_pos", "inc_crime", "inc_month", "inc_reported"}
EXPECTED_BY_CRIME = {
    1: {"inc_place", "inc_time", "inc_loss_value"},
    2: {"inc_place", "inc_time", "inc_loss_value"},
    3: {"inc_place", "inc_time", "inc_loss_value"},
    4: {"inc_place", "inc_time", "inc_loss_value"},
    5: {"inc_place", "inc_time", "inc_loss_value"},
    6: {"inc_time", "inc_loss_value"},
    7: {"inc_time"},
    11: {
        "inc_place",
        "inc_time",
        "inc_offenders",
        "inc_offender_age",
        "inc_weapon",
        "inc_weapon_type",
        "inc_rob_done",
        "inc_injured",
        "inc_medical",
        "inc_loss_value",
    },
    12: {"inc_place", "inc_time", "inc_loss_value"},
    13: {
        "inc_place",
        "inc_time",
        "inc_offenders",
        "inc_offender_age",
        "inc_offender_known",
        "inc_weapon",
        "inc_weapon_type",
        "inc_injured",
        "inc_medical",
    },
    14: {
        "inc_place",
        "inc_time",
        "inc_offenders",
        "inc_offender_age",
        "inc_offender_known",
        "inc_weapon",
        "inc_weapon_type",
    },
    15: {
        "inc_place",
        "inc_time",
        "inc_offenders",
        "inc_offender_age",
        "inc_offender_known",
        "inc_weapon",
        "inc_weapon_type",
        "inc_injured",
        "inc_medical",
    },
    16: {"inc_place", "inc_loss_value"},
    17: {"inc_place", "inc_time", "inc_loss_value"},
    18: {
        "inc_place",
        "inc_time",
        "inc_offenders",
        "inc_offender_age",
        "inc_offender_known",
        "inc_weapon",
        "inc_weapon_type",
        "inc_injured",
        "inc_medical",
    },
}


def test_every_crime_type_gets_capped_modules_with_its_own_questions(
    instrument: Instrument,
) -> None:
    interview, shown = every_crime(instrument)
    answers = interview.answers
    cap = 3
    expected_crimes: list[int] = []
    for stem in HH_STEMS + PV_STEMS:
        count = TOUR_COUNTS[stem]
        n = 1 if count.startswith("-") else min(int(count), cap)
        assert answers[f"n_inc_{stem}"] == n, stem
        expected_crimes += [CRIME_CODE[stem]] * n
    assert answers["n_incidents"] == len(expected_crimes) == 19
    assert [i["inc_crime"] for i in answers["incident"]] == expected_crimes
    assert [page for page in shown if page.startswith("incidents")] == [
        f"incidents/{n}" for n in range(1, 20)
    ]
    assert interview.page("incidents/11").title == "Ocorrência 11 de 19: Furto de objetos pessoais"
    for instance in answers["incident"]:
        crime = instance["inc_crime"]
        reported = (
            {"inc_report_to", "inc_file", "inc_satisfied"}
            if instance["inc_reported"] == 1
            else {"inc_noreport"}
        )
        assert set(instance) == ALWAYS | EXPECTED_BY_CRIME[crime] | reported, instance
    # Nobody known: no trust or police performance questions.
    assert not any(code.startswith(("trust_", "perf_")) for code in answers)
    assert answers["brib_any_contact"] == 1 and "brib_paid_to" not in answers


def test_answers_document_reloads_to_the_same_state(instrument: Instrument) -> None:
    interview, shown = three_crimes(instrument)
    again = new_interview(instrument, "en", interview.answers)
    assert again.answers == interview.answers
    assert again.page_ids() == shown
    assert again.is_complete()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.__name__)
def test_answers_of_every_path_validate_as_a_tablet_document(
    instrument: Instrument, scenario: Callable[[Instrument], tuple[Interview, list[str]]]
) -> None:
    interview, _ = scenario(instrument)
    answers = interview.answers
    assert validate_answers(instrument, answers, today=TODAY, reference_period=PERIOD) == []
    # A tablet that skipped the funnel logic: a 12-month answer after "no" in five years.
    answers["hv_burg_5y"], answers["hv_burg_12m"] = 2, 1
    answers["hh_adults"] = answers["hh_size"] + 1
    problems = validate_answers(instrument, answers, today=TODAY, reference_period=PERIOD)
    assert {"hv_burg_12m", "hh_adults"} <= {str(problem.path) for problem in problems}


# --- validation messages in the interview language ----------------------------------


def message_of(instrument: Instrument, code: str, language: str) -> str:
    text: dict[str, str] | None = getattr(instrument.item(code), "constraint_message", None)
    assert text is not None
    return text[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_more_adults_than_people_is_refused_in_the_interview_language(
    instrument: Instrument, language: str
) -> None:
    interview = new_interview(instrument, language)
    errors = interview.apply_page("household", {"hh_size": "3", "hh_adults": "4", "hh_area": "1"})
    assert [(e.code, e.message) for e in errors] == [
        ("hh_adults", message_of(instrument, "hh_adults", language))
    ]
    assert "hh_size" not in interview.answers  # nothing stored from a page with errors
    assert (
        interview.apply_page("household", {"hh_size": "3", "hh_adults": "3", "hh_area": "1"}) == []
    )


def test_constraint_messages(instrument: Instrument) -> None:
    interview = new_interview(instrument, "pt")
    form = {
        "dem_sex": "1",
        "dem_age": "17",
        "dem_educ": "3",
        "dem_employ": "4",
        "dem_years_nbhd": "2",
    }
    errors = interview.apply_page("respondent", form)
    assert [(e.code, e.message) for e in errors] == [
        (
            "dem_age",
            "A pesquisa é apenas para pessoas de 18 anos ou mais. Se você tem menos de "
            "18 anos, peça à pessoa adulta selecionada que responda.",
        )
    ]

    interview = new_interview(instrument, "en")
    errors = interview.apply_page("respondent", {**form, "dem_age": "30", "dem_years_nbhd": "40"})
    assert [(e.code, e.message) for e in errors] == [
        ("dem_years_nbhd", message_of(instrument, "dem_years_nbhd", "en"))
    ]
    # Special answers skip constraints.
    assert (
        interview.apply_page("respondent", {**form, "dem_age": "30", "dem_years_nbhd": "-8"}) == []
    )

    interview = new_interview(instrument, "es")
    errors = interview.apply_page("bribery", {"brib_contact": ["0", "4"]})
    assert [(e.code, e.message) for e in errors] == [
        ("brib_contact", "«Ninguno» no puede elegirse junto con otra opción.")
    ]
    errors = interview.apply_page("protection", {"prot_measures": ["0", "5"]})
    assert [(e.code, e.message) for e in errors] == [
        ("prot_measures", "«Ninguna» no puede elegirse junto con otra opción.")
    ]
    errors = interview.apply_page(
        "bribery",
        {"brib_contact": ["4"], "brib_asked": "2", "brib_paid": "1", "brib_paid_to": ["0"]},
    )
    assert [(e.code, e.message) for e in errors] == [
        ("brib_paid_to", message_of(instrument, "brib_paid_to", "es"))
    ]

    interview = new_interview(instrument, "fr")
    for value in ("0", "51"):
        errors = interview.apply_page(
            "hv_burg", {"hv_burg_5y": "1", "hv_burg_12m": "1", "hv_burg_n": value}
        )
        assert [e.code for e in errors] == ["hv_burg_n"]
        assert errors[0].message == "Saisissez un nombre entre 1 et 50."
    errors = interview.apply_page("hv_burg", {"hv_burg_5y": "1", "hv_burg_12m": "1"})
    assert [e.code for e in errors] == ["hv_burg_n"]  # required once the funnel says yes


def test_incident_month_must_fall_in_the_reference_period(instrument: Instrument) -> None:
    done, _ = three_crimes(instrument)
    interview = new_interview(instrument, "es", done.answers)
    errors = interview.apply_page("incidents/1", incident_form(inc_month="2023-12"))
    assert [(e.code, e.message) for e in errors] == [
        ("inc_month", "El mes debe estar entre 2024-03 y 2025-02.")
    ]


def test_inconsistent_screener_answers_are_not_stored(instrument: Instrument) -> None:
    interview = new_interview(instrument, "es")
    assert (
        interview.apply_page("hv_burg", {"hv_burg_5y": "2", "hv_burg_12m": "1", "hv_burg_n": "3"})
        == []
    )
    answers = interview.answers
    assert answers["hv_burg_5y"] == 2
    assert "hv_burg_12m" not in answers and "hv_burg_n" not in answers


# --- every expression exercised ---------------------------------------------------------


def instrument_expressions(instrument: Instrument) -> dict[str, set[str]]:
    """Expression texts by role: 'condition' (relevance, constraint) or 'value'."""
    found: dict[str, set[str]] = {"condition": set(), "value": set()}
    for section in instrument.sections:
        if section.relevant:
            found["condition"].add(section.relevant)
    for item in instrument.items():
        for key in ("relevant", "constraint"):
            text = getattr(item, key, None)
            if text:
                found["condition"].add(text)
        if isinstance(item, CalculateItem):
            found["value"].add(item.calculation)
        if isinstance(item, RepeatItem) and isinstance(item.count, str):
            found["value"].add(item.count)
        assert not isinstance(item, GridItem | NoteItem) or not getattr(item, "constraint", None)
    return found


def forget_conditions(instrument: Instrument) -> None:
    """Drop the relevance functions the plan compiled (they are built again on first use)."""
    for section in plan_for(instrument).sections:
        for part in (section, *section.units, *section.fields):
            for name in ("applies", "asked"):
                vars(part).pop(name, None)


@contextmanager
def recording(
    monkeypatch: pytest.MonkeyPatch, instrument: Instrument
) -> Iterator[dict[str, set[bool]]]:
    """Record every expression the engine evaluates and the truth of each result: values
    through ``evaluate``, relevance through the conditions the plan compiles."""
    seen: dict[str, set[bool]] = defaultdict(set)
    modules = (engine_interview, engine_state, engine_context, engine_values)
    originals = {module: module.evaluate for module in modules}

    def spy(original: Callable[..., Any]) -> Callable[..., Any]:
        def evaluate(expression: Any, context: Any) -> Any:
            result = original(expression, context)
            seen[expression.source].add(to_boolean(result))
            return result

        return evaluate

    def spy_condition(expressions: tuple[Expression, ...]) -> Callable[[EvalContext], bool]:
        def holds(context: EvalContext) -> bool:
            for expression in expressions:
                truth = to_boolean(expression.evaluate(context))
                seen[expression.source].add(truth)
                if not truth:
                    return False
            return True

        return holds

    for module, original in originals.items():
        monkeypatch.setattr(module, "evaluate", spy(original))
    monkeypatch.setattr(engine_plan, "condition", spy_condition)
    forget_conditions(instrument)
    try:
        yield seen
    finally:
        forget_conditions(instrument)  # the spies stay out of later tests


def test_every_expression_is_exercised_by_the_paths(
    instrument: Instrument, monkeypatch: pytest.MonkeyPatch
) -> None:
    expressions = instrument_expressions(instrument)
    with recording(monkeypatch, instrument) as seen:
        for scenario in SCENARIOS:
            scenario(instrument)
        test_constraint_messages(instrument)
        test_more_adults_than_people_is_refused_in_the_interview_language(instrument, "es")
    never = sorted(text for kind in expressions.values() for text in kind if text not in seen)
    assert never == []
    one_sided = sorted(
        (text, sorted(seen[text])) for text in expressions["condition"] if len(seen[text]) < 2
    )
    assert one_sided == [], "\n".join(map(str, one_sided))
