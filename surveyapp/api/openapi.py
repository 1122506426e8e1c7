"""The OpenAPI 3.1 description of the read API (``/api/v1/openapi.json``), as data.

Kept next to the routes it describes; ``tests/surveyapp/api/test_v1_schema.py`` runs
schemathesis against the app with it, so a route that answers something this does
not describe fails CI.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..i18n import LANGUAGES

JSON = "application/json"
PROBLEM = "application/problem+json"
MAX_ID = 2**31 - 1  # models.base.MAX_ID, without importing the models here


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(kind: str) -> dict[str, Any]:
    return {"type": [kind, "null"]}


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM: {"schema": _ref("Problem")}}}


#: Errors every token-protected operation may answer.
_ERRORS: dict[str, Any] = {
    "400": _problem("A query parameter is not acceptable; ``detail`` names it."),
    "401": {
        **_problem("No token, an unknown token or a revoked token."),
        "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}},
    },
    "403": _problem("The token may not see this (a public token, other areas, no microdata)."),
    "404": _problem("No such wave or area for this token, or no such path."),
    "429": {
        **_problem("Too many requests for this token; wait Retry-After seconds."),
        "headers": {"Retry-After": {"schema": {"type": "string"}}},
    },
}


def _ok(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "description": description,
        "headers": {
            "ETag": {"schema": {"type": "string"}, "description": "Send it in If-None-Match."},
            "Cache-Control": {"schema": {"type": "string"}},
        },
        "content": {JSON: {"schema": schema}},
    }


def _page_of(item: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["data", "total", "limit", "next_cursor"],
        "properties": {
            **extra,
            "data": {"type": "array", "items": _ref(item)},
            "total": {"type": "integer", "minimum": 0},
            "limit": {"type": "integer", "minimum": 1},
            "next_cursor": {
                **_nullable("string"),
                "description": "Pass as ``cursor`` for the next page; null on the last page.",
            },
        },
    }


def _param(name: str, where: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "schema": schema,
        "description": description,
    }


_WAVE_ID = _param(
    "wave_id", "path", {"type": "integer", "minimum": 1, "maximum": MAX_ID}, "The wave's id."
)


def _paging(largest: int) -> list[dict[str, Any]]:
    return [
        _param(
            "limit",
            "query",
            {"type": "integer", "minimum": 1, "maximum": largest},
            "Items per page (API_PAGE_SIZE when absent).",
        ),
        _param(
            "cursor",
            "query",
            {"type": "string", "pattern": "^[0-9]{1,9}$"},
            "``next_cursor`` of the previous page, unchanged.",
        ),
    ]


_LANG = _param("lang", "query", {"type": "string", "enum": list(LANGUAGES)}, "Language of names.")
_IF_NONE_MATCH = _param(
    "If-None-Match", "header", {"type": "string"}, "An ETag of an earlier answer: 304 when same."
)
_NOT_MODIFIED = {"304": {"description": "Not modified since the ETag sent in If-None-Match."}}


def _operation(
    summary: str,
    ok: dict[str, Any],
    parameters: list[dict[str, Any]],
    *,
    errors: tuple[str, ...] = ("400", "401", "404", "429"),
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "parameters": [*parameters, _IF_NONE_MATCH],
            "responses": {
                "200": ok,
                **_NOT_MODIFIED,
                **{code: _ERRORS[code] for code in errors},
                **(extra or {}),
            },
        }
    }


_SCHEMAS: dict[str, Any] = {
    "Problem": {
        "type": "object",
        "required": ["type", "title", "status", "detail", "code"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "code": {"type": "string"},
        },
    },
    "Wave": {
        "type": "object",
        "required": ["id", "name", "slug", "status", "public", "reference_start", "reference_end"],
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "slug": {"type": "string"},
            "status": {"type": "string"},
            "public": {"type": "boolean", "description": "Results published to everybody."},
            "reference_start": {"type": "string", "format": "date"},
            "reference_end": {"type": "string", "format": "date"},
            "links": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    },
    "Area": {
        "type": "object",
        "required": ["key", "code", "name", "level"],
        "properties": {
            "key": {"type": "string", "description": "The ``area`` parameter of indicators."},
            "code": {"type": "string"},
            "name": {"type": "string"},
            "level": {"type": "string", "enum": ["national", "state", "municipality"]},
        },
    },
    "Indicator": {
        "type": "object",
        "required": ["id", "group", "name", "definition", "level", "unit", "estimator"],
        "properties": {
            "id": {"type": "string"},
            "group": {"type": "string"},
            "name": {"type": "string"},
            "definition": {"type": "string"},
            "level": {"type": "string", "description": "person, household, incident ..."},
            "unit": {"type": "string", "description": "percent, per_100000, ratio ..."},
            "estimator": {"type": "string", "description": "proportion, ratio ..."},
            "crime_type": _nullable("integer"),
        },
    },
    "IndicatorRow": {
        "type": "object",
        "description": "One estimate; in the public edition a suppressed row has no numbers.",
        "required": ["indicator", "estimate", "ci_low", "ci_high", "cv", "quality", "suppressed"],
        "properties": {
            "area_code": {"type": "string"},
            "area_name": {"type": "string"},
            "area_level": {"type": "string"},
            "indicator": {"type": "string"},
            "indicator_name": {"type": "string"},
            "group": {"type": "string"},
            "domain_type": {"type": "string"},
            "domain": {"type": ["string", "number", "null"]},
            "unit": {"type": "string"},
            "estimate": _nullable("number"),
            "se": _nullable("number"),
            "ci_low": _nullable("number"),
            "ci_high": _nullable("number"),
            "level": _nullable("number"),
            "cv": _nullable("number"),
            "n": {"type": ["integer", "number", "null"]},
            "df": {"type": ["integer", "number", "null"]},
            "quality": _nullable("string"),
            "suppressed": {"type": "boolean"},
            "reason": _nullable("string"),
        },
    },
    "Release": {
        "type": "object",
        "required": ["edition", "format", "url"],
        "properties": {
            "edition": {"type": "string", "enum": ["public", "internal"]},
            "format": {"type": "string"},
            "url": {"type": "string"},
        },
    },
    "Building": {
        "type": "object",
        "description": "The table is being built: ask again after Retry-After seconds.",
        "required": ["status", "retry_after", "url"],
        "properties": {
            "status": {"type": "string"},
            "progress": _nullable("string"),
            "retry_after": {"type": "integer"},
            "url": {"type": "string"},
        },
    },
}


def description(
    *, largest_page: int, editions: Sequence[str], formats: Sequence[str]
) -> dict[str, Any]:
    """The OpenAPI document; ``largest_page`` is the API_MAX_PAGE_SIZE setting, ``editions`` and
    ``formats`` those of the microdata releases."""
    paging = _paging(largest_page)
    edition = _param(
        "edition",
        "query",
        {"type": "string", "enum": ["public", "internal"]},
        "Internal tokens get the internal edition unless they ask for the public one.",
    )
    filters = [
        _param(name, "query", {"type": "string"}, f"Only rows whose {name} is this.")
        for name in ("indicator", "group", "domain_type", "domain")
    ]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "surveyapp read API",
            "version": "1",
            "description": (
                "Victimization survey results: waves, areas, the indicator catalogue, "
                "indicator tables and microdata releases. See surveyapp/docs/api.md."
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"token": []}],
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
            "schemas": _SCHEMAS,
        },
        "paths": {
            "/openapi.json": {
                "get": {
                    "summary": "This description.",
                    "security": [],
                    "responses": {"200": {"description": "OpenAPI 3.1", "content": {JSON: {}}}},
                }
            },
            "/waves": _operation(
                "Waves the token sees, newest first.", _ok(_page_of("Wave"), "Waves"), paging
            ),
            "/waves/{wave_id}": _operation("One wave.", _ok(_ref("Wave"), "The wave"), [_WAVE_ID]),
            "/waves/{wave_id}/areas": _operation(
                "Areas the wave reports on that the token sees.",
                _ok(_page_of("Area", wave_id={"type": "integer"}), "Areas"),
                [_WAVE_ID, *paging],
            ),
            "/indicators": _operation(
                "The standard indicators in a language.",
                _ok(_page_of("Indicator", language={"type": "string"}), "The catalogue"),
                [_LANG, *paging],
            ),
            "/waves/{wave_id}/indicators": _operation(
                "One area's indicators: estimate, interval, CV, quality, suppression.",
                _ok(
                    _page_of(
                        "IndicatorRow",
                        wave={"type": "object"},
                        area=_ref("Area"),
                        edition={"type": "string", "enum": ["public", "internal"]},
                        language={"type": "string"},
                        quality_rules={"type": "string"},
                        not_measured={
                            "type": "array",
                            "description": "Standard indicators the wave's questionnaire "
                            "cannot measure (a national adaptation without their items).",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "indicator": {"type": "string"},
                                    "name": {"type": "string"},
                                    "items": {"type": "array", "items": {"type": "string"}},
                                },
                            },
                        },
                    ),
                    "The rows",
                ),
                [
                    _WAVE_ID,
                    _param("area", "query", {"type": "string"}, "An area key (default national)."),
                    _LANG,
                    edition,
                    *filters,
                    *paging,
                ],
                errors=("400", "401", "403", "404", "429"),
                extra={
                    "202": {
                        "description": "Being built; ask again after Retry-After seconds.",
                        "headers": {"Retry-After": {"schema": {"type": "string"}}},
                        "content": {JSON: {"schema": _ref("Building")}},
                    },
                    "503": _problem("Building the table failed; try again later."),
                },
            ),
            "/waves/{wave_id}/microdata": _operation(
                "Microdata releases of the wave the token may download.",
                _ok(_page_of("Release", wave_id={"type": "integer"}), "Releases"),
                [_WAVE_ID, *paging],
                errors=("400", "401", "403", "404", "429"),
            ),
            "/waves/{wave_id}/microdata/{edition}/{format_}": _operation(
                "One microdata release as a ZIP (files, codebook, disclosure report, DDI).",
                {
                    "description": "The release",
                    "content": {"application/zip": {"schema": {"type": "string"}}},
                },
                [
                    _WAVE_ID,
                    _param(
                        "edition",
                        "path",
                        {"type": "string", "enum": list(editions)},
                        "public or internal.",
                    ),
                    _param(
                        "format_", "path", {"type": "string", "enum": list(formats)}, "File format."
                    ),
                    _LANG,
                ],
                errors=("400", "401", "403", "404", "429"),
                extra={"409": _problem("The release cannot be made; ``detail`` says why.")},
            ),
        },
    }
