"""surveyapp.services.reports: records from the database, data versions, the cache rows."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import Session

from surveyapp.extensions import db
from surveyapp.models import (
    Interview,
    InterviewStatus,
    Mode,
    OutputKind,
    OutputStatus,
    PoliceRecord,
    ReportOutput,
    SampleUnit,
    Wave,
)
from surveyapp.services.demo_data import load_simulated_wave
from surveyapp.services.report_build import police_table, previous_table, report_data
from surveyapp.services.reports import (
    AreaNode,
    OutputKey,
    ReportError,
    ReportSettings,
    area_index,
    claim_output,
    data_version,
    find_output,
    indicator_table,
    interview_records,
    output_to_serve,
    previous_wave,
    publishable,
    ready_table,
    request_output,
    suppress_small_cells,
    wave_areas,
)
from surveyapp.services.uploads import import_police_records

from ...conftest import sqlite_file_or_skip, write_elsewhere


@pytest.fixture
def loaded(session: Session) -> Wave:
    """A tiny simulated country and closed wave (2 states x 2 municipalities)."""
    result = load_simulated_wave(session, seed=5, size="tiny")
    session.commit()
    wave = session.get(Wave, result.wave_id)
    assert wave is not None
    return wave


@pytest.fixture
def statements(app: Flask) -> Iterator[list[str]]:
    """SQL statements sent while the test runs."""
    seen: list[str] = []

    def listen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", listen)
    yield seen
    sa.event.remove(engine, "before_cursor_execute", listen)


def _municipality(session: Session, wave: Wave) -> AreaNode:
    return next(a for a in wave_areas(session, wave) if a.report_level == "municipality")


def test_records_come_from_one_query_with_design_fields(
    session: Session, loaded: Wave, statements: list[str]
) -> None:
    statements.clear()
    records, provisional = interview_records(session, loaded)
    # one for the area hierarchy, one for the interviews with their sample units
    assert len(statements) == 2
    assert not provisional
    completed = session.scalar(
        sa.select(sa.func.count())
        .select_from(Interview)
        .where(Interview.wave_id == loaded.id, Interview.status == InterviewStatus.completed)
    )
    assert len(records) == completed and completed > 100
    first = records[0]
    interview = session.get(Interview, first["interview_id"])
    assert interview is not None and interview.sample_unit is not None
    unit = interview.sample_unit
    assert first["weight"] == pytest.approx(interview.final_weight)
    assert first["stratum"] == unit.stratum and first["psu"] == f"{unit.stratum}/{unit.psu}"
    assert first["municipality"] == str(unit.area_id)
    assert unit.area is not None and first["state"] == str(unit.area.parent_id)
    assert first["answers"] == interview.answers


def test_unweighted_interviews_get_the_base_weight(session: Session, loaded: Wave) -> None:
    unit = session.scalar(
        sa.select(SampleUnit)
        .join(Interview, Interview.sample_unit_id == SampleUnit.id)
        .where(SampleUnit.wave_id == loaded.id)
        .limit(1)
    )
    assert unit is not None and unit.selection_probability and unit.eligible_adults
    session.execute(
        sa.update(Interview).where(Interview.sample_unit_id == unit.id).values(final_weight=None)
    )
    records, provisional = interview_records(session, loaded)
    [record] = [
        r
        for r in records
        if r["interview_id"]
        == session.scalar(sa.select(Interview.id).where(Interview.sample_unit_id == unit.id))
    ]
    assert provisional
    assert record["weight"] == pytest.approx(unit.eligible_adults / unit.selection_probability)


def _add_interview(session: Session, wave: Wave, status: InterviewStatus) -> Interview:
    template = session.scalar(sa.select(Interview).where(Interview.wave_id == wave.id).limit(1))
    assert template is not None
    interview = Interview(
        uuid=str(uuid.uuid4()),
        wave_id=wave.id,
        sample_unit_id=template.sample_unit_id,
        instrument_version_id=wave.instrument_version_id,
        mode=Mode.tablet,
        status=status,
        language="es",
        answers=dict(template.answers),
        paradata={},
        final_weight=template.final_weight,
    )
    session.add(interview)
    session.commit()
    return interview


def test_data_version_follows_the_data(session: Session, loaded: Wave) -> None:
    first = data_version(session, loaded)
    assert data_version(session, loaded) == first
    started = _add_interview(session, loaded, InterviewStatus.in_progress)
    assert data_version(session, loaded) == first, "an unfinished interview changes no report"
    started.status = InterviewStatus.completed
    session.commit()
    completed = data_version(session, loaded)
    assert completed != first
    session.execute(sa.update(Interview).where(Interview.id == started.id).values(final_weight=1.0))
    session.commit()
    reweighted = data_version(session, loaded)
    assert reweighted != completed
    area = _municipality(session, loaded)
    result = import_police_records(
        session, f"area_code,period,crime_type,count\n{area.code},2019,rob,7\n"
    )
    assert result.ok, result.errors
    session.commit()
    uploaded = data_version(session, loaded)
    assert uploaded != reweighted
    assert data_version(session, loaded, ReportSettings("cepal", 30)) != uploaded, (
        "rules change the flags"
    )


def test_one_row_per_key_and_one_worker_wins_the_claim(session: Session, loaded: Wave) -> None:
    key = OutputKey.indicators(loaded, data_version(session, loaded))
    row = request_output(session, key)
    session.commit()
    again = request_output(session, key)
    assert again.id == row.id and again.status is OutputStatus.pending
    assert session.scalar(sa.select(sa.func.count()).select_from(ReportOutput)) == 1
    assert claim_output(session, row.id) is True
    assert claim_output(session, row.id) is False, "a second worker must not build it too"
    session.commit()


def test_unique_key_holds_in_the_database(session: Session, loaded: Wave) -> None:
    key = OutputKey.indicators(loaded, "v1")
    request_output(session, key)
    session.commit()
    session.add(
        ReportOutput(
            kind=key.kind,
            wave_id=loaded.id,
            area_key=key.area_key,
            language="",
            public=False,
            data_version="v1",
            status=OutputStatus.pending,
            served=0,
        )
    )
    with pytest.raises(sa.exc.IntegrityError):
        session.commit()
    session.rollback()


def test_failed_and_abandoned_builds_are_retried_later(session: Session, loaded: Wave) -> None:
    key = OutputKey.indicators(loaded, "v2")
    row = request_output(session, key)
    now = dt.datetime.now(dt.UTC)
    row.status, row.finished_at = OutputStatus.failed, now
    session.commit()
    assert request_output(session, key).status is OutputStatus.failed, (
        "not rebuilt on every page refresh"
    )
    row.finished_at = now - dt.timedelta(minutes=5)
    session.commit()
    assert request_output(session, key).status is OutputStatus.pending
    row.status, row.started_at = OutputStatus.running, now - dt.timedelta(hours=1)
    session.commit()
    assert request_output(session, key, stale_after=900).status is OutputStatus.pending
    row.status, row.started_at = OutputStatus.running, now
    session.commit()
    assert request_output(session, key, stale_after=900).status is OutputStatus.running


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": ["a", "b", "c"],
            "domain_type": "national",
            "domain": "national",
            "estimate": [10.0, 20.0, 30.0],
            "se": [1.0, 2.0, 3.0],
            "ci_low": [8.0, 16.0, 25.0],
            "ci_high": [12.0, 24.0, 35.0],
            "cv": [0.1, 0.1, 0.1],
            "n": [500, 12, 40],
            "quality": ["high", "high", "insufficient"],
            "suppressed": [False, False, True],
            "reason": ["", "", "no variance"],
        }
    )


def test_small_cells_are_suppressed_whatever_the_rule_set() -> None:
    table = suppress_small_cells(_table(), 30)
    assert table["suppressed"].tolist() == [False, True, True]
    assert table["quality"].tolist() == ["high", "insufficient", "insufficient"]
    assert table.loc[1, "reason"] == "fewer than 30 cases"
    assert table.loc[2, "reason"] == "no variance", "already suppressed rows keep their reason"


def test_the_indicator_table_labels_every_small_cell_insufficient_never_high(
    session: Session, loaded: Wave
) -> None:
    table = indicator_table(session, loaded, settings=ReportSettings(quality="inegi", min_cases=30))
    assert not (table["suppressed"] & (table["quality"] == "high")).any()
    small = table["n"] < 30
    assert small.any() and (table.loc[small, "quality"] == "insufficient").all()
    judged = small & (table["n"] > 0) & (table["df"] >= 1)  # the rest: no variance at all
    assert table.loc[judged, "reason"].str.contains("fewer than 30 cases").all()
    assert (table.loc[table["suppressed"], "reason"] != "").all()


def test_publishable_blanks_every_value_of_suppressed_rows() -> None:
    public = publishable(suppress_small_cells(_table(), 30))
    assert public.loc[0, "estimate"] == 10.0
    for column in ("estimate", "se", "ci_low", "ci_high", "cv"):
        assert np.isnan(public.loc[1, column]) and np.isnan(public.loc[2, column])
    assert public["n"].tolist() == [500, 12, 40]


def test_police_rows_outside_the_reference_period_do_not_count(
    session: Session, loaded: Wave
) -> None:
    before = session.scalar(sa.select(sa.func.count()).select_from(PoliceRecord))
    table, period = police_table(session, loaded, area_index(session))
    assert before and table is not None and period is not None
    assert period[0] == loaded.reference_start
    national = table[table["domain_type"] == "national"]
    total = session.scalar(
        sa.select(sa.func.sum(PoliceRecord.count)).where(
            PoliceRecord.period_start <= loaded.reference_end,
            PoliceRecord.period_end >= loaded.reference_start,
        )
    )
    assert float(national["recorded"].iloc[0]) == total


def test_reports_compare_with_the_previous_wave(session: Session, loaded: Wave) -> None:
    second = load_simulated_wave(session, seed=5, size="tiny", wave=2)
    session.commit()
    current = session.get(Wave, second.wave_id)
    assert current is not None and current.reference_start > loaded.reference_end
    assert (
        previous_wave(session, current) is not None
        and previous_wave(session, current).id == loaded.id
    )
    assert previous_wave(session, loaded) is None
    before = data_version(session, current)
    _add_interview(session, loaded, InterviewStatus.completed)
    assert data_version(session, current) != before, (
        "new data in the compared wave changes the report"
    )

    table = indicator_table(session, current)
    area = next(a for a in wave_areas(session, current) if a.report_level == "national")
    data = report_data(session, current, area, table, previous=previous_table(session, current))
    assert data.previous_wave is not None and data.previous_wave.name == loaded.name
    assert data.previous is not None and data.changes is not None
    national = data.changes[
        (data.changes["indicator"] == "prev_person") & (data.changes["domain_type"] == "national")
    ]
    assert len(national) == 1 and {"significant", "difference", "p"} <= set(data.changes.columns)
    # the previous wave's table went into the cache for its own pages
    assert ready_table(session, loaded, data_version(session, loaded)) is not None


def test_bad_incident_data_fails_naming_the_interview_and_field(
    session: Session, loaded: Wave
) -> None:
    # issue 15: a broad `except ValueError` read any bad incident as "no incident module"
    # and the report silently lost its dark figure, reporting and incidence indicators
    victim = next(
        i
        for i in session.scalars(
            sa.select(Interview).where(
                Interview.wave_id == loaded.id, Interview.status == InterviewStatus.completed
            )
        )
        if (i.answers or {}).get("incident")
    )
    answers = dict(victim.answers)
    answers["incident"] = [{**answers["incident"][0], "inc_report_to": [77]}]
    victim.answers = answers
    session.flush()
    with pytest.raises(ReportError, match=rf"interview {victim.id}\b.*'inc_report_to'.*77"):
        indicator_table(session, loaded)


def test_an_instrument_without_incident_module_gives_the_respondent_indicators(
    session: Session, loaded: Wave
) -> None:
    document = dict(loaded.instrument_version.document)
    document["sections"] = [
        s for s in document["sections"] if not any(i["type"] == "repeat" for i in s["items"])
    ]
    loaded.instrument_version.document = document
    loaded.instrument_version.content_hash = "no-incident-module"  # versions are immutable by hash
    session.flush()
    table = indicator_table(session, loaded)
    assert "prev_person" in set(table["indicator"])
    assert "dark_figure" not in set(table["indicator"])


def test_a_report_waits_on_its_indicator_table_first(session: Session, loaded: Wave) -> None:
    key = OutputKey.pdf(loaded, _municipality(session, loaded), "es", True, "v1")
    first = output_to_serve(session, key, stale_after=900)
    assert (first.kind, first.status) == (OutputKind.indicators, OutputStatus.pending)
    assert find_output(session, key) is None, "the PDF is not asked for before its table"
    first.status, first.content = OutputStatus.ready, b"[]"
    session.flush()
    second = output_to_serve(session, key, stale_after=900)
    assert (second.kind, second.status) == (OutputKind.pdf, OutputStatus.pending)
    second.status, second.content = OutputStatus.ready, b"%PDF"
    session.flush()
    assert output_to_serve(session, key, stale_after=900) is second


def test_a_prune_holds_no_write_lock_while_it_computes_the_waves_versions(
    app: Flask, make_wave: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite one writer at a time: ``report --prune`` deleted one wave's outdated outputs
    and then computed the next wave's data version (aggregate queries over its interviews and
    sample) holding the write lock. Now every version is known before the first delete."""
    from surveyapp.services.reports import OutputKey, prune_outputs, queue, request_output

    with app.app_context():
        path = sqlite_file_or_skip(db.engine)
    waves = [make_wave(), make_wave()]
    with app.app_context():
        for wave in waves:
            request_output(db.session, OutputKey.indicators(wave, "an-old-version"))
        db.session.commit()
    writes: list[str] = []
    version = queue.data_version

    def computing(*args: Any, **kwargs: Any) -> str:
        writes.append(write_elsewhere(path))
        return version(*args, **kwargs)

    monkeypatch.setattr(queue, "data_version", computing)
    with app.app_context():
        assert prune_outputs(db.session) == 2
        db.session.commit()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ReportOutput)) == 0
    assert writes == ["written", "written"]
