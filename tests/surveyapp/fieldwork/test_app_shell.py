"""The interviewer app's shell: public, strict CSP, a worker that lists exactly this release's
files, files that exist and are served, and the language list shared with the server."""

from __future__ import annotations

import json
import re
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from surveyapp.fieldwork import app as field_app
from surveyapp.i18n import LANGUAGE_NAMES, LANGUAGES

STATIC = Path(field_app.__file__).resolve().parent.parent / "static" / "field"


def _worker_constants(body: str) -> tuple[str, list[str]]:
    build = json.loads(re.search(r"^const BUILD = (.*);$", body, re.M).group(1))  # type: ignore[union-attr]
    precache = json.loads(re.search(r"^const PRECACHE = (.*);$", body, re.M).group(1))  # type: ignore[union-attr]
    return build, precache


def test_the_shell_is_public_and_allows_no_inline_or_foreign_code(client: FlaskClient) -> None:
    response = client.get("/fieldwork/app/")
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "connect-src 'self'" in csp and "frame-ancestors 'none'" in csp
    page = response.get_data(as_text=True)
    assert "<script>" not in page and " style=" not in page  # nothing inline for the CSP to refuse
    assert 'rel="manifest"' in page


def test_the_worker_precaches_every_file_the_shell_loads_and_each_is_served(
    client: FlaskClient,
) -> None:
    page = client.get("/fieldwork/app/").get_data(as_text=True)
    build, precache = _worker_constants(client.get("/fieldwork/app/sw.js").get_data(as_text=True))
    assert f'content="{build}"' in page
    loaded = set(re.findall(r'(?:src|href)="(/[^"]+)"', page))
    assert loaded <= set(precache), loaded - set(precache)
    for url in precache:
        with client.get(url) as response:  # closed: static files are streamed
            assert response.status_code == 200, url
    # Every module the app imports is in the release (imports are relative, without ?v=).
    modules = {
        p.relative_to(STATIC).as_posix()
        for p in STATIC.rglob("*.js")
        if "node_modules" not in p.parts and p.name != "build.mjs"
    }
    listed = {url.split("?")[0].removeprefix("/static/field/") for url in precache}
    assert modules <= listed, modules - listed


def test_any_changed_file_makes_a_new_worker(app: Flask, client: FlaskClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    before, _ = _worker_constants(client.get("/fieldwork/app/sw.js").get_data(as_text=True))
    hashes = dict(field_app._file_hashes(str(STATIC)))
    hashes["render.js"] = "0" * 16
    monkeypatch.setattr(field_app, "asset_hashes", lambda: hashes)
    after, precache = _worker_constants(client.get("/fieldwork/app/sw.js").get_data(as_text=True))
    assert after != before
    assert f"/static/field/render.js?v={'0' * 16}" in precache


def test_the_manifest_makes_an_installable_app(client: FlaskClient) -> None:
    manifest = client.get("/fieldwork/app/manifest.webmanifest").get_json(force=True)
    assert manifest["start_url"] == manifest["scope"] == "/fieldwork/app/"
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        with client.get(icon["src"]) as response:
            assert response.status_code == 200


def test_the_app_speaks_the_servers_languages(client: FlaskClient) -> None:
    source = (STATIC / "i18n.js").read_text(encoding="utf-8")
    columns = re.search(r"export const COLUMNS = \[([^\]]*)\]", source).group(1)  # type: ignore[union-attr]
    assert re.findall(r"'(\w+)'", columns) == list(LANGUAGES)
    page = client.get("/fieldwork/app/").get_data(as_text=True)
    meta = re.search(r'<meta name="field-languages" content="([^"]*)">', page).group(1)  # type: ignore[union-attr]
    import html

    assert json.loads(html.unescape(meta)) == [[code, LANGUAGE_NAMES[code]] for code in LANGUAGES]


def test_questionnaire_scripts_are_the_installed_packages_own(client: FlaskClient) -> None:
    from importlib import resources

    for name in ("expressions.js", "engine.js"):
        body = client.get(f"/fieldwork/app/q/{name}").get_data()
        assert body == resources.files("questionnaires").joinpath("js", name).read_bytes()
    assert client.get("/fieldwork/app/q/other.js").status_code == 404
