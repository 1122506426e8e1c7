"""Building a design's sample structure (strata, PSUs, SSUs, fpcs) from data columns.

Every problem a user can cause raises ``ValueError`` naming the column.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis._variance import Stage


def _require_column(data: pd.DataFrame, name: str, role: str) -> pd.Series:
    if not isinstance(name, str):
        raise ValueError(f"{role} must be a column name; got {name!r}")
    if name not in data.columns:
        raise ValueError(f"{role} column {name!r} not found in data")
    return data[name]


def _labels(data: pd.DataFrame, name: str, role: str) -> np.ndarray:
    """Integer codes of an identifier column; missing identifiers are an error."""
    col = _require_column(data, name, role)
    if col.isna().any():
        first = int(np.flatnonzero(col.isna().to_numpy())[0])
        raise ValueError(
            f"{role} column {name!r} has {int(col.isna().sum())} missing values "
            f"(first at row {first}); every case needs a {role}"
        )
    codes, _ = pd.factorize(col, sort=True)
    return codes.astype(np.int64)


def numeric_column(data: pd.DataFrame, name: str, role: str) -> np.ndarray:
    col = _require_column(data, name, role)
    if pd.api.types.is_bool_dtype(col) or not pd.api.types.is_numeric_dtype(col):
        raise ValueError(f"{role} column {name!r} must be numeric; it has dtype {col.dtype}")
    values = col.to_numpy(dtype=np.float64, na_value=np.nan)
    if np.isnan(values).any():
        first = int(np.flatnonzero(np.isnan(values))[0])
        raise ValueError(
            f"{role} column {name!r} has {int(np.isnan(values).sum())} missing values "
            f"(first at row {first})"
        )
    return values


def _group_codes(keys: Sequence[np.ndarray]) -> np.ndarray:
    """Dense codes ``0..K-1`` of the distinct combinations of integer codes, in sorted order."""
    combined = np.zeros(keys[0].size, dtype=np.int64)
    for key in keys:
        combined = combined * (int(key.max()) + 1) + key
    codes, _ = pd.factorize(combined, sort=True)
    return codes.astype(np.int64)


def _population_sizes(
    fpc: np.ndarray, sampled: np.ndarray, group_of_case: np.ndarray, name: str, what: str
) -> np.ndarray:
    """Population size per case from an fpc column given as counts or as fractions.

    As R's ``as.fpc``: all values above one are population counts; all values
    in (0, 1] are sampling fractions, giving ``N = n / fpc``.
    """
    if (fpc <= 0).any():
        raise ValueError(f"fpc column {name!r} must be positive")
    if (fpc > 1).any():
        if (fpc < 1).any():
            raise ValueError(
                f"fpc column {name!r} mixes population counts (> 1) and sampling "
                "fractions (< 1); give all of one kind"
            )
        popsize = fpc
    else:
        popsize = sampled / fpc
    if (popsize < sampled - 1e-9 * sampled).any():
        first = int(np.flatnonzero(popsize < sampled - 1e-9 * sampled)[0])
        raise ValueError(
            f"fpc column {name!r} implies sampling more than 100% in a {what} "
            f"(row {first}: population {popsize[first]:g}, sampled {sampled[first]:g})"
        )
    spread = pd.Series(popsize).groupby(group_of_case).agg(["min", "max"])
    varies = spread.index[spread["max"] != spread["min"]]
    if len(varies):
        raise ValueError(f"fpc column {name!r} varies within a {what}; it must be constant in each")
    return popsize


def first_stage(
    data: pd.DataFrame, strata: str | None, psu: str | None, fpc: str | None, nest: bool
) -> tuple[Stage, np.ndarray | None]:
    """PSU codes nested in strata, PSUs per stratum and the first-stage fpc."""
    n = len(data)
    stratum = _labels(data, strata, "strata") if strata is not None else np.zeros(n, np.int64)
    stratum_labels = (
        np.array(pd.factorize(data[strata], sort=True)[1].tolist(), dtype=object)
        if strata is not None
        else np.array(["(all)"], dtype=object)
    )
    psu_raw = _labels(data, psu, "psu") if psu is not None else np.arange(n, dtype=np.int64)
    if psu is not None and strata is not None and not nest:
        per_psu = pd.Series(stratum).groupby(psu_raw).nunique()
        if (per_psu > 1).any():
            labels = pd.factorize(data[psu], sort=True)[1].tolist()
            label = labels[int(per_psu.index[per_psu > 1][0])]
            raise ValueError(
                f"psu column {psu!r}: PSU {label!r} appears in more than one stratum; "
                "use nest=True if PSU labels are only unique within strata"
            )
    psu_code = _group_codes([stratum, psu_raw])
    n_psu = int(psu_code.max()) + 1
    if n_psu == 1 and not (nest and strata is not None):
        raise ValueError("the design has only one primary sampling unit")
    psu_stratum = np.zeros(n_psu, dtype=np.int64)
    psu_stratum[psu_code] = stratum
    n_strata = int(stratum.max()) + 1
    n_h = np.bincount(psu_stratum, minlength=n_strata)
    f_h = np.ones(n_strata)
    popsize_h: np.ndarray | None = None
    if fpc is not None:
        fpc_values = numeric_column(data, fpc, "fpc")
        pop = _population_sizes(fpc_values, n_h[stratum].astype(float), stratum, fpc, "stratum")
        popsize_h = np.zeros(n_strata)
        popsize_h[stratum] = pop
        f_h = np.where(np.isinf(popsize_h), 1.0, (popsize_h - n_h) / popsize_h)
    return Stage(psu_code, psu_stratum, n_h, f_h, stratum_labels), popsize_h


def second_stage(
    data: pd.DataFrame, ssu: str | None, fpc2: str | None, first: Stage, psu: str | None
) -> tuple[Stage | None, np.ndarray | None]:
    """SSU codes nested in PSUs (the second stage's "strata") and their fpc."""
    if ssu is None:
        return None, None
    psu_code = first.unit_of_case
    n_psu = first.n_unit_codes
    ssu_code = _group_codes([psu_code, _labels(data, ssu, "ssu")])
    ssu_psu = np.zeros(int(ssu_code.max()) + 1, dtype=np.int64)
    ssu_psu[ssu_code] = psu_code
    n2 = np.bincount(ssu_psu, minlength=n_psu)
    f2 = np.ones(n_psu)
    popsize_p: np.ndarray | None = None
    if fpc2 is not None:
        fpc2_values = numeric_column(data, fpc2, "fpc2")
        pop2 = _population_sizes(fpc2_values, n2[psu_code].astype(float), psu_code, fpc2, "PSU")
        popsize_p = np.zeros(n_psu)
        popsize_p[psu_code] = pop2
        f2 = np.where(np.isinf(popsize_p), 1.0, (popsize_p - n2) / popsize_p)
    psu_labels = np.arange(n_psu).astype(object)
    if psu is not None:
        psu_labels = np.empty(n_psu, dtype=object)
        psu_labels[psu_code] = data[psu].to_numpy()
    return Stage(ssu_code, ssu_psu, n2, f2, psu_labels), popsize_p


def weights_from_fpc(
    first: Stage,
    popsize_h: np.ndarray | None,
    second: Stage | None,
    popsize_p: np.ndarray | None,
) -> np.ndarray:
    """Inverse inclusion probabilities implied by the fpcs, as R's svydesign; else ones."""
    n = first.unit_of_case.size
    if popsize_h is None:
        return np.ones(n)
    stratum = first.group_of_unit[first.unit_of_case]
    w = (popsize_h / first.n_units)[stratum]
    if second is not None and popsize_p is not None:
        w = w * (popsize_p / second.n_units)[first.unit_of_case]
    return w
