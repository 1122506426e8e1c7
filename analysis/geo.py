"""Area boundaries: GeoJSON read and checked, synthetic boundaries, projection to SVG paths.

Geometry work is done by shapely (GEOS); this module only says what a
boundary file must hold and how a map is drawn from it. Coordinates are
longitude and latitude in degrees (WGS 84, GeoJSON's RFC 7946 CRS).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry

__all__ = [
    "BOUNDARY_PROBLEMS",
    "Boundary",
    "BoundaryProblem",
    "geometry_from_json",
    "geometry_to_json",
    "read_boundaries",
    "svg_paths",
    "synthetic_boundaries",
]

#: CRS names that mean longitude/latitude on WGS 84 (RFC 7946 allows no other; old files name one)
_LONLAT_CRS = frozenset(
    {
        "urn:ogc:def:crs:OGC:1.3:CRS84",
        "urn:ogc:def:crs:OGC::CRS84",
        "urn:ogc:def:crs:EPSG::4326",
        "EPSG:4326",
        "CRS84",
    }
)
#: decimal places kept (about 1 m at the equator)
PRECISION = 1e-5


@dataclass(frozen=True)
class Boundary:
    """One feature of a boundary file: the area code (and its parent's, when given) and shape."""

    code: str
    parent_code: str | None
    geometry: BaseGeometry
    feature: int  # position in the file, from 1, for messages


#: What can be wrong with a boundary file, in English; ``{name}`` the values a problem carries.
#: An application says them in other languages by ``key`` (surveyapp: ``geo_<key>``).
BOUNDARY_PROBLEMS: dict[str, str] = {
    "too_large": "the file is {size:.1f} MB; the limit is {limit:.1f} MB (simplify it)",
    "not_utf8": "the file is not UTF-8 text",
    "not_json": "the file is not valid JSON (line {line}, column {column})",
    "too_deep": "the file is not valid JSON (nested too deep)",
    "number_too_long": "the file has a number too long to read",
    "not_collection": "the file must be a GeoJSON FeatureCollection",
    "crs": "the file declares the coordinate system {crs!r}; give longitude and latitude in "
    "degrees (WGS 84, EPSG:4326), as GeoJSON requires: reproject it first",
    "no_features": "the FeatureCollection has no features",
    "too_many_features": "{n} features; at most {limit} per file",
    "not_feature": "is not a GeoJSON Feature object",
    "no_code": "has no properties.code (the area's code, as in the area list)",
    "geometry_type": "geometry must be a Polygon or MultiPolygon, not {kind!r}",
    "not_polygon": "the coordinates do not make a polygon (rings of [longitude, latitude] pairs)",
    "empty": "the geometry is empty",
    "too_many_points": "has {n} points; simplify it to at most {limit}",
    "not_numbers": "has coordinates that are not numbers",
    "not_degrees": "has coordinates outside longitude −180…180 / latitude −90…90: give "
    "longitude and latitude in degrees (WGS 84), not projected metres",
    "invalid": "is not a valid polygon ({reason}); repair it (e.g. make_valid) first",
    "too_small": "is too small to draw (under about a metre across)",
    "repeated": "repeats the code of feature {first}",
}


@dataclass(frozen=True)
class BoundaryProblem:
    """What is wrong with a boundary file; ``feature`` is the position from 1 (0: the file),
    ``key`` one of :data:`BOUNDARY_PROBLEMS` and ``values`` what its text names."""

    feature: int
    code: str
    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """What is wrong, in English."""
        return BOUNDARY_PROBLEMS[self.key].format(**self.values)

    def __str__(self) -> str:
        if self.feature == 0:
            return self.message
        name = f"feature {self.feature}" + (f" (code {self.code!r})" if self.code else "")
        return f"{name}: {self.message}"


def _crs_problem(document: Mapping[str, object]) -> BoundaryProblem | None:
    crs = document.get("crs")
    if crs is None:
        return None
    name = None
    if isinstance(crs, Mapping):
        properties = crs.get("properties")
        if isinstance(properties, Mapping):
            name = properties.get("name")
    if isinstance(name, str) and name in _LONLAT_CRS:
        return None
    return BoundaryProblem(0, "", "crs", {"crs": name or crs})


def _code(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return value.strip() if isinstance(value, str) else ""


def _feature(
    k: int, feature: object, max_vertices: int
) -> tuple[Boundary | None, BoundaryProblem | None]:
    if not isinstance(feature, Mapping) or feature.get("type") != "Feature":
        return None, BoundaryProblem(k, "", "not_feature")
    properties = feature.get("properties")
    properties = properties if isinstance(properties, Mapping) else {}
    code = _code(properties.get("code"))
    if not code:
        return None, BoundaryProblem(k, "", "no_code")

    def problem(key: str, **values: object) -> tuple[None, BoundaryProblem]:
        return None, BoundaryProblem(k, code, key, values)

    raw = feature.get("geometry")
    if not isinstance(raw, Mapping) or raw.get("type") not in ("Polygon", "MultiPolygon"):
        kind = raw.get("type") if isinstance(raw, Mapping) else raw
        return problem("geometry_type", kind=kind)
    try:
        geometry = shape(raw)
    except (
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
        shapely.errors.ShapelyError,
    ):
        return problem("not_polygon")
    if geometry.is_empty:
        return problem("empty")
    coords = shapely.get_coordinates(geometry)
    if len(coords) > max_vertices:
        return problem("too_many_points", n=len(coords), limit=max_vertices)
    if not np.isfinite(coords).all():
        return problem("not_numbers")
    lon, lat = coords[:, 0], coords[:, 1]
    if (np.abs(lon) > 180).any() or (np.abs(lat) > 90).any():
        return problem("not_degrees")
    if not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        return problem("invalid", reason=reason)
    geometry = shapely.set_precision(geometry, PRECISION)
    if geometry.is_empty or not isinstance(geometry, Polygon | MultiPolygon):
        return problem("too_small")
    parent = _code(properties.get("parent_code")) or None
    return Boundary(code, parent, geometry, k), None


def read_boundaries(
    data: bytes, *, max_bytes: int, max_features: int = 5000, max_vertices: int = 200_000
) -> tuple[list[Boundary], list[BoundaryProblem]]:
    """The features of a GeoJSON FeatureCollection of area boundaries, or every problem found.

    Parameters
    ----------
    data : bytes
        The file, UTF-8.
    max_bytes, max_features, max_vertices : int
        Limits: file size, number of features, points of one feature.

    Returns
    -------
    (boundaries, problems)
        ``problems`` names each bad feature by position and code; when it is
        not empty, ``boundaries`` should not be stored.

    Notes
    -----
    Each feature needs ``properties.code`` (optionally ``parent_code`` when
    codes repeat under different parents) and a valid ``Polygon`` or
    ``MultiPolygon`` geometry in longitude/latitude (RFC 7946). Geometries are
    snapped to :data:`PRECISION` degrees.
    """
    if len(data) > max_bytes:
        sizes = {"size": len(data) / 1e6, "limit": max_bytes / 1e6}
        return [], [BoundaryProblem(0, "", "too_large", sizes)]
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark some editors write is harmless
    except UnicodeDecodeError:
        return [], [BoundaryProblem(0, "", "not_utf8")]
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        where = {"line": error.lineno, "column": error.colno}
        return [], [BoundaryProblem(0, "", "not_json", where)]
    except RecursionError:  # nested deeper than the parser goes
        return [], [BoundaryProblem(0, "", "too_deep")]
    except ValueError:  # an integer longer than Python converts (4,300 digits)
        return [], [BoundaryProblem(0, "", "number_too_long")]
    if not isinstance(document, Mapping) or document.get("type") != "FeatureCollection":
        return [], [BoundaryProblem(0, "", "not_collection")]
    crs = _crs_problem(document)
    if crs is not None:
        return [], [crs]
    features = document.get("features")
    if not isinstance(features, list) or not features:
        return [], [BoundaryProblem(0, "", "no_features")]
    if len(features) > max_features:
        counts = {"n": len(features), "limit": max_features}
        return [], [BoundaryProblem(0, "", "too_many_features", counts)]
    found: list[Boundary] = []
    problems: list[BoundaryProblem] = []
    seen: dict[tuple[str | None, str], int] = {}
    for k, feature in enumerate(features, start=1):
        boundary, problem = _feature(k, feature, max_vertices)
        if problem is not None:
            problems.append(problem)
            continue
        assert boundary is not None
        key = (boundary.parent_code, boundary.code)
        if key in seen:
            problems.append(BoundaryProblem(k, boundary.code, "repeated", {"first": seen[key]}))
            continue
        seen[key] = k
        found.append(boundary)
    return found, problems


def geometry_to_json(geometry: BaseGeometry) -> str:
    """The GeoJSON geometry object as compact text (what the database stores)."""
    return json.dumps(mapping(geometry), separators=(",", ":"))


def geometry_from_json(text: str) -> BaseGeometry:
    """A geometry stored by :func:`geometry_to_json`."""
    return shape(json.loads(text))


# --------------------------------------------------------------------------- synthetic


def _halton(k: int, base: int) -> float:
    value, f = 0.0, 1.0
    while k > 0:
        f /= base
        value += f * (k % base)
        k //= base
    return value


def _seeds(region: BaseGeometry, n: int, salt: int) -> list[shapely.Point]:
    """``n`` points spread over ``region``: Halton points inside it, then three Lloyd steps."""
    minx, miny, maxx, maxy = region.bounds
    points: list[shapely.Point] = []
    k = 1 + salt % 997
    while len(points) < n:
        p = shapely.Point(
            minx + _halton(k, 2) * (maxx - minx), miny + _halton(k, 3) * (maxy - miny)
        )
        if region.contains(p):
            points.append(p)
        k += 1
    for _step in range(3):
        cells = _cells(region, points)
        points = [
            c.centroid if not c.is_empty and region.contains(c.centroid) else p
            for c, p in zip(cells, points, strict=True)
        ]
    return points


def _polygonal(geometry: BaseGeometry) -> BaseGeometry:
    parts = [
        g for g in getattr(geometry, "geoms", [geometry]) if isinstance(g, Polygon | MultiPolygon)
    ]
    return shapely.union_all(parts) if parts else Polygon()


def _cells(region: BaseGeometry, points: Sequence[shapely.Point]) -> list[BaseGeometry]:
    """The Voronoi cell of each point (in order), clipped to ``region``."""
    if len(points) == 1:
        return [region]
    cells = shapely.voronoi_polygons(shapely.MultiPoint(points), extend_to=region, ordered=True)
    return [_polygonal(c.intersection(region)) for c in cells.geoms]


def _outline(seed: int, centre: tuple[float, float], radius: float) -> Polygon:
    """A country-like blob: a circle with a few deterministic bumps."""
    rng = np.random.default_rng(seed)
    amplitude = rng.uniform(0.05, 0.15, 4)
    phase = rng.uniform(0, 2 * math.pi, 4)
    angles = np.linspace(0, 2 * math.pi, 120, endpoint=False)
    r = np.ones_like(angles)
    for k, (a, p) in enumerate(zip(amplitude, phase, strict=True)):
        r += a * np.sin((k + 2) * angles + p)
    lon = centre[0] + radius * r * np.cos(angles) / math.cos(math.radians(centre[1]))
    lat = centre[1] + radius * r * np.sin(angles)
    return Polygon(np.column_stack([lon, lat]))


def synthetic_boundaries(
    key: str, states: Mapping[str, Sequence[str]]
) -> tuple[BaseGeometry, dict[str, BaseGeometry], dict[tuple[str, str], BaseGeometry]]:
    """Made-up boundaries for a simulated country: the same ``key`` and codes give the same map.

    Parameters
    ----------
    key : str
        The country's code (seeds the outline and its place on the globe).
    states : mapping
        State code -> its municipality codes.

    Returns
    -------
    (country, states, municipalities)
        The outline, each state's cell (by code) and each municipality's
        cell (by ``(state code, code)``): Voronoi cells of evenly spread
        points (Halton points relaxed by Lloyd's algorithm), clipped to the
        outline and to their state, snapped to :data:`PRECISION`.
    """
    digest = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:4], "big")
    centre = (-100.0 + (digest % 40) - 20, 10.0 + (digest // 40) % 20)
    radius = 2.0 + 0.5 * math.sqrt(max(len(states), 1))
    country = shapely.set_precision(_outline(digest, centre, radius), PRECISION)
    codes = sorted(states)
    points = _seeds(country, len(codes), digest)
    # states numbered from the north-west, as official codes often are
    order = sorted(range(len(points)), key=lambda i: (-round(points[i].y, 1), points[i].x))
    cells = _cells(country, points)
    state_shapes: dict[str, BaseGeometry] = {}
    municipal: dict[tuple[str, str], BaseGeometry] = {}
    for code, i in zip(codes, order, strict=True):
        state = shapely.set_precision(cells[i], PRECISION)
        state_shapes[code] = state
        munis = sorted(states[code])
        if not munis:
            continue
        inner = _seeds(state, len(munis), digest + i + 1)
        for muni, cell in zip(munis, _cells(state, inner), strict=True):
            municipal[(code, muni)] = shapely.set_precision(cell, PRECISION)
    return country, state_shapes, municipal


# --------------------------------------------------------------------------- drawing


def svg_paths(
    shapes: Mapping[str, BaseGeometry], width: float = 600.0, margin: float = 4.0
) -> tuple[dict[str, str], float]:
    """SVG path data of each shape (equirectangular, x scaled by cos of the mid latitude).

    Returns the paths by key and the height of a ``width``-wide view box.
    Holes and several parts draw right with ``fill-rule="evenodd"``.
    """
    if not shapes:
        return {}, 0.0
    minx, miny, maxx, maxy = shapely.GeometryCollection(list(shapes.values())).bounds
    stretch = math.cos(math.radians((miny + maxy) / 2))
    span_x = max((maxx - minx) * stretch, 1e-9)
    scale = (width - 2 * margin) / span_x
    height = (maxy - miny) * scale + 2 * margin

    def ring(coords: np.ndarray) -> str:
        x = margin + (coords[:, 0] - minx) * stretch * scale
        y = margin + (maxy - coords[:, 1]) * scale
        points = " ".join(f"{a:.1f},{b:.1f}" for a, b in zip(x, y, strict=True))
        return f"M{points}Z"

    paths: dict[str, str] = {}
    for key, geometry in shapes.items():
        parts = []
        for polygon in getattr(geometry, "geoms", [geometry]):
            if not isinstance(polygon, Polygon) or polygon.is_empty:
                continue
            parts.append(ring(np.asarray(polygon.exterior.coords)))
            parts.extend(ring(np.asarray(hole.coords)) for hole in polygon.interiors)
        paths[key] = "".join(parts)
    return paths, height
