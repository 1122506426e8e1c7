"""Households held outside their interviewer's area: the assignment rule (6f7deed) refuses
new ones, but households given before the rule, or before the interviewer's area changed,
stayed assigned silently. The wave's assignment page lists them and changing an
interviewer's area says how many are left outside, so that a manager can act."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from surveyapp.extensions import db
from surveyapp.models import Area, Role, SampleUnit, User, Wave, WaveStatus
from surveyapp.services.outside_area import assigned_outside_area
from surveyapp.services.users import set_area

from .conftest import Field
from .test_manage import _reassign, _with_areas


def _area_id(field: Field, code: str) -> int:
    with field.app.app_context():
        found = db.session.scalar(sa.select(Area.id).where(Area.code == code))
        assert found is not None
        return found


def _limit(field: Field, user: User, code: str) -> None:
    with field.app.app_context():
        row = db.session.get(User, user.id)
        assert row is not None
        set_area(db.session, row, db.session.get(Area, _area_id(field, code)))
        db.session.commit()


def _outside_section(page: str) -> str:
    start = page.find('id="outside-area"')
    return "" if start < 0 else page[start : page.index("</section>", start)]


def test_changing_an_interviewers_area_says_which_households_stay_outside_it(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    # H1 (Norte) is Ana's; her area becomes Sur: H1 stays hers, and nobody was told.
    _with_areas(field)
    admin = field.app.test_client()
    login(admin, make_user(Role.administrator))
    ana = field.interviewer
    sur = _area_id(field, "002")
    response = admin.post(
        f"/manage/users/{ana.id}/area?lang=en", data={f"s{ana.id}-area": sur}, follow_redirects=True
    )
    page = html.unescape(response.get_data(as_text=True))
    assert (
        f"1 household assigned to Ana Entrevistadora lies outside their new area "
        f"(wave: {field.wave.name})." in page
    )
    spanish = admin.post(
        f"/manage/users/{ana.id}/area?lang=es", data={f"s{ana.id}-area": sur}, follow_redirects=True
    )
    assert "1 hogar asignado a Ana Entrevistadora queda fuera de su nueva área" in html.unescape(
        spanish.get_data(as_text=True)
    )
    # Back to no limit: nothing is outside, nothing said.
    freed = admin.post(
        f"/manage/users/{ana.id}/area", data={f"s{ana.id}-area": 0}, follow_redirects=True
    )
    assert "outside their new area" not in html.unescape(freed.get_data(as_text=True))


def test_the_assignment_page_lists_households_outside_their_interviewers_area(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    _with_areas(field)
    _limit(field, field.interviewer, "002")  # Ana: Sur only, still holding Norte's H1
    manager = field.app.test_client()
    login(manager, make_user(Role.survey_manager))
    url = f"/manage/waves/{field.wave.id}/assign"
    section = _outside_section(html.unescape(manager.get(url + "?lang=en").text))
    assert "Households outside their interviewer's area" in section
    assert "1 assigned household lies outside the area its interviewer works in" in section
    assert (
        f"<tr><td>H1</td><td>DM/01/001 – Norte</td><td>Ana Entrevistadora "
        f"({field.interviewer.email})</td><td>DM/01/002 – Sur</td></tr>"
    ) in section
    assert "H3" not in section  # the other interviewer has no area: anywhere is theirs
    french = _outside_section(html.unescape(manager.get(url + "?lang=fr").text))
    assert "Ménages hors de la zone de leur enquêteur" in french
    assert "travaille son enquêteur\u00a0: il a été attribué" in french

    # A manager limited to Sur does not see Norte's households (nor this one).
    sur_manager = make_user(Role.survey_manager)
    _limit(field, sur_manager, "002")
    limited = field.app.test_client()
    login(limited, sur_manager)
    assert _outside_section(limited.get(url).text) == ""

    # Reassigned to the other interviewer (no area), it is no longer listed.
    assert _reassign(manager, field, "H1", field.other).status_code == 302
    assert _outside_section(manager.get(url).text) == ""


def test_households_without_an_area_and_closed_waves(
    field: Field, make_user: Callable[..., User]
) -> None:
    """A household with no area, held by someone limited to an area, is outside it; the
    area-change check (no wave given) leaves closed waves out."""
    _with_areas(field)
    _limit(field, field.other, "002")  # the other holds H3 (Sur): inside
    with field.app.app_context():
        h3 = db.session.scalar(
            sa.select(SampleUnit).where(
                SampleUnit.wave_id == field.wave.id, SampleUnit.external_id == "H3"
            )
        )
        other = db.session.get(User, field.other.id)
        wave = db.session.get(Wave, field.wave.id)
        assert h3 is not None and other is not None and wave is not None
        assert assigned_outside_area(db.session, wave=wave, holder=other) == []
        h3.area_id = None
        db.session.commit()
        found = assigned_outside_area(db.session, wave=wave, holder=other)
        assert [(r.unit.external_id, r.holder.id) for r in found] == [("H3", other.id)]
        assert len(assigned_outside_area(db.session, holder=other)) == 1
        wave.status = WaveStatus.closed
        db.session.commit()
        assert assigned_outside_area(db.session, holder=other) == []
        assert len(assigned_outside_area(db.session, wave=wave, holder=other)) == 1
