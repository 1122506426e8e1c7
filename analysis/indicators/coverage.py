"""Which standard indicators a questionnaire cannot measure, and which items they need.

A national adaptation may drop standard items or whole modules
(questionnaires/docs/naming.md, rule 6). An indicator none of whose numerator
items is asked, or none of whose denominator items, has no data:
:func:`analysis.indicators.compute_indicators`
leaves it out of the table, and reports and pages name it with
:func:`questionnaire_unmeasured`. Both read the one rule, :func:`missing_items`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from analysis.indicators.catalogue import Indicator, catalogue, get_indicator
from analysis.indicators.conditions import codes_in
from analysis.microdata import has_repeat, incident_table, respondent_table
from questionnaires.model import Instrument

__all__ = ["Unmeasured", "missing_items", "questionnaire_unmeasured", "unmeasured_indicators"]


@dataclass(frozen=True)
class Unmeasured:
    """A standard indicator the questionnaire cannot measure and the items it reads.

    ``items`` are questionnaire codes (a multiple-choice item once, without
    its ``__<choice>`` columns); none of them is asked.
    """

    indicator: str
    items: tuple[str, ...]


def _item(column: str) -> str:
    return column.split("__", 1)[0]


def missing_items(
    indicator: Indicator,
    respondent_columns: Collection[str],
    incident_columns: Collection[str] | None,
) -> tuple[str, ...]:
    """The items ``indicator`` needs when none of its numerator codes is a column, or none of
    its denominator codes (the share of those who follow crime news without ``media_freq``:
    there is nobody to count), else ``()``.

    Parameters
    ----------
    indicator : Indicator
    respondent_columns : collection of str
        Columns of the respondent table (person and household indicators).
    incident_columns : collection of str or None
        Columns of the incident table (incident and victim indicators); None
        when no table is given, which counts as measured (the caller decides
        what an indicator without its incident table means).

    Returns
    -------
    tuple of str
        The numerator's items in catalogue order, else the denominator's; for a
        difference, those of each part that cannot be measured.
    """
    if indicator.parts is not None:
        needed = (
            missing_items(get_indicator(p), respondent_columns, incident_columns)
            for p in indicator.parts
        )
        return tuple(dict.fromkeys(code for items in needed for code in items))
    columns = respondent_columns if indicator.level in ("person", "household") else incident_columns
    if columns is None:
        return ()
    for condition in (indicator.numerator, indicator.denominator):
        codes = list(codes_in(condition))
        if codes and not any(code in columns for code in codes):
            return tuple(dict.fromkeys(_item(code) for code in codes))
    return ()


def unmeasured_indicators(
    respondent_columns: Iterable[str], incident_columns: Iterable[str] | None
) -> tuple[Unmeasured, ...]:
    """Every catalogue indicator :func:`missing_items` finds no data for, in catalogue order."""
    respondent = frozenset(respondent_columns)
    incident = None if incident_columns is None else frozenset(incident_columns)
    out = []
    for ind in catalogue():
        items = missing_items(ind, respondent, incident)
        if items:
            out.append(Unmeasured(ind.id, items))
    return tuple(out)


def questionnaire_unmeasured(instrument: Instrument) -> tuple[Unmeasured, ...]:
    """The standard indicators ``instrument`` cannot measure, and the items each needs.

    The columns are those :func:`analysis.microdata.respondent_table` and
    :func:`analysis.microdata.incident_table` build from the instrument's
    items; an instrument without the incident module measures no
    incident-level indicator.

    Examples
    --------
    >>> questionnaire_unmeasured(standard_instrument())
    ()
    """
    respondents = respondent_table([], instrument).columns
    incidents = incident_table([], instrument).columns if has_repeat(instrument) else ()
    return unmeasured_indicators(respondents, incidents)
