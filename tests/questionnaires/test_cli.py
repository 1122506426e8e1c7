"""The ``questionnaire`` command group, driven through click's CliRunner."""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest
from click.testing import CliRunner

from questionnaires.cli import questionnaire
from questionnaires.loader import load_instrument

SMALL = Path(__file__).parent / "instruments" / "small.yaml"


def _factory() -> ModuleType:
    # Tests are not a package (pytest --import-mode=importlib): load the sibling by path.
    if "xlsform_factory" not in sys.modules:
        path = Path(__file__).with_name("xlsform_factory.py")
        spec = importlib.util.spec_from_file_location("xlsform_factory", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["xlsform_factory"] = module
        spec.loader.exec_module(module)
    return sys.modules["xlsform_factory"]


factory = _factory()


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def kobo_form(tmp_path: Path) -> Path:
    path = tmp_path / "kobo.xlsx"
    path.write_bytes(factory.workbook_bytes(**factory.kobo_victimization_form()))
    return path


def test_validate_accepts_a_valid_instrument(runner: CliRunner) -> None:
    result = runner.invoke(questionnaire, ["validate", str(SMALL)])
    assert result.exit_code == 0, result.output
    assert "ok (small_vict 0.3" in result.output


def test_validate_lists_every_problem_one_per_line(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    text = SMALL.read_text(encoding="utf-8")
    text = text.replace('relevant: "${hh_size} > 1"', 'relevant: "${nowhere} > 1"')
    text = text.replace(
        'choices: yes_no\n        required: true\n        label: {en: "Were',
        'choices: no_such_list\n        required: true\n        label: {en: "Were',
    )
    broken.write_text(text, encoding="utf-8")
    result = runner.invoke(questionnaire, ["validate", str(SMALL), str(broken)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith(str(broken))]
    assert len(lines) >= 2
    assert any(": adults: " in line and "nowhere" in line for line in lines)
    assert any(": rob_yn: " in line and "no_such_list" in line for line in lines)
    for line in lines:  # file:line: item: message
        assert line.split(":")[1].isdigit(), line


def test_import_writes_yaml_that_loads_and_prints_warnings(
    runner: CliRunner, kobo_form: Path, tmp_path: Path
) -> None:
    out = tmp_path / "kobo.yaml"
    result = runner.invoke(questionnaire, ["import-xlsform", str(kobo_form), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "survey row 14, column type: type 'geopoint' is not supported" in result.output
    instrument = load_instrument(out)
    assert instrument.id == "vict_kobo"
    assert instrument.item("car_other").relevant == "${car} = 1 and selected(${car_theft}, 4)"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Imported from kobo.xlsx")
    assert "#   survey row 14, column type" in text
    assert "label: {es: '¿Tiene auto?', en: 'Do you own a car?'}" in text
    assert 'relevant: "${car} = 1 and ${hh_size} > 1"' in text


def test_import_refuses_to_overwrite_without_force(
    runner: CliRunner, kobo_form: Path, tmp_path: Path
) -> None:
    out = tmp_path / "kobo.yaml"
    out.write_text("keep me", encoding="utf-8")
    result = runner.invoke(questionnaire, ["import-xlsform", str(kobo_form), "-o", str(out)])
    assert result.exit_code == 1
    assert "--force" in result.output
    assert out.read_text(encoding="utf-8") == "keep me"
    forced = runner.invoke(
        questionnaire, ["import-xlsform", str(kobo_form), "-o", str(out), "--force"]
    )
    assert forced.exit_code == 0, forced.output
    assert load_instrument(out).id == "vict_kobo"


def test_import_of_a_broken_workbook_names_the_row(runner: CliRunner, tmp_path: Path) -> None:
    form = tmp_path / "broken.xlsx"
    form.write_bytes(
        factory.workbook_bytes(
            [
                {"type": "begin_group", "name": "g", "label": "G"},
                {"type": "integer", "name": "a", "label": "A"},
            ]
        )
    )
    out = tmp_path / "out.yaml"
    result = runner.invoke(questionnaire, ["import-xlsform", str(form), "-o", str(out)])
    assert result.exit_code == 1
    assert "broken.xlsx: survey row 2, column type: the group 'g' is never ended" in result.output
    assert not out.exists()


def test_export_writes_an_xlsform(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "small.xlsx"
    result = runner.invoke(questionnaire, ["export-xlsform", str(SMALL), "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["survey", "choices", "settings"]
    back = tmp_path / "back.yaml"
    again = runner.invoke(questionnaire, ["import-xlsform", str(out), "-o", str(back)])
    assert again.exit_code == 0, again.output
    assert load_instrument(back).content_hash == load_instrument(SMALL).content_hash


def test_export_of_an_invalid_instrument_lists_problems(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\n", encoding="utf-8")
    result = runner.invoke(
        questionnaire, ["export-xlsform", str(broken), "-o", str(tmp_path / "x.xlsx")]
    )
    assert result.exit_code == 1
    assert str(broken) in result.output


@pytest.mark.parametrize("suffix", ["html", "csv"])
def test_codebook_format_follows_the_extension(
    runner: CliRunner, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"codebook.{suffix}"
    result = runner.invoke(questionnaire, ["codebook", str(SMALL), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    if suffix == "csv":
        assert data.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert rows[0][:3] == ["code", "section", "type"]
    else:
        assert data.startswith(b"<!DOCTYPE html>")


def test_codebook_rejects_other_extensions(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(questionnaire, ["codebook", str(SMALL), "-o", str(tmp_path / "c.pdf")])
    assert result.exit_code == 2
    assert ".html or .csv" in result.output
