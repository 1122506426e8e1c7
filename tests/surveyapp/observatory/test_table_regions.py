"""Every table of the observatory's pages scrolls inside a region the keyboard reaches and a
screen reader names (axe ``scrollable-region-focusable``): a wrapper added without it fails here."""

from __future__ import annotations

import re
from pathlib import Path

import surveyapp

TEMPLATES = Path(surveyapp.__file__).parent / "templates" / "observatory"


def test_every_table_wrapper_of_the_observatory_is_a_focusable_named_region() -> None:
    wrappers = [
        (path.name, tag)
        for path in sorted(TEMPLATES.glob("*.html"))
        for tag in re.findall(r'<div class="table-wrapper"[^>]*>', path.read_text(encoding="utf-8"))
    ]
    assert len(wrappers) >= 5
    for name, tag in wrappers:
        assert 'tabindex="0"' in tag and 'role="region"' in tag, (name, tag)
        assert re.search(r'aria-label="[^"]+"', tag), (name, tag)
