"""The ``questionnaire`` command group: validate, convert and document instruments.

Pure click, no Flask: the Flask CLI attaches it as ``surveyapp questionnaire``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click
import yaml

from .loader import load_instrument, load_instrument_text
from .model import Instrument
from .problems import InstrumentError

__all__ = ["questionnaire", "instrument_yaml"]

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
_OUT = click.Path(dir_okay=False, writable=True, path_type=Path)


@click.group(name="questionnaire")
def questionnaire() -> None:
    """Check, convert and document questionnaire (instrument) files."""


def _load(path: Path) -> Instrument:
    try:
        return load_instrument(path)
    except InstrumentError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise SystemExit(1) from None


@questionnaire.command()
@click.argument("paths", nargs=-1, required=True, type=_FILE)
def validate(paths: tuple[Path, ...]) -> None:
    """Check instrument files; list every problem as file:line: item: message.

    Exits with 1 if any file has a problem.
    """
    failed = False
    for path in paths:
        try:
            instrument = load_instrument(path)
        except InstrumentError as error:
            failed = True
            for problem in error.problems:
                click.echo(str(problem))
            continue
        count = sum(1 for _ in instrument.items())
        click.echo(f"{path}: ok ({instrument.id} {instrument.version}, {count} items)")
    if failed:
        raise SystemExit(1)


@questionnaire.command("import-xlsform")
@click.argument("form", type=_FILE)
@click.option("-o", "--output", required=True, type=_OUT, help="The YAML file to write.")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@click.option(
    "--language",
    default="en",
    show_default=True,
    help="ISO 639-1 code of a plain 'label' column when the settings sheet names none.",
)
def import_form(form: Path, output: Path, force: bool, language: str) -> None:
    """Convert an XLSForm workbook (KoboToolbox, ODK) into an instrument YAML file.

    Warnings name the sheet, row and column of everything changed or left out;
    they are also written as comments at the top of the YAML file.
    """
    from .xlsform import XLSFormError, import_xlsform  # openpyxl: only for this command

    if output.exists() and not force:
        raise click.ClickException(f"{output} exists; add --force to overwrite it")
    try:
        result = import_xlsform(form, language=language)
    except XLSFormError as error:
        for problem in error.problems:
            click.echo(f"{form}: {problem}", err=True)
        raise SystemExit(1) from None
    for warning in result.warnings:
        click.echo(f"{form}: warning: {warning}", err=True)
    header = [f"Imported from {form.name} by `questionnaire import-xlsform`."]
    if result.warnings:
        header.append("Review what the import changed or left out:")
        header.extend(f"  {warning}" for warning in result.warnings)
    text = instrument_yaml(result.instrument_dict, header)
    try:
        instrument = load_instrument_text(text, source=str(output))
    except InstrumentError as error:
        click.echo(f"{form}: the imported instrument does not load; nothing written:", err=True)
        for load_problem in error.problems:
            click.echo(str(load_problem), err=True)
        raise SystemExit(1) from None
    output.write_text(text, encoding="utf-8")
    count = sum(1 for _ in instrument.items())
    click.echo(f"wrote {output} ({count} items, {len(result.warnings)} warnings)")


@questionnaire.command("export-xlsform")
@click.argument("path", type=_FILE)
@click.option("-o", "--output", required=True, type=_OUT, help="The .xlsx file to write.")
def export_form(path: Path, output: Path) -> None:
    """Write an instrument as an XLSForm workbook for KoboToolbox or ODK."""
    from .xlsform import export_xlsform  # openpyxl: only for this command

    if output.suffix.lower() != ".xlsx":
        raise click.BadParameter("the output must be an .xlsx file", param_hint="-o")
    export_xlsform(_load(path), output)
    click.echo(f"wrote {output}")


@questionnaire.command()
@click.argument("path", type=_FILE)
@click.option("-o", "--output", required=True, type=_OUT, help="OUT.html or OUT.csv")
def codebook(path: Path, output: Path) -> None:
    """Write the codebook of an instrument; the format follows the extension (.html, .csv)."""
    from .codebook import write_codebook  # the interview engine: only for this command

    suffix = output.suffix.lower().lstrip(".")
    if suffix not in {"html", "csv"}:
        raise click.BadParameter("the output must end in .html or .csv", param_hint="-o")
    write_codebook(_load(path), output, format="html" if suffix == "html" else "csv")
    click.echo(f"wrote {output}")


# -- YAML as people write it ------------------------------------------------------


_LANGUAGE = re.compile(r"^[a-z]{2}$")


class _InstrumentDumper(yaml.SafeDumper):
    """Block style, except texts by language and choices, which fit on one line."""


def _represent_dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    flow = all(
        isinstance(value, str) and isinstance(key, str) and _LANGUAGE.match(key)
        for key, value in data.items()
    )
    flow = flow or set(data) == {"code", "label"}
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flow)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    # Expressions in double quotes, as in the hand-written instruments.
    style = '"' if "${" in data or data.startswith(".") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_InstrumentDumper.add_representer(dict, _represent_dict)
_InstrumentDumper.add_representer(str, _represent_str)


def instrument_yaml(data: dict[str, Any], comments: list[str] | None = None) -> str:
    """An instrument dict as YAML text, with ``comments`` as ``#`` lines on top."""
    body = yaml.dump(
        data, Dumper=_InstrumentDumper, allow_unicode=True, sort_keys=False, width=10_000
    )
    top = "".join(f"# {line}\n" for line in comments or [])
    return top + body
