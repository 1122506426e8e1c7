"""The quality-control dashboard: dispositions, AAPOR rates worked out by hand, and the flags."""

from __future__ import annotations

import datetime as dt
import html
import re
import uuid
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from surveyapp.extensions import db
from surveyapp.models import (
    Disposition,
    Interview,
    InterviewStatus,
    Mode,
    ReviewStatus,
    Role,
    SampleUnit,
    User,
    Wave,
)
from surveyapp.services.dashboard import dashboard
from surveyapp.services.sample import import_sample_units

from .conftest import Field
from .test_supervision_api import ATTEMPT, ATTEMPT_2, attempt

THIRD = "7d4a0e3c-2f5b-4a8c-8d9e-1f2a3b4c5d6e"


def _by_name(rows: list[Any], name: str) -> Any:
    return next(r for r in rows if r.name == name)


def test_dispositions_rates_and_days_are_what_the_rules_say(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    with field.app.app_context():
        wave = db.session.get(Wave, field.wave.id)
        assert wave is not None
        import_sample_units(db.session, wave, "external_id\nH5\n")
        h5 = db.session.scalar(sa.select(SampleUnit).where(SampleUnit.external_id == "H5"))
        assert h5 is not None
        h5.assigned_to_id = field.interviewer.id  # released, never visited: 3.x
        db.session.commit()
    # H1: complete. H2: no contact on the 5th, refusal on the 6th. H3 (the other interviewer):
    # not eligible. H4: nobody's, never worked: not released, not counted.
    assert field.put().status_code == 201
    assert attempt(field, ATTEMPT, sample_unit_id=field.units["H2"]).status_code == 201
    refusal = attempt(
        field,
        ATTEMPT_2,
        sample_unit_id=field.units["H2"],
        outcome="refusal",
        attempted_at="2025-12-06T11:00:00-05:00",
    )
    assert refusal.status_code == 201
    vacant = attempt(
        field,
        THIRD,
        token=field.other_token,
        sample_unit_id=field.units["H3"],
        outcome="not_eligible",
        attempted_at="2025-12-06T12:00:00-05:00",
    )
    assert vacant.status_code == 201
    with field.app.app_context():
        wave = db.session.get(Wave, field.wave.id)
        assert wave is not None
        board = dashboard(db.session, wave, within=None)
    total = board.wave
    # I=1, R=1, NE=1, U=1 (H5). e = eligible / (eligible + NE) = 2 / 3.
    assert (total.counts.complete, total.counts.refusal, total.counts.not_eligible) == (1, 1, 1)
    assert (total.counts.unknown, total.counts.total) == (1, 4)
    assert total.rates.e == pytest.approx(2 / 3)
    assert total.rates.rr1 == pytest.approx(1 / 3)  # 1 / (1 + 1 + 1)
    assert total.rates.rr3 == pytest.approx(1 / (2 + 2 / 3))  # 0.375
    assert total.rates.coop1 == pytest.approx(1 / 2)  # 1 / (1 + 1)
    assert total.rates.con1 == pytest.approx(2 / 3)  # (1 + 1) / (2 + 0 + 1)
    ana = _by_name(board.interviewers, "Ana Entrevistadora")
    # H1, H2, H5: I=1, R=1, U=1; e = 2 / 2 = 1, RR1 = RR3 = 1/3.
    assert (ana.counts.complete, ana.counts.refusal, ana.counts.unknown) == (1, 1, 1)
    assert ana.rates.rr1 == pytest.approx(1 / 3) and ana.rates.rr3 == pytest.approx(1 / 3)
    assert ana.interviews == 1
    assert board.days == [
        (dt.date(2025, 12, 5), 0, 0, 0, 1),
        (dt.date(2025, 12, 6), 1, 0, 1, 0),
    ]
    client = field.app.test_client()
    login(client, make_user(Role.supervisor))
    page = client.get(f"/fieldwork/waves/{field.wave.id}/quality").get_data(as_text=True)
    assert "Ana Entrevistadora" in page and "33.3%" in page and "37.5%" in page
    assert "e = 66.7%" in page


def _interviews(
    session: Any, wave: Wave, unit: SampleUnit, who: User, n: int, **columns: Any
) -> list[str]:
    made = []
    for _ in range(n):
        interview = Interview(
            uuid=str(uuid.uuid4()),
            wave_id=wave.id,
            sample_unit_id=unit.id,
            instrument_version_id=wave.instrument_version_id,
            mode=Mode.tablet,
            status=InterviewStatus.completed,
            disposition=int(Disposition.complete),
            language="es",
            interviewer_id=who.id,
            revision=1,
            review_status=ReviewStatus.received,
            **columns,
        )
        session.add(interview)
        made.append(interview.uuid)
    session.flush()
    return made


def _flagged(
    session: Any, wave: Wave, make_user: Callable[..., User]
) -> tuple[list[str], list[str], list[str]]:
    """Atajo's and Cuidadosa's interviews, each flagged; the third list is Cuidadosa's short,
    night-time, redrawn one."""
    shortcut = session.get(User, make_user(Role.interviewer, name="Atajo").id)
    careful = session.get(User, make_user(Role.interviewer, name="Cuidadosa").id)
    import_sample_units(session, wave, "external_id\nU1\nU2\n")
    u1, u2 = session.scalars(sa.select(SampleUnit).order_by(SampleUnit.external_id)).all()
    base = {
        "duration_seconds": 2400,
        "local_hour": 11,
        "items_answered": 50,
        "screeners_asked": 10,
        "selection_draws": 1,
    }
    # Atajo: 20 interviews, 20% don't know, 18 of 20 one-adult households, 3 screener "yes" in 10.
    atajo = _interviews(
        session,
        wave,
        u1,
        shortcut,
        18,
        items_dont_know=10,
        items_refused=0,
        eligible_adults=1,
        screeners_yes=3,
        **base,
    )
    atajo += _interviews(
        session,
        wave,
        u1,
        shortcut,
        2,
        items_dont_know=10,
        items_refused=0,
        eligible_adults=3,
        screeners_yes=3,
        **base,
    )
    # Cuidadosa: 40 interviews, 2% don't know, a quarter one-adult, no screener "yes" at all.
    cuidadosa = _interviews(
        session,
        wave,
        u2,
        careful,
        30,
        items_dont_know=1,
        items_refused=0,
        eligible_adults=2,
        screeners_yes=0,
        **base,
    )
    cuidadosa += _interviews(
        session,
        wave,
        u2,
        careful,
        10,
        items_dont_know=1,
        items_refused=0,
        eligible_adults=1,
        screeners_yes=0,
        **base,
    )
    short = _interviews(
        session,
        wave,
        u2,
        careful,
        1,
        items_dont_know=0,
        items_refused=0,
        eligible_adults=2,
        screeners_yes=0,
        **{
            **base,
            "duration_seconds": 180,
            "local_hour": 23,
            "selection_draws": 3,
            "household_mismatch": True,
        },
    )
    session.commit()
    return atajo, cuidadosa, short


def test_flags_point_at_the_interviews_behind_them(
    session: Any, wave: Wave, make_user: Callable[..., User]
) -> None:
    atajo, cuidadosa, short = _flagged(session, wave, make_user)
    board = dashboard(session, wave, within=None)
    flags = {(f.interviewer, f.kind): f for f in board.flags}
    assert set(flags) == {
        ("Atajo", "many don't know / refused answers"),
        ("Atajo", "households with one adult"),
        ("Cuidadosa", "few victimization screener \u201cyes\u201d"),
        ("Cuidadosa", "very short interviews"),
        ("Cuidadosa", "interviews started at night"),
        ("Cuidadosa", "selection drawn more than once"),
        ("Cuidadosa", "answers that disagree with the household list"),
    }
    assert sorted(flags[("Atajo", "many don't know / refused answers")].uuids) == sorted(atajo)
    assert flags[("Cuidadosa", "very short interviews")].uuids == short
    assert flags[("Cuidadosa", "selection drawn more than once")].uuids == short
    differs = flags[("Cuidadosa", "answers that disagree with the household list")]
    # With the interviewer's whole count (41: 40 and the short one), so the share shows.
    assert differs.uuids == short and differs.detail == "1 of 41 interviews"
    one_adult = flags[("Atajo", "households with one adult")]
    assert len(one_adult.uuids) == 18 and "90.0% of 20" in one_adult.detail
    assert set(flags[("Cuidadosa", "few victimization screener \u201cyes\u201d")].uuids) == set(
        cuidadosa + short
    )
    careful_row = _by_name(board.interviewers, "Cuidadosa")
    assert careful_row.median_minutes == pytest.approx(40.0) and careful_row.short_outliers == 1
    assert board.hours[11] == 60 and board.hours[23] == 1


def test_the_flags_and_the_estimate_of_e_are_said_in_the_staff_language(
    app: Flask,
    session: Any,
    wave: Wave,
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    _flagged(session, wave, make_user)
    client = app.test_client()
    assert login(client, make_user(Role.supervisor)).status_code == 302
    page = html.unescape(
        client.get(f"/fieldwork/waves/{wave.id}/quality?lang=es").get_data(as_text=True)
    )
    assert page.startswith('<!doctype html>\n<html lang="es">')
    for said in (
        "<strong>Atajo</strong>: hogares con un solo adulto – 90,0% de 20 frente a ",
        "muchas respuestas «no sabe» o «no responde» – ",
        "pocos «sí» en el filtro de victimización – ",
        "<strong>Cuidadosa</strong>: entrevistas muy cortas – 1 por debajo del rango",
        "entrevistas iniciadas de noche – 1 entre las 22:00 y las 7:00.",
        "selección sorteada más de una vez – hogares: 1.",
        "e = 100,0%: aún no se conoce la elegibilidad de ninguna unidad",
        '<td class="numeric">40,0</td>',  # a median in minutes, as Spanish writes it
    ):
        assert said in page, said
    assert '<span lang="en">' not in page
    for english in ("households with one adult", " of 20 against ", "the rest of the wave"):
        assert english not in page


def test_the_per_day_table_says_it_counts_visits_not_households(
    app: Flask, wave: Wave, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    """A household not found once and interviewed later showed 'Non-contact 2' per day beside
    'Non-contact 0' among the units above; nothing said the day table counts visits."""
    client = app.test_client()
    assert login(client, make_user(Role.supervisor)).status_code == 302
    page = html.unescape(
        client.get(f"/fieldwork/waves/{wave.id}/quality?lang=es").get_data(as_text=True)
    )
    assert "los rechazos y los no contactos cuentan visitas" in page


def test_french_percentages_on_the_dashboard_keep_a_no_break_space_before_the_sign(
    app: Flask,
    session: Any,
    wave: Wave,
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    # one language per test: the test's app context keeps g (the page language) across requests
    _flagged(session, wave, make_user)
    client = app.test_client()
    assert login(client, make_user(Role.supervisor)).status_code == 302
    french = html.unescape(
        client.get(f"/fieldwork/waves/{wave.id}/quality?lang=fr").get_data(as_text=True)
    )
    assert french.startswith('<!doctype html>\n<html lang="fr">')
    # in the flags, the note on e and the rate columns alike
    assert "90,0\u00a0% sur 20" in french and "e = 100,0\u00a0%" in french
    assert re.search(r'<td class="numeric">\d+,\d\u00a0%</td>', french)
    visible = re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>", "", french, flags=re.S)
    assert not re.search(r"\d ?%", visible)


@pytest.mark.parametrize(
    ("language", "fifth", "sixth"),
    [
        ("es", "5 de diciembre de 2025", "6 de diciembre de 2025"),
        ("fr", "5\u00a0décembre\u00a02025", "6\u00a0décembre\u00a02025"),
        ("en", "December 5, 2025", "December 6, 2025"),
    ],
)
def test_the_days_are_written_as_the_staff_language_writes_dates_not_iso(
    field: Field,
    make_user: Callable[..., User],
    login: Callable[..., Any],
    language: str,
    fifth: str,
    sixth: str,
) -> None:
    # the day table read "2025-12-05", which no reader of the four languages writes
    assert field.put().status_code == 201
    assert attempt(field, ATTEMPT, sample_unit_id=field.units["H2"]).status_code == 201
    client = field.app.test_client()
    login(client, make_user(Role.supervisor))
    page = html.unescape(
        client.get(f"/fieldwork/waves/{field.wave.id}/quality?lang={language}").get_data(
            as_text=True
        )
    )
    table = page[page.rindex("<table", 0, page.index('<th scope="row"><time')) :]
    table = table[: table.index("</table>")]
    assert '<time datetime="2025-12-05">' + fifth + "</time>" in table
    visible = re.sub(r"<[^>]+>", " ", table)
    assert sixth in visible
    assert not re.search(r"\d{4}-\d{2}-\d{2}", visible), visible
