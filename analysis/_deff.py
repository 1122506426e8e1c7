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


def srs_terms(kind: Kind, indicator: bool = False) -> tuple[str, ...]:
    """Names of the per-case values whose domain sums :func:`srs_variance_columns` needs.

    Besides these it needs ``wsum``, the domain sums of the weights of the
    cases used; ``xsum`` (ratios) is the domain sum of ``w * x``.
    """
    if kind == "mean":
        return () if indicator else ("see",)
    if kind == "total":
        return ("s1", "see")
    return ("see", "sex", "sxx", "xsum")


def fill_srs_terms(
    w: np.ndarray,
    wy: np.ndarray,
    wu: np.ndarray,
    num: np.ndarray,
    den: np.ndarray | None,
    used: np.ndarray,
    kind: Kind,
    out: dict[str, np.ndarray],
) -> float:
    """Write the per-case terms :func:`srs_terms` names into ``out``; return the shift.

    The terms of :func:`srs_variance` for one variable and its cases; they
    depend on which cases the variable uses, not on how the cases are split
    into domains, so one set serves every ``by`` with the same cases.

    Parameters
    ----------
    w : ndarray, shape (m,)
        Weights of the cases.
    wy : ndarray, shape (m,)
        ``w * num``.
    wu : ndarray, shape (m,)
        ``w`` where the case enters the estimate, else 0.
    num, den : ndarray, shape (m,)
        Values, zero where a case is not used (``den`` only for
        ``kind="ratio"``).
    used : ndarray, shape (m,)
        1.0 where the case enters the estimate, else 0.0.
    kind : {"total", "mean", "ratio"}
    out : dict of name -> ndarray (m,)
        Where to write each term.

    Returns
    -------
    float
        The overall estimate the squares are taken around (NaN when no term
        is needed): a shift that keeps the one-pass sums well conditioned;
        the result does not depend on it.
    """
    if not out:
        return float("nan")
    wy_all = float(wy.sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "total" or kind == "mean":
            shift = np.float64(wy_all) / np.float64(wu.sum())
            e = np.subtract(num, shift)
            first = out["s1" if kind == "total" else "see"]
            np.multiply(wu, e, out=first)
            if kind == "total":
                np.multiply(first, e, out=out["see"])
            else:
                first *= e
            return float(shift)
        x = den if den is not None else used
        wx = np.multiply(w, x, out=out["xsum"])
        shift = np.float64(wy_all) / np.float64(wx.sum())
        e = num - shift * x
        np.multiply(wu, e, out=out["see"])
        out["see"] *= e
        np.multiply(wx, e, out=out["sex"])
        np.multiply(wx, x, out=out["sxx"])
        return float(shift)


def srs_variance_columns(
    kind: Kind,
    indicator: bool,
    shift: np.ndarray | None,
    sums: dict[str, np.ndarray],
    wsum: np.ndarray,
    est: np.ndarray,
    n: np.ndarray,
    constant: np.ndarray | None = None,
) -> np.ndarray:
    """:func:`srs_variance` for ``k`` columns at once, each with its own cases.

    ``sums`` holds the domain sums (D, k) of the terms of
    :func:`fill_srs_terms`, ``wsum`` those of the weights of the cases used,
    ``est`` and ``n`` (D, k) the estimates and the cases used. ``constant``
    (D, k) flags domains whose values are all equal (:func:`constant_domains`):
    their sum of squares is exactly 0, as R's ``svyvar`` gives, where the
    one-pass formula leaves rounding noise of either sign. Returns (D, k).
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "total":
            ss = sums["see"] - sums["s1"] * sums["s1"] / wsum
        elif kind == "mean" and indicator:
            # 0/1 values: sum w (y - p)^2 = W p (1 - p), no pass over the cases
            ss = est * (1.0 - est) / wsum
        elif kind == "mean":
            delta = est - shift
            ss = (sums["see"] - wsum * delta * delta) / wsum**2
        else:
            delta = est - shift
            ss = (sums["see"] - 2 * delta * sums["sex"] + delta * delta * sums["sxx"]) / sums[
                "xsum"
            ] ** 2
        if constant is not None:
            ss = np.where(constant, 0.0, ss)
        s2 = n / (n - 1.0) * ss / wsum
        fpc = (wsum - n) / (wsum * n)
        out: np.ndarray = s2 * np.where(fpc >= 0, fpc, np.nan) * wsum**2
    return out


def constant_domains(
    kind: Kind, est: np.ndarray, nonnegative: np.ndarray, binary: np.ndarray
) -> np.ndarray:
    """Domains (D, k) where every value used is the same, told by the estimate alone.

    With values that are never negative (``nonnegative``, (k,)) an estimate
    of exactly 0 means every value is 0 (a sum of positive weights times
    positive values is never 0); with 0/1 values (``binary``) a mean of
    exactly 1 means every value is 1 (the weighted sum of the values is
    then the sum of the weights, added in the same order).
    """
    out = (est == 0) & nonnegative[None, :]
    if kind == "mean":
        out |= (est == 1) & binary[None, :]
    return np.asarray(out)
