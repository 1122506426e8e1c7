"""Variance under simple random sampling, the denominator of R's design effect."""

from __future__ import annotations

from typing import Literal

import numpy as np

Kind = Literal["total", "mean", "ratio"]


def srs_variance(
    w: np.ndarray,
    num: np.ndarray,
    den: np.ndarray | None,
    est: np.ndarray,
    domain: np.ndarray,
    n_domains: int,
    kind: Kind,
    indicator: bool = False,
) -> np.ndarray:
    """Variance under simple random sampling without replacement (R's ``deff``).

    R compares with ``svyvar(u) * W^2 (W - n) / (W n)`` where ``u`` is the
    variable for a total and ``(y - R x) / X`` for a mean or ratio, and
    ``svyvar`` is ``n/(n-1) * sum w (u - ubar)^2 / W`` within the domain.
    The sums of squares are taken around the overall estimate, then
    corrected to the domain's (shift invariance), in one pass.
    """
    wsum = np.bincount(domain, weights=w, minlength=n_domains)
    n = np.bincount(domain, minlength=n_domains).astype(np.float64)
    out = np.empty((n_domains, num.shape[1]))
    for j in range(num.shape[1]):
        y = num[:, j]
        with np.errstate(divide="ignore", invalid="ignore"):
            if kind == "total":
                shift = np.dot(w, y) / wsum.sum()
                e = y - shift
                s1 = np.bincount(domain, weights=w * e, minlength=n_domains)
                see = np.bincount(domain, weights=w * e * e, minlength=n_domains)
                ss = see - s1 * s1 / wsum
            elif kind == "mean" and indicator:
                # y is 0/1: sum w (y - p)^2 = W p (1 - p), no pass over the cases
                p = est[:, j]
                ss = p * (1.0 - p) / wsum
            elif kind == "mean":
                shift = np.dot(w, y) / wsum.sum()
                e = y - shift
                see = np.bincount(domain, weights=w * e * e, minlength=n_domains)
                delta = est[:, j] - shift
                # u = (y - R) / W: sum w u^2 = (sum w e^2 - W delta^2) / W^2
                ss = (see - wsum * delta * delta) / wsum**2
            else:
                x = den[:, j] if den is not None else np.ones_like(y)
                wx = w * x
                xsum = np.bincount(domain, weights=wx, minlength=n_domains)
                shift = np.dot(w, y) / wx.sum()
                e = y - shift * x
                see = np.bincount(domain, weights=w * e * e, minlength=n_domains)
                sex = np.bincount(domain, weights=wx * e, minlength=n_domains)
                sxx = np.bincount(domain, weights=wx * x, minlength=n_domains)
                delta = est[:, j] - shift
                ss = (see - 2 * delta * sex + delta * delta * sxx) / xsum**2
            s2 = n / (n - 1.0) * ss / wsum
            fpc = (wsum - n) / (wsum * n)
            out[:, j] = s2 * np.where(fpc >= 0, fpc, np.nan) * wsum**2
    return out
