"""Which interviews of a wave feed its indicators, reports and microdata.

Completed interviews; a wave whose ``indicator_interviews`` is ``approved`` (the default)
counts an interview sent from a tablet (one with a review state) only once a supervisor
approved it; a wave set to ``received`` counts every completed one the server holds.
Interviews without a review state (web interviews, loaded or simulated ones) are never
reviewed and always count once completed. The methodology annex says which rule applies.
"""

from __future__ import annotations

import sqlalchemy as sa

from ..models import IndicatorInterviews, Interview, InterviewStatus, ReviewStatus, Wave


def feeds_indicators(wave: Wave) -> sa.ColumnElement[bool]:
    """The SQL condition on ``Interview`` (the caller adds the wave)."""
    completed = Interview.status == InterviewStatus.completed
    if wave.indicator_interviews is IndicatorInterviews.received:
        return completed
    return sa.and_(
        completed,
        sa.or_(Interview.review_status.is_(None), Interview.review_status == ReviewStatus.approved),
    )


#: What the methodology annex says, per setting and language.
NOTES: dict[IndicatorInterviews, dict[str, str]] = {
    IndicatorInterviews.approved: {
        "es": "Solo las entrevistas en tableta aprobadas por un supervisor alimentan los indicadores (las entrevistas web completas siempre).",
        "en": "Only tablet interviews a supervisor approved feed the indicators (completed web interviews always do).",
        "pt": "Só as entrevistas em tablet aprovadas por um supervisor alimentam os indicadores (as entrevistas web completas sempre).",
        "fr": "Seuls les entretiens sur tablette approuvés par un superviseur alimentent les indicateurs (les entretiens web complets toujours).",
    },
    IndicatorInterviews.received: {
        "es": "Todas las entrevistas completas recibidas alimentan los indicadores, revisadas o no.",
        "en": "Every completed interview received feeds the indicators, reviewed or not.",
        "pt": "Todas as entrevistas completas recebidas alimentam os indicadores, revistas ou não.",
        "fr": "Tous les entretiens complets reçus alimentent les indicateurs, révisés ou non.",
    },
}
