"""The server as ``bench_respond.py --floor`` serves it: the real app plus three floors.

Each floor does the least some part of a respondent page needs, and nothing else; its CPU
per request, measured at the survey's rate as ``/api/ping``'s is, is a floor under the
survey's own figure:

``/bench/raw-ping``
    A WSGI callable in front of Flask that answers ``ok``: what gunicorn's gthread worker and
    the kernel cost per request at that rate, with no application at all.
``/bench/raw-floor``
    The same WSGI layer doing a question page's unavoidable work without Flask or
    SQLAlchemy's execution layer: the signed session cookie read with Flask's own
    serializer, a CSRF token signed as Flask-WTF signs it, one primary-key SELECT of the
    interview columns through the pool's DBAPI connection (psycopg), and a body the size of
    a question page.
``/bench/floor``
    That work through the app's own stack: Flask's request and session, Flask-WTF's
    ``generate_csrf``, the SELECT through SQLAlchemy outside a transaction (as
    ``respond/current.py`` reads), every app-wide hook.

Only the benchmark serves this module; the app itself has none of these routes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from http.cookies import CookieError, SimpleCookie
from typing import Any

import sqlalchemy as sa
from flask import Flask, session
from flask_wtf.csrf import generate_csrf
from itsdangerous import BadSignature, URLSafeTimedSerializer

from surveyapp import create_app
from surveyapp.extensions import db
from surveyapp.models import Interview
from surveyapp.respond.current import READ_ONLY

#: About the size of a question page of vict_std (12 KB).
PAGE = "<p>" + "x" * 12_000 + "</p>"

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


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

    app.wsgi_app = raw_floors(app, app.wsgi_app)  # type: ignore[method-assign]
    return app


def raw_floors(app: Flask, inner: WSGIApp) -> WSGIApp:
    """``/bench/raw-ping`` and ``/bench/raw-floor`` in front of ``inner`` (the Flask app)."""
    with app.app_context():
        engine = db.engine
    sessions = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    csrf = URLSafeTimedSerializer(app.secret_key, salt="wtf-csrf-token")  # as Flask-WTF signs
    cookie_name = app.config["SESSION_COOKIE_NAME"]
    select = (
        f"SELECT id, version, answers FROM {Interview.__tablename__} WHERE id = %s"
        if engine.dialect.name == "postgresql"
        else f"SELECT id, version, answers FROM {Interview.__tablename__} WHERE id = ?"
    )
    page = PAGE.encode()

    def answer(start_response: StartResponse, body: bytes) -> list[bytes]:
        start_response(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
        )
        return [body]

    def wsgi(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO")
        if path == "/bench/raw-ping":
            return answer(start_response, b"ok")
        if path != "/bench/raw-floor":
            return inner(environ, start_response)
        state = None
        try:
            morsel = SimpleCookie(environ.get("HTTP_COOKIE", "")).get(cookie_name)
            if morsel is not None:
                state = sessions.loads(morsel.value).get("respond")
        except (CookieError, BadSignature):
            state = None
        token = csrf.dumps(hashlib.sha1(os.urandom(64)).hexdigest())
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(select, (1,))
            row = cursor.fetchone()
            connection.rollback()
        finally:
            connection.close()
        return answer(
            start_response, page + f"{token}{state is not None}{row is not None}".encode()
        )

    return wsgi
