"""Local suppression: planted unique records lose a cell, the rest stay, few cells are blanked."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from analysis.disclosure import local_suppression
from analysis.disclosure.risk import wildcard_counts


def _common(copies: int = 4) -> np.ndarray:
    """Every combination of 2 x 3 x 2 x 3 values, ``copies`` times (all cells safe)."""
    cells = list(itertools.product(range(2), range(3), range(2), range(3)))
    return np.array(cells * copies, dtype=np.int64)


def _counts(codes: np.ndarray, blank: np.ndarray) -> np.ndarray:
    work = np.where(blank, -1, codes)
    return wildcard_counts(work, np.ones(len(work)), work)[0]


def test_planted_unique_records_are_suppressed_and_nothing_else() -> None:
    common = _common()
    planted = np.array([[0, 0, 0, 9], [1, 7, 1, 1], [5, 2, 0, 0]])
    codes = np.vstack([common, planted])
    blank = local_suppression(codes, 3)
    assert not blank[: len(common)].any()
    assert blank[len(common) :].sum(axis=1).tolist() == [1, 1, 1]
    # each loses exactly the value that made it unique
    assert blank[len(common) :].nonzero()[1].tolist() == [3, 1, 0]
    assert _counts(codes, blank).min() >= 3


def test_the_least_important_key_goes_first_when_several_would_do() -> None:
    common = _common()
    # unique on the first and the last key at once: blanking either alone is not enough, but
    # (0, 1, 0, 2) with the first key blank matches (0|1, 1, 0, 2): 8 records, as does the last
    planted = np.array([[0, 1, 0, 2]])
    codes = np.vstack([common[(common != [0, 1, 0, 2]).any(axis=1)], planted])
    blank = local_suppression(codes, 3)
    assert blank[-1].tolist() == [False, False, False, True]


def test_a_record_lifted_to_k_by_another_blank_keeps_its_values() -> None:
    common = _common()
    # two records unique on the last key, otherwise alike: once the first has its last key
    # blank, it matches the second, which then matches itself and the first (k = 2)
    planted = np.array([[1, 2, 1, 7], [1, 2, 1, 8]])
    codes = np.vstack([common, planted])
    blank = local_suppression(codes, 2)
    assert int(blank.sum()) == 1
    assert _counts(codes, blank).min() >= 2


def test_area_keys_are_blanked_in_the_whole_psu() -> None:
    # three PSUs, one per area, of three women and one man: each man is unique
    codes = np.array([[s, a] for a in range(3) for s in (0, 0, 0, 1)], dtype=np.int64)
    psu = np.repeat([10, 11, 12], 4)
    # the area (last, least important) goes: the first two men lose it, and then the third
    # matches both of them (k = 3) and keeps it
    blank = local_suppression(codes, 3, clusters=psu, cluster_columns=(1,))
    assert not blank[:, 0].any()
    # the other respondents of those PSUs would give the area away: blank for all eight
    assert blank[:, 1].tolist() == [True] * 8 + [False] * 4
    assert _counts(codes, blank).min() >= 3


def test_a_file_smaller_than_k_cannot_be_made_anonymous() -> None:
    with pytest.raises(ValueError, match="fewer than k = 5"):
        local_suppression(np.zeros((3, 2), dtype=np.int64), 5)


@pytest.mark.parametrize("seed", [1, 2])
def test_random_files_end_k_anonymous(seed: int) -> None:
    rng = np.random.default_rng(seed)
    codes = np.column_stack([rng.integers(0, m, 400) for m in (2, 5, 12, 6)])
    blank = local_suppression(codes, 3)
    assert _counts(codes, blank).min() >= 3
    assert not (blank & (codes < 0)).any()


def test_many_records_below_k_are_blanked_at_once_and_still_reach_k(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import analysis.disclosure.suppression as suppression

    rng = np.random.default_rng(3)
    codes = np.column_stack([rng.integers(0, m, 400) for m in (2, 5, 12, 6)])
    one_by_one = local_suppression(codes, 3)
    monkeypatch.setattr(suppression, "RESCUE_LIMIT", 0)
    at_once = local_suppression(codes, 3)
    assert _counts(codes, at_once).min() >= 3
    # the record-by-record pass only ever saves cells
    assert one_by_one.sum() < at_once.sum()


def test_many_keys_end_k_anonymous_without_trying_every_set() -> None:
    rng = np.random.default_rng(4)
    codes = np.column_stack([rng.integers(0, 4, 300) for _ in range(9)])  # 511 sets of keys
    blank = local_suppression(codes, 3)
    assert _counts(codes, blank).min() >= 3
    # unique on everything: the least important keys go first
    assert blank[:, -1].sum() >= blank[:, 0].sum()
