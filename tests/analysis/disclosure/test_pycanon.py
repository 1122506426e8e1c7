"""Our k-anonymity figures against pyCANON's on the demo wave's quasi-identifiers.

Reference values: tests/fixtures/pycanon/reference_kanon.json, written by
tests/fixtures/pycanon/make_reference_kanon.py (pyCANON 1.3.6, in a venv of its
own: it pins pandas 2.3.3 and numpy 2.0.2) from the CSV tables of
write_inputs.py. pyCANON groups a blank ("*") as a category of its own, so the
tables are read the same way here; blanks as wildcards (our policy's
counting) are checked pair by pair at the end.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.disclosure import default_policy, frequencies
from analysis.disclosure.risk import encode

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pycanon"
REFERENCE = json.loads((FIXTURES / "reference_kanon.json").read_text())


def _table(name: str, blanks_match_all: bool) -> pd.DataFrame:
    data = pd.read_csv(FIXTURES / f"{name}.csv", dtype=str, keep_default_na=False)
    return data.replace("*", np.nan) if blanks_match_all else data


@pytest.mark.parametrize("name", ["internal", "recoded", "public"])
def test_k_and_the_class_sizes_equal_pycanon(name: str) -> None:
    want = REFERENCE[name]
    data = _table(name, blanks_match_all=False)
    fk, _ = frequencies(data, want["quasi_identifiers"])
    classes = float((1.0 / fk).sum())  # each class of size s counted s times 1/s
    assert int(fk.min()) == want["k"]
    assert classes == pytest.approx(want["classes"], abs=1e-9)
    assert int(fk.max()) == want["largest_class"]
    assert len(fk) / classes == pytest.approx(want["mean_class"], rel=1e-12)
    assert float((1.0 / fk**2).sum()) / classes == pytest.approx(want["average_rir"], rel=1e-12)
    assert 1.0 / fk.min() == pytest.approx(want["max_rir"])


def test_the_public_table_is_k_anonymous_with_blanks_matching_any_value() -> None:
    data = _table("public", blanks_match_all=True)
    qis = REFERENCE["public"]["quasi_identifiers"]
    fk, _ = frequencies(data, qis)
    codes = encode(data, qis)
    # pair by pair: equal or blank on either side, every column
    agree = np.ones((len(codes), len(codes)), dtype=bool)
    for j in range(codes.shape[1]):
        a = codes[:, j]
        agree &= (a[:, None] == a[None, :]) | (a[:, None] < 0) | (a[None, :] < 0)
    np.testing.assert_array_equal(fk, agree.sum(axis=1))
    assert fk.min() >= default_policy().k
