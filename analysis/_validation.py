"""Input checks shared by the design classes."""

from __future__ import annotations

import numpy as np


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
