"""The server as ``bench_respond.py --floor`` serves it: the real app plus ``/bench/floor``.

``/bench/floor`` does the least any respondent page of this stack does, and nothing else:
Flask's request and the signed session cookie read, a CSRF token for the form, one
primary-key SELECT of the interview columns outside a transaction (as a question page
reads, ``respond/current.py``), and a body the size of a question page. Its CPU per
request, measured as ``/api/ping``'s is, is the floor under the survey's own figure.
Only the benchmark serves this module; the app itself has no such route.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask, session
from flask_wtf.csrf import generate_csrf

from surveyapp import create_app
from surveyapp.extensions import db
from surveyapp.models import Interview
from surveyapp.respond.current import READ_ONLY

#: About the size of a question page of vict_std (12 KB).
PAGE = "<p>" + "x" * 12_000 + "</p>"


def create(instance_path: str) -> Flask:
    app = create_app(instance_path=instance_path)

    @app.route("/bench/floor")
    def floor() -> str:
        state = session.get("respond")
        token = generate_csrf()
        connection = db.session.connection(execution_options=READ_ONLY)
        row = connection.execute(
            sa.select(Interview.id, Interview.version, Interview.answers).where(Interview.id == 1)
        ).first()
        return f"{PAGE}{token}{state is not None}{row is not None}"

    return app
