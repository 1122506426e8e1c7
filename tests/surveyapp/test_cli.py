"""The console script: its fast command list matches the app's commands (issue 13)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from flask.cli import FlaskGroup, ScriptInfo

from surveyapp import create_app
from surveyapp.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[2]
VICT_STD = ROOT / "questionnaires" / "instruments" / "vict_std.yaml"


@pytest.fixture
def instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SURVEYAPP_INSTANCE_PATH", str(tmp_path))
    return tmp_path


def test_the_listed_commands_are_those_the_app_registers(instance: Path) -> None:
    registered = {}
    # closing the context pops the app context Flask pushes to look commands up
    with click.Context(cli, obj=ScriptInfo(create_app=create_app)) as ctx:
        for name in FlaskGroup.list_commands(cli, ctx):
            command = FlaskGroup.get_command(cli, ctx, name)
            assert command is not None
            registered[name] = command.get_short_help_str(limit=1000)
    assert registered == COMMANDS, (
        "a command was added or its help changed: update surveyapp/cli.py"
    )


def test_help_lists_every_command_without_building_the_app(instance: Path) -> None:
    code = (
        "import sys\n"
        "from surveyapp.cli import main\n"
        "sys.argv = ['surveyapp', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('server loaded' if 'surveyapp.models' in sys.modules else 'server not loaded')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    for name in COMMANDS:
        assert f"\n  {name} " in out
    assert out.rstrip().endswith("server not loaded")


def test_questionnaire_commands_run_without_the_app(instance: Path) -> None:
    result = CliRunner().invoke(cli, ["questionnaire", "validate", str(VICT_STD)])
    assert result.exit_code == 0, result.output
    assert "vict_std.yaml" in result.output


@pytest.mark.parametrize(
    ("args", "table"),
    [
        (["token", "list"], "read_tokens"),
        (["questionnaire", "load", str(VICT_STD)], "instrument_versions"),
        (["fieldwork", "assign", "--wave", "w", "--interviewer", "a@b.org", "--units", "U1"], None),
    ],
)
def test_a_command_on_a_database_without_tables_says_to_run_init(
    instance: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], table: str | None
) -> None:
    monkeypatch.setenv("SURVEYAPP_SECRET_KEY", "k")
    monkeypatch.setenv("SURVEYAPP_DATABASE_URL", f"sqlite:///{instance / 'empty.sqlite'}")
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1 and result.exception is not None
    assert isinstance(result.exception, SystemExit)  # click's error exit, not a traceback
    assert "the database has no tables for this yet (no such table:" in result.output
    assert "run `surveyapp init`" in result.output
    if table:
        assert f"no such table: {table})" in result.output


def test_a_command_that_cannot_reach_the_database_says_so(
    instance: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SURVEYAPP_SECRET_KEY", "k")
    monkeypatch.setenv(
        "SURVEYAPP_DATABASE_URL", f"sqlite:///{instance / 'no' / 'dir' / 'x.sqlite'}"
    )
    result = CliRunner().invoke(cli, ["token", "list"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "the database could not do this: unable to open database file" in result.output
    assert "check SURVEYAPP_DATABASE_URL" in result.output
