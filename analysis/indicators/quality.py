"""Quality rules for published estimates, as data (one :class:`QualityRules` per office).

Every rule set labels an estimate ``high``, ``moderate``, ``low`` or
``insufficient``, and the label alone says whether a public output
suppresses it: one rule gives both, so a suppressed estimate never carries
``high`` and its ``reason`` is the real one. The reasons are data
(:mod:`analysis.indicators.reasons`: a code and its value, column
``reasons``), worded in English in ``reason`` and in any language by
:func:`~analysis.indicators.reasons.reason_text`.

The label is the worst of

1. the checks every rule set shares, which give ``insufficient`` (always
   suppressed): no case in the denominator; no standard error; ``df < 1``
   (all cases in one PSU per stratum, so the design cannot estimate a
   variance, even when the SE printed is 0);
2. the CV band (``cv = se / estimate``, INEGI's definition). An estimate with
   ``se == 0`` and ``df >= 1`` (every case alike: 0% or 100%) has no
   informative CV and is ``low``, whichever bound it sits on;
3. each minimum requirement on the number of cases ``n``, the design degrees
   of freedom ``df`` and the effective sample size ``n_effective = n / deff``;
4. for incident-based indicators (the reporting rate and dark figure, level
   ``incident`` in the catalogue), :data:`INCIDENT_REQUIREMENTS`: at least 50
   incidents in the denominator and ``df >= 9`` among the PSUs holding them;
5. an output's smallest publishable cell (:func:`with_minimum_cases`).

A difference of two indicators (``youth_gap_*``: catalogue entries with
``parts``) takes the label, suppression and reasons of the worse of its two
parts in the same domain when the table holds them: its CV says nothing.

=========== ============================================ =========================
rule set    labels                                       suppressed in public
=========== ============================================ =========================
``inegi``   CV < 15% high, 15–30% moderate, ≥ 30% low     insufficient only (low is
            (INEGI, shown in colour; 90% intervals)       published, flagged)
``bjs``     n ≤ 10 or CV > 50% → low ("interpret with     insufficient only
            caution"), otherwise high
``ine_cl``  n < 60 or df < 9 → low; CV ≤ 15% high,        low ("no fiable") and
            15–30% moderate, > 30% low                    insufficient
``cepal``   n < 100, n_eff < 140 or df < 9 → low;         low and insufficient
            CV > 20% → moderate (review), else high       (moderate published)
=========== ============================================ =========================

The default is ``inegi``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import pandas as pd

from analysis.indicators.catalogue import catalogue
from analysis.indicators.reasons import Reason, ReasonCode, encode_reasons, reason_text

__all__ = [
    "INCIDENT_REQUIREMENTS",
    "QUALITY_LABELS",
    "QUALITY_RULES",
    "QualityRules",
    "Requirement",
    "assess_quality",
    "quality_rules",
    "with_minimum_cases",
]

QualityLabel = Literal["high", "moderate", "low", "insufficient"]
Measure = Literal["n", "df", "n_effective"]

#: labels from best to worst
QUALITY_LABELS: tuple[QualityLabel, ...] = ("high", "moderate", "low", "insufficient")
_RANK = {label: k for k, label in enumerate(QUALITY_LABELS)}


@dataclass(frozen=True)
class Requirement:
    """``measure >= minimum``, else the estimate is at most ``label``, for the reason ``code``
    (its value the minimum: :mod:`analysis.indicators.reasons`)."""

    measure: Measure
    minimum: float
    label: QualityLabel
    code: ReasonCode

    @property
    def reason(self) -> Reason:
        """Why an estimate that fails this requirement is lowered."""
        return Reason(self.code, float(self.minimum))


#: What an incident-based estimate (reporting rate, dark figure) needs in every rule set: its
#: cases are incidents, clustered in the few respondents and PSUs that had any, so the number of
#: respondents in the area says nothing about them.
INCIDENT_REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement("n", 50, "insufficient", "few_incidents"),
    Requirement("df", 9, "insufficient", "incident_psus"),
)


@dataclass(frozen=True)
class QualityRules:
    """A rule set.

    ``cv_bands``: ascending ``(upper, label, inclusive)``; the first band with
    ``cv < upper`` (``<=`` when inclusive) gives the label. ``suppress``: the
    labels a public output hides; always holds ``insufficient``, never
    ``high``. ``incident_requirements`` apply to incident-based indicators
    on top of ``requirements``.
    """

    name: str
    source: str
    cv_bands: tuple[tuple[float, QualityLabel, bool], ...]
    requirements: tuple[Requirement, ...]
    suppress: frozenset[QualityLabel]
    incident_requirements: tuple[Requirement, ...] = INCIDENT_REQUIREMENTS

    def __post_init__(self) -> None:
        labels = {b[1] for b in self.cv_bands} | {r.label for r in self.requirements}
        labels |= {r.label for r in self.incident_requirements} | set(self.suppress)
        unknown = sorted(labels - set(QUALITY_LABELS))
        if unknown:
            raise ValueError(
                f"quality rules {self.name!r}: unknown label(s) {', '.join(unknown)}; "
                f"use {', '.join(QUALITY_LABELS)}"
            )
        if "insufficient" not in self.suppress or "high" in self.suppress:
            raise ValueError(
                f"quality rules {self.name!r}: suppress must hold 'insufficient' and not 'high'"
            )
        if not self.cv_bands:
            raise ValueError(f"quality rules {self.name!r}: give at least one CV band")


QUALITY_RULES: dict[str, QualityRules] = {
    "inegi": QualityRules(
        "inegi",
        "INEGI coefficient-of-variation bands (ENVIPE)",
        ((0.15, "high", False), (0.30, "moderate", False), (np.inf, "low", True)),
        (),
        frozenset({"insufficient"}),
    ),
    "bjs": QualityRules(
        "bjs",
        "BJS: interpret with caution when 10 or fewer cases or CV > 50%",
        ((0.50, "high", True), (np.inf, "low", True)),
        (Requirement("n", 11, "low", "few_sample_cases"),),
        frozenset({"insufficient"}),
    ),
    "ine_cl": QualityRules(
        "ine_cl",
        "INE Chile (2020): n >= 60, df >= 9, CV 15%/30% bands",
        ((0.15, "high", True), (0.30, "moderate", True), (np.inf, "low", True)),
        (
            Requirement("n", 60, "low", "few_cases"),
            Requirement("df", 9, "low", "few_df"),
        ),
        frozenset({"low", "insufficient"}),
    ),
    "cepal": QualityRules(
        "cepal",
        "CEPAL (2020): n >= 100, effective n >= 140, df >= 9, CV <= 20%",
        ((0.20, "high", True), (np.inf, "moderate", True)),
        (
            Requirement("n", 100, "low", "few_cases"),
            Requirement("n_effective", 140, "low", "low_n_effective"),
            Requirement("df", 9, "low", "few_df"),
        ),
        frozenset({"low", "insufficient"}),
    ),
}


def quality_rules(quality: str | QualityRules) -> QualityRules:
    """The rule set named ``quality`` (a :class:`QualityRules` is returned as is)."""
    if isinstance(quality, QualityRules):
        return quality
    if quality not in QUALITY_RULES:
        raise ValueError(f"quality must be one of {', '.join(QUALITY_RULES)}; got {quality!r}")
    return QUALITY_RULES[quality]


def with_minimum_cases(quality: str | QualityRules, min_cases: int) -> QualityRules:
    """``quality`` plus "fewer than ``min_cases`` cases → insufficient" (hence suppressed).

    An output's smallest publishable cell, as a rule of the set, so that
    label, suppression and reason agree. ``min_cases <= 0`` adds nothing.
    """
    rules = quality_rules(quality)
    if min_cases <= 0:
        return rules
    smallest = Requirement("n", min_cases, "insufficient", "few_cases")
    return replace(rules, requirements=(*rules.requirements, smallest))


def _band(rules: QualityRules, cv: float) -> QualityLabel:
    for upper, label, inclusive in rules.cv_bands:
        if cv < upper or (inclusive and cv <= upper):
            return label
    return rules.cv_bands[-1][1]


def _incident_rows(table: pd.DataFrame) -> np.ndarray:
    """Rows of catalogue indicators whose cases are incidents (no ``indicator`` column: none)."""
    if "indicator" not in table.columns:
        return np.zeros(len(table), dtype=bool)
    incident = {i.id for i in catalogue() if i.level == "incident"}
    return table["indicator"].isin(incident).to_numpy(dtype=bool)


def assess_quality(table: pd.DataFrame, quality: str | QualityRules = "inegi") -> pd.DataFrame:
    """Quality label, suppression and reason for every estimate of ``table``.

    Parameters
    ----------
    table : pandas.DataFrame
        Needs ``estimate, se, cv, n, df``; ``n_effective`` when the rule set
        uses it; ``indicator`` (catalogue ids) to apply the incident
        requirements.
    quality : str or QualityRules
        ``"inegi"`` (default), ``"bjs"``, ``"ine_cl"``, ``"cepal"``, or a
        custom :class:`QualityRules` (e.g. from :func:`with_minimum_cases`).

    Returns
    -------
    pandas.DataFrame
        ``quality, suppressed, reason, reasons`` aligned with ``table``'s
        index; ``suppressed`` is ``quality in rules.suppress``, ``reasons``
        lists every rule that lowered the label (:func:`~analysis.indicators.
        reasons.encode_reasons`' JSON text, ``"[]"`` for ``high``) and
        ``reason`` says them in English ("" for ``high``).

    Examples
    --------
    >>> assess_quality(pd.DataFrame({"estimate": [0.2], "se": [0.05], "cv": [0.25],
    ...                              "n": [80], "df": [20]}))  # doctest: +SKIP
    """
    rules = quality_rules(quality)
    incident = _incident_rows(table)
    every = rules.requirements + (rules.incident_requirements if incident.any() else ())
    needed = {"estimate", "se", "cv", "n", "df"} | {r.measure for r in every}
    missing = sorted(needed - set(table.columns))
    if missing:
        raise ValueError(f"table lacks column(s) {', '.join(missing)} needed for quality rules")
    labels: list[QualityLabel] = []
    reasons: list[list[Reason]] = []
    measures = {m: table[m].to_numpy(dtype=np.float64) for m in needed}
    for i in range(len(table)):
        est, se, cv, n, df = (measures[m][i] for m in ("estimate", "se", "cv", "n", "df"))
        why: list[Reason] = []
        label: QualityLabel
        if not n > 0:
            label = "insufficient"
            why.append(Reason("no_cases"))
        elif not np.isfinite(est) or not np.isfinite(se):
            label = "insufficient"
            why.append(Reason("no_variance"))
        elif not df >= 1:
            label = "insufficient"
            why.append(Reason("single_psu"))
        else:
            if se == 0:
                label = "low"
                why.append(Reason("no_variation"))
            elif np.isfinite(cv):
                label = _band(rules, cv)
                if label != "high":
                    why.append(Reason("cv", float(cv)))
            else:
                label = "low"
                why.append(Reason("cv_undefined"))
            extra = rules.incident_requirements if incident[i] else ()
            for req in (*rules.requirements, *extra):
                if not measures[req.measure][i] >= req.minimum:
                    why.append(req.reason)
                    if _RANK[req.label] > _RANK[label]:
                        label = req.label
        labels.append(label)
        reasons.append(why)
    suppressed = [label in rules.suppress for label in labels]
    if {"indicator", "domain_type", "domain"} <= set(table.columns):
        _differences_from_parts(table, labels, suppressed, reasons)
    return pd.DataFrame(
        {
            "quality": labels,
            "suppressed": suppressed,
            "reason": [reason_text(why, "en") for why in reasons],
            "reasons": [encode_reasons(why) for why in reasons],
        },
        index=table.index,
    )


def _differences_from_parts(
    table: pd.DataFrame,
    labels: list[QualityLabel],
    suppressed: list[bool],
    reasons: list[list[Reason]],
) -> None:
    """A difference (a catalogue entry with ``parts``) is as good as its worse part (in place).

    Its CV says nothing (a gap near 0 has a huge CV however precise it is);
    its label, suppression and reasons are those of the worse of its two
    parts in the same domain, so a gap is never published where a part is
    suppressed. Without a row for a part it is ``insufficient``.
    """
    parts_of = {i.id: i.parts for i in catalogue() if i.parts is not None}
    key = list(zip(table["indicator"], table["domain_type"], table["domain"], strict=True))
    position = {k: i for i, k in enumerate(key)}
    for i, (ident, domain_type, domain) in enumerate(key):
        parts = parts_of.get(ident)
        if parts is None:
            continue
        rows = [position[k] for k in ((p, domain_type, domain) for p in parts) if k in position]
        if len(rows) < len(parts):
            labels[i], suppressed[i] = "insufficient", True
            reasons[i] = [Reason("part_missing")]
            continue
        worst = max(rows, key=lambda j: _RANK[labels[j]])
        labels[i], suppressed[i] = labels[worst], suppressed[worst]
        reasons[i] = [why.of_part(str(key[j][0])) for j in rows for why in reasons[j]]
