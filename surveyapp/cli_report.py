"""``surveyapp report``: write a PDF status report, or build the reports the portal asked for.

    surveyapp report --wave demo-2025 --area 01001 --lang es -o report.pdf
    surveyapp report --wave 3 --internal -o internal.pdf
    surveyapp report --waves norte-2025,sur-2024 --lang es -o regional.pdf   # regional comparison
    surveyapp report --work          # build pending portal outputs (REPORT_WORKER=off)
    surveyapp report --work --watch 5   # ... as a long-running worker service
    surveyapp report --prune         # delete cached reports of superseded data (e.g. nightly)

Progress goes to stderr as step lines, so stdout and ``-o -`` stay clean.
The PDF is also stored in the report cache, so the portal serves it at once.
The report builders (analysis, matplotlib, WeasyPrint) are imported when the
command runs, not when the CLI starts.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from .extensions import db
from .i18n import LANGUAGES, default_language
from .models import OutputStatus, Wave
from .models.base import parse_id
from .services.reports import (
    NATIONAL,
    AreaNode,
    OutputKey,
    ReportError,
    data_version,
    finish_output,
    prune_outputs,
    ready_table,
    request_output,
    wave_areas,
)


def _wave(ref: str, option: str = "--wave") -> Wave:
    number = parse_id(ref)
    wave = db.session.get(Wave, number) if number is not None else None
    wave = wave or db.session.scalar(sa.select(Wave).where(Wave.slug == ref))
    if wave is None:
        slugs = ", ".join(db.session.scalars(sa.select(Wave.slug).order_by(Wave.id)))
        raise click.BadParameter(f"no wave {ref!r}; waves: {slugs or 'none'}", param_hint=option)
    return wave


def _area(wave: Wave, ref: str) -> AreaNode:
    """An area by key (national, id), official code or name (case-insensitive)."""
    from .services.report_build import find_area

    areas = wave_areas(db.session, wave)
    if ref.lower() in (NATIONAL, "country"):
        return find_area(db.session, wave, NATIONAL)
    matches = [a for a in areas if ref in (a.key, a.code) or a.name.lower() == ref.lower()]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        listed = ", ".join(f"{a.key} ({a.name}, {a.report_level})" for a in matches)
        raise click.BadParameter(
            f"{ref!r} matches several areas; use the key: {listed}", param_hint="--area"
        )
    raise click.BadParameter(
        f"the wave has no area {ref!r}; try national or a code such as "
        f"{', '.join(a.code for a in areas[1:4])}",
        param_hint="--area",
    )


def _step(started: float) -> Callable[[str], None]:
    """Say each step of a build, and commit what the build cached so far, as the report worker
    does (``observatory/jobs.py``): on SQLite a transaction that has written holds the only
    write lock, and a report takes tens of seconds, while respondents' page saves wait at most
    ``busy_timeout`` (5 s) for it. Between two steps a build holds no lock."""

    def echo(step: str) -> None:
        db.session.commit()
        click.echo(f"[{time.monotonic() - started:6.1f}s] {step}", err=True)

    return echo


@click.command("report")
@click.option("--wave", "wave_ref", help="Wave id or link name (slug).")
@click.option(
    "--waves",
    "waves_ref",
    metavar="W1,W2,...",
    help="Instead of --wave: the regional comparison of these waves (countries or cities; "
    "the first is the reference).",
)
@click.option(
    "--area",
    "area_ref",
    default=NATIONAL,
    show_default=True,
    help="national, or a state or municipality by code, name or key.",
)
@click.option(
    "--lang",
    "language",
    type=click.Choice(LANGUAGES),
    help="Language of the report (default: the DEFAULT_LANGUAGE setting).",
)
@click.option(
    "--internal", is_flag=True, help="Internal edition: every estimate, flagged (never publish)."
)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Where to write the PDF ('-' for stdout).",
)
@click.option(
    "--work", is_flag=True, help="Instead: build every report the portal is waiting for, then stop."
)
@click.option(
    "--watch",
    type=click.FloatRange(min=0.5),
    metavar="SECONDS",
    help="With --work: keep looking for new requests every SECONDS (a worker service).",
)
@click.option(
    "--prune",
    is_flag=True,
    help="Instead: delete cached reports built from data that has changed since.",
)
@with_appcontext
def report_command(
    wave_ref: str | None,
    waves_ref: str | None,
    area_ref: str,
    language: str | None,
    internal: bool,
    output: str | None,
    work: bool,
    watch: float | None,
    prune: bool,
) -> None:
    """Write the PDF status report of a wave and area."""
    from .observatory.jobs import build_pending, report_settings
    from .services.report_build import cached_drivers, pdf_report

    settings = report_settings()
    started = time.monotonic()
    echo = _step(started)
    if prune:
        deleted = prune_outputs(db.session, settings)
        db.session.commit()
        echo(f"deleted {deleted} outdated cached output(s)")
        return
    if work:
        while True:
            built = build_pending(db.session, settings=settings)
            db.session.remove()
            if built or watch is None:
                echo(f"built {built} pending output(s)")
            if watch is None:
                return
            time.sleep(watch)
    if waves_ref is not None:
        if wave_ref or area_ref != NATIONAL or not output:
            raise click.UsageError("give --waves and -o, without --wave or --area")
        _regional(waves_ref, language or default_language(), not internal, output, echo)
        return
    if not wave_ref or not output:
        raise click.UsageError("give --wave and -o (or --work, or --waves)")
    wave = _wave(wave_ref)
    area = _area(wave, area_ref)
    public = not internal
    language = language or default_language()
    version = data_version(db.session, wave, settings)
    echo(
        f"wave {wave.slug}, {area.report_level} {area.name}, {language}, {'public' if public else 'internal'}"
    )
    try:
        pdf = pdf_report(
            db.session,
            wave,
            area,
            language=language,
            public=public,
            table=ready_table(db.session, wave, version),
            settings=settings,
            drivers=cached_drivers(db.session, wave, version, echo),
            progress=echo,
            warn=lambda text: click.echo(f"warning: {text}", err=True),
        )
    except ReportError as exc:
        raise click.ClickException(str(exc)) from None
    cached = request_output(db.session, OutputKey.pdf(wave, area, language, public, version))
    if cached.status is not OutputStatus.ready:
        finish_output(db.session, cached.id, content=pdf)
    db.session.commit()
    if output == "-":
        sys.stdout.buffer.write(pdf)
    else:
        Path(output).write_bytes(pdf)
        echo(f"wrote {output} ({len(pdf) // 1024} KiB)")


def _regional(
    refs: str, language: str, public: bool, output: str, echo: Callable[[str], None]
) -> None:
    """Write the regional comparison PDF of the waves listed in ``refs`` (comma-separated)."""
    from .observatory.jobs import report_settings
    from .services.regional import regional_pdf

    parts = [r.strip() for r in refs.split(",") if r.strip()]
    if not parts:
        raise click.BadParameter("list at least one wave, e.g. W1,W2", param_hint="--waves")
    waves = [_wave(ref, "--waves") for ref in parts]
    if len({w.id for w in waves}) != len(waves):
        raise click.BadParameter("a wave is listed twice", param_hint="--waves")
    echo(f"regional comparison of {', '.join(w.slug for w in waves)}, {language}")
    try:
        pdf = regional_pdf(
            db.session,
            waves,
            language=language,
            public=public,
            settings=report_settings(),
            progress=echo,
        )
    except ReportError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()  # the indicator tables built on the way stay in the cache
    if output == "-":
        sys.stdout.buffer.write(pdf)
    else:
        Path(output).write_bytes(pdf)
        echo(f"wrote {output} ({len(pdf) // 1024} KiB)")
