"""The read API tokens page: administrators create (token shown once), scope and revoke, with CSRF."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from surveyapp.extensions import db
from surveyapp.models import AreaLevel, AuditLog, ReadToken, Role, User
from surveyapp.services.areas import create_area

from ...conftest import csrf_token  # type: ignore[import-not-found]


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": True}


@pytest.fixture
def admin(client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]) -> User:
    user = make_user(Role.administrator)
    assert login(client, user).status_code == 302
    return user


def test_an_administrator_creates_a_token_sees_it_once_and_revokes_it(
    app: Flask, client: FlaskClient, admin: User
) -> None:
    with app.app_context():
        country = create_area(db.session, level=AreaLevel.country, code="MX", name="México")
        state = create_area(
            db.session, level=AreaLevel.region, code="19", name="NL", parent=country
        )
        db.session.commit()
        state_id = state.id

    created = client.post(
        "/manage/tokens",
        data={
            "csrf_token": csrf_token(client, "/manage/tokens"),
            "name": "State observatory",
            "scope": "internal",
            "areas": [str(state_id)],
            "microdata": "y",
        },
    )
    assert created.status_code == 200
    assert created.headers["Cache-Control"] == "no-store"
    match = re.search(r"<code class=\"token\" data-token>(sva_[^<]+)</code>", created.text)
    assert match is not None
    plain = match.group(1)

    listing = client.get("/manage/tokens").text
    assert plain not in listing, "the token is shown once, on the page that created it"
    assert "State observatory" in listing and "19 NL" in listing
    with app.app_context():
        token = db.session.scalar(sa.select(ReadToken))
        assert token is not None and token.created_by_id == admin.id
        assert token.scope.value == "internal" and token.may_download_microdata
        assert plain.startswith(token.prefix) and token.prefix + "…" in listing
        token_id = token.id

    works = client.get("/api/v1/waves?limit=5", headers={"Authorization": f"Bearer {plain}"})
    assert works.status_code == 200
    assert "GET /api/v1/waves?limit=5</code>" in client.get("/manage/tokens").text
    assert "/api/v1/waves" not in client.get("/manage/audit").text, "staff actions stay readable"

    no_csrf = client.post(f"/manage/tokens/{token_id}/revoke")
    assert no_csrf.status_code == 400
    revoked = client.post(
        f"/manage/tokens/{token_id}/revoke",
        data={"csrf_token": csrf_token(client, "/manage/tokens")},
    )
    assert revoked.status_code == 302
    assert (
        client.get("/api/v1/waves", headers={"Authorization": f"Bearer {plain}"}).status_code == 401
    )
    with app.app_context():
        audit = db.session.execute(
            sa.select(AuditLog.action, AuditLog.user_id)
            .where(AuditLog.action.in_(["read_token.create", "read_token.revoke"]))
            .order_by(AuditLog.id)
        ).all()
    assert [tuple(row) for row in audit] == [
        ("read_token.create", admin.id),
        ("read_token.revoke", admin.id),
    ]


def test_a_bad_form_names_the_field_and_creates_nothing(
    app: Flask, client: FlaskClient, admin: User
) -> None:
    for data, says in (
        ({"name": "", "scope": "public"}, "Give the token a name"),
        ({"name": "X", "scope": "secret"}, "Not a valid choice"),
        ({"name": "X", "scope": "public", "areas": ["999999"]}, "not a valid choice"),
        ({"name": "X" * 300, "scope": "public"}, "200"),
    ):
        data["csrf_token"] = csrf_token(client, "/manage/tokens")
        response = client.post("/manage/tokens", data=data)
        assert response.status_code == 400 and says in response.text, data
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(ReadToken.id))) == 0


def test_the_requests_note_says_one_request_in_the_singular_and_none_without_a_count(
    app: Flask, client: FlaskClient, admin: User
) -> None:
    # it read 'The latest 1 requests made with a token' and 'The latest 0 requests'
    created = client.post(
        "/manage/tokens",
        data={
            "csrf_token": csrf_token(client, "/manage/tokens"),
            "name": "Observatory",
            "scope": "public",
        },
    )
    match = re.search(r"<code class=\"token\" data-token>(sva_[^<]+)</code>", created.text)
    assert match is not None
    none = client.get("/manage/tokens?lang=en").text
    assert "The latest 0" not in none
    assert "Requests made with a token are listed here, newest first" in none
    assert (
        client.get("/api/v1/waves", headers={"Authorization": f"Bearer {match[1]}"}).status_code
        == 200
    )
    one = client.get("/manage/tokens?lang=en").text
    assert "The latest request made with a token. The audit log" in one
    assert "The latest 1 requests" not in one
    french = client.get("/manage/tokens?lang=fr").text
    assert "La dernière requête faite avec un jeton. Le journal" in french
    assert (
        client.get("/api/v1/waves", headers={"Authorization": f"Bearer {match[1]}"}).status_code
        == 200
    )
    assert "The latest 2 requests made with a token" in client.get("/manage/tokens?lang=en").text


@pytest.mark.parametrize(
    ("language", "created", "used", "revoked", "request_at"),
    [
        (
            "es",
            ">3 de febrero de 2026</time> por ",
            ">4 de febrero de 2026, 9:05</time>",
            "revocado el 5 de febrero de 2026",
            ">4 de febrero de 2026, 9:05:07</time>",
        ),
        (
            "fr",
            ">3\u00a0février\u00a02026</time> par ",
            ">4\u00a0février\u00a02026, 09:05</time>",
            "5\u00a0février\u00a02026",
            ">4\u00a0février\u00a02026, 09:05:07</time>",
        ),
    ],
)
def test_the_tokens_and_the_audit_pages_write_dates_and_times_in_the_staff_language(
    app: Flask,
    client: FlaskClient,
    admin: User,
    language: str,
    created: str,
    used: str,
    revoked: str,
    request_at: str,
) -> None:
    # they read "2026-02-03", "2026-02-04 09:05 UTC", "revoked on 2026-02-05" and the requests'
    # and the audit log's "2026-02-04 09:05:07": ISO, which no reader of es/fr writes
    import datetime as dt
    import html

    made = client.post(
        "/manage/tokens",
        data={
            "csrf_token": csrf_token(client, f"/manage/tokens?lang={language}"),
            "name": "Observatory",
            "scope": "public",
        },
    )
    match = re.search(r"<code class=\"token\" data-token>(sva_[^<]+)</code>", made.text)
    assert match is not None
    headers = {"Authorization": f"Bearer {match[1]}"}
    assert client.get("/api/v1/waves", headers=headers).status_code == 200
    second = client.post(
        "/manage/tokens",
        data={
            "csrf_token": csrf_token(client, "/manage/tokens"),
            "name": "Old",
            "scope": "public",
        },
    )
    assert second.status_code == 200
    moment = dt.datetime(2026, 2, 4, 9, 5, 7, tzinfo=dt.UTC)
    with app.app_context():
        db.session.execute(
            sa.update(ReadToken).values(
                created_at=dt.datetime(2026, 2, 3, 22, 0, tzinfo=dt.UTC), last_used_at=moment
            )
        )
        db.session.execute(
            sa.update(ReadToken)
            .where(ReadToken.name == "Old")
            .values(revoked_at=dt.datetime(2026, 2, 5, 8, 0, tzinfo=dt.UTC))
        )
        db.session.execute(sa.update(AuditLog).values(created_at=moment))
        db.session.commit()
    page = html.unescape(client.get(f"/manage/tokens?lang={language}").text)
    for said in (created, used, revoked, request_at):
        assert said in page, said
    assert '<time datetime="2026-02-04T09:05:07+00:00">' in page  # ISO for machines
    # the tokens page said UTC in its requests' note and again in each row's time, the last
    # uses as well: now once, in each time column's heading
    tokens_main = page[page.index("<main") :]
    headings = {
        "es": ["Último uso (UTC)", "Cuándo (UTC)"],
        "fr": ["Dernière utilisation (UTC)", "Quand (UTC)"],
    }
    assert re.findall(r"<th\b[^>]*>([^<]*UTC[^<]*)</th>", tokens_main) == headings[language]
    visible = re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>", " ", tokens_main, flags=re.S)
    assert visible.count("UTC") == 2
    assert '<time datetime="2026-02-04T09:05:00+00:00">' not in page  # not rounded
    assert page.count('<time datetime="2026-02-04T09:05:07+00:00">') >= 3  # two uses, a request
    audit = html.unescape(client.get(f"/manage/audit?lang={language}").text)
    # the audit log said UTC in its introduction and again in each of its rows' times: now
    # once, in the time column's heading ("Cuándo (UTC)", "Quand (UTC)")
    assert request_at in audit
    main = audit[audit.index("<main") :]
    assert re.findall(r"<th\b[^>]*>([^<]*UTC[^<]*)</th>", main) == [
        {"es": "Cuándo (UTC)", "fr": "Quand (UTC)"}[language]
    ]
    visible = re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>", " ", main, flags=re.S)
    assert visible.count("UTC") == 1
    assert '<time datetime="2026-02-04T09:05:07+00:00">' in audit  # the zone, for machines
    for shown in (page, audit):
        body = shown[shown.index("<main") :]
        visible = re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>", " ", body, flags=re.S)
        assert not re.search(r"\d{4}-\d{2}-\d{2}", visible), re.findall(
            r".{30}\d{4}-\d{2}-\d{2}.{30}", visible
        )
