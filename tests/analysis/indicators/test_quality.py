"""Quality labels and suppression under each rule set."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.indicators import (
    QUALITY_RULES,
    QualityRules,
    Requirement,
    assess_quality,
    with_minimum_cases,
)


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


def test_zero_and_hundred_percent_are_alike_low_when_no_case_differs() -> None:
    # rule 2: se == 0 with df >= 1 means every case alike, so no CV band applies: low, both bounds
    table = _table(estimate=[0.0, 100.0], se=[0.0, 0.0], cv=[np.nan, 0.0])
    out = assess_quality(table, "inegi")
    assert out["quality"].tolist() == ["low", "low"]
    assert out["reason"].iloc[0] == out["reason"].iloc[1]
    assert "0% or 100%" in out["reason"].iloc[0]


def test_an_estimate_from_one_psu_has_no_variance_and_is_insufficient() -> None:
    # rule 1: df < 1 is insufficient whatever the SE printed (0 or a lonely-PSU adjustment)
    table = _table(estimate=[0.3, 0.3, 0.3], se=[0.0, 0.05, 0.05], df=[0, 0, 1])
    for name in QUALITY_RULES:
        out = assess_quality(table, name)
        assert out["quality"].tolist()[:2] == ["insufficient", "insufficient"]
        assert out["suppressed"].tolist()[:2] == [True, True]
        assert "one PSU" in out["reason"].iloc[0]
    # df 1, CV 0.05/0.3 = 16.7%: INEGI's moderate band
    assert assess_quality(table, "inegi")["quality"].iloc[2] == "moderate"


def test_the_smallest_cell_is_a_rule_so_a_suppressed_estimate_is_never_high() -> None:
    # rule 5 with 30 cases: n 17 with CV 5% was "high" and suppressed; now insufficient
    rules = with_minimum_cases("inegi", 30)
    out = assess_quality(_table(n=[17, 29, 30, 500], cv=[0.05, 0.2, 0.05, 0.4]), rules)
    assert out["quality"].tolist() == ["insufficient", "insufficient", "high", "low"]
    assert out["suppressed"].tolist() == [True, True, False, False]
    assert out["reason"].tolist() == [
        "fewer than 30 cases",
        "CV 20.0%; fewer than 30 cases",
        "",
        "CV 40.0%",
    ]
    assert with_minimum_cases("inegi", 0) is QUALITY_RULES["inegi"]


def test_no_rule_set_suppresses_an_estimate_it_labels_high() -> None:
    grid = _table(
        n=[0, 5, 17, 29, 35, 59, 99, 500, 500, 500, 500],
        df=[40, 0, 3, 8, 9, 20, 40, 40, 40, 0, 40],
        n_effective=[400, 5, 10, 20, 30, 139, 200, 400, 400, 400, 100],
        cv=[0.1, 0.1, 0.05, 0.1, 0.25, 0.35, 0.1, 0.0, 0.6, 0.1, 0.16],
        se=[0.03] * 7 + [0.0] + [0.03] * 3,
    )
    for name in QUALITY_RULES:
        for min_cases in (0, 30):
            out = assess_quality(grid, with_minimum_cases(name, min_cases))
            assert not (out["suppressed"] & (out["quality"] == "high")).any(), (name, min_cases)
            assert (out.loc[out["suppressed"], "reason"] != "").all()


def test_incident_indicators_need_50_incidents_and_9_df_of_their_own() -> None:
    # rule 4: reporting rates from 36 incidents or from incidents in few PSUs are insufficient;
    # a respondent indicator of the same size is judged by the rule set alone (INEGI: CV)
    table = _table(n=[36, 50, 50, 36], df=[40, 40, 8, 8], cv=[0.1, 0.1, 0.1, 0.1])
    table["indicator"] = ["reporting_rate_car", "dark_figure", "reporting_rate", "prev_person"]
    out = assess_quality(table, "inegi")
    assert out["quality"].tolist() == ["insufficient", "high", "insufficient", "high"]
    assert out["suppressed"].tolist() == [True, False, True, False]
    assert out["reason"].iloc[0] == "fewer than 50 incidents"
    assert out["reason"].iloc[2] == "incidents in too few PSUs (df below 9)"


def test_a_rule_set_that_would_suppress_high_or_publish_insufficient_is_refused() -> None:
    with pytest.raises(ValueError, match="suppress must hold 'insufficient' and not 'high'"):
        QualityRules("odd", "test", ((np.inf, "high", True),), (), frozenset({"high"}))
    with pytest.raises(ValueError, match="suppress must hold"):
        QualityRules("odd", "test", ((np.inf, "high", True),), (), frozenset({"low"}))
    with pytest.raises(ValueError, match="unknown label"):
        QualityRules("odd", "test", ((np.inf, "great", True),), (), frozenset({"insufficient"}))  # type: ignore[arg-type]


def test_custom_rule_set() -> None:
    strict = QualityRules(
        "strict",
        "test",
        ((0.05, "high", False), (np.inf, "low", True)),
        (Requirement("n", 1000, "moderate", "few_cases"),),
        frozenset({"low", "insufficient"}),
    )
    out = assess_quality(_table(cv=[0.01, 0.01, 0.1], n=[2000, 10, 2000]), strict)
    assert out["quality"].tolist() == ["high", "moderate", "low"]
    assert out["suppressed"].tolist() == [False, False, True]


def test_unknown_rule_set_and_missing_columns_raise() -> None:
    with pytest.raises(ValueError, match="quality must be one of"):
        assess_quality(_table(cv=[0.1]), "ons")
    with pytest.raises(ValueError, match="n_effective"):
        assess_quality(_table(cv=[0.1]).drop(columns="n_effective"), "cepal")


def test_a_difference_takes_the_label_of_its_worse_part_not_its_own_cv() -> None:
    rows = [
        # perceived: precise; actual: CV 20% (moderate); the gap near 0 has a huge CV
        ("youth_share_perceived", "national", 60.0, 0.6, 2000, 100),
        ("youth_share_incidents", "national", 59.0, 11.8, 400, 100),
        ("youth_gap_incidents", "national", 1.0, 11.9, 400, 100),
        # in a state the actual share has too few incidents: the gap is suppressed too
        ("youth_share_perceived", "01", 58.0, 1.5, 300, 20),
        ("youth_share_incidents", "01", 40.0, 4.0, 30, 20),
        ("youth_gap_incidents", "01", 18.0, 4.2, 30, 20),
        # a gap without its parts in the table
        ("youth_gap_victims", "national", 5.0, 1.0, 100, 100),
    ]
    table = pd.DataFrame(rows, columns=["indicator", "domain", "estimate", "se", "n", "df"])
    table["domain_type"] = np.where(table["domain"] == "national", "national", "state")
    table["cv"] = table["se"] / table["estimate"]
    flags = assess_quality(table, "inegi")
    quality = dict(
        zip(zip(table["indicator"], table["domain"], strict=True), flags["quality"], strict=True)
    )
    assert quality[("youth_gap_incidents", "national")] == "moderate"  # not "low" by its CV
    assert quality[("youth_gap_incidents", "01")] == "insufficient"
    gap_01 = flags[(table["indicator"] == "youth_gap_incidents") & (table["domain"] == "01")].iloc[
        0
    ]
    assert gap_01["suppressed"] and "fewer than 50 incidents" in gap_01["reason"]
    assert quality[("youth_gap_victims", "national")] == "insufficient"


def test_each_reason_is_a_code_with_its_value_and_is_worded_in_every_language() -> None:
    from analysis.indicators.reasons import Reason, decode_reasons, reason_codes, reason_text

    # CV 35%, fewer than 60 cases and 9 degrees of freedom (INE Chile); a one-PSU estimate
    table = _table(n=[40, 500], df=[5, 0], se=[0.105, 0.03], estimate=[0.3, 0.3])
    out = assess_quality(table, "ine_cl")
    first = decode_reasons(out["reasons"].iloc[0])
    assert first == [
        Reason("cv", pytest.approx(0.35)),
        Reason("few_cases", 60),
        Reason("few_df", 9),
    ]
    assert reason_codes(out["reasons"].iloc[0]) == "cv few_cases few_df"
    assert (
        out["reason"].iloc[0]
        == reason_text(first, "en")
        == ("CV 35.0%; fewer than 60 cases; fewer than 9 degrees of freedom")
    )
    assert reason_text(first, "es") == "CV 35,0%; menos de 60 casos; menos de 9 grados de libertad"
    assert reason_text(first, "pt") == "CV 35,0%; menos de 60 casos; menos de 9 graus de liberdade"
    assert reason_text(first, "fr") == (
        "CV 35,0\u00a0%\u00a0; moins de 60 cas\u00a0; moins de 9 degrés de liberté"
    )
    assert reason_text(out["reasons"].iloc[1], "es").startswith(
        "sin estimación de la varianza: todos los casos en una sola UPM"
    )
    # a high estimate has none; a table cell without reasons (NaN) says nothing
    high = assess_quality(_table(cv=[0.05]), "inegi")
    assert (high["reason"].iloc[0], high["reasons"].iloc[0]) == ("", "[]")
    assert reason_text(float("nan"), "fr") == "" and reason_codes(None) == ""


def test_every_reason_code_is_worded_in_four_languages_with_the_same_values() -> None:
    import string

    from analysis.i18n import LANGUAGES
    from analysis.indicators.reasons import REASON_CODES, REASON_TEXTS

    assert set(REASON_CODES) <= set(REASON_TEXTS)
    for key, texts in REASON_TEXTS.items():
        names = {
            language: {n for _, n, _, _ in string.Formatter().parse(texts[language]) if n}
            for language in LANGUAGES
        }
        assert all(names[language] == names["en"] for language in LANGUAGES), key
    # the BJS rule is n <= 10: its minimum 11 is said as "10 or fewer"
    bjs = assess_quality(_table(n=[10]), "bjs")
    assert bjs["reason"].iloc[0] == "10 or fewer sample cases"


def test_a_differences_reasons_name_each_part_once_before_its_reasons() -> None:
    """Each part by its indicator's name in the reader's language, as the reports and pages
    name it, not by its id (kept in the reasons' codes for programs); an id the catalogue does
    not know (an adapted questionnaire's own indicator) as it is."""
    from analysis.indicators.reasons import Reason, decode_reasons, encode_reasons, reason_text

    part = "youth_share_incidents"
    reasons = [
        Reason("cv", 0.4, part),
        Reason("few_incidents", 50, part),
        Reason("cv", 0.5, "youth_share_perceived"),
    ]
    assert reason_text(reasons, "en") == (
        "Crimes committed by young people, as victims report: CV 40.0%; fewer than 50 incidents; "
        "Perceived share of crime committed by young people: CV 50.0%"
    )
    assert reason_text(reasons[1:2], "fr") == (
        "Infractions commises par des jeunes, selon les victimes\u00a0: moins de 50 incidents"
    )
    assert reason_text(reasons[2:], "es") == (
        "Proporción percibida de delitos cometidos por jóvenes: CV 50,0%"
    )
    assert reason_text([Reason("cv", 0.5, "local_index")], "pt") == "local_index: CV 50,0%"
    assert [r.part for r in decode_reasons(encode_reasons(reasons))] == [
        part,
        part,
        reasons[2].part,
    ]
