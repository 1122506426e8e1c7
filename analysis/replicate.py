"""Replicate-weight designs: jackknife (JK1, JKn), Rao–Wu bootstrap, BRR.

A :class:`ReplicateDesign` carries the full-sample weights and a set of
replicate weights; every estimator of :class:`~analysis.design.SurveyDesign`
works on it, with the variance

.. math:: v(\\hat\\theta) = s \\sum_r c_r (\\hat\\theta_r - \\bar\\theta)^2

where ``s`` is ``scale``, ``c_r`` the ``rscales`` and :math:`\\bar\\theta` the
mean of the replicates (or the full-sample estimate when ``mse=True``), as
R's ``survey:::svrVar``.

scipy is imported by the functions that need it, so that ``import analysis``
stays fast.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from analysis._taylor import TaylorDesign
from analysis._validation import check_weights
from analysis._variance import Stage
from analysis.estimators import DesignEstimators, Kind

ReplicateType = Literal["jk1", "jkn", "bootstrap", "brr"]
REPLICATE_TYPES: tuple[str, ...] = ("jk1", "jkn", "bootstrap", "brr")
# replicate factors are stored per PSU: (PSUs x replicates) floats, 400 MB at most
_MAX_FACTORS = 50_000_000


class ReplicateDesign(DesignEstimators):
    """A survey design whose variances come from replicate weights.

    Build one from a :class:`~analysis.design.SurveyDesign` with
    ``design.replicate(type)``, or from replicate-weight columns shipped with
    the data via :meth:`from_columns`.

    Parameters
    ----------
    data : pandas.DataFrame
    weights : ndarray, shape (n,)
        Full-sample weights.
    unit_of_case : ndarray of int, shape (n,)
        Unit (PSU) of each case; replicate factors are stored per unit.
    factors : ndarray, shape (U, R)
        Replicate factors per unit. Replicate weights are
        ``weights * factors[unit_of_case]``, or ``factors[unit_of_case]``
        itself when ``combined`` is true.
    scale : float
        Overall multiplier ``s`` of the variance.
    rscales : ndarray, shape (R,)
        Per-replicate multipliers ``c_r``.
    type : str
        ``"jk1"``, ``"jkn"``, ``"bootstrap"``, ``"brr"`` or ``"other"``.
    mse : bool
        Centre the replicates at the full-sample estimate instead of their
        mean (R's ``mse = TRUE``).
    combined : bool
        ``factors`` are the replicate weights themselves.

    Notes
    -----
    :math:`v(\\hat\\theta) = s \\sum_r c_r (\\hat\\theta_r - \\bar\\theta)^2`, each
    :math:`\\hat\\theta_r` computed with replicate weights ``r``; replicates
    that give ``nan`` (a domain empty in that replicate) are left out.

    Examples
    --------
    R: ``r <- as.svrepdesign(dclus1, type = "JK1"); svymean(~api00, r)``

    >>> r = SurveyDesign(apiclus1, weights="pw", psu="dnum", fpc="fpc").replicate("jk1")  # doctest: +SKIP
    >>> r.mean("api00", by="stype")                                                     # doctest: +SKIP
    """

    def __init__(
        self,
        data: pd.DataFrame,
        weights: np.ndarray,
        unit_of_case: np.ndarray,
        factors: np.ndarray,
        scale: float,
        rscales: np.ndarray,
        type: str,
        mse: bool = False,
        combined: bool = False,
    ) -> None:
        factors = np.asarray(factors, dtype=np.float64)
        if factors.ndim != 2 or factors.shape[1] == 0:
            raise ValueError("a replicate design needs at least one replicate")
        if factors.shape[1] != len(rscales):
            raise ValueError("rscales must have one value per replicate")
        self.data = data
        self.weights = np.ascontiguousarray(weights, dtype=np.float64)
        self._unit_of_case = np.asarray(unit_of_case, dtype=np.int64)
        self._factors = factors
        self.scale = float(scale)
        self.rscales = np.asarray(rscales, dtype=np.float64)
        self.type = type
        self.mse = bool(mse)
        self.combined = bool(combined)
        self._degf = self._rank_df(self.weights > 0)

    @classmethod
    def from_columns(
        cls,
        data: pd.DataFrame,
        weights: str,
        replicate_weights: Sequence[str],
        scale: float,
        rscales: Sequence[float] | None = None,
        type: str = "other",
        mse: bool = False,
    ) -> ReplicateDesign:
        """A design from replicate-weight columns (R's ``svrepdesign(repweights=...)``).

        Parameters
        ----------
        data : pandas.DataFrame
        weights : str
            Column of full-sample weights.
        replicate_weights : list of str
            Columns of replicate weights (the weights themselves, R's
            ``combined.weights = TRUE``).
        scale : float
        rscales : list of float, optional
            Defaults to ones.
        type : str
        mse : bool

        Examples
        --------
        R: ``svrepdesign(weights = ~w, repweights = "rw[0-9]+", type = "other",
        scale = 1/20, rscales = 1, combined.weights = TRUE, data = df)``
        """
        names = list(replicate_weights)
        for name in [weights, *names]:
            if name not in data.columns:
                raise ValueError(f"column {name!r} not found in data")
            if not pd.api.types.is_numeric_dtype(data[name]):
                raise ValueError(f"weight column {name!r} must be numeric")
        w = check_weights(data[weights].to_numpy(dtype=np.float64, na_value=np.nan), weights)
        reps = data[names].to_numpy(dtype=np.float64, na_value=np.nan)
        if np.isnan(reps).any():
            raise ValueError("replicate weight columns have missing values")
        if (reps < 0).any():
            raise ValueError("replicate weight columns have negative values")
        rs = np.ones(len(names)) if rscales is None else np.asarray(rscales, dtype=np.float64)
        return cls(data, w, np.arange(len(data)), reps, scale, rs, type, mse, combined=True)

    # -- design-level information --------------------------------------------------

    @property
    def replicates(self) -> int:
        """Number of replicates."""
        return int(self._factors.shape[1])

    def replicate_weights(self) -> np.ndarray:
        """The (n, R) matrix of replicate weights (memory: n x R floats)."""
        f = self._factors[self._unit_of_case]
        return f if self.combined else f * self.weights[:, None]

    def degf(self) -> int:
        """Rank of the replicate weights minus one (R's ``degf`` for replicate designs)."""
        return self._degf

    def _rank_df(self, rows: np.ndarray) -> int:
        units = np.unique(self._unit_of_case[rows])
        f = self._factors[units]
        if f.size == 0:
            return 0
        return int(np.linalg.matrix_rank(f, tol=1e-5 * np.abs(f).max() * max(f.shape))) - 1

    def subset(self, mask: np.ndarray | pd.Series | Sequence[bool]) -> ReplicateDesign:
        """A domain: weights (and replicate weights) zero outside ``mask``; rows are kept."""
        m = np.asarray(mask)
        if m.shape != (len(self.weights),) or m.dtype != bool:
            raise ValueError(f"mask must be boolean with one value per case ({len(self.weights)})")
        new = copy.copy(self)
        new.weights = np.where(m, self.weights, 0.0)
        if self.combined:
            new._factors = np.where(m[:, None], self._factors, 0.0)
        return new

    def __repr__(self) -> str:
        return (
            f"ReplicateDesign(type={self.type!r}, n={len(self.weights)}, "
            f"replicates={self.replicates}, scale={self.scale:g})"
        )

    # -- primitives ------------------------------------------------------------------

    def _replicate_sums(
        self, values: np.ndarray, rows: np.ndarray, domain: np.ndarray, n_domains: int
    ) -> np.ndarray:
        """(D, R) replicate totals of ``values`` (m,) over each domain."""
        import scipy.sparse as sp

        base = values if self.combined else values * self.weights[rows]
        cells = sp.csr_matrix(
            (base, (domain, self._unit_of_case[rows])),
            shape=(n_domains, self._factors.shape[0]),
        )
        return np.asarray(cells @ self._factors)

    def _replicate_variance(self, full: np.ndarray, reps: np.ndarray) -> np.ndarray:
        """svrVar for each domain: ``full`` (D,), ``reps`` (D, R); NaN replicates are dropped."""
        ok = np.isfinite(reps)
        use = ok & (self.rscales > 0)[None, :]
        if self.mse:
            centre = full
        else:
            with np.errstate(invalid="ignore", divide="ignore"):
                centre = np.where(use, reps, 0.0).sum(axis=1) / use.sum(axis=1)
        dev = np.where(ok, reps - centre[:, None], 0.0)
        return self.scale * (dev * dev * self.rscales[None, :]).sum(axis=1)

    def _ratio_stats(
        self,
        num: np.ndarray,
        den: np.ndarray | None,
        rows: np.ndarray,
        domain: np.ndarray,
        n_domains: int,
        kind: Kind,
    ) -> tuple[np.ndarray, np.ndarray]:
        w = self.weights[rows]
        k = num.shape[1]
        est = np.empty((n_domains, k))
        var = np.empty((n_domains, k))
        for j in range(k):
            y_full: np.ndarray = np.bincount(domain, weights=w * num[:, j], minlength=n_domains)
            y_rep = self._replicate_sums(num[:, j], rows, domain, n_domains)
            if kind == "total":
                full, reps = y_full, y_rep
            else:
                x = np.ones_like(w) if kind == "mean" or den is None else den[:, j]
                x_full = np.bincount(domain, weights=w * x, minlength=n_domains)
                x_rep = self._replicate_sums(x, rows, domain, n_domains)
                with np.errstate(invalid="ignore", divide="ignore"):
                    full, reps = y_full / x_full, y_rep / x_rep
            est[:, j] = full
            var[:, j] = self._replicate_variance(full, reps)
        return est, var

    def _domain_df(self, rows: np.ndarray, domain: np.ndarray, n_domains: int) -> np.ndarray:
        # R recomputes the rank for each domain; the design's rank is used for
        # all domains here (identical without domains or missing values).
        return np.full(n_domains, self._degf, dtype=np.int64)


# -- building replicate designs from a SurveyDesign -----------------------------------


def replicate_design(
    design: TaylorDesign,
    type: str = "jkn",
    replicates: int = 200,
    rng: np.random.Generator | int | None = None,
    mse: bool = False,
) -> ReplicateDesign:
    """Replicate weights for a Taylor design, as R's ``as.svrepdesign``.

    Parameters
    ----------
    design : SurveyDesign
    type : {"jkn", "jk1", "bootstrap", "brr"}
        ``jk1``: delete-one-PSU jackknife for unstratified designs (R
        ``type = "JK1"``). ``jkn``: stratified delete-one-PSU jackknife (R
        ``"JKn"``). ``bootstrap``: Rao–Wu rescaling bootstrap drawing
        ``n_h - 1`` PSUs with replacement in each stratum (R
        ``"subbootstrap"``, ``subbootweights``). ``brr``: balanced repeated
        replication for two PSUs per stratum with a Sylvester Hadamard matrix
        (R ``"BRR"``).
    replicates : int
        Number of bootstrap replicates.
    rng : numpy.random.Generator or int, optional
        Source of randomness for the bootstrap.
    mse : bool
        Centre replicates at the full-sample estimate.

    Notes
    -----
    JK1: factors ``n/(n-1)`` outside the deleted PSU, scale ``f (n-1)/n``.
    JKn: factors ``n_h/(n_h-1)`` in the deleted PSU's stratum,
    ``rscales = f_h (n_h-1)/n_h``, scale 1; ``f`` is the first-stage finite
    population correction (second-stage corrections are dropped, as R
    does). Single-PSU strata follow the design's ``lonely_psu`` as R's
    ``jknweights``. Bootstrap: factors ``m_hi n_h/(n_h-1)``, scale ``1/(R-1)``.
    BRR: factors 0 or 2, scale ``1/R``.

    Examples
    --------
    R: ``as.svrepdesign(dstrat, type = "JKn")``
    """
    if type not in REPLICATE_TYPES:
        raise ValueError(f"type must be one of {', '.join(REPLICATE_TYPES)}; got {type!r}")
    if design.calibration:
        raise ValueError(
            "this design is calibrated: build replicate weights before calibrating, "
            "or use Taylor linearization"
        )
    first = design._structure.first
    has_strata = design.columns["strata"] is not None
    n_reps = replicates if type == "bootstrap" else first.n_unit_codes
    if first.n_unit_codes * n_reps > _MAX_FACTORS:
        raise ValueError(
            f"{type} replicates for {first.n_unit_codes:,} PSUs would need "
            f"{first.n_unit_codes:,} x {n_reps:,} replicate factors; give the design its "
            "PSUs (psu=...) or use Taylor linearization"
        )
    if type == "jk1":
        if has_strata:
            raise ValueError("jk1 is for unstratified designs; use 'jkn' with strata")
        factors, scale, rscales = _jk1(first.n_unit_codes, float(first.fpc_factor[0]))
    elif type == "jkn":
        if not has_strata:
            raise ValueError("jkn needs strata; use 'jk1' for an unstratified design")
        factors, scale, rscales = _jkn(first.group_of_unit, first.fpc_factor, design.lonely_psu)
    elif type == "bootstrap":
        if replicates < 2:
            raise ValueError("bootstrap needs at least 2 replicates")
        gen = np.random.default_rng(rng)
        factors, scale, rscales = _rao_wu(first.group_of_unit, replicates, gen)
    else:
        if not has_strata:
            raise ValueError("brr needs strata with two PSUs each")
        factors, scale, rscales = _brr(first)
    return ReplicateDesign(
        design.data,
        design.weights,
        first.unit_of_case,
        factors,
        scale,
        rscales,
        type,
        mse=mse,
    )


def _jk1(n: int, f: float) -> tuple[np.ndarray, float, np.ndarray]:
    factors = np.full((n, n), n / (n - 1.0))
    np.fill_diagonal(factors, 0.0)
    return factors, f * (n - 1.0) / n, np.ones(n)


def _jkn(
    stratum_of_psu: np.ndarray, f_h: np.ndarray, lonely_psu: str
) -> tuple[np.ndarray, float, np.ndarray]:
    n_psu = stratum_of_psu.size
    n_strata = f_h.size
    n_h = np.bincount(stratum_of_psu, minlength=n_strata)
    columns: list[np.ndarray] = []
    rscales: list[float] = []
    for h in range(n_strata):
        members = np.flatnonzero(stratum_of_psu == h)
        if f_h[h] == 0:
            continue  # fully enumerated: R drops these replicates
        if n_h[h] == 1:
            if lonely_psu == "adjust":
                col = np.full(n_psu, n_strata / (n_strata - 1.0))
                col[members] = 0.0
                columns.append(col)
                rscales.append((n_strata - 1.0) / n_strata)
            continue  # remove / certainty / average: no replicate
        for deleted in members:
            col = np.ones(n_psu)
            col[members] = n_h[h] / (n_h[h] - 1.0)
            col[deleted] = 0.0
            columns.append(col)
            rscales.append(f_h[h] * (n_h[h] - 1.0) / n_h[h])
    if not columns:
        raise ValueError("every stratum was fully enumerated: there is no sampling variance")
    scale = 1.0
    if lonely_psu == "average" and len(columns) < n_psu:
        scale = n_psu / len(columns)  # R's jknweights
    return np.stack(columns, axis=1), scale, np.asarray(rscales)


def _rao_wu(
    stratum_of_psu: np.ndarray, replicates: int, rng: np.random.Generator
) -> tuple[np.ndarray, float, np.ndarray]:
    n_psu = stratum_of_psu.size
    n_h = np.bincount(stratum_of_psu)
    if (n_h < 2).any():
        raise ValueError("the bootstrap needs at least two PSUs in every stratum")
    factors = np.zeros((n_psu, replicates))
    order = np.argsort(stratum_of_psu, kind="stable")
    starts = np.concatenate([[0], np.cumsum(n_h)[:-1]])
    # draw n_h - 1 PSUs with replacement in every stratum, all replicates at once
    draws_per_rep = int((n_h - 1).sum())
    stratum_of_draw = np.repeat(np.arange(n_h.size), n_h - 1)
    offset = rng.integers(0, n_h[stratum_of_draw][:, None], size=(draws_per_rep, replicates))
    chosen = order[starts[stratum_of_draw][:, None] + offset]
    rep_index = np.broadcast_to(np.arange(replicates), chosen.shape)
    np.add.at(factors, (chosen.ravel(), rep_index.ravel()), 1.0)
    factors *= (n_h / (n_h - 1.0))[stratum_of_psu][:, None]
    return factors, 1.0 / (replicates - 1.0), np.ones(replicates)


def _brr(first: Stage) -> tuple[np.ndarray, float, np.ndarray]:
    import scipy.linalg

    stratum_of_psu = first.group_of_unit
    n_h = np.bincount(stratum_of_psu)
    if (n_h != 2).any():
        bad = first.group_labels[int(np.flatnonzero(n_h != 2)[0])]
        raise ValueError(
            f"brr needs exactly two PSUs per stratum; stratum {bad!r} has {n_h[n_h != 2][0]}"
        )
    n_strata = n_h.size
    order = 1
    while order < n_strata + 1:
        order *= 2
    hadamard = (scipy.linalg.hadamard(order) > 0).astype(np.int64)  # R's 0/1 coding
    # R pairs the PSUs of a stratum in order of first appearance in the data
    n_units = stratum_of_psu.size
    first_row = np.full(n_units, first.unit_of_case.size)
    np.minimum.at(first_row, first.unit_of_case, np.arange(first.unit_of_case.size))
    by_appearance = np.lexsort((first_row, stratum_of_psu))
    is_first = np.zeros(n_units, dtype=bool)
    is_first[by_appearance[::2]] = True
    # the first PSU of stratum h gets factor 2 when H[h + 1, r] == 1, else the second
    h_row = hadamard[1 + stratum_of_psu]  # (U, R)
    keep = np.where(is_first[:, None], h_row == 1, h_row == 0)
    return np.where(keep, 2.0, 0.0), 1.0 / order, np.ones(order)
