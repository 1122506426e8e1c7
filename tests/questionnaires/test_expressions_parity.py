"""Python and JavaScript evaluators agree on thousands of generated expressions.

The conformance file pins chosen cases; this differential test covers the combinations
nobody thought of (coercions inside coercions, odd numbers, token soup). JavaScript's
own Number formatting also serves as the independent reference for number rendering.
"""

from __future__ import annotations

import json
import math
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from questionnaires.expressions import (
    ExpressionSyntaxError,
    MappingContext,
    evaluate,
    format_number,
    parse,
)

NODE = shutil.which("node")
ROOT = Path(__file__).parents[2]
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

ANSWERS: dict[str, Any] = {
    "a": 2,
    "b": 2.5,
    "neg": -9,
    "zero": 0,
    "t": "abc",
    "n": "12.50",
    "m": [1, 3],
    "one": [3],
    "none": [],
    "d": "2024-03-01",
    "mo": "2024-02",
    "empty": "",
    "flag": True,
}
REPEATS: dict[str, list[dict[str, Any]]] = {
    "r": [{"x": 1.5, "y": "2"}, {"x": None, "y": "a"}, {"x": -4, "y": 7}]
}
LEAVES = [
    "${a}",
    "${b}",
    "${neg}",
    "${zero}",
    "${t}",
    "${n}",
    "${m}",
    "${one}",
    "${none}",
    "${d}",
    "${mo}",
    "${empty}",
    "${flag}",
    "${missing}",
    ".",
    "position(..)",
    "today()",
    "0",
    "1",
    "2",
    "3",
    "0.5",
    "2.675",
    "1000000",
    "0.1",
    "12345678.9",
    "''",
    "'2'",
    "'abc'",
    "'2024-03-01'",
    "'2024-03'",
    "' 3 '",
    "'1 3'",
    "true()",
    "false()",
]
OPERATORS = ["or", "and", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "div", "mod"]
CALLS: list[tuple[str, int]] = [
    ("if", 3),
    ("selected", 2),
    ("count-selected", 1),
    ("coalesce", 2),
    ("string-length", 1),
    ("int", 1),
    ("min", 2),
    ("max", 3),
    ("round", 2),
    ("round", 1),
    ("concat", 3),
    ("number", 1),
    ("string", 1),
    ("not", 1),
    ("boolean", 1),
]
AGGREGATES = ["sum(${x})", "sum(${y})", "count(${r})", "count(${x})", "min(${x})", "max(${y})"]


def generate(rng: random.Random, depth: int) -> str:
    roll = rng.random()
    if depth == 0 or roll < 0.25:
        return rng.choice(LEAVES + AGGREGATES)
    if roll < 0.6:
        left = generate(rng, depth - 1)
        right = generate(rng, depth - 1)
        text = f"{left} {rng.choice(OPERATORS)} {right}"
        return f"({text})" if rng.random() < 0.5 else text
    if roll < 0.7:
        return "-" + generate(rng, depth - 1)
    name, arity = rng.choice(CALLS)
    return f"{name}({', '.join(generate(rng, depth - 1) for _ in range(arity))})"


def token_soup(rng: random.Random) -> str:
    pieces = [
        "1",
        "${a}",
        "(",
        ")",
        ",",
        "+",
        "-",
        "=",
        "<",
        "and",
        "if",
        "sum",
        "'x",
        "'y'",
        ".",
        "..",
        "$",
        "{",
        "}",
        "#",
        " ",
        "position",
        "foo",
        "2.",
        ".5",
        "😀",
        "mod",
    ]
    return "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))


def encode(value: object) -> object:
    if isinstance(value, float) and math.isnan(value):
        return {"nan": True}
    if isinstance(value, float) and math.isinf(value):
        return {"infinity": 1 if value > 0 else -1}
    return value


def python_outcome(text: str) -> object:
    try:
        expr = parse(text)
    except ExpressionSyntaxError as error:
        return {"error": error.position}
    ctx = MappingContext(ANSWERS, current=4, position=2, repeats=REPEATS, today="2024-06-15")
    result = evaluate(expr, ctx)
    return {"value": encode(result), "source": expr.to_source()}


JS_RUNNER = r"""
const E = require(process.argv[1]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const ctx = E.mappingContext({answers: input.answers, current: 4, position: 2,
                              repeats: input.repeats, today: '2024-06-15'});
function encode(v) {
  if (typeof v === 'number' && Number.isNaN(v)) return {nan: true};
  if (v === Infinity || v === -Infinity) return {infinity: v > 0 ? 1 : -1};
  return v;
}
const out = input.expressions.map((text) => {
  let expr;
  try { expr = E.parse(text); } catch (err) {
    if (err instanceof E.ExpressionSyntaxError) return {error: err.position};
    throw err;
  }
  return {value: encode(E.evaluate(expr, ctx)), source: expr.toSource()};
});
process.stdout.write(JSON.stringify(out));
"""


def javascript_outcomes(payload: dict[str, Any]) -> list[object]:
    script = ROOT / "questionnaires" / "js" / "expressions.js"
    completed = subprocess.run(
        [str(NODE), "-e", JS_RUNNER, str(script)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return list(json.loads(completed.stdout))


def same(python: object, javascript: object) -> bool:
    """Equal, with Python's int/float and JavaScript's number treated alike."""
    if isinstance(python, dict) and isinstance(javascript, dict):
        return python.keys() == javascript.keys() and all(
            same(python[key], javascript[key]) for key in python
        )
    if isinstance(python, bool) or isinstance(javascript, bool):
        return type(python) is type(javascript) and python == javascript
    return python == javascript


def test_generated_expressions_agree() -> None:
    rng = random.Random(20240615)
    expressions = [generate(rng, 4) for _ in range(3000)]
    expressions += [token_soup(rng) for _ in range(1500)]
    python = [python_outcome(text) for text in expressions]
    javascript = javascript_outcomes(
        {"answers": ANSWERS, "repeats": REPEATS, "expressions": expressions}
    )
    differences = [
        (text, py, js)
        for text, py, js in zip(expressions, python, javascript, strict=True)
        if not same(py, js)
    ]
    assert differences == [], differences[:5]
    parsed = sum(1 for outcome in python if isinstance(outcome, dict) and "value" in outcome)
    assert parsed > 3000  # the soup must not be all the test covers


def test_number_rendering_matches_javascript() -> None:
    rng = random.Random(7)
    numbers = [rng.uniform(-1e6, 1e6) for _ in range(300)]
    numbers += [10.0**k * rng.random() for k in range(-12, 30) for _ in range(5)]
    numbers += [
        0.1,
        1e21,
        1e-7,
        123456789012345680000.0,
        2.0**60,
        -0.0,
        5e-324,
        1.7976931348623157e308,
    ]
    completed = subprocess.run(
        [
            str(NODE),
            "-e",
            "const a = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
            "process.stdout.write(JSON.stringify(a.map(String)))",
        ],
        input=json.dumps(numbers),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert [format_number(x) for x in numbers] == json.loads(completed.stdout)
