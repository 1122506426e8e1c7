"""The regional comparison table: core indicators of several waves, their differences and notes."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from scipy import stats

from analysis.compare.regional import (
    CORE_SET,
    REGIONAL_COLUMNS,
    RegionalWave,
    comparability_notes,
    mode_label,
    regional_table,
)

YEAR_2024 = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
YEAR_2023 = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
MID_2024 = (dt.date(2023, 7, 1), dt.date(2024, 6, 30))


def table(values: dict[str, tuple[float, float]], df: float = 40.0) -> pd.DataFrame:
    """A wave's indicator table: national rows (estimate, se) plus a state row to be ignored."""
    rows = []
    for ident, (estimate, se) in values.items():
        for domain_type, domain in (("national", "national"), ("state", "01")):
            shift = 0.0 if domain_type == "national" else 50.0
            rows.append(
                {
                    "indicator": ident,
                    "domain_type": domain_type,
                    "domain": domain,
                    "estimate": estimate + shift,
                    "se": se,
                    "ci_low": estimate - 1.684 * se,
                    "ci_high": estimate + 1.684 * se,
                    "level": 0.90,
                    "cv": se / estimate,
                    "n": 500,
                    "df": df,
                    "quality": "high",
                    "suppressed": False,
                }
            )
    return pd.DataFrame(rows)


def wave(key: str, values: dict[str, tuple[float, float]], **extra: object) -> RegionalWave:
    settings: dict[str, object] = {
        "key": key,
        "area": f"Country {key}",
        "name": f"Survey {key}",
        "table": table(values),
        "reference_period": YEAR_2024,
        "modes": {"tablet": 1.0},
        "instrument": "vict_std",
        "version": "1.0",
        **extra,
    }
    return RegionalWave(**settings)  # type: ignore[arg-type]


def test_one_row_per_core_indicator_and_wave_with_the_wave_facts() -> None:
    a = wave("a", {"prev_person": (24.1, 1.0), "trust_police": (40.0, 2.0)})
    b = wave("b", {"prev_person": (30.5, 1.5)}, modes={"web": 0.6, "tablet": 0.4})
    out = regional_table([a, b])
    assert list(out.columns) == list(REGIONAL_COLUMNS)
    assert len(out) == 2 * len(CORE_SET)
    assert out["indicator"].tolist()[:4] == ["prev_person", "prev_person", "incidence", "incidence"]
    first = out.iloc[0]
    assert (first["wave"], first["area"], first["estimate"]) == ("a", "Country a", 24.1)
    assert first["reference_start"] == dt.date(2024, 1, 1) and first["mode"] == "tablet"
    assert out.iloc[1]["mode"] == "web+tablet" and out.iloc[1]["notes"] == "mode"
    # the state rows (estimate + 50) never enter
    assert out["estimate"].max() < 50
    lacking = out[(out["wave"] == "b") & (out["indicator"] == "trust_police")].iloc[0]
    assert lacking["quality"] == "missing" and math.isnan(lacking["estimate"])


def test_difference_from_the_reference_is_the_independent_samples_test() -> None:
    a = wave("a", {"prev_person": (24.1, 1.0)})
    b = wave("b", {"prev_person": (30.5, 1.5)})
    row = regional_table([a, b]).query("wave == 'b' and indicator == 'prev_person'").iloc[0]
    se = math.sqrt(1.0**2 + 1.5**2)
    p = 2 * stats.t.sf(6.4 / se, 80)  # df = 40 + 40
    assert row["difference"] == pytest.approx(6.4)
    assert row["difference_se"] == pytest.approx(se)
    assert row["difference_p"] == pytest.approx(p)
    assert bool(row["significant"])
    reference = regional_table([a, b]).query("wave == 'a' and indicator == 'prev_person'").iloc[0]
    assert math.isnan(reference["difference"]) and not reference["significant"]


def test_a_small_difference_is_not_significant() -> None:
    a = wave("a", {"prev_person": (24.1, 1.0)})
    b = wave("b", {"prev_person": (25.0, 1.5)})
    row = regional_table([a, b]).query("wave == 'b' and indicator == 'prev_person'").iloc[0]
    assert not row["significant"]


def test_notes_name_every_difference_of_instrument_period_mode_and_the_missing_indicators() -> None:
    a = wave("a", {"prev_person": (24.1, 1.0), "trust_police": (40.0, 2.0)})
    b = wave(
        "b",
        {"prev_person": (30.5, 1.5)},
        version="2.0",
        reference_period=YEAR_2023,
        modes={"web": 1.0},
    )
    notes = comparability_notes([a, b])
    codes = [n.code for n in notes]
    assert codes == ["version", "period_disjoint", "mode", "missing"]
    assert notes[0].values == {"a": "vict_std 1.0", "b": "vict_std 2.0"}
    assert notes[1].values["b"] == "2023-01-01 – 2023-12-31"
    assert notes[3].indicator == "trust_police" and notes[3].values == {"b": "Country b"}
    row = regional_table([a, b]).query("wave == 'b'").iloc[0]
    assert row["notes"] == "version;period_disjoint;mode"


def test_overlapping_periods_and_other_instruments_get_their_own_notes() -> None:
    a = wave("a", {"prev_person": (24.1, 1.0)})
    b = wave("b", {"prev_person": (30.5, 1.5)}, reference_period=MID_2024, instrument="envipe")
    assert [n.code for n in comparability_notes([a, b])] == ["instrument", "period_differs"]


def test_the_same_instrument_period_and_mode_need_no_note() -> None:
    a = wave("a", {"prev_person": (24.1, 1.0)})
    b = wave("b", {"prev_person": (30.5, 1.5)}, modes={"tablet": 0.95, "web": 0.05})
    assert comparability_notes([a, b]) == []
    assert set(regional_table([a, b])["notes"]) == {""}


def test_mode_label_keeps_modes_with_a_tenth_of_the_interviews() -> None:
    assert mode_label({"web": 0.05, "tablet": 0.95}) == "tablet"
    assert mode_label({"web": 0.6, "tablet": 0.4}) == "web+tablet"
    assert mode_label({}) == ""


def test_bad_input_is_named() -> None:
    a = wave("a", {"prev_person": (24.1, 1.0)})
    with pytest.raises(ValueError, match="unique"):
        regional_table([a, a])
    with pytest.raises(ValueError, match="at least one"):
        regional_table([])
    with pytest.raises(ValueError, match="ends before it starts"):
        wave("c", {"prev_person": (1.0, 0.1)}, reference_period=(YEAR_2024[1], YEAR_2024[0]))
    with pytest.raises(ValueError, match="lacks column"):
        RegionalWave("d", "D", "D", pd.DataFrame({"indicator": []}), YEAR_2024, {}, "x", "1")
