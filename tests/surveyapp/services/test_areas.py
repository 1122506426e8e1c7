"""The area hierarchy."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from surveyapp.models import AreaLevel
from surveyapp.services.areas import AreaError, create_area, descendants


def test_levels_nest_and_codes_are_unique_per_parent(session: Session) -> None:
    mx = create_area(session, level=AreaLevel.country, code="MX", name="México")
    nl = create_area(session, level=AreaLevel.region, code="19", name="Nuevo León", parent=mx)
    mty = create_area(session, level=AreaLevel.municipality, code="039", name="Monterrey", parent=nl)
    jal = create_area(session, level=AreaLevel.region, code="14", name="Jalisco", parent=mx)
    # The same municipal code may exist in another state.
    create_area(session, level=AreaLevel.municipality, code="039", name="Guadalajara", parent=jal)
    with pytest.raises(AreaError) as info:
        create_area(session, level=AreaLevel.municipality, code="039", name="Again", parent=nl)
    assert info.value.field == "code"
    with pytest.raises(AreaError):
        create_area(session, level=AreaLevel.neighbourhood, code="1", name="Centro", parent=nl)
    with pytest.raises(AreaError):
        create_area(session, level=AreaLevel.country, code="MX", name="México")
    assert mty.ancestors() == [nl, mx]
    assert {a.name for a in descendants(session, mx)} == {"Nuevo León", "Monterrey", "Jalisco", "Guadalajara"}
