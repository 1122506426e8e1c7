"""The shared engine cases are current, and the JavaScript engine agrees with Python beyond them.

tests/fixtures/engine/cases.json is written by make_cases.py from the Python
engine and run against questionnaires/js/engine.js by tests/js/engine.test.cjs.
Here: the file is what the Python engine gives today (its walks replayed and its
documents validated again, so it cannot drift from the engine; a change of the
simulator that supplied some of its documents does not make it stale), the
message tables embedded in engine.js are messages.json, and a differential test
runs a few thousand more random steps through both engines.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import random
import shutil
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from questionnaires.engine.messages import MESSAGES_PATH, embedded_js_messages_current
from questionnaires.model import Instrument

ROOT = Path(__file__).parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "engine"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")
#: Seeds of the differential walks: not those of cases.json.
DIFFERENTIAL_SEED = 8_000_001


def _load_make_cases() -> ModuleType:
    spec = importlib.util.spec_from_file_location("engine_make_cases", FIXTURES / "make_cases.py")
    if spec is None or spec.loader is None:
        raise ImportError("cannot load tests/fixtures/engine/make_cases.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_cases = _load_make_cases()


@pytest.fixture(scope="module")
def instruments() -> dict[str, Instrument]:
    loaded: dict[str, Instrument] = make_cases.load_instruments()
    return loaded


def run_node(cases: dict[str, Any], tmp_path: Path) -> list[dict[str, Any]]:
    batch = tmp_path / "batch.json"
    batch.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [str(NODE), str(FIXTURES / "check.cjs"), str(batch)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    differences: list[dict[str, Any]] = json.loads(done.stdout)
    return differences


def _text(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def test_cases_json_is_what_the_python_engine_gives_now(instruments: dict[str, Instrument]) -> None:
    """Every walk is replayed (same start, same forms) and every document validated again:
    the expectations must be what the Python engine gives today, to the JSON text."""
    cases = json.loads(make_cases.CASES_PATH.read_text(encoding="utf-8"))
    stale = [
        case["id"]
        for case in cases["walks"]
        if _text(make_cases.replay(instruments, case)) != _text(case)
    ] + [
        case["id"]
        for case in cases["validate"]
        if _text(make_cases.revalidate(instruments, case)) != _text(case)
    ]
    documents = {name: instrument.to_dict() for name, instrument in instruments.items()}
    if _text(documents) != _text(cases["documents"]):
        stale.append("documents")
    assert not stale, (
        f"tests/fixtures/engine/cases.json is out of date with the Python engine ({stale[:5]}); "
        "run .venv/bin/python tests/fixtures/engine/make_cases.py and read the diff"
    )


def test_replaying_notices_a_changed_expectation(instruments: dict[str, Instrument]) -> None:
    cases = json.loads(make_cases.CASES_PATH.read_text(encoding="utf-8"))
    walk = cases["walks"][0]
    accepted = next(step for step in walk["steps"] if "state" in step)
    accepted["state"]["progress"][0] += 1
    assert _text(make_cases.replay(instruments, walk)) != _text(walk)


def test_cases_json_stays_small() -> None:
    assert make_cases.CASES_PATH.stat().st_size < 5_000_000


def test_the_messages_embedded_in_engine_js_are_messages_json() -> None:
    assert embedded_js_messages_current(), (
        "questionnaires/js/engine.js carries old message tables; "
        "run .venv/bin/python -m questionnaires.engine.messages"
    )


def test_messages_json_has_every_message_in_every_language() -> None:
    tables = json.loads(MESSAGES_PATH.read_text(encoding="utf-8"))
    assert set(tables) == {"en", "es", "pt", "fr"}
    for language, table in tables.items():
        assert set(table) == set(tables["en"]), language


@needs_node
def test_javascript_and_python_engines_agree_on_thousands_of_random_steps(
    instruments: dict[str, Instrument], tmp_path: Path
) -> None:
    rng = random.Random(DIFFERENTIAL_SEED)
    # The simulator's documents as stored in cases.json (this test does not depend on it).
    stored = json.loads(make_cases.CASES_PATH.read_text(encoding="utf-8"))["validate"]
    simulated = [case for case in stored if case["id"].startswith("simulated/")]
    docs = [case["answers"] for case in simulated]
    day = dt.date.fromisoformat(simulated[0]["today"])
    period = make_cases.period_of(simulated[0]["referencePeriod"])
    assert period is not None and len(docs) >= 12
    walks = []
    steps = 0
    plan = [("vict_std", 10, 120), ("small", 16, 40), ("tiny", 16, 25), ("features", 16, 30)]
    for name, count, length in plan:
        languages = instruments[name].languages
        for index in range(count):
            start = None
            if name == "vict_std" and index % 3 == 1:
                start = make_cases.messy_start(rng, docs[rng.randrange(len(docs))])
            walk_period = None if index % 5 == 4 else make_cases.PERIOD
            walk = make_cases.walk(
                instruments,
                name,
                languages[index % len(languages)],
                rng.randrange(1 << 30),
                length,
                start,
                walk_period,
            )
            steps += len(walk["steps"])
            walks.append(walk)
    validate = []
    for index in range(60):
        how = make_cases.MUTATIONS[index % len(make_cases.MUTATIONS)]
        answers = make_cases.mutate(rng, docs[rng.randrange(len(docs))], how)
        if index % 2:
            answers = make_cases.mutate(rng, answers, rng.choice(make_cases.MUTATIONS))
        problems = make_cases.validate_answers(
            instruments["vict_std"], answers, today=day, reference_period=period
        )
        validate.append(
            {
                "id": f"differential/{how}/{index}",
                "instrument": "vict_std",
                "today": day.isoformat(),
                "referencePeriod": simulated[0]["referencePeriod"],
                "answers": answers,
                "problems": [{"path": p.path, "message": p.message} for p in problems],
            }
        )
    assert steps >= 2500
    cases = {
        "documents": {name: instrument.to_dict() for name, instrument in instruments.items()},
        "walks": walks,
        "validate": validate,
    }
    differences = run_node(cases, tmp_path)
    assert differences == [], (
        f"{len(differences)} of {len(walks) + len(validate)} cases differ "
        f"(seed {DIFFERENTIAL_SEED}); first: {json.dumps(differences[0], ensure_ascii=False)[:2000]}"
    )


@needs_node
def test_the_differential_check_reports_a_difference(
    instruments: dict[str, Instrument], tmp_path: Path
) -> None:
    walk = make_cases.walk(instruments, "tiny", "en", 5, 6)
    accepted = next(step for step in walk["steps"] if "state" in step)
    accepted["state"]["answers"]["rob_yn"] = 42
    cases = {"documents": {"tiny": instruments["tiny"].to_dict()}, "walks": [walk]}
    differences = run_node(cases, tmp_path)
    assert len(differences) == 1
    assert differences[0]["where"].endswith("state.answers.rob_yn")
    assert differences[0]["expected"] == 42
