"""Estimators shared by Taylor-linearization and replicate-weight designs.

:class:`DesignEstimators` implements ``mean``, ``total``, ``ratio``,
``proportion`` and ``quantile`` once, for the whole sample or for every domain
of ``by`` in one vectorized pass, on top of two primitives each design type
provides: ``_ratio_stats`` (domain ratios of weighted totals and their
variances) and ``_domain_df`` (degrees of freedom per domain).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, overload

import numpy as np
import pandas as pd

from analysis._deff import (
    Kind,
    constant_domains,
    fill_srs_terms,
    srs_terms,
    srs_variance,
    srs_variance_columns,
)
from analysis._domains import Domains, domain_codes
from analysis._quantile import RankedDomains
from analysis._variance import DomainGrid, SampleStructure, Stage
from analysis.estimate import (
    ESTIMATE_COLUMNS,
    Estimate,
    beta_interval,
    check_level,
    logit_interval,
    t_quantile,
    wald_interval,
)

ProportionInterval = Literal["logit", "beta", "wald"]
Columns = str | Sequence[str]
#: ``by`` columns: one name, or a list/tuple of names
ByColumns = str | list[str] | tuple[str, ...]
#: several variables at once (a list or tuple, never a bare string)
VariableList = list[str] | tuple[str, ...]
#: variables estimated together by ``mean``/``total`` (bounds the (k, cells) sums)
_CHUNK = 32
#: one variable's values (n,), its denominator or None, and its valid cases (n,) of bool
_Variable = tuple[np.ndarray, np.ndarray | None, np.ndarray]


@dataclass(frozen=True)
class _Batch:
    """What a Taylor design needs to estimate many variables in the domains of one ``by``.

    Built once per domain coding: the cases in some domain (``rows``, or all
    cases when ``rows`` is None), their domain and the (unit, domain) cells
    of each stage.
    """

    structure: SampleStructure
    rows: np.ndarray | None
    domain: np.ndarray
    first: DomainGrid
    second: DomainGrid | None
    n_in_domain: np.ndarray

    @classmethod
    def build(cls, structure: SampleStructure, domains: Domains) -> _Batch:
        code = domains.code
        inside = code >= 0
        rows = None if bool(inside.all()) else np.flatnonzero(inside)
        domain = code if rows is None else code[rows]
        n_dom = domains.count

        def grid(stage: Stage) -> DomainGrid:
            units = stage.unit_of_case if rows is None else stage.unit_of_case[rows]
            return DomainGrid.build(units, domain, stage, n_dom)

        second = structure.second
        return cls(
            structure=structure,
            rows=rows,
            domain=domain,
            first=grid(structure.first),
            second=None if second is None else grid(second),
            n_in_domain=np.bincount(domain, minlength=n_dom).astype(np.float64),
        )

    def take(self, values: np.ndarray) -> np.ndarray:
        """The batch's cases of ``values`` (..., n): the last axis runs over cases."""
        return values if self.rows is None else values[..., self.rows]

    def same_cases(self, other: _Batch) -> bool:
        """Whether both batches hold the same cases (e.g. every case with a weight)."""
        if self.rows is None or other.rows is None:
            return self.rows is None and other.rows is None
        return np.array_equal(self.rows, other.rows)


@dataclass(frozen=True)
class _Columns:
    """Cell sums of the case-level parts of ``k`` variables, for one batch.

    For every variable and case there are P parts: ``used`` (1.0 where the
    case enters the variable's estimate), ``wy`` (weight x value), ``wu``
    (weight where used), ``wx`` for means with a denominator, and the SRS
    terms of :func:`analysis._deff.srs_terms`. They do not depend on how the
    cases are split into domains, so :meth:`build` computes them one
    variable at a time (arrays of one variable stay in the CPU cache) and
    sums each into the (PSU, domain) cells of every batch holding the same
    cases.
    """

    kind: Kind
    indicator: bool
    parts: dict[str, int]
    wx: str | None  # part with weight x denominator; None for totals
    shift: np.ndarray  # (k,) of fill_srs_terms
    #: (nonnegative, binary) of the given variables: no value used is negative, every
    #: value used is 0 or 1 (read again from the data, only where an estimate needs it)
    flags: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]
    cells: np.ndarray  # (P, k, C) first-stage cell sums of every part
    cells2: np.ndarray | None  # (2, k, C2) second-stage cell sums of wy and wx

    @staticmethod
    def build(
        weights: np.ndarray,
        k: int,
        variable: Callable[[int], _Variable],
        kind: Kind,
        indicator: bool,
        batches: Sequence[_Batch],
        ratio: bool = False,
    ) -> list[_Columns]:
        """The cell sums of ``k`` variables for each of ``batches``, which hold the same cases.

        ``variable(j)`` gives the values (n,) of variable ``j``, its
        denominator (``ratio`` true) or None, and its valid cases (n,);
        values are 0 where they are not valid. Only one variable's arrays
        exist at a time.
        """
        names = ["used", "wy", "wu"]
        den = True if ratio else None
        if den is not None and kind == "mean":
            names.append("wx")
        names += srs_terms(kind, indicator)
        parts = {name: p for p, name in enumerate(names)}
        if kind == "mean":
            wx: str | None = "wx" if den is not None else "wu"
        elif kind == "ratio" and den is not None:
            wx = "xsum"
        else:
            wx = None
        first = batches[0]
        w = first.take(weights)
        m = w.size
        cells = [np.empty((len(names), k, b.first.n_cells)) for b in batches]
        cells2 = [None if b.second is None else np.zeros((2, k, b.second.n_cells)) for b in batches]
        shift = np.empty(k)
        rows = np.empty((len(names), m))
        view = {name: rows[p] for name, p in parts.items()}
        terms = {name: view[name] for name in srs_terms(kind, indicator)}
        # a variable used on every case: "used" is 1 and "wu" is w, with the same
        # cell sums for all such variables (summed once)
        ones: np.ndarray | None = None
        complete: list[tuple[np.ndarray, np.ndarray]] | None = None
        for j in range(k):
            num_j, den_j, valid_j = variable(j)
            use = first.take(valid_j)
            y = first.take(num_j)
            x = None if den_j is None else first.take(den_j)
            everywhere = bool(use.all())
            if everywhere:
                ones = np.ones(m) if ones is None else ones
                used, wu = ones, w
            else:
                used = view["used"]
                used[...] = use
                wu = np.multiply(w, used, out=view["wu"])
            current = {"used": used, "wu": wu, "wy": np.multiply(w, y, out=view["wy"])}
            if "wx" in view and x is not None:
                current["wx"] = np.multiply(w, x, out=view["wx"])
            shift[j] = fill_srs_terms(w, current["wy"], wu, y, x, used, kind, terms)
            current.update(terms)
            known = complete if everywhere else None
            for b, batch in enumerate(batches):
                grid = batch.first
                for name, p in parts.items():
                    if known is not None and name in ("used", "wu"):
                        cells[b][p, j] = known[b][0 if name == "used" else 1]
                        continue
                    cells[b][p, j] = np.bincount(grid.code, current[name], minlength=grid.n_cells)
                second, out2 = batch.second, cells2[b]
                if second is not None and out2 is not None:
                    out2[0, j] = np.bincount(second.code, current["wy"], minlength=second.n_cells)
                    if wx is not None:
                        out2[1, j] = np.bincount(second.code, current[wx], minlength=second.n_cells)
            if everywhere and complete is None:
                complete = [(c[parts["used"], j], c[parts["wu"], j]) for c in cells]

        def flags(columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            """(nonnegative, binary) for the variables ``columns`` (read again)."""
            nonnegative = np.ones(k, dtype=bool) if indicator else np.zeros(k, dtype=bool)
            binary = nonnegative.copy()
            if indicator:  # 0/1 by construction
                return nonnegative, binary
            for j in columns:
                y = first.take(variable(int(j))[0])
                low, high = (float(y.min()), float(y.max())) if y.size else (0.0, 0.0)
                nonnegative[j] = low >= 0
                binary[j] = low >= 0 and high <= 1 and bool(((y == 0) | (y == 1)).all())
            return nonnegative, binary

        return [
            _Columns(kind, indicator, parts, wx, shift, flags, cells[b], cells2[b])
            for b in range(len(batches))
        ]


class DesignEstimators(ABC):
    """Estimator methods common to :class:`SurveyDesign` and :class:`ReplicateDesign`."""

    data: pd.DataFrame
    weights: np.ndarray

    # -- primitives provided by each design type ---------------------------------

    @abstractmethod
    def _ratio_stats(
        self,
        num: np.ndarray,
        den: np.ndarray | None,
        rows: np.ndarray,
        domain: np.ndarray,
        n_domains: int,
        kind: Kind,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Domain totals, means or ratios of weighted totals, and their variances.

        Parameters
        ----------
        num : ndarray, shape (m, k)
            Numerator values of the ``m`` cases in ``rows``.
        den : ndarray, shape (m, k), or None
            Denominator values for ``kind="ratio"``; ignored otherwise
            (``"mean"`` divides by the weights, ``"total"`` by nothing).
        rows : ndarray of int, shape (m,)
            Positions of the cases that enter the estimate.
        domain : ndarray of int, shape (m,)
            Domain code of each of those cases.
        n_domains : int
        kind : {"total", "mean", "ratio"}

        Returns
        -------
        (estimate, variance), each of shape (n_domains, k)
        """

    @abstractmethod
    def _domain_df(self, rows: np.ndarray, domain: np.ndarray, n_domains: int) -> np.ndarray:
        """Degrees of freedom for each domain, shape (n_domains,)."""

    # -- input helpers -----------------------------------------------------------

    def _column(self, name: str) -> pd.Series:
        if not isinstance(name, str):
            raise ValueError(f"column names must be strings; got {name!r}")
        if name not in self.data.columns:
            raise ValueError(f"column {name!r} not found in data")
        return self.data[name]

    def _numeric(self, name: str) -> np.ndarray:
        col = self._column(name)
        if pd.api.types.is_bool_dtype(col) or pd.api.types.is_numeric_dtype(col):
            values = pd.to_numeric(col, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
        else:
            raise ValueError(
                f"column {name!r} is not numeric (dtype {col.dtype}); "
                "use proportion() for a categorical variable"
            )
        if np.isinf(values).any():
            raise ValueError(f"column {name!r} has infinite values")
        return values

    def _numeric_reader(self, names: Sequence[str]) -> Callable[[int], np.ndarray]:
        """``j -> _numeric(names[j])``, every column checked first (infinite values when read).

        Plain numpy columns are read without a copy when they are float64.
        """
        cols = [self._column(name) for name in names]
        plain = self.data.columns.is_unique and all(
            isinstance(c.dtype, np.dtype) and c.dtype.kind in "fiub" for c in cols
        )
        if not plain:
            values = [self._numeric(name) for name in names]
            return values.__getitem__

        def read(j: int) -> np.ndarray:
            values = cols[j].to_numpy(dtype=np.float64)
            if np.isinf(values).any():
                raise ValueError(f"column {names[j]!r} has infinite values")
            return values

        return read

    def _categories(self, name: str) -> tuple[list[object], np.ndarray]:
        """Categories of a column and the code of each case (-1 when missing)."""
        col = self._column(name)
        if isinstance(col.dtype, pd.CategoricalDtype):
            categories = list(col.cat.categories)
            codes = col.cat.codes.to_numpy().astype(np.int64)
        else:
            codes_arr, uniques = pd.factorize(col, sort=True)
            categories = list(uniques)
            codes = codes_arr.astype(np.int64)
        if not categories:
            raise ValueError(f"column {name!r} has no non-missing values")
        return categories, codes

    def _domains(self, by: Columns | None) -> Domains:
        if by is not None:
            for name in [by] if isinstance(by, str) else list(by):
                self._column(name)
        return domain_codes(self.data, by, self.weights > 0)

    # -- generic machinery -------------------------------------------------------

    def _srs_variance(
        self,
        num: np.ndarray,
        den: np.ndarray | None,
        est: np.ndarray,
        rows: np.ndarray,
        domain: np.ndarray,
        n_domains: int,
        kind: Kind,
        indicator: bool = False,
    ) -> np.ndarray:
        """SRS-without-replacement variance of each estimate (the ``deff`` denominator)."""
        return srs_variance(self.weights[rows], num, den, est, domain, n_domains, kind, indicator)

    def _estimate_ratio(
        self,
        num: np.ndarray,
        den: np.ndarray | None,
        valid: np.ndarray,
        domains: Domains,
        kind: Kind,
        indicator: bool = False,
    ) -> dict[str, np.ndarray]:
        """Point estimates, variances, deff, df and counts for one variable (k columns).

        ``num`` and ``den`` have one row per case (n, k); only the cases in a
        domain with a valid value enter the estimate. ``df``, ``n`` and
        ``n_missing`` have one value per domain.
        """
        in_domain = domains.code >= 0
        use = in_domain & valid
        all_rows = bool(use.all())
        rows = np.arange(use.size) if all_rows else np.flatnonzero(use)
        d = domains.code if all_rows else domains.code[rows]
        n_dom = domains.count
        num_r = num if all_rows else num[rows]
        den_r = None if den is None else (den if all_rows else den[rows])
        est, var = self._ratio_stats(num_r, den_r, rows, d, n_dom, kind)
        srs = self._srs_variance(num_r, den_r, est, rows, d, n_dom, kind, indicator)
        with np.errstate(divide="ignore", invalid="ignore"):
            deff = var / srs
        missing = in_domain & ~valid
        return {
            "estimate": est,
            "variance": var,
            "deff": deff,
            "df": self._domain_df(rows, d, n_dom),
            "n": np.bincount(d, minlength=n_dom),
            "n_missing": np.bincount(domains.code[missing], minlength=n_dom),
        }

    def _batch(self, domains: Domains) -> _Batch | None:
        """The batched Taylor machinery for ``domains``, or None when it does not apply.

        None here: replicate designs estimate one variable at a time. An
        uncalibrated Taylor design returns its batch.
        """
        return None

    def _estimate_columns(
        self,
        num: np.ndarray,
        den: np.ndarray | None,
        valid: np.ndarray,
        domains: Domains,
        kind: Kind,
        indicator: bool = False,
        batch: _Batch | None = None,
    ) -> dict[str, np.ndarray]:
        """Estimates of ``k`` variables in every domain, each with its own valid cases.

        ``num``, ``den`` are (k, n), a row per variable; ``valid`` is (k, n),
        or (n,) shared by all variables. Returns (D, k) arrays ``estimate,
        variance, deff, df, n, n_missing``. With ``batch`` (Taylor designs)
        all variables go through one set of cell sums; otherwise
        :meth:`_estimate_ratio` per variable.
        """
        if batch is not None:

            def variable(j: int) -> _Variable:
                return (
                    num[j],
                    None if den is None else den[j],
                    valid if valid.ndim == 1 else valid[j],
                )

            (columns,) = _Columns.build(
                self.weights, num.shape[0], variable, kind, indicator, [batch], den is not None
            )
            return self._estimate_batched(columns, batch)
        k = num.shape[0]
        if valid.ndim == 1:
            parts = self._estimate_ratio(
                num.T, None if den is None else den.T, valid, domains, kind, indicator
            )
            for key in ("df", "n", "n_missing"):
                parts[key] = np.repeat(np.asarray(parts[key])[:, None], k, axis=1)
            return parts
        each = [
            self._estimate_ratio(
                num[j][:, None],
                None if den is None else den[j][:, None],
                valid[j],
                domains,
                kind,
                indicator,
            )
            for j in range(k)
        ]
        return {
            key: np.column_stack([np.asarray(p[key]).reshape(domains.count, -1) for p in each])
            for key in each[0]
        }

    @staticmethod
    def _estimate_batched(columns: _Columns, batch: _Batch) -> dict[str, np.ndarray]:
        """:meth:`_estimate_columns` for a Taylor design, from the sums over (PSU, domain) cells.

        The sums of ``SurveyDesign._ratio_stats``, ``_domain_df`` and
        ``srs_variance`` on each variable's cases (cases outside a variable's
        estimate enter with zero values and weights), summed from cells into
        domains. ``columns`` must be the cell sums of ``batch``.
        """
        structure = batch.structure
        lonely = structure.lonely_psu
        n_parts, k, n_cells = columns.cells.shape
        grid = batch.first
        cells = columns.cells
        dom = grid.domain_sums(cells.reshape(n_parts * k, n_cells)).reshape(n_parts, k, -1)
        part = columns.parts
        occupied = cells[part["used"]] > 0
        n = dom[part["used"]].T
        ty = cells[part["wy"]]
        y_tot = dom[part["wy"]].T
        x_tot = None
        if columns.kind == "total" or columns.wx is None:
            est, t1 = np.array(y_tot), ty
        else:
            tx = cells[part[columns.wx]]
            x_tot = dom[part[columns.wx]].T
            cd = grid.cell_domain
            with np.errstate(divide="ignore", invalid="ignore"):
                est = y_tot / x_tot
                t1 = (ty - est.T[:, cd] * tx) / x_tot.T[:, cd]
        present = grid.present(occupied)
        var = grid.variances(t1, lonely, present if lonely == "average" else None)
        second = batch.second
        if second is not None and columns.cells2 is not None:
            t2 = columns.cells2[0]
            if x_tot is not None and columns.wx is not None:
                cd2 = second.cell_domain
                tx2 = columns.cells2[1]
                with np.errstate(divide="ignore", invalid="ignore"):
                    t2 = (t2 - est.T[:, cd2] * tx2) / x_tot.T[:, cd2]
            var = var + second.variances(t2, lonely, group_weight=structure.second_stage_weight)
        sums = {name: dom[part[name]].T for name in srs_terms(columns.kind, columns.indicator)}
        # an estimate of exactly 0 (or a mean of exactly 1) may mean all values are equal
        edge = (est == 0) | ((est == 1) if columns.kind == "mean" else False)
        nonnegative, binary = columns.flags(np.flatnonzero(edge.any(axis=0)))
        constant = constant_domains(columns.kind, est, nonnegative, binary)
        srs = srs_variance_columns(
            columns.kind,
            columns.indicator,
            columns.shift,
            sums,
            dom[part["wu"]].T,
            est,
            n,
            constant,
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            deff = var / srs
        n_psu = grid.domain_sums(occupied.astype(np.float64)).T
        n_strata = present.reshape(k, structure.first.n_groups, -1).sum(axis=1).T
        return {
            "estimate": est,
            "variance": var,
            "deff": deff,
            "df": (n_psu - n_strata).astype(np.int64),
            "n": n.astype(np.int64),
            "n_missing": (batch.n_in_domain[:, None] - n).astype(np.int64),
        }

    @staticmethod
    def _table(
        parts: dict[str, np.ndarray],
        domains: Domains,
        labels: list[dict[str, object]],
        level: float,
        interval: str = "wald",
    ) -> pd.DataFrame:
        """The tidy table of (D, k) ``parts``: column ``j`` labelled ``labels[j]``, then domains."""
        n_dom = domains.count

        def flat(key: str) -> np.ndarray:
            return np.asarray(parts[key]).T.ravel()

        est = flat("estimate")
        se = np.sqrt(flat("variance"))
        df = flat("df").astype(np.float64)
        n = flat("n").astype(np.int64)
        if interval == "logit":
            low, high = logit_interval(est, se, df, level, n)
        elif interval == "beta":
            low, high = beta_interval(est, se, n, df, level)
        else:
            low, high = wald_interval(est, se, df, level)
        with np.errstate(divide="ignore", invalid="ignore"):
            cv = se / est
        columns: dict[str, object] = {}
        if domains.levels is not None:
            for name in domains.levels.columns:
                columns[name] = np.tile(domains.levels[name].to_numpy(), len(labels))
        for key in labels[0]:
            columns[key] = np.repeat(np.asarray([e[key] for e in labels], dtype=object), n_dom)
        columns.update(
            {
                "estimate": est,
                "se": se,
                "ci_low": low,
                "ci_high": high,
                "df": df,
                "cv": cv,
                "deff": flat("deff"),
                "n": n,
                "n_missing": flat("n_missing").astype(np.int64),
                "level": np.full(est.size, float(level)),
            }
        )
        table = pd.DataFrame(columns)
        for key in labels[0]:
            table[key] = table[key].infer_objects()
        return table

    @staticmethod
    def _assemble(
        frames: list[pd.DataFrame],
        domains: Domains,
        extra: list[dict[str, object]],
    ) -> pd.DataFrame:
        size = len(frames[0])
        columns: dict[str, object] = {}
        if domains.levels is not None:
            for name in domains.levels.columns:
                columns[name] = np.tile(domains.levels[name].to_numpy(), len(frames))
        for key in extra[0]:
            columns[key] = np.repeat(np.asarray([e[key] for e in extra], dtype=object), size)
        for key in ESTIMATE_COLUMNS:
            columns[key] = np.concatenate([f[key].to_numpy() for f in frames])
        table = pd.DataFrame(columns)
        for key in extra[0]:
            table[key] = table[key].infer_objects()
        return table

    @staticmethod
    def _single(table: pd.DataFrame) -> Estimate:
        row = table.iloc[0]
        return Estimate(
            estimate=float(row["estimate"]),
            se=float(row["se"]),
            ci_low=float(row["ci_low"]),
            ci_high=float(row["ci_high"]),
            df=float(row["df"]),
            cv=float(row["cv"]),
            deff=float(row["deff"]),
            n=int(row["n"]),
            n_missing=int(row["n_missing"]),
            level=float(row["level"]),
        )

    def _columns_by_chunk(
        self,
        k: int,
        values: Callable[[int], np.ndarray],
        domain_sets: Sequence[Domains],
        kind: Kind,
    ) -> list[dict[str, np.ndarray]]:
        """``_estimate_columns`` of ``k`` variables for each of ``domain_sets``.

        ``values(j)`` returns the (n,) values of variable ``j``, NaN where
        missing (not modified). Variables are read one at a time and summed
        into the cells of every domain set with the same cases; ``_CHUNK``
        variables' cell sums are held at a time. Returns (D, k) arrays for
        each domain set.
        """
        batches = [self._batch(domains) for domains in domain_sets]
        chunks: list[list[dict[str, np.ndarray]]] = [[] for _ in domain_sets]
        for start in range(0, k, _CHUNK):
            stop = min(start + _CHUNK, k)

            def variable(j: int, start: int = start) -> _Variable:
                y = values(start + j)
                missing = np.isnan(y)
                return (np.where(missing, 0.0, y) if missing.any() else y), None, ~missing

            sums = self._cell_sums_by_cases(stop - start, variable, kind, batches)
            dense: tuple[np.ndarray, np.ndarray] | None = None
            for out, domains, batch, columns in zip(
                chunks, domain_sets, batches, sums, strict=True
            ):
                if batch is not None and columns is not None:
                    out.append(self._estimate_batched(columns, batch))
                    continue
                if dense is None:  # replicate or calibrated designs: (c, n) arrays
                    rows = [variable(j) for j in range(stop - start)]
                    dense = np.stack([r[0] for r in rows]), np.stack([r[2] for r in rows])
                out.append(self._estimate_columns(dense[0], None, dense[1], domains, kind))
        return [
            parts[0]
            if len(parts) == 1
            else {key: np.concatenate([c[key] for c in parts], axis=1) for key in parts[0]}
            for parts in chunks
        ]

    def _cell_sums_by_cases(
        self,
        k: int,
        variable: Callable[[int], _Variable],
        kind: Kind,
        batches: Sequence[_Batch | None],
    ) -> list[_Columns | None]:
        """:meth:`_Columns.build` once for each group of batches holding the same cases."""
        out: list[_Columns | None] = [None] * len(batches)
        waiting = [(i, batch) for i, batch in enumerate(batches) if batch is not None]
        while waiting:
            lead = waiting[0][1]
            same = [lead.same_cases(batch) for _, batch in waiting]
            group = [entry for entry, s in zip(waiting, same, strict=True) if s]
            built = _Columns.build(
                self.weights, k, variable, kind, False, [batch for _, batch in group]
            )
            for (i, _), columns in zip(group, built, strict=True):
                out[i] = columns
            waiting = [entry for entry, s in zip(waiting, same, strict=True) if not s]
        return out

    def _mean_columns(
        self, values: np.ndarray, by: Sequence[Columns | None]
    ) -> list[tuple[Domains, dict[str, np.ndarray]]]:
        """Means of the columns of ``values`` (n, k; NaN = missing) in the domains of each ``by``.

        What :meth:`mean` computes, for callers that hold arrays (the
        indicators): for each entry of ``by`` (None: the whole sample), its
        domains and (D, k) arrays ``estimate, variance, deff, df, n,
        n_missing``, without building a table.
        """
        if values.ndim != 2 or values.shape[0] != len(self.weights):
            raise ValueError(f"values must be (cases, k); got shape {values.shape}")
        domain_sets = [self._domains(b) for b in by]
        parts = self._columns_by_chunk(
            values.shape[1],
            lambda j: np.asarray(values[:, j], dtype=np.float64),
            domain_sets,
            "mean",
        )
        return list(zip(domain_sets, parts, strict=True))

    def _linear(
        self, variables: Columns, by: Columns | None, level: float, mean_like: bool
    ) -> Estimate | pd.DataFrame:
        check_level(level)
        names = [variables] if isinstance(variables, str) else list(variables)
        if not names:
            raise ValueError("name at least one variable")
        domains = self._domains(by)
        (parts,) = self._columns_by_chunk(
            len(names),
            self._numeric_reader(names),
            [domains],
            "mean" if mean_like else "total",
        )
        table = self._table(parts, domains, [{"variable": name} for name in names], level)
        if by is None and isinstance(variables, str):
            return self._single(table)
        return table

    # -- public estimators -------------------------------------------------------

    @overload
    def mean(self, variables: str, by: None = None, level: float = 0.95) -> Estimate: ...

    @overload
    def mean(self, variables: str, by: ByColumns, level: float = 0.95) -> pd.DataFrame: ...

    @overload
    def mean(
        self, variables: VariableList, by: ByColumns | None = None, level: float = 0.95
    ) -> pd.DataFrame: ...

    def mean(
        self, variables: str | VariableList, by: ByColumns | None = None, level: float = 0.95
    ) -> Estimate | pd.DataFrame:
        r"""Weighted mean of numeric variables, overall or per domain.

        Parameters
        ----------
        variables : str or list of str
            Numeric (or boolean) columns. Missing values are dropped from this
            estimate only (the design structure is kept); ``n_missing`` says
            how many.
        by : str or list of str, optional
            Domain columns: one row per combination observed with positive
            weight. Cases with a missing ``by`` value are in no domain.
        level : float
            Confidence level.

        Returns
        -------
        Estimate
            For one variable without ``by``.
        pandas.DataFrame
            Otherwise: the ``by`` columns, ``variable``, then ``estimate, se,
            ci_low, ci_high, df, cv, deff, n, n_missing, level``.

        Notes
        -----
        :math:`\hat{\bar Y}_d = \sum_i w_i \delta_{di} y_i / \sum_i w_i \delta_{di}`,
        linearized as :math:`z_i = w_i \delta_{di} (y_i - \hat{\bar Y}_d) / \hat W_d`
        (Taylor) or recomputed with each set of replicate weights. The
        interval is :math:`\hat{\bar Y} \pm t_{df, 1-\alpha/2}\, SE` with ``df``
        the PSUs minus strata of the domain, i.e. R's
        ``confint(svymean(~y, d), df = degf(d))``; ``deff`` is R's
        ``deff = TRUE`` (against SRS without replacement).

        Examples
        --------
        R: ``svymean(~api00, dstrat, deff = TRUE)`` and
        ``svyby(~api00, ~stype, dstrat, svymean, deff = TRUE)``.

        >>> d.mean("api00")                  # doctest: +SKIP
        >>> d.mean("api00", by="stype")      # doctest: +SKIP
        """
        return self._linear(variables, by, level, mean_like=True)

    @overload
    def total(self, variables: str, by: None = None, level: float = 0.95) -> Estimate: ...

    @overload
    def total(self, variables: str, by: ByColumns, level: float = 0.95) -> pd.DataFrame: ...

    @overload
    def total(
        self, variables: VariableList, by: ByColumns | None = None, level: float = 0.95
    ) -> pd.DataFrame: ...

    def total(
        self, variables: str | VariableList, by: ByColumns | None = None, level: float = 0.95
    ) -> Estimate | pd.DataFrame:
        r"""Weighted total of numeric variables, overall or per domain.

        Parameters and return values as in :meth:`mean`.

        Notes
        -----
        :math:`\hat Y_d = \sum_i w_i \delta_{di} y_i`, with linearized values
        :math:`z_i = w_i \delta_{di} y_i`. ``deff`` compares with
        :math:`\hat W^2 S^2_w (\hat W - n)/(\hat W n)` as R's ``svytotal(deff = TRUE)``.

        Examples
        --------
        R: ``svytotal(~enroll, dstrat, deff = TRUE)``;
        ``svyby(~enroll, ~stype, dstrat, svytotal)``.

        >>> d.total("enroll", by="stype")    # doctest: +SKIP
        """
        return self._linear(variables, by, level, mean_like=False)

    @overload
    def ratio(
        self, numerator: str, denominator: str, by: None = None, level: float = 0.95
    ) -> Estimate: ...

    @overload
    def ratio(
        self, numerator: str, denominator: str, by: ByColumns, level: float = 0.95
    ) -> pd.DataFrame: ...

    def ratio(
        self,
        numerator: str,
        denominator: str,
        by: ByColumns | None = None,
        level: float = 0.95,
    ) -> Estimate | pd.DataFrame:
        r"""Ratio of two weighted totals, e.g. incidents reported per incident.

        Parameters
        ----------
        numerator, denominator : str
            Numeric columns. A case missing either is dropped from this
            estimate (counted in ``n_missing``).
        by : str or list of str, optional
            Domain columns.
        level : float

        Returns
        -------
        Estimate, or a DataFrame with one row per domain.

        Notes
        -----
        :math:`\hat R = \hat Y / \hat X`, linearized as
        :math:`z_i = w_i (y_i - \hat R x_i) / \hat X`. The interval uses
        ``qt(., degf)``; ``deff`` is R's ``svyratio(deff = TRUE)``.

        Examples
        --------
        R: ``svyratio(~api.stu, ~enroll, dstrat)``;
        ``svyby(~api.stu, by = ~stype, denominator = ~enroll, design = dstrat, FUN = svyratio)``.

        >>> d.ratio("api.stu", "enroll")     # doctest: +SKIP
        """
        check_level(level)
        y = self._numeric(numerator)
        x = self._numeric(denominator)
        valid = ~np.isnan(y) & ~np.isnan(x)
        domains = self._domains(by)
        num = np.where(valid, y, 0.0)[None, :]
        den = np.where(valid, x, 0.0)[None, :]
        parts = self._estimate_columns(
            num, den, valid, domains, "ratio", batch=self._batch(domains)
        )
        table = self._table(
            parts, domains, [{"numerator": numerator, "denominator": denominator}], level
        )
        return self._single(table) if by is None else table

    def proportion(
        self,
        variables: str | VariableList,
        by: ByColumns | None = None,
        level: float = 0.95,
        interval: ProportionInterval = "logit",
    ) -> pd.DataFrame:
        r"""Distribution of a categorical variable: the proportion in each category.

        Parameters
        ----------
        variables : str or list of str
            Categorical columns (any dtype; a pandas Categorical keeps all its
            categories, in order, even unobserved ones). Missing values are
            dropped from the denominator (``n_missing``).
        by : str or list of str, optional
            Domain columns.
        level : float
        interval : {"logit", "beta", "wald"}
            ``logit`` (default): R's ``svyciprop(method = "logit")``.
            ``beta``: Korn and Graubard, R's ``svyciprop(method = "beta")``.
            ``wald``: :math:`\hat p \pm t\, SE`, R's ``confint(svymean(...), df = degf(d))``.

        Returns
        -------
        pandas.DataFrame
            Always a table: the ``by`` columns, ``variable``, ``value`` (the
            category), then the estimate columns. ``n`` is the number of
            cases with a non-missing answer in the domain (the denominator).

        Notes
        -----
        :math:`\hat p_{dc} = \sum_i w_i \delta_{di} [y_i = c] / \sum_i w_i \delta_{di}`,
        a mean of indicators. The logit interval is
        :math:`\operatorname{expit}(\operatorname{logit}\hat p \pm t_{df}\, SE / (\hat p(1-\hat p)))`;
        the beta interval uses the effective sample size
        :math:`n^* = \hat p(1-\hat p)/SE^2 \cdot (t_{n-1}/t_{df})^2` in Clopper–Pearson limits.
        Both use ``df`` = PSUs minus strata of the domain.

        Examples
        --------
        R: ``svyciprop(~I(stype == "E"), dstrat, method = "logit")`` and
        ``svymean(~stype, dstrat, deff = TRUE)``.

        >>> d.proportion("stype")                       # doctest: +SKIP
        >>> d.proportion("sch.wide", by="stype", interval="beta")  # doctest: +SKIP
        """
        check_level(level)
        if interval not in ("logit", "beta", "wald"):
            raise ValueError(f"interval must be 'logit', 'beta' or 'wald'; got {interval!r}")
        names = [variables] if isinstance(variables, str) else list(variables)
        if not names:
            raise ValueError("name at least one variable")
        domains = self._domains(by)
        batch = self._batch(domains)
        chunks: list[dict[str, np.ndarray]] = []
        labels: list[dict[str, object]] = []
        for name in names:
            categories, codes = self._categories(name)
            valid = codes >= 0
            k = len(categories)
            num = np.zeros((k, len(codes)))
            num[codes[valid], np.flatnonzero(valid)] = 1.0
            chunks.append(
                self._estimate_columns(
                    num, None, valid, domains, "mean", indicator=True, batch=batch
                )
            )
            labels += [{"variable": name, "value": c} for c in categories]
        parts = {key: np.concatenate([c[key] for c in chunks], axis=1) for key in chunks[0]}
        table = self._table(parts, domains, labels, level, interval)
        if domains.levels is not None:
            by_cols = list(domains.levels.columns)
            table = table.sort_values(by_cols, kind="stable").reset_index(drop=True)
        return table

    @overload
    def quantile(
        self, variable: str, probs: float = 0.5, by: None = None, level: float = 0.95
    ) -> Estimate: ...

    @overload
    def quantile(
        self, variable: str, probs: float = 0.5, *, by: ByColumns, level: float = 0.95
    ) -> pd.DataFrame: ...

    @overload
    def quantile(
        self,
        variable: str,
        probs: list[float] | tuple[float, ...],
        by: ByColumns | None = None,
        level: float = 0.95,
    ) -> pd.DataFrame: ...

    def quantile(
        self,
        variable: str,
        probs: float | list[float] | tuple[float, ...] = 0.5,
        by: ByColumns | None = None,
        level: float = 0.95,
    ) -> Estimate | pd.DataFrame:
        r"""Weighted quantiles with Woodruff confidence intervals.

        Parameters
        ----------
        variable : str
            Numeric column; missing values are dropped (``n_missing``).
        probs : float or list of float
            Probabilities in [0, 1].
        by : str or list of str, optional
        level : float

        Returns
        -------
        Estimate
            One probability, no ``by``.
        pandas.DataFrame
            Otherwise, with a ``prob`` column.

        Notes
        -----
        The quantile is R's default ``qrule = "math"``: the smallest value
        whose cumulative weight share reaches ``p``. The interval is
        Woodruff's (R's default ``interval.type = "mean"``): the mean
        :math:`\hat F(\hat q)` of :math:`[y_i \le \hat q]` gets the interval
        :math:`\hat F \pm t_{df}\, SE(\hat F)`, whose limits are mapped back
        through the quantile rule; ``se = (ci_high - ci_low) / (2 t_{df})``.
        ``deff`` is not defined (``nan``). Matches R's
        ``svyquantile(~y, d, p)`` (survey >= 4.1).

        Examples
        --------
        R: ``svyquantile(~api00, dclus1, c(0.25, 0.5))``

        >>> d.quantile("api00", [0.25, 0.5])    # doctest: +SKIP
        """
        check_level(level)
        plist = [float(probs)] if isinstance(probs, int | float) else [float(p) for p in probs]
        if not plist or any(not 0.0 <= p <= 1.0 for p in plist):
            raise ValueError(f"probs must be between 0 and 1; got {probs!r}")
        y = self._numeric(variable)
        valid = ~np.isnan(y)
        domains = self._domains(by)
        use = (domains.code >= 0) & valid
        rows = np.flatnonzero(use)
        d = domains.code[rows]
        n_dom = domains.count
        ranked = RankedDomains(y[rows], self.weights[rows], d, n_dom)
        df = self._domain_df(rows, d, n_dom).astype(np.float64)
        q_crit = t_quantile(level, df)
        frames: list[pd.DataFrame] = []
        labels: list[dict[str, object]] = []
        n = np.bincount(d, minlength=n_dom)
        n_missing = np.bincount(domains.code[(domains.code >= 0) & ~valid], minlength=n_dom)
        for p in plist:
            qhat = ranked.quantile(np.full(n_dom, p))
            below = (y[rows] <= qhat[d]).astype(np.float64)[:, None]
            f_hat, f_var = self._ratio_stats(below, None, rows, d, n_dom, "mean")
            half = q_crit * np.sqrt(f_var[:, 0])
            p_low, p_high = f_hat[:, 0] - half, f_hat[:, 0] + half
            low = ranked.quantile(np.where(p_low < 0, np.nan, p_low))
            high = ranked.quantile(np.where(p_high > 1, np.nan, p_high))
            with np.errstate(invalid="ignore", divide="ignore"):
                se = (high - low) / (2.0 * q_crit)
                cv = se / qhat
            frames.append(
                pd.DataFrame(
                    {
                        "estimate": qhat,
                        "se": se,
                        "ci_low": low,
                        "ci_high": high,
                        "df": df,
                        "cv": cv,
                        "deff": np.nan,
                        "n": n.astype(np.int64),
                        "n_missing": n_missing.astype(np.int64),
                        "level": float(level),
                    }
                )
            )
            labels.append({"variable": variable, "prob": p})
        table = self._assemble(frames, domains, labels)
        if by is None and len(plist) == 1 and isinstance(probs, int | float):
            return self._single(table)
        return table
