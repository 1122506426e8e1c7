"""DisclosurePolicy: the declared mapping form, its round trip and errors that name the key."""

from __future__ import annotations

import json

import pytest

from analysis.disclosure import DisclosurePolicy, PolicyError, default_policy
from analysis.disclosure.policy import TopCode


def test_the_default_policy_survives_a_trip_through_json() -> None:
    policy = default_policy()
    back = DisclosurePolicy.from_mapping(json.loads(json.dumps(policy.to_dict())))
    assert back == policy


def test_absent_keys_take_the_documented_defaults() -> None:
    policy = DisclosurePolicy.from_mapping({"k": 5, "top_codes": {"inc_loss_value": "p95"}})
    assert policy.k == 5
    assert policy.top_codes == (TopCode("inc_loss_value", quantile=0.95),)
    assert policy.quasi_identifiers == default_policy().quasi_identifiers


@pytest.mark.parametrize(
    ("mapping", "key", "words"),
    [
        ({"kk": 3}, "kk", "unknown key"),
        ({"k": 0}, "k", "whole number"),
        ({"k": 2.5}, "k", "whole number"),
        ({"k": True}, "k", "whole number"),
        ({"drop": "name"}, "drop", "list of column names"),
        ({"drop": ["ok", 3]}, "drop[1]", "column name"),
        ({"dates": {"inc_month": "week"}}, "dates.inc_month", "'month' or 'quarter'"),
        ({"top_codes": {"dem_age": "lots"}}, "top_codes.dem_age", "percentile"),
        ({"top_codes": {"dem_age": "p100"}}, "top_codes.dem_age", "percentile"),
        ({"top_codes": {"dem_age": None}}, "top_codes.dem_age", "number"),
        ({"bands": {"dem_age": [18, 18, 30]}}, "bands.dem_age", "increase"),
        ({"bands": {"dem_age": [18]}}, "bands.dem_age", "at least two"),
        (
            {"geography": [{"column": "municipality", "parent": "state"}]},
            "geography[0].threshold",
            "missing",
        ),
        (
            {"geography": [{"column": "m", "parent": "s", "threshold": 1, "size": 2}]},
            "geography[0].size",
            "unknown key",
        ),
        (
            {"geography": [{"column": "m", "parent": "s", "threshold": -1}]},
            "geography[0].threshold",
            "at least 0",
        ),
        (
            {"key_variables": [{"name": "x", "column": "y", "values": [1], "file": "people"}]},
            "key_variables[0].file",
            "respondents",
        ),
        ({"key_variables": [{"name": "x", "column": "y"}]}, "key_variables[0].values", "missing"),
        ({"quasi_identifiers": ["a", "a"]}, "quasi_identifiers", "twice"),
        (
            {"aliases": [{"file": "roster", "column": "sex", "source": "dem_sex"}]},
            "aliases[0].file",
            "households",
        ),
        ({"aliases": [{"file": "households", "column": "sex"}]}, "aliases[0].source", "missing"),
        ({"cluster_keys": ["psu_area"]}, "cluster_keys", "not a quasi-identifier"),
    ],
)
def test_a_bad_mapping_is_refused_naming_the_key(mapping: dict, key: str, words: str) -> None:
    with pytest.raises(PolicyError) as error:
        DisclosurePolicy.from_mapping(mapping)
    assert error.value.key == key
    assert words in str(error.value)


def test_new_quasi_identifiers_keep_only_the_default_cluster_keys_among_them() -> None:
    policy = DisclosurePolicy.from_mapping({"quasi_identifiers": ["state", "dem_sex", "dem_age"]})
    assert policy.cluster_keys == ("state",)


def test_a_mapping_is_required() -> None:
    with pytest.raises(PolicyError, match="must be a mapping"):
        DisclosurePolicy.from_mapping([("k", 3)])  # type: ignore[arg-type]


def test_the_policy_cannot_be_changed_after_it_is_made() -> None:
    policy = default_policy()
    with pytest.raises(AttributeError):
        policy.k = 10  # type: ignore[misc]
