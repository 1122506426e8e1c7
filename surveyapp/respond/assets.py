"""Respondent assets: the expression evaluator from its one source, content-hashed URLs."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

from flask import Response, request, url_for
from flask.typing import ResponseReturnValue

from .blueprint import bp

_EXPRESSIONS_JS: tuple[bytes, str] | None = None


def _expressions_js() -> tuple[bytes, str]:
    global _EXPRESSIONS_JS
    if _EXPRESSIONS_JS is None:
        body = resources.files("questionnaires").joinpath("js/expressions.js").read_bytes()
        _EXPRESSIONS_JS = (body, hashlib.sha256(body).hexdigest()[:16])
    return _EXPRESSIONS_JS


@bp.get("/expressions.js")
def expressions_js() -> ResponseReturnValue:
    """questionnaires/js/expressions.js, read from the installed package (never copied)."""
    body, etag = _expressions_js()
    response = Response(body, mimetype="text/javascript")
    response.set_etag(etag)
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response.make_conditional(request)


def expressions_version() -> str:
    return _expressions_js()[1]


_asset_versions: dict[str, str] = {}


@bp.app_template_global()
def respond_asset(filename: str) -> str:
    """URL of a respondent asset with a content hash, so it can be cached for good."""
    if filename == "expressions.js":
        return url_for("respond.expressions_js", v=expressions_version())
    version = _asset_versions.get(filename)
    if version is None:
        assert bp.static_folder is not None
        body = (Path(bp.root_path) / bp.static_folder / filename).read_bytes()
        version = _asset_versions.setdefault(filename, hashlib.sha256(body).hexdigest()[:16])
    return url_for("respond.static", filename=filename, v=version)
