"""The regional comparison of several waves (countries or cities) from the database.

Each wave's indicator table comes from the report cache (built and stored
there when missing); its area is the one area the wave covers (a country, or
a city) or else the wave's name; its mode is the mix of its completed
interviews; its questionnaire is its instrument version.
:mod:`analysis.compare.regional` and :mod:`analysis.report.regional` do the rest.

The observatory's PDF is a :class:`~surveyapp.models.ReportOutput` of kind
``regional`` (:meth:`OutputKey.regional`), built once by the report worker
(observatory/jobs.py) with :func:`build_regional_output`; ``surveyapp report
--waves`` calls :func:`regional_pdf` directly.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import sqlalchemy as sa

from analysis.compare.regional import RegionalWave
from analysis.indicators import with_minimum_cases
from analysis.report.regional import RegionalData, build_regional_report

from ..models import Interview, OutputKind, OutputStatus, ReportOutput, Wave
from . import DBSession
from .feeds import feeds_indicators
from .reports import DEFAULT_SETTINGS, NATIONAL, Progress, ReportError, ReportSettings, quiet
from .reports.settings import COMPARISON_WAVE_GONE


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


def build_regional_output(
    session: DBSession,
    output: ReportOutput,
    *,
    settings: ReportSettings = DEFAULT_SETTINGS,
    progress: Progress = quiet,
) -> bytes:
    """The PDF of a claimed ``regional`` row, from its waves' current indicator tables (taken
    from the cache or built and stored there); the comparison's copies built from older data
    are deleted (flushed, not committed). ReportError when a wave compared is gone."""
    from .report_build import wave_table

    ids = [int(part) for part in (output.waves or "").split(",") if part]
    waves = [session.get(Wave, i) for i in ids]
    found = [w for w in waves if w is not None]
    if not found or len(found) != len(ids):
        raise ReportError(COMPARISON_WAVE_GONE)
    tables = [wave_table(session, w, settings=settings, progress=progress) for w in found]
    pdf = regional_pdf(
        session,
        found,
        language=output.language,
        public=output.public,
        tables=tables,
        settings=settings,
        progress=progress,
    )
    _delete_older(session, output)
    session.flush()
    return pdf


def _delete_older(session: DBSession, output: ReportOutput) -> None:
    """Drop this comparison's (same waves, language, edition) copies built from older data of
    any of its waves; pruning only sees the first wave's data version."""
    session.execute(
        sa.delete(ReportOutput)
        .where(
            ReportOutput.kind == OutputKind.regional,
            ReportOutput.wave_id == output.wave_id,
            ReportOutput.waves == output.waves,
            ReportOutput.language == output.language,
            ReportOutput.public == output.public,
            ReportOutput.id != output.id,
            ReportOutput.status != OutputStatus.running,
        )
        .execution_options(synchronize_session=False)
    )
