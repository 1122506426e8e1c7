"""The search box over the interviewer app's household list: a long list (here twelve
households) is searched on the device by number, street, area or state, accents and case
aside, and a sync that draws the list again while the interviewer types leaves the box alone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from surveyapp.extensions import db
from surveyapp.models import Role, SampleUnit, User

from ...conftest import TEST_PASSWORD  # type: ignore[import-not-found]
from . import test_field_app_browser as field_app  # type: ignore[attr-defined]
from .test_field_app_browser import log_in, open_unit  # type: ignore[import-not-found]

chromium_profile = field_app.chromium_profile
field_wave = field_app.field_wave

pytestmark = pytest.mark.browser

STREETS = ["Calle Peñón 4", "Avenida Juárez 120", "Calle Norte 9", "Privada del Sol 3"]


def add_units(
    app: Flask, field_wave: dict[str, Any], names: list[tuple[str, str]], to: User | None = None
) -> None:
    """Households (id, address) given to ``to``, else to the wave's interviewer."""
    with app.app_context():
        for external_id, address in names:
            db.session.add(
                SampleUnit(
                    wave_id=field_wave["wave_id"],
                    external_id=external_id,
                    address=address,
                    assigned_to_id=(to or field_wave["interviewer"]).id,
                )
            )
        db.session.commit()


#: Where S08's card is on the screen, read in one go: a sync may draw the list again at any
#: moment (a locator's bounding_box or scroll between finding the card and using it found none).
CARD_TOP = "document.querySelector('li.card[data-unit=\"S08\"]').getBoundingClientRect().y"


def shown(page: Any) -> list[str]:
    return [
        str(card.get_attribute("data-unit")) for card in page.locator("li.card:not([hidden])").all()
    ]


def test_a_short_list_has_no_search_box(
    app: Flask, live_server: str, field_wave: dict[str, Any], chromium_profile: Any
) -> None:
    page = chromium_profile().new_page()
    log_in(page, live_server)  # three households
    page.wait_for_selector('li.card[data-unit="T3"]')
    assert page.locator("#unit-search").count() == 0


def test_a_long_list_is_searched_by_street_accents_aside_and_by_state(
    app: Flask, live_server: str, field_wave: dict[str, Any], chromium_profile: Any
) -> None:
    add_units(app, field_wave, [(f"S{i:02d}", STREETS[i % 4]) for i in range(9)])
    page = chromium_profile(locale="es-MX").new_page()
    log_in(page, live_server)
    page.select_option("#ui-lang", "es")
    page.wait_for_selector("#unit-search")
    assert len(shown(page)) == 12
    assert page.locator("#unit-search-count").inner_text() == ""

    page.fill("#unit-search", "penon")  # typed on a phone: no accent, no capital
    assert shown(page) == ["S00", "S04", "S08"]
    assert page.locator("#unit-search-count").inner_text() == "3 de 12 hogares."
    page.fill("#unit-search", "CALLE  peñón 4")
    assert shown(page) == ["S00", "S04", "S08"]
    page.fill("#unit-search", "s05")
    assert shown(page) == ["S05"]
    page.fill("#unit-search", "Reforma")
    assert shown(page) == []
    assert page.locator("#unit-search-count").inner_text() == (
        "Ningún hogar coincide con la búsqueda."
    )

    # By state: the household started is the one "borrador".
    page.fill("#unit-search", "")
    open_unit(page, "S01")
    page.locator('button[data-lang="es"]').click()
    page.wait_for_selector("#r1-initials")
    page.locator("#close").click()
    page.wait_for_selector("#unit-search")
    page.fill("#unit-search", "borrador")
    assert shown(page) == ["S01"]

    # A sync draws the list again while the interviewer types: the box is the same (focus,
    # keyboard, what is typed), and the list drawn again (a household added) is searched too.
    page.fill("#unit-search", "juarez")
    assert shown(page) == ["S01", "S05"]
    add_units(app, field_wave, [("S99", "Avenida Juárez 7")])
    page.evaluate("document.getElementById('unit-search').dataset.mark = 'kept'")
    page.locator("#unit-search").focus()
    page.evaluate("document.getElementById('send-now').click()")
    page.wait_for_selector('li.card[data-unit="S99"]')
    page.wait_for_selector("#send-now:not([disabled])")
    assert page.evaluate("document.activeElement.dataset.mark") == "kept"
    assert shown(page) == ["S01", "S05", "S99"]
    assert page.locator("#unit-search-count").inner_text() == "3 de 13 hogares."


def test_a_sync_draws_the_list_again_where_the_interviewer_is(
    app: Flask, live_server: str, field_wave: dict[str, Any], chromium_profile: Any
) -> None:
    # A sync drew the list again through screen(), which scrolls to the top: the card the
    # interviewer had scrolled down to jumped away as the finger went down on it.
    add_units(app, field_wave, [(f"S{i:02d}", STREETS[i % 4]) for i in range(9)])
    page = chromium_profile().new_page()
    log_in(page, live_server)
    page.wait_for_selector("#send-now:not([disabled])")
    page.evaluate("document.querySelector('li.card[data-unit=\"S08\"]').scrollIntoView()")
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 0
    where = page.evaluate(CARD_TOP)
    add_units(app, field_wave, [("S99", "Avenida Juárez 7")])  # comes with the sync, last
    page.evaluate("document.getElementById('send-now').click()")
    page.wait_for_selector('li.card[data-unit="S99"]', state="attached")
    page.wait_for_selector("#send-now:not([disabled])")
    assert page.evaluate("window.scrollY") == scrolled
    assert abs(page.evaluate(CARD_TOP) - where) < 2


def test_the_next_interviewer_on_the_tablet_sees_the_whole_list_and_an_empty_box(
    app: Flask,
    live_server: str,
    field_wave: dict[str, Any],
    chromium_profile: Any,
    make_user: Callable[..., User],
) -> None:
    # The search stayed in the running app across a logout: the next interviewer on a shared
    # tablet (or the same one logging in again) found the box filled with the last one's search
    # and only the households matching it, as if the others were not assigned.
    bea = make_user(Role.interviewer, email="bea@example.org", name="Bea Interviewer")
    add_units(app, field_wave, [(f"S{i:02d}", STREETS[i % 4]) for i in range(9)])
    add_units(app, field_wave, [(f"B{i:02d}", STREETS[i % 4]) for i in range(9)], to=bea)
    page = chromium_profile().new_page()
    log_in(page, live_server)
    page.fill("#unit-search", "penon")
    assert shown(page) == ["S00", "S04", "S08"]

    for email, units in (("bea@example.org", 9), ("ana@example.org", 12)):
        page.locator("#logout").click()
        page.wait_for_selector("#password")
        page.fill("#email", email)
        page.fill("#password", TEST_PASSWORD)
        page.locator("form button[type=submit]").click()
        page.wait_for_selector("#unit-search")
        page.wait_for_selector("#send-now:not([disabled])")
        assert page.locator("#unit-search").input_value() == ""
        assert len(shown(page)) == units
        assert page.locator("#unit-search-count").inner_text() == ""
        page.fill("#unit-search", "juarez")  # searched, then the tablet changes hands again
        assert len(shown(page)) == 2
