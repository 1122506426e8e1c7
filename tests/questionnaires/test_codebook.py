"""Codebooks: one row per variable with labels, choices, conditions; HTML and CSV files."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from questionnaires.codebook import (
    CodebookRow,
    codebook_html,
    codebook_rows,
    codebook_table,
    write_codebook,
)
from questionnaires.loader import load_instrument, load_instrument_text, standard_instrument_paths
from questionnaires.model import Instrument

SMALL = Path(__file__).parent / "instruments" / "small.yaml"


@pytest.fixture(scope="module")
def small() -> Instrument:
    return load_instrument(SMALL)


@pytest.fixture(scope="module")
def rows(small: Instrument) -> dict[str, CodebookRow]:
    return {row.code: row for row in codebook_rows(small)}


def test_one_row_per_variable_in_order(small: Instrument) -> None:
    codes = [row.code for row in codebook_rows(small)]
    assert codes[:5] == ["age", "birth_date", "hh_size", "adults", "comments"]
    # notes store nothing; a grid is its rows; a repeat comes before its items
    assert "intro" not in codes and "thanks" not in codes and "safe_grid" not in codes
    assert codes.index("incident") + 1 == codes.index("inc_pos")
    assert codes[-3:] == ["safe_dark", "safe_home", "safe_transport"]


def test_labels_in_every_language(rows: dict[str, CodebookRow]) -> None:
    assert rows["age"].label == {"en": "How old are you?", "es": "¿Qué edad tiene?"}
    assert rows["safe_home"].label == {
        "en": "How safe do you feel… — at home at night?",
        "es": "¿Qué tan seguro se siente… — en su casa de noche?",
    }


def test_choices_with_codes_and_special_answers(rows: dict[str, CodebookRow]) -> None:
    assert rows["rob_yn"].choices == (
        (1, {"en": "Yes", "es": "Sí"}),
        (2, {"en": "No", "es": "No"}),
        (-8, {"en": "Don't know", "es": "No sabe"}),
        (-9, {"en": "Prefer not to answer", "es": "Prefiere no responder"}),
    )
    assert [code for code, _label in rows["safe_dark"].choices] == [1, 2, 3, 4, -8]
    assert rows["age"].choices == (
        (-9, {"en": "Prefer not to answer", "es": "Prefiere no responder"}),
    )


def test_relevance_combines_section_repeat_grid_and_item(rows: dict[str, CodebookRow]) -> None:
    assert rows["adults"].relevance == "${hh_size} > 1"
    assert rows["inc_loss"].relevance == "${n_incidents} > 0 and ${inc_place} != 1"
    assert rows["safe_transport"].relevance == "${rob_yn} = 1"
    assert rows["age"].relevance is None


def test_repeat_membership_constraint_and_details(rows: dict[str, CodebookRow]) -> None:
    assert rows["inc_place"].repeat == "incident"
    assert rows["incident"].repeat is None
    assert rows["incident"].details == "asked ${n_incidents} times"
    assert rows["age"].repeat is None
    assert rows["adults"].constraint == ". <= ${hh_size}"
    assert rows["age"].details == "min 15; max 110"
    assert rows["comments"].details == "at most 40 characters"
    assert rows["n_incidents"].details == "= if(${rob_n} > 0, min(${rob_n}, ${incident_cap}), 0)"
    assert rows["age"].required is True


def test_csv_is_utf8_with_bom_and_one_column_per_language(
    small: Instrument, tmp_path: Path
) -> None:
    path = tmp_path / "codebook.csv"
    write_codebook(small, path, format="csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table == codebook_table(small)
    header = table[0]
    assert header[:7] == [
        "code",
        "section",
        "type",
        "label_en",
        "label_es",
        "choices_en",
        "choices_es",
    ]
    rob = next(row for row in table if row[0] == "rob_yn")
    assert (
        rob[header.index("choices_es")]
        == "1 = Sí; 2 = No; -8 = No sabe; -9 = Prefiere no responder"
    )
    assert rob[header.index("required")] == "yes"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_standalone_and_accessible(small: Instrument) -> None:
    page = codebook_html(small)
    parser = _Page()
    parser.feed(page)
    tags = [tag for tag, _attrs in parser.tags]
    assert page.startswith("<!DOCTYPE html>")
    assert ("html", {"lang": "en"}) in parser.tags
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert "@media print" in page
    headers = [attrs for tag, attrs in parser.tags if tag == "th"]
    assert headers and all(attrs.get("scope") in {"col", "row"} for attrs in headers)
    assert tags.count("caption") == tags.count("table") == 4  # one per section with variables
    assert ("td", {"lang": "es"}) in parser.tags
    text = "".join(parser.text)
    assert "¿Qué edad tiene?" in text and "How old are you?" in text
    assert "Prefiere no responder" in text


def test_html_escapes_instrument_text(tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8").replace(
        '"How old are you?"', '"How old are <b>you</b> & yours?"'
    )
    instrument = load_instrument_text(text)
    path = tmp_path / "codebook.html"
    write_codebook(instrument, path)
    page = path.read_text(encoding="utf-8")
    assert "How old are &lt;b&gt;you&lt;/b&gt; &amp; yours?" in page
    assert "<b>you</b>" not in page


def test_unknown_format_is_refused(small: Instrument, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'html' or 'csv'"):
        write_codebook(small, tmp_path / "x.pdf", format="pdf")  # type: ignore[arg-type]


def test_the_standard_codebook_names_the_survey_each_question_is_based_on() -> None:
    (path,) = [p for p in standard_instrument_paths() if p.stem == "vict_std"]
    rows = {row.code: row for row in codebook_rows(load_instrument(path))}
    assert "ENVIPE" in rows["dis_shots"].source
    assert "LAPOP" in rows["part_meeting"].source
    assert "NCVS" in rows["inc_offender_age"].source and "ENVIPE" in rows["inc_offender_age"].source
    assert "SDG 16.1.4" in rows["per_dark"].source  # a code's own entry beats its module's
    newer = ("media_", "youth_", "inc_offender_age", "dis_", "nbhd_", "prot_", "part_")
    assert all(row.source for code, row in rows.items() if code.startswith(newer))
    table = codebook_table(load_instrument(path))
    assert table[0][-1] == "source"
    assert all(line[-1] for line in table[1:] if line[0].startswith(newer))
