"""The interviewer app and invisible characters that reorder text (U+202E and the others of
security.DIRECTION_CONTROLS), pasted into household initials or a visit's note: refused where they
are typed, said beside the field in the interviewer's language; and what a tablet typed before the
app checked (the server refuses it) is fixed on the tablet and sent, not stranded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from surveyapp.extensions import db
from surveyapp.models import ContactAttempt, Interview, SampleUnit

from .test_field_app_browser import (  # type: ignore[import-not-found]
    chromium_profile,  # noqa: F401 (a fixture)
    field_wave,  # noqa: F401 (a fixture)
    interview,
    log_in,
    open_household,
    wait_for_state,
)

playwright_sync = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

#: The app's storage module, as the app itself loaded it (the same module instance).
STORE = "import(new URL('store.js', document.querySelector('script[type=module]').src).href)"


def test_initials_and_a_note_with_a_direction_control_are_refused_at_the_field(
    app: Flask,
    live_server: str,
    field_wave: dict[str, Any],  # noqa: F811 (the fixture imported above)
    chromium_profile: Callable[..., Any],  # noqa: F811
) -> None:
    context = chromium_profile(locale="fr-FR")
    page = context.new_page()
    page.set_viewport_size({"width": 360, "height": 740})  # a phone
    log_in(page, live_server)
    page.select_option("#ui-lang", "fr")
    page.wait_for_selector("text=Mes entretiens")

    # A visit's note pasted with a right-to-left override: said beside the note, not saved.
    page.locator('li.card[data-unit="T1"] button[data-action="visit"]').click()
    page.locator('label[for="outcome-no_contact"]').click()
    page.fill("#visit-note", "Personne\u202e ce matin")
    error = page.locator("#visit-note-error")
    error.wait_for(state="visible")
    assert error.inner_text() == (
        "La note contient un caractère invisible qui change l’ordre du texte (U+202E), souvent "
        "copié d’une autre application. Effacez la note et retapez-la."
    )
    assert page.get_attribute("#visit-note", "aria-invalid") == "true"
    assert error.get_attribute("role") == "alert"
    page.locator("#save-visit").click()
    assert page.locator("#visit-note").is_visible()  # still on the form: nothing saved
    assert page.evaluate("document.activeElement.id") == "visit-note"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.fill("#visit-note", "Personne ce matin")
    assert error.is_hidden() and page.get_attribute("#visit-note", "aria-invalid") is None
    page.locator("#save-visit").click()
    page.wait_for_selector("#sync-panel")
    page.wait_for_selector("#waiting-count:has-text('0 à envoyer')")
    with app.app_context():
        assert db.session.scalars(sa.select(ContactAttempt.note)).all() == ["Personne ce matin"]

    # Initials with a left-to-right isolate: said at the person, and no adult is selected.
    open_household(page, "T2")
    page.fill("#r1-initials", "A\u2066M")
    page.locator('label[for="r1-sex-f"]').click()
    page.fill("#r1-age", "41")
    initials_error = page.locator("#r1-initials-error")
    initials_error.wait_for(state="visible")
    assert initials_error.inner_text() == (
        "Ces initiales contiennent un caractère invisible qui change l’ordre du texte (U+2066), "
        "souvent copié d’une autre application. Effacez-les et retapez-les."
    )
    assert page.get_attribute("#r1-initials", "aria-invalid") == "true"
    page.locator("#select-adult").click()
    summary = page.locator("div.notice--error[role=alert]:not([hidden])").first
    summary.wait_for()
    assert (
        "Personne 1\u00a0: les initiales contiennent un caractère invisible" in summary.inner_text()
    )
    assert page.locator("#selected-adult").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.fill("#r1-initials", "AM")
    assert initials_error.is_hidden()
    page.locator("#select-adult").click()
    page.wait_for_selector("#selected-adult")


def test_what_a_tablet_typed_before_the_check_is_refused_by_the_server_and_fixed_there(
    app: Flask,
    live_server: str,
    field_wave: dict[str, Any],  # noqa: F811 (the fixture imported above)
    chromium_profile: Callable[..., Any],  # noqa: F811
) -> None:
    context = chromium_profile(locale="es-ES")
    page = context.new_page()
    log_in(page, live_server)
    page.select_option("#ui-lang", "es")
    page.wait_for_selector("text=Mis entrevistas")
    context.set_offline(True)
    interview(page, "T1")
    with app.app_context():
        t3 = db.session.scalar(sa.select(SampleUnit.id).where(SampleUnit.external_id == "T3"))
    # What an app before the check left on the tablet: a finished interview whose household list
    # holds initials with a right-to-left isolate, and a visit whose note holds an override.
    page.evaluate(
        f"""async () => {{
        const store = await {STORE};
        const [record] = await store.allInterviews();
        const spoil = (h) => ({{ ...h, roster: h.roster.map((p) => p.line === 2 ? {{ ...p, initials: 'J\\u2067M\\u2069' }} : p) }});
        await store.updateInterview(record.uuid, (r) => ({{ ...r, household: spoil(r.household), roster_draft: spoil(r.household).roster, outbox: {{ ...r.outbox, household: spoil(r.outbox.household) }} }}));
        const session = await store.getMeta('session');
        await store.addAttempt({{ uuid: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e', sample_unit_id: {t3},
          unit: {{ external_id: 'T3' }}, interviewer_id: session.user.id, state: 'outbox', server: null,
          body: {{ sample_unit_id: {t3}, attempted_at: '2026-12-07T10:00:00.000+00:00', outcome: 'no_contact', note: 'Nadie\\u202e en casa' }} }});
    }}"""
    )
    context.set_offline(False)
    page.locator("#send-now").click()
    wait_for_state(page, "T1", "refused")
    page.wait_for_selector("#send-now:not([disabled])")  # the sync is over
    with app.app_context():
        assert db.session.scalars(sa.select(Interview)).all() == []
        assert db.session.scalars(sa.select(ContactAttempt)).all() == []

    # The visit: the card names what is wrong; one tap removes the characters and sends it.
    refused_visit = page.locator('li.card[data-unit="T3"] [data-refused-visit]')
    assert refused_visit.inner_text().startswith(
        "La nota de esta visita contiene un carácter invisible que cambia el orden del texto "
        "(U+202E) y el servidor no aceptó la visita."
    )
    refused_visit.locator("button[data-action='fix-visit-note']").click()
    page.wait_for_selector('li.card[data-unit="T3"] [data-refused-visit]', state="detached")
    for _ in range(100):  # sent by the sync the fix asks for
        with app.app_context():
            notes = db.session.scalars(sa.select(ContactAttempt.note)).all()
        if notes:
            break
        page.wait_for_timeout(100)
    assert notes == ["Nadie en casa"]
    page.wait_for_selector("#send-now:not([disabled])")  # that sync is over (its list drawn)

    # The interview: the card says which person and what to do; "Fix" opens the household list,
    # which says it at the person; typed again, the same draw stands (no new one) and it goes.
    card = page.locator('li.card[data-unit="T1"]')
    assert (
        "Persona 2 de la lista del hogar: las iniciales contienen un carácter invisible"
        in card.inner_text()
    )
    card.locator("button").first.click()
    page.wait_for_selector("#r2-initials-error:not([hidden])")
    assert page.locator("#to-questionnaire").count() == 0
    page.fill("#r2-initials", "JM")
    page.wait_for_selector("#to-questionnaire")
    assert page.locator("#selection-stale").count() == 0
    page.locator("#to-questionnaire").click()
    page.wait_for_selector('form.page[data-page="closing"]')  # where it was finished
    page.locator("#next").click()
    page.locator("#finish").click()
    page.wait_for_selector("#sync-panel")
    wait_for_state(page, "T1", "sent")
    with app.app_context():
        [stored] = db.session.scalars(sa.select(Interview)).all()
        assert stored.household is not None
        assert [p["initials"] for p in stored.household["roster"]] == ["AM", "JM", "LM", "PM"]
        assert len(stored.household["draws"]) == 1
