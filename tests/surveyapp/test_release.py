"""``surveyapp microdata export`` and ``ddi`` on a demo-sized wave (services/release.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskCliRunner
from lxml import etree

from analysis import release as library
from analysis.indicators import compute_indicators, with_minimum_cases
from analysis.release import read_release
from surveyapp.extensions import db
from surveyapp.models import Interview, Wave
from surveyapp.services import release as service
from surveyapp.services.reports import indicator_table
from surveyapp.services.reports.settings import DEFAULT_SETTINGS
from surveyapp.services.reports.tables import DOMAINS, REPORT_DESIGN

from .conftest import TinyWave

SCHEMA = Path(__file__).resolve().parents[1] / "fixtures" / "ddi" / "codebook_2_5_1" / "schemas"


def _export(  # type: ignore[no-untyped-def]
    runner: FlaskCliRunner,
    wave: str,
    out: Path,
    fmt: str,
    edition: str = "internal",
    policy: Path | None = None,
):
    extra = ["--policy", str(policy)] if policy is not None else []
    return runner.invoke(
        args=[
            "microdata",
            "export",
            "--wave",
            wave,
            "--edition",
            edition,
            "--format",
            fmt,
            "--lang",
            "es",
            "-o",
            str(out),
            *extra,
        ]
    )


def test_the_service_offers_the_librarys_formats_and_editions() -> None:
    assert service.FORMATS == library.FORMATS
    assert service.EDITIONS == library.EDITIONS


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "dta", "sav", "parquet"])
def test_each_exported_format_reproduces_the_observatory_tables(
    app: Flask,
    runner: FlaskCliRunner,
    tiny_wave: Callable[..., TinyWave],
    tmp_path: Path,
    fmt: str,
) -> None:
    wave = tiny_wave()
    result = _export(runner, wave.slug, tmp_path, fmt)
    assert result.exit_code == 0, result.output
    files = read_release(tmp_path, f"{wave.slug}_internal", fmt)  # type: ignore[arg-type]
    with app.app_context():
        shown = indicator_table(db.session, db.session.get(Wave, wave.id))  # type: ignore[arg-type]
    settings = DEFAULT_SETTINGS
    again = compute_indicators(
        files["respondent"],
        files["incident"],
        design_spec=REPORT_DESIGN,
        domains=[d for d in DOMAINS if d != "sex" or "dem_sex" in files["respondent"]],
        quality=with_minimum_cases(settings.quality, settings.min_cases),
    )
    assert len(shown) > 500
    pd.testing.assert_frame_equal(again, shown, check_exact=True)


def test_the_public_edition_comes_with_its_disclosure_report(
    app: Flask, runner: FlaskCliRunner, tiny_wave: Callable[..., TinyWave], tmp_path: Path
) -> None:
    wave = tiny_wave()
    out = tmp_path / "release"  # created by the command
    result = _export(runner, str(wave.id), out, "csv", edition="public")
    assert result.exit_code == 0, result.output
    prefix = f"{wave.slug}_public"
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        f"{prefix}_{n}"
        for n in (
            "respondent.csv",
            "incident.csv",
            "codebook.csv",
            "readme_csv.md",
            "disclosure.md",
            "disclosure.json",
        )
    )
    files = read_release(out, prefix, "csv")
    with app.app_context():
        internal = [
            str(i)
            for i in db.session.scalars(
                sa.select(Interview.id).where(Interview.wave_id == wave.id).order_by(Interview.id)
            )
        ]
    public_ids = files["respondent"]["interview_id"].astype(str).tolist()
    assert len(public_ids) == len(internal) and public_ids != internal  # pseudonyms
    assert set(files["incident"]["interview_id"].astype(str)) <= set(public_ids)  # still linked
    assert "p_psu" not in files["respondent"].columns
    assert "# " in (out / f"{prefix}_disclosure.md").read_text(encoding="utf-8")


def test_the_ddi_command_writes_a_valid_ddi_codebook(
    runner: FlaskCliRunner, tiny_wave: Callable[..., TinyWave], tmp_path: Path
) -> None:
    wave = tiny_wave()
    out = tmp_path / "wave.xml"
    result = runner.invoke(
        args=["microdata", "ddi", "--wave", wave.slug, "--lang", "en", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    schema = etree.XMLSchema(etree.parse(str(SCHEMA / "codebook.xsd")))
    doc = etree.parse(str(out))
    assert schema.validate(doc), schema.error_log
    assert doc.getroot().get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_rosters_become_the_household_file(
    app: Flask, runner: FlaskCliRunner, tiny_wave: Callable[..., TinyWave], tmp_path: Path
) -> None:
    wave = tiny_wave()
    with app.app_context():
        interview = db.session.scalars(
            sa.select(Interview).where(Interview.wave_id == wave.id).order_by(Interview.id)
        ).first()
        assert interview is not None
        interview.household = {
            "method": "kish",
            "seed": 7,
            "roster": [{"line": 1, "sex": "f", "age": 35}, {"line": 2, "sex": "m", "age": 4}],
            "selected_line": 1,
            "draws": [],
        }
        db.session.commit()
    assert _export(runner, wave.slug, tmp_path, "sav").exit_code == 0
    files = read_release(tmp_path, f"{wave.slug}_internal", "sav")
    roster = files["household"]
    assert roster["age"].tolist() == [35.0, 4.0]
    assert roster["selected"].tolist() == [1.0, 0.0]


def test_bad_arguments_get_clear_errors_and_write_nothing(
    runner: FlaskCliRunner, tiny_wave: Callable[..., TinyWave], tmp_path: Path
) -> None:
    wave = tiny_wave()
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    unknown = _export(runner, "atlantis", tmp_path, "csv")
    assert unknown.exit_code == 2 and "no wave 'atlantis'" in unknown.output
    assert wave.slug in unknown.output  # the waves there are are listed
    for ref in ("²", "9" * 5000, "2147483648"):  # "²" is a digit to isdigit(), not to int()
        odd = _export(runner, ref, tmp_path, "csv")
        assert odd.exit_code == 2 and "no wave" in odd.output, odd.output
    bad_format = _export(runner, wave.slug, tmp_path, "sas")
    assert bad_format.exit_code == 2 and "'sas' is not one of" in bad_format.output
    bad_lang = runner.invoke(
        args=[
            "microdata",
            "export",
            "--wave",
            wave.slug,
            "--edition",
            "internal",
            "--format",
            "csv",
            "--lang",
            "de",
            "-o",
            str(tmp_path),
        ]
    )
    assert bad_lang.exit_code == 2 and "'de' is not one of" in bad_lang.output
    bad_edition = _export(runner, wave.slug, tmp_path, "csv", edition="secret")
    assert bad_edition.exit_code == 2 and "'secret' is not one of" in bad_edition.output
    a_file = tmp_path / "taken"
    a_file.write_text("keep me")
    not_a_dir = _export(runner, wave.slug, a_file, "csv")
    assert not_a_dir.exit_code == 1 and "exists and is not a directory" in not_a_dir.output
    assert a_file.read_text() == "keep me"
    no_folder = runner.invoke(
        args=["microdata", "ddi", "--wave", wave.slug, "-o", str(tmp_path / "nowhere" / "wave.xml")]
    )
    assert no_folder.exit_code == 1 and "does not exist" in no_folder.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


def test_a_wave_without_interviews_is_refused(
    app: Flask, runner: FlaskCliRunner, tiny_wave: Callable[..., TinyWave], tmp_path: Path
) -> None:
    wave = tiny_wave()
    with app.app_context():
        db.session.execute(sa.delete(Interview).where(Interview.wave_id == wave.id))
        db.session.commit()
    result = _export(runner, wave.slug, tmp_path / "out", "csv")
    assert result.exit_code == 1 and "no completed interviews" in result.output


def test_interview_records_share_each_code_between_documents(
    app: Flask, tiny_wave: Callable[..., TinyWave]
) -> None:
    from surveyapp.services.reports.records import interview_records

    wave = tiny_wave()
    with app.app_context():
        records, _provisional = interview_records(db.session, db.session.get(Wave, wave.id))  # type: ignore[arg-type]
    first, second = records[0]["answers"], records[1]["answers"]
    shared = sorted(set(first) & set(second))
    assert shared
    keys_first = {k: k for k in first}
    keys_second = {k: k for k in second}
    assert all(keys_first[k] is keys_second[k] for k in shared)  # one string per code


def test_a_declared_policy_file_governs_the_public_edition(
    runner: FlaskCliRunner, tiny_wave: Callable[..., TinyWave], tmp_path: Path
) -> None:
    wave = tiny_wave()
    policy = tmp_path / "policy.yaml"
    policy.write_text("k: 5\ntop_codes: {hh_size: 4, pv_*_n: 10}\n", encoding="utf-8")
    out = tmp_path / "release"
    result = _export(runner, str(wave.id), out, "csv", edition="public", policy=policy)
    assert result.exit_code == 0, result.output
    figures = json.loads((out / f"{wave.slug}_public_disclosure.json").read_text("utf-8"))
    assert figures["policy"]["k"] == 5
    files = read_release(out, f"{wave.slug}_public", "csv")
    assert files["respondent"]["hh_size"].max() <= 4

    for text, named in (
        ("- k: 5\n", "mapping"),
        ("k: [\n", "not valid YAML"),
        ("k: 0\n", "k"),
        ("colour: blue\n", "colour"),
    ):
        bad = tmp_path / "bad.yaml"
        bad.write_text(text, encoding="utf-8")
        target = tmp_path / f"bad-{len(text)}"
        result = _export(runner, str(wave.id), target, "csv", edition="public", policy=bad)
        assert result.exit_code != 0 and named in result.output, (text, result.output)
        assert not target.exists() or not any(target.iterdir())
    result = _export(runner, str(wave.id), tmp_path / "i", "csv", policy=policy)
    assert result.exit_code != 0 and "public edition only" in result.output


def test_grouped_and_top_coded_variables_say_so_in_the_public_files(
    runner: FlaskCliRunner, tiny_wave: Callable[..., TinyWave], tmp_path: Path
) -> None:
    # dem_age is published as the lower limit of its group (30 for 30-44), but the .sav
    # and the codebook still said '¿Cuántos años cumplidos tiene?' with no value labels
    import pyreadstat

    wave = tiny_wave()
    out = tmp_path / "release"
    for fmt in ("sav", "csv"):
        result = _export(runner, str(wave.id), out, fmt, edition="public")
        assert result.exit_code == 0, result.output
    frame, meta = pyreadstat.read_sav(str(out / f"{wave.slug}_public_respondent.sav"))
    ages = meta.variable_value_labels["dem_age"]
    assert {ages[18.0], ages[30.0], ages[75.0]} == {"18–29", "30–44", "75+"}
    assert set(frame["dem_age"].dropna()) <= set(ages), "every published age has its label"
    assert meta.variable_value_labels["hh_size"][6.0] == "6+"
    codebook = pd.read_csv(out / f"{wave.slug}_public_codebook.csv", keep_default_na=False)
    row = codebook[(codebook["file"] == "respondent") & (codebook["name"] == "dem_age")].iloc[0]
    assert "límite inferior de su grupo (18–29, 30–44, 45–59, 60–74, 75+)" in row["derivation"]
    size = codebook[(codebook["file"] == "respondent") & (codebook["name"] == "hh_size")].iloc[0]
    assert "mayores que 6 se publican como 6" in size["derivation"]
    assert "6 = 6+" in size["values"]


def test_several_formats_exported_at_once_or_into_one_folder_each_keep_their_read_me(
    runner: FlaskCliRunner, tiny_wave: Callable[..., TinyWave], tmp_path: Path
) -> None:
    # one read-me per folder: the second format's overwrote the first's, whose R, Stata and
    # SPSS calls named the other format's files
    wave = tiny_wave()
    prefix = f"{wave.slug}_internal"
    both = runner.invoke(
        args=[
            "microdata", "export", "--wave", wave.slug, "--edition", "internal",
            "--format", "dta", "--format", "sav", "--lang", "es", "-o", str(tmp_path / "both"),
        ]
    )  # fmt: skip
    assert both.exit_code == 0, both.output
    again = _export(runner, wave.slug, tmp_path / "both", "csv")
    assert again.exit_code == 0, again.output
    for fmt in ("dta", "sav", "csv"):
        readme = tmp_path / "both" / f"{prefix}_readme_{fmt}.md"
        assert f"wrote {readme}" in (both.output + again.output)
        text = readme.read_text(encoding="utf-8")
        assert f'"{prefix}_respondent.{fmt}"' in text, fmt
        assert (tmp_path / "both" / f"{prefix}_respondent.{fmt}").is_file()
        others = {"dta", "sav", "csv"} - {fmt}
        assert not any(f"_respondent.{other}" in text for other in others), fmt
    assert not (tmp_path / "both" / f"{prefix}_readme.md").exists()
