"""Observatory pages write numbers in the page's language, as the PDF reports do."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from csv import DictReader
from typing import Any

import pytest
from flask.testing import FlaskClient

from surveyapp.models import Role, User

from ..conftest import TinyWave  # type: ignore[import-not-found]

# (decimal mark, thousands separator) of each language, as CLDR writes them
SEPARATORS = {"es": (",", "."), "en": (".", ","), "pt": (",", "."), "fr": (",", "\u202f")}
# what follows a percentage: French "90,0 %" with a no-break space (CLDR fr "#,##0\u00a0%")
SIGNS = {"es": "%", "en": "%", "pt": "%", "fr": "\u00a0%"}


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"REPORT_WORKER": "inline"}


def _cells(html: str, indicator: str) -> list[str]:
    row = re.search(rf'<tr data-indicator="{indicator}"[^>]*>(.*?)</tr>', html, re.S)
    assert row is not None, indicator
    return [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row[1], re.S)
    ]


def _read(text: str, language: str) -> float:
    decimal, group = SEPARATORS[language]
    return float(text.replace(group, "").replace(decimal, ".").rstrip("%‡ *\u00a0"))


@pytest.mark.parametrize("language", ["es", "en", "pt", "fr"])
def test_indicator_table_numbers_use_the_languages_separators(
    client: FlaskClient,
    make_user: Callable[..., User],
    login: Callable[..., Any],
    tiny_wave: Callable[..., TinyWave],
    language: str,
) -> None:
    sim = tiny_wave()
    login(client, make_user(Role.analyst))
    api = client.get(f"/api/waves/{sim.id}/indicators?lang=en").get_json()
    rows = {r["indicator"]: r for r in api["indicators"] if r["domain_type"] == "national"}
    html = client.get(f"/observatory/waves/{sim.id}?lang={language}").get_data(as_text=True)
    decimal, group = SEPARATORS[language]
    other = "." if decimal == "," else ","
    # a percentage: one decimal after the language's mark, the same value as the API's
    prevalence = _cells(html, "prev_person")[0]
    assert re.fullmatch(rf"\d+{re.escape(decimal)}\d{SIGNS[language]}", prevalence), prevalence
    assert _read(prevalence, language) == pytest.approx(rows["prev_person"]["estimate"], abs=0.05)
    # a rate per 100,000 (thousands grouped by the language's separator, no decimals)
    incidence = _cells(html, "incidence")[0]
    assert rows["incidence"]["estimate"] >= 1000
    assert re.fullmatch(rf"\d{{1,3}}({re.escape(group)}\d{{3}})+", incidence), incidence
    assert other not in incidence or other == group
    assert _read(incidence, language) == pytest.approx(rows["incidence"]["estimate"], abs=0.5)


def _visible_text(html: str) -> str:
    """What a reader sees of a page: no styles, scripts or tags (``width="100%"`` is no text)."""
    html = re.sub(r"<(style|script)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("language", ["es", "en", "pt", "fr"])
def test_every_percentage_on_the_observatory_pages_takes_the_languages_sign(
    client: FlaskClient,
    make_user: Callable[..., User],
    login: Callable[..., Any],
    tiny_wave: Callable[..., TinyWave],
    language: str,
) -> None:
    # the wave page (table, bar chart, CV column) and the perception page; the CSV's numbers
    # stay as machines read them (its reasons are words in the language: "CV 22,2 %")
    sim = tiny_wave()
    login(client, make_user(Role.analyst))
    for path in (f"/observatory/waves/{sim.id}", f"/observatory/waves/{sim.id}/perception"):
        response = client.get(f"{path}?lang={language}")
        assert response.status_code == 200, path
        text = _visible_text(response.get_data(as_text=True))
        percentages = re.findall(r"\d[\s\u00a0\u202f]?%", text)
        assert len(percentages) >= 3, path
        wrong = [p for p in percentages if not p.endswith(SIGNS[language]) or p[-2] == " "]
        assert wrong == [], (path, wrong[:5])
    csv = client.get(f"/observatory/waves/{sim.id}/indicators.csv?lang={language}")
    rows = list(DictReader(io.StringIO(csv.get_data(as_text=True).lstrip("\ufeff"))))
    worded = {"reason", "indicator_name", "area_name"}
    assert (
        rows and [r for r in rows if "\u00a0" in "".join(r[c] for c in r if c not in worded)] == []
    )
