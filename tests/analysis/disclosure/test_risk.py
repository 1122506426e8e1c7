"""Frequencies with blanks as wildcards and the individual risk, against independent counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.disclosure import frequencies, individual_risk, measure_risk
from analysis.disclosure.risk import encode, wildcard_counts


def _brute_force(codes: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = len(codes)
    fk, Fk = np.zeros(n), np.zeros(n)
    for i in range(n):
        for j in range(n):
            if all(a == b or a < 0 or b < 0 for a, b in zip(codes[i], codes[j], strict=True)):
                fk[i] += 1
                Fk[i] += weights[j]
    return fk, Fk


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_frequencies_with_blanks_equal_a_pair_by_pair_count(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 160
    frame = pd.DataFrame(
        {
            "sex": rng.integers(1, 3, n).astype(float),
            "age": rng.choice([18.0, 30.0, 45.0, 60.0], n),
            "area": rng.choice(["a", "b", "c"], n),
            "size": rng.integers(1, 5, n).astype(float),
        }
    )
    for column in frame.columns:  # about one value in six blank
        frame.loc[rng.random(n) < 0.17, column] = None
    frame["w"] = rng.uniform(5, 50, n)
    fk, Fk = frequencies(frame, ["sex", "age", "area", "size"], "w")
    want_fk, want_Fk = _brute_force(
        encode(frame, ["sex", "age", "area", "size"]), frame["w"].to_numpy()
    )
    np.testing.assert_array_equal(fk, want_fk)
    np.testing.assert_allclose(Fk, want_Fk, rtol=1e-12)


def test_probes_are_counted_against_the_data_not_themselves() -> None:
    codes = np.array([[0, 0], [0, 1], [1, 1]])
    probes = np.array([[0, -1], [-1, 1], [2, 2]])
    count, total = wildcard_counts(codes, np.array([1.0, 2.0, 4.0]), probes)
    np.testing.assert_array_equal(count, [2, 2, 0])
    np.testing.assert_array_equal(total, [3, 6, 0])


def _expected_inverse(f: int, p: float) -> float:
    """E(1/F) for F negative binomial (f successes, probability p), the series summed far out."""
    from scipy.special import gammaln

    h = np.arange(f, int(60 * f / p) + 2000, dtype=np.float64)
    log_terms = (
        gammaln(h) - gammaln(f) - gammaln(h - f + 1) + f * np.log(p) + (h - f) * np.log1p(-p)
    )
    return float((np.exp(log_terms) / h).sum())


@pytest.mark.parametrize("p", [0.001, 0.02, 0.1, 0.4])
@pytest.mark.parametrize("f", [1, 2])
def test_the_risk_of_f_one_and_two_is_the_exact_expectation(f: int, p: float) -> None:
    risk = individual_risk(np.array([float(f)]), np.array([f / p]))[0]
    assert risk == pytest.approx(_expected_inverse(f, p), rel=1e-9)


@pytest.mark.parametrize("p", [0.001, 0.02, 0.1])
@pytest.mark.parametrize("f", [3, 5, 10])
def test_the_risk_of_larger_cells_approximates_the_expectation(f: int, p: float) -> None:
    risk = individual_risk(np.array([float(f)]), np.array([f / p]))[0]
    # Benedetti-Franconi's approximation p / (f - (1 - p)): within a few percent for f >= 3
    assert risk == pytest.approx(_expected_inverse(f, p), rel=0.05)


def test_a_census_cell_has_risk_one_over_its_size() -> None:
    risk = individual_risk(np.array([1.0, 4.0]), np.array([1.0, 4.0]))
    np.testing.assert_allclose(risk, [1.0, 0.25])


def test_the_summary_counts_cells_below_k_and_adds_the_risks() -> None:
    frame = pd.DataFrame({"a": [1, 1, 1, 2, 2, 3], "w": [10.0, 10, 10, 20, 20, 50]})
    summary = measure_risk(frame, ["a"], "w", k=3)
    assert (summary.records, summary.below_k, summary.uniques) == (6, 3, 1)
    assert summary.share_below_k == pytest.approx(0.5)
    risks = individual_risk(np.array([3.0, 3, 3, 2, 2, 1]), np.array([30.0, 30, 30, 40, 40, 50]))
    assert summary.expected_reidentifications == pytest.approx(risks.sum())
    assert summary.global_risk == pytest.approx(risks.mean())
    assert summary.max_risk == pytest.approx(risks.max())
