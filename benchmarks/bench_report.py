"""Time the status reports of a simulated national wave.

Simulates a country (default: 32 states, about 300 municipalities, about
100,000 respondents; seeded), then prints the seconds (wall and CPU) to

1. compute every indicator for the nation, states, municipalities and
   groups (:func:`analysis.indicators.compute_indicators`),
2. build and render the national report (HTML, then PDF), with maps of the
   states and municipalities (synthetic boundaries),
3. build and render one municipal report.

Target: the national report in under 15 s. Prints figures; asserts nothing.
The PDFs are written to a temporary folder (or ``--out``) so they can be
looked at.

Usage::

    .venv/bin/python benchmarks/bench_report.py
    .venv/bin/python benchmarks/bench_report.py --households 20000 --states 8
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.compare import fear_model, wave_difference  # noqa: E402
from analysis.geo import synthetic_boundaries  # noqa: E402
from analysis.indicators import compute_indicators  # noqa: E402
from analysis.report import Area, Methodology, ReportData, Wave, build_report  # noqa: E402
from analysis.simulate import simulate_country  # noqa: E402

T = TypeVar("T")


def timed(label: str, run: Callable[[], T]) -> T:
    wall, cpu = time.perf_counter(), time.process_time()
    out = run()
    print(
        f"{label:<44} {time.perf_counter() - wall:7.2f} s wall {time.process_time() - cpu:7.2f} s CPU",
        flush=True,
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--states", type=int, default=32)
    parser.add_argument(
        "--households",
        type=int,
        default=290_000,
        help="sampled households before nonresponse (about 100,000 respond)",
    )
    parser.add_argument(
        "--households-per-psu",
        type=int,
        default=18,
        help="households drawn per PSU (the PSUs per stratum are capped by the frame)",
    )
    parser.add_argument(
        "--municipalities",
        type=int,
        nargs=2,
        default=(8, 11),
        help="municipalities per state (low high)",
    )
    parser.add_argument(
        "--previous",
        action="store_true",
        help="also simulate the previous wave and compare (slower)",
    )
    parser.add_argument("--out", type=Path, default=None, help="folder for the PDFs")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="bench_report_"))
    out.mkdir(parents=True, exist_ok=True)

    def simulate(wave: int):  # type: ignore[no-untyped-def]
        return simulate_country(
            args.seed,
            n_states=args.states,
            households=args.households,
            households_per_psu=args.households_per_psu,
            wave=wave,
            municipalities_per_state=tuple(args.municipalities),
        )

    sim = timed("simulate the wave (not part of the target)", lambda: simulate(2))
    respondents = timed(
        "flat microdata (respondents, incidents)", lambda: (sim.respondents, sim.incidents)
    )[0]
    print(
        f"  {len(respondents):,} respondents, {sim.areas['state'].nunique()} states, "
        f"{sim.areas['municipality'].nunique()} municipalities"
    )
    table = timed(
        "compute_indicators (all domains)",
        lambda: compute_indicators(sim.respondents, sim.incidents, sim.design_spec),
    )
    print(f"  {len(table):,} estimates")
    previous = changes = None
    previous_wave = None
    if args.previous:
        before = simulate(1)
        previous = compute_indicators(before.respondents, before.incidents, before.design_spec)
        changes = wave_difference(table, previous)
        previous_wave = Wave("Wave 1", before.reference_period, "—")
    odds = timed("fear_model (odds ratios)", lambda: fear_model(sim.respondents, sim.design_spec))
    names = dict(zip(sim.areas["state"], sim.areas["state_name"], strict=False))
    names |= dict(zip(sim.areas["municipality"], sim.areas["municipality_name"], strict=False))
    wave = Wave("Wave 2", sim.reference_period, (sim.interview_date, sim.interview_date))
    country = Area("national", "national", "Simulated country")
    common = dict(
        wave=wave,
        indicators=table,
        previous_wave=previous_wave,
        previous=previous,
        changes=changes,
        police=sim.police,
        police_period=str(sim.reference_period[0].year),
        methodology=Methodology(weighting=sim.weighting),
        area_names=names,
    )
    tree = sim.areas.groupby("state")["municipality"].agg(lambda m: [str(x) for x in m])
    _outline, state_shapes, muni_shapes = timed(
        "synthetic boundaries (maps; not part of the target)",
        lambda: synthetic_boundaries("BENCH", {str(k): v for k, v in tree.items()}),
    )
    boundaries = {
        "state": state_shapes,
        "municipality": {code: shape for (_state, code), shape in muni_shapes.items()},
    }
    national = ReportData(area=country, fear_drivers=odds, boundaries=boundaries, **common)  # type: ignore[arg-type]
    report = timed(
        "national report: HTML (sections, charts)", lambda: build_report(national, language="es")
    )
    pdf = timed("national report: PDF (WeasyPrint)", report.pdf_bytes)
    (out / "national.pdf").write_bytes(pdf)
    (out / "national.html").write_text(report.html, encoding="utf-8")
    table.to_pickle(out / "indicators.pkl")  # to rerun the report without simulating
    first = sim.areas.iloc[0]
    municipal = ReportData(
        area=Area("municipality", str(first["municipality"]), str(first["municipality_name"])),
        state=Area("state", str(first["state"]), str(first["state_name"])),
        country=country,
        **common,  # type: ignore[arg-type]
    )
    timed(
        "municipal report: HTML + PDF",
        lambda: (out / "municipal.pdf").write_bytes(
            build_report(municipal, language="es").pdf_bytes()
        ),
    )
    print(f"PDFs in {out}")


if __name__ == "__main__":
    main()
