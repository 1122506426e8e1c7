"""Utility cost of disclosure control: how far the public file's key estimates move.

:func:`key_variable_rows` compares the weighted prevalence of the policy's key
variables in the internal and the public file, nationally and in each domain
of the quasi-identifiers the file carries (the domain as coded in the public
file; suppressed records drop out of the public domains). :func:`callback_rows`
compares whatever estimates a caller's function computes from the files, for
example the indicator catalogue (:func:`analysis.indicators.compute_indicators`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.disclosure.policy import KeyVariable

__all__ = ["EstimateFunction", "UtilityRow", "callback_rows", "key_variable_rows"]

#: Estimates from the files of a release (keys as in ``apply_policy``), indexed by name.
EstimateFunction = Callable[[Mapping[str, pd.DataFrame]], pd.Series]

NATIONAL = "national"


@dataclass(frozen=True)
class UtilityRow:
    """One estimate in the internal and the public file (``difference = public - internal``)."""

    name: str
    domain: str
    internal: float
    public: float
    difference: float

    def to_dict(self) -> dict[str, Any]:
        """Plain values (JSON; NaN as None)."""
        return {
            k: (None if isinstance(v, float) and np.isnan(v) else v)
            for k, v in asdict(self).items()
        }


def _share(yes: np.ndarray, valid: np.ndarray, weights: np.ndarray) -> float:
    base = float((weights * valid).sum())
    return float((weights * (yes & valid)).sum()) / base if base > 0 else float("nan")


def _domains(column: pd.Series) -> tuple[list[object], np.ndarray]:
    """The domain values (first-seen order) and each row's domain (-1 blank)."""
    codes, labels = pd.factorize(column, use_na_sentinel=True)
    return list(labels), codes


def _by_domain(
    yes: np.ndarray, valid: np.ndarray, weights: np.ndarray, domain: np.ndarray, size: int
) -> np.ndarray:
    """Weighted share of ``yes`` among ``valid`` rows in each domain (NaN when empty)."""
    inside = domain >= 0
    at = domain[inside]
    w = weights[inside]
    base = np.bincount(at, weights=w * valid[inside], minlength=size)
    hits = np.bincount(at, weights=w * (yes & valid)[inside], minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(base > 0, hits / np.where(base > 0, base, 1.0), np.nan)


def _row(name: str, domain: str, internal: float, public: float) -> UtilityRow:
    return UtilityRow(name, domain, internal, public, public - internal)


def key_variable_rows(
    internal: Mapping[str, pd.DataFrame],
    recoded: Mapping[str, pd.DataFrame],
    public: Mapping[str, pd.DataFrame],
    keys: Sequence[KeyVariable],
    domains: Sequence[str],
) -> list[UtilityRow]:
    """Weighted prevalence of each key variable, internal vs public, national and by domain.

    ``recoded`` is the public file before local suppression: it gives the
    internal rows the public coding of each domain variable (age bands, pooled
    areas), so a domain means the same in both columns.
    """
    rows: list[UtilityRow] = []
    cuts: dict[tuple[str, str], tuple[list[object], np.ndarray, np.ndarray]] = {}
    for key in keys:
        inner, coded, outer = (files.get(key.file) for files in (internal, recoded, public))
        if inner is None or outer is None or coded is None:
            continue
        if not {key.column, key.weight} <= set(inner.columns) & set(outer.columns):
            continue
        parts = []
        for frame in (inner, outer):
            values = frame[key.column].to_numpy(dtype=np.float64, na_value=np.nan)
            weights = frame[key.weight].to_numpy(dtype=np.float64, na_value=0.0)
            # not asked (blank) counts as not in ``values``; special answers (-8/-9) are left out
            parts.append((np.isin(values, key.values), ~(values < 0), np.nan_to_num(weights)))
        (yes_i, valid_i, w_i), (yes_p, valid_p, w_p) = parts
        rows.append(
            _row(key.name, NATIONAL, _share(yes_i, valid_i, w_i), _share(yes_p, valid_p, w_p))
        )
        for column in domains:
            if column not in outer.columns or column not in coded.columns:
                continue
            if (key.file, column) not in cuts:
                labels, before = _domains(coded[column])
                after = pd.Index(labels, dtype=object).get_indexer(
                    pd.Index(outer[column].astype(object))
                )
                cuts[key.file, column] = (labels, before, after)
            labels, before, after = cuts[key.file, column]
            inside = _by_domain(yes_i, valid_i, w_i, before, len(labels))
            outside = _by_domain(yes_p, valid_p, w_p, after, len(labels))
            for d, value in enumerate(labels):
                rows.append(_row(key.name, f"{column}={_label(value)}", inside[d], outside[d]))
    return rows


def _label(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def callback_rows(
    estimate: EstimateFunction,
    internal: Mapping[str, pd.DataFrame],
    public: Mapping[str, pd.DataFrame],
) -> list[UtilityRow]:
    """The caller's estimates from the internal and the public files, side by side."""
    before = pd.Series(estimate(internal), dtype=np.float64)
    after = pd.Series(estimate(public), dtype=np.float64)
    names = list(dict.fromkeys([*before.index, *after.index]))
    return [
        _row(str(name), NATIONAL, float(before.get(name, np.nan)), float(after.get(name, np.nan)))
        for name in names
    ]
