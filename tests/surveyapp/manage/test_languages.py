"""The management pages in the staff language: Spanish, Portuguese, French, English by default."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask, url_for
from flask.testing import FlaskClient

from surveyapp.extensions import db
from surveyapp.models import AuditLog, InstrumentVersion, Role, User, Wave
from surveyapp.services import audit
from surveyapp.staff_texts import STAFF_ENDPOINTS, TEXTS

#: English words of the management templates, forms and messages, and the staff frame, that a
#: page in another language must not show outside a ``lang="en"`` element.
ENGLISH = (
    "Skip to main content",
    "Staff menu",
    ">Waves<",
    ">Log out",
    "Victimization survey",
    "Create a wave",
    "Survey waves",
    ">Name<",
    ">Status<",
    "Public link",
    "There are no waves",
    ">draft<",
    ">open<",
    ">closed<",
    ">Wave<",
    "Reference period",
    "Field work",
    ">Languages<",
    ">Modes<",
    "Invitation code",
    "issued,",
    "entered by respondents",
    "not required",
    "Results may be published",
    ">yes<",
    "the reports of this wave",
    "standard indicator",
    "New status",
    "Change status",
    "Import sample units",
    "units without one",
    "Interviewer assignments",
    "Tablet interviews",
    "Response by area",
    "RR1 counts",
    "Completes, partials",
    ">Area<",
    ">Units<",
    ">Complete<",
    ">Partial<",
    "Refused or broke off",
    "No contact",
    "Not reached",
    "Ineligible",
    "No area given",
    "All sample units",
    "Open-link interviews",
    "created as a draft",
    "The wave is now",
    "Link name",
    "Shown to staff",
    "Lower-case letters",
    "Only questionnaires",
    "period starts",
    "period ends",
    "(optional)",
    "The period respondents",
    "Languages offered",
    "Leave all unticked",
    "How interviews are collected",
    "respondents answer",
    "face-to-face",
    "Areas covered",
    "Respondents need",
    "Without codes",
    "Create wave",
    ">Cancel<",
    "There is a problem",
    "Enter a name",
    "Choose at least one mode",
    "as a date like",
    "Enter the first day",
    "valid choice",
    "could not coerce",
    "The file has",
    "correct rows were imported",
    "Nothing was imported",
    "Problems by line",
    ">Line<",
    ">Column<",
    ">Problem<",
    "Upload a CSV file",
    "column required",
    "Accepted columns",
    "CSV file of",
    "Choose a CSV file",
    "Import the correct rows",
    "sample units imported",
    "Back to the wave",
    "does not collect tablet interviews",
    "without an interviewer",
    "tablet downloads",
    "Units per interviewer",
    ">Interviewer<",
    ">Devices<",
    "No unit is assigned",
    "Units of",
    "every area",
    "Assign the unassigned",
    "Units already assigned",
    "Reassign one household",
    "What the previous interviewer",
    "Household id",
    "New interviewer",
    ">Reassign<",
    "moved from",
    "already holds",
    "Choose an interviewer",
    "units assigned to",
    "without a code",
    "The codes are shown only once",
    "Codes expire after",
    "Enter a number",
    "whole number",
    "Replace the unused codes",
    "Use this if a file",
    "Generate codes",
    "already has a code",
    ">Users<",
    "Create a user",
    "Staff accounts",
    ">Email<",
    ">Role<",
    "Limited to",
    ">Actions<",
    ">devices<",
    "Role of",
    "Change role",
    "Area of",
    "Change area",
    ">active<",
    ">deactivated<",
    ">locked<",
    ">Deactivate",
    ">Reactivate",
    "All areas (no limit)",
    ">Administrator<",
    ">Survey manager<",
    ">Interviewer<",
    ">Analyst<",
    "is now",
    "now sees",
    "You cannot",
    "Full name",
    "Temporary password",
    "Repeat the password",
    "Administrators can do",
    "stay hidden",
    "At least 10 characters",
    "Create user",
    "Enter an email",
    "Enter the person",
    "Enter a temporary",
    "must have at least",
    "do not match",
    "created. Give them",
    "Devices of",
    "Interviewer app devices",
    "Each login of the interviewer app",
    "Each tablet is listed once",
    ">Last logged in (UTC)<",
    ">Logins<",
    "Device tokens",
    ">Device<",
    ">Logged in<",
    ">Last used (UTC)<",
    ">Expires<",
    ">State<",
    ">Action<",
    ">never<",
    "revoked ",
    ">expired<",
    ">Revoke<",
    "No device has",
    "Choose a device",
    "is logged out",
    "Read API tokens",
    ">Administration<",
    "Systems that pull",
    "A public token",
    "OpenAPI description",
    "Copy the token",
    "It is shown only",
    ">Token<",
    ">Scope<",
    ">Areas<",
    ">Microdata<",
    ">Created<",
    ">all<",
    ">public<",
    ">internal<",
    "No token yet",
    "Latest requests",
    "requests made with",
    ">When<",
    ">Request<",
    ">Answer<",
    "No request yet",
    "Create a token",
    "Who holds it",
    "None chosen",
    "Public tokens get",
    "Public: waves",
    "Internal: every",
    "May download",
    "Create token",
    "Give the token a name",
    "created for",
    "Use at most",
    "Results are reported",
    "Sample units refer",
    "Path of codes",
    ">Level<",
    ">Population<",
    ">country<",
    ">region<",
    ">municipality<",
    "No areas yet",
    "You manage one area",
    "Add areas",
    "Columns:",
    "one of",
    "the path of codes",
    "empty for a country",
    "A line may refer",
    "nothing was added",
    "areas added",
    "Audit log",
    "staff actions",
    "When (UTC)",
    "Requests made with",
    ">Who<",
    ">Object<",
    ">Details<",
    ">system<",
    "Nothing recorded",
    # the services' refusals (services/waves.py, users.py, read_tokens.py)
    "must end on or after",
    "cannot go back to draft",
    "already uses this link name",
    "already exists",
    "common passwords",
    "is repeated",
    "whole number",
    "out of range",
    "unknown column",
    "must lie in a",
    "is not one of",
    "nothing to assign",
    "does not do field work",
    "already assigned to another",
    # the observatory's administrative-data pages (observatory/uploads.html, boundaries.html)
    "Administrative data",
    "Area boundaries",
    "upload and list them",
    "Upload police",
    "One row per area",
    "Upload census",
    "Police-recorded crime",
    "Census population totals",
    "None yet",
    "CSV file of",
    "The observatory draws maps",
    "Upload boundaries",
    "Level of the areas",
    "States / regions",
    "Country outline",
    "GeoJSON file of",
    "A GeoJSON FeatureCollection",
    "already stored for an area",
    "Boundaries stored",
    "With a boundary",
    # the audit log's detail keys (as recorded)
    "slug:",
    "instrument_version_id",
    "may_download_microdata",
    "interviewer_id",
    "prefix:",
)


def english_left(page: str, language: str = "es") -> list[str]:
    """The phrases of :data:`ENGLISH` in ``page``, the ``lang="en"`` spans and the code aside
    (a phrase that is also a staff text of ``language``, as French "Action", is skipped)."""
    page = re.sub(r'<span lang="en">.*?</span>|<code>.*?</code>', "", page, flags=re.S)
    own = " | ".join(texts[language] for texts in TEXTS.values())
    return [p for p in ENGLISH if p in page and p.strip("<>") not in own]


@pytest.fixture
def manager(
    app: Flask, make_user: Callable[..., User], login: Callable[..., Any]
) -> Callable[..., FlaskClient]:
    """``manager(accept_language, role=survey_manager)``: a logged-in browser set to a language."""

    def client(language: str = "", role: Role = Role.survey_manager) -> FlaskClient:
        browser = app.test_client()
        if language:
            browser.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
        assert login(browser, make_user(role)).status_code == 302
        return browser

    return client


def in_language(response: Any, language: str, *words: str) -> str:
    """The page of ``response``: 200, ``<html lang=language>``, ``words`` in it, no English."""
    page = str(response.get_data(as_text=True))
    assert response.status_code == 200, page[:500]
    assert page.startswith(f'<!doctype html>\n<html lang="{language}">'), page[:100]
    assert [w for w in words if w not in page and w not in html.unescape(page)] == []
    if language != "en":
        assert english_left(page, language) == []
    return page


def test_the_wave_list_and_a_wave_are_spanish_with_lang_es(
    manager: Callable[..., FlaskClient], make_wave: Callable[..., Wave]
) -> None:
    wave = make_wave(status="draft", invitation_required=True, modes=["web", "tablet"])
    client = manager("")
    in_language(
        client.get("/manage/?lang=es"),
        "es",
        '<h1 class="heading-l">Levantamientos</h1>',
        "Crear un levantamiento",
        ">borrador<",
    )
    # The choice stays for the next page, without ?lang=.
    page = in_language(
        client.get(f"/manage/waves/{wave.id}"),
        "es",
        "Período de referencia",
        "1 de enero de 2025 a 31 de diciembre de 2025",
        "web, tableta",
        "Respuesta por área",
        "Todas las unidades de muestra",
        "Asignación de encuestadores",
        "Cambiar el estado",
        '<option selected value="draft">Borrador</option>',
    )
    assert "obligatorio" in page and "Los resultados pueden publicarse" in page
    assert "<dd>sin fecha</dd>" in page  # no field work dates


@pytest.mark.parametrize(
    ("language", "reference", "fieldwork"),
    [
        ("en", "January 1, 2025 to December 31, 2025", "February 1, 2026 to November 30, 2026"),
        (
            "fr",
            "du 1er\u00a0janvier\u00a02025 au 31\u00a0décembre\u00a02025",
            "du 1er\u00a0février\u00a02026 au 30\u00a0novembre\u00a02026",
        ),
        (
            "pt",
            "1 de janeiro de 2025 a 31 de dezembro de 2025",
            "1 de fevereiro de 2026 a 30 de novembro de 2026",
        ),
    ],
)
def test_the_wave_page_writes_its_dates_as_the_staff_language_does_not_iso(
    manager: Callable[..., FlaskClient],
    make_wave: Callable[..., Wave],
    language: str,
    reference: str,
    fieldwork: str,
) -> None:
    # the page read "2025-01-01 to 2025-12-31", which no reader of the four languages writes
    wave = make_wave(fieldwork_start=dt.date(2026, 2, 1), fieldwork_end=dt.date(2026, 11, 30))
    page = html.unescape(
        manager("").get(f"/manage/waves/{wave.id}?lang={language}").get_data(as_text=True)
    )
    facts = page[page.index("<dl") : page.index("</dl>")]
    assert reference in facts and fieldwork in facts
    assert not re.search(r"\d{4}-\d{2}-\d{2}", facts), facts


def test_the_new_wave_form_is_portuguese_for_a_portuguese_browser(
    manager: Callable[..., FlaskClient], instrument: InstrumentVersion
) -> None:
    client = manager("pt-BR,pt;q=0.9")
    in_language(
        client.get("/manage/waves/new"),
        "pt",
        "Criar um levantamento",
        "Início do período de referência",
        "Tablet (entrevistadores face a face)",
        "Os respondentes precisam de um código de convite",
    )
    # A wrong form answers in Portuguese, WTForms' messages and the date check included.
    wrong = client.post(
        "/manage/waves/new",
        data={
            "name": "",
            "instrument_version": str(instrument.id),
            "reference_start": "31/12/2025",
            "reference_end": "2025-12-31",
        },
    )
    in_language(
        wrong,
        "pt",
        "Há um problema",
        "Digite um nome para o levantamento.",
        "Digite “Início do período de referência” como uma data do tipo 2025-12-31.",
        "Escolha pelo menos um modo de coleta.",
    )


def test_creating_and_opening_a_wave_is_confirmed_in_french(
    manager: Callable[..., FlaskClient], instrument: InstrumentVersion
) -> None:
    client = manager("fr")
    created = client.post(
        "/manage/waves/new",
        data={
            "name": "Vague 2026",
            "instrument_version": str(instrument.id),
            "reference_start": "2025-01-01",
            "reference_end": "2025-12-31",
            "modes": ["web"],
        },
        follow_redirects=True,
    )
    in_language(created, "fr", "La vague «\u00a0Vague 2026\u00a0» a été créée comme brouillon.")
    path = created.request.path
    opened = client.post(f"{path}/status", data={"status": "open"}, follow_redirects=True)
    in_language(opened, "fr", "La vague est maintenant ouverte.", ">ouverte<")


def test_a_wave_refused_by_the_service_says_why_in_spanish(
    manager: Callable[..., FlaskClient],
    instrument: InstrumentVersion,
    make_wave: Callable[..., Wave],
) -> None:
    make_wave(slug="ronda-2025")
    client = manager("es")
    wrong = client.post(
        "/manage/waves/new",
        data={
            "name": "Ronda",
            "slug": "ronda-2025",
            "instrument_version": str(instrument.id),
            "reference_start": "2025-06-01",
            "reference_end": "2025-01-01",
            "modes": ["web"],
        },
    )
    page = html.unescape(in_language(wrong, "es", "Hay un problema"))
    # The first refusal the service meets (the period is checked after the link name).
    assert "Otro levantamiento ya usa este nombre de enlace." in page
    assert "already uses" not in page and 'lang="en"' not in page.split("\n", 2)[2]
    wrong = client.post(
        "/manage/waves/new",
        data={
            "name": "Ronda",
            "instrument_version": str(instrument.id),
            "reference_start": "2025-06-01",
            "reference_end": "2025-01-01",
            "modes": ["web"],
        },
    )
    page = html.unescape(in_language(wrong, "es", "Hay un problema"))
    assert "El período de referencia debe terminar el mismo día de su inicio o después." in page
    assert "must end on or after" not in page


def test_a_status_change_refused_after_a_redirect_is_in_portuguese(
    manager: Callable[..., FlaskClient], make_wave: Callable[..., Wave]
) -> None:
    wave = make_wave(status="open", fieldwork_start=dt.date(2026, 3, 1))
    client = manager("pt")
    page = in_language(
        client.get(f"/manage/waves/{wave.id}"), "pt", "<dd>1 de março de 2026 a sem data</dd>"
    )
    assert '<option value="draft">' not in page  # an opened wave is not offered draft
    back = client.post(
        f"/manage/waves/{wave.id}/status", data={"status": "draft"}, follow_redirects=True
    )
    page = html.unescape(in_language(back, "pt"))
    assert 'role="alert">Um levantamento que já foi aberto não pode voltar a rascunho.' in page
    assert "cannot go back" not in page


def test_a_value_not_in_a_list_is_refused_in_spanish_not_in_wtforms_english(
    manager: Callable[..., FlaskClient], instrument: InstrumentVersion
) -> None:
    client = manager("es")
    wrong = client.post(
        "/manage/waves/new",
        data={
            "name": "Ronda",
            "instrument_version": "999999",
            "reference_start": "2025-01-01",
            "reference_end": "2025-12-31",
            "languages": ["fr"],
            "modes": ["web", "fax"],
        },
    )
    page = html.unescape(in_language(wrong, "es", "Hay un problema"))
    assert "«fr» no es una opción válida para este campo." in page
    assert "«fax» no es una opción válida para este campo." in page
    assert "No es una opción válida." in page  # the questionnaire
    assert "valid choice" not in page and "coerce" not in page


def test_the_pages_stay_english_when_nothing_asks_for_another_language(
    manager: Callable[..., FlaskClient], make_wave: Callable[..., Wave]
) -> None:
    wave = make_wave()
    client = manager("")
    in_language(client.get("/manage/"), "en", ">Waves<", "Create a wave")
    page = in_language(client.get(f"/manage/waves/{wave.id}"), "en", "Reference period")
    assert 'lang="en"' not in page.split("\n", 2)[2]  # nothing marked on an English page


def _upload(client: FlaskClient, wave: Wave, content: bytes) -> Any:
    data = {"file": (io.BytesIO(content), "sample.csv")}
    return client.post(
        f"/manage/waves/{wave.id}/sample", data=data, content_type="multipart/form-data"
    )


def test_importing_sample_units_in_spanish_lists_the_file_problems_in_spanish(
    manager: Callable[..., FlaskClient], make_wave: Callable[..., Wave]
) -> None:
    wave = make_wave()
    client = manager("es-MX,es;q=0.9")
    in_language(
        client.get(f"/manage/waves/{wave.id}/sample"),
        "es",
        '<h1 class="heading-l">Importar unidades de muestra</h1>',
        "Archivo CSV de unidades de muestra",
        "Volver al levantamiento",
    )
    missing = client.post(f"/manage/waves/{wave.id}/sample", data={})
    in_language(missing, "es", "Elija un archivo CSV para subir.")
    wrong = _upload(client, wave, b"external_id,eligible_adults\nH1,2\nH1,x\nH3,100000\n")
    page = html.unescape(
        in_language(
            wrong,
            "es",
            "El archivo tiene 3 problemas",
            "No se importó nada.",
            '<td>3</td><td>external_id</td><td>"H1" está repetido (primero en la línea 2)</td>',
            '<td>3</td><td>eligible_adults</td><td>"x" no es un número entero de adultos</td>',
            "100000 está fuera del intervalo: el número de adultos debe estar entre 0 y 99",
        )
    )
    assert 'lang="en"' not in page.split("\n", 2)[2]
    assert "is repeated" not in page and "whole number" not in page
    header = _upload(client, wave, b"id;eligible_adults\nH1;2\n")
    in_language(
        header,
        "es",
        "columna desconocida; las columnas son: external_id, address",
        "<td>1</td><td>external_id</td><td>esta columna es obligatoria</td>",
    )
    done = _upload(client, wave, b"external_id\nH1\nH2\n")
    assert done.status_code == 302
    in_language(client.get(done.headers["Location"]), "es", "Se importaron 2 unidades de muestra.")


def test_invitation_codes_in_portuguese(
    manager: Callable[..., FlaskClient], make_wave: Callable[..., Wave]
) -> None:
    wave = make_wave(invitation_required=True)
    client = manager("pt")
    assert _upload(client, wave, b"external_id\nH1\n").status_code == 302
    in_language(
        client.get(f"/manage/waves/{wave.id}/codes"),
        "pt",
        "1 unidade da amostra; 1 sem código.",
        "Os códigos são mostrados uma única vez",
        "Substituir os códigos não usados",
    )
    for days, message in [("dez", "como um número inteiro"), ("9999", "de 0 a 3650")]:
        wrong = client.post(f"/manage/waves/{wave.id}/codes", data={"expires_days": days})
        in_language(wrong, "pt", "Há um problema", message)
    assert client.post(f"/manage/waves/{wave.id}/codes", data={"expires_days": "0"}).mimetype == (
        "text/csv"
    )
    again = client.post(
        f"/manage/waves/{wave.id}/codes", data={"expires_days": "0"}, follow_redirects=True
    )
    in_language(again, "pt", "Todas as unidades da amostra já têm código; nada foi gerado.")


def test_assigning_units_in_french(
    manager: Callable[..., FlaskClient],
    make_wave: Callable[..., Wave],
    make_user: Callable[..., User],
) -> None:
    wave = make_wave(modes=["tablet"])
    interviewer = make_user(Role.interviewer, name="Ana")
    client = manager("fr")
    assert _upload(client, wave, b"external_id\nH1\nH2\n").status_code == 302
    in_language(
        client.get(f"/manage/waves/{wave.id}/assign"),
        "fr",
        "Affectation des enquêteurs",
        "2 unités sans enquêteur.",
        "toutes les zones",
        "Aucune unité n'est encore attribuée.",
    )
    done = client.post(
        f"/manage/waves/{wave.id}/assign",
        data={"interviewer": str(interviewer.id), "area": "0"},
        follow_redirects=True,
    )
    in_language(done, "fr", "2 unités attribuées à Ana.", ">Appareils<")
    nobody = client.post(f"/manage/waves/{wave.id}/assign", data={"interviewer": "", "area": "0"})
    in_language(nobody, "fr", "Choisissez un enquêteur et une zone dans les listes.")


def test_reassigning_one_household_in_french(
    manager: Callable[..., FlaskClient],
    make_wave: Callable[..., Wave],
    make_user: Callable[..., User],
) -> None:
    wave = make_wave(modes=["tablet"])
    ana, bea = make_user(Role.interviewer, name="Ana"), make_user(Role.interviewer, name="Bea")
    client = manager("fr")
    assert _upload(client, wave, b"external_id\nH1\nH2\n").status_code == 302
    client.post(f"/manage/waves/{wave.id}/assign", data={"interviewer": str(ana.id), "area": "0"})
    in_language(
        client.get(f"/manage/waves/{wave.id}/assign"),
        "fr",
        "Réattribuer un ménage",
        "pour en déplacer plusieurs à la fois,",
        "reste à lui\u00a0: elle peut encore envoyer ses visites",
        "Identifiant du ménage (unité d'échantillon)",
    )
    done = client.post(
        f"/manage/waves/{wave.id}/reassign",
        data={"re-unit": "H2", "re-interviewer": str(bea.id)},
        follow_redirects=True,
    )
    in_language(done, "fr", "Le ménage H2 est passé de Ana à Bea.")
    again = client.post(
        f"/manage/waves/{wave.id}/reassign",
        data={"re-unit": "H2", "re-interviewer": str(bea.id)},
        follow_redirects=True,
    )
    in_language(again, "fr", "Le ménage H2 est déjà attribué à Bea.")


def test_assigning_the_units_of_a_wave_without_tablets_is_refused_in_spanish(
    manager: Callable[..., FlaskClient],
    make_wave: Callable[..., Wave],
    make_user: Callable[..., User],
) -> None:
    wave = make_wave(name="Ronda web", modes=["web"])
    interviewer = make_user(Role.interviewer, name="Ana")
    client = manager("es")
    refused = client.post(
        f"/manage/waves/{wave.id}/assign", data={"interviewer": str(interviewer.id), "area": "0"}
    )
    page = html.unescape(
        in_language(
            refused,
            "es",
            'El levantamiento "Ronda web" no recoge entrevistas en tableta; '
            "no hay nada que asignar.",
        )
    )
    assert 'lang="en"' not in page.split("\n", 2)[2] and "nothing to assign" not in page


def test_the_audit_log_names_the_details_in_spanish(
    manager: Callable[..., FlaskClient],
    make_wave: Callable[..., Wave],
    make_user: Callable[..., User],
) -> None:
    wave = make_wave(slug="ronda-2026", modes=["tablet"])
    interviewer = make_user(Role.interviewer, name="Ana")
    client = manager("es", Role.administrator)
    assert _upload(client, wave, b"external_id\nH1\nH2\n").status_code == 302
    client.post(
        f"/manage/waves/{wave.id}/assign", data={"interviewer": str(interviewer.id), "area": "0"}
    )
    client.post("/manage/tokens", data={"name": "Observatorio", "scope": "public"})
    page = html.unescape(in_language(client.get("/manage/audit"), "es", "Registro de auditoría"))
    for spanish in (
        "nombre del enlace: ronda-2026; versión del cuestionario (id): ",
        "importadas: 2; errores: 0",
        f"encuestador (id): {interviewer.id}; unidades: 2; área: –; listadas: 0",
        "nombre: Observatorio; prefijo: ",
        "alcance: público; áreas: ; puede descargar microdatos: no",
    ):
        # one pair at a time: PostgreSQL's jsonb keeps an entry's keys in its own order
        for pair in spanish.split("; "):
            assert pair in page, (pair, spanish)
    assert 'lang="en"' not in page.split("<main", 1)[1]
    assert "scope: public" not in page and "alcance: public;" not in page


def test_the_audit_log_says_known_stored_values_in_the_staff_language(
    app: Flask, manager: Callable[..., FlaskClient]
) -> None:
    # as the services record them (English words in the database, which stay as they are)
    recorded = [
        ("wave.set_status", {"from": "draft", "to": "open"}),
        ("user.set_role", {"from": "interviewer", "to": "supervisor"}),
        ("attempt.record", {"attempt": "a1", "outcome": "no_contact", "disposition": 220}),
        ("interview.upload", {"revision": 1, "created": True, "status": "abandoned"}),
        ("wave.field_settings", {"selection_method": "next_birthday"}),
        ("user.sessions_end_all", {"sessions": 2, "reason": "password changed"}),
    ]
    with app.app_context():
        for action, details in recorded:
            audit.record(db.session, action, details=details)
        db.session.commit()
    french = html.unescape(manager("fr", Role.administrator).get("/manage/audit").text)
    for said in (  # French: a no-break space before the colon
        "de\u00a0: brouillon",
        "à\u00a0: ouverte",
        "de\u00a0: Enquêteur",
        "à\u00a0: Superviseur",
        "résultat\u00a0: pas de contact",
        "code de résultat\u00a0: non-contact",
        "créé\u00a0: oui",
        "statut\u00a0: abandonné",
        "méthode de sélection\u00a0: prochain anniversaire",
        "motif\u00a0: mot de passe changé",
        "sessions\u00a0: 2",  # a number as stored
    ):
        assert said in french, said
    spanish = html.unescape(manager("es", Role.administrator).get("/manage/audit").text)
    assert "estado: interrumpida" in spanish and "de: borrador" in spanish
    for stored in ("draft", "no_contact", "next_birthday", "password changed", "abandoned"):
        assert f": {stored}<" not in french and f": {stored}" not in spanish, stored
    with app.app_context():  # the stored entries are unchanged
        actions = [action for action, _ in recorded]
        rows = db.session.execute(
            sa.select(AuditLog.action, AuditLog.details)
            .where(AuditLog.action.in_(actions))
            .order_by(AuditLog.id)
        ).all()
        assert [(action, dict(details)) for action, details in rows] == recorded


def test_the_audit_log_words_actions_and_objects_and_keeps_the_codes(
    app: Flask, manager: Callable[..., FlaskClient]
) -> None:
    # A Spanish page said 'user.login' and 'sample_unit 7309'.
    with app.app_context():
        audit.record(db.session, "user.login", object_type="user", object_id=3)
        audit.record(
            db.session, "unit.reassign", object_type="sample_unit", object_id=7309, details={}
        )
        audit.record(db.session, "made.up", object_type="thing", object_id=1)
        db.session.commit()
    page = html.unescape(manager("es", Role.administrator).get("/manage/audit").text)
    assert '<span title="user.login">inicio de sesión</span>' in page
    assert '<code class="hint">user.login</code>' in page  # searchable as recorded
    assert '<span title="sample_unit 7309">hogar</span> 7309' in page
    assert '<span title="unit.reassign">hogar reasignado</span>' in page
    assert '<span title="made.up">made.up</span>' in page and ">thing</span> 1" in page
    french = html.unescape(manager("fr", Role.administrator).get("/manage/audit").text)
    assert ">ménage réattribué</span>" in french and ">ménage</span> 7309" in french


def test_every_recorded_action_and_object_type_has_words_in_every_language() -> None:
    """The codes audit.record and audit.write are called with anywhere in surveyapp (a new
    one without words would show as its code)."""
    import ast
    from pathlib import Path

    import surveyapp
    from surveyapp.staff_texts import TEXTS

    actions: set[str] = set()
    objects: set[str] = set()
    for path in Path(surveyapp.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("record", "write")
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "audit"
            ):
                continue
            actions.update(
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            )
            objects.update(
                k.value.value
                for k in node.keywords
                if k.arg == "object_type" and isinstance(k.value, ast.Constant)
            )
    assert {"user.login", "unit.reassign", "interview.upload"} <= actions
    assert {"sample_unit", "user", "wave"} <= objects
    missing = [f"action_{a}" for a in sorted(actions)] + [f"object_{o}" for o in sorted(objects)]
    missing = [key for key in missing if set(TEXTS.get(key, {})) < {"es", "en", "pt", "fr"}]
    assert missing == []


def test_users_and_a_new_user_in_spanish(
    manager: Callable[..., FlaskClient], make_user: Callable[..., User]
) -> None:
    other = make_user(Role.interviewer, email="ana@example.org")
    client = manager("es", Role.administrator)
    page = in_language(
        client.get("/manage/users"),
        "es",
        "Cuentas del personal",
        "Rol de ana@example.org",
        '<option selected value="interviewer">Encuestador</option>',
        ">Responsable de encuesta<",
        "Todas las áreas (sin límite)",
        ">Desactivar<",
    )
    assert ">activa<" in page
    changed = client.post(
        f"/manage/users/{other.id}/role",
        data={f"u{other.id}-role": "supervisor"},
        follow_redirects=True,
    )
    in_language(changed, "es", "El rol de ana@example.org ahora es: supervisor.")
    off = client.post(f"/manage/users/{other.id}/active", follow_redirects=True)
    in_language(off, "es", "La cuenta de ana@example.org ahora está desactivada.", ">Reactivar<")
    in_language(client.get("/manage/users/new"), "es", "Crear un usuario", "Contraseña temporal")
    wrong = client.post(
        "/manage/users/new",
        data={
            "email": "",
            "name": "x" * 201,
            "role": "analyst",
            "area": "0",
            "password": "corta",
            "confirm": "otra",
        },
    )
    in_language(
        wrong,
        "es",
        "Escriba un correo electrónico.",
        "Escriba como máximo 200 caracteres.",
        "La contraseña debe tener al menos 10 caracteres.",
        "Las dos contraseñas no coinciden.",
    )
    taken = client.post(
        "/manage/users/new",
        data={
            "email": "ana@example.org",
            "name": "Ana",
            "role": "analyst",
            "area": "0",
            "password": "abcdefghijk",
            "confirm": "abcdefghijk",
        },
    )
    page = in_language(taken, "es", "Ya existe un usuario con este correo electrónico.")
    assert 'lang="en"' not in page.split("\n", 2)[2]
    common = manager("fr", Role.administrator).post(
        "/manage/users/new",
        data={
            "email": "bea@example.org",
            "name": "Bea",
            "role": "analyst",
            "area": "0",
            "password": "password12345",
            "confirm": "password12345",
        },
    )
    in_language(
        common,
        "fr",
        "Ce mot de passe figure sur une liste de mots de passe courants",
    )


def test_devices_tokens_areas_and_audit_in_french(
    manager: Callable[..., FlaskClient], make_user: Callable[..., User]
) -> None:
    interviewer = make_user(Role.interviewer)
    client = manager("fr", Role.administrator)
    in_language(
        client.get(f"/manage/users/{interviewer.id}/devices"),
        "fr",
        "Appareils de l'application des enquêteurs",
        "Aucun appareil ne s'est connecté avec ce compte.",
        "figure une fois, sous le nom saisi à la connexion (deux tablettes",
        ">Dernière connexion (UTC)<",
        ">Connexions<",
    )
    bad = client.post(f"/manage/users/{interviewer.id}/devices/revoke", data={"token_id": "0"})
    in_language(client.get(bad.headers["Location"]), "fr", "Choisissez un appareil dans la liste.")
    in_language(
        client.get("/manage/tokens"),
        "fr",
        "Jetons de l'API de lecture",
        "Aucun jeton pour l'instant.",
        "Public\u00a0: vagues marquées publiques, édition publique seulement",
    )
    empty = client.post("/manage/tokens", data={"name": "", "scope": "public"})
    assert empty.status_code == 400
    assert "Donnez au jeton un nom qui dise qui le détient." in html.unescape(
        empty.get_data(as_text=True)
    )
    made = client.post("/manage/tokens", data={"name": "Observatoire", "scope": "internal"})
    page = in_language(made, "fr", "Copiez le jeton maintenant", "a été créé pour Observatoire")
    assert ">interne<" in page and ">toutes<" in page
    csv_file = (
        b"level,code,name,parent,population\ncountry,MX,Mexico,,\nregion,19,Nuevo Leon,MX,x\n"
    )
    wrong = client.post(
        "/manage/areas",
        data={"file": (io.BytesIO(csv_file), "areas.csv")},
        content_type="multipart/form-data",
    )
    in_language(
        wrong,
        "fr",
        "Le fichier a 1 problème\u00a0; rien n'a été ajouté",
        "Pas encore de zone.",
        "«\u00a0x\u00a0» n'est pas un nombre entier de personnes",
    )
    levels = client.post(
        "/manage/areas",
        data={
            "file": (
                io.BytesIO(b"level,code,name,parent\nmunicipality,039,Monterrey,\nstate,19,NL,\n"),
                "areas.csv",
            )
        },
        content_type="multipart/form-data",
    )
    in_language(
        levels,
        "fr",
        "Le fichier a 2 problèmes\u00a0; rien n'a été ajouté",
        "Une zone de niveau commune doit se trouver dans une zone de niveau région.",
        "«\u00a0state\u00a0» n'est pas l'un de country, region, municipality, neighbourhood",
    )
    good = client.post(
        "/manage/areas",
        data={"file": (io.BytesIO(csv_file.replace(b",x\n", b",\n")), "areas.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    in_language(good, "fr", "2 zones ajoutées.", ">pays<", ">région<", "Chemin des codes")
    in_language(client.get("/manage/audit"), "fr", "Journal d'audit", "Les 200 dernières actions")


def test_every_management_page_is_spanish(
    app: Flask,
    manager: Callable[..., FlaskClient],
    make_wave: Callable[..., Wave],
    make_user: Callable[..., User],
) -> None:
    """Each GET route of the manage blueprint and the other staff pages (the observatory's
    uploads), with data on them, shows no English word of :data:`ENGLISH` outside a
    ``lang="en"`` mark (a new route is walked too)."""
    wave = make_wave(status="draft", modes=["web", "tablet"], invitation_required=True)
    interviewer = make_user(Role.interviewer)
    client = manager("es", Role.administrator)
    assert _upload(client, wave, b"external_id\nH1\n").status_code == 302
    client.post("/manage/tokens", data={"name": "Observatorio", "scope": "public"})
    arguments: dict[str, Any] = {"wave_id": wave.id, "user_id": interviewer.id}
    walked = []
    with app.test_request_context():
        rules = [
            r
            for r in app.url_map.iter_rules()
            if (r.endpoint.startswith("manage.") or r.endpoint in STAFF_ENDPOINTS)
            and "GET" in (r.methods or ())
        ]
        paths = {
            r.endpoint: url_for(r.endpoint, **{a: arguments[a] for a in r.arguments}) for r in rules
        }
    for endpoint, path in sorted(paths.items()):
        in_language(client.get(path), "es")
        walked.append(endpoint)
    assert len(walked) >= 14 and "observatory.boundaries_page" in walked, walked


def test_a_forbidden_or_missing_page_says_so_in_the_staff_language(
    manager: Callable[..., FlaskClient],
) -> None:
    supervisor = manager("es", Role.supervisor)
    forbidden = supervisor.get("/manage/")
    page = forbidden.get_data(as_text=True)
    assert forbidden.status_code == 403 and page.startswith('<!doctype html>\n<html lang="es">')
    assert "No tiene permiso para ver esta página." in page and '<div lang="es">' in page
    assert "<title>Acceso denegado – " in page and "Ir a la página de inicio" in page
    missing = manager("pt").get("/manage/waves/999")
    page = missing.get_data(as_text=True)
    assert missing.status_code == 404 and '<html lang="pt">' in page
    assert "Esta página não existe. Verifique o endereço." in page
    # Without a language asked for, the page is as it was: English, marked English.
    english = manager("").get("/manage/waves/999").get_data(as_text=True)
    assert '<div lang="en">' in english and "This page does not exist." in english
    assert "Go to the home page" in english


@pytest.mark.parametrize(
    ("language", "separator"), [("es", ";"), ("pt", ";"), ("fr", ";"), ("en", ",")]
)
def test_invitation_codes_file_is_separated_as_excel_in_the_staff_language_reads_it(
    manager: Callable[..., FlaskClient],
    make_wave: Callable[..., Wave],
    language: str,
    separator: str,
) -> None:
    # Excel set up for Latin America (decimal comma) splits a CSV's columns at ';': a comma file
    # opened in one column, 'H1,Calle 1, 2,CO,ABCD...' in A1.
    wave = make_wave(invitation_required=True)
    client = manager(language)
    assert _upload(client, wave, b"external_id;address\nH1;Calle 1, 2\n").status_code == 302
    page = client.get(f"/manage/waves/{wave.id}/codes").get_data(as_text=True)
    assert re.search(rf'<option selected value="{re.escape(separator)}">', page), page
    response = client.post(f"/manage/waves/{wave.id}/codes", data={"expires_days": "0"})
    data = response.get_data()
    assert response.mimetype == "text/csv" and data.startswith("\ufeff".encode())
    header, row = data.decode("utf-8-sig").splitlines()
    assert header == separator.join(
        ["external_id", "address", "area_code", "invitation_code", "survey_link"]
    )
    assert row.startswith(
        f'H1{separator}"Calle 1, 2"{separator}' if separator == "," else "H1;Calle 1, 2;"
    )


def test_invitation_codes_file_does_not_hand_a_spreadsheet_formulas_from_the_sample(
    manager: Callable[..., FlaskClient], make_wave: Callable[..., Wave]
) -> None:
    # An address '=HYPERLINK(...)' in the office's sample file reached the codes CSV as it was:
    # Excel or LibreOffice opening it ran the formula (OWASP "CSV injection").
    wave = make_wave(invitation_required=True)
    client = manager("en")
    sample = b"external_id,address\n@H1,=HYPERLINK(A1)\nH2,-1 Main St\nH3,Main St 1\n"
    assert _upload(client, wave, sample).status_code == 302
    response = client.post(f"/manage/waves/{wave.id}/codes", data={"expires_days": "0"})
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    cells = {row[0]: row[1] for row in rows[1:]}
    assert cells == {"'@H1": "'=HYPERLINK(A1)", "H2": "'-1 Main St", "H3": "Main St 1"}


def test_a_sample_id_with_a_character_that_reorders_text_is_refused_in_french(
    manager: Callable[..., FlaskClient], make_wave: Callable[..., Wave]
) -> None:
    wave = make_wave()
    page = _upload(manager("fr"), wave, "external_id\nH\u202e1\n".encode()).get_data(as_text=True)
    assert (
        "contient un caractère invisible qui change l&#39;ordre du texte (U+202E)\u00a0:" in page
    ), page


def test_invitation_codes_file_takes_the_separator_chosen_on_the_form(
    manager: Callable[..., FlaskClient], make_wave: Callable[..., Wave]
) -> None:
    wave = make_wave(invitation_required=True)
    client = manager("es")
    assert _upload(client, wave, b"external_id\nH1\n").status_code == 302
    response = client.post(
        f"/manage/waves/{wave.id}/codes", data={"expires_days": "0", "separator": ","}
    )
    assert response.get_data(as_text=True).lstrip("\ufeff").startswith("external_id,address,")
    wrong = client.post(
        f"/manage/waves/{wave.id}/codes", data={"expires_days": "0", "separator": "|"}
    )
    assert wrong.status_code == 200 and wrong.mimetype == "text/html"
