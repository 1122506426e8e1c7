"""Weighted quantiles within many domains at once (R's ``qrule_math``)."""

from __future__ import annotations

import numpy as np


class RankedDomains:
    """Values sorted within domains, for R's ``qrule_math`` in every domain at once."""

    def __init__(self, y: np.ndarray, w: np.ndarray, domain: np.ndarray, n_domains: int) -> None:
        keep = w > 0  # R's qrule_math drops zero weights
        y, w, domain = y[keep], w[keep], domain[keep]
        order = np.lexsort((y, domain))  # stable, like R's order()
        self.y = y[order]
        self.domain = domain[order]
        counts = np.bincount(self.domain, minlength=n_domains)
        self.start = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
        self.stop = self.start + counts
        # R accumulates cumsum() and sum() in long double, then rounds to double
        cum = np.cumsum(w[order].astype(np.longdouble))
        base = np.concatenate([[np.longdouble(0)], cum])[self.start]
        self.cumw = (cum - base[self.domain]).astype(np.float64)
        last = np.maximum(self.stop - 1, 0)
        self.total = np.where(counts > 0, (cum[last] - base).astype(np.float64), np.nan)

    def quantile(self, p: np.ndarray) -> np.ndarray:
        """``qrule_math`` at probability ``p[d]`` in each domain ``d`` (nan stays nan)."""
        out = np.full(self.start.size, np.nan)
        which = np.flatnonzero(np.isfinite(p) & (self.stop > self.start))
        start, stop, total = self.start[which], self.stop[which], self.total[which]
        pw = p[which]
        # R's survey:::last() gives the first position when none qualifies
        idx = np.maximum(last_at_or_below(self.cumw, start, stop, pw * total), start)
        exact = pw - self.cumw[idx] / total == 0
        take = np.where(exact, idx, np.minimum(idx + 1, stop - 1))
        out[which] = self.y[take]
        return out


def last_at_or_below(
    values: np.ndarray, start: np.ndarray, stop: np.ndarray, target: np.ndarray
) -> np.ndarray:
    """Last index ``i`` in ``[start, stop)`` with ``values[i] <= target``, else ``start - 1``.

    A binary search run for all segments at once; ``values`` increase within
    each segment.
    """
    lo = start - 1
    hi = stop.copy()
    while True:
        open_ = hi - lo > 1
        if not open_.any():
            return lo
        mid = (lo + hi) // 2
        below = open_ & (values[np.where(open_, mid, 0)] <= target)
        lo = np.where(below, mid, lo)
        hi = np.where(open_ & ~below, mid, hi)
