"""The area hierarchy."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from surveyapp.models import AreaLevel
from surveyapp.services.areas import AreaError, area_path, create_area, descendants, import_areas

from ...conftest import sqlite_file_or_skip, write_elsewhere


def test_levels_nest_and_codes_are_unique_per_parent(session: Session) -> None:
    mx = create_area(session, level=AreaLevel.country, code="MX", name="México")
    nl = create_area(session, level=AreaLevel.region, code="19", name="Nuevo León", parent=mx)
    mty = create_area(
        session, level=AreaLevel.municipality, code="039", name="Monterrey", parent=nl
    )
    jal = create_area(session, level=AreaLevel.region, code="14", name="Jalisco", parent=mx)
    # The same municipal code may exist in another state.
    create_area(session, level=AreaLevel.municipality, code="039", name="Guadalajara", parent=jal)
    with pytest.raises(AreaError) as info:
        create_area(session, level=AreaLevel.municipality, code="039", name="Again", parent=nl)
    assert info.value.field == "code"
    with pytest.raises(AreaError):
        create_area(session, level=AreaLevel.neighbourhood, code="1", name="Centro", parent=nl)
    with pytest.raises(AreaError):
        create_area(session, level=AreaLevel.country, code="MX", name="México")
    assert mty.ancestors() == [nl, mx]
    assert {a.name for a in descendants(session, mx)} == {
        "Nuevo León",
        "Monterrey",
        "Jalisco",
        "Guadalajara",
    }


def test_import_areas_from_csv(session: Session) -> None:
    data = (
        "level;code;name;parent;population\n"
        "country;MX;México;;126000000\n"
        "region;19;Nuevo León;MX;5784442\n"
        "municipality;039;Monterrey;MX/19;1142994\n"
    )
    created, errors = import_areas(session, data)
    assert errors == []
    assert [area_path(a) for a in created] == ["MX", "MX/19", "MX/19/039"]
    assert created[2].population == 1142994


def test_import_areas_reports_every_bad_line(session: Session) -> None:
    data = (
        "level,code,name,parent,population\n"
        "country,MX,México,,\n"
        "state,19,Nuevo León,MX,\n"  # line 3: unknown level
        "region,19,Nuevo León,XX,\n"  # line 4: unknown parent
        "municipality,039,Monterrey,MX,\n"  # line 5: wrong level under a country
        "region,14,Jalisco,MX,many\n"  # line 6: population not a number
    )
    created, errors = import_areas(session, data)
    assert created == []
    assert [(e.line, e.column) for e in errors] == [
        (3, "level"),
        (4, "parent"),
        (5, "parent"),
        (6, "population"),
    ]


def test_populations_with_thousands_grouped_as_a_spreadsheet_writes_them_are_read(
    session: Session,
) -> None:
    """Excel in Spanish saves 9485405 formatted with thousands as '9.485.405': the file was
    refused with '"9.485.405" is not a whole number of people'."""
    data = (
        "level;code;name;parent;population\r\n"
        "country;PE;Perú;;33.726.000\r\n"
        "region;15;Lima;PE;9,485,405\r\n"
        "municipality;150101;Lima Cercado;PE/15;268\u00a0352\r\n"
        "municipality;150132;San Juan de Lurigancho;PE/15;1.117,629\r\n"  # mixed: refused
        "municipality;150140;Santiago de Surco;PE/15;1.5\r\n"  # a decimal: refused
    )
    created, errors = import_areas(session, data)
    assert [(e.line, e.column) for e in errors] == [(5, "population"), (6, "population")]
    session.rollback()  # the page adds nothing from a file with problems
    created, errors = import_areas(session, "\r\n".join(data.split("\r\n")[:4]))
    assert errors == []
    assert [a.population for a in created] == [33726000, 9485405, 268352]


def test_a_row_below_a_refused_row_names_that_row_not_a_missing_parent(session: Session) -> None:
    """Line 3's region has a bad population: its municipalities said 'no area with path
    MX/19', which the manager can see on line 3 of the file."""
    data = (
        "level,code,name,parent,population\n"
        "country,MX,México,,\n"
        "region,19,Nuevo León,MX,5.8 millions\n"
        "municipality,039,Monterrey,MX/19,\n"
        "municipality,026,Guadalupe,MX/18,\n"
    )
    created, errors = import_areas(session, data)
    assert created == []
    assert [(e.line, e.column, e.message) for e in errors] == [
        (3, "population", '"5.8 millions" is not a whole number of people'),
        (
            4,
            "parent",
            'the area "MX/19" on line 3 has a problem: correct it and this row will be added '
            "with it",
        ),
        (5, "parent", 'no area with path "MX/18" (codes from the country down, joined by /)'),
    ]


def test_excels_empty_columns_at_the_end_of_each_line_are_allowed(session: Session) -> None:
    """Excel writes ';;' ending each line for columns once used: the file was refused with
    'unknown column (empty)'. A value in such a column is named by line and position."""
    data = "level;code;name;parent;population;;\r\ncountry;AR;Argentina;;;;\r\n"
    created, errors = import_areas(session, data)
    assert errors == [] and [area_path(a) for a in created] == ["AR"]
    session.rollback()
    created, errors = import_areas(session, data + "region;02;CABA;AR;;x;\r\n")
    assert created == [] and [(e.line, e.column) for e in errors] == [(3, "#6")]
    assert errors[0].message.startswith("a value in a column the first line gives no name")


def test_levels_as_the_staff_pages_write_them(session: Session) -> None:
    """The areas page lists levels as 'municipio' / 'commune': a file using those words was
    refused ('"municipio" is not one of country, region, municipality, neighbourhood')."""
    data = (
        "level;code;name;parent\n"
        "País;CO;Colombia;\n"
        "region;05;Antioquia;CO\n"
        "MUNICIPIO;05001;Medellín;CO/05\n"
        "quartier;01;Popular;CO/05/05001\n"
        "estado;06;Otro;CO\n"
    )
    created, errors = import_areas(session, data)
    assert [(e.line, e.column) for e in errors] == [(6, "level")]
    session.rollback()
    created, errors = import_areas(session, data.rsplit("estado", 1)[0])
    assert errors == []
    assert [(a.level.value, area_path(a)) for a in created] == [
        ("country", "CO"),
        ("region", "CO/05"),
        ("municipality", "CO/05/05001"),
        ("neighbourhood", "CO/05/05001/01"),
    ]


def test_import_areas_needs_the_columns(session: Session) -> None:
    created, errors = import_areas(session, "code,name\nMX,México\n")
    assert created == [] and [(e.line, e.column) for e in errors] == [(1, "level"), (1, "parent")]


def test_import_areas_refuses_populations_the_database_cannot_hold(session: Session) -> None:
    data = "level,code,name,parent,population\ncountry,MX,México,,99999999999999999999\n"
    created, errors = import_areas(session, data)
    assert created == [] and [(e.line, e.column) for e in errors] == [(2, "population")]
    assert "2,147,483,647" in errors[0].message


def test_an_area_file_is_checked_before_anything_is_written(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite one writer at a time: an area file was written a row at a time as it was
    checked, so the write lock was held for the whole file (1.5 s for 2,500 municipalities,
    docs/server.md). Now every row is checked before the one flush; a repeated row is still
    refused."""
    from surveyapp.services import areas

    path = sqlite_file_or_skip(session.get_bind())
    writes: list[str] = []
    create = areas.create_area

    def checking(*args: object, **kwargs: object) -> object:
        writes.append(write_elsewhere(path))
        return create(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(areas, "create_area", checking)
    rows = "level,code,name,parent\ncountry,XX,Xland,\nregion,01,Uno,XX\nregion,02,Dos,XX\n"
    created, errors = import_areas(session, rows + "municipality,001,Centro,XX/01\n")
    assert errors == []
    assert [area_path(a) for a in created] == ["XX", "XX/01", "XX/02", "XX/01/001"]
    assert all(a.id is not None for a in created)
    assert writes == ["written"] * 4
    session.rollback()
    _created, errors = import_areas(session, rows + "region,01,Otra vez,XX\n")
    assert [(e.line, e.column) for e in errors] == [(5, "code")]


def test_a_quote_never_closed_is_a_row_error_not_one_area_swallowing_the_rest(
    session: Session,
) -> None:
    """As for sample units (services.sample.unclosed_quote): the municipalities below a name
    with a stray opening quote were read into that name and never created."""
    data = (
        "level,code,name,parent,population\n"
        "country,MX,México,,\n"
        'region,19,"Nuevo León,MX,\n'
        "municipality,039,Monterrey,MX/19,\n"
        "municipality,026,Guadalupe,MX/19,\n"
    )
    created, errors = import_areas(session, data)
    assert created == []
    assert [(e.line, e.column, e.message) for e in errors] == [
        (
            3,
            None,
            "a quotation mark opened on this line is never closed, so lines 3 to 5 were read"
            " as one row; close or remove it",
        )
    ]


def test_a_character_that_reorders_text_is_a_cell_error(session: Session) -> None:
    data = "level,code,name,parent\ncountry,MX,México,\nregion,19,\u200fNuevo León,MX\n"
    created, errors = import_areas(session, data)
    assert created == [] and [(e.line, e.column) for e in errors] == [(3, "name")]
    assert "invisible character that reorders the text (U+200F)" in errors[0].message
