"""The ``surveyapp`` console script: Flask's CLI bound to :func:`surveyapp.create_app`.

``surveyapp --help`` lists init, serve, demo, user, db (migrations) and
questionnaire; the commands themselves live in :mod:`surveyapp.commands`.
"""

from __future__ import annotations

from flask.cli import FlaskGroup

from . import create_app

cli = FlaskGroup(
    create_app=create_app,
    add_version_option=False,
    help="Citizen victimization survey server. Start with: surveyapp demo",
)


def main() -> None:
    cli.main(prog_name="surveyapp")
