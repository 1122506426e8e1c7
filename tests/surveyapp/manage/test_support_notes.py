"""A wave's support contacts on the management pages: typed on the new wave's form and on
the wave's support contacts page (a box per wave language), shown on the wave's page; the
service's rule (services/waves.py) said at the box in the staff language. CSRF is on, as in
production."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from surveyapp.extensions import db
from surveyapp.models import InstrumentVersion, Role, Wave

from ...conftest import csrf_token
from . import test_languages
from .test_languages import in_language

manager = test_languages.manager  # the fixture: a logged-in browser set to a language

NOTE = "Línea 155 (gratuita, 24 horas)\r\nCentro de Atención a Víctimas: 800 123 4567"
STORED = "Línea 155 (gratuita, 24 horas)\nCentro de Atención a Víctimas: 800 123 4567"


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": True}


def _wave(app: Flask, wave_id: int) -> Wave:
    with app.app_context():
        wave = db.session.get(Wave, wave_id)
        assert wave is not None
        db.session.expunge(wave)
        return wave


def _new_wave(client: FlaskClient, instrument: InstrumentVersion, **more: Any) -> Any:
    data = {
        "csrf_token": csrf_token(client, "/manage/waves/new"),
        "name": "Ronda 2026",
        "instrument_version": str(instrument.id),
        "reference_start": "2025-01-01",
        "reference_end": "2025-12-31",
        "languages": ["es", "en"],
        "modes": ["web"],
        **more,
    }
    return client.post("/manage/waves/new", data=data)


def test_the_new_wave_form_takes_a_note_per_language_in_spanish(
    app: Flask, manager: Callable[..., FlaskClient], instrument: InstrumentVersion
) -> None:
    client = manager("es")
    form = in_language(
        client.get("/manage/waves/new"),
        "es",
        "Contactos de apoyo para quienes responden",
        "como máximo 500 caracteres",
    )
    # one box per language, labelled with the language's name
    assert '<label class="label" for="support_note_es">Español</label>' in form
    assert '<label class="label" for="support_note_en">English</label>' in form
    assert '<textarea class="input" id="support_note_es" name="support_note_es" rows="4">' in form
    created = _new_wave(client, instrument, support_note_es=NOTE)
    assert created.status_code == 302, created.get_data(as_text=True)[:2000]
    wave = _wave(app, int(created.headers["Location"].rsplit("/", 1)[-1]))
    assert wave.support_notes == {"es": STORED}
    page = in_language(client.get(created.headers["Location"]), "es", "Español: ")
    facts = page[page.index('<div id="support-notes">') :]
    assert f'<span class="support-note__text" lang="es">{html.escape(STORED, False)}</span>' in (
        facts.replace("&#34;", '"')
    )
    assert "Cambiar los contactos de apoyo" in facts


def test_a_note_the_rule_refuses_is_said_at_its_box_in_spanish_and_nothing_is_created(
    app: Flask, manager: Callable[..., FlaskClient], instrument: InstrumentVersion
) -> None:
    client = manager("es")
    page = in_language(
        _new_wave(client, instrument, support_note_en="x" * 501),
        "es",
        "Hay un problema",
        "Acorte la nota de apoyo a 500 caracteres como máximo (tiene 501).",
    )
    assert 'href="#support_note_en"' in page
    assert "x" * 501 in page  # what was typed comes back
    # a note in a language the wave does not offer (English not ticked): the service says so
    page = in_language(
        _new_wave(client, instrument, languages=["es"], support_note_en="Helpline 155"),
        "es",
        "El levantamiento no se ofrece en en; escriba notas de apoyo solo en es.",
    )
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Wave)) == 0


def test_the_support_page_changes_the_notes_in_french(
    app: Flask, manager: Callable[..., FlaskClient], make_wave: Callable[..., Wave]
) -> None:
    wave = make_wave(support_notes={"es": "Línea 155"})
    client = manager("fr")
    path = f"/manage/waves/{wave.id}/support"
    form = in_language(client.get(path), "fr", "Contacts d'aide pour les répondants")
    assert "Línea 155</textarea>" in form  # the stored note, to change
    assert "{n}" not in form and "500\u00a0caractères au plus" in html.unescape(form)
    token = csrf_token(client, path)
    refused = client.post(
        path,
        data={"csrf_token": token, "support_note_es": "Línea \u202e155", "support_note_en": ""},
    )
    in_language(
        refused,
        "fr",
        "Il y a un problème",
        "Contient un caractère invisible qui change l'ordre du texte (U+202E).",
    )
    assert _wave(app, wave.id).support_notes == {"es": "Línea 155"}
    saved = client.post(
        path,
        data={"csrf_token": token, "support_note_es": NOTE, "support_note_en": "Helpline 155"},
    )
    assert saved.status_code == 302 and saved.headers["Location"] == f"/manage/waves/{wave.id}"
    assert _wave(app, wave.id).support_notes == {"es": STORED, "en": "Helpline 155"}
    page = in_language(client.get(saved.headers["Location"]), "fr", "Contacts d'aide enregistrés.")
    assert "Español\u00a0: " in html.unescape(page) and "English\u00a0: " in html.unescape(page)
    # emptied: nothing stored, the page says respondents see the questionnaire's sentence
    client.post(path, data={"csrf_token": token, "support_note_es": " ", "support_note_en": ""})
    assert _wave(app, wave.id).support_notes is None
    in_language(client.get(f"/manage/waves/{wave.id}"), "fr", "aucun\u00a0: les répondants")


def test_the_support_page_refuses_a_post_without_its_csrf_token(
    app: Flask, manager: Callable[..., FlaskClient], make_wave: Callable[..., Wave]
) -> None:
    wave = make_wave()
    client = manager("en")
    response = client.post(f"/manage/waves/{wave.id}/support", data={"support_note_es": "x"})
    assert response.status_code == 400
    assert _wave(app, wave.id).support_notes is None


def test_a_change_of_the_support_contacts_is_in_the_audit_log_in_spanish(
    manager: Callable[..., FlaskClient], make_wave: Callable[..., Wave]
) -> None:
    wave = make_wave()
    client = manager("es", Role.administrator)
    path = f"/manage/waves/{wave.id}/support"
    data = {"csrf_token": csrf_token(client, path), "support_note_es": NOTE}
    assert client.post(path, data={**data, "support_note_en": "Helpline"}).status_code == 302
    page = html.unescape(in_language(client.get("/manage/audit"), "es", "Registro de auditoría"))
    assert "notas de apoyo cambiadas" in page and "idiomas: en, es" in page
