"""Microdata releases in the observatory: a wave's download page and the ZIPs, for staff.

Releases are whole-wave files: analysts, survey managers and administrators not limited to
an area get both editions, staff limited to an area the public edition only
(:mod:`surveyapp.services.release_downloads`, the same rule as the read API's tokens).
A release is built once per data version by the report worker; until it is ready the
address answers 202 "being prepared", as a PDF report's does, then streams the ZIP.
"""

from __future__ import annotations

import re

from flask import Response, abort, current_app, render_template, stream_with_context
from flask.typing import ResponseReturnValue

from ..auth.decorators import role_required
from ..errors import error_response
from ..extensions import db
from ..models import Wave
from ..services import release_downloads
from ..services.indicator_rows import TableUnavailable
from ..services.report_access import OBSERVATORY_ROLES, ReportRefused, check_wave
from ..services.reports import mark_served
from .jobs import start_worker
from .routes import _language, _refuse, _stale_after, _user, bp, failed, said_reason, waiting
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


def release_response(release: release_downloads.ReadyRelease, name: str) -> Response:
    """A cached release as a download: streamed a part at a time, with its length and ETag."""
    response = current_app.response_class(
        stream_with_context(release_downloads.release_bytes(db.session, release)),
        mimetype=release_downloads.ZIP_TYPE,
    )
    response.headers["Content-Length"] = str(release.size)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.set_etag(release.etag)
    return response


@bp.route("/waves/<int:wave_id>/microdata/<edition>/<format_>")
@role_required(*OBSERVATORY_ROLES)
def microdata_release(wave_id: int, edition: str, format_: str) -> ResponseReturnValue:
    """One release as a ZIP (files, codebook, public disclosure report, DDI); 202 with a
    self-reloading page while it is built."""
    wave = _wave(wave_id)
    language = _language()
    if edition not in release_downloads.EDITIONS or format_ not in release_downloads.FORMATS:
        abort(404)
    allowed = release_downloads.user_editions(_user())
    if edition not in allowed:
        abort(403)
    try:
        release = release_downloads.ready_release(
            db.session,
            wave,
            edition="public" if edition == "public" else "internal",
            format_=format_,
            language=language,
            stale_after=_stale_after(),
            start_worker=start_worker,
        )
    except release_downloads.ReleaseUnavailable as exc:
        db.session.rollback()
        reason = exc.message
        return error_response(
            409,
            f"{text('microdata_unavailable', 'en')}: {reason}",
            observatory_said=lambda asked: text(
                "microdata_unavailable_because", asked, reason=said_reason(reason, asked)
            ),
        )
    except TableUnavailable as unavailable:
        assert unavailable.output is not None  # a release always has its row
        if unavailable.failed:
            return failed(unavailable.output)
        caption = f"{wave.name} · {text('microdata', language)} ({edition}, {format_})"
        return waiting(
            unavailable.output, language=language, caption=caption, mime=release_downloads.ZIP_TYPE
        )
    mark_served(db.session, release.output)
    db.session.commit()
    name = re.sub(
        r"[^A-Za-z0-9_.-]+", "_", release_downloads.archive_name(wave, edition, format_, language)
    )
    return release_response(release, name)
