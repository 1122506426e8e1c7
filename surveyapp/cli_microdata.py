"""``surveyapp microdata``: write a wave's microdata release or its DDI codebook.

    surveyapp microdata export --wave demo-2025 --edition public --format dta --lang es -o out/
    surveyapp microdata ddi --wave 3 --lang en -o wave.xml
    surveyapp microdata export --wave 3 --edition public --format csv --policy wave3.yaml -o out/
    surveyapp microdata export --wave 3 --edition internal --format dta --format sav -o out/

``--policy`` declares the wave's disclosure policy (a YAML or JSON mapping, keys as in
analysis/docs/disclosure.md); without it the library's default policy applies. The policy
used goes into the release (``*_disclosure.json``, ``*_disclosure.md``).

``--wave`` takes the wave's id or link name (slug), as ``surveyapp report`` does.
The release builder (pandas, pyreadstat, pyarrow) is imported when a command runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


_POLICY = click.option(
    "--policy",
    "policy_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The wave's disclosure policy for the public edition (YAML or JSON; default: the "
    "library's default policy).",
)


def _policy(path: Path | None) -> dict[str, Any] | None:
    """The policy file as a mapping; a file that cannot be read is named with the reason."""
    if path is None:
        return None
    import yaml  # YAML is a superset of JSON: one reader for both

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"cannot read the policy file {path}: {exc}") from None
    try:
        mapping = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise click.ClickException(
            f"the policy file {path} is not valid YAML or JSON: {exc}"
        ) from None
    if mapping is None:
        return {}
    if not isinstance(mapping, dict):
        raise click.ClickException(
            f"the policy file {path} must hold a mapping of policy keys, not {type(mapping).__name__}"
        )
    return mapping


def _output(what: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help=what)


def _release(
    wave_ref: str, edition: str, language: str | None, policy_file: Path | None
) -> BuiltRelease:
    """The wave's release; a ReleaseError ends the command with its message."""
    policy = _policy(policy_file)
    if policy is not None and edition != "public":
        raise click.UsageError("--policy applies to the public edition only")
    wave = _wave(wave_ref)
    try:
        return build_wave_release(
            db.session,
            wave,
            edition=edition,  # type: ignore[arg-type]
            language=language or default_language(),
            policy=policy,
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
@click.option(
    "--format",
    "formats",
    type=click.Choice(FORMATS),
    required=True,
    multiple=True,
    help="File format; give it several times for several formats (one read-me each).",
)
@_LANG
@_POLICY
@_output("Folder to write into (created if missing).")
@with_appcontext
def export_command(
    wave_ref: str,
    edition: str,
    formats: tuple[str, ...],
    language: str | None,
    policy_file: Path | None,
    output: Path,
) -> None:
    """Write the respondent, incident and household files, codebook, read-me and (public)
    report, in each format asked (the release is built once)."""
    echo = _step(time.monotonic())
    formats = tuple(dict.fromkeys(formats))  # "--format csv --format csv" writes it once
    shown = ", ".join(formats)
    echo(f"wave {wave_ref}, {edition} edition, {shown}, {language or default_language()}")
    built = _release(wave_ref, edition, language, policy_file)
    for format_ in formats:
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
@_POLICY
@_output("The XML file to write.")
@with_appcontext
def ddi_command(
    wave_ref: str, language: str | None, edition: str, policy_file: Path | None, output: Path
) -> None:
    """Write the wave's DDI Codebook 2.5 XML (study, files, variables, categories, weights)."""
    echo = _step(time.monotonic())
    built = _release(wave_ref, edition, language, policy_file)
    try:
        path = write_ddi(built, output)
    except ReleaseError as exc:
        raise click.ClickException(str(exc)) from None
    echo(f"wrote {path}")
