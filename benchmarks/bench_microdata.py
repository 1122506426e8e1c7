"""Export time and peak memory of a 100,000-respondent microdata release in each format.

Run: .venv/bin/python benchmarks/bench_microdata.py [respondents] [--formats csv,dta]
     [--edition public|internal]

Each format runs in a fresh process, which simulates a wave
(``simulate_country(8, municipalities_per_state=(9, 10))``, about 8,300
interviews, replicated up to ``respondents`` with new interview ids and PSUs,
as ``bench_indicators.py`` does; not timed) and then times

1. ``build_release``: respondent and incident tables, indicator variables, labels;
2. for the public edition, ``analysis.disclosure.apply_policy`` with its default
   policy (k-anonymity, top codes, bands, pseudonyms, the utility report's key
   estimates) and ``verify``, as ``surveyapp microdata export`` runs them;
3. ``write_release`` in the format (files and codebook).

Export time is 1 + 2 + 3 (wall seconds). Peak memory is the process's maximum
resident set (``ru_maxrss``): the records, the tables and the writing together,
as in the server's export. The target (issue 12): every format under 20 s and
1 GiB. The last line is a one-line summary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

FORMATS = ("csv", "xlsx", "dta", "sav", "parquet")
TARGET_SECONDS = 20.0
TARGET_MIB = 1024.0


def _populations() -> dict[str, float]:
    """Adults of each municipality of the simulated country (the policy's area populations)."""
    from analysis.simulate import simulate_country

    sim = simulate_country(8, municipalities_per_state=(9, 10))
    adults = sim.census.groupby("municipality")["population"].sum()
    return {str(k): float(v) for k, v in adults.items()}


def child(respondents: int, format: str, edition: str) -> dict[str, Any]:
    from bench_indicators import _wave  # the same replicated wave

    from analysis.release import Study, build_release, write_release

    records, _spec = _wave(respondents)
    populations = _populations()
    study = Study("bench", "Benchmark wave", dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    times: dict[str, float] = {}
    start = time.perf_counter()
    release = build_release(records, study=study, language="es", edition=edition)  # type: ignore[arg-type]
    times["build"] = time.perf_counter() - start
    if edition == "public":
        from surveyapp.services.release import public_edition  # what the export command runs

        start = time.perf_counter()
        release = public_edition(release, {}, populations).release
        times["disclosure"] = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        written = write_release(release, folder, format)  # type: ignore[arg-type]
        times["write"] = time.perf_counter() - start
        size = sum(p.stat().st_size for p in written)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {
        "format": format,
        "rows": {k: len(v) for k, v in release.files.items()},
        "columns": {k: v.shape[1] for k, v in release.files.items()},
        "times": times,
        "total": sum(times.values()),
        "peak_mib": peak,
        "mib_written": size / 2**20,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("respondents", nargs="?", type=int, default=100_000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--edition", choices=("public", "internal"), default="public")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.respondents, args.child, args.edition)))
        return
    formats = [f for f in args.formats.split(",") if f]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        parser.error(f"unknown format(s) {', '.join(unknown)}; formats: {', '.join(FORMATS)}")
    print(f"{args.respondents:,} respondents, {args.edition} edition, one process per format")
    results = []
    for format in formats:
        out = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                str(args.respondents),
                "--child",
                format,
                "--edition",
                args.edition,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        found = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(found)
        steps = "  ".join(f"{k} {v:5.2f} s" for k, v in found["times"].items())
        print(
            f"{format:<8} {steps}  = {found['total']:5.2f} s   peak {found['peak_mib']:6.0f} MiB"
            f"   {found['mib_written']:6.1f} MiB written"
        )
    if results:
        first = results[0]
        print(
            "   rows: "
            + ", ".join(f"{k} {v:,} x {first['columns'][k]}" for k, v in first["rows"].items())
        )
        slowest = max(results, key=lambda r: r["total"])
        largest = max(results, key=lambda r: r["peak_mib"])
        ok = all(r["total"] < TARGET_SECONDS and r["peak_mib"] < TARGET_MIB for r in results)
        print(
            f"microdata {args.respondents:,} respondents ({args.edition}): slowest "
            f"{slowest['format']} {slowest['total']:.1f} s, largest peak {largest['format']} "
            f"{largest['peak_mib']:.0f} MiB; target < {TARGET_SECONDS:.0f} s and "
            f"< {TARGET_MIB:.0f} MiB: {'met' if ok else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
