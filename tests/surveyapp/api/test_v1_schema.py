"""schemathesis against the app: every operation of /api/v1/openapi.json, generated requests with
a public token, an internal token and none; no server error, and every answer as described
(status code, content type, headers, body schema). Bounded: EXAMPLES per operation and token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import hypothesis
import pytest
import schemathesis
from flask import Flask
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from surveyapp.extensions import db
from surveyapp.models import TokenScope
from surveyapp.services.read_tokens import create_token

from ..conftest import TinyWave  # type: ignore[import-not-found]

#: Generated requests per operation and token (7 operations x 3 tokens), fewer for the
#: microdata download, which builds a release each time.
EXAMPLES = 12
RELEASE_EXAMPLES = 5
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"REPORT_WORKER": "inline"}


def test_every_operation_answers_as_described_and_never_with_a_server_error(
    app: Flask, tiny_wave: Callable[..., TinyWave]
) -> None:
    loaded = tiny_wave(public=True)
    with app.app_context():
        tokens: list[str | None] = [
            create_token(
                db.session, name=scope.value, scope=scope, may_download_microdata=True, by=None
            )[1]
            for scope in TokenScope
        ]
        db.session.commit()
    tokens.append(None)
    # the description as served, with wave ids and area keys drawn from some that exist and some
    # that do not (generated ones would rarely name one that exists)
    document = app.test_client().get("/api/v1/openapi.json").json
    assert document is not None
    for path in document["paths"].values():
        for parameter in path["get"].get("parameters", []):
            known = {
                "wave_id": [loaded.id, loaded.id + 1, 2**31 - 1],
                "area": [loaded.muni.key, loaded.state.key, "national", "no-such-area"],
            }.get(parameter["name"])
            if known is not None:
                parameter["schema"] = {**parameter["schema"], "enum": known}
    schema = schemathesis.openapi.from_dict(document)
    schema.app = app

    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == len(document["paths"])
    statuses: dict[str, set[int]] = {}
    for operation in operations:
        for token in tokens:
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            examples = RELEASE_EXAMPLES if "{format_}" in operation.path else EXAMPLES
            _fuzz(operation, headers, examples, statuses.setdefault(operation.path, set()))
    # the fuzzing reached real answers of every operation, and the refusals
    assert all(200 in seen for seen in statuses.values()), sorted(statuses.items())
    assert all(401 in seen for path, seen in statuses.items() if path != "/openapi.json")


def _fuzz(operation: Any, headers: dict[str, str], examples: int, statuses: set[int]) -> None:
    """Generated requests of one operation with these headers, every check on each."""

    @hypothesis.settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    @hypothesis.given(case=operation.as_strategy())
    def run(case: Any) -> None:
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        statuses.add(response.status_code)

    run()
