"""A wave's completed interviews as the records :mod:`analysis.microdata` reads.

Final weights: ``interviews.final_weight``, set by a weighting run or the demo
loader. An interview without one gets the provisional base weight
``eligible adults / selection probability`` of its sample unit (1 when
unknown), and the methodology annex says the weights are provisional. The
eligible adults are the interview's selection factor (the household roster a
tablet sent, services/households.py), else the unit's, else the answer
``hh_adults``. Which interviews count: services/feeds.py (a wave may count
only approved tablet interviews).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from ...models import Interview, InterviewStatus, SampleUnit, Wave
from .. import DBSession
from ..feeds import feeds_indicators
from .tree import NATIONAL, AreaNode, area_index


def shared_keys(document: Any) -> Any:
    """An answers document with its keys interned (one string per code for the whole wave).

    Decoded JSON gives every interview its own copy of every code; a 100,000-interview wave
    then holds some 1.2 GiB of documents, 2.6 times what the same documents take with
    shared keys (benchmarks/bench_microdata.py).
    """
    if isinstance(document, dict):
        return {sys.intern(k): shared_keys(v) for k, v in document.items()}
    if isinstance(document, list):
        return [shared_keys(v) for v in document]
    return document


def _base_weight(
    probability: float | None, adults: int | None, answers: Mapping[str, Any]
) -> float:
    if adults is None:
        reported = answers.get("hh_adults")
        adults = int(reported) if isinstance(reported, int | float) and reported > 0 else None
    weight = 1.0 / probability if probability else 1.0
    return weight * (adults or 1)


def interview_records(session: DBSession, wave: Wave) -> tuple[list[dict[str, Any]], bool]:
    """The wave's completed interviews as analysis records, and whether any weight is provisional.

    Record fields: ``interview_id, stratum, psu, state, municipality,
    weight, answers``; ``state``/``municipality`` hold area ids as text (codes
    repeat across states). Interviews without a sample unit or PSU are their
    own PSU in the stratum ``"none"``.
    """
    index = area_index(session)
    query = (
        sa.select(
            Interview.id,
            Interview.answers,
            Interview.final_weight,
            SampleUnit.stratum,
            SampleUnit.psu,
            SampleUnit.area_id,
            SampleUnit.selection_probability,
            sa.func.coalesce(Interview.eligible_adults, SampleUnit.eligible_adults),
        )
        .outerjoin(SampleUnit, SampleUnit.id == Interview.sample_unit_id)
        .where(Interview.wave_id == wave.id, feeds_indicators(wave))
        .order_by(Interview.id)
        # rows in batches, each document's keys shared as it comes (shared_keys), so the
        # decoded JSON of the whole wave is never held at once
        .execution_options(yield_per=2000)
    )
    records: list[dict[str, Any]] = []
    provisional = False
    for ident, answers, weight, stratum, psu, area_id, probability, adults in session.execute(
        query
    ):
        answers = shared_keys(answers or {})
        if weight is None:
            provisional = True
            weight = _base_weight(probability, adults, answers)
        node = index.get(area_id) if area_id is not None else None
        records.append(
            {
                "interview_id": ident,
                "stratum": stratum or "none",
                "psu": f"{stratum or 'none'}/{psu}" if psu else f"interview-{ident}",
                "state": str(node.state_id) if node and node.state_id else None,
                "municipality": str(node.municipality_id)
                if node and node.municipality_id
                else None,
                "weight": float(weight),
                "answers": answers,
            }
        )
    return records, provisional


def completed_count(session: DBSession, wave: Wave) -> int:
    return int(
        session.scalar(
            sa.select(sa.func.count())
            .select_from(Interview)
            .where(Interview.wave_id == wave.id, feeds_indicators(wave))
        )
        or 0
    )


def completed_count_in(session: DBSession, wave: Wave, area: AreaNode) -> int:
    """The completed interviews an area's figures are computed from: those whose sample unit
    lies in it, as :func:`interview_records` gives them their ``state`` and ``municipality``
    (the whole wave for the country)."""
    if area.report_level == "national":
        return completed_count(session, wave)
    return completed_by_area(session, wave).get(area.key, 0)


def completed_by_area(session: DBSession, wave: Wave) -> dict[str, int]:
    """:func:`completed_count_in` of every area at once, by area key (``AreaNode.key``: the
    country's, each state's and each municipality's), in one query; an area without
    interviews is absent."""
    index = area_index(session)
    by_area = session.execute(
        sa.select(SampleUnit.area_id, sa.func.count())
        .select_from(Interview)
        .join(SampleUnit, SampleUnit.id == Interview.sample_unit_id, isouter=True)
        .where(Interview.wave_id == wave.id, feeds_indicators(wave))
        .group_by(SampleUnit.area_id)
    )
    counts: dict[str, int] = {}
    for area_id, count in by_area:
        node = index.get(area_id) if area_id is not None else None
        keys = [NATIONAL]
        if node is not None:
            keys += [str(i) for i in (node.state_id, node.municipality_id) if i is not None]
        for key in keys:
            counts[key] = counts.get(key, 0) + int(count)
    return counts


def awaiting_approval_count(session: DBSession, wave: Wave) -> int:
    """Completed interviews the wave's rule (services/feeds.py) leaves out until a supervisor
    approves them: sent from a tablet and received, resubmitted or sent back."""
    return int(
        session.scalar(
            sa.select(sa.func.count())
            .select_from(Interview)
            .where(
                Interview.wave_id == wave.id,
                Interview.status == InterviewStatus.completed,
                sa.not_(feeds_indicators(wave)),
            )
        )
        or 0
    )
