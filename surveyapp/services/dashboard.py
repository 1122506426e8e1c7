"""The quality-control dashboard of a wave's field work, per interviewer and per area.

Read from columns stored at upload (services/quality.py, services/dispositions.py), never
from the answer documents, so a wave of 100,000 interviews loads in well under a second
(``benchmarks/bench_dashboard.py``). The rules, stated on the page too:

- Dispositions and AAPOR rates count the *released* units: assigned to an interviewer, or
  with an attempt or interview; a released unit never worked counts as 3.x unknown
  eligibility. Per interviewer: the units assigned to them now.
- Duration outliers: interviews whose log duration lies more than ``OUTLIER_Z`` robust
  standard deviations (1.4826 x MAD of the wave's log durations; 1.2533 x the mean absolute
  deviation when over half are equal) from the wave's median.
- Interviewer flags compare an interviewer's share with the rest of the wave by a
  two-proportion z statistic and flag ``|z| > FLAG_Z`` in the suspicious direction, once the
  interviewer has ``MIN_INTERVIEWS`` interviews: item nonresponse ("don't know" and "refused"
  among answers) above, one-adult households above, screener "yes" below.
- Interviews started between ``NIGHT_START`` and ``NIGHT_END`` (the interviewer's local time)
  and households where the selection was drawn more than once are flagged one by one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Collection
from typing import Any, cast

import numpy as np
import pandas as pd
import sqlalchemy as sa

from analysis.response_rates import DispositionCounts, ResponseRates, aapor_rates

from ..models import (
    Area,
    AttemptOutcome,
    ContactAttempt,
    Interview,
    InterviewStatus,
    Mode,
    SampleUnit,
    User,
    Wave,
)
from ..service_texts import Problem
from . import DBSession
from .dispositions import tally

OUTLIER_Z = 3.0
FLAG_Z = 3.0
MIN_INTERVIEWS = 10
NIGHT_START = 22  # local hour from which a start is flagged ...
NIGHT_END = 7  # ... up to (not including) this hour
#: Most interviews one flag links to (a longer list is cut; the page says so).
LINKED = 200


#: The columns read per interview, in the query's order.
COLUMNS = [
    "id",
    "who",
    "area",
    "duration",
    "hour",
    "answered",
    "dont_know",
    "refused",
    "asked",
    "yes",
    "adults",
    "draws",
    "day",
    "disposition",
    "mismatch",
]


#: One group's summed figures, its number of interviews and median duration (seconds).
Figures = dict[str, float]


@dataclasses.dataclass(frozen=True)
class GroupRow:
    """One interviewer's or area's figures."""

    key: int | None
    name: str
    counts: DispositionCounts
    rates: ResponseRates
    interviews: int
    median_minutes: float | None
    short_outliers: int
    item_nonresponse: float | None  # (dk + refused) / answered
    one_adult: float | None  # share of interviews with one eligible adult
    screener_yes: float | None
    night: int  # interviews started at night


@dataclasses.dataclass(frozen=True)
class Flag:
    interviewer_id: int | None
    interviewer: str
    what: Problem  # what is flagged (a page says it in its language)
    figures: Problem  # the figures behind it
    interview_ids: list[int]  # the interviews behind it (cut at LINKED)
    uuids: list[str] = dataclasses.field(default_factory=list)

    @property
    def kind(self) -> str:
        """What is flagged, in English words."""
        return str(self.what)

    @property
    def detail(self) -> str:
        """The figures behind it, in English."""
        return str(self.figures)


@dataclasses.dataclass(frozen=True)
class Dashboard:
    wave: GroupRow
    interviewers: list[GroupRow]
    areas: list[GroupRow]
    days: list[tuple[dt.date, int, int, int, int]]  # date, complete, partial, refusal, non-contact
    hours: list[int]  # interviews started in each local hour 0..23
    flags: list[Flag]
    duration_bounds: tuple[float, float] | None  # minutes: below / above is an outlier


def _z(k: int, n: int, k_rest: int, n_rest: int) -> float:
    """Two-proportion z statistic of k/n against the rest, pooled variance."""
    if n == 0 or n_rest == 0:
        return 0.0
    pooled = (k + k_rest) / (n + n_rest)
    variance = pooled * (1 - pooled) * (1 / n + 1 / n_rest)
    return (k / n - k_rest / n_rest) / math.sqrt(variance) if variance > 0 else 0.0


def _share(k: float, n: float) -> float | None:
    return k / n if n else None


def dashboard(session: DBSession, wave: Wave, *, within: Collection[int] | None) -> Dashboard:
    """The wave's dashboard, limited to units of the ``within`` areas when given."""
    scoped = [SampleUnit.wave_id == wave.id]
    if within is not None:
        scoped.append(SampleUnit.area_id.in_(sorted(within)))

    # ---- dispositions of released units, by interviewer and by area ----------------------
    released = sa.or_(
        SampleUnit.assigned_to_id.is_not(None),
        SampleUnit.disposition.is_not(None),
    )
    unit_rows = session.execute(
        sa.select(
            SampleUnit.assigned_to_id,
            SampleUnit.area_id,
            SampleUnit.disposition,
            sa.func.count(),
        )
        .where(*scoped, released)
        .group_by(SampleUnit.assigned_to_id, SampleUnit.area_id, SampleUnit.disposition)
    ).all()
    by_interviewer: dict[int, np.ndarray] = {}
    by_area: dict[int, np.ndarray] = {}
    for interviewer_id, area_id, disposition, count in unit_rows:
        counts = np.array(dataclasses.astuple(tally([(disposition, count)])))
        for table, key in ((by_interviewer, interviewer_id), (by_area, area_id)):
            key = -1 if key is None else key  # -1: not assigned, or without an area
            table[key] = table[key] + counts if key in table else counts
    total = sum(by_area.values(), np.zeros(7, dtype=np.int64))

    # ---- interviews' quality columns, one row per interview --------------------------------
    query = (
        sa.select(
            Interview.id,
            Interview.interviewer_id,
            SampleUnit.area_id,
            Interview.duration_seconds,
            Interview.local_hour,
            Interview.items_answered,
            Interview.items_dont_know,
            Interview.items_refused,
            Interview.screeners_asked,
            Interview.screeners_yes,
            Interview.eligible_adults,
            Interview.selection_draws,
            Interview.local_date,
            Interview.disposition,
            Interview.household_mismatch,
        )
        .join(SampleUnit, SampleUnit.id == Interview.sample_unit_id)
        .where(
            *scoped,
            Interview.wave_id == wave.id,
            Interview.mode == Mode.tablet,
            Interview.status != InterviewStatus.in_progress,
        )
    )
    # Core, not the ORM: plain tuples for 100,000 rows.
    frame = pd.DataFrame(_plain_rows(session, query), columns=COLUMNS)
    frame = frame.astype({name: float for name in COLUMNS if name not in ("id", "day")})
    for name in ("who", "area"):
        frame[name] = frame[name].fillna(-1).astype(np.int64)
    for name in ("answered", "dont_know", "refused", "asked", "yes"):
        frame[name] = frame[name].fillna(0)
    duration = frame["duration"].to_numpy(dtype=float)
    bounds: tuple[float, float] | None = None
    frame["short"] = False
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log(duration)
    positive = logs[np.isfinite(logs)]
    if positive.size >= 5:
        centre = float(np.median(positive))
        deviations = np.abs(positive - centre)
        spread = 1.4826 * float(np.median(deviations))
        if spread == 0:  # over half the durations equal: the mean deviation (x sqrt(pi/2))
            spread = 1.2533 * float(np.mean(deviations))
        if spread > 0:
            low, high = centre - OUTLIER_Z * spread, centre + OUTLIER_Z * spread
            bounds = (math.exp(low) / 60, math.exp(high) / 60)
            frame["short"] = logs < low
    hour = frame["hour"]
    frame["night"] = (hour >= NIGHT_START) | (hour < NIGHT_END)
    frame["redrawn"] = frame["draws"] > 1
    frame["differs"] = frame["mismatch"] == 1  # NULL (no household list) compares false
    frame["nonresponse"] = frame["dont_know"] + frame["refused"]
    frame["one"] = frame["adults"] == 1
    frame["known"] = frame["adults"] >= 1
    sums = [
        "short",
        "night",
        "redrawn",
        "differs",
        "nonresponse",
        "answered",
        "one",
        "known",
        "asked",
        "yes",
    ]

    def summary(by: str) -> pd.DataFrame:
        grouped = frame.groupby(by)
        table = grouped[sums].sum()
        table["interviews"] = grouped.size()
        table["median"] = grouped["duration"].median()
        return table

    def row(key: int, name: str, counts: np.ndarray, figures: Figures | None) -> GroupRow:
        tallied = DispositionCounts(*(int(c) for c in counts))
        if figures is None:
            figures = {**dict.fromkeys(sums, 0.0), "interviews": 0.0, "median": math.nan}
        median = figures["median"]
        return GroupRow(
            key=key if key >= 0 else None,
            name=name,
            counts=tallied,
            rates=aapor_rates(tallied),
            interviews=int(figures["interviews"]),
            median_minutes=None if pd.isna(median) else float(median) / 60,
            short_outliers=int(figures["short"]),
            item_nonresponse=_share(figures["nonresponse"], figures["answered"]),
            one_adult=_share(figures["one"], figures["known"]),
            screener_yes=_share(figures["yes"], figures["asked"]),
            night=int(figures["night"]),
        )

    per_interviewer: dict[int, Figures] = summary("who").to_dict(orient="index")  # type: ignore[assignment]
    per_area: dict[int, Figures] = summary("area").to_dict(orient="index")  # type: ignore[assignment]
    interviewer_keys = set(by_interviewer) | set(per_interviewer)
    area_keys = set(by_area) | set(per_area)
    names = _names(session, {k for k in interviewer_keys if k >= 0})
    area_names = _area_names(session, {k for k in area_keys if k >= 0})
    zero = np.zeros(7, dtype=np.int64)
    interviewers = [
        row(
            k,
            names.get(k, "unassigned"),
            by_interviewer.get(k, zero),
            per_interviewer.get(k),
        )
        for k in sorted(interviewer_keys, key=lambda k: (k < 0, names.get(k, "")))
    ]
    areas = [
        row(
            k,
            area_names.get(k, "no area"),
            by_area.get(k, zero),
            per_area.get(k),
        )
        for k in sorted(area_keys, key=lambda k: (k < 0, area_names.get(k, "")))
    ]
    wave_figures = summary_of(frame, sums)
    wave_row = row(-1, "the wave", total, wave_figures)
    flags = _flags(frame, per_interviewer, names)
    linked_ids = sorted({i for f in flags for i in f.interview_ids})
    uuids: dict[int, str] = {}
    for start in range(0, len(linked_ids), 5000):
        chunk = linked_ids[start : start + 5000]
        for interview_id, interview_uuid in session.execute(
            sa.select(Interview.id, Interview.uuid).where(Interview.id.in_(chunk))
        ):
            uuids[interview_id] = interview_uuid
    flags = [
        dataclasses.replace(f, uuids=[uuids[i] for i in f.interview_ids if i in uuids])
        for f in flags
    ]
    hours = np.bincount(hour.dropna().astype(np.int64).clip(0, 23), minlength=24)
    return Dashboard(
        wave=wave_row,
        interviewers=interviewers,
        areas=areas,
        days=_days(session, wave, within, frame),
        hours=[int(h) for h in hours[:24]],
        flags=flags,
        duration_bounds=bounds,
    )


def _plain_rows(session: DBSession, query: sa.ClauseElement) -> list[tuple[Any, ...]]:
    """The query's rows as the driver gives them (tuples), without SQLAlchemy's Row objects:
    a third of the time for 100,000 rows. Every value in the query is the server's own (ids,
    enum members), rendered as literals; none comes from a request."""
    connection = session.connection()
    sql = str(query.compile(connection, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def summary_of(frame: pd.DataFrame, sums: list[str]) -> Figures:
    """The summed columns, the number of interviews and the median duration of a whole frame."""
    figures: Figures = {name: float(frame[name].sum()) for name in sums}
    figures["interviews"] = float(len(frame))
    figures["median"] = float(frame["duration"].median()) if len(frame) else math.nan
    return figures


def _flags(
    frame: pd.DataFrame, per_interviewer: dict[int, Figures], names: dict[int, str]
) -> list[Flag]:
    """Per interviewer: the interview-level flags, and the z-test flags against the rest."""
    flags: list[Flag] = []
    totals: Figures = {}
    for figures in per_interviewer.values():
        for name, value in figures.items():
            totals[name] = totals.get(name, 0.0) + value
    groups: dict[int, np.ndarray] = {
        int(k): np.asarray(v)  # type: ignore[call-overload]
        for k, v in frame.groupby("who").indices.items()
    }
    ids = frame["id"].to_numpy()

    def linked(key: int, column: str | None) -> list[int]:
        where = groups[key]
        if column is not None:
            where = where[frame[column].to_numpy(dtype=bool)[where]]
        return [int(i) for i in ids[where][:LINKED]]

    for key, mine in per_interviewer.items():
        name = names.get(key, "unassigned")
        who = key if key >= 0 else None
        if mine["short"]:
            flags.append(
                Flag(
                    who,
                    name,
                    Problem("flag_short"),
                    Problem("flag_short_figures", n=int(mine["short"])),
                    linked(key, "short"),
                )
            )
        if mine["night"]:
            flags.append(
                Flag(
                    who,
                    name,
                    Problem("flag_night"),
                    Problem(
                        "flag_night_figures", n=int(mine["night"]), start=NIGHT_START, end=NIGHT_END
                    ),
                    linked(key, "night"),
                )
            )
        if mine["redrawn"]:
            flags.append(
                Flag(
                    who,
                    name,
                    Problem("flag_redrawn"),
                    Problem("flag_redrawn_figures", n=int(mine["redrawn"])),
                    linked(key, "redrawn"),
                )
            )
        if mine["differs"]:
            flags.append(
                Flag(
                    who,
                    name,
                    Problem("flag_household_differs"),
                    Problem(
                        "flag_household_differs_figures",
                        n=int(mine["differs"]),
                        total=int(mine["interviews"]),
                    ),
                    linked(key, "differs"),
                )
            )
        if mine["interviews"] < MIN_INTERVIEWS:
            continue
        rest = {name: totals[name] - mine[name] for name in totals}
        tests = (
            ("nonresponse", "answered", 1, "flag_nonresponse", None),
            ("one", "known", 1, "flag_one_adult", "one"),
            ("yes", "asked", -1, "flag_few_yes", None),
        )
        for part, whole, direction, what, column in tests:
            counts = (int(mine[part]), int(mine[whole]), int(rest[part]), int(rest[whole]))
            z = _z(*counts)
            if direction * z > FLAG_Z:
                flags.append(
                    Flag(who, name, Problem(what), _compare(counts, z), linked(key, column))
                )
    return flags


def _compare(figures: tuple[int, int, int, int], z: float) -> Problem:
    k, n, k_rest, n_rest = figures
    return Problem("flag_compare", share=k / n, n=n, rest=k_rest / n_rest, z=z)


def _days(
    session: DBSession, wave: Wave, within: Collection[int] | None, frame: pd.DataFrame
) -> list[tuple[dt.date, int, int, int, int]]:
    """Per local day: completes and partials (interviews; a break-off before any answer is a
    refusal), refusals and non-contacts (visits; an appointment not kept is a non-contact)."""
    days: dict[dt.date, list[int]] = {}
    dated = frame[frame["day"].notna()]
    counted = dated.groupby(["day", "disposition"]).size()
    for key, count in counted.items():
        day, disposition = cast(tuple[dt.date | str, float], key)
        if isinstance(day, str):  # SQLite's driver gives dates as text
            day = dt.date.fromisoformat(day)
        slot = days.setdefault(day, [0, 0, 0, 0])
        slot[{110: 0, 120: 1}.get(int(disposition), 2)] += int(count)
    query = (
        sa.select(ContactAttempt.local_date, ContactAttempt.outcome, sa.func.count())
        .where(ContactAttempt.wave_id == wave.id)
        .group_by(ContactAttempt.local_date, ContactAttempt.outcome)
    )
    if within is not None:
        query = query.join(SampleUnit, SampleUnit.id == ContactAttempt.sample_unit_id).where(
            SampleUnit.area_id.in_(sorted(within))
        )
    for day, outcome, count in session.execute(query):
        slot = days.setdefault(day, [0, 0, 0, 0])
        if outcome is AttemptOutcome.refusal:
            slot[2] += count
        elif outcome in (AttemptOutcome.no_contact, AttemptOutcome.appointment):
            slot[3] += count
    return [(day, c, p, r, nc) for day, (c, p, r, nc) in sorted(days.items())]


def _names(session: DBSession, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(
        session.execute(sa.select(User.id, User.name).where(User.id.in_(sorted(ids)))).all()
    )  # type: ignore[arg-type]


def _area_names(session: DBSession, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(
        session.execute(sa.select(Area.id, Area.name).where(Area.id.in_(sorted(ids)))).all()
    )  # type: ignore[arg-type]
