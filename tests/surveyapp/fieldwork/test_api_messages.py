"""The field API's refusals can be worded in the interviewer's language.

Every error carries ``reason`` (which case of its ``code``) and ``params`` (what its English
``message`` names); the interviewer app words each reason itself (``srv_<reason>`` in
surveyapp/static/field/i18n.js), so a Spanish-speaking interviewer never reads the server's English.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import surveyapp
from questionnaires.engine.validation import PROBLEM_REASONS
from questionnaires.engine.values import TYPE_PROBLEMS
from surveyapp.fieldwork import api

SOURCES = Path(surveyapp.__file__).parent
#: Reasons only a broken or foreign client meets (the app never sends such a request): the app
#: shows the server's English message for them.
CLIENT_BUGS = {"invalid_request", "invalid_uuid", "method_not_allowed", "not_found", "error"}


def _strings(node: ast.AST) -> set[str]:
    return {
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def server_reasons() -> dict[str, str]:
    """Every reason the field API can answer with, and where it is raised."""
    found: dict[str, str] = {}
    for path in sorted(SOURCES.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "FieldworkError"
            ):
                continue
            where = f"{path.relative_to(SOURCES)}:{node.lineno}"
            reason = next((k.value for k in node.keywords if k.arg == "reason"), None)
            if reason is not None:
                for value in _strings(reason):
                    found[value] = where
            elif node.args and isinstance(node.args[0], ast.Constant):
                found[str(node.args[0].value)] = where
    for code in api.HTTP_CODES.values():
        found.setdefault(code, "fieldwork/api.py HTTP_CODES")
    return found


def app_raised() -> set[str]:
    """Codes the app gives its own refusals as if the server had answered (``new ApiError(409,
    {code: ...})`` in static/field/*.js, e.g. a login refused because the tablet holds another
    interviewer's unsent work): worded by ``srv_<code>`` like the server's."""
    found: set[str] = set()
    for path in sorted((SOURCES / "static" / "field").glob("*.js")):
        source = path.read_text(encoding="utf-8")
        found.update(re.findall(r"new ApiError\(\d+, \{\s*code: '([a-z_]+)'", source))
    return found


def app_texts() -> set[str]:
    source = (SOURCES / "static" / "field" / "i18n.js").read_text(encoding="utf-8")
    return set(re.findall(r"^\s+srv_([a-z_]+):", source, flags=re.MULTILINE))


def test_the_app_words_every_reason_an_interviewer_can_meet() -> None:
    reasons = server_reasons()
    # the scan sees the raise sites (a change that hides them from it must fail here)
    assert {"approved", "unit_reassigned", "unit_interviewed_web", "visit_changed"} <= set(reasons)
    missing = {
        reason: where
        for reason, where in reasons.items()
        if reason not in app_texts() and reason not in CLIENT_BUGS
    }
    assert missing == {}, "add srv_<reason> texts to surveyapp/static/field/i18n.js"
    raised = app_raised()
    assert "other_user_unsent" in raised  # the scan sees the app's own refusals
    assert raised - app_texts() == set(), "add srv_<code> texts for the app's own refusals"
    unused = app_texts() - set(reasons) - raised
    assert unused == set(), "texts for reasons neither the server nor the app gives"


def upload_problem_reasons() -> dict[str, str]:
    """Every reason of a refused interview's problems (422 ``invalid``): validate_answers' and
    those the upload service adds (UploadProblem and HouseholdProblem calls, the latter's
    ``household`` by default), with where each comes from."""
    found = {reason: "validate_answers" for reason in PROBLEM_REASONS}
    found.pop("type")  # worded by what was expected: prob_type_<expected>
    found.update({f"type_{key}": "values.TYPE_PROBLEMS" for key in TYPE_PROBLEMS})
    found["constraint_detail"] = "validate_answers (a constraint with its message)"
    found["household"] = "services/households.py HouseholdProblem"
    for path in sorted(SOURCES.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("UploadProblem", "HouseholdProblem")
                and len(node.args) >= 3
            ):
                # UploadProblem or HouseholdProblem(path, message, reason, params)
                reason = node.args[1 if isinstance(node.args[0], ast.Starred) else 2]
                for value in _strings(reason):
                    found[value] = f"{path.relative_to(SOURCES)}:{node.lineno}"
    return found


def test_the_app_words_every_problem_of_a_refused_interview() -> None:
    reasons = upload_problem_reasons()
    assert {"required", "value", "household_selection", "paradata_size"} <= set(reasons)
    source = (SOURCES / "static" / "field" / "i18n.js").read_text(encoding="utf-8")
    texts = set(re.findall(r"^\s+prob_([a-z_]+):", source, flags=re.MULTILINE))
    missing = {reason: where for reason, where in reasons.items() if reason not in texts}
    assert missing == {}, "add prob_<reason> texts to surveyapp/static/field/i18n.js"
    assert texts - set(reasons) == set(), "texts for problems the server never sends"


def test_the_app_shows_every_household_problem_outside_the_questionnaire_pages() -> None:
    # No question of a page is about the household record: a reason missing from the app's
    # OUTSIDE_PAGES would leave the refused interview's card without any word of its problem.
    reasons = {r for r, where in upload_problem_reasons().items() if "households" in where}
    assert {"household", "household_selection"} <= reasons
    source = (SOURCES / "static" / "field" / "app.js").read_text(encoding="utf-8")
    listed = re.search(r"const OUTSIDE_PAGES = new Set\(\[([^\]]*)\]\)", source)
    assert listed is not None
    assert reasons - set(re.findall(r"'([a-z_]+)'", listed.group(1))) == set()
