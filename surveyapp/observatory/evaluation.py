"""Observatory: the evaluation of a measure (difference in differences) and fear by
victimization status and group.

``/observatory/evaluation?before=3&after=7&level=state&areas=12&areas=15&indicators=prev_person``:
a GET form, so that every result has an address to share. Without ``run`` it only lists the
areas of the waves chosen; with it, it computes. Both waves are checked as their own pages are
(:mod:`surveyapp.services.report_access`); the internal edition only when the caller may see
both waves' internal results for the whole country. ``/observatory/waves/<id>/perception``:
fear among victims and non-victims, and the paradox table, for the whole wave.
"""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from flask.typing import ResponseReturnValue

from ..extensions import db
from ..models import Wave
from ..models.base import parse_id
from ..services.coverage import comparisons_left_out, gaps_of
from ..services.evaluation import (
    EVALUATION_INDICATORS,
    EVALUATION_LEVEL,
    PROGRAMME_LEVELS,
    EvaluationError,
    ExposureOdds,
    edition,
    evaluate_programme,
    exposure_odds,
    perception_tables,
    programme_areas,
)
from ..services.report_access import ReportRefused, check_wave, is_staff, visible_waves
from ..services.reports import completed_count
from .jobs import report_settings
from .routes import _language, _refuse, _user, bp
from .texts import counted, text


def _wave_arg(name: str, errors: dict[str, str]) -> Wave | None:
    """The wave named by ``?name=<id>`` when the caller may see it; aborts when not."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    number = parse_id(raw)  # "²", 5,000 digits or beyond PostgreSQL's integer name no wave
    if number is None:
        errors[name] = "wave_id"  # a text key: the page words it
        return None
    try:
        return check_wave(_user(), db.session.get(Wave, number))
    except ReportRefused as refused:
        _refuse(refused.reason)


def _words(language: str) -> dict[str, Any]:
    from analysis.i18n import PERCENT_SIGNS, format_number
    from analysis.report.i18n import Translator

    from ..services.reports import indicator_names

    return {
        "rt": Translator(language),
        "counted": lambda key, count, **v: counted(key, language, count, **v),
        "number": lambda value, decimals=1: format_number(value, language, decimals),
        "percent_sign": PERCENT_SIGNS[language],
        "names": indicator_names(language),
    }


@bp.route("/evaluation")
def evaluation() -> ResponseReturnValue:
    """Difference in differences of chosen indicators between programme areas and the rest."""
    from analysis.report.statements import did_statement

    language = _language()
    errors: dict[str, str] = {}
    before = _wave_arg("before", errors)
    after = _wave_arg("after", errors)
    level = request.args.get("level") or PROGRAMME_LEVELS[0]
    if level not in PROGRAMME_LEVELS:
        errors["level"] = "level"
        level = PROGRAMME_LEVELS[0]
    chosen_areas = request.args.getlist("areas")
    chosen_indicators = request.args.getlist("indicators") or ["prev_person", "insecure_nbhd"]
    run = bool(request.args.get("run"))
    user = _user()
    waves_given = [w for w in (before, after) if w is not None]
    try:
        public = edition(
            db.session, user, waves_given, want_public=request.args.get("audience") == "public"
        )
    except ReportRefused as refused:
        _refuse(refused.reason)
    staff = is_staff(user) and not edition(db.session, user, waves_given, want_public=False)
    areas = []
    if before is not None and after is not None:
        if before.id == after.id:
            errors["after"] = "same_wave"
        else:
            areas = programme_areas(db.session, before, after, level)  # type: ignore[arg-type]
            if not areas:
                errors["areas"] = "no_common_areas"
    result = None
    detail = ""
    statements: dict[str, list[str]] = {}
    status = 200
    if run and not errors:
        if before is None or after is None:
            errors["before" if before is None else "after"] = "choose_wave"
        else:
            try:
                result = evaluate_programme(
                    db.session,
                    before=before,
                    after=after,
                    level=level,  # type: ignore[arg-type]
                    programme=chosen_areas,
                    indicators=chosen_indicators,
                    settings=report_settings(),
                    public=public,
                )
            except EvaluationError as exc:
                errors[exc.field] = exc.code
                detail = exc.detail
            else:
                from ..services.reports import indicator_names

                names = indicator_names(language)
                statements = {
                    r["indicator"]: did_statement(
                        r, names.get(r["indicator"], ""), language, public=result.public
                    )
                    for r in result.rows
                }
    if errors:
        status = 400
    messages = {
        field: text(f"err_{code}", language, detail=detail) for field, code in errors.items()
    }
    return render_template(
        "observatory/evaluation.html",
        language=language,
        waves=[w for w in visible_waves(db.session, user) if completed_count(db.session, w)],
        before=before,
        after=after,
        level=level,
        levels=PROGRAMME_LEVELS,
        areas=areas,
        chosen_areas=set(chosen_areas),
        indicators=EVALUATION_INDICATORS,
        chosen_indicators=set(chosen_indicators),
        errors=messages,
        result=result,
        statements=statements,
        public=public,
        staff=staff,
        confidence=round(100 * EVALUATION_LEVEL),
        **_words(language),
    ), status


@bp.route("/waves/<int:wave_id>/perception")
def perception(wave_id: int) -> ResponseReturnValue:
    """Fear among victims and non-victims, and fear against victimization by group."""
    from analysis.report.i18n import Translator
    from analysis.report.inputs import exposure_left_out, exposure_note
    from analysis.report.statements import group_label, pattern_label
    from analysis.report.topic_sections import paradox_pairs

    language = _language()
    user = _user()
    try:
        wave = check_wave(user, db.session.get(Wave, wave_id))
        public = edition(
            db.session, user, [wave], want_public=request.args.get("audience") == "public"
        )
    except ReportRefused as refused:
        _refuse(refused.reason)
    staff = is_staff(user) and not edition(db.session, user, [wave], want_public=False)
    problem = None
    status_rows: list[dict[str, Any]] = []
    group_rows: list[dict[str, Any]] = []
    odds = ExposureOdds()
    if completed_count(db.session, wave) == 0:
        problem = text("no_data", language)
    else:
        try:
            status_rows, group_rows = perception_tables(
                db.session, wave, settings=report_settings(), public=public
            )
            odds = exposure_odds(db.session, wave, settings=report_settings(), language=language)
        except EvaluationError as exc:
            problem = text(f"err_{exc.code}", language, detail=exc.detail)
    # the paradox table of an adaptation: without per_safe_nbhd (or dem_sex and dem_age) none,
    # without one of dem_sex, dem_age fewer groups; the page says which item each lacks
    paradox_notes = (
        []
        if problem
        else comparisons_left_out(wave.instrument_version, language, about="sub_paradox")
    )
    # fear by victimization status without per_safe_nbhd: no neighbourhood row, and why
    status_notes = (
        []
        if problem
        else comparisons_left_out(wave.instrument_version, language, about="sub_fear_by_victim")
    )
    # the exposure model: the adjustments it has, and why it lacks the others (or is missing)
    rt = Translator(language)
    exposure_notes = (
        []
        if problem
        else exposure_left_out(
            rt, odds.dropped, gaps_of(wave.instrument_version).not_asked, fitted=bool(odds.rows)
        )
    )
    return render_template(
        "observatory/perception.html",
        language=language,
        wave=wave,
        status_rows=status_rows,
        group_rows=group_rows,
        status_notes=status_notes,
        paradox_notes=paradox_notes,
        paradox_pairs=paradox_pairs(rt, (r["group_type"] for r in group_rows)),
        odds=odds.rows,
        reference_label=odds.reference,
        exposure_note=exposure_note(rt, odds.adjusted),
        exposure_notes=exposure_notes,
        problem=problem,
        public=public,
        staff=staff,
        pattern=lambda p: pattern_label(p, language),
        group_label=lambda r: group_label(r["group_type"], r["group"], language),
        confidence=round(100 * EVALUATION_LEVEL),
        **_words(language),
    )
