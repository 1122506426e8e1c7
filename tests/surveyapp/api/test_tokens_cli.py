"""``surveyapp token create|list|revoke``: the plain token printed once, stored hashed, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskCliRunner

from surveyapp.extensions import db
from surveyapp.models import AreaLevel, AuditLog, ReadToken, Role, TokenScope, User, utcnow
from surveyapp.services import read_tokens
from surveyapp.services.areas import create_area
from surveyapp.services.read_tokens import create_token


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


def test_prune_deletes_token_uses_older_than_the_setting_and_keeps_the_rest(
    app: Flask, runner: FlaskCliRunner
) -> None:
    now = utcnow()
    with app.app_context():
        token, _plain = create_token(db.session, name="site", scope=TokenScope.public, by=None)
        db.session.flush()
        for days in (400, 181, 179, 10, 0):
            read_tokens.record_use(db.session, token, method="GET", path=f"/{days}", status=200)
            db.session.flush()
            entry = db.session.scalars(sa.select(AuditLog).order_by(AuditLog.id.desc())).first()
            assert entry is not None
            entry.created_at = now - dt.timedelta(days=days)
        staff = AuditLog(action="user.login", object_type="user", object_id="1", details={})
        staff.created_at = now - dt.timedelta(days=900)  # not a token use: stays
        db.session.add(staff)
        created = db.session.scalar(
            sa.select(AuditLog).where(AuditLog.action == "read_token.create")
        )
        assert created is not None
        created.created_at = now - dt.timedelta(days=900)  # a creation stays too
        db.session.commit()

    def paths() -> list[str]:
        with app.app_context():
            rows = db.session.scalars(
                sa.select(AuditLog).where(AuditLog.action == read_tokens.USE_ACTION)
            )
            return sorted(row.details["path"] for row in rows)

    result = runner.invoke(args=["token", "prune"])  # default: 180 days
    assert result.exit_code == 0, result.output
    assert "Deleted 2 audit rows of token uses older than 180 days." in result.output
    assert paths() == ["/0", "/10", "/179"]
    with app.app_context():
        actions = db.session.scalars(sa.select(AuditLog.action).order_by(AuditLog.id)).all()
    assert "read_token.create" in actions and "user.login" in actions

    app.config["API_TOKEN_AUDIT_DAYS"] = 7
    again = runner.invoke(args=["token", "prune"])
    assert again.exit_code == 0 and "Deleted 2 " in again.output, again.output
    assert paths() == ["/0"]
    assert "Deleted 0 " in runner.invoke(args=["token", "prune"]).output
