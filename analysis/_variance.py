"""Stratified multistage variance of estimated totals (Taylor linearization).

Internal module: :class:`SampleStructure` holds the integer codes of a design
(stratum of each PSU, PSU of each case, SSU of each case) and computes the
variance of weighted totals the way R's ``survey:::svyrecvar`` does
(``multistage``/``onestage``/``onestrat``), with R's default
``options(survey.adjust.domain.lonely = FALSE)``.

Sums by group, cell and domain are ``np.bincount`` calls, which add in the
order of the cases (so results do not depend on how many variables are
summed together) and need no scipy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # scipy.sparse is imported by summing_matrix alone, when called
    import scipy.sparse as sp

LonelyPSU = Literal["fail", "remove", "certainty", "adjust", "average"]
LONELY_PSU_OPTIONS: tuple[str, ...] = ("fail", "remove", "certainty", "adjust", "average")

# R's onestrat: a stratum whose every finite population correction is below
# this threshold was fully enumerated and contributes no variance.
_CERTAINTY_TOL = 1e-7


@dataclass(frozen=True)
class Stage:
    """One sampling stage: units grouped into the strata they were drawn from.

    Attributes
    ----------
    unit_of_case : ndarray of int, shape (n,)
        Code ``0..U-1`` of the sampling unit of each case.
    group_of_unit : ndarray of int, shape (U,)
        Code ``0..G-1`` of the stratum each unit was drawn from (at the second
        stage the "stratum" is the PSU).
    n_units : ndarray of int, shape (G,)
        Number of units sampled in each group.
    fpc_factor : ndarray of float, shape (G,)
        ``(N_g - n_g) / N_g``, or 1 without a finite population correction.
    group_labels : ndarray, shape (G,)
        Labels used in error messages.
    """

    unit_of_case: np.ndarray
    group_of_unit: np.ndarray
    n_units: np.ndarray
    fpc_factor: np.ndarray
    group_labels: np.ndarray

    @property
    def n_unit_codes(self) -> int:
        return int(self.group_of_unit.shape[0])

    @property
    def n_groups(self) -> int:
        return int(self.n_units.shape[0])

    def lonely_groups(self) -> np.ndarray:
        """Boolean (G,): groups with a single unit that are not certainty groups."""
        return (self.n_units == 1) & (self.fpc_factor >= _CERTAINTY_TOL)

    def group_sums(self, totals: np.ndarray) -> np.ndarray:
        """Sums (G, k) of the unit values ``totals`` (U, k) within each group."""
        out = np.empty((self.n_groups, totals.shape[1]))
        for j in range(totals.shape[1]):
            out[:, j] = np.bincount(self.group_of_unit, totals[:, j], minlength=self.n_groups)
        return out


def check_lonely(stage: Stage, lonely_psu: str, stage_number: int) -> None:
    """Raise ``ValueError`` for a single-unit group when ``lonely_psu='fail'``."""
    if lonely_psu not in LONELY_PSU_OPTIONS:
        raise ValueError(
            f"lonely_psu must be one of {', '.join(LONELY_PSU_OPTIONS)}; got {lonely_psu!r}"
        )
    if lonely_psu != "fail":
        return
    lonely = np.flatnonzero(stage.lonely_groups())
    if lonely.size:
        names = ", ".join(repr(stage.group_labels[g]) for g in lonely[:5])
        what = "stratum" if stage_number == 1 else "PSU"
        raise ValueError(
            f"{what} {names} has only one sampled unit at stage {stage_number}; "
            "choose lonely_psu='remove', 'certainty', 'adjust' or 'average' "
            "(R: options(survey.lonely.psu=...))"
        )


def _group_scale(stage: Stage, lonely_psu: str) -> tuple[np.ndarray, np.ndarray]:
    """Per-group variance multiplier and the groups averaged out (R's onestrat)."""
    n_g = stage.n_units.astype(np.float64)
    f_g = stage.fpc_factor
    multi = stage.n_units > 1
    scale_g = np.where(multi, f_g * n_g / np.where(multi, n_g - 1, 1.0), f_g)
    scale_g = np.where(f_g < _CERTAINTY_TOL, 0.0, scale_g)
    lonely = stage.lonely_groups()
    if lonely_psu in ("remove", "certainty", "fail"):
        scale_g = np.where(lonely, 0.0, scale_g)
    averaged_out = lonely if lonely_psu == "average" else np.zeros_like(lonely)
    return np.where(averaged_out, 0.0, scale_g), averaged_out


def _stage_spread(
    totals: np.ndarray, stage: Stage, lonely_psu: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Centre unit totals within their group and return the per-unit scale.

    Returns ``(centred, scale_of_unit, averaged_out)`` where ``averaged_out``
    flags the groups left out under ``lonely_psu='average'``.
    """
    g = stage.group_of_unit
    scale_g, averaged_out = _group_scale(stage, lonely_psu)
    means = stage.group_sums(totals) / stage.n_units.astype(np.float64)[:, None]
    if lonely_psu == "adjust":
        # R centres a lonely stratum at zero (the overall mean of the
        # linearized values) instead of at its own, single, PSU total.
        means[stage.lonely_groups()] = 0.0
    centred = totals - means[g]
    return centred, scale_g[g], averaged_out


def _average_multiplier(
    stage: Stage, averaged_out: np.ndarray, present: np.ndarray | None, k: int
) -> np.ndarray:
    """R's ``nstrat / nokstrat`` factor for ``lonely_psu='average'`` (per column)."""
    if present is None:
        present = np.ones((stage.n_groups, k), dtype=bool)
    nstrat = present.sum(axis=0)
    nok = (present & ~averaged_out[:, None]).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(nok > 0, nstrat / np.maximum(nok, 1), np.nan)


def stage_covariance(
    totals: np.ndarray,
    stage: Stage,
    lonely_psu: str,
    present: np.ndarray | None = None,
    diagonal: bool = False,
) -> np.ndarray:
    """Between-unit covariance of unit totals at one stage.

    Parameters
    ----------
    totals : ndarray, shape (U, k)
        Weighted linearized values summed within each unit.
    stage : Stage
    lonely_psu : str
    present : ndarray of bool, shape (G, k), optional
        Groups with at least one case in the estimation domain of each column;
        only used for R's ``nstrat / nokstrat`` rescaling under ``"average"``.
    diagonal : bool
        Return only the variances, shape (k,), instead of the (k, k) matrix.
    """
    k = totals.shape[1]
    centred, scale, averaged_out = _stage_spread(totals, stage, lonely_psu)
    if diagonal:
        out = np.einsum("uk,uk,u->k", centred, centred, scale)
    else:
        out = (centred * scale[:, None]).T @ centred
    if lonely_psu == "average" and averaged_out.any():
        mult = _average_multiplier(stage, averaged_out, present, k)
        out = out * mult if diagonal else out * np.sqrt(np.outer(mult, mult))
    return out


@dataclass(frozen=True)
class SampleStructure:
    """Integer codes of a (one- or two-stage) stratified cluster design."""

    first: Stage
    second: Stage | None
    # sampling fraction n_h / N_h of the stratum of each PSU: R multiplies the
    # second-stage variance within a PSU by it.
    second_stage_weight: np.ndarray | None
    lonely_psu: str

    def unit_totals(self, z: np.ndarray, stage: Stage) -> np.ndarray:
        out = np.zeros((stage.n_unit_codes, z.shape[1]))
        for j in range(z.shape[1]):
            out[:, j] = np.bincount(
                stage.unit_of_case, weights=z[:, j], minlength=stage.n_unit_codes
            )
        return out

    def covariance(self, z: np.ndarray, present: np.ndarray | None = None) -> np.ndarray:
        """(k, k) covariance of the column totals of ``z`` (n, k)."""
        return self._variance(z, present, diagonal=False)

    def variances(self, z: np.ndarray, present: np.ndarray | None = None) -> np.ndarray:
        """(k,) variances of the column totals of ``z`` (n, k)."""
        return self._variance(z, present, diagonal=True)

    def _variance(self, z: np.ndarray, present: np.ndarray | None, diagonal: bool) -> np.ndarray:
        t1 = self.unit_totals(z, self.first)
        v = stage_covariance(t1, self.first, self.lonely_psu, present, diagonal)
        if self.second is not None and self.second_stage_weight is not None:
            t2 = self.unit_totals(z, self.second)
            # the second-stage "strata" are PSUs: weight each SSU by its PSU's
            # sampling fraction, exactly R's multistage() recursion.
            w = np.sqrt(self.second_stage_weight[self.second.group_of_unit])
            v = v + stage_covariance(t2 * w[:, None], self.second, self.lonely_psu, None, diagonal)
        return v


@dataclass(frozen=True)
class DomainCells:
    """The (unit, domain) cells that cases fall in, for one stage.

    When units x domains is small the cells are all combinations (dense);
    otherwise only the occupied ones, found by hashing.
    """

    code: np.ndarray  # (m,) cell of each case
    unit: np.ndarray  # (C,) unit of each cell
    domain: np.ndarray  # (C,) domain of each cell
    dense: bool

    @property
    def size(self) -> int:
        return int(self.unit.size)

    def sums(self, values: np.ndarray) -> np.ndarray:
        """Sum of ``values`` (m,) within each cell."""
        return np.bincount(self.code, weights=values, minlength=self.size)

    def occupied(self) -> np.ndarray:
        """Boolean (C,): cells with at least one case."""
        if not self.dense:
            return np.ones(self.size, dtype=bool)
        return np.bincount(self.code, minlength=self.size) > 0


def domain_cells(
    unit_of_row: np.ndarray, domain: np.ndarray, n_units: int, n_domains: int
) -> DomainCells:
    """Cells of cases with units ``unit_of_row`` (m,) in domains ``domain`` (m,)."""
    key = unit_of_row * n_domains + domain
    size = n_units * n_domains
    if size <= max(4 * key.size, 1_000_000):
        unit, dom = _dense_cells(n_units, n_domains)
        return DomainCells(key, unit, dom, dense=True)
    codes, uniques = pd.factorize(key)
    uniques = np.asarray(uniques, dtype=np.int64)
    return DomainCells(codes.astype(np.int64), uniques // n_domains, uniques % n_domains, False)


@lru_cache(maxsize=16)
def _dense_cells(n_units: int, n_domains: int) -> tuple[np.ndarray, np.ndarray]:
    """Unit and domain of every cell of a dense grid (read-only, cached)."""
    unit = np.repeat(np.arange(n_units), n_domains)
    dom = np.tile(np.arange(n_domains), n_units)
    unit.flags.writeable = False
    dom.flags.writeable = False
    return unit, dom


def present_groups(
    cells: DomainCells, stage: Stage, n_domains: int, occupied: np.ndarray | None = None
) -> np.ndarray:
    """Boolean (G, D): groups (strata) with at least one case in each domain."""
    occ = cells.occupied() if occupied is None else occupied
    if cells.dense:
        # every cell is listed: count the occupied ones of each (group, domain)
        key = (stage.group_of_unit[:, None] * n_domains + np.arange(n_domains)).ravel()[occ]
    else:
        key = stage.group_of_unit[cells.unit[occ]] * n_domains + cells.domain[occ]
    counts = np.bincount(key, minlength=stage.n_groups * n_domains)
    return counts.reshape(stage.n_groups, n_domains) > 0


def cell_variances(
    totals: np.ndarray,
    cells: DomainCells,
    stage: Stage,
    lonely_psu: str,
    n_domains: int,
    present: np.ndarray | None = None,
    group_weight: np.ndarray | None = None,
) -> np.ndarray:
    """Variance of the domain totals from the cell totals of linearized values.

    For every domain ``d`` this is ``sum_g scale_g sum_{u in g} (T_ud - mean_gd)^2``
    over all units of each group, the units without a case in the domain
    counting as zero totals, which is exactly what R computes for a domain
    (``subset`` keeps ``nPSU`` and pads absent PSUs with zeros).

    Parameters
    ----------
    totals : ndarray, shape (C,)
        Weighted linearized values summed within each cell.
    cells : DomainCells
    stage : Stage
    lonely_psu : str
    n_domains : int
    present : ndarray of bool, shape (G, D), optional
        For ``lonely_psu='average'``: the groups present in each domain.
    group_weight : ndarray, shape (G,), optional
        Extra multiplier per group (the second stage's ``n_h / N_h``).

    Returns
    -------
    ndarray, shape (D,)
    """
    scale_g, averaged_out = _group_scale(stage, lonely_psu)
    if group_weight is not None:
        scale_g = scale_g * group_weight
    n_groups = stage.n_groups
    n_g = stage.n_units.astype(np.float64)
    gd = stage.group_of_unit[cells.unit] * n_domains + cells.domain
    size = n_groups * n_domains
    s1 = np.bincount(gd, weights=totals, minlength=size).reshape(n_groups, n_domains)
    means = s1 / n_g[:, None]
    if lonely_psu == "adjust":
        means[stage.lonely_groups()] = 0.0
    dev = totals - means.ravel()[gd]
    ss: np.ndarray = np.bincount(gd, weights=dev * dev, minlength=size).reshape(n_groups, n_domains)
    if not cells.dense:
        # units of the group with no case in the domain: zero totals
        listed = np.bincount(gd, minlength=size).reshape(n_groups, n_domains)
        ss = ss + (n_g[:, None] - listed) * means * means
    var = scale_g @ ss
    if lonely_psu == "average" and averaged_out.any():
        var = var * _average_multiplier(stage, averaged_out, present, n_domains)
    return np.asarray(var, dtype=np.float64)


# -- many variables at once -------------------------------------------------------------


def summing_matrix(code: np.ndarray, n_targets: int) -> sp.csr_matrix:
    """Sparse 0/1 matrix (n_targets, code.size): ``M @ x`` sums ``x`` by ``code``.

    Row ``t`` lists the positions ``i`` with ``code[i] == t`` in increasing
    order, the order in which ``np.bincount`` adds them, so each column of
    ``M @ x`` (x of shape (code.size, k)) equals ``np.bincount(code, x[:, j])``
    bit for bit. Negative codes belong to no target.
    """
    import scipy.sparse as sp

    code = np.asarray(code, dtype=np.int64)
    keep = code >= 0
    order = np.argsort(code, kind="stable")[int(code.size - np.count_nonzero(keep)) :]
    indptr = np.zeros(n_targets + 1, dtype=np.int64)
    np.cumsum(np.bincount(code[keep], minlength=n_targets), out=indptr[1:])
    matrix = sp.csr_matrix(
        (np.ones(order.size), order, indptr), shape=(n_targets, code.size), copy=False
    )
    matrix.has_sorted_indices = True
    return matrix


@dataclass(frozen=True)
class DomainGrid:
    """The occupied (unit, domain) cells of one stage, for many variables at once.

    Built once per domain coding; every variable's cell totals are then one
    ``np.bincount`` over the cases. Only cells with a case of the domain are
    listed (sorted by unit, then domain); units without a case in a domain
    count as zero totals in :meth:`variances`, as in R's ``subset``.
    Case-level and cell-level values are passed as rows: (variables, cases)
    and (variables, cells).

    Attributes
    ----------
    code : ndarray of int, shape (m,)
        Cell of each case.
    cell_domain, cell_group : ndarray of int, shape (C,)
        Domain and group x domain (``g * D + d``) of each cell.
    listed : ndarray, shape (G * D,)
        Number of cells of each (group, domain) pair.
    """

    stage: Stage
    n_domains: int
    code: np.ndarray
    cell_domain: np.ndarray
    cell_group: np.ndarray
    listed: np.ndarray

    @classmethod
    def build(
        cls, unit_of_case: np.ndarray, domain: np.ndarray, stage: Stage, n_domains: int
    ) -> DomainGrid:
        """Cells of the cases ``unit_of_case`` (m,) in domains ``domain`` (m,), all >= 0."""
        key = unit_of_case.astype(np.int64) * n_domains + domain
        size = stage.n_unit_codes * n_domains
        if size <= max(4 * key.size, 1_000_000):
            # few possible cells: find the occupied ones by counting (no sort)
            cells = np.flatnonzero(np.bincount(key, minlength=size))
            remap = np.empty(size, dtype=np.int64)  # read only at occupied cells
            remap[cells] = np.arange(cells.size)
            code = remap[key]
        else:
            cells, code = np.unique(key, return_inverse=True)
        cell_domain = cells % n_domains
        cell_group = stage.group_of_unit[cells // n_domains] * n_domains + cell_domain
        return cls(
            stage=stage,
            n_domains=n_domains,
            code=code.ravel(),
            cell_domain=cell_domain,
            cell_group=cell_group,
            listed=np.bincount(cell_group, minlength=stage.n_groups * n_domains).astype(np.float64),
        )

    @property
    def n_cells(self) -> int:
        return int(self.cell_domain.size)

    def cell_sums(self, rows: np.ndarray) -> np.ndarray:
        """Sums (r, C) within each cell of the case values ``rows`` (r, m)."""
        return _sum_rows(self.code, rows, self.n_cells)

    def domain_sums(self, rows: np.ndarray) -> np.ndarray:
        """Sums (r, D) within each domain of the cell values ``rows`` (r, C)."""
        return _sum_rows(self.cell_domain, rows, self.n_domains)

    def present(self, occupied: np.ndarray) -> np.ndarray:
        """Boolean (k, G * D): pairs with an occupied cell, from ``occupied`` (k, C)."""
        pairs = self.stage.n_groups * self.n_domains
        return _sum_rows(self.cell_group, occupied.astype(np.float64), pairs) > 0

    def variances(
        self,
        totals: np.ndarray,
        lonely_psu: str,
        present: np.ndarray | None = None,
        group_weight: np.ndarray | None = None,
    ) -> np.ndarray:
        """Variances (D, k) of the domain totals from the cell totals ``totals`` (k, C).

        :func:`cell_variances` for ``k`` variables at once: for every domain,
        ``sum_g scale_g sum_{u in g} (T_ud - mean_gd)^2`` over all units of
        each group, unlisted units counting as zero totals. ``present``
        (k, G * D) gives the groups present in each domain and variable for
        ``lonely_psu='average'``; ``group_weight`` (G,) multiplies each group.
        """
        stage = self.stage
        scale_g, averaged_out = _group_scale(stage, lonely_psu)
        if group_weight is not None:
            scale_g = scale_g * group_weight
        n_groups, n_dom, k = stage.n_groups, self.n_domains, totals.shape[0]
        pairs = n_groups * n_dom
        n_g_pair = np.repeat(stage.n_units.astype(np.float64), n_dom)
        means = _sum_rows(self.cell_group, totals, pairs) / n_g_pair
        if lonely_psu == "adjust":
            means[:, np.repeat(stage.lonely_groups(), n_dom)] = 0.0
        dev = totals - means[:, self.cell_group]
        ss = _sum_rows(self.cell_group, dev * dev, pairs)
        # units of the group with no case in the domain: zero totals
        ss += (n_g_pair - self.listed) * means * means
        # a sum over groups in their order, not a BLAS product (which starts threads)
        var = (scale_g[:, None] * ss.reshape(k, n_groups, n_dom)).sum(axis=1).T
        if lonely_psu == "average" and averaged_out.any():
            flat = None
            if present is not None:
                flat = present.reshape(k, n_groups, n_dom).transpose(1, 2, 0).reshape(n_groups, -1)
            mult = _average_multiplier(stage, averaged_out, flat, n_dom * k)
            var = var * mult.reshape(n_dom, k)
        return np.ascontiguousarray(var, dtype=np.float64)


def _sum_rows(code: np.ndarray, rows: np.ndarray, size: int) -> np.ndarray:
    """``np.bincount(code, row, size)`` for every row of ``rows`` (r, len(code)) -> (r, size)."""
    out = np.empty((rows.shape[0], size))
    for i in range(rows.shape[0]):
        out[i] = np.bincount(code, weights=rows[i], minlength=size)
    return out
