"""Staff pages (management, field work, review, tokens, sessions): every table scrolls inside a
region the keyboard reaches and a screen reader names (axe ``scrollable-region-focusable``), as
the observatory's do (tests/surveyapp/observatory/test_table_regions.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

import surveyapp
from surveyapp.extensions import db
from surveyapp.models import Interview, Mode, Role, TokenScope, User
from surveyapp.services import read_tokens

from .conftest import TinyWave  # type: ignore[import-not-found]

TEMPLATES = Path(surveyapp.__file__).parent / "templates"


class _Wrappers(HTMLParser):
    """The attributes of every ``.table-wrapper`` and the text of every element with an id."""

    def __init__(self) -> None:
        super().__init__()
        self.wrappers: list[dict[str, str]] = []
        self.texts: dict[str, str] = {}
        self._open: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "table-wrapper" in values.get("class", "").split():
            self.wrappers.append(values)
        if tag not in ("br", "img", "input", "meta", "link", "hr", "col", "source"):
            self._open.append((tag, values.get("id")))
            if values.get("id"):
                self.texts.setdefault(values["id"], "")

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for _tag, ident in self._open:
            if ident:
                self.texts[ident] += data

    def name(self, wrapper: dict[str, str]) -> str:
        """The accessible name: aria-labelledby's texts, else aria-label."""
        if wrapper.get("aria-labelledby"):
            parts = [self.texts.get(i, "") for i in wrapper["aria-labelledby"].split()]
            return " ".join(p.strip() for p in parts).strip()
        return wrapper.get("aria-label", "").strip()


def test_every_table_wrapper_of_every_template_is_a_focusable_named_region() -> None:
    wrappers = [
        (str(path.relative_to(TEMPLATES)), tag)
        for path in sorted(TEMPLATES.rglob("*.html"))
        for tag in re.findall(r"<div[^>]*\btable-wrapper\b[^>]*>", path.read_text("utf-8"))
    ]
    assert len(wrappers) >= 25
    for name, tag in wrappers:
        assert 'tabindex="0"' in tag and 'role="region"' in tag, (name, tag)
        assert re.search(r'aria-label(ledby)?="[^"]+"', tag), (name, tag)


def test_staff_pages_with_data_name_every_scrolling_table(
    app: Flask,
    client: FlaskClient,
    make_user: Callable[..., User],
    login: Callable[..., Any],
    tiny_wave: Callable[..., TinyWave],
) -> None:
    sim = tiny_wave()
    admin = make_user(Role.administrator)
    with app.app_context():
        read_tokens.create_token(
            db.session, name="site", scope=TokenScope.public, areas=[], by=None
        )
        db.session.commit()
        interview = db.session.scalar(sa.select(Interview).limit(1))
        assert interview is not None
        interview.mode, interview.revision = Mode.tablet, 1  # as a tablet sent it: reviewable
        db.session.commit()
        interview_uuid = interview.uuid
    assert login(client, admin).status_code == 302
    pages = [
        "/auth/sessions",
        "/manage/users",
        "/manage/audit",
        "/manage/tokens",
        "/manage/areas",
        f"/manage/waves/{sim.id}",
        f"/manage/waves/{sim.id}/assign",
        f"/manage/users/{admin.id}/devices",
        f"/fieldwork/waves/{sim.id}/quality",
        f"/fieldwork/waves/{sim.id}/review",
        f"/fieldwork/interviews/{interview_uuid}",
    ]
    seen = 0
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        page = _Wrappers()
        page.feed(response.get_data(as_text=True))
        assert page.wrappers, url
        for wrapper in page.wrappers:
            assert wrapper.get("tabindex") == "0" and wrapper.get("role") == "region", (
                url,
                wrapper,
            )
            assert page.name(wrapper), (url, wrapper)
        names = [page.name(w) for w in page.wrappers]
        assert len(set(names)) == len(names), (url, names)  # axe landmark-unique
        seen += len(page.wrappers)
    assert seen >= 15
