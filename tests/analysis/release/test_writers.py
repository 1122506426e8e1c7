"""Every format reads back to the same tables and the same estimates; labels survive."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pyreadstat
import pytest

from analysis.indicators import compute_indicators
from analysis.release import FORMATS, Release, read_release, release_prefix, write_release

DOMAINS = ["national", "state", "sex"]


def _estimates(files: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return compute_indicators(
        files["respondent"],
        files["incident"],
        {"household_weight": None, "lonely_psu": "adjust"},
        domains=DOMAINS,
    )


@pytest.mark.parametrize("format", FORMATS)
def test_each_format_reads_back_to_the_same_values_and_estimates(
    release: Release, tmp_path: Path, format: str
) -> None:
    write_release(release, tmp_path, format)  # type: ignore[arg-type]
    back = read_release(tmp_path, release_prefix(release), format)  # type: ignore[arg-type]
    assert set(back) == {"respondent", "incident", "household"}
    for name, frame in release.files.items():
        got = back[name]
        assert list(got.columns) == list(frame.columns)
        for var in release.variables[name]:
            if var.numeric:
                np.testing.assert_array_equal(
                    got[var.name].to_numpy(dtype=float),
                    frame[var.name].to_numpy(dtype=float),
                    err_msg=f"{format} {name}.{var.name}",
                )
            else:
                assert (
                    got[var.name].tolist()
                    == frame[var.name].astype(object).where(frame[var.name].notna(), None).tolist()
                ), f"{format} {name}.{var.name}"
    expected = _estimates(dict(release.files))
    found = _estimates(back)
    pd.testing.assert_frame_equal(found, expected, check_exact=True)


def test_spss_keeps_labels_value_labels_and_declared_missing(
    release: Release, tmp_path: Path
) -> None:
    write_release(release, tmp_path, "sav")
    frame, meta = pyreadstat.read_sav(
        str(tmp_path / "sim-7_internal_respondent.sav"), user_missing=True
    )
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    trust = release.variable("respondent", "trust_police")
    assert labels["trust_police"] == trust.label
    values = meta.variable_value_labels["trust_police"]
    assert values[-8] == "No sabe" and values[-7] == "No aplica"
    assert {r["lo"] for r in meta.missing_ranges["trust_police"]} == {
        -8.0,
        -7.0,
    }  # trust_police takes "don't know" only
    # blanks were written as -7 and read back as that declared missing value
    assert (frame["trust_police"] == -7).sum() == release.files["respondent"][
        "trust_police"
    ].isna().sum()


def test_stata_uses_extended_missing_values_with_labels(release: Release, tmp_path: Path) -> None:
    write_release(release, tmp_path, "dta")
    frame, meta = pyreadstat.read_dta(
        str(tmp_path / "sim-7_internal_respondent.dta"), user_missing=True
    )
    values = meta.variable_value_labels["trust_police"]
    assert values["a"] == "No sabe" and values["c"] == "No aplica"
    original = release.files["respondent"]["trust_police"]
    assert (frame["trust_police"] == "a").sum() == (original == -8).sum() > 0
    assert (frame["trust_police"] == "c").sum() == original.isna().sum()
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    assert all(len(label) <= 80 for label in labels.values())


def test_parquet_fields_carry_labels(release: Release, tmp_path: Path) -> None:
    write_release(release, tmp_path, "parquet")
    schema = pq.read_schema(tmp_path / "sim-7_internal_respondent.parquet")
    field = schema.field("dem_sex")
    assert field.metadata[b"label"].decode() == "Usted es…"
    assert b'"2": "Mujer"' in field.metadata[b"value_labels"]


def test_the_csv_codebook_lists_every_variable(release: Release, tmp_path: Path) -> None:
    write_release(release, tmp_path, "csv")
    codebook = pd.read_csv(
        tmp_path / "sim-7_internal_codebook.csv", dtype=str, keep_default_na=False
    )
    assert len(codebook) == sum(len(v) for v in release.variables.values())
    sex = codebook[(codebook["file"] == "respondent") & (codebook["name"] == "dem_sex")].iloc[0]
    assert sex["values"] == "1 = Hombre; 2 = Mujer"
    assert sex["blank"] == "not applicable"
    assert (
        (tmp_path / "sim-7_internal_respondent.csv")
        .read_text(encoding="utf-8")
        .startswith("interview_id,")
    )


def test_a_bad_format_or_folder_is_refused(release: Release, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="format must be one of"):
        write_release(release, tmp_path, "sas")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="is not a directory"):
        write_release(release, tmp_path / "missing", "csv")


@pytest.mark.parametrize("format", FORMATS)
def test_text_with_commas_quotes_newlines_markup_and_accents_survives(
    release: Release, tmp_path: Path, format: str
) -> None:
    text = 'Calle 5, "el puente"\nsegunda línea & <b>'
    frame = release.files["respondent"].copy()
    frame["note"] = [text] + [None] * (len(frame) - 1)
    changed = release.with_files({**release.files, "respondent": frame})
    write_release(changed, tmp_path, format)  # type: ignore[arg-type]
    back = read_release(tmp_path, release_prefix(changed), format)  # type: ignore[arg-type]
    assert back["respondent"]["note"].iloc[0] == text
    assert back["respondent"]["note"].iloc[1] in (None, "")  # SPSS and Stata have no blank text


@pytest.mark.parametrize("format", FORMATS)
def test_every_format_has_a_readme_saying_how_to_set_up_the_design(
    release: Release, tmp_path: Path, format: str
) -> None:
    # an analyst got stratum, psu and weight but no word on how the tables were estimated
    written = write_release(release, tmp_path, format)  # type: ignore[arg-type]
    readme = tmp_path / f"sim-7_internal_readme_{format}.md"
    assert readme in written
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Encuesta simulada: microdatos, edición interna")
    data_file = "sim-7_internal.xlsx" if format == "xlsx" else f"sim-7_internal_respondent.{format}"
    assert f'"{data_file}"' in text, "R reads this release's own file"
    assert (
        "svydesign(id = ~psu, strata = ~stratum, weights = ~weight, nest = TRUE, data = resp)"
        in text
    )
    assert 'options(survey.lonely.psu = "adjust")' in text and "level = 0.9" in text
    assert "svyset psu [pweight = weight], strata(stratum)" in text
    assert "CSPLAN ANALYSIS" in text and "intervalos al 90" in text
    # the reporting rate's published SE comes from respondent sums, not the incident file
    assert "estime el cociente con el diseño de los entrevistados" in text
    assert ("`.a`, `.b` y `.c`" in text) == (format == "dta")
    assert ("-7 no aplica" in text) == (format == "sav")


def test_the_codebook_csv_has_a_byte_order_mark_for_excel(release: Release, tmp_path: Path) -> None:
    # without one, Excel in a Spanish locale showed 'Â¿CuÃ¡ntos aÃ±os' for every label
    write_release(release, tmp_path, "csv")
    raw = (tmp_path / "sim-7_internal_codebook.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbffile,name,label,")
    assert list(pd.read_csv(tmp_path / "sim-7_internal_codebook.csv").columns)[0] == "file"


def test_a_long_title_is_shortened_in_the_spss_file_label_not_the_file_name(
    release: Release, tmp_path: Path
) -> None:
    # SPSS keeps 64 bytes: '... (semilla 1) — respondent (public)' was cut to '— respond'
    from dataclasses import replace

    long = replace(
        release,
        study=replace(release.study, title="Encuesta de victimización simulada 2026 (semilla 1)"),
    )
    write_release(long, tmp_path, "sav")
    _frame, meta = pyreadstat.read_sav(
        str(tmp_path / "sim-7_internal_respondent.sav"), metadataonly=True
    )
    assert meta.file_label.endswith("… — respondent (internal)")
    assert meta.file_label.startswith("Encuesta de victimización")
    assert len(meta.file_label.encode("utf-8")) <= 64


def test_spss_variables_have_a_measurement_level(release: Release, tmp_path: Path) -> None:
    # every variable was 'unknown', so SPSS asked to scan the data before most procedures
    write_release(release, tmp_path, "sav")
    _frame, meta = pyreadstat.read_sav(
        str(tmp_path / "sim-7_internal_respondent.sav"), metadataonly=True
    )
    measure = meta.variable_measure
    assert measure["dem_sex"] == measure["trust_police"] == measure["stratum"] == "nominal"
    assert measure["weight"] == measure["dem_age"] == "scale"
    assert "unknown" not in set(measure.values())
