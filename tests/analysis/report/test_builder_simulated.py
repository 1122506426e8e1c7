"""A status report from a simulated wave, end to end: simulate, estimate, compare, report, read back."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest

from analysis.compare import fear_model
from analysis.indicators import compute_indicators
from analysis.report import Area, Methodology, ReportData, Wave, build_report
from analysis.simulate import simulate_country

pytestmark = pytest.mark.slow


def test_national_report_of_a_simulated_wave():
    sim = simulate_country(seed=11, n_states=3, households=1200, municipalities_per_state=2)
    table = compute_indicators(sim.respondents, sim.incidents, sim.design_spec)
    names = dict(zip(sim.areas["state"], sim.areas["state_name"], strict=False))
    data = ReportData(
        wave=Wave("Ola 1", sim.reference_period, (sim.interview_date, sim.interview_date)),
        area=Area("national", "national", "País Simulado"),
        indicators=table,
        police=sim.police,
        police_period=str(sim.reference_period[0].year),
        fear_drivers=fear_model(sim.respondents, sim.design_spec),
        methodology=Methodology(weighting=sim.weighting),
        area_names=names,
    )
    report = build_report(data, language="es")
    with pdfplumber.open(io.BytesIO(report.pdf_bytes())) as pdf:
        raw = "\n".join(page.extract_text() or "" for page in pdf.pages)
        text = re.sub(r"\s+", " ", raw)
        compact = re.sub(r"\s+", "", raw)
        drawn = sum(len(page.rects) + len(page.curves) for page in pdf.pages)
    national = table[(table["domain_type"] == "national")].set_index("indicator")
    prevalence = national.loc["prev_person"]
    assert not prevalence["suppressed"]
    # Spanish numbers: a decimal comma (CLDR)
    figure = f"{prevalence['estimate']:.1f}".replace(".", ",")
    interval = f"{prevalence['ci_low']:.1f}–{prevalence['ci_high']:.1f}".replace(".", ",")
    assert f"Prevalencia delictiva en personas: {figure}" in text
    assert interval in text
    assert "País Simulado" in text
    # every state in the chart of perceived insecurity and prevalence by state
    assert all(re.sub(r"\s+", "", name) in compact for name in names.values())
    assert "Factores asociados al temor" in text and "Ponderación" in text
    assert drawn > 200  # bars, interval lines, markers
