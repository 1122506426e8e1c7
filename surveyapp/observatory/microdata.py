"""Microdata releases in the observatory: a wave's download page and the ZIPs, for staff.

Releases are whole-wave files: analysts, survey managers and administrators not limited to
an area get both editions, staff limited to an area the public edition only
(:mod:`surveyapp.services.release_downloads`, the same rule as the read API's tokens).
"""

from __future__ import annotations

import re

from flask import abort, current_app, render_template
from flask.typing import ResponseReturnValue

from ..auth.decorators import role_required
from ..errors import error_response
from ..extensions import db
from ..models import Wave
from ..services import release_downloads
from ..services.report_access import OBSERVATORY_ROLES, ReportRefused, check_wave
from .routes import _language, _refuse, _user, bp
from .texts import text

#: How each format is offered (names of programs and formats: the same in every language).
FORMAT_NAMES = {
    "csv": "CSV (UTF-8)",
    "xlsx": "Excel (.xlsx)",
    "dta": "Stata (.dta)",
    "sav": "SPSS (.sav)",
    "parquet": "Parquet",
}


def _wave(wave_id: int) -> Wave:
    try:
        return check_wave(_user(), db.session.get(Wave, wave_id))
    except ReportRefused as refused:
        _refuse(refused.reason)


@bp.route("/waves/<int:wave_id>/microdata")
@role_required(*OBSERVATORY_ROLES)
def microdata(wave_id: int) -> ResponseReturnValue:
    """The wave's releases the user may download, by edition and format."""
    wave = _wave(wave_id)
    language = _language()
    return render_template(
        "observatory/microdata.html",
        wave=wave,
        language=language,
        editions=release_downloads.user_editions(_user()),
        formats=release_downloads.FORMATS,
        format_names=FORMAT_NAMES,
    )


@bp.route("/waves/<int:wave_id>/microdata/<edition>/<format_>")
@role_required(*OBSERVATORY_ROLES)
def microdata_release(wave_id: int, edition: str, format_: str) -> ResponseReturnValue:
    """One release as a ZIP (files, codebook, public disclosure report, DDI)."""
    wave = _wave(wave_id)
    language = _language()
    if edition not in release_downloads.EDITIONS or format_ not in release_downloads.FORMATS:
        abort(404)
    allowed = release_downloads.user_editions(_user())
    if edition not in allowed:
        abort(403)
    try:
        data = release_downloads.release_archive(
            db.session,
            wave,
            edition="public" if edition == "public" else "internal",
            format_=format_,
            language=language,
        )
    except release_downloads.ReleaseUnavailable as exc:
        db.session.rollback()
        return error_response(409, f"{text('microdata_unavailable', language)}: {exc.message}")
    name = re.sub(
        r"[^A-Za-z0-9_.-]+", "_", release_downloads.archive_name(wave, edition, format_, language)
    )
    response = current_app.response_class(data, mimetype=release_downloads.ZIP_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
