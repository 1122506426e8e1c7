"""AAPOR Standard Definitions outcome rates from final disposition counts.

One function, :func:`aapor_rates`, used by the field quality-control dashboard and the
methodology annex of reports, so both state the same numbers.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Literal

#: How e was found: from the units of known eligibility, assumed 1, or given.
EstimateSource = Literal["known", "assumed", "given"]


@dataclasses.dataclass(frozen=True)
class DispositionCounts:
    """Sample units by final disposition (AAPOR Standard Definitions, 2023).

    ``complete`` I (1.1), ``partial`` P (1.2), ``refusal`` R (2.1), ``noncontact`` NC (2.2),
    ``other`` O (2.3), ``unknown`` UH + UO (3.x), ``not_eligible`` NE (4.x).
    """

    complete: int = 0
    partial: int = 0
    refusal: int = 0
    noncontact: int = 0
    other: int = 0
    unknown: int = 0
    not_eligible: int = 0

    def __add__(self, other: DispositionCounts) -> DispositionCounts:
        return DispositionCounts(
            *(
                a + b
                for a, b in zip(dataclasses.astuple(self), dataclasses.astuple(other), strict=True)
            )
        )

    @property
    def total(self) -> int:
        return sum(dataclasses.astuple(self))


@dataclasses.dataclass(frozen=True)
class ResponseRates:
    rr1: float
    rr2: float
    rr3: float
    coop1: float
    con1: float
    e: float  # estimated eligible share of the units of unknown eligibility
    e_method: str  # how e was estimated, in words for the reader
    #: how e was found, for pages that say it in their own language
    e_source: EstimateSource


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator > 0 else math.nan


def aapor_rates(counts: DispositionCounts, e: float | None = None) -> ResponseRates:
    """Response, cooperation and contact rates.

    Parameters
    ----------
    counts : DispositionCounts
        Final dispositions of the released sample units.
    e : float, optional
        Eligible share of the units of unknown eligibility. By default it is estimated
        from the units whose eligibility was established (the proportional allocation, or
        "CASRO" estimate): eligible / (eligible + not eligible).

    Returns
    -------
    ResponseRates
        Rates in [0, 1]; NaN when a denominator is zero.

    Notes
    -----
    With I, P, R, NC, O, U = UH + UO (AAPOR Standard Definitions):

    .. math::

        RR1 = I / ((I+P) + (R+NC+O) + U), \\quad RR2 = (I+P) / (\\ldots)

        RR3 = I / ((I+P) + (R+NC+O) + e U)

        COOP1 = I / ((I+P) + R + O), \\quad CON1 = ((I+P) + R + O) / ((I+P) + R + O + NC + U)

    Examples
    --------
    >>> r = aapor_rates(DispositionCounts(complete=50, partial=10, refusal=20,
    ...                                   noncontact=10, other=10, unknown=20, not_eligible=25))
    >>> round(r.rr1, 4), round(r.e, 4), round(r.rr3, 4)
    (0.4167, 0.8, 0.431)
    """
    i, p, r, nc, o = (
        counts.complete,
        counts.partial,
        counts.refusal,
        counts.noncontact,
        counts.other,
    )
    u, ne = counts.unknown, counts.not_eligible
    eligible = i + p + r + nc + o
    if e is None:
        e = _ratio(eligible, eligible + ne)
        how = "eligible share among the units whose eligibility is known (proportional allocation)"
        source: EstimateSource = "known"
        if math.isnan(e):
            e, how = 1.0, "no unit's eligibility is known yet: every unknown counted as eligible"
            source = "assumed"
    else:
        if not 0.0 <= e <= 1.0:
            raise ValueError(f"e must be between 0 and 1, not {e}")
        how, source = "given", "given"
    base = (i + p) + (r + nc + o)
    return ResponseRates(
        rr1=_ratio(i, base + u),
        rr2=_ratio(i + p, base + u),
        rr3=_ratio(i, base + e * u),
        coop1=_ratio(i, (i + p) + r + o),
        con1=_ratio((i + p) + r + o, (i + p) + r + o + nc + u),
        e=e,
        e_method=how,
        e_source=source,
    )
