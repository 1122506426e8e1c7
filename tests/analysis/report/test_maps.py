"""Choropleth maps: classes, marks of suppressed and low-precision areas, the report's map section."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
import shapely

from analysis.geo import synthetic_boundaries
from analysis.report import build_report
from analysis.report.context import Lookup
from analysis.report.map_section import map_figure_panels
from analysis.report.maps import DIVERGING, SEQUENTIAL, SUPPRESSED_FILL, area_mark, shading

from .test_builder import COUNTRY, STATE, STATES, report_data

TITLES = {"prev": "P", "perc": "F", "gap": "G"}


def test_classes_have_round_equal_limits_that_cover_the_values() -> None:
    # 10.2 to 39.9: a step of 10 from 10 covers it in three classes (worked by hand)
    s = shading([10.2, 25.0, 39.9], "sequential")
    assert s.breaks == (10, 20, 30, 40)
    assert s.colours == (SEQUENTIAL[0], SEQUENTIAL[2], SEQUENTIAL[4])
    assert s.colour(10.2) == SEQUENTIAL[0] and s.colour(39.9) == SEQUENTIAL[4]
    assert s.colour(20.0) == SEQUENTIAL[2]  # a limit belongs to the class above it
    # a gap from -20 to +30: symmetric around 0, white class in the middle
    # a gap from -20 to +30: three classes each side of 0, a step of 10 covering 30
    g = shading([-20.0, 30.0], "diverging")
    assert g.breaks == (-30, -20, -10, 0, 10, 20, 30)
    assert g.colour(-0.1) == DIVERGING[2] and g.colour(0.0) == DIVERGING[3]  # the hue flips at 0
    assert g.labels("es")[0] == "\u221230 – \u221220"
    assert shading([-57.0, 10.0], "diverging").breaks[-1] == 60
    assert shading([3.1, 3.4], "sequential").labels("fr")[0] == "3,1 – 3,2"


@pytest.mark.parametrize(
    ("shown", "suppressed", "quality", "mark"),
    [
        (True, False, "high", "shown"),
        (True, False, "moderate", "shown"),
        (True, False, "low", "low"),
        (False, True, "insufficient", "suppressed"),  # public edition: blanked
        (True, True, "insufficient", "suppressed"),  # internal edition: shown ‡, never coloured
        (True, False, "insufficient", "suppressed"),
    ],
)
def test_area_marks_follow_the_quality_rule(
    shown: bool, suppressed: bool, quality: str, mark: str
) -> None:
    assert area_mark(shown, suppressed, quality) == mark


def _table(rows: list[tuple[str, str, float, str, bool]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "indicator": ind,
                "domain_type": "state",
                "domain": code,
                "estimate": est,
                "ci_low": est - 1,
                "ci_high": est + 1,
                "cv": 0.1,
                "n": 100,
                "quality": quality,
                "suppressed": hidden,
            }
            for code, ind, est, quality, hidden in [(r[0], r[1], r[2], r[3], r[4]) for r in rows]
        ]
    )


def test_the_gap_is_perceived_minus_victims_and_suppressed_when_either_is() -> None:
    table = _table(
        [
            ("01", "prev_person", 20.0, "high", False),
            ("01", "insecure_state", 65.0, "high", False),
            ("02", "prev_person", 30.0, "low", False),
            ("02", "insecure_state", 50.0, "high", False),
            ("03", "prev_person", 25.0, "insufficient", True),
            ("03", "insecure_state", 70.0, "high", False),
        ]
    )
    prev, perc, gap = map_figure_panels(
        Lookup(table, public=True), "state", ["01", "02", "03", "04"], TITLES
    )
    assert gap.values == {"01": 45.0, "02": 20.0}
    assert gap.marks == {"01": "shown", "02": "low", "03": "suppressed", "04": "missing"}
    assert prev.marks["03"] == "suppressed" and perc.marks["03"] == "shown"
    assert math.isnan(prev.values["03"])  # the public lookup blanked it before the map saw it


def test_synthetic_boundaries_tile_the_country_and_are_deterministic() -> None:
    tree = {"01": ["001", "002", "003"], "02": ["001", "002"], "03": ["001"]}
    country, states, munis = synthetic_boundaries("SIM7", tree)
    again = synthetic_boundaries("SIM7", tree)
    assert all(states[c].equals(again[1][c]) for c in states)
    assert all(g.is_valid and g.geom_type in ("Polygon", "MultiPolygon") for g in states.values())
    union = shapely.union_all(list(states.values()))
    assert union.symmetric_difference(country).area < 1e-6 * country.area
    for (state, _code), shape in munis.items():  # municipalities inside their state, no overlap
        assert shape.difference(states[state]).area < 1e-6 * states[state].area
    overlap = sum(
        a.intersection(b).area for a in states.values() for b in states.values() if a is not b
    )
    assert overlap < 1e-6 * country.area
    minx, miny, maxx, maxy = country.bounds
    assert -180 <= minx < maxx <= 180 and -90 <= miny < maxy <= 90
    assert not synthetic_boundaries("SIM8", tree)[0].equals(country)


def _boundaries() -> dict[str, dict[str, shapely.Geometry]]:
    _country, states, _munis = synthetic_boundaries("DEMO", {c: [] for c in STATES})
    return {"state": states}


@pytest.fixture(scope="module")
def national_maps() -> tuple[str, str]:
    public = build_report(report_data(COUNTRY, boundaries=_boundaries()), language="es")
    internal = build_report(
        report_data(COUNTRY, boundaries=_boundaries()), language="en", public=False
    )
    return public.html, internal.html


def _map_svg(html: str) -> str:
    section = re.search(r'<section id="maps".*?</section>', html, re.S)
    assert section is not None
    return section.group(0)


def test_a_national_report_with_state_boundaries_maps_its_states(
    national_maps: tuple[str, str],
) -> None:
    public, internal = national_maps
    spanish = _map_svg(public)
    assert "Estados: victimización, inseguridad percibida y brecha" in spanish
    assert "Brecha (puntos porcentuales)" in spanish and "Sin datos" in spanish
    assert "Precisión baja (**)" in spanish
    # the legend names the smallest publishable cell only when the rules have one
    assert "Suprimida por la regla de calidad" in spanish
    assert "States: victimization, perceived insecurity and the gap" in _map_svg(internal)


def test_suppressed_states_are_grey_and_hatched_not_coloured() -> None:
    table = report_data(COUNTRY).indicators.copy()
    hide = (
        (table["domain_type"] == "state")
        & (table["domain"] == "02")
        & (table["indicator"] == "prev_person")
    )
    table.loc[hide, ["quality", "suppressed"]] = ["insufficient", True]
    html = build_report(
        report_data(COUNTRY, indicators=table, boundaries=_boundaries()), language="en"
    ).html
    svg = _map_svg(html)
    # a hatch pattern filled grey, used by the suppressed state's path (and the legend)
    pattern = re.search(rf'<pattern id="(\w+)"[^>]*>\s*<rect[^>]*fill="{SUPPRESSED_FILL}"', svg)
    assert pattern is not None
    assert svg.count(f"url(#{pattern.group(1)})") >= 2


def test_reports_without_boundaries_have_no_maps() -> None:
    html = build_report(
        report_data(STATE.__class__("state", "01", "Norte Alto"), country=COUNTRY), language="en"
    ).html
    assert 'id="maps"' not in html
    assert 'id="maps"' not in build_report(report_data(COUNTRY), language="en").html


def test_maps_are_numbers_free_of_nan() -> None:
    panels = map_figure_panels(
        Lookup(report_data(COUNTRY).indicators, True), "state", list(STATES), TITLES
    )
    assert all(np.isfinite(v) for v in panels[0].values.values())


def test_no_map_where_no_area_may_be_coloured_in_either_edition() -> None:
    """An internal state report of the sweep mapped its municipalities, every one suppressed:
    three maps hatched all over, under class limits made up for no value ('0,0 – 0,2')."""
    table = report_data(COUNTRY).indicators.copy()
    states = table["domain_type"] == "state"
    table.loc[states, ["quality", "suppressed"]] = ["insufficient", True]
    for public in (True, False):
        html = build_report(
            report_data(COUNTRY, indicators=table, boundaries=_boundaries()),
            language="es",
            public=public,
        ).html
        assert 'id="maps"' not in html, public


def test_every_class_of_the_gap_legend_is_clear_of_the_marks_legend() -> None:
    """The gap's six classes were drawn in room for five: the last swatch ('50 – 75', the
    class most states of the sweep's national report had) lay half under the marks' legend."""
    from analysis.report import maps
    from analysis.report.charts import ChartText

    states = _boundaries()["state"]
    codes = list(states)
    values = dict(zip(codes, (-60.0, 10.0, 70.0), strict=True))
    panel = maps.MapPanel("G", values, dict.fromkeys(codes, "shown"), kind="diverging")
    legend = maps.MapLegend("Baja", "Suprimida", "Sin datos")
    svg = maps.choropleth_figure(states, [panel], ChartText("T", "", "Fuente"), legend, "g")
    ys = {label: float(y) for y, label in re.findall(r'y="([\d.]+)"[^>]*>([^<]*)</text>', svg)}
    rows = sorted(y for label, y in ys.items() if "–" in label)
    assert len(rows) == 6
    spacing = rows[1] - rows[0]
    assert ys["Suprimida"] - rows[-1] >= spacing, (rows, ys["Suprimida"])
