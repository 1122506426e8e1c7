"""``surveyapp token``: read API tokens from the command line (surveyapp/docs/api.md).

surveyapp token create --name "State observatory" --scope public --area MX/19
surveyapp token list
surveyapp token revoke sva_AbCd1234
surveyapp token prune                  # audit rows of uses older than API_TOKEN_AUDIT_DAYS (nightly)
"""

from __future__ import annotations

import datetime as dt

import click
from flask import current_app
from flask.cli import AppGroup

from .extensions import db
from .models import TokenScope, User
from .services.fieldwork import find_area
from .services.read_tokens import (
    create_token,
    find_token,
    list_tokens,
    prune_uses,
    revoke_token,
)
from .services.users import UserError, find_user

token_group = AppGroup("token", help="Read API tokens: create, list, revoke, prune.")


def _acting(email: str | None) -> User | None:
    """The user named by ``--by`` (None without it); stops when there is none such."""
    if email is None:
        return None
    user = find_user(db.session, email)
    if user is None:
        raise click.ClickException(f"no user with the email {email!r}")
    return user


@token_group.command("create")
@click.option("--name", required=True, help="Who holds it, e.g. 'State observatory'.")
@click.option(
    "--scope",
    type=click.Choice([s.value for s in TokenScope]),
    default=TokenScope.public.value,
    show_default=True,
    help="public: waves marked public, public edition; internal: every published wave.",
)
@click.option(
    "--area",
    "area_refs",
    multiple=True,
    help="Limit to this area and below (code or path); repeat.",
)
@click.option("--microdata", is_flag=True, help="May download microdata releases.")
@click.option("--by", "email", help="The administrator it is created for (audit log).")
def create_command(
    name: str, scope: str, area_refs: tuple[str, ...], microdata: bool, email: str | None
) -> None:
    """Create a token and print it once (only its hash is kept)."""
    by = _acting(email)
    try:
        chosen = [find_area(db.session, ref) for ref in area_refs]
        token, plain = create_token(
            db.session,
            name=name,
            scope=TokenScope(scope),
            areas=chosen,
            may_download_microdata=microdata,
            by=by,
        )
    except UserError as exc:
        db.session.rollback()
        raise click.ClickException(f"{exc.field}: {exc.message}") from None
    db.session.commit()
    click.echo(f"Token {token.id} ({token.prefix}…) for {token.name}, scope {token.scope.value}.")
    click.echo("Copy it now; it is not shown again:")
    click.echo(plain)


@token_group.command("list")
def list_command() -> None:
    """Every token: id, prefix, scope, areas, microdata, last use, revoked."""
    for token in list_tokens(db.session):
        areas = ",".join(a.code for a in token.areas) or "all areas"
        used = token.last_used_at.isoformat(timespec="minutes") if token.last_used_at else "never"
        state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "active"
        click.echo(
            f"{token.id}\t{token.prefix}\t{token.scope.value}\t{areas}\t"
            f"{'microdata' if token.may_download_microdata else '-'}\tused {used}\t{state}\t"
            f"{token.name}"
        )


@token_group.command("revoke")
@click.argument("ident")
@click.option("--by", "email", help="The administrator revoking it (audit log).")
def revoke_command(ident: str, email: str | None) -> None:
    """Revoke a token, given its id or its prefix (as `token list` shows them)."""
    by = _acting(email)
    token = find_token(db.session, ident)
    if token is None:
        raise click.ClickException(f"no token {ident!r}; see surveyapp token list")
    if not revoke_token(db.session, token, by=by):
        click.echo(f"Token {token.id} ({token.prefix}…) was already revoked.")
        return
    db.session.commit()
    click.echo(f"Token {token.id} ({token.prefix}…) of {token.name} is revoked.")


@token_group.command("prune")
def prune_command() -> None:
    """Delete the audit rows of token uses older than API_TOKEN_AUDIT_DAYS (e.g. nightly)."""
    days = int(current_app.config["API_TOKEN_AUDIT_DAYS"])
    deleted = prune_uses(db.session, keep=dt.timedelta(days=days))
    db.session.commit()
    click.echo(f"Deleted {deleted} audit rows of token uses older than {days} days.")
