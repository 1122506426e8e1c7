"""The parts of a status report that a national adaptation's questionnaire cannot feed.

A country may drop a standard item (questionnaires/docs/naming.md, rule 6):
its indicators are left out of the table, the comparisons that read the item
by name (the groups compared, the fear-driver model without its outcome) cannot
be computed (:func:`analysis.compare.fear_model_missing`,
:func:`analysis.compare.paradox_table`), and the fear-driver model is fitted
without the term of a covariate it lacks (:func:`analysis.compare.fear_model_dropped`), as
the observatory's exposure model is (:func:`analysis.compare.perception_model_dropped`; not
in the status report: :data:`PAGE_ONLY`), which without ``media_freq``, its exposure, is not
fitted at all.
The report says which parts it leaves out and which item they need, in the
report's language, in the "perceived versus actual" section where they would be.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from analysis.indicators.catalogue import get_indicator
from analysis.report.i18n import Translator

__all__ = ["PAGE_ONLY", "REPORT_ITEMS", "not_asked_items", "not_asked_notes", "page_only_parts"]

Part = Callable[[Translator], str]


def _title(key: str) -> Part:
    return lambda t: t(key)


def _term(key: str, covariate: str) -> Part:
    return lambda t: t("term_left_out", title=t(key), term=t(covariate))


def _row(key: str, indicator: str) -> Part:
    """The row of ``indicator`` in the table of the part titled ``key``."""
    return lambda t: f"{t(key)} ({t.pick(get_indicator(indicator).name)})"


def _groups(key: str, *groups: str) -> Part:
    return lambda t: f"{t(key)} ({', '.join(t(g) for g in groups)})"


_SEX = ("group_women", "group_men")
_AGE = ("group_youth", "group_adults")

#: Standard items the report's comparisons read by name -> the parts left out without them.
REPORT_ITEMS: dict[str, tuple[Part, ...]] = {
    "dem_sex": (
        _groups("chart_groups_title", *_SEX),
        _groups("sub_paradox", *_SEX),
        _term("sub_fear_drivers", "covariate_sex"),
        _term("sub_exposure_model", "covariate_sex"),
    ),
    "dem_age": (
        _groups("chart_groups_title", *_AGE),
        _groups("sub_paradox", *_AGE),
        _term("sub_fear_drivers", "covariate_age"),
        _term("sub_exposure_model", "covariate_age"),
    ),
    "per_safe_nbhd": (
        _row("sub_fear_by_victim", "insecure_nbhd"),
        _title("sub_paradox"),
        _title("sub_fear_drivers"),
        _title("sub_exposure_model"),
    ),
    "trust_police": (_term("sub_fear_drivers", "covariate_trust"),),
    # the exposure of the observatory's exposure model (surveyapp/services/evaluation.py)
    "media_freq": (_title("sub_exposure_model"),),
}
#: Parts only the observatory's pages show (the exposure model is on the perception page, not
#: in the status report): the status report's notes leave them out.
PAGE_ONLY: tuple[str, ...] = ("sub_exposure_model",)


def not_asked_items(items: Iterable[str]) -> tuple[str, ...]:
    """The items of :data:`REPORT_ITEMS` that are not among ``items`` (a questionnaire's item
    codes, or the columns of its respondent table), in that order."""
    asked = set(items)
    return tuple(i for i in REPORT_ITEMS if i not in asked)


def not_asked_notes(
    t: Translator,
    not_asked: Sequence[str],
    about: str | None = None,
    without: Sequence[str] = (),
) -> list[str]:
    """One sentence per item of ``not_asked`` the report reads: the parts it leaves out.

    With ``about`` (the key of a part's title, e.g. ``"sub_paradox"``), only the items
    that part needs, each sentence naming only what that part cannot show
    (``item_not_asked_here``): the reason a page gives where that part would be, which the
    page's other parts do not repeat. ``without``: keys of titles of parts an output does not
    have (the status report passes :data:`PAGE_ONLY`).
    """
    notes = []
    gone = tuple(t(key) for key in without)
    here = t(about) if about is not None else None
    for item in not_asked:
        if item not in REPORT_ITEMS:
            continue
        parts = [p for p in (part(t) for part in REPORT_ITEMS[item]) if not p.startswith(gone)]
        if here is not None:
            parts = [p for p in parts if p.startswith(here)]
            if parts:
                notes.append(t("item_not_asked_here", item=item, parts="; ".join(parts)))
        elif parts:
            notes.append(t("item_not_asked", item=item, parts="; ".join(parts)))
    return notes


def page_only_parts(t: Translator, not_asked: Sequence[str]) -> list[tuple[str, str]]:
    """``(item, parts)`` for each item of ``not_asked`` whose missing parts include some of
    :data:`PAGE_ONLY` (only the observatory's pages show them): those parts, in ``t``'s
    language, joined by "; ". What :func:`not_asked_notes` with ``without=PAGE_ONLY`` leaves
    out of the status report's sentences, for a page that says where they are missing."""
    pages = tuple(t(key) for key in PAGE_ONLY)
    found = []
    for item in not_asked:
        parts = [p for p in (part(t) for part in REPORT_ITEMS.get(item, ())) if p.startswith(pages)]
        if parts:
            found.append((item, "; ".join(parts)))
    return found
