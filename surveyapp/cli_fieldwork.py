"""``surveyapp fieldwork``: field work from the command line.

surveyapp fieldwork assign --wave demo --interviewer ana@example.org --area DM/01/001
surveyapp fieldwork assign --wave demo --interviewer ana@example.org --units D-001,D-004
surveyapp fieldwork settings --wave demo --selection next_birthday --indicators received
surveyapp fieldwork support-note --wave demo --lang es --file apoyo-es.txt
"""

from __future__ import annotations

from typing import TextIO

import click
from flask.cli import AppGroup

from .extensions import db
from .i18n import is_singular
from .models import IndicatorInterviews, SelectionMethod
from .services.fieldwork import AssignmentError, assign_units, find_area
from .services.users import find_user
from .services.waves import (
    WaveError,
    find_wave_by_slug,
    set_field_settings,
    set_support_notes,
)

fieldwork_group = AppGroup(
    "fieldwork", help="Field work: assign sample units to interviewers, wave settings."
)


@fieldwork_group.command("assign")
@click.option("--wave", "slug", required=True, help="The wave's link name (slug).")
@click.option("--interviewer", "email", required=True, help="The interviewer's email address.")
@click.option("--area", help="Only units of this area and below: a code or a path (MX/19).")
@click.option("--units", help="Comma-separated external ids of the units to assign.")
@click.option("--reassign", is_flag=True, help="Take listed units from the interviewer they had.")
def assign_command(
    slug: str, email: str, area: str | None, units: str | None, reassign: bool
) -> None:
    """Assign the wave's unassigned units (of an area, or the listed ones) to an interviewer."""
    wave = find_wave_by_slug(db.session, slug)
    if wave is None:
        raise click.ClickException(f"no wave with the link name {slug!r}")
    interviewer = find_user(db.session, email)
    if interviewer is None:
        raise click.ClickException(f"no user with the email {email!r}")
    listed = [u for u in (units or "").split(",") if u.strip()]
    if area and listed:
        raise click.ClickException("give --area or --units, not both")
    try:
        chosen = find_area(db.session, area) if area else None
        done = assign_units(
            db.session,
            wave,
            interviewer,
            by=None,
            area=chosen,
            external_ids=listed,
            reassign=reassign,
        )
    except AssignmentError as exc:
        db.session.rollback()
        raise click.ClickException(f"{exc.field}: {exc.message}") from None
    db.session.commit()
    units = f"{len(done)} unit" if is_singular(len(done), "en") else f"{len(done)} units"
    click.echo(f"{units} of {wave.slug} assigned to {interviewer.email}.")


@fieldwork_group.command("settings")
@click.option("--wave", "slug", required=True, help="The wave's link name (slug).")
@click.option(
    "--selection",
    type=click.Choice([m.value for m in SelectionMethod]),
    help="How the adult to interview is selected in each household.",
)
@click.option(
    "--indicators",
    type=click.Choice([c.value for c in IndicatorInterviews]),
    help="Which tablet interviews feed indicators: approved ones only, or all received.",
)
def settings_command(slug: str, selection: str | None, indicators: str | None) -> None:
    """Show or change a wave's selection method and which interviews feed its indicators."""
    wave = find_wave_by_slug(db.session, slug)
    if wave is None:
        raise click.ClickException(f"no wave with the link name {slug!r}")
    try:
        set_field_settings(
            db.session,
            wave,
            selection_method=SelectionMethod(selection) if selection else None,
            indicator_interviews=IndicatorInterviews(indicators) if indicators else None,
        )
    except WaveError as exc:
        db.session.rollback()
        raise click.ClickException(f"{exc.field}: {exc.message}") from None
    db.session.commit()
    click.echo(
        f"{wave.slug}: selection {wave.selection_method.value}, "
        f"indicators from {wave.indicator_interviews.value} interviews."
    )


@fieldwork_group.command("support-note")
@click.option("--wave", "slug", required=True, help="The wave's link name (slug).")
@click.option("--lang", "language", help="The language of the note (one of the wave's).")
@click.option("--text", help="The note (plain text; a line break as a new line).")
@click.option(
    "--file",
    "source",
    type=click.File("r", encoding="utf-8"),
    help="Read the note from this UTF-8 file ('-': standard input).",
)
@click.option("--clear", is_flag=True, help="Remove the note of this language.")
def support_note_command(
    slug: str,
    language: str | None,
    text: str | None,
    source: TextIO | None,
    clear: bool,
) -> None:
    """Show or set a wave's support contacts for respondents (one note per language), shown
    at the end of the web survey and on the interviewer app's finish screen."""
    wave = find_wave_by_slug(db.session, slug)
    if wave is None:
        raise click.ClickException(f"no wave with the link name {slug!r}")
    given = [name for name, value in (("--text", text), ("--file", source)) if value is not None]
    if clear:
        given.append("--clear")
    if len(given) > 1:
        raise click.UsageError(f"give one of {', '.join(given)}")
    notes: dict[str, str | None] = dict(wave.support_notes or {})
    if not given:
        shown = {language: notes.get(language)} if language else notes
        for lang, note in shown.items():
            click.echo(f"{lang}: {note}" if note else f"{lang}: (none)")
        if not shown:
            click.echo(f"{wave.slug}: no support notes.")
        return
    if not language:
        raise click.UsageError("--lang is required to set or clear a note")
    if clear:
        notes[language] = None
    elif text is not None:
        notes[language] = text
    elif source is not None:
        notes[language] = source.read()
    try:
        set_support_notes(db.session, wave, notes)
    except WaveError as exc:
        db.session.rollback()
        raise click.ClickException(f"{exc.field}: {exc.message}") from None
    db.session.commit()
    kept = (wave.support_notes or {}).get(language)
    click.echo(
        f"{wave.slug}: support note in {language} "
        + (f"set ({len(kept)} characters)." if kept else "removed.")
    )
