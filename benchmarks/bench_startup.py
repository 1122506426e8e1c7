"""Start-up a user feels (issue 13): CLI commands, ``import analysis``, a server worker's memory.

Prints, each from fresh processes (median of ``--runs``):

* ``surveyapp --help`` and ``surveyapp questionnaire validate <vict_std.yaml>``
  (targets: under 0.5 s), wall and CPU time of the whole command;
* ``python -c "import analysis"`` and ``python -c "from analysis import
  SurveyDesign"`` (target for the first: under 0.3 s), and ``python -c pass``
  for the interpreter alone;
* the resident memory (VmRSS) of every gunicorn worker after it has served
  only respondent pages: ``--interviews`` whole interviews of the standard
  questionnaire on a fresh SQLite database (target: under 120 MB), and
  whether pandas, scipy, matplotlib or WeasyPrint are mapped into it.

The server is started as in ``benchmarks/bench_respond.py`` (whose helpers it
uses): gunicorn, gthread workers, no ``--preload``.

Usage::

    .venv/bin/python benchmarks/bench_startup.py
    .venv/bin/python benchmarks/bench_startup.py --runs 3 --interviews 10 --workers 1
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import bench_respond  # noqa: E402

#: shared libraries whose presence in a worker's memory map tells that the stack was loaded
STACK_LIBRARIES = ("pandas", "scipy", "matplotlib", "weasyprint", "statsmodels")


def median_seconds(command: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median wall and CPU (user + system) seconds of ``command`` in fresh processes.

    CPU time is the steadier figure on a shared machine: wall time grows with
    the other processes' load.
    """
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, cwd=ROOT, env=env, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def surveyapp_command() -> list[str]:
    """The installed console script next to this interpreter, else the same entry point."""
    script = Path(sys.executable).parent / "surveyapp"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from surveyapp.cli import main; main()"]


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def mapped_stack(pid: int) -> list[str]:
    """Which of STACK_LIBRARIES have a file mapped into the process."""
    maps = Path(f"/proc/{pid}/maps").read_text()
    return [name for name in STACK_LIBRARIES if f"/site-packages/{name}/" in maps]


def workers_of(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def worker_memory(args: argparse.Namespace) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    url = f"sqlite:///{tmp / 'bench.sqlite'}"
    bench_respond.prepare_database(url, {}, tmp / "instance")
    port = bench_respond.free_port()
    env = {
        **os.environ,
        "SURVEYAPP_DATABASE_URL": url,
        "SURVEYAPP_SECRET_KEY": "bench-secret",
        "PYTHONPATH": str(ROOT),
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        "gthread",
        "--threads",
        "4",
        "--log-level",
        "warning",
        "surveyapp:create_app(instance_path='" + str(tmp / "instance") + "')",
    ]
    with open(tmp / "gunicorn.log", "wb") as log:
        server = subprocess.Popen(command, env=env, cwd=str(tmp), stdout=log, stderr=log)
        try:
            bench_respond.wait_for_server(port, server)
            results, _elapsed = asyncio.run(
                bench_respond.run_respondents(
                    "127.0.0.1", port, args.workers * 2, args.interviews, 600.0
                )
            )
            workers = workers_of(server.pid)
            memory = [(resident_mb(pid), mapped_stack(pid)) for pid in workers]
        finally:
            server.terminate()
            server.wait(timeout=30)
    pages = results.pages
    print(
        f"gunicorn worker after respondent pages only ({results.completed} interviews, "
        f"{pages} pages, {args.workers} gthread workers x 4 threads, SQLite):"
    )
    for pid, (rss, stack) in zip(workers, memory, strict=True):
        print(
            f"   worker {pid}: {rss:.0f} MB resident (target < 120 MB); "
            f"analysis stack mapped: {', '.join(stack) or 'none'}"
        )
    if results.failures:
        print(f"   failures: {results.failures[:3]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per figure")
    parser.add_argument("--interviews", type=int, default=20, help="interviews served")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-server", action="store_true", help="skip the gunicorn part")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as instance:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "SURVEYAPP_INSTANCE_PATH": instance}
        cli = surveyapp_command()
        vict_std = ROOT / "questionnaires" / "instruments" / "vict_std.yaml"
        python = [sys.executable, "-c"]
        figures = [
            ("surveyapp --help", cli + ["--help"], "< 0.5 s"),
            (
                "surveyapp questionnaire validate vict_std.yaml",
                cli + ["questionnaire", "validate", str(vict_std)],
                "< 0.5 s",
            ),
            ("python -c pass (the interpreter alone)", python + ["pass"], ""),
            ('python -c "import analysis"', python + ["import analysis"], "< 0.3 s"),
            (
                'python -c "from analysis import SurveyDesign"',
                python + ["from analysis import SurveyDesign"],
                "",
            ),
            ('python -c "import pandas" (for comparison)', python + ["import pandas"], ""),
        ]
        print(f"start-up, median of {args.runs} fresh processes, wall time (CPU time):")
        for label, command, target in figures:
            wall, cpu = median_seconds(command, args.runs, env)
            print(
                f"   {label}: {wall:.3f} s ({cpu:.3f} s CPU)"
                + (f" (target {target})" if target else "")
            )
    if not args.no_server:
        worker_memory(args)


if __name__ == "__main__":
    main()
