"""The ``surveyapp`` console script: Flask's CLI bound to :func:`surveyapp.create_app`.

``surveyapp --help`` lists init, serve, demo, user, db (migrations),
questionnaire and the others; the commands themselves live in
:mod:`surveyapp.commands`. Building the app imports the whole server (over a
second), so two things skip it: the command list is :data:`COMMANDS`, and
``surveyapp questionnaire ...`` (pure click, no Flask) runs directly.
Every other command loads the app as Flask's CLI does.
``tests/surveyapp/test_cli.py`` checks that :data:`COMMANDS` is what the app
registers.
"""

from __future__ import annotations

from typing import Any

import click
from flask.cli import FlaskGroup

from . import create_app
from .config import SettingError

#: Every command with its one-line help, as ``surveyapp --help`` lists them (app
#: commands, Flask's and its extensions'). A new command goes here too.
COMMANDS: dict[str, str] = {
    "area": "Manage the area hierarchy (country > region > municipality > neighbourhood).",
    "backup": "Write a consistent backup of the database while the server keeps running.",
    "db": "Perform database migrations.",
    "demo": "Set up a demonstration (database, questionnaires, admin, open wave) and serve it.",
    "fieldwork": "Field work: assign sample units to interviewers, wave settings.",
    "init": "Create or upgrade the database and load the standard questionnaires.",
    "limiter": "Flask-Limiter maintenance & utility commands",
    "microdata": "Write a wave's microdata files (CSV, XLSX, Stata, SPSS, Parquet) or DDI.",
    "questionnaire": "Check, convert, document and load questionnaire (instrument) files.",
    "report": "Write the PDF status report of a wave and area.",
    "restore": (
        "Load a backup into the configured database, which must be empty (nothing is overwritten)."
    ),
    "routes": "Show the routes for the app.",
    "run": "Run a development server.",
    "serve": (
        "Run the development server (use gunicorn in production, see surveyapp/docs/server.md)."
    ),
    "shell": "Run a shell in the app context.",
    "token": "Read API tokens: create, list, revoke, prune.",
    "user": "Manage staff accounts.",
}


class SurveyappGroup(FlaskGroup):
    """Flask's command group, listing :data:`COMMANDS` and running ``questionnaire`` without the app."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name == "questionnaire":  # its file commands need no app, its load does
            from .cli_instruments import questionnaire_group

            return questionnaire_group()
        try:
            return super().get_command(ctx, cmd_name)
        except SettingError as error:  # a wrong setting: its message, not a traceback
            raise click.ClickException(str(error)) from None

    def invoke(self, ctx: click.Context) -> Any:
        from sqlalchemy.exc import OperationalError, ProgrammingError

        try:
            return super().invoke(ctx)
        except (OperationalError, ProgrammingError) as error:  # a sentence, not a traceback
            raise click.ClickException(database_problem(error)) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # what click.Group.format_commands writes, from COMMANDS instead of the commands
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [
            (name, click.Command(name, help=COMMANDS[name]).get_short_help_str(limit))
            for name in sorted(COMMANDS)
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def database_problem(error: Exception) -> str:
    """What a command tells its user when the database cannot do what it asked."""
    from .errors import database_message

    first = database_message(error)
    lowered = first.lower()
    if "no such table" in lowered or ("relation" in lowered and "does not exist" in lowered):
        return (
            f"the database has no tables for this yet ({first}): run `surveyapp init` "
            "(a new database) or `surveyapp db upgrade` (after installing a new version)"
        )
    if "no such column" in lowered or ("column" in lowered and "does not exist" in lowered):
        return f"the database is older than this version ({first}): run `surveyapp db upgrade`"
    return f"the database could not do this: {first} (check SURVEYAPP_DATABASE_URL)"


cli = SurveyappGroup(
    create_app=create_app,
    add_version_option=False,
    help="Citizen victimization survey server. Start with: surveyapp demo",
)


def main() -> None:
    cli.main(prog_name="surveyapp")
