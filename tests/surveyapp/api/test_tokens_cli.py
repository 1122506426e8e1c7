"""``surveyapp token create|list|revoke``: the plain token printed once, stored hashed, audited."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskCliRunner

from surveyapp.extensions import db
from surveyapp.models import AreaLevel, AuditLog, ReadToken, Role, User
from surveyapp.services.areas import create_area


def test_create_list_and_revoke_a_token(
    app: Flask, runner: FlaskCliRunner, make_user: Callable[..., User]
) -> None:
    admin = make_user(Role.administrator)
    with app.app_context():
        country = create_area(db.session, level=AreaLevel.country, code="MX", name="Mexico")
        create_area(db.session, level=AreaLevel.region, code="19", name="NL", parent=country)
        db.session.commit()

    made = runner.invoke(
        args=[
            "token", "create", "--name", "State observatory", "--scope", "internal",
            "--area", "MX/19", "--microdata", "--by", admin.email,
        ]
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    plain = made.output.strip().splitlines()[-1]
    assert plain.startswith("sva_")
    with app.app_context():
        token = db.session.scalar(sa.select(ReadToken))
        assert token is not None and token.token_hash != plain and plain not in token.prefix
        assert [a.code for a in token.areas] == ["19"] and token.may_download_microdata
        assert token.created_by_id == admin.id
        prefix = token.prefix

    listed = runner.invoke(args=["token", "list"])
    assert prefix in listed.output and "internal" in listed.output and plain not in listed.output
    assert "19" in listed.output and "active" in listed.output

    assert runner.invoke(args=["token", "revoke", prefix]).exit_code == 0
    again = runner.invoke(args=["token", "revoke", prefix])
    assert again.exit_code == 0 and "already revoked" in again.output
    assert "revoked" in runner.invoke(args=["token", "list"]).output
    with app.app_context():
        actions = db.session.scalars(
            sa.select(AuditLog.action).where(AuditLog.object_type == "read_token")
        ).all()
    assert actions == ["read_token.create", "read_token.revoke"]


def test_bad_values_stop_with_a_message_and_create_nothing(
    app: Flask, runner: FlaskCliRunner
) -> None:
    for args, says in (
        (["--name", "X", "--area", "nowhere"], "area"),
        (["--name", "   "], "name"),
        (["--name", "X", "--by", "nobody@example.org"], "no user"),
        (["--name", "X", "--scope", "secret"], "secret"),
    ):
        result = runner.invoke(args=["token", "create", *args])
        assert result.exit_code != 0 and says in result.output, result.output
    for ident in ("sva_nothing", "²", "9" * 5000, "2147483648"):  # "²": isdigit, not int()
        revoked = runner.invoke(args=["token", "revoke", ident])
        assert revoked.exception is None or isinstance(revoked.exception, SystemExit), ident
        assert "no token" in revoked.output, revoked.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(ReadToken.id))) == 0
