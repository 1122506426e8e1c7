"""Importing sample units from CSV."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from surveyapp.models import Area, AreaLevel, SampleUnit, Wave
from surveyapp.services.areas import create_area
from surveyapp.services.sample import RowError, import_sample_units


def _units(session: Session, wave: Wave) -> list[SampleUnit]:
    return list(
        session.scalars(
            sa.select(SampleUnit).where(SampleUnit.wave_id == wave.id).order_by(SampleUnit.id)
        )
    )


def _areas(session: Session) -> tuple[Area, Area]:
    mx = create_area(session, level=AreaLevel.country, code="MX", name="México")
    nl = create_area(session, level=AreaLevel.region, code="19", name="Nuevo León", parent=mx)
    return mx, create_area(
        session, level=AreaLevel.municipality, code="039", name="Monterrey", parent=nl
    )


def test_good_file_with_semicolons_bom_and_decimal_commas(session: Session, wave: Wave) -> None:
    _mx, mty = _areas(session)
    data = (
        "\ufeffExternal ID;Address;area_code;stratum;psu;selection_probability;eligible_adults\r\n"
        "H-001;Calle 1, Centro;039;urban;P1;0,002;2\r\n"
        "\r\n"
        "H-002;;;urban;P1;;\r\n"
    ).encode()
    result = import_sample_units(session, wave, data)
    assert result.ok and result.rows_read == 2
    units = _units(session, wave)
    assert [u.external_id for u in units] == ["H-001", "H-002"]
    assert units[0].area_id == mty.id and units[0].selection_probability == pytest.approx(0.002)
    assert units[0].eligible_adults == 2 and units[0].address == "Calle 1, Centro"
    assert units[1].area_id is None and units[1].selection_probability is None


def test_every_bad_row_is_reported_and_nothing_stored(session: Session, wave: Wave) -> None:
    _areas(session)
    data = (
        "external_id,area_code,selection_probability,eligible_adults\n"
        "H1,039,0.5,2\n"  # line 2: fine
        ",039,0.5,2\n"  # line 3: no id
        "H1,039,0.5,2\n"  # line 4: repeated id
        "H4,999,1.5,x\n"  # line 5: three bad cells
        "H5,039\n"  # line 6: short row
    )
    result = import_sample_units(session, wave, data)
    assert not result.ok and result.imported == []
    assert _units(session, wave) == []
    assert result.errors == [
        RowError(3, "external_id", "is empty; every sample unit needs an id"),
        RowError(4, "external_id", '"H1" is repeated (first on line 2)'),
        RowError(
            5,
            "selection_probability",
            "1.5 is not a probability: it must be more than 0 and at most 1",
        ),
        RowError(5, "eligible_adults", '"x" is not a whole number of adults'),
        RowError(5, "area_code", 'no area with code "999" in this wave\'s areas'),
        RowError(6, None, "has 2 fields but the header has 4"),
    ]
    assert str(result.errors[2]).startswith("line 5, column selection_probability: ")


def test_allow_partial_keeps_the_good_rows(session: Session, wave: Wave) -> None:
    result = import_sample_units(
        session, wave, "external_id,eligible_adults\nA,1\nB,-1\nC,3\n", allow_partial=True
    )
    assert [u.external_id for u in _units(session, wave)] == ["A", "C"]
    assert [(e.line, e.column) for e in result.errors] == [(3, "eligible_adults")]


def test_ids_already_in_the_wave_are_refused(session: Session, wave: Wave) -> None:
    assert import_sample_units(session, wave, "external_id\nA\n").ok
    result = import_sample_units(session, wave, "external_id\nB\nA\n")
    assert [(e.line, e.column) for e in result.errors] == [(3, "external_id")]
    assert [u.external_id for u in _units(session, wave)] == ["A"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", [(1, None)]),
        (b"external_id\n", [(2, None)]),
        (b"id,address\nA,x\n", [(1, "id"), (1, "external_id")]),
        (b"external_id,address,address\nA,x,y\n", [(1, "address")]),
        ("external_id,address\nA,Peñalolén\n".encode() + b"B,\xf1\n", [(3, None)]),
        (b"external_id\n" + b"x" * 65 + b"\n", [(2, "external_id")]),
    ],
)
def test_malformed_files(
    session: Session, wave: Wave, data: bytes, expected: list[tuple[int, str | None]]
) -> None:
    result = import_sample_units(session, wave, data)
    assert [(e.line, e.column) for e in result.errors] == expected
    assert _units(session, wave) == []


def test_area_codes_are_limited_to_the_waves_areas(session: Session, wave: Wave) -> None:
    mx, mty = _areas(session)
    ar = create_area(session, level=AreaLevel.country, code="AR", name="Argentina")
    ba = create_area(session, level=AreaLevel.region, code="02", name="CABA", parent=ar)
    create_area(session, level=AreaLevel.municipality, code="039", name="Otra", parent=ba)
    # Without wave areas the code is ambiguous; with Mexico as the wave's area it is not.
    assert [
        e.column
        for e in import_sample_units(session, wave, "external_id,area_code\nA,039\n").errors
    ] == ["area_code"]
    wave.areas = [mx]
    session.flush()
    assert import_sample_units(session, wave, "external_id,area_code\nA,039\n").ok
    assert _units(session, wave)[0].area_id == mty.id


def test_a_code_two_municipalities_share_is_given_by_its_code_path(
    session: Session, wave: Wave
) -> None:
    """Municipality 039 of Nuevo León and 039 of Jalisco: a national sample's '039' was
    'ambiguous; use the code of a smaller area', and no smaller area exists. The code path
    the Areas page shows (MX/19/039) now names the one meant, and the message says so."""
    mx, mty = _areas(session)
    jal = create_area(session, level=AreaLevel.region, code="14", name="Jalisco", parent=mx)
    create_area(session, level=AreaLevel.municipality, code="039", name="Guadalajara", parent=jal)
    wave.areas = [mx]
    session.flush()
    ambiguous = import_sample_units(session, wave, "external_id,area_code\nA,039\n").errors
    assert [str(e.message) for e in ambiguous] == [
        'code "039" matches 2 areas; write its code path instead, e.g. MX/14/039, MX/19/039'
    ]
    data = "external_id;area_code\r\nA;MX/19/039\r\nB;MX/19/040\r\n"
    result = import_sample_units(session, wave, data)
    assert [(e.line, e.column) for e in result.errors] == [(3, "area_code")]
    assert import_sample_units(session, wave, data.replace("B;MX/19/040\r\n", "")).ok
    assert _units(session, wave)[0].area_id == mty.id


def test_a_nul_byte_or_an_out_of_range_number_is_a_row_error(session: Session, wave: Wave) -> None:
    nul = import_sample_units(session, wave, b"external_id,address\nA,Calle 1\nB,Calle\x00 2\n")
    assert [(e.line, e.column) for e in nul.errors] == [(3, None)] and "NUL" in nul.errors[
        0
    ].message
    huge = import_sample_units(
        session, wave, "external_id,eligible_adults\nA,99999999999999999999\nB,\u0663\n"
    )
    assert [(e.line, e.column) for e in huge.errors] == [
        (2, "eligible_adults"),
        (3, "eligible_adults"),
    ]
    session.commit()
    assert session.scalars(sa.select(SampleUnit)).all() == []


def test_rows_separated_otherwise_than_a_one_column_header_are_refused(
    session: Session, wave: Wave
) -> None:
    # The separator is read from the header line; with one column there, "X1;Calle 12" was
    # stored as the id of one unit, without a word.
    result = import_sample_units(
        session, wave, b"external_id\nX1;Calle 12\nX2\tCalle 13\nX3,Calle 14\nX4\n"
    )
    assert [(e.line, e.column) for e in result.errors] == [
        (2, "external_id"),
        (3, "external_id"),
        (4, None),  # a comma splits the row: two fields where the header has one
    ]
    assert '"X1;Calle 12" contains ";", which separates columns' in result.errors[0].message
    assert 'contains "TAB"' in result.errors[1].message
    assert _units(session, wave) == []
    # With the header separated as its rows are, the same file is a good one.
    assert import_sample_units(session, wave, b"external_id;address\nX1;Calle 12\nX4;\n").ok
    assert sorted(u.external_id for u in _units(session, wave)) == ["X1", "X4"]


@pytest.mark.parametrize(
    ("language", "example"),
    [("es", "0,25"), ("pt", "0,25"), ("fr", "0,25"), ("en", "0.25")],
)
def test_a_probability_that_is_no_number_is_shown_an_example_with_the_languages_decimal_mark(
    session: Session, wave: Wave, language: str, example: str
) -> None:
    # the upload reads 0,25 as well as 0.25: a Spanish page should not teach the English form
    result = import_sample_units(session, wave, "external_id;selection_probability\nA;un cuarto\n")
    (error,) = result.errors
    said = error.problem.text(language) if error.problem is not None else ""
    assert said.endswith(" " + example), said


def test_a_quote_never_closed_is_a_row_error_not_one_unit_swallowing_the_rest(
    session: Session, wave: Wave
) -> None:
    """A stray opening quote made the CSV reader take every later line into one cell: the
    file imported as '1 sample units imported', the other households gone without a word."""
    data = 'external_id,address\nQ1,Calle 4\nQ2,"Calle 5\nQ3,Calle 6\nQ4,Calle 7\n'
    result = import_sample_units(session, wave, data)
    assert not result.ok and _units(session, wave) == []
    assert result.errors == [
        RowError(
            3,
            None,
            "a quotation mark opened on this line is never closed, so lines 3 to 5 were read"
            " as one row; close or remove it",
        )
    ]
    result = import_sample_units(session, wave, data, allow_partial=True)
    assert [u.external_id for u in _units(session, wave)] == ["Q1"]


def test_a_quoted_address_over_two_lines_is_one_cell(session: Session, wave: Wave) -> None:
    """As Excel writes a cell holding a line break; last in the file too."""
    data = 'external_id,address\nQ1,"Calle 4\nPiso 2"\nQ2,"Calle 5\nPiso 3"\n'
    assert import_sample_units(session, wave, data).ok
    assert [u.address for u in _units(session, wave)] == ["Calle 4\nPiso 2", "Calle 5\nPiso 3"]


def test_a_character_that_reorders_text_is_a_cell_error(session: Session, wave: Wave) -> None:
    # A household id with a right-to-left override reordered the page headings and messages
    # naming it; an address with an isolate, the codes list.
    data = "external_id,address\nA,Calle 1\nB\u202e,Calle 2\nC,\u2066Calle\u2069 3\n"
    result = import_sample_units(session, wave, data)
    assert [(e.line, e.column) for e in result.errors] == [(3, "external_id"), (4, "address")]
    assert "invisible character that reorders the text (U+202E)" in result.errors[0].message
    assert "(U+2066)" in result.errors[1].message
    session.commit()
    assert session.scalars(sa.select(SampleUnit)).all() == []


def test_quotes_doubled_inside_a_quoted_cell_are_read_as_one_quote(
    session: Session, wave: Wave
) -> None:
    # The header has no quotes, so the sniffer guessed doublequote False: Excel's
    # "Calle ""Sol"" 1" became the cells 'Calle "Sol""' and ' 1"' (a field-count error).
    data = 'external_id,address\nA,"Calle ""Sol"" 1"\n'
    assert import_sample_units(session, wave, data).ok
    assert [u.address for u in _units(session, wave)] == ['Calle "Sol" 1']
