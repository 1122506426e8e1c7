"""Response rates per area, checked by hand against the AAPOR formulas."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from surveyapp.models import AreaLevel, Mode, SampleUnit, SampleUnitStatus, Wave
from surveyapp.services.areas import create_area
from surveyapp.services.interviews import complete_interview, save_answers, start_interview
from surveyapp.services.response import response_by_area
from surveyapp.services.sample import import_sample_units


def test_rates_per_area(session: Session, wave: Wave) -> None:
    mx = create_area(session, level=AreaLevel.country, code="MX", name="México")
    a = create_area(session, level=AreaLevel.region, code="A", name="Alfa", parent=mx)
    b = create_area(session, level=AreaLevel.region, code="B", name="Beta", parent=mx)
    rows = (
        "".join(f"A{i},A\n" for i in range(10)) + "".join(f"B{i},B\n" for i in range(4)) + "X1,\n"
    )
    assert import_sample_units(session, wave, "external_id,area_code\n" + rows).ok
    units = {u.external_id: u for u in session.scalars(sa.select(SampleUnit))}
    # Alfa: 4 complete, 2 partial, 1 refused, 1 noncontact, 1 ineligible, 1 never reached.
    for key in ("A0", "A1", "A2", "A3"):
        units[key].status = SampleUnitStatus.completed
    units["A4"].status = units["A5"].status = SampleUnitStatus.partial
    units["A6"].status = SampleUnitStatus.refused
    units["A7"].status = SampleUnitStatus.noncontact
    units["A8"].status = SampleUnitStatus.ineligible
    units["B0"].status = SampleUnitStatus.completed
    # Open-link interviews: one complete, one with answers.
    done = start_interview(session, wave, mode=Mode.web, language="es")
    save_answers(session, done, {"rob_yn": 2})
    complete_interview(session, done)
    save_answers(
        session, start_interview(session, wave, mode=Mode.web, language="es"), {"rob_yn": 1}
    )
    session.flush()

    result = response_by_area(session, wave)
    by_label = {c.label: c for c in result.areas}
    alfa = by_label["Alfa (A)"]
    assert (
        alfa.complete,
        alfa.partial,
        alfa.refused,
        alfa.noncontact,
        alfa.ineligible,
        alfa.unknown,
    ) == (4, 2, 1, 1, 1, 1)
    assert alfa.rr1 == pytest.approx(4 / 9) and alfa.rr2 == pytest.approx(6 / 9)
    beta = by_label["Beta (B)"]
    assert beta.rr1 == pytest.approx(1 / 4)
    assert by_label["No area given"].unknown == 1
    assert [c.label for c in result.areas][-1] == "No area given"
    assert result.total.units == 15 and result.total.rr1 == pytest.approx(5 / 14)
    assert (result.open_link_complete, result.open_link_partial) == (1, 1)
    assert b.id in {c.area_id for c in result.areas} and a.id in {c.area_id for c in result.areas}


def test_covered_areas_count_the_units_within_them_and_the_total_counts_each_once(
    session: Session, wave: Wave
) -> None:
    mx = create_area(session, level=AreaLevel.country, code="MX", name="México")
    nl = create_area(session, level=AreaLevel.region, code="19", name="Nuevo León", parent=mx)
    mty = create_area(
        session, level=AreaLevel.municipality, code="039", name="Monterrey", parent=nl
    )
    create_area(session, level=AreaLevel.municipality, code="026", name="Guadalupe", parent=nl)
    wave.areas = [mx, nl]
    rows = "R1,19\nM1,039\nM2,039\nG1,026\n"
    assert import_sample_units(session, wave, "external_id,area_code\n" + rows).ok
    for unit in session.scalars(sa.select(SampleUnit).where(SampleUnit.external_id != "G1")):
        unit.status = SampleUnitStatus.completed
    session.flush()

    result = response_by_area(session, wave)
    assert [(c.label, c.units, c.complete, c.within) for c in result.areas] == [
        ("México (MX)", 4, 3, True),
        ("Nuevo León (19)", 4, 3, True),  # its own unit R1 and those of its municipalities
        ("Guadalupe (026)", 1, 0, False),
        ("Monterrey (039)", 2, 2, False),
    ]
    assert (result.total.units, result.total.complete) == (4, 3)
    # A user limited to Monterrey: its units only, the covered areas outside its scope not shown.
    limited = response_by_area(session, wave, within={mty.id})
    assert [(c.label, c.units) for c in limited.areas] == [("Monterrey (039)", 2)]
    assert limited.total.units == 2
