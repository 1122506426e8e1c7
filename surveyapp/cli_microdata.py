"""``surveyapp microdata``: write a wave's microdata release or its DDI codebook.

    surveyapp microdata export --wave demo-2025 --edition public --format dta --lang es -o out/
    surveyapp microdata ddi --wave 3 --lang en -o wave.xml

``--wave`` takes the wave's id or link name (slug), as ``surveyapp report`` does.
The release builder (pandas, pyreadstat, pyarrow) is imported when a command runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import click
from flask.cli import AppGroup, with_appcontext

from .cli_report import _step, _wave
from .extensions import db
from .i18n import LANGUAGES, default_language
from .services.release import (
    EDITIONS,
    FORMATS,
    BuiltRelease,
    ReleaseError,
    build_wave_release,
    write_ddi,
    write_wave_release,
)

microdata_group = AppGroup(
    "microdata", help="Write a wave's microdata files (CSV, XLSX, Stata, SPSS, Parquet) or DDI."
)

_WAVE = click.option("--wave", "wave_ref", required=True, help="Wave id or link name (slug).")
_LANG = click.option(
    "--lang",
    "language",
    type=click.Choice(LANGUAGES),
    help="Language of the labels (default: the DEFAULT_LANGUAGE setting).",
)


def _output(what: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help=what)


def _release(wave_ref: str, edition: str, language: str | None) -> BuiltRelease:
    """The wave's release; a ReleaseError ends the command with its message."""
    wave = _wave(wave_ref)
    try:
        return build_wave_release(
            db.session,
            wave,
            edition=edition,  # type: ignore[arg-type]
            language=language or default_language(),
        )
    except ReleaseError as exc:
        raise click.ClickException(str(exc)) from None


@microdata_group.command("export")
@_WAVE
@click.option(
    "--edition",
    type=click.Choice(EDITIONS),
    required=True,
    help="public: disclosure control applied; internal: every variable (staff only).",
)
@click.option("--format", "format_", type=click.Choice(FORMATS), required=True, help="File format.")
@_LANG
@_output("Folder to write into (created if missing).")
@with_appcontext
def export_command(
    wave_ref: str, edition: str, format_: str, language: str | None, output: Path
) -> None:
    """Write the respondent, incident and household files, codebook and (public) report."""
    echo = _step(time.monotonic())
    echo(f"wave {wave_ref}, {edition} edition, {format_}, {language or default_language()}")
    built = _release(wave_ref, edition, language)
    try:
        written = write_wave_release(built, output, format_)
    except ReleaseError as exc:
        raise click.ClickException(str(exc)) from None
    for path in written:
        echo(f"wrote {path}")


@microdata_group.command("ddi")
@_WAVE
@_LANG
@click.option(
    "--edition",
    type=click.Choice(EDITIONS),
    default="public",
    show_default=True,
    help="Which edition's variables the DDI describes.",
)
@_output("The XML file to write.")
@with_appcontext
def ddi_command(wave_ref: str, language: str | None, edition: str, output: Path) -> None:
    """Write the wave's DDI Codebook 2.5 XML (study, files, variables, categories, weights)."""
    echo = _step(time.monotonic())
    built = _release(wave_ref, edition, language)
    try:
        path = write_ddi(built, output)
    except ReleaseError as exc:
        raise click.ClickException(str(exc)) from None
    echo(f"wrote {path}")
