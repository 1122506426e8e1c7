"""Area boundaries: GeoJSON uploads checked against the hierarchy, and the maps they give."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from html import unescape
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.geo import BOUNDARY_PROBLEMS, read_boundaries
from surveyapp.extensions import db
from surveyapp.models import Area, AreaBoundary, AreaLevel, AuditLog, Role, User, Wave
from surveyapp.service_texts import Problem
from surveyapp.services.boundaries import import_boundaries
from surveyapp.services.reports import data_version
from surveyapp.staff_texts import TEXTS

from ..conftest import TinyWave  # type: ignore[import-not-found]

SQUARE = [[[-99.0, 19.0], [-98.0, 19.0], [-98.0, 20.0], [-99.0, 20.0], [-99.0, 19.0]]]


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"REPORT_WORKER": "inline"}


def _feature(code: object, geometry: object = None, **properties: object) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"code": code, **properties},
        "geometry": geometry
        if geometry is not None
        else {"type": "Polygon", "coordinates": SQUARE},
    }


def _file(*features: object, **extra: object) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features), **extra}).encode()


def _states(app: Flask) -> list[Area]:
    with app.app_context():
        return list(
            db.session.scalars(
                sa.select(Area).where(Area.level == AreaLevel.region).order_by(Area.id)
            )
        )


def _stored(app: Flask) -> dict[int, str]:
    with app.app_context():
        return dict(
            db.session.execute(sa.select(AreaBoundary.area_id, AreaBoundary.geometry)).all()
        )


def _upload(client: FlaskClient, body: bytes, name: str) -> Any:
    return client.post(
        "/observatory/uploads/boundaries",
        data={"level": "region", "file": (io.BytesIO(body), name)},
        content_type="multipart/form-data",
    )


BOWTIE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"{not json", "not valid JSON (line 1, column 2)"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[]", "must be a GeoJSON FeatureCollection"),
        (_file(), "has no features"),
        (
            _file(_feature("01"), crs={"type": "name", "properties": {"name": "EPSG:32614"}}),
            "EPSG:32614",
        ),
        (
            _file(_feature("01", {"type": "Point", "coordinates": [0, 0]})),
            "feature 1 (code '01'): geometry must be a Polygon or MultiPolygon, not 'Point'",
        ),
        (
            _file(_feature("01", BOWTIE)),
            "feature 1 (code '01'): is not a valid polygon (Self-intersection",
        ),
        (
            _file(
                _feature(
                    "01",
                    {
                        "type": "Polygon",
                        "coordinates": [
                            [
                                [500000, 2100000],
                                [510000, 2100000],
                                [510000, 2110000],
                                [500000, 2100000],
                            ]
                        ],
                    },
                )
            ),
            "not projected metres",
        ),
        (
            _file(_feature("01", {"type": "Polygon", "coordinates": [[[0, 0], [1]]]})),
            "do not make a polygon",
        ),
        (_file(_feature("01", {"type": "Polygon", "coordinates": "x"})), "do not make a polygon"),
        (_file(_feature(None)), "feature 1: has no properties.code"),
        (_file({"type": "Feature"}), "feature 1: has no properties.code"),
        (_file(["not", "a feature"]), "feature 1: is not a GeoJSON Feature object"),
        (
            _file(_feature("01"), _feature("01")),
            "feature 2 (code '01'): repeats the code of feature 1",
        ),
        (_file(_feature("99")), "feature 1 (code '99'): no region has this code"),
        (b"[" * 100_000, "not valid JSON"),
        (b'{"type": "FeatureCollection", "features": [' + b"7" * 5000 + b"]}", "number too long"),
        ("\ufeff".encode() + _file(_feature("99")), "no region has this code"),
    ],
)
def test_a_bad_file_names_what_is_wrong_and_stores_nothing(
    app: Flask, tiny_wave: Callable[..., TinyWave], document: bytes, message: str
) -> None:
    tiny_wave()
    before = _stored(app)
    with app.app_context():
        result = import_boundaries(
            db.session, document, level=AreaLevel.region, by=None, max_bytes=10_000_000
        )
        db.session.rollback()
    assert not result.ok
    assert any(message in str(p) for p in result.problems), result.problems
    assert _stored(app) == before


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed() -> None:
    found, problems = read_boundaries(b" " * 2_000_001, max_bytes=1_000_000)
    assert found == [] and "the limit is 1.0 MB" in str(problems[0])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    ["type", "features", "geometry", "properties", "coordinates", "code", "crs"]
                ),
                inner,
                max_size=4,
            )
        ),
        max_leaves=30,
    )
)
def test_any_json_gives_boundaries_or_problems_never_an_exception(document: object) -> None:
    for candidate in (
        document,
        {"type": "FeatureCollection", "features": [document]},
        {
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {"code": "1"}, "geometry": document}],
        },
    ):
        found, problems = read_boundaries(json.dumps(candidate).encode(), max_bytes=10**6)
        assert all(str(p) for p in problems)
        assert all(b.geometry.is_valid for b in found)


def test_a_manager_uploads_state_boundaries_then_replaces_one(
    app: Flask,
    client: FlaskClient,
    tiny_wave: Callable[..., TinyWave],
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    sim = tiny_wave()
    states = _states(app)
    generated = _stored(app)
    assert {s.id for s in states} <= set(generated), "the demo's states come with boundaries"
    with app.app_context():
        wave = db.session.get(Wave, sim.id)
        assert wave is not None
        version = data_version(db.session, wave)
    login(client, make_user(Role.survey_manager))
    square = {"type": "MultiPolygon", "coordinates": [SQUARE]}
    body = _file(_feature(states[0].code, square, name="ignored"))
    answer = _upload(client, body, "states.geojson")
    assert answer.status_code == 302
    stored = _stored(app)
    assert json.loads(stored[states[0].id])["type"] == "MultiPolygon"
    assert stored[states[1].id] == generated[states[1].id], "areas not in the file keep theirs"
    with app.app_context():
        assert (
            db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "boundaries.import"))
            is not None
        )
        assert data_version(db.session, db.session.merge(wave)) != version
    page = client.get("/observatory/uploads/boundaries").get_data(as_text=True)
    assert 'id="boundary-summary"' in page and "1 boundary stored (older ones replaced: 1)" in page


def test_a_bad_upload_lists_every_feature_problem_on_the_page(
    app: Flask,
    client: FlaskClient,
    tiny_wave: Callable[..., TinyWave],
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    tiny_wave()
    before = _stored(app)
    login(client, make_user(Role.administrator))
    body = _file(_feature("nope"), _feature(_states(app)[0].code, BOWTIE))
    answer = _upload(client, body, "bad.geojson")
    assert answer.status_code == 400
    html = answer.get_data(as_text=True)
    assert "The boundary file has 2 problems" in html and "Nothing was stored" in html
    assert "feature 1 (code &#39;nope&#39;)" in html and "feature 2" in html
    assert _stored(app) == before


def test_a_bad_upload_is_said_in_spanish(
    app: Flask,
    client: FlaskClient,
    tiny_wave: Callable[..., TinyWave],
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    tiny_wave()
    login(client, make_user(Role.administrator))
    client.get("/observatory/uploads/boundaries?lang=es")
    body = _file(_feature("nope"), _feature(_states(app)[0].code, BOWTIE), ["no"])
    answer = _upload(client, body, "bad.geojson")
    page = unescape(answer.get_data(as_text=True))
    assert answer.status_code == 400 and page.startswith('<!doctype html>\n<html lang="es">')
    assert "El archivo de límites tiene 3 problemas" in page and "No se guardó nada." in page
    assert (
        "elemento 1 (código 'nope'): ningún área de nivel región tiene este código "
        "(vea `surveyapp area list`)" in page
    )
    assert "no es un polígono válido (" in page
    assert "elemento 3: no es un objeto Feature de GeoJSON" in page
    assert '<span lang="en">' not in page and "feature 1" not in page
    too_big = read_boundaries(b" " * 2_100_000, max_bytes=1_000_000)[1][0]
    assert too_big.key == "too_large"
    said = Problem(f"geo_{too_big.key}", **too_big.values)
    assert said.text("es") == "el archivo pesa 2,1 MB; el límite es 1,0 MB (simplifíquelo)"
    assert str(said) == too_big.message == str(too_big)


@pytest.mark.parametrize("key", sorted(BOUNDARY_PROBLEMS))
def test_every_boundary_problem_is_a_staff_text_with_the_same_english(key: str) -> None:
    assert TEXTS[f"geo_{key}"]["en"] == BOUNDARY_PROBLEMS[key]


def test_the_problem_count_takes_its_singular_by_the_one_rule(
    app: Flask,
    client: FlaskClient,
    tiny_wave: Callable[..., TinyWave],
    make_user: Callable[..., User],
    login: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The heading's singular is chosen by analysis.i18n.is_singular (staff_counted; 0 and 1 in
    French), not by the template's own '== 1': with the rule saying 'one' for every count, two
    problems read '2 problème'."""
    import analysis.i18n

    tiny_wave()
    login(client, make_user(Role.administrator))

    def heading(language: str, *codes: str) -> str:
        client.get(f"/observatory/uploads/boundaries?lang={language}")
        body = _file(*(_feature(code) for code in codes))
        page = unescape(_upload(client, body, "bad.geojson").get_data(as_text=True))
        found = re.search(r'id="boundary-errors-title">([^<]*)<', page)
        assert found is not None
        return found.group(1)

    assert heading("fr", "nope") == "Le fichier des limites a 1 problème"
    assert heading("fr", "nope", "nada") == "Le fichier des limites a 2 problèmes"
    assert heading("en", "nope") == "The boundary file has 1 problem"
    assert heading("en", "nope", "nada") == "The boundary file has 2 problems"
    monkeypatch.setattr(analysis.i18n, "is_singular", lambda count, language: True)
    assert heading("en", "nope", "nada") == "The boundary file has 2 problem"


def test_analysts_see_the_boundaries_but_cannot_upload(
    client: FlaskClient,
    tiny_wave: Callable[..., TinyWave],
    make_user: Callable[..., User],
    login: Callable[..., Any],
) -> None:
    tiny_wave()
    login(client, make_user(Role.analyst))
    page = client.get("/observatory/uploads/boundaries")
    assert page.status_code == 200 and "Upload boundaries" not in page.get_data(as_text=True)
    answer = _upload(client, _file(_feature("01")), "x.geojson")
    assert answer.status_code == 403


def test_the_national_page_maps_states_with_a_legend_and_a_table(
    app: Flask, client: FlaskClient, tiny_wave: Callable[..., TinyWave]
) -> None:
    sim = tiny_wave()
    html = client.get(f"/observatory/waves/{sim.id}?lang=es").get_data(as_text=True)
    section = re.search(
        r'<section class="obs-maps" aria-labelledby="maps-state-heading">(.*?)</section>',
        html,
        re.S,
    )
    assert section is not None
    maps = section.group(1)
    assert "Estados: victimización, inseguridad percibida y brecha" in maps
    # three accessible maps: role img, labelled by their title and description
    assert maps.count('<svg role="img" aria-labelledby="map-state-') == 3
    assert '<title id="map-state-2-title">Brecha (puntos porcentuales) — Estados</title>' in maps
    # the legend names the smallest publishable cell, and the table gives the same numbers
    assert "Suprimida: menos de 30 casos u otra regla de calidad" in maps
    assert 'class="table-wrapper" tabindex="0" role="region"' in maps
    rows = re.findall(r"<tr><th scope=\"row\">([^<]+)</th>", maps)
    assert sorted(rows, key=str.casefold) == rows and len(rows) == len(
        [a for a in sim.areas if a.report_level == "state"]
    )
    # a suppressed area is hatched and says so; it never carries a colour or its number
    for path in re.findall(
        r'<path d="[^"]+" fill="([^"]+)"[^>]*data-mark="suppressed"><title>([^<]+)</title>', maps
    ):
        assert path[0] == "url(#map-hatch)" and path[1].endswith(
            "Suprimida: menos de 30 casos u otra regla de calidad"
        )
    assert 'data-mark="suppressed"' in maps or 'data-mark="shown"' in maps
