"""Speed of the microdata tables and of compute_indicators on a simulated wave.

Run: .venv/bin/python benchmarks/bench_indicators.py [interviews] [--repeat R]

Simulates one wave of a country with 32 states and 300 municipalities
(``simulate_country(8, municipalities_per_state=(9, 10))``: about 8,300
interviews in 1,500 PSUs), replicates its records up to ``interviews``
(default 100,000; the copies get new interview ids and PSUs so the design
stays valid) and prints wall and CPU seconds (``time.process_time``) of

1. building the wave (simulation and copies; not part of the target),
2. ``respondent_table`` and 3. ``incident_table`` of the records,
4. ``compute_indicators`` with every indicator and the six default domain
   types (national, state, municipality, sex, age group, youth), with the
   number of estimates.

``--repeat R`` runs compute_indicators R times and reports the fastest
(the machine is shared: CPU time is the steadier figure).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any, TypeVar

from analysis.indicators import compute_indicators
from analysis.microdata import incident_table, respondent_table
from analysis.simulate import simulate_country

T = TypeVar("T")


def _timed(label: str, func: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = func(*args, **kwargs)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label:<36} wall {wall:7.2f} s   cpu {cpu:7.2f} s")
    return result, wall, cpu


def _wave(target: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    sim = simulate_country(8, municipalities_per_state=(9, 10))
    records: list[dict[str, Any]] = []
    copy = 0
    while len(records) < target:
        for record in sim.records:
            if len(records) == target:
                break
            records.append(
                {
                    **record,
                    "interview_id": f"{record['interview_id']}-{copy}",
                    "psu": f"{record['psu']}-{copy}",
                }
            )
        copy += 1
    return records, sim.design_spec


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("interviews", nargs="?", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs of compute_indicators")
    args = parser.parse_args()

    (records, spec), _, _ = _timed("1. build wave (not timed target)", _wave, args.interviews)
    states = len({r["state"] for r in records})
    municipalities = len({r["municipality"] for r in records})
    psus = len({r["psu"] for r in records})
    print(
        f"   {len(records):,} interviews, {states} states, {municipalities} municipalities, "
        f"{psus:,} PSUs"
    )
    resp, _, _ = _timed("2. respondent_table", respondent_table, records)
    inc, _, _ = _timed("3. incident_table", incident_table, records)
    print(
        f"   {len(inc):,} incidents; columns: {resp.shape[1]} respondent, {inc.shape[1]} incident"
    )
    best_wall = best_cpu = float("inf")
    n_estimates = 0
    for run in range(max(args.repeat, 1)):
        label = "4. compute_indicators (all domains)" + (f" #{run + 1}" if args.repeat > 1 else "")
        out, wall, cpu = _timed(label, compute_indicators, resp, inc, spec)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
        n_estimates = len(out)
    counts = out.groupby("domain_type", sort=False).size()
    print(f"   {n_estimates:,} estimates ({', '.join(f'{k} {v:,}' for k, v in counts.items())})")
    if args.repeat > 1:
        print(f"   fastest compute_indicators: wall {best_wall:.2f} s, cpu {best_cpu:.2f} s")


if __name__ == "__main__":
    main()
