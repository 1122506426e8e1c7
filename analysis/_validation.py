"""Input checks shared by the design classes, the calibration and the indicators."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd


def check_weights(weights: np.ndarray, name: str = "weights") -> np.ndarray:
    """Validate sampling weights: finite, non-negative, positive sum."""
    w = np.asarray(weights, dtype=np.float64)
    if w.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional; got shape {w.shape}")
    if np.isnan(w).any():
        raise ValueError(f"{name} has {int(np.isnan(w).sum())} missing values")
    if np.isinf(w).any():
        raise ValueError(f"{name} has infinite values")
    if (w < 0).any():
        first = int(np.flatnonzero(w < 0)[0])
        raise ValueError(f"{name} has negative values (first at row {first}: {w[first]})")
    if not w.sum() > 0:
        raise ValueError(f"{name} sum to zero: no case carries weight")
    return w


def numeric_column(frame: pd.DataFrame, name: str, *, what: str, where: str) -> np.ndarray:
    """Column ``name`` of ``frame`` as floats; ValueError naming it (``what``, found ``where``)
    when it is absent, or has missing or non-numeric values."""
    import pandas as pd

    if name not in frame.columns:
        raise ValueError(f"{what} {name!r} is not in {where}")
    values = pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=np.float64)
    if np.isnan(values).any():
        raise ValueError(f"{what} {name!r} has missing or non-numeric values")
    return values
