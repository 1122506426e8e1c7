"""Speed of the microdata tables and of compute_indicators on simulated interviews.

Run: .venv/bin/python benchmarks/bench_indicators.py [interviews]

Simulates one wave, replicates its records up to ``interviews`` (default
100,000; the copies get new ids and PSUs so the design stays valid) and
prints wall and CPU seconds of respondent_table, incident_table and
compute_indicators (all indicators, six domain types).
"""

from __future__ import annotations

import sys
import time

from analysis.indicators import compute_indicators
from analysis.microdata import incident_table, respondent_table
from analysis.simulate import simulate_country


def _timed(label: str, func, *args, **kwargs):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    result = func(*args, **kwargs)
    print(
        f"{label:<28} wall {time.perf_counter() - wall:7.2f} s   cpu {time.process_time() - cpu:7.2f} s"
    )
    return result


def main() -> None:
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    sim = _timed("simulate_country (12k hh)", simulate_country, 1)
    base = sim.records
    records = []
    copy = 0
    while len(records) < target:
        for record in base:
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
    print(f"interviews: {len(records):,}")
    resp = _timed("respondent_table", respondent_table, records)
    inc = _timed("incident_table", incident_table, records)
    print(f"incidents: {len(inc):,}; columns: {resp.shape[1]} respondent, {inc.shape[1]} incident")
    out = _timed("compute_indicators", compute_indicators, resp, inc, sim.design_spec)
    print(f"estimates: {len(out):,}")


if __name__ == "__main__":
    main()
