"""Observatory: the regional comparison of several waves (countries or cities), page and PDF.

``/observatory/regional?waves=3&waves=7&lang=es`` (or ``waves=3,7``): the
standardized core set of those waves side by side; without ``waves``, the
latest wave with results of each country or city the caller may see. Every
wave is checked as its own pages are (:mod:`surveyapp.services.report_access`):
the internal edition only when the caller may see every wave's internal one.
The indicator tables come from the report cache (202 while one is built). The
PDF is a cached output of kind ``regional`` too, built once by the report worker
(rendering takes seconds, too long for a request): 202 "being prepared" until
it is ready, as a wave's report.pdf.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from ..errors import error_response
from ..extensions import db
from ..models import Wave
from ..models.base import parse_id
from ..services.indicator_rows import Choice, TableUnavailable, ready_output
from ..services.report_access import (
    ReportRefused,
    check_area,
    check_wave,
    visible_waves,
)
from ..services.reports import NATIONAL, OutputKey, completed_count, data_version, mark_served
from .jobs import report_settings, start_worker
from .routes import (
    _download,
    _language,
    _refuse,
    _stale_after,
    _table,
    _user,
    bp,
    failed,
    waiting,
)
from .texts import text

#: more waves than this in one comparison is refused (the tables would not fit a page anyway)
MAX_WAVES = 12


def _ids() -> list[int] | None:
    """The wave ids asked for (``waves=3&waves=7`` or ``waves=3,7``); None when none is."""
    raw = [part for value in request.args.getlist("waves") for part in value.split(",")]
    raw = [part.strip() for part in raw if part.strip()]
    if not raw:
        return None
    numbers = [parse_id(part) for part in raw]  # "²", 5,000 digits ... name no wave
    if None in numbers:
        abort(
            current_app.make_response(
                error_response(
                    400,
                    "waves must be wave ids: 3,7",
                    observatory_key="regional_wave_ids",
                )
            )
        )
    ids = list(dict.fromkeys(number for number in numbers if number is not None))
    if len(ids) > MAX_WAVES:
        abort(
            current_app.make_response(
                error_response(
                    400,
                    f"compare at most {MAX_WAVES} waves at once",
                    observatory_said=lambda language: text(
                        "regional_too_many", language, n=MAX_WAVES
                    ),
                )
            )
        )
    return ids


def _default_waves() -> list[Wave]:
    """The latest wave with results of each area (a country, a city) that a wave covers alone,
    among those the caller may see, by the area's name."""
    latest: dict[int, Wave] = {}
    for wave in visible_waves(db.session, _user()):  # newest first
        if len(wave.areas) != 1 or completed_count(db.session, wave) == 0:
            continue
        latest.setdefault(wave.areas[0].id, wave)
    return sorted(latest.values(), key=lambda w: (w.areas[0].name, w.id))


def _choices(language: str) -> list[Choice]:
    """One checked Choice (national area, edition) per wave compared; aborts on a refusal."""
    ids = _ids()
    user = _user()
    want_public = request.args.get("audience") == "public"
    waves = [db.session.get(Wave, i) for i in ids] if ids is not None else _default_waves()
    choices = []
    try:
        for found in waves:
            wave = check_wave(user, found)
            access = check_area(db.session, user, wave, NATIONAL, want_public=want_public)
            choices.append(Choice(wave, access.area, [], language, access.public, access.internal))
    except ReportRefused as refused:
        _refuse(refused.reason)
    # one edition for the whole comparison: internal only if every wave may be seen internally
    public = any(c.public for c in choices)
    staff = bool(choices) and all(c.staff for c in choices)
    return [Choice(c.wave, c.area, [], language, public, staff) for c in choices]


def _with_data(choices: list[Choice]) -> tuple[list[Choice], list[Wave]]:
    empty = [c.wave for c in choices if completed_count(db.session, c.wave) == 0]
    return [c for c in choices if c.wave not in empty], empty


@bp.route("/regional")
def regional() -> ResponseReturnValue:
    """The regional comparison as a page: the waves compared, the notes, the core table."""
    from analysis.report.i18n import Translator
    from analysis.report.regional import RegionalData, RegionalWriter

    from ..services.regional import regional_wave

    asked = request.args.getlist("waves")
    if len(asked) > 1:  # checkboxes: one address per comparison, kept by the language switch
        args = {**request.args.to_dict(), "waves": ",".join(asked)}
        return redirect(f"{url_for('observatory.regional')}?{urlencode(args)}")
    language = _language()
    choices, empty = _with_data(_choices(language))
    settings = report_settings()
    t = Translator(language)
    writer = None
    if choices:
        tables = [_table(c, data_version(db.session, c.wave, settings)) for c in choices]
        data = RegionalData(
            [regional_wave(db.session, c.wave, tab) for c, tab in zip(choices, tables, strict=True)]
        )
        writer = RegionalWriter(data, t, choices[0].public)
    chosen = {c.wave.id for c in choices}
    return render_template(
        "observatory/regional.html",
        language=language,
        waves=[w for w in visible_waves(db.session, _user()) if completed_count(db.session, w)],
        chosen=chosen,
        empty=empty,
        writer=writer,
        rt=t,
        public=choices[0].public if choices else True,
        staff=bool(choices) and choices[0].staff,
        query={"waves": ",".join(str(c.wave.id) for c in choices), "lang": language}
        | ({"audience": "public"} if choices and choices[0].public else {}),
    )


@bp.route("/regional.pdf")
def regional_pdf() -> ResponseReturnValue:
    """The regional comparison PDF of the waves asked for (or the default ones); 202 with a
    self-reloading page while it is built, 503 when that failed."""
    language = _language()
    choices, _empty = _with_data(_choices(language))
    if not choices:
        return error_response(
            404, "There are no waves with results to compare.", observatory_key="regional_none"
        )
    settings = report_settings()
    waves = [c.wave for c in choices]
    first = choices[0]
    key = OutputKey.regional(
        waves, [data_version(db.session, w, settings) for w in waves], language, first.public
    )
    try:
        output, pdf = ready_output(
            db.session, key, stale_after=_stale_after(), start_worker=start_worker
        )
    except TableUnavailable as unavailable:
        assert unavailable.output is not None  # the comparison's row
        if unavailable.failed:
            return failed(unavailable.output)
        caption = f"{text('regional', language)} · {', '.join(w.name for w in waves)}"
        return waiting(unavailable.output, language=language, caption=caption)
    mark_served(db.session, output)
    db.session.commit()
    return _download(
        first,
        pdf,
        "application/pdf",
        "pdf",
        stem=f"regional-{'-'.join(w.slug for w in waves)[:80]}",
    )
