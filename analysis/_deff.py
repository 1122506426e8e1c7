"""Variance under simple random sampling, the denominator of R's design effect."""

from __future__ import annotations

from typing import Literal

import numpy as np
import scipy.sparse as sp

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


def srs_variance_columns(
    w: np.ndarray,
    wu: np.ndarray,
    num: np.ndarray,
    den: np.ndarray | None,
    used: np.ndarray,
    est: np.ndarray,
    n: np.ndarray,
    to_domains: sp.csr_matrix,
    kind: Kind,
    indicator: bool = False,
) -> np.ndarray:
    """:func:`srs_variance` for ``k`` variables at once, each with its own cases.

    Parameters
    ----------
    w : ndarray, shape (m,)
        Weights of the cases.
    wu : ndarray, shape (m, k)
        ``w * used``.
    num, den : ndarray, shape (m, k)
        Values, zero where a case is not used by the column (``den`` only
        for ``kind="ratio"``).
    used : ndarray, shape (m, k)
        1.0 where the case enters the column's estimate, else 0.0.
    est, n : ndarray, shape (D, k)
        Estimates and cases used per domain.
    to_domains : sparse (D, m)
        Sums cases into domains in case order (:func:`analysis._variance.summing_matrix`).

    The sums over the cases of a domain are the same, in the same order, as
    those of :func:`srs_variance` on each column's own cases.
    """
    wsum = np.asarray(to_domains @ wu)
    # sum of w * y over each column's cases (a column sum rather than a BLAS
    # product, which would start threads on a shared machine)
    wy_all = (w[:, None] * num).sum(axis=0)
    # each column's overall weight, summed over domains as srs_variance sums it
    wsum_all = np.ascontiguousarray(wsum.T).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "total":
            shift = wy_all / wsum_all
            e = num - shift
            we = wu * e
            s1 = np.asarray(to_domains @ we)
            see = np.asarray(to_domains @ (we * e))
            ss = see - s1 * s1 / wsum
        elif kind == "mean" and indicator:
            # 0/1 values: sum w (y - p)^2 = W p (1 - p), no pass over the cases
            ss = est * (1.0 - est) / wsum
        elif kind == "mean":
            shift = wy_all / wsum_all
            e = num - shift
            see = np.asarray(to_domains @ (wu * e * e))
            delta = est - shift
            ss = (see - wsum * delta * delta) / wsum**2
        else:
            x = den if den is not None else used
            wx = w[:, None] * x
            xsum = np.asarray(to_domains @ wx)
            shift = wy_all / wx.sum(axis=0)
            e = num - shift * x
            see = np.asarray(to_domains @ (wu * e * e))
            sex = np.asarray(to_domains @ (wx * e))
            sxx = np.asarray(to_domains @ (wx * x))
            delta = est - shift
            ss = (see - 2 * delta * sex + delta * delta * sxx) / xsum**2
        s2 = n / (n - 1.0) * ss / wsum
        fpc = (wsum - n) / (wsum * n)
        out: np.ndarray = s2 * np.where(fpc >= 0, fpc, np.nan) * wsum**2
    return out
