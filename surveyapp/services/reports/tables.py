"""Indicator tables: computed from the records, small cells suppressed, public values blanked."""

from __future__ import annotations

import logging
import math
import warnings
from typing import Any

import numpy as np
import pandas as pd

from analysis.compare import fear_model, fear_model_missing
from analysis.indicators import DesignSpec, catalogue, compute_indicators, with_minimum_cases
from analysis.indicators.compute import add_domain_columns
from analysis.indicators.reasons import Reason, decode_reasons, encode_reasons, reason_text
from analysis.microdata import MicrodataError, has_repeat, incident_table, respondent_table

from ...models import Wave
from .. import DBSession
from ..instruments import instrument_of
from .records import interview_records
from .settings import (
    DEFAULT_SETTINGS,
    NO_INTERVIEWS,
    Progress,
    ReportError,
    ReportSettings,
    quiet,
    reason,
)
from .tree import AreaNode

log = logging.getLogger(__name__)

#: The design of every report: strata with one PSU are adjusted (R's "adjust"), and household
#: estimates use the person weight over the household's adults (no household weight is stored).
REPORT_DESIGN = DesignSpec(lonely_psu="adjust", household_weight=None)

#: Domains computed for every wave.
DOMAINS: tuple[str, ...] = ("national", "state", "municipality", "sex", "age_group", "youth")


#: Values blanked in public outputs when the row is suppressed.
BLANKED_COLUMNS: tuple[str, ...] = (
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "cv",
    "deff",
    "n_effective",
)


def indicator_table(
    session: DBSession,
    wave: Wave,
    *,
    settings: ReportSettings = DEFAULT_SETTINGS,
    progress: Progress = quiet,
) -> pd.DataFrame:
    """Every indicator for the nation, each state, municipality and group (compute_indicators layout)."""
    respondents, incidents = wave_microdata(session, wave, progress=progress)
    # A domain whose column the questionnaire does not give (an adaptation without the age
    # or sex question) is left out, as an indicator without its items is.
    columns = set(add_domain_columns(respondents).columns)
    domains = [
        d for d in DOMAINS if d == "national" or REPORT_DESIGN.domain_columns.get(d, d) in columns
    ]
    progress("computing indicators")
    table = compute_indicators(
        respondents,
        incidents,
        design_spec=REPORT_DESIGN,
        domains=domains,
        # the smallest cell is a quality rule: label, suppression and reason come from one place
        quality=with_minimum_cases(settings.quality, settings.min_cases),
        household_crimes=settings.household_crimes,
    )
    if table.empty:
        raise ReportError(
            reason("asks_no_indicator_items", questionnaire=wave.instrument_version.label)
        )
    return table


def wave_microdata(
    session: DBSession, wave: Wave, *, progress: Progress = quiet
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The wave's respondent table and incident table (None when the instrument has no
    incident module); ReportError when there is no interview or the answers do not fit."""
    progress("reading interviews")
    records, _provisional = interview_records(session, wave)
    if not records:
        raise ReportError(NO_INTERVIEWS)
    instrument = instrument_of(wave.instrument_version)
    progress(f"building microdata of {len(records)} interviews")
    try:
        respondents = respondent_table(records, instrument)
        incidents = incident_table(records, instrument) if has_repeat(instrument) else None
    except MicrodataError as exc:  # bad data stops the report; staff see which answer to fix
        raise ReportError(reason("answers_do_not_fit", detail=exc)) from exc
    return respondents, incidents


def suppress_small_cells(table: pd.DataFrame, min_cases: int) -> pd.DataFrame:
    """Label ``insufficient`` and suppress every estimate from fewer than ``min_cases`` cases.

    For a table computed elsewhere; :func:`indicator_table` applies the same
    rule through :func:`analysis.indicators.with_minimum_cases`.
    """
    if table.empty or min_cases <= 0:
        return table
    out = table.copy()
    small = (out["n"].astype(float) < min_cases) & ~out["suppressed"].astype(bool)
    out.loc[small, "quality"] = "insufficient"
    out.loc[small, "suppressed"] = True
    note = Reason("few_cases", float(min_cases))
    out.loc[small, "reason"] = [
        f"{r}; {reason_text([note])}" if r else reason_text([note])
        for r in out.loc[small, "reason"].fillna("")
    ]
    if "reasons" in out.columns:  # the same reason as data, for the downloads' languages
        out.loc[small, "reasons"] = [
            encode_reasons([*decode_reasons(r), note]) for r in out.loc[small, "reasons"]
        ]
    return out


def fear_drivers(
    session: DBSession,
    wave: Wave,
    *,
    records: list[dict[str, Any]] | None = None,
    progress: Progress = quiet,
) -> pd.DataFrame | None:
    """Odds ratios of feeling unsafe in the neighbourhood (victimization, sex, age, state, trust).

    None when the model cannot be fitted (too few cases, an instrument
    without the outcome's or victimization's items): the report then leaves
    the figure out. An instrument without a covariate's item gives the model
    without that term (:func:`analysis.compare.fear_model_dropped`).
    """
    if records is None:
        records, _provisional = interview_records(session, wave)
    if not records:
        return None
    progress("fitting the fear-driver model")
    try:
        respondents = respondent_table(records, instrument_of(wave.instrument_version))
        if fear_model_missing(respondents, REPORT_DESIGN):
            return None  # a questionnaire without the model's items: the report says which
        with warnings.catch_warnings():
            # a small wave may not converge cleanly; the report shows the intervals, which say so
            warnings.simplefilter("ignore")
            return fear_model(respondents, REPORT_DESIGN)
    except ValueError as exc:  # too few cases for it: aliased terms, a term without variation
        log.info("fear-driver model of wave %s not fitted: %s", wave.id, exc)
        return None
    except Exception:  # an optional figure never stops a report
        log.warning("fear-driver model of wave %s not fitted", wave.id, exc_info=True)
        return None


def area_rows(table: pd.DataFrame, area: AreaNode) -> pd.DataFrame:
    """The rows describing ``area`` (the nation's rows for the country)."""
    if table.empty:
        return table
    if area.report_level == "national":
        mask = table["domain_type"] == "national"
    else:
        mask = (table["domain_type"] == area.report_level) & (table["domain"] == area.key)
    return table[mask].reset_index(drop=True)


def publishable(table: pd.DataFrame) -> pd.DataFrame:
    """A copy with the values of suppressed rows blanked (what public outputs may show)."""
    out = table.copy()
    if out.empty:
        return out
    hidden = out["suppressed"].astype(bool).to_numpy()
    for column in BLANKED_COLUMNS:
        if column in out.columns:
            values = out[column].astype(float).to_numpy(copy=True)
            values[hidden] = np.nan
            out[column] = values
    return out


def indicator_names(language: str) -> dict[str, str]:
    """Indicator id -> name in ``language`` (English when missing)."""
    return {i.id: i.name.get(language) or i.name.get("en") or i.id for i in catalogue()}


def indicator_groups() -> dict[str, str]:
    return {i.id: i.group for i in catalogue()}


def is_finite(value: Any) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)
