"""Quality rules for published estimates, as data (one :class:`QualityRules` per office).

Every rule set labels an estimate ``high``, ``moderate``, ``low`` or
``insufficient`` and says whether a public output suppresses it. The label
is the worst of (a) the CV band and (b) each minimum requirement on the
number of cases ``n``, the design degrees of freedom ``df`` and the
effective sample size ``n_effective = n / deff``. ``insufficient`` means
nothing can be estimated (no case in the denominator, or no variance).

The CV of a proportion is ``se / estimate`` (INEGI's definition); an
estimate of 0 has no CV and is labelled ``low``.

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

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["QUALITY_LABELS", "QUALITY_RULES", "QualityRules", "Requirement", "assess_quality"]

#: labels from best to worst
QUALITY_LABELS: tuple[str, ...] = ("high", "moderate", "low", "insufficient")
_RANK = {label: k for k, label in enumerate(QUALITY_LABELS)}


@dataclass(frozen=True)
class Requirement:
    """``measure >= minimum``, else the estimate is at most ``label``."""

    measure: str  # "n", "df" or "n_effective"
    minimum: float
    label: str
    reason: str


@dataclass(frozen=True)
class QualityRules:
    """A rule set.

    ``cv_bands``: ascending ``(upper, label, inclusive)``; the first band with
    ``cv < upper`` (``<=`` when inclusive) gives the label.
    """

    name: str
    source: str
    cv_bands: tuple[tuple[float, str, bool], ...]
    requirements: tuple[Requirement, ...]
    suppress: frozenset[str]


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
        (Requirement("n", 11, "low", "10 or fewer sample cases"),),
        frozenset({"insufficient"}),
    ),
    "ine_cl": QualityRules(
        "ine_cl",
        "INE Chile (2020): n >= 60, df >= 9, CV 15%/30% bands",
        ((0.15, "high", True), (0.30, "moderate", True), (np.inf, "low", True)),
        (
            Requirement("n", 60, "low", "fewer than 60 cases"),
            Requirement("df", 9, "low", "fewer than 9 degrees of freedom"),
        ),
        frozenset({"low", "insufficient"}),
    ),
    "cepal": QualityRules(
        "cepal",
        "CEPAL (2020): n >= 100, effective n >= 140, df >= 9, CV <= 20%",
        ((0.20, "high", True), (np.inf, "moderate", True)),
        (
            Requirement("n", 100, "low", "fewer than 100 cases"),
            Requirement("n_effective", 140, "low", "effective sample size below 140"),
            Requirement("df", 9, "low", "fewer than 9 degrees of freedom"),
        ),
        frozenset({"low", "insufficient"}),
    ),
}


def _rules(quality: str | QualityRules) -> QualityRules:
    if isinstance(quality, QualityRules):
        return quality
    if quality not in QUALITY_RULES:
        raise ValueError(f"quality must be one of {', '.join(QUALITY_RULES)}; got {quality!r}")
    return QUALITY_RULES[quality]


def _band(rules: QualityRules, cv: float) -> str:
    for upper, label, inclusive in rules.cv_bands:
        if cv < upper or (inclusive and cv <= upper):
            return label
    return rules.cv_bands[-1][1]


def assess_quality(table: pd.DataFrame, quality: str | QualityRules = "inegi") -> pd.DataFrame:
    """Quality label, suppression and reason for every estimate of ``table``.

    Parameters
    ----------
    table : pandas.DataFrame
        Needs ``estimate, se, cv, n, df``; ``n_effective`` when the rule set
        uses it.
    quality : str or QualityRules
        ``"inegi"`` (default), ``"bjs"``, ``"ine_cl"``, ``"cepal"``, or a
        custom :class:`QualityRules`.

    Returns
    -------
    pandas.DataFrame
        ``quality, suppressed, reason`` aligned with ``table``'s index.

    Examples
    --------
    >>> assess_quality(pd.DataFrame({"estimate": [0.2], "se": [0.05], "cv": [0.25],
    ...                              "n": [80], "df": [20]}))  # doctest: +SKIP
    """
    rules = _rules(quality)
    needed = {"estimate", "se", "cv", "n", "df"} | {r.measure for r in rules.requirements}
    missing = sorted(needed - set(table.columns))
    if missing:
        raise ValueError(f"table lacks column(s) {', '.join(missing)} needed for quality rules")
    labels: list[str] = []
    suppressed: list[bool] = []
    reasons: list[str] = []
    measures = {m: table[m].to_numpy(dtype=np.float64) for m in needed}
    for i in range(len(table)):
        est, se, cv, n = (measures[m][i] for m in ("estimate", "se", "cv", "n"))
        why: list[str] = []
        if not n > 0 or not np.isfinite(est) or not np.isfinite(se):
            label = "insufficient"
            why.append("no cases in the denominator" if not n > 0 else "no variance estimate")
        else:
            if np.isfinite(cv):
                label = _band(rules, cv)
                if label != "high":
                    why.append(f"CV {100 * cv:.1f}%")
            else:
                label = "low"
                why.append("CV undefined (estimate 0)")
            for req in rules.requirements:
                value = measures[req.measure][i]
                if not value >= req.minimum:
                    why.append(req.reason)
                    if _RANK[req.label] > _RANK[label]:
                        label = req.label
        labels.append(label)
        suppressed.append(label in rules.suppress)
        reasons.append("; ".join(why))
    return pd.DataFrame(
        {"quality": labels, "suppressed": suppressed, "reason": reasons}, index=table.index
    )
