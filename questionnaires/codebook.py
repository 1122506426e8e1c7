"""Codebooks of an instrument: one row per variable, as a standalone HTML page or CSV.

A variable is anything that stores an answer: every item except notes, each grid
row on its own, and each repeat (its items are listed after it, marked with it).
See questionnaires/docs/codebook.md.
"""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from .engine.messages import special_label
from .model import (
    SPECIAL_CODES,
    CalculateItem,
    GridItem,
    Instrument,
    NoteItem,
    RepeatItem,
    Section,
)
from .sources import source_of

__all__ = ["CodebookRow", "codebook_csv", "codebook_html", "codebook_rows", "write_codebook"]

Format = Literal["html", "csv"]


@dataclass(frozen=True)
class CodebookRow:
    """One variable of the instrument."""

    code: str
    section: str
    type: str
    #: question text by language (for a grid row: the grid's question, a dash, the row)
    label: dict[str, str]
    #: ``(code, {language: label})`` of every choice, special answers last
    choices: tuple[tuple[int, dict[str, str]], ...]
    #: the condition under which it is asked: section, repeat, grid and own ``relevant``
    relevance: str | None
    constraint: str | None
    required: bool
    #: range and length limits, the calculation or the repeat count, in words
    details: str
    #: code of the repeat the variable belongs to, None outside repeats
    repeat: str | None
    #: the established survey the question is based on (questionnaires/sources.py), "" if none
    source: str = ""


def codebook_rows(instrument: Instrument) -> list[CodebookRow]:
    """Every variable of ``instrument`` in questionnaire order."""
    rows: list[CodebookRow] = []
    for section in instrument.sections:
        for item in section.items:
            rows.extend(_rows(instrument, section, item, [section.relevant], None))
    return [replace(row, source=source_of(instrument.id, row.code)) for row in rows]


def _all_of(conditions: list[str | None]) -> str | None:
    present = [c for c in conditions if c]
    if len(present) <= 1:
        return present[0] if present else None
    return " and ".join(f"({c})" if " or " in c else c for c in present)


def _choices(
    instrument: Instrument, list_name: str | None, special: tuple[str, ...]
) -> tuple[tuple[int, dict[str, str]], ...]:
    found = [
        (choice.code, dict(choice.label))
        for choice in (instrument.choices(list_name) if list_name else ())
    ]
    for name in special:
        code = SPECIAL_CODES[name]
        found.append((code, {lang: special_label(code, lang) for lang in instrument.languages}))
    return tuple(found)


def _details(item: Any) -> str:
    parts: list[str] = []
    if getattr(item, "min", None) is not None:
        parts.append(f"min {item.min}")
    if getattr(item, "max", None) is not None:
        parts.append(f"max {item.max}")
    if getattr(item, "max_length", None) is not None:
        parts.append(f"at most {item.max_length} characters")
    if isinstance(item, CalculateItem):
        parts.append(f"= {item.calculation}")
    if isinstance(item, RepeatItem):
        parts.append(f"asked {item.count} times")
    return "; ".join(parts)


def _rows(
    instrument: Instrument,
    section: Section,
    item: Any,
    conditions: list[str | None],
    repeat: str | None,
) -> list[CodebookRow]:
    if isinstance(item, NoteItem):
        return []
    relevance = [*conditions, item.relevant]
    if isinstance(item, GridItem):
        return [
            CodebookRow(
                code=row.code,
                section=section.name,
                type="single",
                label={lang: f"{item.label[lang]} — {row.label[lang]}" for lang in row.label},
                choices=_choices(instrument, item.choices, item.special),
                relevance=_all_of([*relevance, row.relevant]),
                constraint=None,
                required=item.required,
                details=f"row of grid {item.code}",
                repeat=repeat,
            )
            for row in item.rows
        ]
    label = (item.label or item.title) if isinstance(item, RepeatItem) else item.label
    own = CodebookRow(
        code=item.code,
        section=section.name,
        type=item.type,
        label=dict(label or {}),
        choices=_choices(instrument, getattr(item, "choices", None), getattr(item, "special", ())),
        relevance=_all_of(relevance),
        constraint=getattr(item, "constraint", None),
        required=getattr(item, "required", False),
        details=_details(item),
        repeat=repeat,
    )
    if not isinstance(item, RepeatItem):
        return [own]
    inner: list[CodebookRow] = [own]
    for child in item.items:
        inner.extend(_rows(instrument, section, child, relevance, item.code))
    return inner


# -- CSV -------------------------------------------------------------------------


def codebook_table(instrument: Instrument) -> list[list[str]]:
    """The codebook as a table of text, header first (the CSV's content)."""
    languages = list(instrument.languages)
    header = [
        "code",
        "section",
        "type",
        *(f"label_{lang}" for lang in languages),
        *(f"choices_{lang}" for lang in languages),
        "required",
        "relevance",
        "constraint",
        "details",
        "repeat",
        "source",
    ]
    table = [header]
    for row in codebook_rows(instrument):
        table.append(
            [
                row.code,
                row.section,
                row.type,
                *(row.label.get(lang, "") for lang in languages),
                *(
                    "; ".join(f"{code} = {label[lang]}" for code, label in row.choices)
                    for lang in languages
                ),
                "yes" if row.required else "no",
                row.relevance or "",
                row.constraint or "",
                row.details,
                row.repeat or "",
                row.source,
            ]
        )
    return table


def codebook_csv(instrument: Instrument) -> str:
    """The codebook as CSV text (without the byte order mark ``write_codebook`` adds)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(codebook_table(instrument))
    return buffer.getvalue()


# -- HTML ------------------------------------------------------------------------

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; color: #1a1a1a; margin: 2rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #1a1a1a; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid #777; padding: .3rem .45rem; text-align: left; vertical-align: top; }
thead th { background: #e8e8e8; }
th[scope=row] { font-family: ui-monospace, monospace; white-space: nowrap; }
code { font-family: ui-monospace, monospace; font-size: .9em; word-break: break-word; }
ul { margin: 0; padding-left: 1.1rem; }
td.answers { min-width: 14rem; }
.meta { color: #444; }
a { color: #0645ad; }
a:focus { outline: 3px solid #f5a623; }
@media print {
  body { margin: 0; font-size: 10pt; }
  nav { display: none; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


#: Codes the microdata files and the DDI declare missing (analysis/release): the special answers.
_MISSING = frozenset(SPECIAL_CODES.values())


def _e(text: object) -> str:
    return html.escape(str(text))


def codebook_html(instrument: Instrument) -> str:
    """The codebook as a standalone HTML page: no scripts, fonts or images to fetch."""
    languages = list(instrument.languages)
    default = instrument.default_language
    rows = codebook_rows(instrument)
    by_section: dict[str, list[CodebookRow]] = {}
    for row in rows:
        by_section.setdefault(row.section, []).append(row)
    title = f"{instrument.title[default]} — codebook"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(default)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">Instrument <code>{_e(instrument.id)}</code> version '
        f"{_e(instrument.version)} · {len(rows)} variables · languages "
        f"{_e(', '.join(languages))} · content hash <code>{_e(instrument.content_hash[:12])}</code></p>",
        '<p class="meta">Special answers are declared missing values in the microdata files '
        "and the DDI; a blank means the question was not asked (not applicable).</p>",
        "</header>",
        '<nav aria-label="Sections"><ol>',
    ]
    for section in instrument.sections:
        if section.name in by_section:
            out.append(f'<li><a href="#s-{_e(section.name)}">{_e(section.title[default])}</a></li>')
    out.append("</ol></nav>")
    out.append("<main>")
    for section in instrument.sections:
        if section.name not in by_section:
            continue
        out.append(f'<section id="s-{_e(section.name)}" aria-labelledby="h-{_e(section.name)}">')
        out.append(
            f'<h2 id="h-{_e(section.name)}">{_e(section.title[default])} '
            f"<code>{_e(section.name)}</code></h2>"
        )
        out.append("<table>")
        out.append(f"<caption>Variables of section {_e(section.name)}</caption>")
        out.append("<thead><tr>")
        out.append('<th scope="col">Variable</th><th scope="col">Type</th>')
        for lang in languages:
            out.append(f'<th scope="col" lang="{_e(lang)}">Question ({_e(lang)})</th>')
        out.append('<th scope="col">Answers</th><th scope="col">Asked when</th>')
        out.append('<th scope="col">Checks</th><th scope="col">Based on</th></tr></thead>')
        out.append("<tbody>")
        for row in by_section[section.name]:
            out.append(_html_row(row, languages))
        out.append("</tbody></table></section>")
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"


def _html_row(row: CodebookRow, languages: list[str]) -> str:
    kind = _e(row.type) + (" (required)" if row.required else "")
    if row.repeat:
        kind += f'<br>in repeat <a href="#v-{_e(row.repeat)}">{_e(row.repeat)}</a>'
    cells = [f'<tr id="v-{_e(row.code)}"><th scope="row">{_e(row.code)}</th><td>{kind}</td>']
    for lang in languages:
        cells.append(f'<td lang="{_e(lang)}">{_e(row.label.get(lang, ""))}</td>')
    choices = "".join(
        f"<li><code>{code}</code> "
        + " / ".join(f'<span lang="{_e(lang)}">{_e(label[lang])}</span>' for lang in languages)
        + (" <em>(declared missing)</em>" if code in _MISSING else "")
        + "</li>"
        for code, label in row.choices
    )
    cells.append(f'<td class="answers"><ul>{choices}</ul></td>' if choices else "<td></td>")
    cells.append(
        f"<td><code>{_e(row.relevance)}</code></td>" if row.relevance else "<td>always</td>"
    )
    checks = [part for part in (row.constraint, row.details) if part]
    cells.append("<td>" + "<br>".join(f"<code>{_e(part)}</code>" for part in checks) + "</td>")
    cells.append(f"<td>{_e(row.source)}</td></tr>")
    return "".join(cells)


def write_codebook(instrument: Instrument, path: str | Path, format: Format = "html") -> None:
    """Write the codebook of ``instrument`` to ``path`` as ``html`` or ``csv``.

    The CSV is UTF-8 with a byte order mark, so that Excel shows accents right.
    """
    if format == "html":
        Path(path).write_text(codebook_html(instrument), encoding="utf-8")
    elif format == "csv":
        Path(path).write_text(codebook_csv(instrument), encoding="utf-8-sig", newline="")
    else:
        raise ValueError(f"codebook format must be 'html' or 'csv', not {format!r}")
