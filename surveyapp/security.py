"""Response headers and proxy handling that every deployment needs."""

from __future__ import annotations

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

from .requestlog import is_respondent_path

#: Staff areas whose pages must not be kept by browsers or shared caches.
PRIVATE_PREFIXES = ("/manage", "/fieldwork", "/observatory", "/auth")


def _headers(app: Flask) -> None:
    csp = app.config.get("CONTENT_SECURITY_POLICY")

    def add(response: Response) -> Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if csp:
            response.headers.setdefault("Content-Security-Policy", csp)
        if request.path.startswith(PRIVATE_PREFIXES):
            response.headers["Cache-Control"] = "no-store"
        elif is_respondent_path(request.path) and response.mimetype == "text/html":
            # What the survey's own pages send, also on pages it does not render (405, 413 ...):
            # no copy in any cache, and the survey address passed to no other site.
            response.headers.setdefault("Cache-Control", "no-store")
            response.headers["Referrer-Policy"] = "no-referrer"
        return response

    app.after_request(add)


def register_security(app: Flask) -> None:
    """Trust X-Forwarded-* from TRUSTED_PROXIES proxies; add the security headers."""
    proxies = int(app.config.get("TRUSTED_PROXIES", 0))
    if proxies > 0:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )
    if app.config.get("SECURITY_HEADERS", True):
        _headers(app)
