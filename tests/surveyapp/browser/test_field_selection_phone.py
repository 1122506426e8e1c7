"""The household list and the selection of the adult on a 360 px phone, as an interviewer uses
them: households of one, two and five adults, a birthday nobody knows exactly, the list changed
after the selection. The birthday methods select by the interviewer's local date: the browser's
clock is set to 1 March 2026."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from surveyapp.extensions import db
from surveyapp.models import Interview, Mode, Role, SampleUnit, User, Wave
from surveyapp.models.waves import SelectionMethod

from .test_field_app_browser import log_in, open_household  # type: ignore[import-not-found]

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
TODAY = "2026-03-01T10:00:00"
LONG_ADDRESS = "Avenida de los Libertadores de la Patria Grande 1234, departamento 56"
#: Said by the selected adult while the list is the one drawn from.
FINAL = "Esta selección es definitiva para esta lista: solo puede hacerse de nuevo si se corrige la lista."
#: Spanish month names as the month list shows them.
MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto"]


@pytest.fixture
def method() -> SelectionMethod:
    return SelectionMethod.next_birthday


@pytest.fixture
def bypass_csp() -> bool:
    """Whether the page's content security policy is lifted (axe-core is injected inline)."""
    return False


@pytest.fixture
def phone(
    method: SelectionMethod,
    bypass_csp: bool,
    app: Flask,
    live_server: str,
    browser: Any,
    make_user: Callable[..., User],
    std_wave: dict[str, Any],
) -> Iterator[Any]:
    """A phone (360 px, Spanish) logged in to the interviewer app, the wave selecting by
    ``method``, three households assigned (Kish row 1001: of two adults, the woman)."""
    ana = make_user(Role.interviewer, email="ana@example.org", name="Ana Entrevistadora")
    with app.app_context():
        wave = db.session.scalar(sa.select(Wave).where(Wave.slug == std_wave["invited"]))
        assert wave is not None
        wave.modes = [Mode.web.value, Mode.tablet.value]
        wave.selection_method = method
        for external_id in ("P1", "P2", "P5"):
            db.session.add(
                SampleUnit(
                    wave_id=wave.id,
                    external_id=external_id,
                    address=LONG_ADDRESS,
                    assigned_to_id=ana.id,
                    selection_seed=1001,
                )
            )
        db.session.commit()
    context = browser.new_context(viewport=PHONE, locale="es-MX", bypass_csp=bypass_csp)
    context.set_default_timeout(15_000)
    context.clock.set_fixed_time(TODAY)
    page = context.new_page()
    log_in(page, live_server, device="Teléfono 3")
    try:
        yield page
    finally:
        context.close()


def start(page: Any, external_id: str) -> None:
    # After the sync under way (which draws the list again, under the finger).
    page.wait_for_selector("#send-now:not([disabled])")
    open_household(page, external_id, ready="#r1-initials")


def person(
    page: Any, line: int, initials: str, sex: str, age: str, day: str = "", month: str = ""
) -> None:
    """Type one person as the interviewer does: the birthday's day, then its month by name
    (not asked by the Kish method)."""
    if page.locator(f'fieldset.roster__row[data-line="{line}"]').count() == 0:
        page.locator("#add-person").click()
    page.fill(f"#r{line}-initials", initials)
    page.locator(f'label[for="r{line}-sex-{sex}"]').click()
    page.fill(f"#r{line}-age", age)
    if page.locator(f"#r{line}-birthday-day").count():
        page.fill(f"#r{line}-birthday-day", day)
        page.select_option(f"#r{line}-birthday-month", label=month if month else "—")


def select(page: Any) -> str:
    page.locator("#select-adult").click()
    page.wait_for_selector("#selected-adult, .notice--error:not([hidden])")
    shown = page.locator("#selected-adult")
    return str(shown.inner_text()) if shown.count() else ""


def fits(page: Any) -> None:
    """Nothing runs past the phone's right edge (the page never scrolls sideways)."""
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def stored_household(app: Flask, page: Any) -> Any:
    return page.evaluate(
        """() => new Promise((resolve) => {
      const open = indexedDB.open('surveyapp-field');
      open.onsuccess = () => {
        const all = open.result.transaction('interviews').objectStore('interviews').getAll();
        all.onsuccess = () => resolve(all.result.map((r) => r.household));
      };
    })"""
    )


def test_a_birthday_is_a_day_and_a_month_by_name_so_the_right_adult_is_selected(
    app: Flask, phone: Any
) -> None:
    # The birthday was typed as "MM-DD" under "Cumpleaños (MM-DD)". An interviewer used to
    # day-month dates typed 05-03 for AM, born on 5 March: the rule read 3 May and, on 1 March,
    # selected JM (birthday 20 April) instead of AM. It is now a day and a month chosen by name.
    page = phone
    start(page, "P2")
    assert page.locator("#r1-birthday").inner_text() == "Cumpleaños"
    months = page.locator("#r1-birthday-month option").all_inner_texts()
    assert months[:9] == ["—", *MONTHS]
    person(page, 1, "AM", "f", "41", "5", "marzo")
    person(page, 2, "JM", "m", "44", "20", "abril")
    # Day and month side by side on the phone, nothing past its edge.
    day_box = page.locator("#r1-birthday-day").bounding_box()
    month_box = page.locator("#r1-birthday-month").bounding_box()
    assert abs(day_box["y"] - month_box["y"]) < 2 and month_box["x"] > day_box["x"]
    fits(page)
    said = select(page)
    assert said == "Entreviste a AM (persona 1), entre 2 adultos.", said
    [household] = stored_household(app, page)
    assert [p["birthday"] for p in household["roster"]] == ["03-05", "04-20"]
    assert household["selected_line"] == 1

    # A day the month does not have is named, not a tap that does nothing (the rule threw).
    page.locator("#close").click()
    page.wait_for_selector("#sync-panel")
    start(page, "P1")
    person(page, 1, "LR", "m", "30", "31", "abril")
    assert select(page) == ""
    error = page.locator(".notice--error:not([hidden])").inner_text()
    assert "Persona 1: indique el día y el mes del cumpleaños" in error, error
    person(page, 1, "LR", "m", "30", "30", "abril")
    assert select(page) == "Entreviste a LR (persona 1), el único adulto (1)."
    fits(page)


def test_a_birthday_draw_cannot_be_redone_on_a_later_day(app: Flask, phone: Any) -> None:
    # "Select again" stayed on the screen after the draw. On 1 March the next birthday is AM's
    # (5 March); drawn again on 10 March on the same list, the rule picks JM (20 April): an
    # interviewer could redo the draw until a person at home came up. With the list as it was
    # drawn from, nothing offers a new draw, on the day or later, and a sentence by the adult
    # says why (the button was simply gone, unexplained).
    page = phone
    start(page, "P2")
    person(page, 1, "AM", "f", "41", "5", "marzo")
    person(page, 2, "JM", "m", "44", "20", "abril")
    assert select(page) == "Entreviste a AM (persona 1), entre 2 adultos."
    assert page.locator("#selected-adult + #selection-final").inner_text() == FINAL
    page.locator("#close").click()
    page.wait_for_selector("#sync-panel")
    page.context.clock.set_fixed_time("2026-03-10T10:00:00")
    # Opened again, the interview goes on from the questionnaire; its household list (linked
    # from the review screen) is where a draw was made.
    page.wait_for_selector("#send-now:not([disabled])")
    page.locator('li.card[data-unit="P2"] button:not([data-action])').first.click()
    page.locator('form.page[data-page="intro"]').wait_for()
    page.evaluate(
        "() => { location.hash = `${location.hash.match(/^#\\/i\\/[^/]+/)[0]}/~household`; }"
    )
    page.locator("#selected-adult").wait_for()
    assert page.locator("#selected-adult").inner_text() == (
        "Entreviste a AM (persona 1), entre 2 adultos."
    )
    assert page.locator("#select-adult").is_hidden()
    assert page.locator("#selection-final").inner_text() == FINAL
    assert page.locator("#to-questionnaire").is_visible()
    [household] = stored_household(app, page)
    assert [d["selected_line"] for d in household["draws"]] == [1]


def test_five_adults_one_birthday_not_known_exactly_and_long_initials_fit_a_phone(
    app: Flask, phone: Any
) -> None:
    page = phone
    start(page, "P5")
    people = [
        ("AM", "f", "41", "5", "marzo"),
        ("JM", "m", "44", "2", "noviembre"),
        ("MariaJoseGuadalupe", "f", "19", "24", "diciembre"),
        ("RO", "x", "70", "", ""),  # nobody knows RO's birthday
        ("PM", "m", "23", "1", "marzo"),  # a birthday today is the last one, not the next
        ("NI", "f", "9", "", ""),  # a child's birthday is not needed
    ]
    for line, (initials, sex, age, day, month) in enumerate(people, start=1):
        person(page, line, initials, sex, age, day, month)
    assert select(page) == ""
    error = page.locator(".notice--error:not([hidden])").inner_text()
    assert "Persona 4" in error and "la fecha más cercana que el hogar pueda dar" in error, error
    assert "Persona 6" not in error, error
    fits(page)
    person(page, 4, "RO", "x", "70", "15", "julio")  # the nearest date the household gives
    said = select(page)
    assert said == "Entreviste a AM (persona 1), entre 5 adultos.", said
    assert page.locator("#to-questionnaire").is_visible()
    fits(page)


@pytest.mark.parametrize("method", [SelectionMethod.kish])
def test_a_list_changed_after_the_selection_says_so_until_selected_again_or_undone(
    app: Flask, live_server: str, phone: Any
) -> None:
    # After the selection the list could still be changed; the screen went on showing the
    # selected adult and "Empezar el cuestionario", the questionnaire started from the list as
    # it was, and the change vanished unsaid at the next opening. The change is now said at
    # once, the questionnaire waits, and it is kept until selected again or undone.
    page = phone
    start(page, "P2")
    person(page, 1, "AM", "f", "41")
    person(page, 2, "JM", "m", "44")
    assert select(page) == "Entreviste a AM (persona 1), entre 2 adultos."
    # A draw cannot be redone on the list it was made from: nothing offers it.
    assert page.locator("#select-adult").is_hidden()
    page.fill("#r1-age", "16")  # AM is 16, not 41: JM is the only adult now
    stale = page.locator("#selection-stale")
    stale.wait_for()
    assert stale.inner_text().startswith("La lista cambió después de seleccionar al adulto")
    assert page.locator("#selection-final").count() == 0  # it can be made again now
    assert page.locator("#to-questionnaire").count() == 0
    assert "button--secondary" not in str(page.locator("#select-adult").get_attribute("class"))
    assert page.locator("#select-adult").is_visible()
    fits(page)

    # Left and opened again: the change is still there, and still said.
    page.wait_for_timeout(400)  # the list typed is saved 300 ms after the last key
    page.locator("#close").click()
    page.wait_for_selector("#sync-panel")
    start(page, "P2")
    assert page.locator("#r1-age").input_value() == "16"
    stale.wait_for()

    # Undone: the list as it was, the selection as it was.
    page.locator("#undo-roster").click()
    assert page.locator("#r1-age").input_value() == "41"
    assert stale.count() == 0 and page.locator("#to-questionnaire").is_visible()
    assert page.locator("#select-adult").is_hidden()
    assert page.locator("#selection-final").inner_text() == FINAL

    # Changed again and selected again: recorded, the new list's adult.
    page.fill("#r1-age", "16")
    stale.wait_for()
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#select-adult").click()
    page.wait_for_selector("text=2 sorteos registrados.")
    assert page.locator("#selected-adult").inner_text() == (
        "Entreviste a JM (persona 2), el único adulto (1)."
    )
    assert stale.count() == 0 and page.locator("#to-questionnaire").is_visible()
    assert page.locator("#select-adult").is_hidden()
    [household] = stored_household(app, page)
    assert [p["age"] for p in household["roster"]] == [16, 44]
    assert [d["selected_line"] for d in household["draws"]] == [1, 2]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Interview)) == 0


@pytest.mark.parametrize("bypass_csp", [True])
def test_the_birthday_fields_and_a_changed_list_pass_axe_on_a_phone(app: Flask, phone: Any) -> None:
    from .test_axe import AXE, audit  # type: ignore[import-not-found]

    if not AXE.exists():
        pytest.skip(f"no axe-core: run `npm ci` in {AXE.parents[2]}")
    page = phone
    start(page, "P2")
    person(page, 1, "AM", "f", "41", "5", "marzo")
    person(page, 2, "JM", "m", "44", "20", "abril")
    select(page)
    page.locator("#selection-final").wait_for()
    audit(page, "household list with the adult selected, why it is final, 360 px")
    page.fill("#r2-birthday-day", "")
    page.locator("#selection-stale").wait_for()
    page.locator("#select-adult").click()  # refused: person 2's birthday
    page.locator(".notice--error[tabindex]:not([hidden])").wait_for()
    audit(page, "household list changed after the selection, with an error, 360 px")


def test_a_sent_interviews_household_list_is_read_only_birthday_months_included(
    app: Flask, phone: Any
) -> None:
    # The list of an interview no longer being worked on is shown, not edited: its boxes were
    # disabled, but the birthday's month list (a select) stayed open to change.
    page = phone
    start(page, "P2")
    person(page, 1, "AM", "f", "41", "5", "marzo")
    select(page)
    page.locator("#close").click()
    page.wait_for_selector("#sync-panel")
    uuid = page.evaluate(
        """() => new Promise((resolve) => {
      const open = indexedDB.open('surveyapp-field');
      open.onsuccess = () => {
        const tx = open.result.transaction('interviews', 'readwrite');
        const store = tx.objectStore('interviews');
        const all = store.getAll();
        all.onsuccess = () => {
          const [record] = all.result;
          store.put({ ...record, state: 'sent', edit: record.edit + 1 });
          tx.oncomplete = () => resolve(record.uuid);
        };
      };
    })"""
    )  # as if finished and acknowledged by the server
    page.evaluate(f"() => {{ location.hash = '#/i/{uuid}/~household'; }}")
    page.wait_for_selector("#r1-birthday-month")
    assert page.locator("#r1-birthday-month").is_disabled()
    assert page.locator("#r1-birthday-day").is_disabled()
    assert page.locator("#r1-age").is_disabled()
    assert (
        page.locator("#undo-roster, #selection-stale, #select-adult, #selection-final").count() == 0
    )
