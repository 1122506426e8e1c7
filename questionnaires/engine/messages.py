"""Messages the engine shows respondents, in the languages of the standard questionnaire.

The tables live in ``messages.json`` next to this module, their one home: the
JavaScript engine (questionnaires/js/engine.js) carries a copy generated from
it (``python -m questionnaires.engine.messages`` rewrites it; a test fails
when it is out of date). Languages not listed fall back to English.
Instruments supply their own constraint messages; these cover the checks
every item type gets.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

__all__ = [
    "MESSAGES_PATH",
    "embedded_js_messages_current",
    "js_messages",
    "message",
    "special_label",
    "write_js_messages",
]

MESSAGES_PATH = Path(__file__).with_name("messages.json")
#: The browser engine whose embedded copy of the tables is generated from MESSAGES_PATH.
ENGINE_JS = Path(__file__).parents[1] / "js" / "engine.js"
_BEGIN = "  // BEGIN MESSAGES"
_END = "  // END MESSAGES"

_MESSAGES: dict[str, dict[str, str]] = json.loads(MESSAGES_PATH.read_text(encoding="utf-8"))

_SPECIAL_KEYS = {-8: "dont_know", -9: "refused"}


def message(key: str, language: str, **values: object) -> str:
    """The engine message ``key`` in ``language`` (English if not translated)."""
    catalogue = _MESSAGES.get(language, _MESSAGES["en"])
    return catalogue[key].format(**values)


def special_label(code: int, language: str) -> str:
    """Label of a special answer code (-8 don't know, -9 refused)."""
    return message(_SPECIAL_KEYS[code], language)


def js_messages() -> str:
    """The block of engine.js that holds the message tables, as it must read."""
    tables = json.dumps(_MESSAGES, ensure_ascii=False, indent=2).replace("\n", "\n  ")
    return (
        f"{_BEGIN} (generated from questionnaires/engine/messages.json by\n"
        "  // `python -m questionnaires.engine.messages`; do not edit by hand)\n"
        f"  var MESSAGES = {tables};\n"
        f"{_END}\n"
    )


def _replace_block(text: str) -> str:
    pattern = re.compile(re.escape(_BEGIN) + r".*?" + re.escape(_END) + r"\n", re.DOTALL)
    if pattern.search(text) is None:
        raise ValueError(f"{ENGINE_JS} has no '{_BEGIN.strip()}' ... '{_END.strip()}' block")
    return pattern.sub(lambda _: js_messages(), text, count=1)


def embedded_js_messages_current(path: Path = ENGINE_JS) -> bool:
    """Whether the copy of the tables inside engine.js is the one messages.json gives."""
    text = path.read_text(encoding="utf-8")
    return _replace_block(text) == text


def write_js_messages(path: Path = ENGINE_JS) -> None:
    """Rewrite the message tables embedded in engine.js from messages.json."""
    text = path.read_text(encoding="utf-8")
    path.write_text(_replace_block(text), encoding="utf-8")


if __name__ == "__main__":
    write_js_messages()
