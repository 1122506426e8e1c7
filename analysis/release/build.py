"""Build a wave's microdata release from its interview records (see docs/microdata.md).

The respondent and incident files are :func:`analysis.microdata.respondent_table`
and :func:`~analysis.microdata.incident_table` of the records (every
questionnaire variable, special answers kept as -8/-9, blank where not asked),
with the derived indicator variables of the catalogue added: one
``ind_<indicator>`` column per distinct numerator/denominator of
:func:`analysis.indicators.catalogue`, computed by the catalogue's own
conditions (:func:`analysis.indicators.indicator_variables` for respondents,
:func:`analysis.indicators.conditions.evaluate` for incidents), so the file
and the published tables share one definition. The household file lists the
people of each household roster the interviews carry.

Labels come from the instrument through
:func:`questionnaires.codebook.codebook_rows`, the source of the HTML
codebook too, so the two describe the same variables in the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

import numpy as np
import pandas as pd

from analysis.i18n import LANGUAGES, pick
from analysis.indicators import catalogue, indicator_variables
from analysis.indicators.catalogue import Indicator
from analysis.indicators.conditions import Condition, codes_in, evaluate
from analysis.microdata import has_repeat, incident_table, respondent_table, standard_instrument
from analysis.release.labels import FIXED_LABELS, ROSTER_SEX_LABELS, YES_NO
from analysis.release.model import Edition, FileName, Release, Role, Study, Variable
from questionnaires.codebook import codebook_rows
from questionnaires.model import SPECIAL_CODES, Instrument

__all__ = ["DERIVED_PREFIX", "REPLICATE_PATTERN", "build_release", "household_file", "rederive"]

#: Name prefix of the derived indicator variables: ``ind_prev_person``.
DERIVED_PREFIX = "ind_"
#: Meta fields holding replicate weights (``repw_1``, ``repw_2``, ...).
REPLICATE_PATTERN = re.compile(r"^repw_(\d+)$")

_SPECIALS = frozenset(SPECIAL_CODES.values())
_ROSTER_SEX = {"m": 1, "f": 2, "x": 3}
_ADULT_AGE = 18  # the selection rule's eligible age (surveyapp/services/selection.py)
_ROLES: dict[str, Role] = {
    "interview_id": "id",
    "stratum": "design",
    "psu": "design",
    "weight": "weight",
    "weight_household": "weight",
    "inc_weight": "weight",
    "state": "geography",
    "municipality": "geography",
    "inc_rank": "derived",
    "inc_count": "derived",
    "inc_count_imputed": "derived",
    "inc_described": "derived",
    "inc_factor": "derived",
}


def build_release(
    records: Iterable[Mapping[str, Any]],
    *,
    study: Study,
    language: str,
    instrument: Instrument | None = None,
    households: Mapping[Any, Mapping[str, Any]] | None = None,
    edition: Edition = "internal",
) -> Release:
    """The internal release of a wave: respondent, incident and household files with labels.

    Parameters
    ----------
    records : iterable of mapping
        Interview records as :func:`analysis.microdata.respondent_table`
        reads them (``interview_id``, design fields, ``answers``); meta fields
        ``repw_<k>`` are replicate weights.
    study : Study
        What the wave is (title, reference period, identifier).
    language : str
        Language of the labels (one of :data:`analysis.i18n.LANGUAGES`);
        an instrument without it gives its default language's words.
    instrument : Instrument, optional
        The wave's questionnaire; default ``vict_std``.
    households : mapping, optional
        Interview id -> household record (``roster`` of ``line, sex, age``
        and ``selected_line``), for the household file.
    edition : {"internal", "public"}
        Recorded in the release; disclosure control of a public edition is
        the caller's (:mod:`analysis.disclosure`).

    Returns
    -------
    Release
        Files ``respondent``, ``incident`` (when the instrument has the
        incident repeat) and ``household`` (when any roster was given).

    Examples
    --------
    >>> release = build_release(records, study=study, language="es")  # doctest: +SKIP
    >>> release.files["respondent"]["ind_prev_person"].mean()  # doctest: +SKIP
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    instrument = instrument or standard_instrument()
    rows = list(records)
    if not rows:
        raise ValueError("the wave has no interviews to release")
    respondents = respondent_table(rows, instrument)
    incidents = incident_table(rows, instrument) if has_repeat(instrument) else None
    derived = _derived(respondents, incidents, language)
    described = _question_variables(instrument, language)
    files: dict[FileName, pd.DataFrame] = {}
    variables: dict[FileName, tuple[Variable, ...]] = {}
    pairs: tuple[tuple[FileName, pd.DataFrame | None], ...] = (
        ("respondent", respondents),
        ("incident", incidents),
    )
    for name, table in pairs:
        if table is None:
            continue
        extra = derived[name]
        frame = pd.concat(
            [table, pd.DataFrame({v.name: a for v, a in extra}, index=table.index)], axis=1
        )
        variables[name] = tuple(
            [_describe(str(c), frame[c], described, language) for c in table.columns]
            + [v for v, _ in extra]
        )
        files[name] = _text_as_text(frame, variables[name])
    if households:
        frame = household_file(households, respondents)
        if len(frame):
            files["household"] = frame
            variables["household"] = tuple(
                _describe(str(c), frame[c], described, language) for c in frame.columns
            )
    return Release(
        study=study, language=language, edition=edition, files=files, variables=variables
    )


def _text_as_text(frame: pd.DataFrame, variables: Sequence[Variable]) -> pd.DataFrame:
    """Text columns hold text only: a special answer to a text or month item (-8) as "-8"."""
    for var in variables:
        if not var.numeric and var.role == "question":
            values = frame[var.name]
            frame[var.name] = values.map(lambda v: v if v is None or isinstance(v, str) else str(v))
    return frame


def _question_variables(instrument: Instrument, language: str) -> dict[str, Variable]:
    """Column name -> description of every questionnaire column (multiple choice expanded)."""
    out: dict[str, Variable] = {}
    for row in codebook_rows(instrument):
        if row.type in ("repeat", "note"):
            continue
        question = _text(row.label, language, instrument.default_language)
        choices = {
            code: _text(label, language, instrument.default_language) for code, label in row.choices
        }
        missing = tuple(code for code in choices if code in _SPECIALS)
        if row.type == "multiple":
            specials = {code: choices[code] for code in missing}
            for code, label in choices.items():
                if code in _SPECIALS:
                    continue
                name = f"{row.code}__{code}"
                out[name] = Variable(
                    name=name,
                    label=f"{question} — {label}",
                    role="question",
                    value_labels={**_yes_no(language), **specials},
                    missing=missing,
                    not_applicable=True,
                    item=row.code,
                    question=question,
                    universe=row.relevance,
                )
            continue
        out[row.code] = Variable(
            name=row.code,
            label=question or row.code,
            role="question",
            numeric=row.type in ("single", "integer", "decimal", "calculate"),
            value_labels=choices,
            missing=missing,
            not_applicable=True,
            item=row.code,
            question=question,
            universe=row.relevance,
        )
    return out


def _text(label: Mapping[str, str], language: str, default: str) -> str:
    return label.get(language) or label.get(default) or next(iter(label.values()), "")


def _yes_no(language: str) -> dict[int, str]:
    return {code: pick(label, language) for code, label in YES_NO.items()}


def _describe(
    name: str, column: pd.Series, described: Mapping[str, Variable], language: str
) -> Variable:
    if name in described:
        return described[name]
    numeric = bool(pd.api.types.is_numeric_dtype(column))
    replicate = REPLICATE_PATTERN.match(name)
    if replicate:
        label = pick(FIXED_LABELS["replicate"], language).format(n=replicate.group(1))
        return Variable(name, label, "weight")
    if name in _ROSTER_COLUMNS:
        labels = _ROSTER_COLUMNS[name]
        return Variable(
            name,
            pick(FIXED_LABELS[name], language),
            "roster",
            value_labels={k: pick(v, language) for k, v in labels.items()},
        )
    label = pick(FIXED_LABELS[name], language) if name in FIXED_LABELS else name
    return Variable(name, label, _ROLES.get(name, "meta"), numeric=numeric)


_ROSTER_COLUMNS: dict[str, Mapping[int, Mapping[str, str]]] = {
    "line": {},
    "sex": ROSTER_SEX_LABELS,
    "age": {},
    "adult": YES_NO,
    "selected": YES_NO,
    "roster_size": {},
    "eligible_adults": {},
}


def _distinct(indicators: Sequence[Indicator]) -> list[Indicator]:
    """The first indicator of each distinct variable (a rate per 100,000 repeats a percent)."""
    seen: set[tuple[Any, ...]] = set()
    out: list[Indicator] = []
    for ind in indicators:
        table = "incident" if ind.level in ("incident", "victim") else "respondent"
        key = (table, ind.numerator, ind.denominator, ind.unknown)
        if key not in seen:
            seen.add(key)
            out.append(ind)
    return out


def _derived(
    respondents: pd.DataFrame, incidents: pd.DataFrame | None, language: str
) -> dict[FileName, list[tuple[Variable, np.ndarray]]]:
    """The indicator variables of each file: 0/1 (or a count), blank outside the denominator."""
    out: dict[FileName, list[tuple[Variable, np.ndarray]]] = {"respondent": [], "incident": []}
    for ind in _distinct(catalogue()):
        at_incident = ind.level in ("incident", "victim")
        table = incidents if at_incident else respondents
        if table is None or not any(code in table.columns for code in codes_in(ind.numerator)):
            continue  # the instrument lacks the items (an adapted questionnaire)
        if at_incident:
            # an incident indicator's numerator is a 0/1 condition (compute.py checks it)
            numerator = cast(Condition, ind.numerator)
            den = evaluate(ind.denominator, table)
            values = np.where(den, evaluate(numerator, table), np.nan)
        else:
            parts = indicator_variables(ind, respondents, incidents)
            values = np.where(parts["den"] > 0, parts["num"], np.nan)
        binary = ind.estimator == "proportion"  # else a count, a value or a score
        var = Variable(
            name=f"{DERIVED_PREFIX}{ind.id}",
            label=pick(ind.name, language),
            role="derived",
            value_labels=_yes_no(language) if binary else {},
            derivation=pick(ind.definition, language),
        )
        out["incident" if at_incident else "respondent"].append((var, values))
    return out


def rederive(files: Mapping[FileName, pd.DataFrame], language: str) -> dict[FileName, pd.DataFrame]:
    """The files with their ``ind_`` variables computed again from the values they now hold.

    Disclosure control caps and recodes the items (a series of 40 robberies is
    published as 10); an indicator variable derived before it would give the
    original value back (``ind_incidence_rob`` = 40). Only variables the file
    already carries are replaced; the inputs are not changed.
    """
    out = dict(files)
    respondents = files.get("respondent")
    if respondents is None:
        return out
    derived = _derived(respondents, files.get("incident"), language)
    for name, pairs in derived.items():
        frame = files.get(name)
        if frame is None:
            continue
        fresh = {v.name: values for v, values in pairs if v.name in frame.columns}
        if fresh:
            out[name] = frame.assign(**fresh)
    return out


def household_file(
    households: Mapping[Any, Mapping[str, Any]], respondents: pd.DataFrame
) -> pd.DataFrame:
    """One row per roster person: the interview, design columns, line, sex, age, adult, selected.

    ``households`` maps interview ids to household records as the tablets
    send them (``roster``, ``selected_line``); interviews missing from the
    respondent table (not released) and records without a roster are left
    out. Birthdays (asked only to select an adult) are never released.
    """
    design = [c for c in ("stratum", "psu", "weight_household") if c in respondents.columns]
    by_id = respondents.set_index("interview_id")[design] if design else None
    rows: list[dict[str, Any]] = []
    released = set(respondents["interview_id"])
    for ident, record in households.items():
        roster = record.get("roster") if isinstance(record, Mapping) else None
        if ident not in released or not isinstance(roster, list):
            continue
        people = [p for p in roster if isinstance(p, Mapping)]
        adults = sum(1 for p in people if isinstance(p.get("age"), int) and p["age"] >= _ADULT_AGE)
        for person in people:
            age = person.get("age")
            rows.append(
                {
                    "interview_id": ident,
                    "line": person.get("line"),
                    "sex": _ROSTER_SEX.get(str(person.get("sex"))),
                    "age": age,
                    "adult": float(isinstance(age, int) and age >= _ADULT_AGE),
                    "selected": float(person.get("line") == record.get("selected_line")),
                    "roster_size": len(people),
                    "eligible_adults": adults,
                }
            )
    frame = pd.DataFrame(rows, columns=["interview_id", *_ROSTER_COLUMNS])
    for column in _ROSTER_COLUMNS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(np.float64)
    if by_id is not None and len(frame):
        joined = by_id.loc[frame["interview_id"]].reset_index(drop=True)
        frame = pd.concat(
            [frame[["interview_id"]], joined, frame.drop(columns="interview_id")], axis=1
        )
    return frame
