"""Time loading the standard questionnaire and evaluating its skip logic.

Prints figures; asserts nothing. Targets: load and validate < 200 ms; all
relevance expressions of one complete interview < 5 ms.

"respondent requests" replays what the web survey asks of the engine per page
(surveyapp/respond: the interview rebuilt from its stored JSON answers on every
request) over whole interviews that report a burglary and two robberies, and
prints the mean CPU time of the engine's part of a GET and of a POST.

    .venv/bin/python benchmarks/bench_questionnaire.py
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from questionnaires.engine import Interview, validate_answers  # noqa: E402
from questionnaires.engine.context import AnswerContext  # noqa: E402
from questionnaires.engine.interview import ItemView, Page  # noqa: E402
from questionnaires.engine.plan import SettledDocuments, plan_for  # noqa: E402
from questionnaires.engine.state import instance_count, section_on  # noqa: E402
from questionnaires.loader import load_instrument  # noqa: E402
from questionnaires.model import Instrument  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_respond import PRESET  # noqa: E402

STANDARD = ROOT / "questionnaires" / "instruments" / "vict_std.yaml"
FALLBACK = ROOT / "tests" / "questionnaires" / "instruments" / "small.yaml"
TODAY = dt.date(2026, 3, 15)
PERIOD = (dt.date(2025, 3, 1), dt.date(2026, 2, 28))


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and best wall time of ``run`` in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def candidates(view: ItemView) -> list[Any]:
    """Answers to try for one item, most interesting first (a yes opens follow-ups)."""
    if view.type in ("single", "multiple"):
        codes = [str(code) for code, _ in view.choices]
        return [[code] for code in codes] if view.type == "multiple" else codes
    if view.type in ("integer", "decimal"):
        low = view.min if view.min is not None else 0
        high = view.max if view.max is not None else 10**6
        tries = [value for value in (1, 2, 30, low, 45, 3) if low <= value <= high]
        return [str(value) for value in dict.fromkeys(tries)] + [
            str(code) for code in view.special_codes
        ]
    if view.type == "date":
        return [view.min or "1980-06-15", "1980-06-15"]
    if view.type == "month":
        return ["2025-06", "2025-12"]
    return ["some text"]


def fill(interview: Interview) -> int:
    """Answer every page with the first acceptable candidates; return the pages answered."""
    done = 0
    page_id: str | None = interview.page_ids()[0]
    while page_id is not None:
        page = interview.page(page_id)
        views = [
            row for view in page.items for row in (view.rows or (view,)) if view.type != "note"
        ]
        options = {view.code: candidates(view) for view in views}
        choice = {code: 0 for code in options}
        for _ in range(30):
            raw = {code: options[code][choice[code]] for code in options if options[code]}
            errors = interview.apply_page(page_id, raw)
            if not errors:
                break
            for error in errors:
                choice[error.code] = min(choice[error.code] + 1, len(options[error.code]) - 1)
        else:
            raise RuntimeError(f"could not answer page {page_id}: {errors}")
        done += 1
        page_id = interview.next_page_id(page_id)
    return done


def all_relevance(instrument: Instrument, answers: dict[str, Any]) -> int:
    """Evaluate every relevance expression (sections, repeats, items, rows) once."""
    plan = plan_for(instrument)
    evaluated = 0
    for section in plan.sections:
        context = AnswerContext(plan, answers, TODAY)
        section_on(section, context)
        evaluated += 1
        contexts = [context]
        if section.repeat is not None:
            code = section.repeat.code
            contexts = [
                AnswerContext(plan, answers, TODAY, instance, position, code)
                for position, instance in enumerate(answers.get(code, []), start=1)
            ]
            instance_count(section, context)
        for inner in contexts:
            for unit in section.units:
                inner.holds(unit.relevant)
                evaluated += len(unit.relevant)
            for field in section.fields:
                if field.grid is not None:
                    inner.holds(field.relevant)
                    evaluated += len(field.relevant)
    return evaluated


def respondent_form(page: Page) -> dict[str, Any]:
    """What a respondent without JavaScript sends: every question answered (the server also
    shows those the page's answers may open; the engine reads only the relevant ones)."""
    form: dict[str, Any] = {}
    for item in page.items:
        if item.type == "note":
            continue
        for view in item.rows or (item,):
            codes = [str(code) for code, _ in view.choices]
            if view.type == "single":
                form[view.code] = PRESET.get(view.code) or ("2" if "2" in codes else codes[0])
            elif view.type == "multiple":
                form[view.code] = [codes[0]]
            elif view.type == "month":
                form[view.code] = PRESET.get(view.code, "2025-06")
            else:
                form[view.code] = PRESET.get(view.code, "1")
    return form


def respondent_requests(instrument: Instrument, interviews: int) -> dict[str, list[float]]:
    """CPU ms of the engine calls of each GET and POST of ``interviews`` whole web interviews.

    Answers go through JSON between requests, as they are stored; nothing else is
    kept from one request to the next.
    """
    language = instrument.default_language
    cpu: dict[str, list[float]] = {
        "get": [],
        "post": [],
        "resume": [],
        "unfinished": [],
        "cold": [],
    }
    plan = plan_for(instrument)
    clock = time.thread_time

    def engine(stored: dict[str, Any]) -> Interview:
        return Interview(
            instrument, stored, language=language, today=TODAY, reference_period=PERIOD
        )

    for _ in range(interviews):
        stored = json.loads("{}")
        page_id: str | None = engine(stored).page_ids()[0]
        while page_id is not None:
            stored = json.loads(json.dumps(stored))
            start = clock()
            shown = engine(stored)
            page = shown.page(page_id)
            ids = shown.page_ids()
            cpu["get"].append(clock() - start)
            # The same GET in a process that has not seen these answers (another worker).
            known, plan.settled = plan.settled, SettledDocuments()
            start = clock()
            other = engine(stored)
            other.page(page_id)
            other.page_ids()
            cpu["cold"].append(clock() - start)
            plan.settled = known
            start = clock()
            engine(stored).first_unfinished()
            cpu["unfinished"].append(clock() - start)
            form = respondent_form(page)
            stored = json.loads(json.dumps(stored))
            start = clock()
            posted = engine(stored)
            posted.page(page_id)
            ids = posted.page_ids()
            errors = posted.apply_page(page_id, form)
            ids = posted.page_ids()
            answers = posted.answers
            at = ids.index(page_id)
            last = at + 1 == len(ids)
            if last:
                posted.is_complete()
            cpu["post"].append(clock() - start)
            if errors:
                raise RuntimeError(f"page {page_id} refused {form}: {errors}")
            stored = answers
            page_id = None if last else ids[at + 1]
    return {key: [seconds * 1000 for seconds in values] for key, values in cpu.items()}


def main() -> None:
    path = STANDARD if STANDARD.exists() else FALLBACK
    print(
        f"instrument: {path.relative_to(ROOT)} ({len(path.read_text(encoding='utf-8').splitlines())} lines)"
    )
    median, best = timed(lambda: load_instrument(path), repeat=15)
    instrument = load_instrument(path)
    print(f"load + validate: median {median:.1f} ms, best {best:.1f} ms (target < 200 ms)")
    print(
        f"items: {sum(1 for _ in instrument.items())}, content hash {instrument.content_hash[:12]}"
    )

    interview = Interview(
        instrument, language=instrument.default_language, today=TODAY, reference_period=PERIOD
    )
    start = time.perf_counter()
    pages = fill(interview)
    elapsed = (time.perf_counter() - start) * 1000
    answers = interview.answers
    print(
        f"complete interview: {pages} pages answered in {elapsed:.0f} ms, {len(answers)} top-level answers"
    )
    print(f"complete: {interview.is_complete()}, progress {interview.progress()}")

    count = all_relevance(instrument, answers)
    median, best = timed(lambda: all_relevance(instrument, answers), repeat=200)
    print(
        f"all {count} relevance evaluations: median {median:.2f} ms, best {best:.2f} ms (target < 5 ms)"
    )

    median, best = timed(
        lambda: validate_answers(instrument, answers, today=TODAY, reference_period=PERIOD), 50
    )
    problems = validate_answers(instrument, answers, today=TODAY, reference_period=PERIOD)
    print(f"validate_answers: median {median:.2f} ms, best {best:.2f} ms, {len(problems)} problems")

    page_id = interview.page_ids()[1]
    median, best = timed(lambda: interview.page(page_id), 50)
    print(f"render page {page_id!r}: median {median:.2f} ms")
    if path == STANDARD:
        respondent_requests(instrument, 1)  # warm up: the plan and the parsed expressions
        cpu = respondent_requests(instrument, 10)
        pages = len(cpu["get"]) // 10
        print(f"respondent requests: 10 interviews of {pages} pages (a burglary, two robberies)")
        for key, what in (
            ("get", "GET (new engine, page, page_ids)"),
            ("cold", "the same GET in a process that has not seen the answers"),
            ("post", "POST (new engine, page, page_ids, apply_page, page_ids, answers)"),
            ("unfinished", "Interview.first_unfinished (new engine), as the web survey resumes"),
        ):
            print(f"  {what}: mean {statistics.fmean(cpu[key]):.3f} ms CPU")
    median, best = timed(
        lambda: Interview(instrument, answers, language=instrument.default_language, today=TODAY),
        50,
    )
    print(f"resume an interview (settle all answers): median {median:.2f} ms")


if __name__ == "__main__":
    main()
