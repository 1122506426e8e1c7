"""Speed of domain estimation: the first estimate of a session, and a whole table.

Builds a synthetic survey (seeded; respondents in 600 PSUs in 30 strata,
300 municipalities in 100 districts, both cutting across PSUs) and times:

1. **The first estimate of a session** (issue 13), by default on 200,000
   respondents: ``SurveyDesign(...)`` then 20 means by district (100
   domains) and a ratio by district, with Taylor SEs and deff.

   * *cold*: the first call in a fresh Python process that has imported
     ``analysis`` and built the data (median of ``--cold-runs`` processes);
   * *warm*: the same call again in this process (best of ``--repeat``);
   * *numpy reference*: the same table (estimates, SEs, deff, df, n)
     written here with plain numpy, one ``np.bincount`` per sum (best of
     ``--repeat``), and the largest relative difference from ``analysis``;
   * *R*: the same 21 ``svyby`` calls in R's survey package, when Rscript
     and the package are installed (``bash .ci/system-deps --with-r``), twice
     in one R session (first and second run); and the largest relative
     difference of R's estimates and SEs from ours.

   Targets: cold within 3x and warm within 1.5x of the numpy reference, both
   at least 50x faster than R.

2. **A whole table** (default 1,000,000 respondents with ``--n 1000000``):
   10 means, 10 proportions and 2 ratios by municipality (300 domains); best
   of 3 and the peak memory allocated during estimation (tracemalloc;
   target: at most 576 MiB at 1,000,000 respondents).

It also prints the start-up of ``import analysis`` and of
``from analysis import SurveyDesign`` in fresh processes. The Python package
``svy`` (optional, not a dependency) is timed on the table when installed.

Usage::

    .venv/bin/python benchmarks/bench_analysis.py                # 200,000 respondents
    .venv/bin/python benchmarks/bench_analysis.py --n 1000000    # memory check
    .venv/bin/python benchmarks/bench_analysis.py --no-r --no-table
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import statistics
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
#: the first estimate of a session: 20 means (the y and b columns) and a ratio by district
FIRST_MEANS = [f"y{j}" for j in range(N_MEANS)] + [f"b{j}" for j in range(N_PROPORTIONS)]
FIRST_RATIO = ("reported0", "incidents0")
FIRST_BY = "district"


def synthetic_survey(
    n: int, strata: int, psus: int, municipalities: int, seed: int, districts: int = 100
) -> pd.DataFrame:
    """Respondents in PSUs nested in strata; municipalities (and districts) cut across PSUs."""
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
    # districts group whole municipalities (no random draw: the columns above are unchanged)
    data["district"] = municipality * districts // municipalities
    return pd.DataFrame(data)


# -- 1. the first estimate of a session ---------------------------------------------------


def run_first(data: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What a user types first: a design, 20 means by district and a ratio by district."""
    design = SurveyDesign(data, weights="w", strata="stratum", psu="psu")
    means = design.mean(FIRST_MEANS, by=FIRST_BY)
    ratio = design.ratio(*FIRST_RATIO, by=FIRST_BY)
    return means, ratio


def numpy_reference(data: pd.DataFrame) -> dict[str, np.ndarray]:
    """The table of :func:`run_first` in plain numpy: (21, D) estimate, se, deff, df, n.

    Taylor linearization with PSUs nested in strata, domains by zero
    padding (R's ``svyby``), deff against SRS without replacement (R's
    ``deff = TRUE``), df = PSUs minus strata with a case of the domain.
    Every sum is one ``np.bincount``; nothing is shared with ``analysis``.
    """
    w = data["w"].to_numpy(dtype=np.float64)
    stratum_codes, _ = pd.factorize(data["stratum"], sort=True)
    psu_key = stratum_codes.astype(np.int64) * (int(data["psu"].max()) + 1) + data["psu"].to_numpy()
    psu_codes, psu_labels = pd.factorize(psu_key, sort=True)
    dom, _ = pd.factorize(data[FIRST_BY], sort=True)
    n_psu, n_dom = len(psu_labels), int(dom.max()) + 1
    stratum_of_psu = np.zeros(n_psu, dtype=np.int64)
    stratum_of_psu[psu_codes] = stratum_codes
    n_strata = int(stratum_of_psu.max()) + 1
    n_h = np.bincount(stratum_of_psu, minlength=n_strata).astype(np.float64)
    cell = psu_codes * n_dom + dom
    pair_of_cell = (stratum_of_psu[:, None] * n_dom + np.arange(n_dom)).ravel()
    scale = np.where(n_h > 1, n_h / np.maximum(n_h - 1, 1), 0.0)

    def bins(code: np.ndarray, values: np.ndarray | None, size: int) -> np.ndarray:
        return np.bincount(code, values, minlength=size)

    def linearized(y: np.ndarray, x: np.ndarray | None, valid: np.ndarray) -> list[np.ndarray]:
        """Estimate, SE, deff, df and n of the ratio of y to x (x None: a mean) by domain."""
        wv = np.where(valid, w, 0.0)
        y0 = np.where(valid, y, 0.0)
        x0 = None if x is None else np.where(valid, x, 0.0)
        y_tot = bins(dom, wv * y0, n_dom)
        wsum = bins(dom, wv, n_dom)
        x_tot = wsum if x0 is None else bins(dom, wv * x0, n_dom)
        est = y_tot / x_tot
        e = y0 - est[dom] if x0 is None else y0 - est[dom] * x0  # residuals
        we = wv * e
        # variance: totals of the linearized values by (PSU, domain), centred in the stratum
        t = bins(cell, we, n_psu * n_dom) / np.tile(x_tot, n_psu)
        means = bins(pair_of_cell, t, n_strata * n_dom) / np.repeat(n_h, n_dom)
        dev = t - means[pair_of_cell]
        ss = bins(pair_of_cell, dev * dev, n_strata * n_dom).reshape(n_strata, n_dom)
        var = (scale[:, None] * ss).sum(axis=0)
        # SRS variance without replacement (R's deff)
        counts = bins(cell, valid.astype(np.float64), n_psu * n_dom).reshape(n_psu, n_dom)
        n = counts.sum(axis=0)
        sum_sq = bins(dom, we * e, n_dom) / x_tot**2
        srs = n / (n - 1) * sum_sq / wsum * (wsum - n) / (wsum * n) * wsum**2
        occupied = counts > 0
        strata_in = np.zeros((n_strata, n_dom), dtype=bool)
        strata_in[stratum_of_psu[np.nonzero(occupied)[0]], np.nonzero(occupied)[1]] = True
        df = occupied.sum(axis=0) - strata_in.sum(axis=0)
        return [est, np.sqrt(var), var / srs, df.astype(np.float64), n]

    rows = []
    for name in FIRST_MEANS:
        y = data[name].to_numpy(dtype=np.float64)
        rows.append(linearized(y, None, ~np.isnan(y)))
    num, den = (data[c].to_numpy(dtype=np.float64) for c in FIRST_RATIO)
    rows.append(linearized(num, den, ~np.isnan(num) & ~np.isnan(den)))
    keys = ["estimate", "se", "deff", "df", "n"]
    return {key: np.array([r[i] for r in rows]) for i, key in enumerate(keys)}


def as_arrays(tables: tuple[pd.DataFrame, pd.DataFrame]) -> dict[str, np.ndarray]:
    """The tables of :func:`run_first` as (21, D) arrays, rows in the order of the reference."""
    means, ratio = tables
    out = {}
    for key in ("estimate", "se", "deff", "df", "n"):
        m = means[key].to_numpy(dtype=np.float64).reshape(len(FIRST_MEANS), -1)
        r = ratio[key].to_numpy(dtype=np.float64)[None, :]
        out[key] = np.vstack([m, r])
    return out


def max_relative_difference(a: np.ndarray, b: np.ndarray) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.abs(a - b) / np.abs(b)
    rel = np.where(a == b, 0.0, rel)
    return float(np.nanmax(rel))


def best_of(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        function()
        times.append(time.perf_counter() - t0)
    return min(times)


def cold_child(args: argparse.Namespace) -> None:
    """In a fresh process (``--cold-child``): the first call, after the data are built."""
    data = synthetic_survey(args.n, args.strata, args.psus, args.municipalities, args.seed)
    t0 = time.perf_counter()
    run_first(data)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    numpy_reference(data)
    reference_first = time.perf_counter() - t0
    print(json.dumps({"cold": first, "reference_first": reference_first}))


def fresh_process(args: argparse.Namespace) -> dict[str, float]:
    command = [
        sys.executable,
        __file__,
        "--cold-child",
        *("--n", str(args.n), "--strata", str(args.strata), "--psus", str(args.psus)),
        *("--municipalities", str(args.municipalities), "--seed", str(args.seed)),
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def start_up(statement: str, runs: int = 5) -> float:
    """Median wall time of a fresh ``python -c statement`` minus that of ``python -c pass``."""

    def median(code: str) -> float:
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
            times.append(time.perf_counter() - t0)
        return statistics.median(times)

    return median(statement) - median("pass")


R_FIRST = """
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
df <- read.csv(args[1])
d <- svydesign(id = ~psu, strata = ~stratum, weights = ~w, nest = TRUE, data = df)
vars <- strsplit(args[2], ",")[[1]]
run <- function() {
  out <- lapply(vars, function(v) {
    r <- svyby(as.formula(paste0("~", v)), ~district, d, svymean, na.rm = TRUE, deff = TRUE)
    data.frame(variable = v, district = r$district, estimate = coef(r), se = SE(r))
  })
  r <- svyby(~reported0, ~district, d, svyratio, denominator = ~incidents0, na.rm = TRUE)
  rbind(do.call(rbind, out), data.frame(variable = "ratio", district = r$district,
    estimate = as.vector(coef(r)), se = as.vector(SE(r))))
}
t0 <- proc.time()[["elapsed"]]; res <- run(); t1 <- proc.time()[["elapsed"]]
res <- run(); t2 <- proc.time()[["elapsed"]]
write.csv(res, args[3], row.names = FALSE)
cat(sprintf("%.3f %.3f\\n", t1 - t0, t2 - t1))
"""


def r_available() -> bool:
    if shutil.which("Rscript") is None:
        print("R: Rscript not found, skipped (bash .ci/system-deps --with-r installs it)")
        return False
    check = subprocess.run(
        ["Rscript", "-e", "library(survey)"], capture_output=True, text=True, check=False
    )
    if check.returncode != 0:
        print("R: the survey package is not installed, skipped")
        return False
    return True


def run_r_first(data: pd.DataFrame) -> tuple[float, float, pd.DataFrame]:
    """Seconds of R's first and second run of the 21 svyby calls, and R's results."""
    with tempfile.TemporaryDirectory() as tmp:
        csv, script, result = Path(tmp) / "survey.csv", Path(tmp) / "first.R", Path(tmp) / "r.csv"
        cols = ["stratum", "psu", "w", FIRST_BY, *FIRST_MEANS, *FIRST_RATIO]
        data[cols].to_csv(csv, index=False)
        script.write_text(R_FIRST)
        out = subprocess.run(
            ["Rscript", str(script), str(csv), ",".join(FIRST_MEANS), str(result)],
            capture_output=True,
            text=True,
            check=True,
        )
        first, second = (float(v) for v in out.stdout.strip().splitlines()[-1].split())
        return first, second, pd.read_csv(result)


def first_estimate(args: argparse.Namespace, data: pd.DataFrame) -> None:
    n_dom = data[FIRST_BY].nunique()
    print(
        f"1. first estimate of a session: {args.n:,} respondents, {args.strata} strata, "
        f"{args.psus} PSUs, {n_dom} domains; {len(FIRST_MEANS)} means and 1 ratio by domain "
        "with Taylor SEs and deff"
    )
    print(
        f"   import analysis: {start_up('import analysis'):.3f} s; "
        f"from analysis import SurveyDesign: {start_up('from analysis import SurveyDesign'):.3f} s "
        f"(pandas alone: {start_up('import pandas'):.3f} s; fresh processes, median of 5, "
        "minus the interpreter's start)"
    )
    children = [fresh_process(args) for _ in range(args.cold_runs)]
    cold_times = [c["cold"] for c in children]
    cold = statistics.median(cold_times)
    ours = run_first(data)
    warm = best_of(lambda: run_first(data), args.repeat)
    reference = numpy_reference(data)
    numpy_time = best_of(lambda: numpy_reference(data), args.repeat)
    mine = as_arrays(ours)
    diffs = ", ".join(
        f"{key} {max_relative_difference(mine[key], reference[key]):.1e}"
        for key in ("estimate", "se", "deff")
    )
    exact = all(np.array_equal(mine[key], reference[key]) for key in ("df", "n"))
    print(
        f"   cold (first call in a fresh process, median of {args.cold_runs}): {cold:.3f} s "
        f"[{', '.join(f'{c_time:.3f}' for c_time in cold_times)}]"
    )
    print(f"   warm (best of {args.repeat}): {warm:.3f} s")
    print(
        f"   numpy reference (best of {args.repeat}): {numpy_time:.3f} s "
        f"(first call in the fresh processes: "
        f"{statistics.median(c['reference_first'] for c in children):.3f} s)"
    )
    print(f"   same table: largest relative difference {diffs}; df and n equal: {exact}")
    print(
        f"   cold / numpy {cold / numpy_time:.1f}x (target <= 3x), "
        f"warm / numpy {warm / numpy_time:.1f}x (target <= 1.5x)"
    )
    if args.no_r or not r_available():
        return
    r_first, r_second, r_table = run_r_first(data)
    r_best = min(r_first, r_second)
    means = ours[0].assign(variable=ours[0]["variable"].astype(str))
    ratio = ours[1].assign(variable="ratio")
    both = pd.concat([means, ratio])[["variable", FIRST_BY, "estimate", "se"]]
    merged = r_table.merge(both, on=["variable", FIRST_BY], suffixes=("_r", ""))
    print(
        f"   R survey svyby, same 21 estimates: first run {r_first:.2f} s, second {r_second:.2f} s; "
        f"largest relative difference from R: estimate "
        f"{max_relative_difference(merged['estimate'].to_numpy(), merged['estimate_r'].to_numpy()):.1e}, "
        f"se {max_relative_difference(merged['se'].to_numpy(), merged['se_r'].to_numpy()):.1e} "
        f"({len(merged)} of {len(r_table)} rows matched)"
    )
    print(
        f"   faster than R's faster run: cold {r_best / cold:.0f}x, warm {r_best / warm:.0f}x "
        "(target >= 50x)"
    )


# -- 2. a whole table ----------------------------------------------------------------------


def run_python(data: pd.DataFrame) -> list[pd.DataFrame]:
    design = SurveyDesign(data, weights="w", strata="stratum", psu="psu")
    by = "municipality"
    tables = [design.mean([f"y{j}" for j in range(N_MEANS)], by=by)]
    tables.append(design.proportion([f"b{j}" for j in range(N_PROPORTIONS)], by=by))
    tables += [design.ratio(f"reported{j}", f"incidents{j}", by=by) for j in range(N_RATIOS)]
    return tables


def whole_table(args: argparse.Namespace, data: pd.DataFrame) -> None:
    n_estimates = N_MEANS + N_PROPORTIONS + N_RATIOS
    print(
        f"2. whole table: {args.n:,} respondents, {args.municipalities} municipalities; "
        f"{n_estimates} estimates ({N_MEANS} means, {N_PROPORTIONS} proportions, "
        f"{N_RATIOS} ratios) with SEs"
    )
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
    print(
        f"   analysis: {py_time:.2f} s for the whole table ({rows:,} rows; best of 3; "
        f"{py_time / n_estimates * 1000:.0f} ms per estimate; CPU {min(cpu_times):.2f} s)"
    )
    print(
        f"   peak memory allocated during estimation {peak / 2**20:.0f} MiB (tracemalloc; "
        "target at 1,000,000 respondents: <= 576 MiB)"
    )
    if importlib.util.find_spec("svy") is None:
        print("   svy: the Python package 'svy' is not installed, skipped")
    else:
        svy_time = min(timed(run_svy, data) for _ in range(2))
        print(
            f"   svy: {svy_time:.2f} s for the same {n_estimates} estimates by municipality "
            f"(best of 2); {svy_time / py_time:.1f}x slower"
        )


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


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000, help="respondents")
    parser.add_argument("--strata", type=int, default=30)
    parser.add_argument("--psus", type=int, default=600)
    parser.add_argument("--municipalities", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--repeat", type=int, default=5, help="warm runs (best is printed)")
    parser.add_argument("--cold-runs", type=int, default=3, help="fresh processes for 'cold'")
    parser.add_argument("--no-r", action="store_true", help="skip the R comparison")
    parser.add_argument("--no-first", action="store_true", help="skip part 1")
    parser.add_argument("--no-table", action="store_true", help="skip part 2")
    parser.add_argument("--cold-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_child:
        cold_child(args)
        return
    data = synthetic_survey(args.n, args.strata, args.psus, args.municipalities, args.seed)
    if not args.no_first:
        first_estimate(args, data)
    if not args.no_table:
        whole_table(args, data)


if __name__ == "__main__":
    main()
