"""The core of a Taylor-linearization design: its sample structure and variances.

:class:`TaylorDesign` knows the strata, PSUs, SSUs, finite population
corrections and weights of a sample and computes the variance of linearized
totals (R's ``svyrecvar``), with the estimators of
:class:`~analysis.estimators.DesignEstimators`. Calibration, regression and
replicate weights build on it; :class:`analysis.design.SurveyDesign` adds
their convenience methods on top, so the layers point one way:
``_taylor`` <- ``calibration``, ``regression``, ``replicate`` <- ``design``.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Protocol, Self

import numpy as np
import pandas as pd

from analysis._domains import Domains
from analysis._structure import first_stage, numeric_column, second_stage, weights_from_fpc
from analysis._validation import check_weights
from analysis._variance import (
    LONELY_PSU_OPTIONS,
    DomainCells,
    SampleStructure,
    cell_variances,
    check_lonely,
    domain_cells,
    present_groups,
)
from analysis.estimators import DesignEstimators, Kind, _Batch


class CalibrationStep(Protocol):
    """A calibration applied to the weights: it replaces linearized values by residuals."""

    def residualize(self, z: np.ndarray) -> np.ndarray:
        """Residuals (n, k) of the linearized values ``z`` (n, k) on the calibration variables."""
        ...


class TaylorDesign(DesignEstimators):
    """A stratified multistage cluster sample analysed by Taylor linearization.

    The parameters, attributes and formulas are those of
    :class:`analysis.design.SurveyDesign`, the class to use; this base holds
    what calibration, regression and replicate weights need of a design.
    """

    def __init__(
        self,
        data: pd.DataFrame,
        weights: str | None = None,
        strata: str | None = None,
        psu: str | None = None,
        fpc: str | None = None,
        ssu: str | None = None,
        fpc2: str | None = None,
        nest: bool = True,
        lonely_psu: str = "fail",
    ) -> None:
        if not isinstance(data, pd.DataFrame):
            raise ValueError(f"data must be a pandas DataFrame; got {type(data).__name__}")
        if len(data) == 0:
            raise ValueError("data has no rows")
        if lonely_psu not in LONELY_PSU_OPTIONS:
            raise ValueError(
                f"lonely_psu must be one of {', '.join(LONELY_PSU_OPTIONS)}; got {lonely_psu!r}"
            )
        if fpc2 is not None and ssu is None:
            raise ValueError("fpc2 needs ssu: the second-stage units it applies to")
        if ssu is not None and fpc is not None and fpc2 is None:
            raise ValueError("with ssu and fpc, give fpc2 too (second-stage population sizes)")
        self.data = data
        self.lonely_psu = lonely_psu
        self.nest = nest
        self.columns = {
            "weights": weights,
            "strata": strata,
            "psu": psu,
            "fpc": fpc,
            "ssu": ssu,
            "fpc2": fpc2,
        }

        first, popsize_h = first_stage(data, strata, psu, fpc, nest)
        check_lonely(first, lonely_psu, 1)
        second, popsize_p = second_stage(data, ssu, fpc2, first, psu)
        second_weight = None
        if second is not None and popsize_h is not None:
            check_lonely(second, lonely_psu, 2)
            second_weight = (first.n_units / popsize_h)[first.group_of_unit]
        # R adds the second stage's variance only when both stages have an fpc
        self._structure = SampleStructure(
            first, second if second_weight is not None else None, second_weight, lonely_psu
        )
        if weights is not None:
            w = check_weights(
                numeric_column(data, weights, "weights"), f"weights column {weights!r}"
            )
        else:
            w = weights_from_fpc(first, popsize_h, second, popsize_p)
        self.weights: np.ndarray = np.ascontiguousarray(w, dtype=np.float64)
        self.calibration: tuple[CalibrationStep, ...] = ()
        self._cells_cache: tuple[np.ndarray, np.ndarray, DomainCells] | None = None

    # -- internal interface used by calibration and regression -----------------

    def _variance(self, z: np.ndarray) -> np.ndarray:
        """Covariance (k, k) of the totals of weighted linearized values ``z`` (n, k).

        ``z`` is what R passes to ``svyrecvar``: influence values times the
        weight. Calibration steps first replace ``z`` by its residuals, then
        the stratified multistage with-replacement variance is computed, with
        the finite population corrections and the lonely-PSU policy.
        """
        z = np.asarray(z, dtype=np.float64)
        if z.ndim == 1:
            z = z[:, None]
        if z.shape[0] != len(self.weights):
            raise ValueError(f"z has {z.shape[0]} rows; the design has {len(self.weights)} cases")
        for step in self.calibration:
            z = step.residualize(z)
        return self._structure.covariance(z, self._present_strata(z.shape[1]))

    def _present_strata(self, k: int) -> np.ndarray | None:
        if self.lonely_psu != "average":
            return None
        first = self._structure.first
        strata = first.group_of_unit[first.unit_of_case[self.weights > 0]]
        present = np.zeros(first.n_groups, dtype=bool)
        present[strata] = True
        return np.repeat(present[:, None], k, axis=1)

    def _with_weights(self, weights: np.ndarray, step: CalibrationStep | None = None) -> Self:
        """A copy with new weights (same data and structure), ``step`` added to ``calibration``."""
        w = check_weights(weights)
        if w.shape[0] != len(self.weights):
            raise ValueError(
                f"weights have {w.shape[0]} values; the design has {len(self.weights)} cases"
            )
        new = copy.copy(self)
        new.weights = np.ascontiguousarray(w, dtype=np.float64)
        new.calibration = self.calibration + ((step,) if step is not None else ())
        return new

    def degf(self) -> int:
        """Design degrees of freedom: PSUs minus strata among cases with positive weight (R's ``degf``)."""
        rows = np.flatnonzero(self.weights > 0)
        return int(self._domain_df(rows, np.zeros(rows.size, dtype=np.int64), 1)[0])

    def subset(self, mask: np.ndarray | pd.Series | Sequence[bool]) -> Self:
        """A domain: the same design with zero weight outside ``mask``.

        Rows are never dropped, so the PSU and stratum structure, and hence
        the standard errors, stay those of the whole sample (R's
        ``subset(design, ...)``).
        """
        m = np.asarray(mask)
        if m.shape != (len(self.weights),):
            raise ValueError(
                f"mask must have one value per case ({len(self.weights)}); got shape {m.shape}"
            )
        if m.dtype != bool:
            raise ValueError("mask must be boolean (missing values are not allowed)")
        if not (self.weights[m] > 0).any():
            raise ValueError("the subset is empty: no case with positive weight is selected")
        new = copy.copy(self)
        new.weights = np.where(m, self.weights, 0.0)
        return new

    @property
    def n_psu(self) -> int:
        """Number of sampled PSUs."""
        return self._structure.first.n_unit_codes

    @property
    def n_strata(self) -> int:
        """Number of strata."""
        return self._structure.first.n_groups

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(n={len(self.weights)}, strata={self.n_strata}, psu={self.n_psu}, "
            f"lonely_psu={self.lonely_psu!r})"
        )

    # -- primitives for the shared estimators ----------------------------------

    def _batch(self, domains: Domains) -> _Batch | None:
        """All variables at once through the (PSU, domain) cells; not after calibration.

        A calibrated design's variance needs each variable's residuals on
        every case, so it estimates one variable at a time.
        """
        if self.calibration:
            return None
        return _Batch.build(self._structure, domains)

    def _ratio_stats(
        self,
        num: np.ndarray,
        den: np.ndarray | None,
        rows: np.ndarray,
        domain: np.ndarray,
        n_domains: int,
        kind: Kind,
    ) -> tuple[np.ndarray, np.ndarray]:
        if self.calibration:
            return self._calibrated_ratio_stats(num, den, rows, domain, n_domains, kind)
        structure = self._structure
        first = structure.first
        w = self.weights[rows]
        cells = self._first_stage_cells(rows, domain, n_domains)
        second = structure.second
        cells2 = None
        if second is not None:
            cells2 = domain_cells(second.unit_of_case[rows], domain, second.n_unit_codes, n_domains)
        present = None
        if self.lonely_psu == "average":
            present = present_groups(cells, first, n_domains)
        k = num.shape[1]
        est = np.empty((n_domains, k))
        var = np.empty((n_domains, k))
        wx_mean = w if kind == "mean" else None
        for j in range(k):
            wy = w * num[:, j]
            wx = wx_mean if den is None else w * den[:, j]
            t1 = cells.sums(wy)
            y_tot = np.bincount(cells.domain, weights=t1, minlength=n_domains)
            if kind == "total" or wx is None:
                est[:, j] = y_tot
                x_tot = None
            else:
                x1 = cells.sums(wx)
                x_tot = np.bincount(cells.domain, weights=x1, minlength=n_domains)
                with np.errstate(divide="ignore", invalid="ignore"):
                    est[:, j] = y_tot / x_tot
                    t1 = (t1 - est[cells.domain, j] * x1) / x_tot[cells.domain]
            var[:, j] = cell_variances(t1, cells, first, self.lonely_psu, n_domains, present)
            if cells2 is not None and second is not None:
                t2 = cells2.sums(wy)
                if x_tot is not None and wx is not None:
                    with np.errstate(divide="ignore", invalid="ignore"):
                        t2 = (t2 - est[cells2.domain, j] * cells2.sums(wx)) / x_tot[cells2.domain]
                var[:, j] += cell_variances(
                    t2,
                    cells2,
                    second,
                    self.lonely_psu,
                    n_domains,
                    group_weight=structure.second_stage_weight,
                )
        return est, var

    def _calibrated_ratio_stats(
        self,
        num: np.ndarray,
        den: np.ndarray | None,
        rows: np.ndarray,
        domain: np.ndarray,
        n_domains: int,
        kind: Kind,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Dense linearized values, residualized by every calibration step."""
        w = self.weights[rows]
        k = num.shape[1]
        ysum = np.stack(
            [np.bincount(domain, weights=w * num[:, j], minlength=n_domains) for j in range(k)],
            axis=1,
        )
        if kind == "total":
            return ysum, self._domain_variances(w[:, None] * num, rows, domain, n_domains)
        x = np.ones_like(num) if den is None or kind == "mean" else den
        xsum = np.stack(
            [np.bincount(domain, weights=w * x[:, j], minlength=n_domains) for j in range(k)],
            axis=1,
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            est = ysum / xsum
            z = w[:, None] * (num - est[domain] * x) / xsum[domain]
        return est, self._domain_variances(z, rows, domain, n_domains)

    def _domain_variances(
        self, z: np.ndarray, rows: np.ndarray, domain: np.ndarray, n_domains: int
    ) -> np.ndarray:
        """Variances of domain totals of ``z`` (m, k) after calibration residuals.

        Residualizing needs the full (n, domains) matrix of each column; it is
        built in blocks of domains to bound the memory.
        """
        out = np.empty((n_domains, z.shape[1]))
        chunk = 64
        n = len(self.weights)
        for j in range(z.shape[1]):
            for start in range(0, n_domains, chunk):
                stop = min(start + chunk, n_domains)
                block = np.zeros((n, stop - start))
                inside = (domain >= start) & (domain < stop)
                block[rows[inside], domain[inside] - start] = z[inside, j]
                for step in self.calibration:
                    block = step.residualize(block)
                out[start:stop, j] = self._structure.variances(
                    block, self._present_strata(stop - start)
                )
        return out

    def _first_stage_cells(
        self, rows: np.ndarray, domain: np.ndarray, n_domains: int
    ) -> DomainCells:
        """(PSU, domain) cells, kept for the next call with the very same arrays.

        One estimate asks for them twice (variance, then degrees of freedom);
        the identity check cannot match arrays of another call.
        """
        cached = self._cells_cache
        if cached is not None and cached[0] is rows and cached[1] is domain:
            return cached[2]
        first = self._structure.first
        cells = domain_cells(first.unit_of_case[rows], domain, first.n_unit_codes, n_domains)
        self._cells_cache = (rows, domain, cells)
        return cells

    def _domain_df(self, rows: np.ndarray, domain: np.ndarray, n_domains: int) -> np.ndarray:
        first = self._structure.first
        cells = self._first_stage_cells(rows, domain, n_domains)
        occupied = cells.occupied()
        if cells.dense:
            n_psu = occupied.reshape(-1, n_domains).sum(axis=0)
        else:
            n_psu = np.bincount(cells.domain[occupied], minlength=n_domains)
        n_strata = present_groups(cells, first, n_domains, occupied).sum(axis=0)
        return (n_psu - n_strata).astype(np.int64)
