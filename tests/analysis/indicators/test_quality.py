"""Quality labels and suppression under each rule set."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.indicators import QUALITY_RULES, QualityRules, Requirement, assess_quality


def _table(**columns: list[float]) -> pd.DataFrame:
    base = {"estimate": 0.3, "se": 0.03, "n": 500.0, "df": 40.0, "n_effective": 400.0}
    n = max(len(v) for v in columns.values())
    data = {k: columns.get(k, [v] * n) for k, v in base.items()}
    if "cv" in columns:
        data["cv"] = columns["cv"]
    else:
        data["cv"] = list(np.asarray(data["se"]) / np.asarray(data["estimate"]))
    return pd.DataFrame(data)


def test_inegi_cv_bands_and_nothing_suppressed_but_insufficient() -> None:
    table = _table(cv=[0.10, 0.1499, 0.15, 0.2999, 0.30, 0.8])
    out = assess_quality(table, "inegi")
    assert out["quality"].tolist() == ["high", "high", "moderate", "moderate", "low", "low"]
    assert not out["suppressed"].any()
    assert out["reason"].iloc[4] == "CV 30.0%"


def test_default_rule_set_is_inegi() -> None:
    table = _table(cv=[0.2])
    pd.testing.assert_frame_equal(assess_quality(table), assess_quality(table, "inegi"))


def test_bjs_caution_with_ten_or_fewer_cases_or_cv_above_half() -> None:
    table = _table(n=[10, 11, 500, 500], cv=[0.1, 0.1, 0.5, 0.51])
    out = assess_quality(table, "bjs")
    assert out["quality"].tolist() == ["low", "high", "high", "low"]
    assert out["reason"].iloc[0] == "10 or fewer sample cases"
    assert not out["suppressed"].any()


def test_ine_chile_needs_60_cases_and_9_degrees_of_freedom() -> None:
    table = _table(n=[59, 60, 500, 500, 500], df=[40, 40, 8, 9, 9], cv=[0.1, 0.1, 0.1, 0.2, 0.31])
    out = assess_quality(table, "ine_cl")
    assert out["quality"].tolist() == ["low", "high", "low", "moderate", "low"]
    assert out["suppressed"].tolist() == [True, False, True, False, True]
    assert "fewer than 9 degrees of freedom" in out["reason"].iloc[2]


def test_cepal_needs_100_cases_140_effective_and_cv_20() -> None:
    table = _table(
        n=[99, 500, 500, 500, 500],
        n_effective=[400, 139, 400, 400, 400],
        df=[40, 40, 40, 8, 40],
        cv=[0.1, 0.1, 0.21, 0.1, 0.1],
    )
    out = assess_quality(table, "cepal")
    assert out["quality"].tolist() == ["low", "low", "moderate", "low", "high"]
    assert out["suppressed"].tolist() == [True, True, False, True, False]
    assert "effective sample size below 140" in out["reason"].iloc[1]


def test_no_cases_or_no_variance_is_insufficient_and_suppressed_everywhere() -> None:
    table = _table(n=[0, 50], se=[np.nan, np.nan], estimate=[np.nan, 0.2], cv=[np.nan, np.nan])
    for name in QUALITY_RULES:
        out = assess_quality(table, name)
        assert out["quality"].tolist() == ["insufficient", "insufficient"]
        assert out["suppressed"].all()


def test_zero_estimate_has_no_cv_and_is_low() -> None:
    out = assess_quality(_table(estimate=[0.0], se=[0.0], cv=[np.nan]), "inegi")
    assert out["quality"].tolist() == ["low"]
    assert out["reason"].tolist() == ["CV undefined (estimate 0)"]


def test_custom_rule_set() -> None:
    strict = QualityRules(
        "strict",
        "test",
        ((0.05, "high", False), (np.inf, "low", True)),
        (Requirement("n", 1000, "moderate", "fewer than 1000 cases"),),
        frozenset({"low"}),
    )
    out = assess_quality(_table(cv=[0.01, 0.01, 0.1], n=[2000, 10, 2000]), strict)
    assert out["quality"].tolist() == ["high", "moderate", "low"]
    assert out["suppressed"].tolist() == [False, False, True]


def test_unknown_rule_set_and_missing_columns_raise() -> None:
    with pytest.raises(ValueError, match="quality must be one of"):
        assess_quality(_table(cv=[0.1]), "ons")
    with pytest.raises(ValueError, match="n_effective"):
        assess_quality(_table(cv=[0.1]).drop(columns="n_effective"), "cepal")
