"""Evaluation of a measure and the fear-by-victimization tables, from the waves' microdata.

:func:`evaluate_programme` checks what an analyst asked for (two different
waves the caller may see, programme areas of one level present in both, at
least one area left for comparison, known indicators) and computes
:func:`analysis.compare.difference_in_differences`; :func:`perception_tables`
computes :func:`analysis.compare.fear_by_victimization` and
:func:`analysis.compare.paradox_table` for a whole wave. User errors raise
:class:`EvaluationError` naming the field. Both read the microdata of a
wave once per data version and keep it in this process (a few waves).

pandas and the analysis stack load with the first call, not with the module.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from ..models import User, Wave
from . import DBSession
from .report_access import check_area, check_wave
from .reports import NATIONAL, AreaNode, ReportError, ReportSettings, data_version, wave_areas

if TYPE_CHECKING:
    import pandas as pd

T = TypeVar("T")

#: Levels whose areas can be marked as programme areas.
ProgrammeLevel = Literal["state", "municipality"]
PROGRAMME_LEVELS: tuple[ProgrammeLevel, ...] = ("state", "municipality")
#: Indicators offered for an evaluation (those present in both waves are computed).
EVALUATION_INDICATORS: tuple[str, ...] = (
    "prev_person",
    "prev_household",
    "incidence",
    "reporting_rate",
    "dark_figure",
    "insecure_nbhd",
    "insecure_muni",
    "sdg_16_1_4",
    "worry",
    "likely",
    "trust_police",
    "sdg_16_5_1",
)
#: Level of the evaluation's intervals and tests (a change is reported when significant at 5%).
EVALUATION_LEVEL = 0.95
#: The crime-news item of ``vict_std`` and the code its odds ratios are set against (never).
EXPOSURE_ITEM = "media_freq"
EXPOSURE_REFERENCE = 5
#: Microdata and results kept in the process (by wave and data version: new data, new key).
_CACHE_SIZE = 16


class EvaluationError(ValueError):
    """What the analyst asked for cannot be computed.

    ``field`` names the form field, ``code`` the problem (the page words it in its language,
    :data:`ERROR_CODES`), ``detail`` what to name (areas, indicators, the wave's problem).
    """

    def __init__(self, field: str, code: str, detail: str = "") -> None:
        super().__init__(f"{field}: {code}" + (f" ({detail})" if detail else ""))
        self.field = field
        self.code = code
        self.detail = detail


#: Every ``EvaluationError.code``.
ERROR_CODES: tuple[str, ...] = (
    "level",
    "same_wave",
    "unknown_areas",
    "no_programme",
    "all_programme",
    "no_indicators",
    "unknown_indicators",
    "no_data",
)


@dataclass(frozen=True)
class Evaluation:
    """The DiD table (one row per indicator) and what it was computed from."""

    rows: list[dict[str, Any]]
    programme: list[AreaNode]
    others: int
    public: bool
    problems: list[str] = field(default_factory=list)


_cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_lock = threading.Lock()


def _remember(key: tuple[Any, ...], build: Callable[[], T]) -> T:
    """``build()``, kept in this process under ``key`` (which holds the data versions, so new
    data is a new key); the least recently used of more than :data:`_CACHE_SIZE` go."""
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return cast(T, _cache[key])
    value = build()
    with _lock:
        _cache[key] = value
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return value


def _version(session: DBSession, wave: Wave, settings: ReportSettings) -> str:
    return data_version(session, wave, settings)


def _microdata(
    session: DBSession, wave: Wave, settings: ReportSettings
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    from .reports import wave_microdata

    def build() -> tuple[pd.DataFrame, pd.DataFrame | None]:
        try:
            return wave_microdata(session, wave)
        except ReportError as exc:
            raise EvaluationError("waves", "no_data", f"{wave.name}: {exc}") from exc

    return _remember(("microdata", wave.id, _version(session, wave, settings)), build)


def edition(
    session: DBSession, user: User | None, waves: Sequence[Wave], want_public: bool
) -> bool:
    """Whether the public edition is served (ReportRefused when a wave may not be seen).

    Internal only when the caller may see every wave's internal results for the whole
    country: the comparison areas are the rest of the country.
    """
    public = want_public
    for wave in waves:
        check_wave(user, wave)
        public = check_area(session, user, wave, NATIONAL, want_public=want_public).public or public
    return public


def programme_areas(
    session: DBSession, before: Wave, after: Wave, level: ProgrammeLevel
) -> list[AreaNode]:
    """The areas of ``level`` both waves can report on, by name."""
    if level not in PROGRAMME_LEVELS:
        raise EvaluationError("level", "level", ", ".join(PROGRAMME_LEVELS))
    keys = {a.key for a in wave_areas(session, after) if a.report_level == level}
    return [a for a in wave_areas(session, before) if a.report_level == level and a.key in keys]


def evaluate_programme(
    session: DBSession,
    *,
    before: Wave,
    after: Wave,
    level: ProgrammeLevel,
    programme: Sequence[str],
    indicators: Sequence[str],
    settings: ReportSettings,
    public: bool,
) -> Evaluation:
    """The difference in differences of ``indicators`` between the ``programme`` areas (keys)
    and the rest of the country, ``before`` → ``after``.

    A public edition blanks the figures of every row whose cells the quality rules (with the
    smallest publishable cell) suppress. Indicators a wave lacks are left out and named in
    ``problems``.
    """
    from analysis.compare import WaveSample, difference_in_differences
    from analysis.compare.evaluation import DID_CELLS
    from analysis.indicators import with_minimum_cases

    from .reports import REPORT_DESIGN

    if before.id == after.id:
        raise EvaluationError("after", "same_wave")
    areas = programme_areas(session, before, after, level)
    by_key = {a.key: a for a in areas}
    unknown = [k for k in programme if k not in by_key]
    if unknown:
        raise EvaluationError("areas", "unknown_areas", ", ".join(unknown))
    chosen = [by_key[k] for k in dict.fromkeys(programme)]
    if not chosen:
        raise EvaluationError("areas", "no_programme")
    if len(chosen) == len(areas):
        raise EvaluationError("areas", "all_programme")
    wanted = list(dict.fromkeys(indicators))
    if not wanted:
        raise EvaluationError("indicators", "no_indicators")
    bad = [i for i in wanted if i not in EVALUATION_INDICATORS]
    if bad:
        raise EvaluationError("indicators", "unknown_indicators", ", ".join(bad))
    samples = []
    for wave in (before, after):
        respondents, incidents = _microdata(session, wave, settings)
        samples.append(WaveSample(respondents, incidents, REPORT_DESIGN, wave.name))
    quality = with_minimum_cases(settings.quality, settings.min_cases)
    keys = tuple(sorted(a.key for a in chosen))
    versions = (_version(session, before, settings), _version(session, after, settings))
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    for ident in wanted:  # one at a time: an indicator a wave lacks leaves only itself out

        def build(ident: str = ident) -> pd.DataFrame | str:
            try:
                return difference_in_differences(
                    samples[0],
                    samples[1],
                    keys,
                    [ident],
                    area=level,
                    level=EVALUATION_LEVEL,
                    quality=quality,
                )
            except ValueError as exc:
                return f"{ident}: {exc}"

        key = ("did", before.id, after.id, *versions, level, keys, ident)
        table = _remember(key, build)
        if isinstance(table, str):
            problems.append(table)
        else:
            rows.extend(_records(table))
    if public:
        rows = [_blank(r, DID_CELLS, _DID_NUMBERS) for r in rows]
    return Evaluation(rows, chosen, len(areas) - len(chosen), public, problems)


#: The figures a public edition hides of a suppressed DiD row.
_DID_NUMBERS = (
    "did",
    "se",
    "ci_low",
    "ci_high",
    "t",
    "p",
    "change_programme",
    "change_programme_se",
    "change_rest",
    "change_rest_se",
)
#: ... of a fear-by-victimization row, and of a group's contrast with the rest.
_STATUS_NUMBERS = ("difference", "se", "ci_low", "ci_high", "t", "p")
_VERSUS_NUMBERS = ("_vs_rest", "_vs_rest_se", "_vs_rest_p")


def _blank(row: dict[str, Any], cells: Sequence[str], numbers: Sequence[str]) -> dict[str, Any]:
    """Blank the suppressed ``cells`` (estimate and interval) and, when any is, ``numbers``
    (the contrast built on them), which is then not significant."""
    out = dict(row)
    hidden = False
    for cell in cells:
        if out.get(f"{cell}_suppressed"):
            hidden = True
            for suffix in ("", "_ci_low", "_ci_high"):
                out[f"{cell}{suffix}"] = None
    if hidden:
        for name in numbers:
            out[name] = None
        out["significant"] = False
        if "pattern" in out:
            out["pattern"] = "not_significant"
    return out


def perception_tables(
    session: DBSession, wave: Wave, *, settings: ReportSettings, public: bool
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Fear among victims and non-victims, and the paradox table, for the whole wave.

    A public edition blanks suppressed cells, and a difference whose either cell is
    suppressed.
    """
    import pandas as pd

    from analysis.compare import fear_by_victimization, paradox_groups, paradox_table
    from analysis.indicators import with_minimum_cases

    from .reports import REPORT_DESIGN

    def build() -> tuple[pd.DataFrame, pd.DataFrame]:
        respondents, incidents = _microdata(session, wave, settings)
        quality = with_minimum_cases(settings.quality, settings.min_cases)
        fear = [
            i
            for i in ("insecure_nbhd", "insecure_muni", "insecure_state", "worry", "likely")
            if _has_item(respondents, i)
        ]
        try:
            by_status = fear_by_victimization(
                respondents,
                incidents,
                REPORT_DESIGN,
                fear=fear,
                level=EVALUATION_LEVEL,
                quality=quality,
            )
            # a questionnaire without per_safe_nbhd, or without dem_sex and dem_age (a national
            # adaptation), has no paradox table: fear by victimization status stays
            groups = (
                paradox_table(
                    respondents, incidents, REPORT_DESIGN, level=EVALUATION_LEVEL, quality=quality
                )
                if "insecure_nbhd" in fear and paradox_groups(respondents, REPORT_DESIGN)
                else pd.DataFrame()
            )
        except ValueError as exc:  # too few cases, no victims: the page says so
            raise EvaluationError("wave", "no_data", f"{wave.name}: {exc}") from exc
        return by_status, groups

    by_status, groups = _remember(("perception", wave.id, _version(session, wave, settings)), build)
    status_rows, group_rows = _records(by_status), _records(groups)
    if public:
        status_rows = [_blank(r, ("victims", "non_victims"), _STATUS_NUMBERS) for r in status_rows]
        for role in ("fear", "victimization"):
            numbers = [role + n for n in _VERSUS_NUMBERS]
            group_rows = [_blank(r, (role,), numbers) for r in group_rows]
    return status_rows, group_rows


def _records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with NaN as None (templates and JSON read None)."""
    import math

    return [
        {str(k): None if isinstance(v, float) and math.isnan(v) else v for k, v in r.items()}
        for r in table.to_dict("records")
    ]


@dataclass(frozen=True)
class ExposureOdds:
    """The perception page's exposure model: ``rows`` (one per answer but the reference, with
    ``label``, its wording), the reference answer's wording, the adjustment terms the model
    has (:data:`analysis.report.inputs.EXPOSURE_ADJUSTMENTS`) and those it was fitted without
    (an adaptation without ``dem_sex``, a web wave without areas:
    :func:`analysis.compare.perception_model_dropped`)."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    reference: str = ""
    adjusted: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()


def exposure_odds(
    session: DBSession, wave: Wave, *, settings: ReportSettings, language: str
) -> ExposureOdds:
    """Odds ratios of feeling unsafe in the neighbourhood by how often the respondent follows
    crime news, against those who never do, adjusted for victimization, sex, age group and
    state as far as the wave has them (a term whose items the questionnaire lacks or nobody
    answered is left out and named in ``dropped``). No rows when the wave's questionnaire
    lacks the exposure or the outcome, or the model cannot be fitted (too few cases, a level
    nobody chose)."""
    import warnings

    from analysis.compare import (
        perception_model,
        perception_model_dropped,
        perception_model_missing,
    )
    from analysis.i18n import pick
    from analysis.report.inputs import exposure_adjustments

    from .instruments import instrument_of
    from .reports import REPORT_DESIGN

    instrument = instrument_of(wave.instrument_version)
    if not instrument.has_item(EXPOSURE_ITEM):
        return ExposureOdds()
    item = instrument.item(EXPOSURE_ITEM)
    words = {
        str(c.code): pick(c.label, language)
        for c in instrument.choices(getattr(item, "choices", ""))
    }
    reference = words.get(str(EXPOSURE_REFERENCE), str(EXPOSURE_REFERENCE))

    def build() -> tuple[pd.DataFrame, tuple[str, ...]] | None:
        respondents, _incidents = _microdata(session, wave, settings)
        if perception_model_missing(respondents, EXPOSURE_ITEM):
            return None  # no outcome or no exposure: the page says which item it needs
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a small wave may not converge cleanly
                fit = perception_model(
                    respondents, REPORT_DESIGN, EXPOSURE_ITEM, reference=EXPOSURE_REFERENCE
                )
        except ValueError:  # no variation, aliased levels: the page leaves the table out
            return None
        return fit, tuple(perception_model_dropped(respondents, REPORT_DESIGN))

    built = _remember(("exposure", wave.id, _version(session, wave, settings)), build)
    if built is None:
        return ExposureOdds(reference=reference)
    fit, dropped = built
    rows = _records(fit[fit["exposure"]])
    for row in rows:
        code = row["term"][len(EXPOSURE_ITEM) + 3 : -1]  # media_freq[T.2] -> 2
        row["label"] = words.get(code, code)
    return ExposureOdds(rows, reference, exposure_adjustments(fit), dropped)


def _has_item(respondents: pd.DataFrame, ident: str) -> bool:
    from analysis.indicators import get_indicator
    from analysis.indicators.conditions import codes_in

    return any(code in respondents.columns for code in codes_in(get_indicator(ident).numerator))
