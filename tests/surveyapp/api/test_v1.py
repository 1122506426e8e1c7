"""The read API /api/v1: tokens, scopes and areas, pages, ETags, problems, rate limits, audit."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from surveyapp.extensions import db
from surveyapp.models import (
    Area,
    AuditLog,
    OutputStatus,
    ReadToken,
    ReportOutput,
    TokenScope,
    Wave,
    utcnow,
)
from surveyapp.services import read_tokens

from ..conftest import TinyWave  # type: ignore[import-not-found]


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"REPORT_WORKER": "inline"}


@pytest.fixture
def make_token(app: Flask) -> Callable[..., str]:
    """``make_token(scope="public", areas=(), microdata=False)`` -> the plain token."""

    def factory(scope: str = "public", areas: tuple[int, ...] = (), microdata: bool = False) -> str:
        with app.app_context():
            chosen = [db.session.get(Area, a) for a in areas]
            _token, plain = read_tokens.create_token(
                db.session,
                name=f"{scope} client",
                scope=TokenScope(scope),
                areas=[a for a in chosen if a is not None],
                may_download_microdata=microdata,
                by=None,
            )
            db.session.commit()
            return plain

    return factory


def _get(client: FlaskClient, url: str, token: str | None, **headers: str) -> Any:
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return client.get(url, headers=headers)


def test_without_a_valid_token_every_route_answers_401_as_a_problem(
    client: FlaskClient, make_token: Callable[..., str], app: Flask
) -> None:
    token = make_token()
    for sent in (None, "sva_not-a-token", "Basic abc", token.upper()):
        response = client.get(
            "/api/v1/waves", headers={"Authorization": f"Bearer {sent}"} if sent else {}
        )
        assert response.status_code == 401
        assert response.mimetype == "application/problem+json"
        assert response.json["status"] == 401 and response.json["code"] == "token_invalid"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    with app.app_context():
        row = db.session.scalar(sa.select(ReadToken))
        assert row is not None
        read_tokens.revoke_token(db.session, row, by=None)
        db.session.commit()
    revoked = _get(client, "/api/v1/waves", token)
    assert revoked.status_code == 401 and "revoked" in revoked.json["detail"]


def test_the_openapi_description_needs_no_token(client: FlaskClient) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json["openapi"].startswith("3.")
    assert "/waves/{wave_id}/indicators" in response.json["paths"]


def test_public_tokens_see_public_waves_internal_tokens_every_published_one(
    client: FlaskClient,
    make_token: Callable[..., str],
    make_wave: Callable[..., Wave],
) -> None:
    public_wave = make_wave(public_report=True, status="closed")
    private_wave = make_wave(public_report=False, status="closed")
    draft = make_wave(public_report=True, status="draft")
    public, internal = make_token("public"), make_token("internal")

    seen = {w["id"] for w in _get(client, "/api/v1/waves", public).json["data"]}
    assert public_wave.id in seen and private_wave.id not in seen and draft.id not in seen
    seen = {w["id"] for w in _get(client, "/api/v1/waves", internal).json["data"]}
    assert {public_wave.id, private_wave.id} <= seen and draft.id not in seen

    hidden = _get(client, f"/api/v1/waves/{private_wave.id}", public)
    assert hidden.status_code == 404 and hidden.mimetype == "application/problem+json"
    assert _get(client, f"/api/v1/waves/{private_wave.id}", internal).status_code == 200
    assert _get(client, f"/api/v1/waves/{draft.id}", internal).status_code == 404


def test_pages_follow_the_cursor_with_link_headers(
    client: FlaskClient, make_token: Callable[..., str]
) -> None:
    token = make_token()
    first = _get(client, "/api/v1/indicators?lang=en&limit=10", token)
    assert first.status_code == 200 and len(first.json["data"]) == 10
    total = first.json["total"]
    assert total > 20
    assert 'rel="next"' in first.headers["Link"]
    seen = [r["id"] for r in first.json["data"]]
    cursor = first.json["next_cursor"]
    while cursor is not None:
        page = _get(client, f"/api/v1/indicators?lang=en&limit=10&cursor={cursor}", token)
        seen += [r["id"] for r in page.json["data"]]
        assert (cursor := page.json["next_cursor"]) is None or 'rel="next"' in page.headers["Link"]
    assert len(seen) == total == len(set(seen))
    assert 'rel="next"' not in page.headers["Link"]

    spanish = _get(client, "/api/v1/indicators?lang=es&limit=1000", token).json["data"]
    prevalence = next(r for r in spanish if r["id"] == "prev_person")
    assert prevalence["name"] == "Prevalencia delictiva en personas"
    crime_types = {r["crime_type"] for r in spanish}
    assert None in crime_types and any(isinstance(c, int) for c in crime_types)

    for bad, name in (
        ("limit=0", "limit"),
        ("limit=x", "limit"),
        ("limit=%C2%B2", "limit"),  # "²" is a digit to str.isdigit, not to int()
        ("limit=99999999999", "limit"),
        ("cursor=-1", "cursor"),
        ("cursor=%D9%A3", "cursor"),  # an Arabic-Indic three
    ):
        response = _get(client, f"/api/v1/indicators?{bad}", token)
        assert response.status_code == 400 and response.json["detail"].startswith(name)
    assert _get(client, "/api/v1/indicators?lang=xx", token).json["detail"].startswith("lang")


def test_etag_gives_304_and_answers_may_be_kept_privately(
    client: FlaskClient, make_token: Callable[..., str]
) -> None:
    token = make_token()
    first = _get(client, "/api/v1/indicators?lang=fr", token)
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"].startswith("private, max-age=")
    assert "Authorization" in first.headers["Vary"]
    again = _get(client, "/api/v1/indicators?lang=fr", token, **{"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    other = _get(client, "/api/v1/indicators?lang=pt", token, **{"If-None-Match": etag})
    assert other.status_code == 200


def test_indicator_tables_are_the_observatorys_public_edition_for_public_tokens(
    app: Flask,
    client: FlaskClient,
    tiny_wave: Callable[..., TinyWave],
    make_token: Callable[..., str],
) -> None:
    sim = tiny_wave(public=True)
    muni = sim.muni
    public, internal = make_token("public"), make_token("internal")
    query = f"area={muni.key}&lang=en&limit=1000"

    # the observatory's own CSV, public edition, is the reference
    text = client.get(f"/observatory/waves/{sim.id}/indicators.csv?{query}").get_data(as_text=True)
    reference = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))

    rows = _get(client, f"/api/v1/waves/{sim.id}/indicators?{query}", public).json
    assert rows["edition"] == "public" and rows["area"]["key"] == muni.key
    assert len(rows["data"]) == len(reference) == rows["total"]
    for mine, theirs in zip(rows["data"], reference, strict=True):
        assert mine["indicator"] == theirs["indicator"]
        assert ("" if mine["estimate"] is None else str(mine["estimate"])) == theirs["estimate"]
        assert str(mine["suppressed"]) == theirs["suppressed"]
    suppressed = [r for r in rows["data"] if r["suppressed"]]
    assert suppressed, "the tiny municipality has suppressed cells"
    assert all(r["estimate"] is None and r["ci_low"] is None for r in suppressed)

    asked = _get(client, f"/api/v1/waves/{sim.id}/indicators?{query}&edition=internal", public)
    assert asked.status_code == 403 and asked.mimetype == "application/problem+json"

    full = _get(client, f"/api/v1/waves/{sim.id}/indicators?{query}", internal).json
    assert full["edition"] == "internal"
    hidden = {r["indicator"] for r in full["data"] if r["suppressed"] and r["estimate"] is not None}
    assert hidden, "the internal edition shows suppressed estimates, flagged"

    only = _get(
        client,
        f"/api/v1/waves/{sim.id}/indicators?{query}&indicator=prev_person&domain_type=municipality",
        public,
    ).json["data"]
    assert [r["indicator"] for r in only] == ["prev_person"]


@pytest.mark.parametrize("app_config", [{"REPORT_WORKER": "off"}])
def test_an_indicator_table_not_built_is_202_then_a_failed_build_503_no_interviews_404(
    app: Flask,
    client: FlaskClient,
    tiny_wave: Callable[..., TinyWave],
    make_wave: Callable[..., Wave],
    make_token: Callable[..., str],
) -> None:
    sim = tiny_wave(public=True)
    token = make_token("internal")
    url = f"/api/v1/waves/{sim.id}/indicators?lang=en"
    waiting = _get(client, url, token)
    assert waiting.status_code == 202 and waiting.headers["Retry-After"] == "3"
    assert waiting.json["status"] == "pending" and waiting.json["retry_after"] == 3
    assert waiting.json["url"].endswith(url)
    assert waiting.headers["Content-Location"] == url
    assert waiting.headers["Cache-Control"] == "no-store"

    with app.app_context():
        db.session.execute(
            sa.update(ReportOutput).values(
                status=OutputStatus.failed, error="disk full", finished_at=utcnow()
            )
        )
        db.session.commit()
    failed = _get(client, url, token)
    assert failed.status_code == 503 and failed.headers["Retry-After"] == "60"
    assert failed.mimetype == "application/problem+json" and failed.json["code"] == "unavailable"
    assert failed.json["detail"] == "The results could not be prepared: disk full"

    empty = make_wave(public_report=True, status="closed")
    none = _get(client, f"/api/v1/waves/{empty.id}/indicators", token)
    assert none.status_code == 404 and none.mimetype == "application/problem+json"
    assert none.json["detail"] == "This wave has no completed interviews yet."


def test_tokens_limited_to_areas_see_only_those_and_the_areas_below(
    client: FlaskClient,
    tiny_wave: Callable[..., TinyWave],
    make_token: Callable[..., str],
) -> None:
    sim = tiny_wave(public=False)
    state = sim.state
    inside = sim.first("municipality", state=state)
    outside = sim.first("municipality", state=state, inside=False)
    token = make_token("internal", areas=(state.id,))

    keys = {a["key"] for a in _get(client, f"/api/v1/waves/{sim.id}/areas", token).json["data"]}
    assert keys == {state.key, inside.key, *(a.key for a in sim.areas if a.state_id == state.id)}
    assert outside.key not in keys and "national" not in keys

    url = f"/api/v1/waves/{sim.id}/indicators?area="
    assert _get(client, url + inside.key, token).status_code == 200
    assert _get(client, url + outside.key, token).status_code == 403
    assert _get(client, url + "national", token).status_code == 403
    assert _get(client, url + "no-such-area", token).status_code == 404


def test_every_use_of_a_token_is_in_the_audit_log(
    app: Flask, client: FlaskClient, make_token: Callable[..., str]
) -> None:
    token = make_token()
    _get(client, "/api/v1/waves", token)
    _get(client, "/api/v1/waves/999999", token)
    with app.app_context():
        uses = db.session.scalars(
            sa.select(AuditLog).where(AuditLog.action == "read_token.use").order_by(AuditLog.id)
        ).all()
        row = db.session.scalar(sa.select(ReadToken))
        assert row is not None and row.last_used_at is not None
        created = db.session.scalar(
            sa.select(AuditLog).where(AuditLog.action == "read_token.create")
        )
    assert [(u.details["path"], u.details["status"]) for u in uses] == [
        ("/api/v1/waves", 200),
        ("/api/v1/waves/999999", 404),
    ]
    assert all(u.object_id == str(row.id) for u in uses)
    assert created is not None and token not in str(created.details)
    assert row.token_hash != token and token.startswith(row.prefix)


def test_unknown_paths_and_methods_under_v1_are_problems_not_html(
    client: FlaskClient, make_token: Callable[..., str]
) -> None:
    token = make_token()
    for response in (
        _get(client, "/api/v1/nothing-here", token),
        client.post("/api/v1/waves", headers={"Authorization": f"Bearer {token}"}),
        _get(client, "/api/v1/waves/99999999999999", token),
    ):
        assert response.status_code in (404, 405)
        assert response.mimetype == "application/problem+json"
        assert response.json["status"] == response.status_code


@pytest.mark.parametrize(
    "app_config",
    [{"RATELIMIT_ENABLED": True, "API_RATE_LIMIT": "3 per minute", "REPORT_WORKER": "off"}],
)
def test_rate_limits_count_per_token(
    app: Flask, client: FlaskClient, make_token: Callable[..., str]
) -> None:
    first, second = make_token(), make_token()
    answers = [_get(client, "/api/v1/waves", first).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    limited = _get(client, "/api/v1/waves", first)
    assert limited.mimetype == "application/problem+json" and "Retry-After" in limited.headers
    assert _get(client, "/api/v1/waves", second).status_code == 200, "another token has its own"
    with app.app_context():
        statuses = db.session.scalars(
            sa.select(AuditLog.details).where(AuditLog.action == "read_token.use")
        ).all()
    assert sorted(d["status"] for d in statuses) == [200] * 4 + [429] * 2, "refusals are uses too"


@pytest.mark.parametrize(
    "app_config",
    [{"RATELIMIT_ENABLED": True, "API_DOWNLOAD_RATE_LIMIT": "2 per hour", "REPORT_WORKER": "off"}],
)
def test_asking_again_while_a_release_is_prepared_does_not_use_up_the_download_limit(
    app: Flask,
    client: FlaskClient,
    tiny_wave: Callable[..., TinyWave],
    make_token: Callable[..., str],
) -> None:
    # api.md tells scripts to ask again every Retry-After seconds until the ZIP comes;
    # each 202 used to count as a download, so a client polling as told got 429 for an hour
    from surveyapp.observatory.jobs import build_pending, report_settings

    sim = tiny_wave(public=True)
    token = make_token("internal", microdata=True)
    url = f"/api/v1/waves/{sim.id}/microdata/public/csv?lang=es"
    assert [_get(client, url, token).status_code for _ in range(4)] == [202] * 4
    with app.app_context():
        build_pending(db.session, settings=report_settings(app))
    assert [_get(client, url, token).status_code for _ in range(3)] == [200, 200, 429]


def test_microdata_releases_go_to_tokens_allowed_them_in_their_editions(
    app: Flask,
    client: FlaskClient,
    tiny_wave: Callable[..., TinyWave],
    make_token: Callable[..., str],
) -> None:
    sim = tiny_wave(public=True)
    without = make_token("internal")
    public = make_token("public", microdata=True)
    internal = make_token("internal", microdata=True)
    limited = make_token("internal", areas=(sim.state.id,), microdata=True)
    listing = f"/api/v1/waves/{sim.id}/microdata"

    assert _get(client, listing, without).status_code == 403
    offered = {(r["edition"], r["format"]) for r in _get(client, listing, public).json["data"]}
    assert {e for e, _f in offered} == {"public"} and ("public", "dta") in offered
    offered = {(r["edition"], r["format"]) for r in _get(client, listing, internal).json["data"]}
    assert {e for e, _f in offered} == {"public", "internal"}
    offered = {(r["edition"], r["format"]) for r in _get(client, listing, limited).json["data"]}
    assert {e for e, _f in offered} == {"public"}, "whole-wave internal files: no area limit"

    url = f"/api/v1/waves/{sim.id}/microdata/public/csv?lang=en"
    response = _get(client, url, public)
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert any(n.endswith("_respondent.csv") for n in names), names
    assert any(n.endswith("_codebook.csv") for n in names)
    assert any(n.endswith("_disclosure.md") for n in names), "public editions carry the report"
    assert any(n.endswith("_ddi.xml") for n in names)

    internal_url = f"/api/v1/waves/{sim.id}/microdata/internal/csv"
    assert _get(client, internal_url, public).status_code == 403
    assert _get(client, internal_url, limited).status_code == 403
    for bad in ("secret/csv", "public/pdf"):
        wrong = _get(client, f"/api/v1/waves/{sim.id}/microdata/{bad}", internal)
        assert wrong.status_code == 404 and wrong.mimetype == "application/problem+json"


@pytest.mark.parametrize("app_config", [{"REPORT_WORKER": "off"}])
def test_a_release_is_202_while_prepared_then_one_build_serves_every_download(
    app: Flask,
    client: FlaskClient,
    tiny_wave: Callable[..., TinyWave],
    make_wave: Callable[..., Wave],
    make_token: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from surveyapp.observatory.jobs import build_pending, report_settings
    from surveyapp.services import release_downloads

    builds: list[str] = []
    real = release_downloads.write_release_zip

    def counted(*args: Any, **kwargs: Any) -> None:
        builds.append(kwargs["format_"])
        if kwargs["format_"] == "dta":
            raise RuntimeError("a bug of ours")
        real(*args, **kwargs)

    monkeypatch.setattr(release_downloads, "write_release_zip", counted)

    def work() -> None:
        with app.app_context():
            build_pending(db.session, settings=report_settings(app))

    sim = tiny_wave(public=True)
    internal = make_token("internal", microdata=True)
    public = make_token("public", microdata=True)
    url = f"/api/v1/waves/{sim.id}/microdata/internal/csv?lang=en"
    waiting = _get(client, url, internal)
    assert waiting.status_code == 202 and waiting.headers["Retry-After"] == "3"
    assert waiting.json["status"] == "pending" and waiting.headers["Content-Location"] == url
    assert _get(client, url, public).status_code == 403, "editions as before"
    assert _get(client, url, make_token("internal")).status_code == 403

    work()
    first = _get(client, url, internal)
    assert first.status_code == 200 and first.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(first.data)).namelist()
    assert any(n.endswith("_respondent.csv") for n in names)
    again = _get(client, url, internal, **{"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert _get(client, url, internal).data == first.data and builds == ["csv"]
    assert _get(client, url, public).status_code == 403

    broken = f"/api/v1/waves/{sim.id}/microdata/internal/dta"
    assert _get(client, broken, internal).status_code == 202
    work()
    failed = _get(client, broken, internal)
    assert failed.status_code == 503 and failed.json["code"] == "unavailable"

    empty = make_wave(public_report=True, status="closed")
    refused = f"/api/v1/waves/{empty.id}/microdata/public/csv"
    assert _get(client, refused, public).status_code == 202
    work()
    response = _get(client, refused, public)
    assert response.status_code == 409 and response.json["code"] == "release_unavailable"
    assert "no completed interviews" in response.json["detail"]


def test_a_release_that_cannot_be_made_is_a_409_problem(
    client: FlaskClient, make_wave: Callable[..., Wave], make_token: Callable[..., str]
) -> None:
    empty = make_wave(public_report=True, status="closed")
    response = _get(
        client, f"/api/v1/waves/{empty.id}/microdata/public/csv", make_token(microdata=True)
    )
    assert response.status_code == 409 and "no completed interviews" in response.json["detail"]
