"""The interviewer app's shell: the page, its service worker, its manifest and its scripts.

Everything here is public and the same for everyone: the app logs in through the
field API (``/api/field``) and keeps its data in the device's IndexedDB, so a
cached copy of these files is all it needs offline. The service worker's cache
is named after a hash of every file the app loads (``build_id``): a new release
gives a new worker, which caches the new files beside the old ones and removes
the old cache only once it takes over. Interviews and instruments live in
IndexedDB, apart from the code, so an update never strands them.
"""

from __future__ import annotations

import functools
import hashlib
import json
from importlib import resources
from pathlib import Path

from flask import Response, current_app, render_template, request, url_for
from flask.typing import ResponseReturnValue

from ..i18n import LANGUAGE_NAMES, LANGUAGES
from .routes import bp

#: What in surveyapp/static/field/ belongs to the app (every such file is cached for offline use).
APP_SUFFIXES = (".js", ".css", ".svg", ".png")
#: ... except the recipe that vendors third-party modules and npm's working folder.
NOT_APP = ("vendor/build.mjs", "vendor/node_modules/")


#: Classic scripts from the questionnaires package, read from the installed package (one source
#: for the web survey, the tablet and the tests).
QUESTIONNAIRE_SCRIPTS = ("expressions.js", "engine.js")

#: The scope the service worker controls.
SCOPE = "/fieldwork/app/"

#: Content-Security-Policy of the shell: no inline script or style, nothing from elsewhere.
SHELL_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'; object-src 'none'"
)


def _static_root() -> Path:
    return Path(current_app.static_folder or "") / "field"


@functools.cache
def _questionnaire_script(name: str) -> bytes:
    return resources.files("questionnaires").joinpath("js", name).read_bytes()


def app_files(static_root: Path) -> list[str]:
    """The app's own files, as paths relative to ``static_root``, sorted."""
    names = []
    for path in static_root.rglob("*"):
        name = path.relative_to(static_root).as_posix()
        if path.is_file() and name.endswith(APP_SUFFIXES) and not name.startswith(NOT_APP):
            names.append(name)
    return sorted(names)


@functools.cache
def _file_hashes(static_root: str) -> dict[str, str]:
    root = Path(static_root)
    hashes = {}
    for name in app_files(root):
        hashes[name] = hashlib.sha256((root / name).read_bytes()).hexdigest()[:16]
    for name in QUESTIONNAIRE_SCRIPTS:
        hashes["q/" + name] = hashlib.sha256(_questionnaire_script(name)).hexdigest()[:16]
    return hashes


def asset_hashes() -> dict[str, str]:
    return _file_hashes(str(_static_root()))


def build_id() -> str:
    """One hash of every file the app loads and of the shell template: changes with any release."""
    digest = hashlib.sha256()
    for name, value in sorted(asset_hashes().items()):
        digest.update(f"{name}={value}\n".encode())
    template = Path(bp.root_path).parent / "templates" / "fieldwork" / "app.html"
    digest.update(template.read_bytes())
    return digest.hexdigest()[:16]


def asset_url(name: str) -> str:
    """URL of one of the app's files, with its content hash (so the browser may keep it for good)."""
    hashes = asset_hashes()
    if name in QUESTIONNAIRE_SCRIPTS:
        return url_for("fieldwork.questionnaire_script", name=name, v=hashes["q/" + name])
    return url_for("static", filename="field/" + name, v=hashes[name])


def _precache() -> list[str]:
    urls = [url_for("fieldwork.app_shell"), url_for("fieldwork.app_manifest")]
    urls += [asset_url(name) for name in app_files(_static_root())]
    urls += [asset_url(name) for name in QUESTIONNAIRE_SCRIPTS]
    return urls


@bp.get("/app/")
def app_shell() -> ResponseReturnValue:
    """The interviewer app (public: the app itself asks for the interviewer's login)."""
    response = current_app.make_response(
        render_template(
            "fieldwork/app.html",
            asset_url=asset_url,
            build=build_id(),
            languages=[[code, LANGUAGE_NAMES[code]] for code in LANGUAGES],
        )
    )
    response.headers["Content-Security-Policy"] = SHELL_CSP
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.get("/app/sw.js")
def app_service_worker() -> ResponseReturnValue:
    """The service worker, with this release's build id and file list written in."""
    body = render_template(
        "fieldwork/sw.js",
        build_json=json.dumps(build_id()),
        precache_json=json.dumps(_precache()),
        scope_json=json.dumps(SCOPE),
    )
    # Served no-store (as every /fieldwork page): the browser's update check always sees the
    # current worker.
    return Response(body, mimetype="text/javascript")


@bp.get("/app/manifest.webmanifest")
def app_manifest() -> ResponseReturnValue:
    """Web app manifest: installable from the browser, no app store."""
    manifest = {
        "name": "Encuesta de victimización — entrevistas",
        "short_name": "Entrevistas",
        "description": "Victimization survey interviews, offline on tablets",
        "lang": "es",
        "start_url": SCOPE,
        "scope": SCOPE,
        "display": "standalone",
        "orientation": "any",
        "background_color": "#ffffff",
        "theme_color": "#0b0c0c",
        "icons": [
            {"src": asset_url("icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": asset_url("icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": asset_url("icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return Response(json.dumps(manifest, ensure_ascii=False), mimetype="application/manifest+json")


@bp.get("/app/q/<any(expressions.js, engine.js):name>")
def questionnaire_script(name: str) -> ResponseReturnValue:
    """The expression evaluator and the interview engine, from the questionnaires package."""
    response = Response(_questionnaire_script(name), mimetype="text/javascript")
    response.set_etag(asset_hashes()["q/" + name])
    return response.make_conditional(request)
