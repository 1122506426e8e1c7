"""Speed of fear by victimization, the paradox table, the exposure model and the DiD.

Run: .venv/bin/python benchmarks/bench_evaluation.py [--households H]

Simulates two waves of a country with 32 states (``simulate_country(8, wave=1|2,
households=H)``, default 12,000 households: about 8,300 interviews a wave) and
prints wall and CPU seconds of what the observatory's perception and
evaluation pages compute from the microdata (tables already built):
``fear_by_victimization`` (four fear indicators), ``paradox_table`` (sex, age
group, youth), ``perception_model`` (crime-news exposure) and
``difference_in_differences`` of four indicators with the first eight states
as programme areas.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any, TypeVar

from analysis import compare
from analysis.simulate import simulate_country

T = TypeVar("T")


def _timed(label: str, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    wall, cpu = time.perf_counter(), time.process_time()
    result = func(*args, **kwargs)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label:<44} wall {wall:7.2f} s   cpu {cpu:7.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=12_000)
    args = parser.parse_args()
    waves = [
        simulate_country(8, wave=w, households=args.households, special_rate=0.01) for w in (1, 2)
    ]
    first = waves[0]
    print(f"interviews: {len(first.respondents)} and {len(waves[1].respondents)}")
    _timed(
        "fear_by_victimization (4 indicators)",
        compare.fear_by_victimization,
        first.respondents,
        first.incidents,
        first.design_spec,
    )
    _timed(
        "paradox_table (sex, age group, youth)",
        compare.paradox_table,
        first.respondents,
        first.incidents,
        first.design_spec,
    )
    if "media_freq" in first.respondents.columns:
        _timed(
            "perception_model (media_freq, 5 levels)",
            compare.perception_model,
            first.respondents,
            first.design_spec,
            reference=5,
        )
    samples = [compare.WaveSample(w.respondents, w.incidents, w.design_spec) for w in waves]
    states = sorted(first.respondents["state"].unique())[:8]
    _timed(
        "difference_in_differences (4 indicators)",
        compare.difference_in_differences,
        *samples,
        states,
        ["prev_person", "insecure_nbhd", "incidence", "dark_figure"],
    )


if __name__ == "__main__":
    main()
