"""Reading a report's HTML back as a reader would: its words, and one section of it."""

from __future__ import annotations

import html
import re


def words(fragment: str) -> str:
    """The words of an HTML fragment, tags and runs of white space made one space."""
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def section(page: str, ident: str) -> str:
    """The HTML of the section whose id is ``ident``, up to its end."""
    start = page.index(f'id="{ident}"')
    return page[start : page.index("</section>", start)]
