"""Re-identification risk of a microdata file on its quasi-identifiers.

Frequencies count, for each record, the records that share its
quasi-identifier values, a blank (suppressed or missing value) matching any
value on both sides: sdcMicro's counting with ``alpha = 1``, the cautious
choice, since an intruder cannot tell a blank from any value. ``f_k`` is that
count in the sample and ``F_k`` the sum of the matching records' weights (the
estimated population frequency).

The individual risk is the approximation of Benedetti and Franconi (1998) used
by sdcMicro's ``indivRisk(method = "approx")``: the expected value of
``1 / F`` for the true population frequency ``F`` given ``f_k``, with
``p_k = f_k / F_k`` (see :func:`individual_risk`). The expected number of
re-identifications is the sum of the individual risks (sdcMicro's
``global_risk_ER``) and the global risk their mean.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["RiskSummary", "encode", "frequencies", "individual_risk", "measure_risk"]

_LIMIT = 1 << 40  # combined codes are re-numbered before they could overflow int64


@dataclass(frozen=True)
class RiskSummary:
    """Disclosure risk of a file: cells smaller than ``k`` and expected re-identifications.

    Attributes
    ----------
    records : int
    k : int
    below_k : int
        Records whose key is shared by fewer than ``k`` records (``f_k < k``).
    share_below_k : float
        ``below_k / records``.
    uniques : int
        Sample uniques (``f_k = 1``).
    expected_reidentifications : float
        Sum of the individual risks.
    global_risk : float
        Mean individual risk.
    max_risk : float
        Largest individual risk.
    """

    records: int
    k: int
    below_k: int
    share_below_k: float
    uniques: int
    expected_reidentifications: float
    global_risk: float
    max_risk: float

    def to_dict(self) -> dict[str, Any]:
        """Plain values (JSON)."""
        return asdict(self)


def encode(frame: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """Integer codes of ``columns`` (rows x columns), -1 where the value is missing."""
    codes = np.empty((len(frame), len(columns)), dtype=np.int64)
    for j, column in enumerate(columns):
        codes[:, j] = pd.factorize(frame[column], use_na_sentinel=True)[0]
    return codes


def _patterns(codes: np.ndarray) -> np.ndarray:
    """Bit ``j`` set where column ``j`` is blank."""
    bits = (np.int64(1) << np.arange(codes.shape[1], dtype=np.int64)).astype(np.int64)
    return (
        ((codes < 0).astype(np.int64) * bits).sum(axis=1)
        if codes.shape[1]
        else np.zeros(len(codes), dtype=np.int64)
    )


def _combine(codes: np.ndarray, columns: list[int]) -> np.ndarray:
    """One integer per row identifying its values in ``columns`` (blanks give junk keys)."""
    key = np.zeros(len(codes), dtype=np.int64)
    span = 1
    for j in columns:
        column = np.maximum(codes[:, j], 0)
        size = int(column.max()) + 1 if len(column) else 1
        if span * size >= _LIMIT:
            key = np.unique(key, return_inverse=True)[1].astype(np.int64)
            span = int(key.max()) + 1 if len(key) else 1
        key = key * size + column
        span *= size
    return key


def wildcard_counts(
    codes: np.ndarray, weights: np.ndarray, probes: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For each row of ``probes``, the rows of ``codes`` it matches and their weight sum.

    A row matches a probe when every column is equal or blank (-1) in either.
    Work grows with the number of distinct blank patterns, not with pairs of rows.
    """
    p = codes.shape[1]
    count = np.zeros(len(probes), dtype=np.float64)
    total = np.zeros(len(probes), dtype=np.float64)
    if len(probes) == 0:
        return count, total
    if p == 0:
        count[:] = len(codes)
        total[:] = weights.sum()
        return count, total
    both = np.vstack([codes, probes])
    data_pattern = _patterns(codes)
    probe_pattern = _patterns(probes)
    data_groups = {int(t): np.flatnonzero(data_pattern == t) for t in np.unique(data_pattern)}
    probe_groups = {int(s): np.flatnonzero(probe_pattern == s) for s in np.unique(probe_pattern)}
    keys: dict[int, np.ndarray] = {}
    n = len(codes)
    for s, probe_rows in probe_groups.items():
        for t, data_rows in data_groups.items():
            blank = s | t
            if blank not in keys:
                free = [j for j in range(p) if not blank >> j & 1]
                keys[blank] = _combine(both, free)
            key = keys[blank]
            values, inverse = np.unique(key[data_rows], return_inverse=True)
            sizes = np.bincount(inverse, minlength=len(values)).astype(np.float64)
            sums = np.bincount(inverse, weights=weights[data_rows], minlength=len(values))
            wanted = key[n + probe_rows]
            at = np.searchsorted(values, wanted)
            at_ok = np.minimum(at, len(values) - 1)
            hit = (at < len(values)) & (values[at_ok] == wanted)
            count[probe_rows[hit]] += sizes[at_ok[hit]]
            total[probe_rows[hit]] += sums[at_ok[hit]]
    return count, total


def frequencies(
    frame: pd.DataFrame, quasi_identifiers: Sequence[str], weight: str | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """``(f_k, F_k)`` of every record: matching records and their weight sum (blanks match all).

    Without ``weight`` every record weighs 1 (``F_k = f_k``).
    """
    columns = [c for c in quasi_identifiers if c in frame.columns]
    codes = encode(frame, columns)
    w = _weights(frame, weight)
    return wildcard_counts(codes, w, codes)


def _weights(frame: pd.DataFrame, weight: str | None) -> np.ndarray:
    if weight is None:
        return np.ones(len(frame))
    from analysis._validation import check_weights, numeric_column

    values = numeric_column(frame, weight, what="weight", where="the respondent file")
    return check_weights(values, weight)


def individual_risk(fk: np.ndarray, Fk: np.ndarray) -> np.ndarray:
    """Benedetti-Franconi individual risk (sdcMicro ``indivRisk``, ``method = "approx"``).

    Parameters
    ----------
    fk, Fk : ndarray
        Sample frequency and estimated population frequency of each record's key.

    Returns
    -------
    ndarray
        The risk ``r_k``.

    Notes
    -----
    With ``p = f_k / F_k`` the population frequency given the sample one is
    negative binomial, and ``r_k = E(1 / F)``:

    * ``f_k = 1``: ``r = p / (1 - p) * log(1 / p)`` (exact),
    * ``f_k = 2``: ``r = p / (1 - p) - (p / (1 - p))^2 * log(1 / p)`` (exact),
    * ``f_k > 2``: ``r = p / (f_k - (1 - p))`` (approximation),
    * ``p = 1`` (the whole population is in the sample): ``r = 1 / f_k``.

    References: Benedetti, R. and Franconi, L. (1998), "Statistical and
    technological solutions for controlled data dissemination"; Templ, M.
    (2017), *Statistical Disclosure Control for Microdata*, sect. 3.5.
    """
    f = np.asarray(fk, dtype=np.float64)
    p = np.clip(f / np.maximum(np.asarray(Fk, dtype=np.float64), 1e-300), 0.0, 1.0)
    risk = np.empty_like(f)
    full = p >= 1.0
    q = np.where(full, 0.5, p)  # placeholder where the formula is not used
    odds = q / (1.0 - q)
    log_inv = -np.log(q)
    risk[:] = q / (f - (1.0 - q))
    one = f == 1
    two = f == 2
    risk[one] = (odds * log_inv)[one]
    risk[two] = (odds - odds**2 * log_inv)[two]
    risk[full] = 1.0 / f[full]
    return risk


def measure_risk(
    frame: pd.DataFrame, quasi_identifiers: Sequence[str], weight: str | None, k: int
) -> RiskSummary:
    """:class:`RiskSummary` of ``frame`` on the quasi-identifiers it carries."""
    fk, Fk = frequencies(frame, quasi_identifiers, weight)
    return summarize(fk, Fk, k)


def summarize(fk: np.ndarray, Fk: np.ndarray, k: int) -> RiskSummary:
    """:class:`RiskSummary` from the frequencies of :func:`frequencies`."""
    n = len(fk)
    risk = individual_risk(fk, Fk) if n else np.zeros(0)
    below = int((fk < k).sum())
    return RiskSummary(
        records=n,
        k=k,
        below_k=below,
        share_below_k=below / n if n else 0.0,
        uniques=int((fk == 1).sum()),
        expected_reidentifications=float(risk.sum()),
        global_risk=float(risk.mean()) if n else 0.0,
        max_risk=float(risk.max()) if n else 0.0,
    )
