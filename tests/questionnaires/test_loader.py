"""The loader reports every problem of an instrument with file, line, item and message."""

from __future__ import annotations

from pathlib import Path

import pytest

from questionnaires.instruments import standard_instrument, standard_instrument_ids
from questionnaires.loader import (
    InstrumentError,
    Problem,
    load_instrument,
    load_instrument_dict,
    load_instrument_text,
    standard_instrument_paths,
)

HERE = Path(__file__).parent / "instruments"

HEADER = """\
id: t
version: "1"
title: {en: "T", es: "T"}
languages: [en, es]
default_language: en
parameters: {cap: 3}
choice_lists:
  yn:
    - {code: 1, label: {en: "Yes", es: "Sí"}}
    - {code: 2, label: {en: "No", es: "No"}}
sections:
"""


def section(name: str, items: str, extra: str = "") -> str:
    """A section in YAML; ``items`` are lines already indented by six spaces."""
    return f"  - name: {name}\n    title: {{en: S, es: S}}\n{extra}    items:\n{items}"


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(InstrumentError) as caught:
        load_instrument_text(text, source="t.yaml")
    return caught.value.problems


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line of ``text`` containing ``needle``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the test instrument")


def only(problems: list[Problem], fragment: str) -> Problem:
    found = [problem for problem in problems if fragment in problem.message]
    assert len(found) == 1, f"{fragment!r} in {[str(p) for p in problems]}"
    return found[0]


OK_ITEMS = (
    "      - {code: a, type: integer, label: {en: A, es: A}}\n"
    "      - {code: b, type: single, choices: yn, label: {en: B, es: B}}\n"
)


def test_valid_instrument_loads() -> None:
    instrument = load_instrument_text(HEADER + section("s", OK_ITEMS))
    assert [item.code for item in instrument.items()] == ["a", "b"]


def test_standard_instrument_paths_are_the_shipped_yaml_files() -> None:
    paths = standard_instrument_paths()
    shipped = Path(__file__).parents[2] / "questionnaires" / "instruments"
    assert paths == sorted(shipped.glob("*.yaml"))


@pytest.mark.parametrize("path", standard_instrument_paths(), ids=lambda path: path.stem)
def test_every_shipped_instrument_loads(path: Path) -> None:
    assert load_instrument(path).id == path.stem


def test_yaml_syntax_error_has_its_line() -> None:
    text = HEADER + section("s", OK_ITEMS + "      - {code: c, type: [\n")
    [problem] = problems_of(text)
    assert problem.file == "t.yaml"
    assert problem.line is not None and problem.line >= line_of(text, "code: c")
    assert problem.message.startswith("YAML syntax error")


def test_repeated_yaml_key_is_reported() -> None:
    text = HEADER.replace('version: "1"', 'version: "1"\nversion: "2"') + section("s", OK_ITEMS)
    problem = only(problems_of(text), "repeated")
    assert problem.line == line_of(text, 'version: "2"')
    assert "first on line 2" in problem.message


def test_unknown_key_wrong_type_and_missing_key() -> None:
    items = (
        "      - code: a\n"
        "        type: integer\n"
        "        label: {en: A, es: A}\n"
        "        colour: red\n"
        "      - code: b\n"
        "        type: integer\n"
        "        label: {en: B, es: B}\n"
        "        min: lots\n"
        "      - code: c\n"
        "        type: single\n"
        "        label: {en: C, es: C}\n"
    )
    text = HEADER + section("s", items)
    problems = problems_of(text)
    unknown = only(problems, "unknown key 'colour'")
    assert (unknown.line, unknown.item) == (line_of(text, "colour"), "a")
    wrong = only(problems, "whole number")
    assert (wrong.line, wrong.item, wrong.message) == (
        line_of(text, "min: lots"),
        "b",
        "min: must be a whole number",
    )
    missing = only(problems, "missing required key 'choices'")
    assert (missing.line, missing.item) == (line_of(text, "code: c"), "c")


def test_unquoted_yes_in_a_label_gets_a_hint() -> None:
    text = HEADER + section("s", "      - {code: a, type: note, label: {en: yes, es: Sí}}\n")
    problem = only(problems_of(text), "true/false")
    assert problem.message.startswith("label.en: must be text")


def test_unknown_item_type() -> None:
    text = HEADER + section("s", "      - {code: a, type: slider, label: {en: A, es: A}}\n")
    problem = only(problems_of(text), "unknown item type 'slider'")
    assert problem.item == "a"


def test_duplicate_section_names_and_item_codes_everywhere() -> None:
    grid = (
        "      - code: g\n"
        "        type: grid\n"
        "        choices: yn\n"
        "        label: {en: G, es: G}\n"
        "        rows:\n"
        "          - {code: a, label: {en: r, es: r}}\n"
    )
    repeat = (
        "      - code: rep\n"
        "        type: repeat\n"
        "        count: 2\n"
        "        title: {en: R, es: R}\n"
        "        items:\n"
        "          - {code: b, type: integer, label: {en: x, es: x}}\n"
    )
    text = HEADER + section("s", OK_ITEMS + grid) + section("s", repeat)
    problems = problems_of(text)
    duplicates = [problem for problem in problems if "duplicate item code" in problem.message]
    assert [(p.item, p.line) for p in duplicates] == [
        ("a", line_of(text, "{code: a, label")),
        ("b", line_of(text, "{code: b, type: integer, label: {en: x")),
    ]
    assert f"first on line {line_of(text, 'code: a,')}" in duplicates[0].message
    section_problem = only(problems, "duplicate section name")
    assert section_problem.item == "s"
    assert (
        section_problem.line
        == len(HEADER.splitlines()) + len(section("s", OK_ITEMS + grid).splitlines()) + 1
    )


def test_choice_lists_duplicate_codes_reserved_codes_and_missing_lists() -> None:
    header = HEADER.replace(
        '    - {code: 2, label: {en: "No", es: "No"}}\n',
        '    - {code: 1, label: {en: "No", es: "No"}}\n    - {code: -9, label: {en: "R", es: "R"}}\n',
    )
    text = header + section(
        "s", "      - {code: a, type: multiple, choices: colours, label: {en: A, es: A}}\n"
    )
    problems = problems_of(text)
    duplicate = only(problems, "duplicate choice code 1")
    assert (duplicate.item, duplicate.line) == ("yn", line_of(text, '{code: 1, label: {en: "No"'))
    reserved = only(problems, "reserved")
    assert "'refused'" in reserved.message
    missing = only(problems, "choice list 'colours' does not exist")
    assert (missing.item, missing.line) == ("a", line_of(text, "colours"))


def test_labels_missing_in_a_declared_language_and_undeclared_languages() -> None:
    items = (
        "      - code: a\n"
        "        type: integer\n"
        "        label: {en: A}\n"
        "        hint: {en: H, es: H, de: H}\n"
    )
    text = HEADER + section("s", items)
    problems = problems_of(text)
    missing = only(problems, "missing in es")
    assert (missing.item, missing.line, missing.message) == (
        "a",
        line_of(text, "label: {en: A}"),
        "label: missing in es",
    )
    undeclared = only(problems, "'de'")
    assert undeclared.message == "hint: language 'de' is not declared in languages"


def test_default_language_must_be_declared() -> None:
    text = HEADER.replace("default_language: en", "default_language: fr") + section("s", OK_ITEMS)
    problem = only(problems_of(text), "'fr' is not one of the languages")
    assert (problem.item, problem.line) == ("default_language", line_of(text, "default_language"))


def test_expression_syntax_error_has_its_position() -> None:
    items = (
        OK_ITEMS
        + '      - {code: c, type: integer, label: {en: C, es: C}, relevant: "${a} > > 1"}\n'
    )
    text = HEADER + section("s", items)
    [problem] = problems_of(text)
    assert (problem.item, problem.line) == ("c", line_of(text, "code: c"))
    assert problem.message.startswith("relevant: ")
    assert "at character 8 of '${a} > > 1'" in problem.message


def test_unknown_names_and_later_items() -> None:
    items = (
        '      - {code: a, type: integer, label: {en: A, es: A}, relevant: "${b} = 1"}\n'
        '      - {code: b, type: integer, label: {en: B, es: B}, constraint: ". < ${nope}"}\n'
        '      - {code: c, type: calculate, calculation: "${c} + ${cap}"}\n'
    )
    text = HEADER + section("s", items)
    problems = problems_of(text)
    later = only(problems, "comes later")
    assert (later.item, later.line) == ("a", line_of(text, "code: a"))
    assert f"(line {line_of(text, 'code: b')})" in later.message
    unknown = only(problems, "unknown name")
    assert (unknown.item, unknown.message) == ("b", "constraint: unknown name ${nope}")
    cycle = only(problems, "depends on itself")
    assert cycle.item == "c"
    assert len(problems) == 3  # ${cap} is a parameter


def test_repeat_items_are_reached_from_outside_only_through_aggregates() -> None:
    repeat = (
        "      - code: rep\n"
        "        type: repeat\n"
        "        count: ${a}\n"
        "        title: {en: R, es: R}\n"
        "        items:\n"
        "          - {code: loss, type: integer, label: {en: x, es: x}}\n"
    )
    after = (
        '      - {code: total, type: calculate, calculation: "sum(${loss}) + count(${rep})"}\n'
        '      - {code: first, type: calculate, calculation: "${loss} * 2"}\n'
        '      - {code: n, type: calculate, calculation: "${rep}"}\n'
    )
    text = HEADER + section("s", OK_ITEMS) + section("r", repeat) + section("t", after)
    problems = problems_of(text)
    scope = only(problems, "inside repeat 'rep'")
    assert (scope.item, scope.line) == ("first", line_of(text, "code: first"))
    assert "use sum(), count(), min() or max()" in scope.message
    no_value = only(problems, "is a repeat and has no value")
    assert no_value.item == "n"
    assert len(problems) == 2


def test_required_and_constraint_on_items_without_answers() -> None:
    items = (
        "      - {code: a, type: note, label: {en: A, es: A}, required: true}\n"
        '      - {code: b, type: calculate, calculation: "1", constraint: ". > 0"}\n'
    )
    text = HEADER + section("s", items)
    problems = problems_of(text)
    note = only(problems, "note item")
    assert (note.item, note.message) == (
        "a",
        "'required' is not allowed on a note item: it receives no answer",
    )
    calculate = only(problems, "calculate item")
    assert calculate.item == "b"


def test_current_value_only_in_constraints_and_position_only_in_repeats() -> None:
    items = OK_ITEMS + (
        '      - {code: c, type: integer, label: {en: C, es: C}, relevant: ". > 1"}\n'
        '      - {code: d, type: calculate, calculation: "position(..)"}\n'
    )
    text = HEADER + section("s", items)
    problems = problems_of(text)
    assert only(problems, "'.'").item == "c"
    assert only(problems, "position(..)").item == "d"


@pytest.mark.parametrize(
    ("count", "fragment"),
    [
        ("${x}", "is inside the repeat it counts"),
        ("${later}", "comes later"),
        ("'many'", "does not give a number"),
        ("${a} +", "at character"),
    ],
)
def test_repeat_counts_that_cannot_be_evaluated(count: str, fragment: str) -> None:
    repeat = (
        "      - code: rep\n"
        "        type: repeat\n"
        f'        count: "{count}"\n'
        "        title: {en: R, es: R}\n"
        "        items:\n"
        "          - {code: x, type: integer, label: {en: x, es: x}}\n"
    )
    after = "      - {code: later, type: integer, label: {en: L, es: L}}\n"
    text = HEADER + section("s", OK_ITEMS) + section("r", repeat) + section("t", after)
    problem = only(problems_of(text), fragment)
    assert (problem.item, problem.line) == ("rep", line_of(text, "count:"))
    assert problem.message.startswith("count: ")


def test_repeat_count_from_earlier_answers_and_parameters_is_fine() -> None:
    repeat = (
        "      - code: rep\n"
        "        type: repeat\n"
        '        count: "min(${a}, ${cap})"\n'
        "        title: {en: R, es: R}\n"
        "        items:\n"
        "          - {code: x, type: integer, label: {en: x, es: x}}\n"
    )
    instrument = load_instrument_text(HEADER + section("s", OK_ITEMS) + section("r", repeat))
    assert instrument.repeat_of("x") is instrument.item("rep")


def test_repeat_must_be_alone_in_its_section_and_not_nested() -> None:
    repeat = (
        "      - code: rep\n"
        "        type: repeat\n"
        "        count: 2\n"
        "        title: {en: R, es: R}\n"
        "        items:\n"
        "          - code: inner\n"
        "            type: repeat\n"
        "            count: 1\n"
        "            title: {en: I, es: I}\n"
        "            items:\n"
        "              - {code: x, type: integer, label: {en: x, es: x}}\n"
    )
    text = HEADER + section("s", OK_ITEMS + repeat)
    problems = problems_of(text)
    alone = only(problems, "must be the only item of its section")
    assert alone.item == "s"
    nested = only(problems, "cannot contain another repeat")
    assert (nested.item, nested.line) == ("inner", line_of(text, "code: inner"))


def test_interpolated_names_must_exist() -> None:
    items = (
        OK_ITEMS
        + "      - {code: c, type: note, label: {en: 'You said ${a} and ${zz}', es: 'Dijo ${a}'}}\n"
    )
    text = HEADER + section("s", items)
    [problem] = problems_of(text)
    assert (problem.item, problem.line, problem.message) == (
        "c",
        line_of(text, "code: c"),
        "label.en: ${zz} names no item or parameter",
    )


def test_min_greater_than_max() -> None:
    items = (
        "      - {code: a, type: integer, min: 10, max: 1, label: {en: A, es: A}}\n"
        '      - {code: d, type: date, min: "2020-01-01", max: 2019-12-31, label: {en: D, es: D}}\n'
    )
    problems = problems_of(HEADER + section("s", items))
    assert only(problems, "greater than max").item == "a"
    assert only(problems, "is after max").item == "d"


def test_every_problem_is_reported_at_once_one_per_line_in_str() -> None:
    items = (
        "      - code: a\n"
        "        type: integer\n"
        "        label: {en: A, es: A}\n"
        "        colour: red\n"
        '      - {code: b, type: single, choices: nope, label: {en: B}, relevant: "${a} ="}\n'
        '      - {code: c, type: integer, label: {en: C, es: C}, relevant: "${a} = 1 and ${zz}"}\n'
    )
    text = HEADER.replace("default_language: en", "default_language: pt") + section("s", items)
    with pytest.raises(InstrumentError) as caught:
        load_instrument_text(text, source="t.yaml")
    error = caught.value
    messages = [problem.message for problem in error.problems]
    assert len(messages) == 6, messages
    assert str(error).splitlines() == [str(problem) for problem in error.problems]
    lines = [problem.line or 0 for problem in error.problems]
    assert lines == sorted(lines)
    assert (
        str(error.problems[-1])
        == f"t.yaml:{line_of(text, 'code: c')}: c: relevant: unknown name ${{zz}}"
    )


def test_a_broken_item_does_not_hide_problems_of_the_others() -> None:
    items = (
        "      - {code: a, type: integer, label: {en: A, es: A}, max: many}\n"
        '      - {code: b, type: integer, label: {en: B, es: B}, relevant: "${a} > 1 and ${zz}"}\n'
    )
    problems = problems_of(HEADER + section("s", items))
    assert {problem.item for problem in problems} == {"a", "b"}
    assert "${a}" not in only(problems, "unknown name").message


def test_dicts_are_checked_too_without_lines() -> None:
    data = {
        "id": "t",
        "version": "1",
        "title": {"en": "T"},
        "languages": ["en"],
        "default_language": "en",
        "sections": [{"name": "s", "title": {"en": "S"}, "items": [{"code": "a", "type": "note"}]}],
    }
    with pytest.raises(InstrumentError) as caught:
        load_instrument_dict(data)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.item) == ("<dict>", None, "a")
    assert str(problem) == "<dict>: a: missing required key 'label'"


def test_unreadable_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(InstrumentError) as caught:
        load_instrument(missing)
    assert str(caught.value).startswith(f"{missing}: cannot read")


def test_broken_instrument_file_reports_file_name() -> None:
    path = HERE / "broken_many.yaml"
    with pytest.raises(InstrumentError) as caught:
        load_instrument(path)
    problems = caught.value.problems
    assert {problem.file for problem in problems} == {str(path)}
    assert len(problems) >= 10


def test_parameters_items_and_messages_that_do_not_fit() -> None:
    header = HEADER.replace("parameters: {cap: 3}", "parameters: {cap: 3, a: 1}")
    items = OK_ITEMS + (
        "      - {code: c, type: integer, label: {en: C, es: C}, constraint_message: {en: M, es: M}}\n"
    )
    problems = problems_of(header + section("s", items))
    clash = only(problems, "parameter has the same name")
    assert clash.item == "a"
    assert only(problems, "constraint_message without a constraint").item == "c"


def test_parameter_of_a_wrong_type_names_the_alternatives() -> None:
    text = HEADER.replace("parameters: {cap: 3}", "parameters: {cap: [3]}") + section("s", OK_ITEMS)
    [problem] = problems_of(text)
    assert problem.message == "cap: must be a whole number, a number, text or true or false"
    assert (problem.item, problem.line) == ("parameters", line_of(text, "parameters"))


def test_repeat_items_are_shown_in_texts_only_inside_their_repeat() -> None:
    repeat = (
        "      - code: rep\n"
        "        type: repeat\n"
        "        count: 2\n"
        "        title: {en: 'Incident ${x}', es: 'Incidente ${x}'}\n"
        "        items:\n"
        "          - {code: x, type: integer, label: {en: x, es: x}}\n"
    )
    after = "      - {code: end, type: note, label: {en: 'Last: ${x}', es: 'Último'}}\n"
    [problem] = problems_of(HEADER + section("r", repeat) + section("t", after))
    assert (problem.item, problem.message) == (
        "end",
        "label.en: ${x} is inside repeat 'rep' and can only be shown inside it",
    )


def test_alias_bombs_and_recursive_aliases_are_refused() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]\n"
        for previous, name in zip("abcdef", "bcdefg", strict=True)
    )
    [problem] = problems_of(bomb)
    assert "expands to more than" in problem.message
    [problem] = problems_of("a: &a [1, *a]\n")
    assert "refers to the mapping or list that contains it" in problem.message


def test_aliases_for_repeated_labels_are_fine() -> None:
    items = (
        "      - {code: a, type: integer, label: &same {en: Same, es: Igual}}\n"
        "      - {code: b, type: integer, label: *same}\n"
    )
    instrument = load_instrument_text(HEADER + section("s", items))
    assert instrument.item("b").label == {"en": "Same", "es": "Igual"}


def test_shipped_instruments_by_id() -> None:
    ids = standard_instrument_ids()
    assert ids == [path.stem for path in standard_instrument_paths()]
    for instrument_id in ids:
        assert standard_instrument(instrument_id).id == instrument_id
    with pytest.raises(KeyError, match="no shipped instrument 'nope'"):
        standard_instrument("nope")
