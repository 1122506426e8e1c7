"""The instrument model: lookups, round trip through plain data, content hash, JSON Schema."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml

from questionnaires.loader import load_instrument, load_instrument_dict, load_instrument_text
from questionnaires.model import (
    SCHEMA_PATH,
    GridItem,
    GridRow,
    Instrument,
    RepeatItem,
    json_schema_text,
)

SMALL = Path(__file__).parent / "instruments" / "small.yaml"


@pytest.fixture(scope="module")
def small() -> Instrument:
    return load_instrument(SMALL)


def test_top_level_attributes(small: Instrument) -> None:
    assert (small.id, small.version, small.languages, small.default_language) == (
        "small_vict",
        "0.3",
        ("en", "es"),
        "en",
    )
    assert small.parameters == {"incident_cap": 3, "min_age": 15}
    assert [choice.code for choice in small.choice_lists["safety"]] == [1, 2, 3, 4]
    assert [section.name for section in small.sections] == [
        "respondent",
        "screener",
        "incidents",
        "perception",
    ]


def test_items_in_questionnaire_order_with_rows_and_repeat_items(small: Instrument) -> None:
    codes = [item.code for item in small.items()]
    expected_from_file = [
        line.split("code:")[1].strip()
        for line in SMALL.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("- code:")
    ]
    assert codes == expected_from_file
    assert codes.index("incident") < codes.index("inc_month") < codes.index("n_reported")


def test_item_lookup_and_containers(small: Instrument) -> None:
    assert isinstance(small.item("safe_home"), GridRow)
    grid = small.grid_of("safe_home")
    assert isinstance(grid, GridItem) and grid.code == "safe_grid"
    repeat = small.repeat_of("inc_place")
    assert isinstance(repeat, RepeatItem) and repeat.code == "incident"
    assert small.repeat_of("rob_n") is None
    assert small.section_of("inc_place").name == "incidents"
    with pytest.raises(KeyError, match="no item 'nope'"):
        small.item("nope")


def test_round_trip_keeps_the_content_hash(small: Instrument) -> None:
    again = load_instrument_dict(small.to_dict())
    assert again == small
    assert again.content_hash == small.content_hash


def test_hash_is_sha256_of_canonical_json(small: Instrument) -> None:
    canonical = json.dumps(
        small.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert small.content_hash == hashlib.sha256(canonical.encode()).hexdigest()


def test_hash_ignores_comments_layout_key_order_and_spelled_out_defaults(small: Instrument) -> None:
    data = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    reordered = dict(reversed(list(data.items())))
    reordered["sections"][0]["items"][1]["required"] = False  # the default
    text = "# another comment\n" + yaml.safe_dump(
        reordered, allow_unicode=True, default_flow_style=False
    )
    assert load_instrument_text(text).content_hash == small.content_hash


def test_hash_changes_with_content(small: Instrument) -> None:
    data = small.to_dict()
    data["choice_lists"]["yes_no"][0]["label"]["es"] = "Si"
    assert load_instrument_dict(data).content_hash != small.content_hash


def test_to_dict_leaves_out_defaults(small: Instrument) -> None:
    comments = next(
        item for item in small.to_dict()["sections"][0]["items"] if item["code"] == "comments"
    )
    assert comments == {
        "code": "comments",
        "type": "text",
        "label": {"en": "Anything else?", "es": "¿Algo más?"},
        "max_length": 40,
    }


def test_exported_json_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == json_schema_text(), (
        "regenerate: python -c 'from questionnaires.model import write_json_schema; write_json_schema()'"
    )


def test_json_schema_knows_every_item_type() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    types = {
        definition["properties"]["type"]["const"]
        for definition in schema["$defs"].values()
        if "type" in definition.get("properties", {})
        and "const" in definition["properties"]["type"]
    }
    assert types == {
        "single", "multiple", "integer", "decimal", "text", "longtext",
        "date", "month", "note", "calculate", "grid", "repeat",
    }  # fmt: skip


def test_the_complete_example_of_the_format_reference_loads() -> None:
    doc = (Path(__file__).parents[2] / "questionnaires" / "docs" / "format.md").read_text(
        encoding="utf-8"
    )
    example = doc.split("## Complete example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    instrument = load_instrument_text(example, source="format.md")
    types = {item.type for item in instrument.items() if not isinstance(item, GridRow)}
    assert types == {
        "single", "multiple", "integer", "decimal", "text", "longtext",
        "date", "month", "note", "calculate", "grid", "repeat",
    }  # fmt: skip
