"""Export time and peak memory of a 100,000-respondent microdata release in each format.

Run: .venv/bin/python benchmarks/bench_microdata.py [respondents] [--formats csv,dta]
     [--edition public|internal]

The wave is simulated once (``simulate_country(8, municipalities_per_state=(9, 10))``,
about 8,300 interviews, replicated up to ``respondents`` with new interview ids and
PSUs, as ``bench_indicators.py`` does) and written as JSON lines. Each format then
runs in a fresh process that reads the records, one decoded document per interview as
the server's ``interview_records`` gives them (not timed), and times

1. ``build_release``: respondent and incident tables, indicator variables, labels;
2. for the public edition, ``analysis.disclosure.apply_policy`` with its default
   policy (k-anonymity, top codes, bands, pseudonyms, the utility report's key
   estimates) and ``verify``, as ``surveyapp microdata export`` runs them;
3. ``write_release`` in the format (files and codebook).

Export time is 1 + 2 + 3 (wall seconds, and CPU seconds: the machine is shared). Peak
memory is the process's maximum resident set (``VmHWM``): the records, the tables
and the writing together, as in the server's export (which, like this script, lets the
records go once the tables are built). The target (issue 12): every format under 20 s and
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


def _peak_mib() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited through
    fork and exec from the parent that simulated the wave)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: KiB


def _write_records(respondents: int, path: Path) -> None:
    """The replicated wave as JSON lines, one interview a line, as the database holds them."""
    from bench_indicators import _wave  # the same replicated wave

    records, _spec = _wave(respondents)
    path.with_suffix(".areas.json").write_text(json.dumps(_populations()))
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record) + "\n")


def child(records_path: Path, format: str, edition: str) -> dict[str, Any]:
    import gc

    from analysis.release import Study, build_release, write_release
    from surveyapp.services.reports.records import shared_keys

    # read as services/reports/records.py gives them: one decoded document per interview,
    # its keys shared
    with records_path.open(encoding="utf-8") as lines:
        records = [shared_keys(json.loads(line)) for line in lines]
    populations = json.loads(records_path.with_suffix(".areas.json").read_text())
    gc.collect()
    study = Study("bench", "Benchmark wave", dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    times: dict[str, tuple[float, float]] = {}

    def timed(step: str, started: tuple[float, float]) -> None:
        times[step] = (time.perf_counter() - started[0], time.process_time() - started[1])

    start = (time.perf_counter(), time.process_time())
    release = build_release(records, study=study, language="es", edition=edition)  # type: ignore[arg-type]
    timed("build", start)
    del records  # as the export service does
    if edition == "public":
        from surveyapp.services.release import public_edition  # what the export command runs

        start = (time.perf_counter(), time.process_time())
        release = public_edition(release, {}, populations).release
        timed("disclosure", start)
    with tempfile.TemporaryDirectory() as folder:
        start = (time.perf_counter(), time.process_time())
        written = write_release(release, folder, format)  # type: ignore[arg-type]
        timed("write", start)
        size = sum(p.stat().st_size for p in written)
    peak = _peak_mib()
    return {
        "format": format,
        "rows": {k: len(v) for k, v in release.files.items()},
        "columns": {k: v.shape[1] for k, v in release.files.items()},
        "times": times,
        "total": sum(wall for wall, _cpu in times.values()),
        "cpu": sum(cpu for _wall, cpu in times.values()),
        "peak_mib": peak,
        "mib_written": size / 2**20,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("respondents", nargs="?", type=int, default=100_000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--edition", choices=("public", "internal"), default="public")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--records", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(Path(args.records), args.child, args.edition)))
        return
    formats = [f for f in args.formats.split(",") if f]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        parser.error(f"unknown format(s) {', '.join(unknown)}; formats: {', '.join(FORMATS)}")
    print(f"{args.respondents:,} respondents, {args.edition} edition, one process per format")
    results = []
    with tempfile.TemporaryDirectory() as folder:
        records = Path(folder) / "records.jsonl"
        _write_records(args.respondents, records)
        for format in formats:
            out = subprocess.run(
                [
                    sys.executable,
                    str(Path(__file__).resolve()),
                    str(args.respondents),
                    "--child",
                    format,
                    "--records",
                    str(records),
                    "--edition",
                    args.edition,
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            found = json.loads(out.stdout.strip().splitlines()[-1])
            results.append(found)
            steps = "  ".join(
                f"{k} {wall:5.2f} s (cpu {cpu:5.2f})" for k, (wall, cpu) in found["times"].items()
            )
            print(
                f"{format:<8} {steps}  = {found['total']:5.2f} s (cpu {found['cpu']:5.2f})"
                f"   peak {found['peak_mib']:6.0f} MiB   {found['mib_written']:6.1f} MiB written"
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
            f"{slowest['format']} {slowest['total']:.1f} s (cpu {slowest['cpu']:.1f} s), "
            f"largest peak {largest['format']} "
            f"{largest['peak_mib']:.0f} MiB; target < {TARGET_SECONDS:.0f} s and "
            f"< {TARGET_MIB:.0f} MiB: {'met' if ok else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
