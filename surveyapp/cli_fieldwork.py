"""``surveyapp fieldwork``: field work from the command line.

surveyapp fieldwork assign --wave demo --interviewer ana@example.org --area DM/01/001
surveyapp fieldwork assign --wave demo --interviewer ana@example.org --units D-001,D-004
"""

from __future__ import annotations

import click
from flask.cli import AppGroup

from .extensions import db
from .services.fieldwork import AssignmentError, assign_units, find_area
from .services.users import find_user
from .services.waves import find_wave_by_slug

fieldwork_group = AppGroup("fieldwork", help="Field work: assign sample units to interviewers.")


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
    click.echo(f"{len(done)} units of {wave.slug} assigned to {interviewer.email}.")
