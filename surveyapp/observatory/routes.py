"""Observatory: indicators and status reports by wave and area, downloads, administrative uploads.

Who sees what is decided by :mod:`surveyapp.services.report_access`; a public
edition never shows an estimate the quality rule suppresses, in any format.
Helpers that cannot give their value (a table still being built, a refused
wave) ``abort`` with the response to give.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import TYPE_CHECKING, Any, Literal, NoReturn

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user

from ..auth.decorators import role_required
from ..errors import error_response, wants_json
from ..extensions import csrf, db, login_manager
from ..i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    PERCENT_SIGNS,
    asked_or_default_language,
    default_language,
    format_date,
    format_number,
    format_percent,
)
from ..models import AreaLevel, ReportOutput, User, Wave
from ..services import boundaries, uploads
from ..services.coverage import not_measured
from ..services.indicator_rows import (
    Choice,
    TableUnavailable,
    download_table,
    indicator_table,
    ready_output,
)
from ..services.report_access import (
    OBSERVATORY_ROLES,
    UPLOAD_ROLES,
    Refusal,
    ReportRefused,
    can_upload,
    check_area,
    check_wave,
    is_staff,
    visible_waves,
)
from ..services.reports import (
    NATIONAL,
    OutputKey,
    area_choices,
    awaiting_approval_count,
    completed_count,
    completed_count_in,
    data_version,
    mark_served,
    wave_areas,
)
from ..services.reports.settings import FIXED_REASONS, read_reason
from ..staff_texts import staff_counted
from . import exports
from .forms import BoundaryUploadForm, CensusUploadForm, PoliceUploadForm
from .jobs import report_settings, start_worker
from .texts import counted, text

if TYPE_CHECKING:  # tables are pandas DataFrames; pandas loads with the first one parsed
    import pandas as pd

log = logging.getLogger(__name__)
bp = Blueprint("observatory", __name__, url_prefix="/observatory")
#: JSON for API clients; registered by create_app next to the other API routes.
api_bp = Blueprint("observatory_api", __name__, url_prefix="/api")
# GET only, read-only, authenticated by the session cookie like the pages.
csrf.exempt(api_bp)

#: Percent indicators shown as bars on the page, when present.
KEY_INDICATORS = (
    "prev_person",
    "prev_household",
    "reporting_rate",
    "dark_figure",
    "sdg_16_1_4",
    "insecure_nbhd",
    "insecure_muni",
    "insecure_state",
    "trust_police",
    "sdg_16_5_1",
)


def _user() -> User | None:
    return current_user._get_current_object() if current_user.is_authenticated else None  # type: ignore[no-any-return]


def _refuse(reason: Refusal) -> NoReturn:
    """404 for what the user may not know of; log in (401 for API clients) or 403 otherwise."""
    if reason == "not_found":
        abort(404)
    if reason == "login":
        abort(current_app.make_response(login_manager.unauthorized()))
    abort(403)


def _language() -> str:
    language = request.args.get("lang") or default_language()
    if language not in LANGUAGES:
        abort(
            current_app.make_response(
                error_response(
                    400,
                    f"Choose a language among {', '.join(LANGUAGES)}.",
                    # an unknown ?lang= is said in the default language, as docs promise
                    observatory_said=lambda said: text(
                        "unknown_language", said, languages=", ".join(LANGUAGES)
                    ),
                )
            )
        )
    return language


def _choice(wave_id: int) -> Choice:
    user = _user()
    try:
        wave = check_wave(user, db.session.get(Wave, wave_id))
        language = _language()
        access = check_area(
            db.session,
            user,
            wave,
            request.args.get("area") or NATIONAL,
            want_public=request.args.get("audience") == "public",
        )
    except ReportRefused as refused:
        _refuse(refused.reason)
    areas = wave_areas(db.session, wave)
    return Choice(wave, access.area, areas, language, access.public, access.internal)


def _retry_after() -> int:
    return int(current_app.config["REPORT_REFRESH_SECONDS"])


#: What each download route serves, by the end of its path.
_FILE_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _file_client(mime: str | None = None) -> bool:
    """A download (of ``mime``, else told by the end of the path) asked for by a client that
    does not prefer HTML to the file (curl, scripts).

    Such a client saves whatever body it gets as the file, so it must never get the HTML
    waiting page: it gets 202 with a line of text and Retry-After instead.
    """
    if mime is None:
        mime = next((m for end, m in _FILE_TYPES.items() if request.path.endswith(end)), None)
    if mime is None:
        return False
    accept = request.accept_mimetypes
    return not accept["text/html"] > accept[mime]


def _waiting(choice: Choice, output: ReportOutput) -> Response:
    return waiting(
        output, language=choice.language, caption=f"{choice.wave.name} · {choice.area.name}"
    )


def waiting(
    output: ReportOutput, *, language: str, caption: str, mime: str | None = None
) -> Response:
    """202 while an output is being built, with Retry-After: a page that reloads itself for a
    browser, JSON for API clients, a line of text for a script downloading a file (of
    ``mime``, else told by the end of the path).

    The download URL is stable: the same address serves the file once it is built
    (``Content-Location`` names it)."""
    seconds = _retry_after()
    if wants_json():
        response = jsonify(
            status=output.status.value,
            progress=output.progress,
            retry_after=seconds,
            url=request.url,
        )
    elif _file_client(mime):
        line = text("retry_text", language, seconds=seconds, url=request.url)
        response = current_app.response_class(line + "\n", mimetype="text/plain")
    else:
        response = current_app.make_response(
            render_template(
                "observatory/wait.html",
                caption=caption,
                output=output,
                seconds=seconds,
                t=lambda key, **v: text(key, language, **v),
            )
        )
    response.status_code = 202
    response.headers["Retry-After"] = str(seconds)
    response.headers["Content-Location"] = request.full_path.rstrip("?")
    response.headers["Cache-Control"] = "no-store"
    return response


def said_reason(reason: str, language: str) -> str:
    """A recorded reason as a page in ``language`` says it: one that says the same every time
    (:data:`~surveyapp.services.reports.settings.FIXED_REASONS`), or one naming what differs
    (:data:`~surveyapp.services.reports.settings.NAMED_REASONS`, its values as recorded).

    A library's detail (``{detail}``: which answer does not fit, which policy check fails) is
    English and meant for whoever runs the server: the page says what failed and that the
    detail is in the server's log, where it is written; so is a reason in neither table
    (recorded by an older version, a file system's refusal). API clients get the recorded
    English whole (:func:`failed`)."""
    name = FIXED_REASONS.get(reason)
    if name:
        return text(f"failed_{name}", language)
    named = read_reason(reason)
    if named is None or "detail" in named[1]:
        log.warning("a failed build's reason, shown without its details: %s", reason)
    if named is None:
        return text("failed_other", language)
    return text(f"failed_{named[0]}", language, **named[1])


def failure_message(output: ReportOutput, language: str) -> str:
    """Why ``output``'s build failed, as a page in ``language`` says it (:func:`said_reason`)."""
    if not output.error:
        return f"{text('failed', language)}."
    return text("failed_because", language, reason=said_reason(output.error, language))


def failed(output: ReportOutput) -> Response:
    """503 with Retry-After: the output's build failed on our side (or the reason it gave),
    said in the visitor's language on an observatory page, in English as recorded to API
    clients."""
    recorded = (
        text("failed_because", "en", reason=output.error)
        if output.error
        else f"{text('failed', 'en')}."
    )
    response = current_app.make_response(
        error_response(
            503,
            recorded,
            observatory_said=lambda language: failure_message(output, language),
        )
    )
    response.headers["Retry-After"] = "60"
    return response


def _stale_after() -> int:
    return int(current_app.config["REPORT_STALE_SECONDS"])


def _unavailable(choice: Choice, unavailable: TableUnavailable) -> NoReturn:
    """Abort with 404 without data, 503 when the build failed, 202 while it runs."""
    output = unavailable.output
    if output is None:
        abort(
            current_app.make_response(
                error_response(404, text("no_data", "en"), observatory_key="no_data")
            )
        )
    abort(failed(output) if unavailable.failed else _waiting(choice, output))


def _ready(choice: Choice, key: OutputKey) -> tuple[ReportOutput, bytes]:
    """The ready cache row of ``key`` and its content; aborts with 202 while it (or the table it
    needs) is built, 503 when that failed."""
    try:
        return ready_output(db.session, key, stale_after=_stale_after(), start_worker=start_worker)
    except TableUnavailable as unavailable:
        _unavailable(choice, unavailable)


def _table(choice: Choice, version: str) -> pd.DataFrame:
    """The wave's indicator table; aborts with the answer to give while it is not ready."""
    try:
        return indicator_table(
            db.session,
            choice.wave,
            version,
            stale_after=_stale_after(),
            start_worker=start_worker,
        )
    except TableUnavailable as unavailable:
        _unavailable(choice, unavailable)


def _no_data(choice: Choice) -> ResponseReturnValue:
    if wants_json():
        return error_response(404, text("no_data", "en"))
    return render_template(
        "observatory/wave.html",
        choice=choice,
        rows=[],
        bars=[],
        no_data=True,
        counts=_counts(choice, 0),
        **_page_context(choice),
    ), 200


def _counts(choice: Choice, interviews: int) -> list[str]:
    """What the figures are computed from, and the completed interviews still waiting for a
    supervisor's approval (the wave page counts them as completes; the results do not yet)."""
    language = choice.language
    # the review queue is staff business: a public visitor sees what the figures count
    waiting = awaiting_approval_count(db.session, choice.wave) if choice.staff else 0
    lines = []
    if interviews:
        lines.append(counted("interviews_counted", language, interviews))
    if waiting:
        lines.append(counted("awaiting_approval", language, waiting))
    return lines


def _page_context(choice: Choice) -> dict[str, Any]:
    from analysis.report.i18n import Translator

    return {
        "t": lambda key, **v: text(key, choice.language, **v),
        "rt": Translator(choice.language),  # the reports' words, in the page's language
        # standard indicators the wave's questionnaire does not measure: named, not just absent
        "not_measured": not_measured(choice.wave.instrument_version, choice.language),
        "language_names": LANGUAGE_NAMES,
        "area_options": area_choices(choice.areas),
        "quality_rules": str(current_app.config["REPORT_QUALITY_RULES"]).upper(),
    }


@bp.context_processor
def _frame() -> dict[str, Any]:
    """What observatory/layout.html needs on every page: the language, its words, the switch."""
    language = asked_or_default_language()
    return {
        "lang": language,
        "language_names": LANGUAGE_NAMES,
        "t": lambda key, **v: text(key, language, **v),
        # numbers as the reports write them in this language (one home: analysis.i18n)
        "number": lambda value, decimals=1: format_number(value, language, decimals),
        # dates as the language writes them, not ISO ("1 de enero de 2025"; analysis.i18n)
        "date": lambda day: format_date(day, language),
        "percent_sign": PERCENT_SIGNS[language],
    }


# ---- pages ----


@bp.route("/")
def index() -> ResponseReturnValue:
    """Waves with results: all of them for staff, the public ones for everybody else."""
    language = _language()
    return render_template(
        "observatory/index.html",
        waves=visible_waves(db.session, _user()),
        staff=is_staff(_user()),
        can_upload=can_upload(_user()),
        t=lambda key, **v: text(key, language, **v),
        language=language,
    )


@bp.route("/waves/<int:wave_id>")
def wave(wave_id: int) -> ResponseReturnValue:
    """Indicators of one area as a page: key figures as bars, every indicator with CI and quality."""
    choice = _choice(wave_id)
    completed = completed_count(db.session, choice.wave)
    if completed == 0:
        return _no_data(choice)
    table = _table(choice, _version(choice))
    rows = _rows(table, choice)
    own = [r for r in rows if r["domain_type"] == choice.area.report_level]
    from . import maps  # numpy, pandas and shapely: loaded when a page is asked for

    return render_template(
        "observatory/wave.html",
        choice=choice,
        rows=own,
        bars=_bars(own),
        no_data=False,
        map_groups=maps.page_maps(
            db.session,
            table,
            choice.area,
            choice.areas,
            language=choice.language,
            public=choice.public,
            min_cases=int(current_app.config["REPORT_MIN_CASES"]),
        ),
        hatch=maps.suppressed_fill(),
        # what this area's figures count, not the whole wave's (a municipality of 25)
        counts=_counts(choice, completed_count_in(db.session, choice.wave, choice.area)),
        **_page_context(choice),
    )


def _bars(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id = {r["indicator"]: r for r in rows}
    bars = []
    for ident in KEY_INDICATORS:
        row = by_id.get(ident)
        if row is None or row["unit"] != "percent":
            continue
        shown = row["estimate"] is not None
        bars.append(
            {
                "name": row["indicator_name"],
                "estimate": row["estimate"],
                "low": row["ci_low"],
                "high": row["ci_high"],
                "shown": shown,
                "suppressed": row["suppressed"],
                "quality": row["quality"],
            }
        )
    return bars


def _download(
    choice: Choice, data: bytes, mimetype: str, extension: str, stem: str | None = None
) -> Response:
    """The file as an attachment named ``<wave>-<area>`` (or ``stem``) ``-<language>-<edition>``."""
    edition = "public" if choice.public else "internal"
    # header values are latin-1: keep the file name to safe ASCII whatever the area code holds
    code = re.sub(r"[^A-Za-z0-9_.-]+", "_", choice.area.code) or "area"
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", stem) if stem else f"{choice.wave.slug}-{code}"
    name = f"{stem}-{choice.language}-{edition}.{extension}"
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = (
        "private, no-cache" if not choice.public else "public, max-age=300"
    )
    return response


def _version(choice: Choice) -> str:
    return data_version(db.session, choice.wave, report_settings())


def _rows(table: pd.DataFrame, choice: Choice) -> list[dict[str, Any]]:
    """The rows of the chosen area (and groups) in the chosen edition and language."""
    return exports.export_rows(table, choice.area, public=choice.public, language=choice.language)


def _download_rows(choice: Choice) -> list[dict[str, Any]]:
    """The rows to download; aborts with 404 when the wave has no data, or while it is built."""
    try:
        table = download_table(
            db.session,
            choice.wave,
            settings=report_settings(),
            stale_after=_stale_after(),
            start_worker=start_worker,
        )
    except TableUnavailable as unavailable:
        _unavailable(choice, unavailable)
    return _rows(table, choice)


@bp.route("/waves/<int:wave_id>/indicators.csv")
def indicators_csv(wave_id: int) -> ResponseReturnValue:
    """The area's indicator table as CSV (UTF-8 with BOM)."""
    choice = _choice(wave_id)
    rows = _download_rows(choice)
    # the standard indicators the questionnaire does not measure: last, status not_measured
    missing = exports.not_measured_rows(
        not_measured(choice.wave.instrument_version, choice.language), choice.area
    )
    return _download(choice, exports.to_csv(rows, missing), "text/csv", "csv")


def _interval_level(rows: list[dict[str, Any]]) -> float:
    """The table's confidence level (every row has the same; 0.9 for a table without rows)."""
    return next((float(r["level"]) for r in rows if r.get("level") is not None), 0.9)


@bp.route("/waves/<int:wave_id>/indicators.xlsx")
def indicators_xlsx(wave_id: int) -> ResponseReturnValue:
    """The area's indicator table as an Excel workbook."""
    choice = _choice(wave_id)
    rows = _download_rows(choice)
    language = choice.language
    about: list[tuple[str, str | dt.date]] = [
        (text("xlsx_wave", language), choice.wave.name),
        (text("xlsx_area", language), choice.area.name),
        (text("xlsx_level", language), text(f"xlsx_level_{choice.area.report_level}", language)),
        (
            text("xlsx_edition", language),
            text("public" if choice.public else "internal", language),
        ),
        (text("xlsx_quality_rules", language), str(current_app.config["REPORT_QUALITY_RULES"])),
        # what a reader needs to use the numbers, as the page's note says it
        # date cells, written as the language writes dates (not ISO text)
        (text("xlsx_period_start", language), choice.wave.reference_start),
        (text("xlsx_period_end", language), choice.wave.reference_end),
        (
            text("xlsx_confidence", language),
            text(
                "xlsx_confidence_said",
                language,
                level=format_percent(100 * _interval_level(rows), language, 0),
            ),
        ),
        (
            text("xlsx_suppressed", language),
            counted("xlsx_suppressed_said", language, int(current_app.config["REPORT_MIN_CASES"])),
        ),
    ]
    # the standard indicators the questionnaire does not measure: absent rows, named here
    about += [
        (
            text("xlsx_not_measured", language),
            text(
                "xlsx_needs", language, indicator=m.indicator, name=m.name, items=", ".join(m.items)
            ),
        )
        for m in not_measured(choice.wave.instrument_version, language)
    ]
    return _download(
        choice,
        exports.to_xlsx(rows, about, about_title=text("xlsx_about", language), language=language),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    )


@bp.route("/waves/<int:wave_id>/report.pdf")
def report_pdf(wave_id: int) -> ResponseReturnValue:
    """The PDF status report; 202 with a self-reloading page while it is built."""
    choice = _choice(wave_id)
    if completed_count(db.session, choice.wave) == 0:
        return error_response(404, text("no_data", "en"), observatory_key="no_data")
    key = OutputKey.pdf(choice.wave, choice.area, choice.language, choice.public, _version(choice))
    output, content = _ready(choice, key)
    mark_served(db.session, output)
    db.session.commit()
    return _download(choice, content, "application/pdf", "pdf")


# ---- JSON ----


@api_bp.route("/waves")
def api_waves() -> ResponseReturnValue:
    """Waves the caller may read, with their areas."""
    return jsonify(
        waves=[
            {
                "id": w.id,
                "name": w.name,
                "slug": w.slug,
                "public": w.public_report,
                "reference_period": [w.reference_start.isoformat(), w.reference_end.isoformat()],
                "areas": [
                    {"key": a.key, "code": a.code, "name": a.name, "level": a.report_level}
                    for a in wave_areas(db.session, w)
                ],
            }
            for w in visible_waves(db.session, _user())
        ]
    )


@api_bp.route("/waves/<int:wave_id>/indicators")
def api_indicators(wave_id: int) -> ResponseReturnValue:
    """``?area=<key>&lang=&audience=``: the area's indicators; 202 with Retry-After while being built."""
    choice = _choice(wave_id)
    rows = _download_rows(choice)
    return jsonify(
        wave={"id": choice.wave.id, "name": choice.wave.name, "slug": choice.wave.slug},
        area={
            "key": choice.area.key,
            "code": choice.area.code,
            "name": choice.area.name,
            "level": choice.area.report_level,
        },
        edition="public" if choice.public else "internal",
        language=choice.language,
        quality_rules=str(current_app.config["REPORT_QUALITY_RULES"]),
        indicators=rows,
        # standard indicators the wave's questionnaire cannot measure, as /api/v1 gives them
        not_measured=[
            {"indicator": n.indicator, "name": n.name, "items": list(n.items)}
            for n in not_measured(choice.wave.instrument_version, choice.language)
        ],
    )


# ---- uploads ----


@bp.route("/uploads")
@role_required(*OBSERVATORY_ROLES)
def uploads_page() -> ResponseReturnValue:
    """Police records and census totals stored, and (for managers) the upload forms."""
    return _uploads_page(PoliceUploadForm(), CensusUploadForm())


def _uploads_page(
    police_form: PoliceUploadForm,
    census_form: CensusUploadForm,
    result: uploads.UploadResult | None = None,
    kind: str | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    user = _user()
    return render_template(
        "observatory/uploads.html",
        police_form=police_form,
        census_form=census_form,
        result=result,
        kind=kind,
        summary=uploads.upload_summary(db.session),
        can_upload=can_upload(user),
        police_columns=uploads.POLICE_COLUMNS,
        census_columns=uploads.CENSUS_COLUMNS,
    ), status


@bp.route("/uploads/police", methods=["POST"])
@role_required(*UPLOAD_ROLES)
def upload_police() -> ResponseReturnValue:
    return _upload("police")


@bp.route("/uploads/census", methods=["POST"])
@role_required(*UPLOAD_ROLES)
def upload_census() -> ResponseReturnValue:
    return _upload("census")


def _upload(kind: Literal["police", "census"]) -> ResponseReturnValue:
    """Store an uploaded file of police records or census totals, or show every row problem."""
    police_form, census_form = PoliceUploadForm(), CensusUploadForm()
    form: PoliceUploadForm | CensusUploadForm = police_form if kind == "police" else census_form
    if not form.validate_on_submit():
        return _uploads_page(police_form, census_form, status=400)
    store = uploads.import_police_records if kind == "police" else uploads.import_population_totals
    result = store(db.session, form.file.data.read(), by=_user())
    if not result.ok:
        db.session.rollback()
        return _uploads_page(police_form, census_form, result, kind, status=400)
    db.session.commit()
    what = "police_records_stored" if kind == "police" else "population_totals_stored"
    flash(staff_counted(what, result.stored, replaced=result.replaced), "success")
    return redirect(url_for("observatory.uploads_page"))


# ---- boundaries (maps) ----


@bp.route("/uploads/boundaries")
@role_required(*OBSERVATORY_ROLES)
def boundaries_page() -> ResponseReturnValue:
    """Boundaries stored by level and (for managers) the GeoJSON upload form."""
    return _boundaries_page(BoundaryUploadForm())


def _boundaries_page(
    form: BoundaryUploadForm, result: boundaries.BoundaryResult | None = None, status: int = 200
) -> ResponseReturnValue:
    return render_template(
        "observatory/boundaries.html",
        form=form,
        result=result,
        summary=boundaries.boundary_summary(db.session),
        can_upload=can_upload(_user()),
        max_mb=round(int(current_app.config["BOUNDARY_MAX_BYTES"]) / 1e6, 1),
    ), status


@bp.route("/uploads/boundaries", methods=["POST"])
@role_required(*UPLOAD_ROLES)
def upload_boundaries() -> ResponseReturnValue:
    """Store a GeoJSON file of one level's boundaries, or list every problem by feature."""
    form = BoundaryUploadForm()
    if not form.validate_on_submit():
        return _boundaries_page(form, status=400)
    result = boundaries.import_boundaries(
        db.session,
        form.file.data.read(),
        level=AreaLevel(form.level.data),
        by=_user(),
        max_bytes=int(current_app.config["BOUNDARY_MAX_BYTES"]),
        # the file's name, without control characters (PostgreSQL refuses a NUL in text)
        source="".join(c for c in form.file.data.filename or "" if c.isprintable())[:200] or None,
    )
    if not result.ok:
        db.session.rollback()
        return _boundaries_page(form, result, status=400)
    db.session.commit()
    flash(staff_counted("boundaries_stored", result.stored, replaced=result.replaced), "success")
    return redirect(url_for("observatory.boundaries_page"))
