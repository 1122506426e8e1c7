"""Speed of domain estimation: 22 estimates with SEs for every municipality.

Builds a synthetic survey (default 1,000,000 respondents, 30 strata, 600 PSUs,
300 municipalities; seeded), then computes with :class:`analysis.SurveyDesign`
10 means, 10 proportions and 2 ratios, each with standard errors, for all
municipalities at once. Prints the seconds and the peak memory.

When ``Rscript`` with the survey package is available, the same design and a
few of the same ``svyby`` estimates run in R on the same data (written to a
temporary CSV; reading it is not timed); the R time per estimate is
extrapolated to all 22 when R would take too long, and the output says so.
The Python package ``svy`` (optional, not a dependency) is timed on the same estimates when installed.

Usage::

    .venv/bin/python benchmarks/bench_analysis.py            # 1,000,000 respondents
    .venv/bin/python benchmarks/bench_analysis.py --n 100000 --no-r
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import SurveyDesign  # noqa: E402

N_MEANS = 10
N_PROPORTIONS = 10
N_RATIOS = 2


def synthetic_survey(
    n: int, strata: int, psus: int, municipalities: int, seed: int
) -> pd.DataFrame:
    """Respondents in PSUs nested in strata; municipalities cut across PSUs."""
    rng = np.random.default_rng(seed)
    psu = np.sort(rng.integers(0, psus, n))
    stratum = psu * strata // psus
    # each PSU lies mostly in one municipality, with some spill-over
    home = psu * municipalities // psus
    municipality = np.where(rng.random(n) < 0.8, home, rng.integers(0, municipalities, n))
    psu_effect = rng.normal(0, 1, psus)[psu]
    data = {
        "stratum": stratum,
        "psu": psu,
        "municipality": municipality,
        "w": rng.gamma(4.0, 50.0, n) * (1 + stratum % 3),
    }
    for j in range(N_MEANS):
        y = 40 + 5 * psu_effect + rng.normal(0, 10 + j, n)
        y[rng.random(n) < 0.03] = np.nan  # item non-response
        data[f"y{j}"] = y
    for j in range(N_PROPORTIONS):
        p = 1 / (1 + np.exp(-(-1 + 0.5 * psu_effect + 0.1 * j)))
        data[f"b{j}"] = (rng.random(n) < p).astype(np.int8)
    for j in range(N_RATIOS):
        incidents = rng.poisson(0.4 + 0.1 * j, n).astype(np.float64)
        data[f"incidents{j}"] = incidents
        data[f"reported{j}"] = rng.binomial(incidents.astype(np.int64), 0.35).astype(np.float64)
    return pd.DataFrame(data)


def run_python(data: pd.DataFrame) -> list[pd.DataFrame]:
    design = SurveyDesign(data, weights="w", strata="stratum", psu="psu")
    by = "municipality"
    tables = [design.mean([f"y{j}" for j in range(N_MEANS)], by=by)]
    tables.append(design.proportion([f"b{j}" for j in range(N_PROPORTIONS)], by=by))
    tables += [design.ratio(f"reported{j}", f"incidents{j}", by=by) for j in range(N_RATIOS)]
    return tables


R_SCRIPT = """
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
df <- read.csv(args[1])
k <- as.integer(args[2])
d <- svydesign(id = ~psu, strata = ~stratum, weights = ~w, nest = TRUE, data = df)
t0 <- proc.time()[["elapsed"]]
for (j in seq_len(k)) {
  f <- as.formula(paste0("~y", j - 1))
  r <- svyby(f, ~municipality, d, svymean, na.rm = TRUE)
}
cat(sprintf("%.3f\\n", (proc.time()[["elapsed"]] - t0) / k))
"""


def run_r(data: pd.DataFrame, estimates: int) -> float | None:
    """Seconds per svyby(svymean) estimate in R, or None without R/survey."""
    if shutil.which("Rscript") is None:
        print("R: Rscript not found, skipped")
        return None
    check = subprocess.run(
        ["Rscript", "-e", "library(survey)"], capture_output=True, text=True, check=False
    )
    if check.returncode != 0:
        print("R: the survey package is not installed, skipped")
        return None
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "survey.csv"
        script = Path(tmp) / "bench.R"
        cols = ["stratum", "psu", "municipality", "w"] + [f"y{j}" for j in range(estimates)]
        data[cols].to_csv(csv, index=False)
        script.write_text(R_SCRIPT)
        out = subprocess.run(
            ["Rscript", str(script), str(csv), str(estimates)],
            capture_output=True,
            text=True,
            check=True,
        )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="respondents")
    parser.add_argument("--strata", type=int, default=30)
    parser.add_argument("--psus", type=int, default=600)
    parser.add_argument("--municipalities", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--r-estimates", type=int, default=1, help="svyby calls timed in R")
    parser.add_argument("--no-r", action="store_true", help="skip the R comparison")
    args = parser.parse_args()

    data = synthetic_survey(args.n, args.strata, args.psus, args.municipalities, args.seed)
    n_estimates = N_MEANS + N_PROPORTIONS + N_RATIOS
    print(
        f"synthetic survey: {args.n:,} respondents, {args.strata} strata, {args.psus} PSUs, "
        f"{args.municipalities} municipalities; {n_estimates} estimates "
        f"({N_MEANS} means, {N_PROPORTIONS} proportions, {N_RATIOS} ratios) with SEs"
    )

    run_python(data.sample(5000, random_state=0))  # warm-up: imports and first calls
    times, cpu_times = [], []
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        tables = run_python(data)
        times.append(time.perf_counter() - t0)
        cpu_times.append(time.process_time() - c0)
    py_time = min(times)
    rows = sum(len(t) for t in tables)
    tracemalloc.start()
    run_python(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"analysis: {py_time:.2f} s for the whole table ({rows:,} rows; best of 3; "
        f"{py_time / n_estimates * 1000:.0f} ms per estimate; CPU {min(cpu_times):.2f} s)"
    )
    print(
        f"analysis: peak memory allocated during estimation {peak / 2**20:.0f} MiB "
        f"(tracemalloc); process peak RSS {max_rss:.0f} MiB including the data"
    )

    if not args.no_r:
        per = run_r(data, args.r_estimates)
        if per is not None:
            r_total = per * n_estimates
            print(
                f"R survey: {per:.2f} s per svyby(svymean) estimate, timed on {args.r_estimates} "
                f"estimate(s) and extrapolated to {n_estimates}: {r_total:.1f} s"
            )
            print(f"speed-up: {r_total / py_time:.0f}x faster than R")

    if importlib.util.find_spec("svy") is None:
        print("svy: the Python package 'svy' is not installed, skipped")
    else:
        svy_time = min(timed(run_svy, data) for _ in range(2))
        print(
            f"svy: {svy_time:.2f} s for the same {n_estimates} estimates by municipality (best of 2)"
        )
        print(f"speed-up: {svy_time / py_time:.1f}x faster than svy")


def timed(function: Callable[[pd.DataFrame], object], data: pd.DataFrame) -> float:
    t0 = time.perf_counter()
    function(data)
    return time.perf_counter() - t0


def run_svy(data: pd.DataFrame) -> list[object]:
    """The same estimates with the Python package svy (Taylor, same design)."""
    import polars as pl
    import svy

    sample = svy.Sample(pl.from_pandas(data), svy.Design(stratum="stratum", psu="psu", wgt="w"))
    est = sample.estimation
    by = "municipality"
    out: list[object] = [est.mean(f"y{j}", by=by, drop_nulls=True) for j in range(N_MEANS)]
    out += [est.prop(f"b{j}", by=by) for j in range(N_PROPORTIONS)]
    out += [est.ratio(f"reported{j}", f"incidents{j}", by=by) for j in range(N_RATIOS)]
    return out


if __name__ == "__main__":
    main()
