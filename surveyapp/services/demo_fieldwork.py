"""Tablet field work for the demonstration (``surveyapp demo``), so supervision has something
to show: the review list (``/fieldwork/waves/<id>/review``) and the quality page
(``/fieldwork/waves/<id>/quality``).

A second demo interviewer works the demo wave's households D-007 to D-016 (the first demo
interviewer's D-001 to D-003 stay untouched, for visitors to try the interviewer app). Their
work goes through the services a tablet's sync goes through, not into the tables directly:
visits through :func:`.attempts.record_attempt` (which refreshes each household's disposition),
interviews through :func:`.fieldwork.upload_interview` (answers checked by the questionnaire's
engine, household list and selection checked, quality figures stored), reviews through
:func:`.review.decide`. What the supervisor sees is what real sync produces:

- five completed interviews: one approved, one sent back with a comment, one sent back and
  corrected (resubmitted), two waiting (one of them far shorter than the others, which the
  quality page flags as a short outlier, and started at night, flagged too; another drew the
  selected adult twice);
- one interview broken off (a partial);
- refusals, visits with nobody home, and an appointment the household asked for.

Answers come from the synthetic-country simulation of the standard questionnaire
(:mod:`analysis.simulate`), their incident months moved into the demo wave's reference
period. Idempotent: once the second interviewer has any work in the wave, nothing is added,
so its dates stay those of the first run (the demo says so once its last appointment is past).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import uuid
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from questionnaires.model import CalculateItem, Instrument

from ..models import ContactAttempt, Interview, SampleUnit, User, Wave
from . import DBSession
from .attempts import parse_attempt, record_attempt
from .demo_data import json_plain, simulated_wave
from .fieldwork import assign_units, parse_upload, upload_interview
from .instruments import instrument_of
from .review import decide
from .selection import ADULT_AGE, Person, Sex, select_adult

#: The second demo interviewer's households (D-001 to D-006 are the demo's first ones).
FIRST_UNIT, LAST_UNIT = 7, 16
UNITS = [f"D-{i:03d}" for i in range(FIRST_UNIT, LAST_UNIT + 1)]
#: The demo field team's clock (UTC-5, as Bogotá or Lima).
DEVICE_TZ = dt.timezone(dt.timedelta(hours=-5))
_NAMESPACE = uuid.UUID("3c9a1f6e-7d42-4b8e-a1c5-5e0f2d7b9c31")
#: The only questionnaire whose answers the simulation writes.
INSTRUMENT = "vict_std"


@dataclasses.dataclass(frozen=True)
class DemoFieldwork:
    """What the demo's field work holds (added now, or found from an earlier run)."""

    created: bool
    interviews: int
    visits: int
    skipped: str | None = None  # why nothing was added, when the wave cannot take it
    # the latest day a household asked the interviewer to come back (None: no appointment);
    # the work is dated from the run that made it, so on later days it may be past
    last_appointment: dt.date | None = None


def _uuid(name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, name))


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _shift_months(answers: Any, start: dt.date, onto: dt.date) -> Any:
    """The answers with every month ("YYYY-MM") moved by the months from ``start`` to ``onto``."""
    months = (onto.year - start.year) * 12 + onto.month - start.month

    def shift(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: shift(v) for k, v in value.items()}
        if isinstance(value, list):
            return [shift(v) for v in value]
        if isinstance(value, str) and len(value) == 7 and value[4] == "-":
            year, month = int(value[:4]), int(value[5:])
            index = year * 12 + month - 1 + months
            return f"{index // 12:04d}-{index % 12 + 1:02d}"
        return value

    return shift(answers)


def _paradata(
    answers: Mapping[str, Any],
    instrument: Instrument,
    rng: random.Random,
    start: dt.datetime,
    *,
    speed: float = 1.0,
) -> dict[str, Any]:
    """Paradata as the interviewer app sends them (static/field/paradata.js): the time on each
    question and the pages in order; ``speed`` > 1 makes a hurried interview."""
    questions: dict[str, dict[str, Any]] = {}
    visits: list[dict[str, Any]] = []
    clock = start

    def asked(code: str) -> bool:
        try:
            return not isinstance(instrument.item(code), CalculateItem)
        except KeyError:
            return False

    def answer(path: str, page: str) -> None:
        nonlocal clock
        if not visits or visits[-1]["page"] != page:
            visits.append({"page": page, "at": _iso(clock), "ms": 0, "outcome": "next"})
        ms = int(rng.lognormvariate(8.9, 0.5) / speed)
        clock += dt.timedelta(milliseconds=ms)
        questions[path] = {"ms": ms, "changes": 0, "first": _iso(clock), "last": _iso(clock)}
        visits[-1]["ms"] += ms

    for code, value in answers.items():
        if isinstance(value, list) and value and isinstance(value[0], Mapping):
            for position, instance in enumerate(value, start=1):
                for inner in instance:
                    if asked(inner):
                        section = instrument.section_of(inner).name
                        answer(f"{code}[{position}].{inner}", f"{section}/{position}")
        elif asked(code):
            answer(code, instrument.section_of(code).name)
    return {
        "app": "demo/1",
        "started_at": _iso(start),
        "ended_at": _iso(clock),
        "questions": questions,
        "visits": visits,
    }


def _household(
    answers: dict[str, Any], method: str, seed: int, at: dt.datetime, rng: random.Random
) -> dict[str, Any]:
    """The household list the app sends, agreeing with the answers ``hh_size`` and
    ``hh_adults``; the answers ``dem_sex`` and ``dem_age`` are set to the selected adult's."""
    size = int(answers.get("hh_size") or 1)
    adults = max(1, min(size, int(answers.get("hh_adults") or 1)))
    answers["hh_size"], answers["hh_adults"] = max(size, adults), adults
    sexes: tuple[Sex, ...] = ("m", "f")
    people = [
        Person(
            line,
            rng.choice(sexes),
            rng.randint(ADULT_AGE, 80) if line <= adults else rng.randint(0, ADULT_AGE - 1),
            f"{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        )
        for line in range(1, max(size, adults) + 1)
    ]
    roster = [
        {
            "line": p.line,
            "initials": "".join(rng.choice("ABCDEGJLMNPRST") for _ in range(2)),
            "sex": p.sex,
            "age": p.age,
            "birthday": p.birthday,
        }
        for p in people
    ]
    chosen = select_adult(method=method, seed=seed, roster=people, today=at.date())  # type: ignore[arg-type]
    selected = next(p for p in people if p.line == chosen.selected_line)
    answers["dem_sex"] = 1 if selected.sex == "m" else 2
    answers["dem_age"] = selected.age
    years = answers.get("dem_years_nbhd")
    if isinstance(years, int) and years > selected.age:  # the questionnaire's constraint
        answers["dem_years_nbhd"] = selected.age
    return {
        "method": method,
        "seed": seed,
        "roster": roster,
        "draws": [
            {"at": _iso(at), "selected_line": chosen.selected_line, "roster_size": len(roster)}
        ],
        "selected_line": chosen.selected_line,
        "eligible_adults": chosen.eligible_adults,
    }


def _existing(session: DBSession, wave: Wave, interviewer: User) -> DemoFieldwork:
    def count(model: Any) -> int:
        return int(
            session.scalar(
                sa.select(sa.func.count())
                .select_from(model)
                .where(model.wave_id == wave.id, model.interviewer_id == interviewer.id)
            )
            or 0
        )

    last_appointment = session.scalar(
        sa.select(sa.func.max(ContactAttempt.appointment_date)).where(
            ContactAttempt.wave_id == wave.id, ContactAttempt.interviewer_id == interviewer.id
        )
    )
    return DemoFieldwork(False, count(Interview), count(ContactAttempt), None, last_appointment)


def add_demo_fieldwork(
    session: DBSession,
    wave: Wave,
    interviewer: User,
    reviewer: User,
    *,
    size: str,
    max_paradata_bytes: int,
    today: dt.date | None = None,
) -> DemoFieldwork:
    """The second interviewer's visits and interviews of the last days, and the reviews of
    some of them; nothing when they already have work in the wave. Flushes, never commits.
    ``size``: the simulation whose answers are used (the demo has just loaded it)."""
    found = _existing(session, wave, interviewer)
    if found.interviews or found.visits:
        return found
    if wave.instrument_version.instrument_id != INSTRUMENT:
        return dataclasses.replace(
            found, skipped=f"the demo wave's questionnaire is not {INSTRUMENT}"
        )
    today = today or dt.date.today()
    instrument = instrument_of(wave.instrument_version)
    # demo households only: taken back if someone was given them before any work was done
    assign_units(session, wave, interviewer, by=None, external_ids=UNITS, reassign=True)
    units = {
        u.external_id: u
        for u in session.scalars(
            sa.select(SampleUnit).where(
                SampleUnit.wave_id == wave.id, SampleUnit.external_id.in_(UNITS)
            )
        )
    }
    sim = simulated_wave(1, 2, size)
    with_incidents = [r for r in sim.records if r["answers"].get("incident")]
    without = [r for r in sim.records if not r["answers"].get("incident")]
    documents = [
        with_incidents[0],
        without[0],
        with_incidents[1],
        without[1],
        without[2],
        without[3],
    ]
    answers_of = [
        _shift_months(json_plain(r["answers"]), sim.reference_period[0], wave.reference_start)
        for r in documents
    ]
    rng = random.Random(64)
    method = wave.selection_method.value

    def day(days_ago: int, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(
            today - dt.timedelta(days=days_ago), dt.time(hour, minute), DEVICE_TZ
        )

    def visit(
        unit: str, when: dt.datetime, outcome: str, note: str | None = None, **extra: Any
    ) -> None:
        body = {
            "sample_unit_id": units[unit].id,
            "attempted_at": _iso(when),
            "outcome": outcome,
            "note": note,
            **extra,
        }
        record_attempt(
            session,
            _uuid(f"visit/{unit}/{outcome}/{when.isoformat()}"),
            parse_attempt(body),
            by=interviewer,
            now=when.astimezone(dt.UTC) + dt.timedelta(minutes=20),
        )

    def interview(
        unit: str,
        answers: dict[str, Any],
        start: dt.datetime,
        *,
        status: str = "completed",
        speed: float = 1.0,
        redraw: bool = False,
        revision: int = 1,
        household: dict[str, Any] | None = None,
    ) -> tuple[Interview, dict[str, Any]]:
        if household is None:
            household = _household(answers, method, units[unit].selection_seed, start, rng)
            if redraw:  # a first draw before a forgotten member was added to the list
                first = start - dt.timedelta(minutes=3)
                household["draws"].insert(
                    0,
                    {
                        "at": _iso(first),
                        "selected_line": 2 if household["selected_line"] == 1 else 1,
                        "roster_size": len(household["roster"]) - 1,
                    },
                )
        paradata = _paradata(answers, instrument, rng, start, speed=speed)
        body = {
            "wave_id": wave.id,
            "sample_unit_id": units[unit].id,
            "instrument_hash": wave.instrument_version.content_hash,
            "language": "es",
            "status": status,
            "answers": answers,
            "paradata": paradata,
            "client_revision": revision,
            "saved_at": paradata["ended_at"],
            "household": household,
        }
        name = _uuid(f"interview/{unit}")
        received = dt.datetime.fromisoformat(paradata["ended_at"]).astimezone(dt.UTC)
        upload_interview(
            session,
            name,
            parse_upload(body),
            by=interviewer,
            token_id=None,
            max_paradata_bytes=max_paradata_bytes,
            now=received + dt.timedelta(minutes=5 + revision * 60),
        )
        stored = session.scalar(sa.select(Interview).where(Interview.uuid == name))
        assert stored is not None
        return stored, household

    # D-007: complete at the first visit, approved by the supervisor
    approved, _ = interview("D-007", answers_of[0], day(5, 10, 5))
    # D-008: nobody home, then complete; sent back: the age does not look right
    visit(
        "D-008", day(5, 11, 30), "no_contact", "Nadie en casa, vecina dice que vuelven en la tarde"
    )
    rejected, _ = interview("D-008", answers_of[1], day(4, 17, 10))
    # D-009: complete, sent back, corrected by the interviewer: resubmitted
    resent_answers = answers_of[2]
    resent, household = interview("D-009", resent_answers, day(4, 9, 40))
    # D-010: complete in a few minutes, late at night, the selection drawn twice
    interview("D-010", answers_of[3], day(2, 22, 35), speed=5.0, redraw=True)
    # D-011: complete, waiting for review
    visit(
        "D-011",
        day(3, 15, 0),
        "appointment",
        "Volver el martes",
        appointment_date=day(1, 0).date().isoformat(),
        appointment_time="10:00",
    )
    interview("D-011", answers_of[4], day(1, 10, 10))
    # D-012: broken off after the household questions and some more: a partial
    partial = dict(list(answers_of[5].items())[:12])
    visit("D-012", day(3, 16, 20), "no_contact")
    interview("D-012", partial, day(2, 18, 0), status="abandoned", speed=0.15)
    # D-013: refused at the door; D-014: nobody home, then refused
    visit("D-013", day(4, 12, 0), "refusal", "No tiene tiempo, no quiere participar")
    visit("D-014", day(4, 12, 40), "no_contact")
    visit("D-014", day(2, 19, 15), "refusal", "La persona seleccionada se niega")
    # D-015: nobody home twice
    visit("D-015", day(4, 13, 10), "no_contact")
    visit("D-015", day(1, 18, 45), "no_contact", "Casa cerrada, sin luz")
    # D-016: someone home, the selected adult asks to come back on a set day and hour
    when = day(1, 11, 20)
    visit(
        "D-016",
        when,
        "appointment",
        "La señora pide que se vuelva el sábado en la mañana",
        appointment_date=(when.date() + dt.timedelta(days=3)).isoformat(),
        appointment_time="09:30",
    )
    # the supervisor's reviews
    decide(session, approved, by=reviewer, approve=True, now=_utc(day(3, 9, 0)))
    decide(
        session,
        rejected,
        by=reviewer,
        approve=False,
        comment="¿Se leyeron todas las opciones? La respuesta no cuadra con las demás de percepción.",
        item="per_dark",
        now=_utc(day(1, 8, 30)),
    )
    decide(
        session,
        resent,
        by=reviewer,
        approve=False,
        comment="Los años en el barrio no cuadran con lo que dijo antes: confírmelos.",
        item="dem_years_nbhd",
        now=_utc(day(3, 9, 5)),
    )
    # the interviewer corrects the interview sent back and sends it again
    corrected = dict(resent_answers)
    years = corrected.get("dem_years_nbhd")
    corrected["dem_years_nbhd"] = years - 1 if isinstance(years, int) and years > 0 else 1
    interview("D-009", corrected, day(2, 8, 15), revision=2, household=household)
    session.flush()
    return dataclasses.replace(_existing(session, wave, interviewer), created=True)


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)
