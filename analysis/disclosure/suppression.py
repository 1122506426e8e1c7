"""Local suppression to k-anonymity: blank as few quasi-identifier cells as the greedy rule can.

Finding the fewest suppressions that make a file k-anonymous is NP-hard
(Meyerson and Williams 2004). Like sdcMicro's ``localSuppression`` this is a
greedy heuristic that counts blanks as wildcards and blanks the least
important key first, but it chooses the cells its own way, in rounds:

1. Count every record's matches ``f_k`` (a blank matches any value).
2. For each record with ``f_k < k``, find the fewest of its keys whose
   blanking reaches ``k`` (one key, else two, ...; at most ``2^p - 1`` sets for
   ``p`` keys, counted for all such records at once).
3. Among the sets of that size, choose the one whose most important key is
   the least important (then the next key, ...).
4. Apply the choices record by record, riskiest first (smallest ``f_k``);
   a blanked record now matches others, so a record lifted to ``k`` by the
   blanks already made is left alone (fewer cells than blanking all at once).

A record with every key blank matches all records, so a set is always found;
further rounds are a safeguard. Keys constant within a PSU (areas) are then blanked in the
whole PSU where any of its records lost them: the other respondents of the
PSU would give the value away.
"""

from __future__ import annotations

import itertools

import numpy as np

from analysis.disclosure.risk import wildcard_counts

__all__ = ["EXHAUSTIVE", "RESCUE_LIMIT", "local_suppression"]

#: Above this many records below k in a round, every choice is applied at once (each one
#: still reaches k on its own: blanks only add matches) instead of record by record, whose
#: cost grows with the square of their number.
RESCUE_LIMIT = 20_000
#: Sets of up to this many keys are all tried; larger ones only as a row's least important keys.
EXHAUSTIVE = 3


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
    for _ in range(p + 1):
        fk, _total = wildcard_counts(work, weights, work)
        unsafe = np.flatnonzero(fk < k)
        if len(unsafe) == 0 or p == 0:
            break
        choice, reached = _choose(work, weights, unsafe, k)
        _apply_in_order(work, unsafe, choice, fk[unsafe].copy(), reached, k)
    suppressed = (work < 0) & (codes >= 0)
    if clusters is not None and cluster_columns:
        for j in cluster_columns:
            hit = np.unique(clusters[suppressed[:, j]])
            if len(hit):
                suppressed[:, j] |= np.isin(clusters, hit) & (codes[:, j] >= 0)
    return suppressed


def _choose(
    work: np.ndarray, weights: np.ndarray, unsafe: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per unsafe row, the fewest keys whose blanking reaches ``k``, least important first.

    Returns the keys to blank (rows x columns, bool) and the matches they give.
    Sets of one key are tried first, then of two, ...; among sets of one size
    reaching ``k`` the one whose most important key is least important wins
    (the weight ``2^(p-1-j)`` of key ``j`` makes that the smallest sum). Past
    :data:`EXHAUSTIVE` keys only the row's least important keys are tried, so
    the number of sets stays polynomial in the number of keys.
    """
    u, p = len(unsafe), work.shape[1]
    choice = np.zeros((u, p), dtype=bool)
    reached = np.zeros(u)
    rows = work[unsafe]
    open_rows = np.arange(u)
    rank = 2.0 ** (p - 1 - np.arange(p))
    for size in range(1, p + 1):
        if len(open_rows) == 0:
            break
        best = np.full(len(open_rows), np.inf)
        best_set = np.zeros((len(open_rows), p), dtype=bool)
        best_count = np.zeros(len(open_rows))
        if size > EXHAUSTIVE:
            _least_important(work, weights, rows, open_rows, size, k, (best, best_set, best_count))
        for subset in itertools.combinations(range(p), size) if size <= EXHAUSTIVE else ():
            keys = list(subset)
            usable = (rows[open_rows][:, keys] >= 0).all(axis=1)  # no key already blank
            if not usable.any():
                continue
            probes = rows[open_rows[usable]].copy()
            probes[:, keys] = -1
            counts, _ = wildcard_counts(work, weights, probes)
            score = float(rank[keys].sum())
            at = np.flatnonzero(usable)[(counts >= k) & (score < best[usable])]
            hit = counts[(counts >= k) & (score < best[usable])]
            best[at] = score
            best_set[at] = False
            best_set[np.ix_(at, keys)] = True
            best_count[at] = hit
        done = np.isfinite(best)
        choice[open_rows[done]] = best_set[done]
        reached[open_rows[done]] = best_count[done]
        open_rows = open_rows[~done]
    return choice, reached


def _least_important(
    work: np.ndarray,
    weights: np.ndarray,
    rows: np.ndarray,
    open_rows: np.ndarray,
    size: int,
    k: int,
    best: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> None:
    """Try blanking each open row's ``size`` least important non-blank keys (all if fewer)."""
    score, chosen, count = best
    present = rows[open_rows] >= 0
    from_right = np.cumsum(present[:, ::-1], axis=1)[:, ::-1]  # non-blank keys at or after j
    keys = present & (from_right <= size)
    probes = np.where(keys, -1, rows[open_rows])
    counts, _ = wildcard_counts(work, weights, probes)
    hit = counts >= k
    score[hit] = 0.0
    chosen[hit] = keys[hit]
    count[hit] = counts[hit]


def _apply_in_order(
    work: np.ndarray,
    unsafe: np.ndarray,
    choice: np.ndarray,
    current: np.ndarray,
    reached: np.ndarray,
    k: int,
) -> None:
    """Blank the chosen cells, smallest ``f_k`` first, skipping rows others lifted to ``k``."""
    if len(unsafe) > RESCUE_LIMIT:  # the pass below is quadratic: blank every choice at once
        work[unsafe] = np.where(choice, -1, work[unsafe])
        return
    sub = work[unsafe].copy()
    for i in np.argsort(current, kind="stable"):
        if current[i] >= k:
            continue
        before = sub[i].copy()
        keys = choice[i]
        after = np.where(keys, -1, before)
        # rows matching ``after`` but not ``before``: agree on the kept keys, not on a blanked one
        agree = (sub == before) | (sub < 0) | (before < 0)
        newly = agree[:, ~keys].all(axis=1) & ~agree[:, keys].all(axis=1)
        current[newly] += 1
        current[i] = max(current[i], reached[i])
        sub[i] = after
        work[unsafe[i]] = after
