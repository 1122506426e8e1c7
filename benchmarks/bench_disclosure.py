"""Speed of the public edition's disclosure control, and its risk/utility figures.

Run: .venv/bin/python benchmarks/bench_disclosure.py [respondents] [--k K ...] [--threshold T ...]
     .venv/bin/python benchmarks/bench_disclosure.py --demo [--lang es]

Simulates one wave large enough for about ``respondents`` interviews (default
100,000: 32 states, 4-8 municipalities each, 80-160 blocks per municipality;
a real simulation, not copies, which would give every record twins and make
k-anonymity trivial) and prints wall and CPU seconds of

1. the simulation and the microdata tables (not part of the target),
2. ``apply_policy`` with the default policy (or each ``--k`` x ``--threshold``),
3. ``verify`` of the public files,

then the risk before and after, the cells suppressed and the largest change
of a key estimate, the peak memory that ``apply_policy`` allocated (traced by
``tracemalloc`` in a separate run, since tracing slows it) and the process's
peak resident memory (mostly the simulation). ``--demo`` prints
the whole report of the demo wave's public edition (seed 1, "small" size of
``surveyapp demo``) in ``--lang``.
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from analysis.disclosure import DisclosurePolicy, apply_policy, default_policy, verify
from analysis.simulate import simulate_country

T = TypeVar("T")


def _timed(label: str, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    wall, cpu = time.perf_counter(), time.process_time()
    result = func(*args, **kwargs)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label:<40} wall {wall:7.2f} s   cpu {cpu:7.2f} s")
    return result


def _policy(k: int | None, threshold: float | None) -> DisclosurePolicy:
    mapping = default_policy().to_dict()
    if k is not None:
        mapping["k"] = k
    if threshold is not None:
        mapping["geography"][0]["threshold"] = threshold
    return DisclosurePolicy.from_mapping(mapping)


def _populations(census: Any) -> dict[str, float]:
    people = census.groupby("municipality")["population"].sum()
    return {str(code): float(value) for code, value in people.items()}


def _demo(language: str, policy: DisclosurePolicy) -> None:
    sim = simulate_country(
        1, n_states=8, municipalities_per_state=10, households=2400, blocks_per_municipality=(6, 12)
    )
    files = {"respondents": sim.respondents, "incidents": sim.incidents}
    populations = _populations(sim.census)
    public, report = apply_policy(
        files, policy, populations=populations, rng=np.random.default_rng(1)
    )
    verify(public, policy, populations=populations)
    print(report.to_markdown(language))


def _run(files: dict[str, Any], policy: DisclosurePolicy, populations: dict[str, float]) -> None:
    print(f"-- k = {policy.k}, area threshold {policy.geography[0].threshold:,.0f}")
    public, report = _timed(
        "2. apply_policy",
        apply_policy,
        files,
        policy,
        populations=populations,
        rng=np.random.default_rng(1),
    )
    _timed("3. verify", verify, public, policy, populations=populations)
    for stage, risk in (
        ("internal", report.risk_before),
        ("recoded", report.risk_recoded),
        ("public", report.risk_after),
    ):
        print(
            f"   {stage:<9} below k {risk.below_k:>7,} ({100 * risk.share_below_k:5.2f}%)  "
            f"uniques {risk.uniques:>7,}  expected re-identifications "
            f"{risk.expected_reidentifications:9.1f}"
        )
    cells = ", ".join(f"{c} {n:,}" for c, n in report.suppressed.items() if n)
    print(f"   cells suppressed: {report.cells_suppressed:,} ({cells or 'none'})")
    domains = [abs(r.difference) for r in report.utility if r.domain != "national"]
    print(
        f"   largest change of a key estimate: national "
        f"{100 * report.largest_national_difference():.2f} pp, domain "
        f"{100 * max((d for d in domains if d == d), default=0.0):.2f} pp"
    )
    tracemalloc.start()
    apply_policy(files, policy, populations=populations, rng=np.random.default_rng(1))
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"   memory allocated by apply_policy at its peak: {traced / 2**20:,.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("respondents", nargs="?", type=int, default=100_000)
    parser.add_argument("--k", type=int, nargs="*", default=[None])
    parser.add_argument(
        "--threshold", type=float, nargs="*", default=[None], help="area population thresholds"
    )
    parser.add_argument("--demo", action="store_true", help="the demo wave's report instead")
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    if args.demo:
        _demo(args.lang, _policy(args.k[0], args.threshold[0]))
        return

    def build() -> Any:
        sim = simulate_country(
            7,
            n_states=32,
            municipalities_per_state=(4, 8),
            blocks_per_municipality=(80, 160),
            households=int(args.respondents * 1.58),
            households_per_psu=10,
        )
        return sim, {"respondents": sim.respondents, "incidents": sim.incidents}

    sim, files = _timed("1. simulate wave, tables (not target)", build)
    populations = _populations(sim.census)
    print(
        f"   {len(files['respondents']):,} respondents, {len(files['incidents']):,} incidents, "
        f"{files['respondents']['municipality'].nunique()} municipalities"
    )
    for k in args.k:
        for threshold in args.threshold:
            _run(files, _policy(k, threshold), populations)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"   peak resident memory of the process: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
