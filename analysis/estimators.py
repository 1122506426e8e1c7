"""Estimators shared by Taylor-linearization and replicate-weight designs.

:class:`DesignEstimators` implements ``mean``, ``total``, ``ratio``,
``proportion`` and ``quantile`` once, for the whole sample or for every domain
of ``by`` in one vectorized pass, on top of two primitives each design type
provides: ``_ratio_stats`` (domain ratios of weighted totals and their
variances) and ``_domain_df`` (degrees of freedom per domain).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from analysis.estimate import (
    ESTIMATE_COLUMNS,
    Estimate,
    beta_interval,
    check_level,
    logit_interval,
    wald_interval,
)

ProportionInterval = Literal["logit", "beta", "wald"]
Columns = str | Sequence[str]


@dataclass(frozen=True)
class Domains:
    """Domain membership of every case for one estimate.

    ``code[i]`` is the domain (``0..count-1``) of case ``i``, or ``-1`` when
    the case is outside every domain (zero weight or missing ``by`` value).
    """

    code: np.ndarray
    levels: pd.DataFrame | None

    @property
    def count(self) -> int:
        return 1 if self.levels is None else len(self.levels)


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
    ) -> tuple[np.ndarray, np.ndarray]:
        """Ratios of weighted totals per domain and their variances.

        Parameters
        ----------
        num : ndarray, shape (m, k)
            Numerator values of the ``m`` cases in ``rows``.
        den : ndarray, shape (m, k), or None
            Denominator values; ``None`` estimates totals (no denominator).
        rows : ndarray of int, shape (m,)
            Positions of the cases that enter the estimate.
        domain : ndarray of int, shape (m,)
            Domain code of each of those cases.
        n_domains : int

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

    def _domains(self, by: Columns | None) -> Domains:
        positive = self.weights > 0
        if by is None:
            return Domains(np.where(positive, 0, -1).astype(np.int64), None)
        by_cols = [by] if isinstance(by, str) else list(by)
        if not by_cols:
            raise ValueError("by must name at least one column")
        for name in by_cols:
            self._column(name)
        groups = self.data.groupby(by_cols, sort=True, dropna=True, observed=True)
        code = groups.ngroup().to_numpy(dtype=np.float64, na_value=np.nan)
        code = np.where(np.isnan(code) | ~positive, -1, code).astype(np.int64)
        levels = groups.size().index.to_frame(index=False)
        used = np.unique(code[code >= 0])
        remap = np.full(len(levels) + 1, -1, dtype=np.int64)
        remap[used] = np.arange(used.size)
        code = remap[code]  # -1 maps through the extra last slot
        levels = levels.iloc[used].reset_index(drop=True)
        return Domains(code, levels)

    # -- generic machinery -------------------------------------------------------

    def _srs_variance(
        self,
        u: np.ndarray,
        rows: np.ndarray,
        domain: np.ndarray,
        n_domains: int,
        total_scale: bool,
    ) -> np.ndarray:
        """Variance under simple random sampling without replacement (R's ``deff``).

        ``u`` (m, k) are the values whose weighted mean (``total_scale=False``)
        or total (``True``) is estimated; the weighted variance
        ``S2 = n/(n-1) * sum w (u - ubar)^2 / W`` is scaled by ``(W - n)/(W n)``
        for a mean and by ``W^2 (W - n)/(W n)`` for a total, within each domain.
        """
        w = self.weights[rows]
        wsum = np.bincount(domain, weights=w, minlength=n_domains)
        n = np.bincount(domain, minlength=n_domains).astype(np.float64)
        out = np.empty((n_domains, u.shape[1]))
        for j in range(u.shape[1]):
            ubar = np.bincount(domain, weights=w * u[:, j], minlength=n_domains) / wsum
            dev = u[:, j] - ubar[domain]
            ss = np.bincount(domain, weights=w * dev * dev, minlength=n_domains)
            with np.errstate(divide="ignore", invalid="ignore"):
                s2 = n / (n - 1.0) * ss / wsum
                fpc = (wsum - n) / (wsum * n)
                fpc = np.where(fpc >= 0, fpc, np.nan)
                out[:, j] = s2 * fpc * (wsum**2 if total_scale else 1.0)
        return out

    def _estimate_ratio(
        self,
        num: np.ndarray,
        den: np.ndarray | None,
        valid: np.ndarray,
        domains: Domains,
        mean_like: bool,
    ) -> dict[str, np.ndarray]:
        """Point estimates, variances, deff, df and counts for one variable (k columns)."""
        in_domain = domains.code >= 0
        use = in_domain & valid
        rows = np.flatnonzero(use)
        d = domains.code[rows]
        n_dom = domains.count
        num_r = num[rows]
        den_r = None if den is None else den[rows]
        est, var = self._ratio_stats(num_r, den_r, rows, d, n_dom)
        if den_r is None:
            u = num_r
            srs = self._srs_variance(u, rows, d, n_dom, total_scale=True)
        else:
            xsum = np.stack(
                [
                    np.bincount(d, weights=self.weights[rows] * den_r[:, j], minlength=n_dom)
                    for j in range(den_r.shape[1])
                ],
                axis=1,
            )
            with np.errstate(divide="ignore", invalid="ignore"):
                u = (num_r - est[d] * den_r) / xsum[d]
            srs = self._srs_variance(u, rows, d, n_dom, total_scale=True)
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

    @staticmethod
    def _frame(
        parts: dict[str, np.ndarray],
        column: int,
        level: float,
        interval: str = "wald",
    ) -> pd.DataFrame:
        est = parts["estimate"][:, column]
        se = np.sqrt(parts["variance"][:, column])
        df = parts["df"].astype(np.float64)
        if interval == "logit":
            low, high = logit_interval(est, se, df, level)
        elif interval == "beta":
            low, high = beta_interval(est, se, parts["n"], df, level)
        else:
            low, high = wald_interval(est, se, df, level)
        with np.errstate(divide="ignore", invalid="ignore"):
            cv = se / est
        return pd.DataFrame(
            {
                "estimate": est,
                "se": se,
                "ci_low": low,
                "ci_high": high,
                "df": df,
                "cv": cv,
                "deff": parts["deff"][:, column],
                "n": parts["n"].astype(np.int64),
                "n_missing": parts["n_missing"].astype(np.int64),
                "level": float(level),
            }
        )

    @staticmethod
    def _assemble(
        frames: list[pd.DataFrame],
        domains: Domains,
        extra: list[dict[str, object]],
    ) -> pd.DataFrame:
        out = []
        for frame, labels in zip(frames, extra, strict=True):
            front = {k: [v] * len(frame) for k, v in labels.items()}
            parts = [pd.DataFrame(front)]
            if domains.levels is not None:
                parts.insert(0, domains.levels)
            out.append(pd.concat([*parts, frame], axis=1))
        table = pd.concat(out, ignore_index=True)
        return table[
            [c for c in table.columns if c not in ESTIMATE_COLUMNS] + list(ESTIMATE_COLUMNS)
        ]

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

    def _linear(
        self, variables: Columns, by: Columns | None, level: float, mean_like: bool
    ) -> Estimate | pd.DataFrame:
        check_level(level)
        names = [variables] if isinstance(variables, str) else list(variables)
        if not names:
            raise ValueError("name at least one variable")
        domains = self._domains(by)
        frames: list[pd.DataFrame] = []
        labels: list[dict[str, object]] = []
        for name in names:
            y = self._numeric(name)
            valid = ~np.isnan(y)
            num = np.where(valid, y, 0.0)[:, None]
            den = np.ones_like(num) if mean_like else None
            parts = self._estimate_ratio(num, den, valid, domains, mean_like)
            frames.append(self._frame(parts, 0, level))
            labels.append({"variable": name})
        table = self._assemble(frames, domains, labels)
        if by is None and isinstance(variables, str):
            return self._single(table)
        return table

    # -- public estimators -------------------------------------------------------

    def mean(
        self, variables: Columns, by: Columns | None = None, level: float = 0.95
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

    def total(
        self, variables: Columns, by: Columns | None = None, level: float = 0.95
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
