"""Regional comparison: the standardized core indicators of several countries (or cities) side by side.

An observatory that holds waves of several countries compares the minimum set
of standardized indicators the regional brief asks for (the SDG 16 survey
indicators, prevalence, the dark figure, trust in the police). Each estimate
keeps its interval, quality flag, reference period, collection mode and
questionnaire version, and the comparison says where the instruments,
periods or modes differ, because then a difference between two countries may
come from the measurement rather than from the countries.

Nothing is re-estimated here: the rows are those of each wave's indicator
table (:func:`analysis.indicators.compute_indicators`); the difference from
the first (reference) wave is :func:`analysis.compare.wave_difference`
(independent samples).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from analysis.compare.differences import wave_difference
from analysis.estimate import check_level

__all__ = [
    "CORE_SET",
    "REGIONAL_COLUMNS",
    "ComparabilityNote",
    "NoteCode",
    "RegionalWave",
    "comparability_notes",
    "mode_label",
    "regional_table",
]

#: The standardized core set, as catalogue ids: SDG 16.1.3 (any violence), 16.1.4, 16.3.1
#: (physical, psychological, sexual violence), 16.5.1, person prevalence, incidence, the
#: reporting rate and the dark figure, and trust in the police.
CORE_SET: tuple[str, ...] = (
    "prev_person",
    "incidence",
    "sdg_16_1_3_any",
    "sdg_16_1_4",
    "sdg_16_3_1_physical",
    "sdg_16_3_1_psychological",
    "sdg_16_3_1_sexual",
    "sdg_16_5_1",
    "reporting_rate",
    "dark_figure",
    "trust_police",
)

#: Columns of :func:`regional_table`.
REGIONAL_COLUMNS: tuple[str, ...] = (
    "indicator",
    "wave",
    "area",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "level",
    "cv",
    "n",
    "df",
    "quality",
    "suppressed",
    "reference_start",
    "reference_end",
    "mode",
    "instrument",
    "version",
    "difference",
    "difference_se",
    "difference_p",
    "significant",
    "notes",
)

#: Why two waves may not be comparable (see :func:`comparability_notes`).
NoteCode = Literal[
    "instrument", "version", "period_disjoint", "period_differs", "mode", "level", "missing"
]

#: A mode takes part in a wave's mode label when it collected at least this share of interviews.
MODE_SHARE = 0.1


@dataclass(frozen=True)
class RegionalWave:
    """One wave of one country (or city) in the comparison.

    Parameters
    ----------
    key : str
        Identifies the wave (its link name); the ``wave`` column.
    area : str
        The country or city the wave covers (the ``area`` column).
    name : str
        The wave's name.
    table : DataFrame
        Its indicator table (:func:`~analysis.indicators.compute_indicators`).
    reference_period : (date, date)
        First and last day of the reference period.
    modes : mapping
        Collection mode -> share of the completed interviews (``{"tablet":
        1.0}``, ``{"web": 0.6, "tablet": 0.4}``).
    instrument, version : str
        The questionnaire's id and version.
    fieldwork : (date, date), optional
        First and last day of the interviews.
    domain_type, domain : str
        Which rows of ``table`` describe the whole wave (default the
        nation's: ``national``/``national``).
    """

    key: str
    area: str
    name: str
    table: pd.DataFrame
    reference_period: tuple[dt.date, dt.date]
    modes: Mapping[str, float]
    instrument: str
    version: str
    fieldwork: tuple[dt.date, dt.date] | None = None
    domain_type: str = "national"
    domain: str = "national"

    def __post_init__(self) -> None:
        start, end = self.reference_period
        if end < start:
            raise ValueError(f"wave {self.key}: the reference period ends before it starts")
        missing = sorted({"indicator", "domain_type", "domain", "estimate"} - set(self.table))
        if missing:
            raise ValueError(f"wave {self.key}: the table lacks column(s) {', '.join(missing)}")
        if any(not 0.0 <= float(s) <= 1.0 for s in self.modes.values()):
            raise ValueError(f"wave {self.key}: mode shares must be between 0 and 1")

    @property
    def mode(self) -> str:
        return mode_label(self.modes)

    def rows(self) -> pd.DataFrame:
        """The rows of the whole wave (its ``domain_type``/``domain``), domain text as in the table."""
        table = self.table
        keep = (table["domain_type"].astype(str) == self.domain_type) & (
            table["domain"].astype(str) == self.domain
        )
        return table.loc[keep]


@dataclass(frozen=True)
class ComparabilityNote:
    """Where the compared waves differ: ``code``, the waves concerned and what each has.

    ``values`` maps each wave key to its value (an instrument id and version, a
    period as ``start – end``, a mode label, a confidence level); for
    ``missing``, ``indicator`` names the indicator and ``values`` the waves
    without it.
    """

    code: NoteCode
    values: Mapping[str, str] = field(default_factory=dict)
    indicator: str = ""


def mode_label(modes: Mapping[str, float]) -> str:
    """The modes that collected at least :data:`MODE_SHARE` of the interviews, largest share first.

    ``{"web": 0.05, "tablet": 0.95}`` -> ``"tablet"``; ``{"web": 0.6,
    "tablet": 0.4}`` -> ``"web+tablet"``; no interviews -> ``""``.
    """
    kept = sorted(
        ((share, mode) for mode, share in modes.items() if share >= MODE_SHARE),
        key=lambda pair: (-pair[0], pair[1]),
    )
    return "+".join(mode for _share, mode in kept)


def _period(wave: RegionalWave) -> str:
    start, end = wave.reference_period
    return f"{start.isoformat()} – {end.isoformat()}"


def _levels(wave: RegionalWave) -> set[float]:
    if "level" not in wave.table.columns:
        return set()
    return {round(float(x), 4) for x in pd.to_numeric(wave.rows()["level"]).dropna()}


def comparability_notes(
    waves: Sequence[RegionalWave], indicators: Sequence[str] = CORE_SET
) -> list[ComparabilityNote]:
    """Where instruments, periods, modes or confidence levels of the waves differ.

    Parameters
    ----------
    waves : sequence of RegionalWave
    indicators : sequence of str
        The compared indicators (for ``missing``).

    Returns
    -------
    list of ComparabilityNote
        In this order, each at most once: ``instrument`` (different
        questionnaires), ``version`` (versions of one questionnaire),
        ``period_disjoint`` (two reference periods that do not overlap) or
        else ``period_differs`` (overlapping but not the same), ``mode``
        (different mode labels, :func:`mode_label`), ``level`` (tables at
        different confidence levels), then one ``missing`` per indicator
        some wave lacks (its questionnaire did not ask it, or no estimate).

    Notes
    -----
    A difference between two countries measured with different
    questionnaires, periods or modes mixes the countries' difference with
    the measurement's: the notes say so; they do not correct for it.
    """
    notes: list[ComparabilityNote] = []
    instruments = {w.key: w.instrument for w in waves}
    if len(set(instruments.values())) > 1:
        notes.append(ComparabilityNote("instrument", instruments))
    else:
        versions = {w.key: f"{w.instrument} {w.version}" for w in waves}
        if len(set(versions.values())) > 1:
            notes.append(ComparabilityNote("version", versions))
    periods = {w.key: _period(w) for w in waves}
    disjoint = any(
        a.reference_period[1] < b.reference_period[0]
        or b.reference_period[1] < a.reference_period[0]
        for k, a in enumerate(waves)
        for b in waves[k + 1 :]
    )
    if disjoint:
        notes.append(ComparabilityNote("period_disjoint", periods))
    elif len(set(periods.values())) > 1:
        notes.append(ComparabilityNote("period_differs", periods))
    modes = {w.key: w.mode for w in waves}
    if len(set(modes.values())) > 1:
        notes.append(ComparabilityNote("mode", modes))
    levels = {w.key: _levels(w) for w in waves}
    if len(set().union(*levels.values())) > 1 if levels else False:
        notes.append(
            ComparabilityNote(
                "level", {k: "/".join(f"{x:.0%}" for x in sorted(v)) for k, v in levels.items()}
            )
        )
    for ident in indicators:
        lacking = {}
        for wave in waves:
            rows = wave.rows()
            estimate = pd.to_numeric(rows.loc[rows["indicator"] == ident, "estimate"])
            if estimate.empty:
                lacking[wave.key] = wave.area
        if lacking and len(lacking) < len(waves):
            notes.append(ComparabilityNote("missing", lacking, ident))
    return notes


def _differs(wave: RegionalWave, first: RegionalWave) -> list[str]:
    """Codes of the attributes in which ``wave`` differs from the reference wave."""
    out = []
    if wave.instrument != first.instrument:
        out.append("instrument")
    elif wave.version != first.version:
        out.append("version")
    (a0, a1), (b0, b1) = wave.reference_period, first.reference_period
    if a1 < b0 or b1 < a0:
        out.append("period_disjoint")
    elif (a0, a1) != (b0, b1):
        out.append("period_differs")
    if wave.mode != first.mode:
        out.append("mode")
    return out


def regional_table(
    waves: Sequence[RegionalWave],
    indicators: Sequence[str] = CORE_SET,
    level: float = 0.95,
) -> pd.DataFrame:
    """The core indicators of every wave, one row per indicator and wave.

    Parameters
    ----------
    waves : sequence of RegionalWave
        The first is the reference the others are compared with; keys must
        be unique.
    indicators : sequence of str
        Catalogue ids, in the order of the table (default :data:`CORE_SET`).
    level : float
        Confidence level of the test of each difference from the reference
        wave (5%, as for changes between waves).

    Returns
    -------
    pandas.DataFrame
        :data:`REGIONAL_COLUMNS`. Estimate, SE, interval, level, CV, n, df,
        quality and suppression are the wave table's own; a wave without the
        indicator has a row with NaN estimate and ``quality`` ``"missing"``.
        ``difference`` is the estimate minus the reference wave's (NaN for
        the reference itself), with ``difference_se``, ``difference_p`` and
        ``significant`` from :func:`wave_difference` (independent
        samples). ``notes`` lists, ``;``-separated, the codes of
        :func:`comparability_notes` in which the wave differs from the
        reference (instrument or version, period, mode).

    Notes
    -----
    The difference's test uses :math:`\\sqrt{SE_a^2 + SE_b^2}` with
    :math:`df_a + df_b` degrees of freedom. It is computed from the
    estimates as the tables hold them; a public report must still hide it
    when either estimate is suppressed.

    Examples
    --------
    >>> regional_table([country_a, country_b])  # doctest: +SKIP
    """
    if not waves:
        raise ValueError("regional_table needs at least one wave")
    keys = [w.key for w in waves]
    if len(set(keys)) != len(keys):
        raise ValueError(f"wave keys must be unique; got {', '.join(keys)}")
    check_level(level)
    first = waves[0]
    reference = _plain_rows(first, indicators)
    frames = []
    for wave in waves:
        rows = _plain_rows(wave, indicators)
        if wave is not first and not rows.empty and not reference.empty:
            diff = wave_difference(rows, reference, level=level)
            diff = diff[["indicator", "difference", "se", "p", "significant"]].rename(
                columns={"se": "difference_se", "p": "difference_p"}
            )
            rows = rows.merge(diff, on="indicator", how="left")
        present = set(rows["indicator"])
        lacking = [i for i in indicators if i not in present]
        if lacking:
            rows = pd.concat(
                [rows, pd.DataFrame({"indicator": lacking, "quality": "missing"})],
                ignore_index=True,
            )
        start, end = wave.reference_period
        rows = rows.assign(
            wave=wave.key,
            area=wave.area,
            reference_start=start,
            reference_end=end,
            mode=wave.mode,
            instrument=wave.instrument,
            version=wave.version,
            notes=";".join(_differs(wave, first)),
        )
        frames.append(rows)
    out = pd.concat(frames, ignore_index=True)
    for column in REGIONAL_COLUMNS:
        if column not in out.columns:
            out[column] = np.nan
    out["significant"] = out["significant"].astype("boolean").fillna(False).astype(bool)
    out["suppressed"] = out["suppressed"].astype("boolean").fillna(False).astype(bool)
    order = {ident: k for k, ident in enumerate(indicators)}
    out["_order"] = out["indicator"].map(order)
    out["_wave"] = out["wave"].map({k: n for n, k in enumerate(keys)})
    out = out.sort_values(["_order", "_wave"], kind="stable")
    return out[list(REGIONAL_COLUMNS)].reset_index(drop=True)


def _plain_rows(wave: RegionalWave, indicators: Sequence[str]) -> pd.DataFrame:
    """The wave's rows of ``indicators`` with the columns :func:`wave_difference` needs."""
    rows = wave.rows()
    rows = rows.loc[rows["indicator"].isin(indicators)].copy()
    for column in ("se", "df", "ci_low", "ci_high", "level", "cv", "n", "quality", "suppressed"):
        if column not in rows.columns:
            rows[column] = np.nan
    rows["domain_type"] = "national"
    rows["domain"] = "national"
    return rows.reset_index(drop=True)
