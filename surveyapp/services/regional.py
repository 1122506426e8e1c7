"""The regional comparison of several waves (countries or cities) from the database.

Each wave's indicator table comes from the report cache (built and stored
there when missing); its area is the one area the wave covers (a country, or
a city) or else the wave's name; its mode is the mix of its completed
interviews; its questionnaire is its instrument version.
:mod:`analysis.compare.regional` and :mod:`analysis.report.regional` do the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import sqlalchemy as sa

from analysis.compare.regional import RegionalWave
from analysis.indicators import with_minimum_cases
from analysis.report.regional import RegionalData, build_regional_report

from ..models import Interview, Wave
from . import DBSession
from .feeds import feeds_indicators
from .reports import DEFAULT_SETTINGS, NATIONAL, Progress, ReportSettings, quiet


def wave_modes(session: DBSession, wave: Wave) -> dict[str, float]:
    """Share of the interviews that feed the wave's indicators, by collection mode."""
    counts = dict(
        session.execute(
            sa.select(Interview.mode, sa.func.count())
            .where(Interview.wave_id == wave.id, feeds_indicators(wave))
            .group_by(Interview.mode)
        ).all()
    )
    total = sum(counts.values())
    return {str(mode.value): count / total for mode, count in counts.items()} if total else {}


def regional_wave(session: DBSession, wave: Wave, table: pd.DataFrame) -> RegionalWave:
    """One wave of the comparison, its whole sample (the ``national`` rows) from ``table``."""
    version = wave.instrument_version
    fieldwork = (
        (wave.fieldwork_start, wave.fieldwork_end)
        if wave.fieldwork_start and wave.fieldwork_end
        else None
    )
    return RegionalWave(
        key=wave.slug,
        area=wave.areas[0].name if len(wave.areas) == 1 else wave.name,
        name=wave.name,
        table=table,
        reference_period=(wave.reference_start, wave.reference_end),
        modes=wave_modes(session, wave),
        instrument=version.instrument_id,
        version=version.version,
        fieldwork=fieldwork,
        domain_type=NATIONAL,
        domain=NATIONAL,
    )


def regional_pdf(
    session: DBSession,
    waves: Sequence[Wave],
    *,
    language: str,
    public: bool,
    tables: Sequence[pd.DataFrame] | None = None,
    settings: ReportSettings = DEFAULT_SETTINGS,
    progress: Progress = quiet,
) -> bytes:
    """The regional comparison PDF of ``waves`` (the first is the reference of the differences).

    ``tables`` are the waves' indicator tables in the same order (built or
    taken from the cache when not given).
    """
    from .report_build import wave_table

    if tables is None:
        tables = [wave_table(session, w, settings=settings, progress=progress) for w in waves]
    data = RegionalData(
        [regional_wave(session, w, t) for w, t in zip(waves, tables, strict=True)],
        quality_rules=with_minimum_cases(settings.quality, settings.min_cases),
    )
    progress("rendering the regional PDF")
    return build_regional_report(data, language=language, public=public).pdf_bytes()
