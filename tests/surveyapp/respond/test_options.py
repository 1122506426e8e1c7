"""surveyapp.respond.options: the choice inputs written in Python equal the reference template."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask

from surveyapp.respond.options import respond_options

CHOICES = [(1, "Yes"), (2, "No <never> & \"quoted\" 'too'"), (-8, "Don't know"), (-9, "Refused")]


def _t(key: str) -> str:
    return {"or": "or <else>"}[key]


def _view(choices: list[tuple[int, str]], specials: tuple[int, ...]) -> SimpleNamespace:
    return SimpleNamespace(choices=choices, special_codes=specials)


def _field(data: Any) -> SimpleNamespace:
    return SimpleNamespace(id='q_"1', name="q_<1>", data=data)


@pytest.mark.parametrize(
    ("kind", "choices", "specials", "data"),
    [
        ("radios", CHOICES[:2], (), None),
        ("radios", CHOICES[:2], (), "2"),
        ("radios", CHOICES, (-8, -9), "-8"),
        ("radios", CHOICES[2:], (-8, -9), "-9"),
        ("checkboxes", CHOICES, (-8, -9), ["1", "2"]),
        ("checkboxes", CHOICES[:2], (), None),
        ("checkboxes", CHOICES[2:], (-8, -9), ["-9"]),
        ("radios", [], (), None),
    ],
)
def test_python_options_equal_the_reference_template(
    app: Flask, kind: str, choices: list[tuple[int, str]], specials: tuple[int, ...], data: Any
) -> None:
    view, field = _view(choices, specials), _field(data)
    with app.app_context():
        macro: Callable[..., str] = app.jinja_env.get_template(
            "respond/_options.html"
        ).module.options  # type: ignore[attr-defined]
        expected = str(macro(field, view, kind, _t))
    assert str(respond_options(field, view, kind, _t)) == expected


def test_labels_names_and_the_divider_are_escaped() -> None:
    html = str(respond_options(_field("1"), _view(CHOICES, (-8, -9)), "radios", _t))
    assert "No &lt;never&gt; &amp; &#34;quoted&#34; &#39;too&#39;" in html
    assert 'name="q_&lt;1&gt;"' in html and 'id="q_&#34;1-0"' in html
    assert '<div class="radios__divider">or &lt;else&gt;</div>' in html


def test_pages_use_the_python_options(app: Flask) -> None:
    with app.app_context():
        assert app.jinja_env.globals["respond_options"] is respond_options
