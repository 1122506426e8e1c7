"""Domain codes for ``by=``: one integer per case, -1 outside every domain."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd


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


def domain_codes(
    data: pd.DataFrame, by: str | Sequence[str] | None, positive: np.ndarray
) -> Domains:
    """Domain of every case: combinations of ``by`` observed among cases with ``positive`` weight.

    Columns are factorized once each (hashing) and combined in mixed radix;
    sorted codes keep the domains in the sorted order of their labels.
    """
    if by is None:
        return Domains(np.where(positive, 0, -1).astype(np.int64), None)
    by_cols = [by] if isinstance(by, str) else list(by)
    if not by_cols:
        raise ValueError("by must name at least one column")
    code = np.zeros(len(data), dtype=np.int64)
    missing = ~positive
    uniques = []
    for name in by_cols:
        col_codes, col_uniques = pd.factorize(data[name], sort=True)
        missing |= col_codes < 0
        code = code * max(len(col_uniques), 1) + col_codes
        uniques.append(col_uniques)
    code = np.where(missing, -1, code)
    radix = [max(len(u), 1) for u in uniques]
    n_combinations = int(np.prod(radix, dtype=np.float64))
    if n_combinations <= max(4 * code.size, 1_000_000):
        # few combinations: find the observed ones by counting
        used = np.flatnonzero(np.bincount(code[~missing], minlength=n_combinations) > 0)
        remap = np.full(n_combinations + 1, -1, dtype=np.int64)
        remap[used] = np.arange(used.size)
        code = remap[code]  # -1 maps through the extra last slot
    else:
        inner, used = pd.factorize(code[~missing], sort=True)
        code = np.full(code.size, -1, dtype=np.int64)
        code[~missing] = inner
    positions = np.unravel_index(np.asarray(used, dtype=np.int64), radix)
    levels = pd.DataFrame(
        {
            name: pd.Index(u).take(pos).to_numpy()
            for name, u, pos in zip(by_cols, uniques, positions, strict=True)
        }
    )
    return Domains(code, levels)
