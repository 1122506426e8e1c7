"""Police-recorded crime and census CSV uploads: every bad row by line and column, nothing stored on error."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from surveyapp.extensions import db
from surveyapp.models import Area, AreaLevel, AuditLog, PoliceRecord, PopulationTotal, Role, User
from surveyapp.services.areas import create_area
from surveyapp.services.uploads import import_police_records, import_population_totals, parse_period


@pytest.fixture
def areas(session: Session) -> dict[str, int]:
    """A country with two states, each with a municipality coded 001 (codes repeat across states)."""
    country = create_area(session, level=AreaLevel.country, code="MX", name="México")
    ids = {"MX": country.id}
    for code, name in (("01", "Aguascalientes"), ("02", "Baja California")):
        state = create_area(session, level=AreaLevel.region, code=code, name=name, parent=country)
        muni = create_area(
            session, level=AreaLevel.municipality, code="001", name=f"{name} 001", parent=state
        )
        ids[code] = state.id
        ids[f"{code}/001"] = muni.id
    session.commit()
    return ids


def _rows(session: Session, model: Any) -> list[Any]:
    return list(session.scalars(sa.select(model)))


def test_police_file_is_stored(session: Session, areas: dict[str, int]) -> None:
    data = (
        "area_code;period;crime_type;count;population;source\n"
        "01;2024;rob;1,234;1500000;Fiscalía\n"
        "MX/01/001;2024-03;11;12;800000;\n"
        "02/001;2024-Q2;all;40;;\n"
        "MX;2024-01-01/2024-06-30;13;7;;\n"
    )
    result = import_police_records(session, data.encode("utf-8-sig"))
    assert result.ok and result.stored == 4 and result.replaced == 0, result.errors
    session.commit()
    rows = {
        (r.area_id, r.period_start, r.period_end, r.crime_type): r
        for r in _rows(session, PoliceRecord)
    }
    assert rows[(areas["01"], dt.date(2024, 1, 1), dt.date(2024, 12, 31), "11")].count == 1234
    assert (
        rows[(areas["01"], dt.date(2024, 1, 1), dt.date(2024, 12, 31), "11")].source == "Fiscalía"
    )
    assert (
        rows[(areas["01/001"], dt.date(2024, 3, 1), dt.date(2024, 3, 31), "11")].population
        == 800000
    )
    assert (
        rows[(areas["02/001"], dt.date(2024, 4, 1), dt.date(2024, 6, 30), "all")].population is None
    )
    assert (areas["MX"], dt.date(2024, 1, 1), dt.date(2024, 6, 30), "13") in rows
    audit = session.scalar(sa.select(AuditLog).where(AuditLog.action == "police.import"))
    assert audit is not None and audit.details == {"stored": 4, "replaced": 0}


def test_a_revised_series_replaces_the_old_numbers(session: Session, areas: dict[str, int]) -> None:
    assert import_police_records(session, "area_code,period,crime_type,count\n01,2024,rob,10\n").ok
    session.commit()
    again = import_police_records(
        session, "area_code,period,crime_type,count\n01,2024,11,12\n01,2024,theft,3\n"
    )
    assert again.ok and again.stored == 2 and again.replaced == 1
    session.commit()
    assert sorted((r.crime_type, r.count) for r in _rows(session, PoliceRecord)) == [
        ("11", 12),
        ("12", 3),
    ]


def test_every_bad_police_row_is_reported_and_nothing_stored(
    session: Session, areas: dict[str, int]
) -> None:
    data = (
        "area_code,period,crime_type,count,population\n"
        "01,2024,rob,10,100\n"  # line 2: fine
        "99,2024,rob,10,100\n"  # line 3: unknown area
        "001,2024,rob,10,100\n"  # line 4: ambiguous code
        "01,24,rob,10,100\n"  # line 5: bad period
        "01,2024,murder,10,100\n"  # line 6: unknown crime type
        "01,2024,theft,-3,0\n"  # line 7: negative count, zero population
        "01,2024,theft\n"  # line 8: missing fields
        "01,2024,rob,10,100\n"  # line 9: repeats line 2
        "\n"
        "02,2024-02-30/2024-03-01,rob,,\n"
    )  # line 11: impossible date, empty count
    result = import_police_records(session, data)
    assert not result.ok and result.stored == 0
    found = {(e.line, e.column) for e in result.errors}
    assert {
        (3, "area_code"),
        (4, "area_code"),
        (5, "period"),
        (6, "crime_type"),
        (7, "count"),
        (7, "population"),
        (8, None),
        (11, "count"),
    } <= found
    messages = {(e.line, e.column): e.message for e in result.errors}
    assert "01/001" in messages[(4, "area_code")] or "02/001" in messages[(4, "area_code")]
    assert "2024-Q2" in messages[(5, "period")]
    session.commit()
    assert _rows(session, PoliceRecord) == []


def test_repeated_key_in_one_file(session: Session, areas: dict[str, int]) -> None:
    result = import_police_records(
        session, "area_code,period,crime_type,count\n01,2024,rob,1\n01,2024,11,2\n"
    )
    assert [(e.line, e.message) for e in result.errors] == [
        (3, "repeats the area, period and crime type of line 2")
    ]


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"", 1, None),
        (b"area,period,crime_type,count\n01,2024,rob,1\n", 1, "area"),
        (b"area_code,period,count\n01,2024,1\n", 1, "crime_type"),
        (b"area_code,period,crime_type,count\n", 2, None),
        (
            # not UTF-8, nor Windows-1252 (which leaves 0x81 undefined)
            b"area_code,period,crime_type,count\n01,2024,robo,1\n\x81\n",
            3,
            None,
        ),
    ],
)
def test_file_level_problems(
    session: Session, areas: dict[str, int], data: bytes, line: int, column: str | None
) -> None:
    result = import_police_records(session, data)
    assert not result.ok and (result.errors[0].line, result.errors[0].column) == (line, column)


def test_census_file(session: Session, areas: dict[str, int]) -> None:
    good = (
        "area_code,year,sex,age_group,population\n01/001,2020,1,18-29,1200\n01/001,2020,f,60+,900\n"
    )
    result = import_population_totals(session, good)
    assert result.ok and result.stored == 2
    session.commit()
    assert sorted((t.sex, t.age_group, t.population) for t in _rows(session, PopulationTotal)) == [
        ("1", "18-29", 1200),
        ("2", "60+", 900),
    ]
    bad = (
        "area_code,year,sex,age_group,population\n"
        "01/001,20,3,29-18,many\n"
        "01/001,2020,1,18-29,1300\n"
    )
    result = import_population_totals(session, bad)
    assert {(e.line, e.column) for e in result.errors} == {
        (2, "year"),
        (2, "sex"),
        (2, "age_group"),
        (2, "population"),
    }
    session.commit()
    assert sum(t.population for t in _rows(session, PopulationTotal)) == 2100, (
        "nothing stored from a bad file"
    )


def test_census_counts_written_by_excel_in_spanish_are_read(
    session: Session, areas: dict[str, int]
) -> None:
    """Excel in Spanish writes a formatted 12345 as '12.345' in a ';' file: it was refused as
    not a whole number of people."""
    data = "area_code;year;sex;age_group;population\r\n01/001;2020;1;18-29;12.345\r\n"
    result = import_population_totals(session, data)
    assert result.ok and result.stored == 1
    session.commit()
    assert [t.population for t in _rows(session, PopulationTotal)] == [12345]


def test_periods() -> None:
    assert parse_period("2024-02") == ((dt.date(2024, 2, 1), dt.date(2024, 2, 29)), None)
    assert parse_period("2023Q4") == ((dt.date(2023, 10, 1), dt.date(2023, 12, 31)), None)
    assert parse_period("2024-12-31/2024-01-01")[1] is not None


# ---- the pages ----


@pytest.fixture
def manager(
    client: FlaskClient, make_user: Callable[..., User], login: Callable[..., Any]
) -> FlaskClient:
    assert login(client, make_user(Role.survey_manager)).status_code == 302
    return client


def _file(text: str) -> tuple[io.BytesIO, str]:
    return io.BytesIO(text.encode("utf-8")), "police.csv"


def test_manager_uploads_through_the_page(
    app: Flask, manager: FlaskClient, areas: dict[str, int]
) -> None:
    response = manager.post(
        "/observatory/uploads/police",
        data={"file": _file("area_code,period,crime_type,count\n01,2024,rob,5\n")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    page = manager.get("/observatory/uploads").get_data(as_text=True)
    assert "1 police record stored" in page and "Aguascalientes (01)" in page
    bad = manager.post(
        "/observatory/uploads/census",
        data={"file": _file("area_code,year,sex,age_group,population\nZZ,2020,1,18-29,10\n")},
        content_type="multipart/form-data",
    )
    assert bad.status_code == 400
    html = bad.get_data(as_text=True)
    assert (
        'id="upload-errors"' in html
        and "<td>2</td><td>area_code</td>" in html
        and "Nothing was stored" in html
    )
    missing = manager.post(
        "/observatory/uploads/police", data={}, content_type="multipart/form-data"
    )
    assert missing.status_code == 400 and "Choose a CSV file" in missing.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(PopulationTotal)) == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(PoliceRecord)) == 1


def test_analysts_read_but_do_not_upload(
    app: Flask,
    client: FlaskClient,
    make_user: Callable[..., User],
    login: Callable[..., Any],
    areas: dict[str, int],
) -> None:
    login(client, make_user(Role.analyst))
    page = client.get("/observatory/uploads")
    assert page.status_code == 200 and "<form" not in page.get_data(as_text=True).split("<main")[1]
    refused = client.post(
        "/observatory/uploads/police",
        data={"file": _file("area_code,period,crime_type,count\n01,2024,rob,5\n")},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 403
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(PoliceRecord)) == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Area)) == 5


@pytest.mark.parametrize("app_config", [{"WTF_CSRF_ENABLED": True}])
def test_upload_forms_need_the_csrf_token(
    app: Flask,
    client: FlaskClient,
    make_user: Callable[..., User],
    login: Callable[..., Any],
    areas: dict[str, int],
) -> None:
    login(client, make_user(Role.survey_manager))
    page = client.get("/observatory/uploads").get_data(as_text=True)
    assert page.count('name="csrf_token"') >= 3  # both forms and the log-out button
    refused = client.post(
        "/observatory/uploads/police",
        data={"file": _file("area_code,period,crime_type,count\n01,2024,rob,5\n")},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(PoliceRecord)) == 0


# ---- ranges and NUL bytes (issue 11) ----

HUGE = "99999999999999999999"


@pytest.mark.parametrize("period", ["9999-12", "9999-Q4", "9999", "0001-01", "1899", "2201-Q1"])
def test_a_period_outside_1900_to_2200_is_a_clear_row_error(period: str) -> None:
    parsed, message = parse_period(period)
    assert parsed is None and message is not None
    assert "1900" in str(message) and "2200" in str(message)


def test_periods_at_the_edges_of_the_range_are_accepted() -> None:
    assert parse_period("2200-Q4") == ((dt.date(2200, 10, 1), dt.date(2200, 12, 31)), None)
    assert parse_period("1900-01") == ((dt.date(1900, 1, 1), dt.date(1900, 1, 31)), None)
    assert parse_period("1900-01-01/2200-12-31")[1] is None
    assert parse_period("1900-01-01/9999-12-31")[0] is None


def test_police_numbers_too_large_for_the_database_are_row_errors(
    session: Session, areas: dict[str, int]
) -> None:
    data = (
        "area_code,period,crime_type,count,population\n"
        f"01,2024,rob,{HUGE},100\n"
        f"01,2024,theft,1,{HUGE}\n"
        "01,2024,11,2147483647,2147483647\n"  # the largest accepted
        "02,9999-12,rob,1,\n"
    )
    result = import_police_records(session, data)
    found = {(e.line, e.column): e.message for e in result.errors}
    assert set(found) == {(2, "count"), (3, "population"), (5, "period")}
    assert "2,147,483,647" in found[(2, "count")]
    session.commit()
    assert _rows(session, PoliceRecord) == []
    ok = import_police_records(
        session, "area_code,period,crime_type,count,population\n01,2024,11,2147483647,2147483647\n"
    )
    assert ok.ok, ok.errors
    session.commit()
    assert [r.count for r in _rows(session, PoliceRecord)] == [2147483647]


def test_census_population_too_large_for_the_database_is_a_row_error(
    session: Session, areas: dict[str, int]
) -> None:
    result = import_population_totals(
        session, f"area_code,year,sex,age_group,population\n01,2020,1,18-29,{HUGE}\n"
    )
    assert [(e.line, e.column) for e in result.errors] == [(2, "population")]
    session.commit()
    assert _rows(session, PopulationTotal) == []


@pytest.mark.parametrize(
    ("importer", "data"),
    [
        (
            import_police_records,
            "area_code,period,crime_type,count,source\n01,2024,rob,1,ok\n01,2024,11,1,b\x00d\n",
        ),
        (
            import_population_totals,
            "area_code,year,sex,age_group,population\n01,2020,1,18-29,5\n01,20\x0020,2,18-29,5\n",
        ),
    ],
)
def test_a_nul_byte_in_a_csv_cell_is_named_by_line(
    session: Session, areas: dict[str, int], importer: Callable[..., Any], data: str
) -> None:
    result = importer(session, data.encode())
    assert not result.ok and result.stored == 0
    assert [e.line for e in result.errors] == [3] and "NUL" in result.errors[0].message


def test_the_upload_pages_and_their_file_problems_are_in_spanish(
    manager: FlaskClient, areas: dict[str, int]
) -> None:
    """The pages, the form's refusal, every row problem and the confirmation in the staff
    language; the stored codes and columns as written."""
    page = manager.get("/observatory/uploads?lang=es").get_data(as_text=True)
    assert page.startswith('<!doctype html>\n<html lang="es">')
    assert "Datos administrativos" in page and "Subir delitos registrados por la policía" in page
    assert "Administrative data" not in page and ">Log out" not in page
    missing = manager.post(
        "/observatory/uploads/police", data={}, content_type="multipart/form-data"
    ).get_data(as_text=True)
    assert "Elija un archivo CSV de delitos registrados por la policía para subir." in missing
    bad = manager.post(
        "/observatory/uploads/police",
        data={
            "file": _file(
                "area_code,period,crime_type,count,population\n"
                "99,2024,rob,10,100\n"
                "001,24,murder,1.5,0\n"
                "01,2024,rob,10,\n"
                "01,2024,11,10,\n"
            )
        },
        content_type="multipart/form-data",
    )
    said = html.unescape(bad.get_data(as_text=True))
    assert bad.status_code == 400 and '<span lang="en">' not in said
    for spanish in (
        "El archivo de registros policiales tiene 7 problemas",
        "No se guardó nada.",
        '<td>2</td><td>area_code</td><td>ningún área tiene el código "99"</td>',
        'el código "001" corresponde a 2 áreas; escriba la ruta de códigos desde arriba',
        '"24" no es un período; escriba 2024',
        '"murder" no es un tipo de delito; use un código del cuestionario',
        '"1.5" no es un número entero de delitos',
        "0 está fuera del intervalo: el número de personas debe estar entre 1 y 2.147.483.647",
        "<td>5</td><td>–</td><td>repite el área, el período y el tipo de delito de la línea 4",
    ):
        assert spanish in said, spanish
    census = manager.post(
        "/observatory/uploads/census",
        data={"file": _file("area_code,year,sex,age_group,population\n01,20,3,29-18,5\n")},
        content_type="multipart/form-data",
    )
    said = html.unescape(census.get_data(as_text=True))
    for spanish in (
        "El archivo del censo tiene 3 problemas",
        '"20" no es un año de 1900 a 2200',
        '"3" no es un código de sexo; use 1 (hombre) o 2 (mujer)',
        '"29-18" no es un grupo de edad',
    ):
        assert spanish in said, spanish
    done = manager.post(
        "/observatory/uploads/police",
        data={"file": _file("area_code,period,crime_type,count\n01,2024,rob,5\n")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "Se guardó 1 registro policial (cifras anteriores reemplazadas: 0)." in (
        done.get_data(as_text=True)
    )
    boundaries = manager.get("/observatory/uploads/boundaries").get_data(as_text=True)
    assert "Límites de las áreas" in boundaries and "Estados / regiones" in boundaries
    assert "<td>Municipios</td>" in boundaries and "Area boundaries" not in boundaries


def test_a_big_police_file_is_written_in_one_statement_per_kind_of_change(
    session: Session, areas: dict[str, int]
) -> None:
    """On SQLite one writer at a time: the rows were written by the ORM, object by object in
    batches, holding the write lock for seconds (90,000 rows: 2.5 s, docs/server.md). Now the
    new rows are one executemany INSERT and the replaced ones one executemany UPDATE."""
    years = range(1901, 2201)
    data = "area_code,period,crime_type,count\n" + "".join(
        f"01,{year},{crime},{year % 7}\n" for year in years for crime in ("rob", "theft")
    )
    assert import_police_records(session, "area_code,period,crime_type,count\n01,1901,rob,99\n").ok
    session.commit()
    writes: list[str] = []

    def count_writes(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if not statement.lstrip().upper().startswith("SELECT"):
            writes.append(statement.split("(")[0].split(" SET ")[0].strip())

    engine = session.get_bind()
    sa.event.listen(engine, "before_cursor_execute", count_writes)
    try:
        result = import_police_records(session, data)
    finally:
        sa.event.remove(engine, "before_cursor_execute", count_writes)
    assert result.ok and (result.stored, result.replaced) == (600, 1)
    session.commit()
    assert sorted(writes) == [
        "INSERT INTO audit_log",
        "INSERT INTO police_records",
        "UPDATE police_records",
    ]
    rows = _rows(session, PoliceRecord)
    assert len(rows) == 600
    assert {r.count for r in rows if r.period_start.year == 1901 and r.crime_type == "11"} == {
        1901 % 7
    }


def test_a_quote_never_closed_is_a_row_error_not_one_row_swallowing_the_rest(
    session: Session, areas: dict[str, int]
) -> None:
    # A stray opening quote in the source took the later lines into that one cell: the file
    # was stored as one record, the other areas' numbers gone without a word.
    police = (
        "area_code,period,crime_type,count,population,source\n"
        "01,2024,rob,5,,Fiscalía\n"
        '02,2024,rob,6,,"Fiscalía\n'
        "01/001,2024,rob,7,,Fiscalía\n"
        "02/001,2024,rob,8,,Fiscalía\n"
    )
    result = import_police_records(session, police)
    assert not result.ok and [(e.line, e.column) for e in result.errors] == [(3, None)]
    assert "lines 3 to 5 were read as one row" in result.errors[0].message
    census = (
        "area_code,year,sex,age_group,population,source\n"
        '01,2020,1,18-29,100,"INEGI\n'
        "02,2020,1,18-29,200,INEGI\n"
    )
    result = import_population_totals(session, census)
    assert not result.ok and [(e.line, e.column) for e in result.errors] == [(2, None)]
    assert "lines 2 to 3 were read as one row" in result.errors[0].message
    session.rollback()
    assert _rows(session, PoliceRecord) == [] and _rows(session, PopulationTotal) == []


def test_quotes_doubled_inside_a_quoted_source_are_read_as_one_quote(
    session: Session, areas: dict[str, int]
) -> None:
    data = 'area_code,period,crime_type,count,population,source\n01,2024,rob,5,,"""SESNSP"" 2024"\n'
    result = import_police_records(session, data)
    assert result.ok, result.errors
    assert [r.source for r in _rows(session, PoliceRecord)] == ['"SESNSP" 2024']


@pytest.mark.parametrize(
    ("language", "period"),
    [
        ("es", '1 de enero de 2024</time> – <time datetime="2024-12-31">31 de diciembre de 2024'),
        (
            "fr",
            '1er\u00a0janvier\u00a02024</time> – <time datetime="2024-12-31">'
            "31\u00a0décembre\u00a02024",
        ),
    ],
)
def test_the_stored_police_periods_are_dates_of_the_staff_language_not_iso(
    manager: FlaskClient, areas: dict[str, int], language: str, period: str
) -> None:
    # the stored periods read "2024-01-01 – 2024-12-31", which no reader of es/fr writes
    assert manager.get(f"/observatory/uploads?lang={language}").status_code == 200
    stored = manager.post(
        "/observatory/uploads/police",
        data={"file": _file("area_code,period,crime_type,count\n01,2024,rob,5\n")},
        content_type="multipart/form-data",
    )
    assert stored.status_code == 302
    page = html.unescape(
        manager.get(f"/observatory/uploads?lang={language}").get_data(as_text=True)
    )
    table = page[
        page.index('id="police-summary"') : page.index(
            "</table>", page.index('id="police-summary"')
        )
    ]
    assert '<time datetime="2024-01-01">' + period + "</time>" in table
    visible = re.sub(r"<[^>]+>", " ", table)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", visible), visible
