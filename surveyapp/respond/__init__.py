"""PLACEHOLDER created by the server-foundation engineer so the app factory can
register the respondent survey blueprint; the respondent-survey engineer owns
this package and replaces this file. Routes live under /s/ (the request log
omits client address and user agent there)."""

from flask import Blueprint

bp = Blueprint("respond", __name__, url_prefix="/s")
