"""Local suppression to k-anonymity: blank as few quasi-identifier cells as the greedy rule can.

Finding the fewest suppressions that make a file k-anonymous is NP-hard
(Meyerson and Williams 2004); like sdcMicro's ``localSuppression`` this is a
greedy heuristic, written here from the description of the method, not from
its code. It works in rounds:

1. Count every record's matches ``f_k`` (a blank matches any value).
2. For each record with ``f_k < k`` and each of its non-blank keys, count the
   matches it would have with that key blanked.
3. Choose, per record, the least important key whose blanking reaches ``k``;
   when none does, the key that gains most (ties: the least important).
4. Apply the choices record by record, riskiest first (smallest ``f_k``);
   a blanked record now matches others, so a record lifted to ``k`` by the
   blanks already made is left alone (fewer cells than blanking all at once).

A record with every key blank matches all records, so at most one round per
key is needed. Keys constant within a PSU (areas) are then blanked in the
whole PSU where any of its records lost them: the other respondents of the
PSU would give the value away.
"""

from __future__ import annotations

import numpy as np

from analysis.disclosure.risk import wildcard_counts

__all__ = ["local_suppression"]


def _matches(rows: np.ndarray, row: np.ndarray) -> np.ndarray:
    return ((rows == row) | (rows < 0) | (row < 0)).all(axis=1)


def local_suppression(
    codes: np.ndarray,
    k: int,
    *,
    clusters: np.ndarray | None = None,
    cluster_columns: tuple[int, ...] = (),
) -> np.ndarray:
    """Cells to blank so that every row matches at least ``k`` rows.

    Parameters
    ----------
    codes : ndarray of int
        Rows x quasi-identifiers from :func:`analysis.disclosure.risk.encode`
        (-1 blank), columns from the most to the least important.
    k : int
    clusters : ndarray, optional
        PSU of each row (any labels).
    cluster_columns : tuple of int
        Columns constant within a PSU.

    Returns
    -------
    ndarray of bool
        Rows x columns, True where a cell is to be blanked (never a cell
        already blank).

    Raises
    ------
    ValueError
        When the file has fewer than ``k`` rows (no suppression can help).
    """
    n, p = codes.shape
    if n and n < k:
        raise ValueError(f"the file has {n} records, fewer than k = {k}: it cannot be k-anonymous")
    work = codes.copy()
    weights = np.ones(n)  # only the counts matter here
    preference = np.arange(p)  # higher = less important = blanked first
    for _ in range(p + 1):
        fk, _total = wildcard_counts(work, weights, work)
        unsafe = np.flatnonzero(fk < k)
        if len(unsafe) == 0 or p == 0:
            break
        gains = _gains(work, weights, unsafe)
        reach = gains >= k
        score = np.where(reach, p + preference, -1)  # reaching k, least important first
        fallback = np.argmax(gains * (p + 1) + preference, axis=1)
        choice = np.where(reach.any(axis=1), np.argmax(score, axis=1), fallback)
        _apply_in_order(work, unsafe, choice, fk[unsafe].copy(), gains, k)
    suppressed = (work < 0) & (codes >= 0)
    if clusters is not None and cluster_columns:
        for j in cluster_columns:
            hit = np.unique(clusters[suppressed[:, j]])
            if len(hit):
                suppressed[:, j] |= np.isin(clusters, hit) & (codes[:, j] >= 0)
    return suppressed


def _gains(work: np.ndarray, weights: np.ndarray, unsafe: np.ndarray) -> np.ndarray:
    """Matches of each unsafe row with each of its keys blanked (-1 where already blank)."""
    u, p = len(unsafe), work.shape[1]
    probes = np.repeat(work[unsafe], p, axis=0)
    column = np.tile(np.arange(p), u)
    already = probes[np.arange(u * p), column] < 0
    probes[np.arange(u * p), column] = -1
    counts, _ = wildcard_counts(work, weights, probes)
    counts[already] = -1
    return counts.reshape(u, p)


def _apply_in_order(
    work: np.ndarray,
    unsafe: np.ndarray,
    choice: np.ndarray,
    current: np.ndarray,
    gains: np.ndarray,
    k: int,
) -> None:
    """Blank the chosen cells, smallest ``f_k`` first, skipping rows others lifted to ``k``."""
    sub = work[unsafe].copy()
    for i in np.argsort(current, kind="stable"):
        if current[i] >= k:
            continue
        j = int(choice[i])
        before = sub[i].copy()
        after = before.copy()
        after[j] = -1
        newly = _matches(sub, after) & ~_matches(sub, before)
        current[newly] += 1
        current[i] = max(current[i], gains[i, j])
        sub[i] = after
        work[unsafe[i]] = after
