"""A server worker and the CLI start without the analysis and report stack (issue 13).

Checked in fresh processes: what ``import surveyapp`` and ``create_app`` load
(a behaviour, not a timing). The stack loads with the first report, export or
observatory table, in the process that needs it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STACK = (
    "pandas",
    "scipy",
    "statsmodels",
    "matplotlib",
    "weasyprint",
    "openpyxl",
    "analysis.report",
    "analysis.indicators",
    "analysis.design",
)


def stack_loaded_after(code: str, tmp_path: Path) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "SURVEYAPP_INSTANCE_PATH": str(tmp_path)},
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1])) & set(STACK)


def test_importing_the_server_and_building_the_app_load_no_analysis_stack(
    tmp_path: Path,
) -> None:
    code = (
        "from surveyapp import create_app\n"
        f"create_app({{'DATABASE_URL': 'sqlite:///{tmp_path}/db.sqlite', 'SECRET_KEY': 'x'}})\n"
    )
    assert stack_loaded_after(code, tmp_path) == set()


def test_the_cli_commands_are_registered_without_the_analysis_stack(tmp_path: Path) -> None:
    code = (
        "from surveyapp.commands import register_commands\n"
        "from surveyapp.cli import cli\n"
        "import questionnaires.cli\n"
    )
    assert stack_loaded_after(code, tmp_path) == set()
