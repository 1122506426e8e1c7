"""What an indicator is: :class:`Indicator`, its units, and helpers to write catalogue entries.

The lower module of :mod:`analysis.indicators.catalogue` and
:mod:`analysis.indicators.topics` (both write entries with these helpers).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from analysis.i18n import LANGUAGES
from analysis.indicators.conditions import (
    AllOf,
    Condition,
    Is,
    Quantity,
    Score,
    ValueOf,
)
from analysis.microdata import standard_instrument

__all__ = [
    "UNIT_SCALE",
    "Estimator",
    "Indicator",
    "Level",
    "Text",
    "Unit",
    "fmt",
    "item_label",
    "share",
]

Level = Literal["person", "household", "incident", "victim"]
Unit = Literal["percent", "per_100000", "per_1000", "ratio", "mean", "points"]
Estimator = Literal["proportion", "ratio", "mean", "difference"]
Text = Mapping[str, str]

#: multiplier applied to estimates, standard errors and intervals
UNIT_SCALE: dict[str, float] = {
    "percent": 100.0,
    "per_100000": 100_000.0,
    "per_1000": 1_000.0,
    "ratio": 1.0,
    "mean": 1.0,  # an amount or a score on its own scale (currency, behaviours)
    "points": 100.0,  # a difference of two percentages, in percentage points
}


@dataclass(frozen=True, kw_only=True)
class Indicator:
    """One standard indicator.

    ``estimate = Σ w·num·den / Σ w·den`` over the rows of its level, where
    ``den`` holds on the denominator and not on ``unknown``; ``num`` is the
    numerator condition (0/1, estimator ``proportion``) or a crime count
    (estimator ``ratio``: a ratio of totals).
    """

    id: str
    group: str
    name: Text
    definition: Text
    level: Level
    unit: Unit
    estimator: Estimator
    numerator: Condition | Quantity
    denominator: Condition
    unknown: Condition | None = None
    crime_type: int | None = None
    notes: str = ""
    once_per_victim: bool = False
    parts: tuple[str, str] | None = None

    def __post_init__(self) -> None:  # developer errors in the catalogue
        if (self.estimator == "difference") != (self.parts is not None):
            raise ValueError(f"{self.id}: a difference names its two parts, and only it does")
        if self.estimator == "mean" and not isinstance(self.numerator, ValueOf | Score):
            raise ValueError(f"{self.id}: a mean needs a ValueOf or Score numerator")
        if self.once_per_victim and self.level != "victim":
            raise ValueError(f"{self.id}: once_per_victim is for victim-level indicators")


def fmt(template: Text, **labels: Text) -> dict[str, str]:
    return {
        lang: template[lang].format(**{k: v[lang] for k, v in labels.items()}) for lang in LANGUAGES
    }


def item_label(code: str) -> Text:
    label = standard_instrument().item(code).label
    if label is None:  # a developer error: the catalogue names a labelled item
        raise KeyError(code)
    return label


def share(
    ident: str,
    group: str,
    item: str,
    yes: tuple[int, ...],
    valid: tuple[int, ...],
    name: Text,
    definition: Text,
    among: Condition | None = None,
) -> Indicator:
    den: Condition = Is(item, valid) if among is None else AllOf((among, Is(item, valid)))
    return Indicator(
        id=ident,
        group=group,
        name=name,
        definition=definition,
        level="person",
        unit="percent",
        estimator="proportion",
        numerator=Is(item, yes),
        denominator=den,
    )
