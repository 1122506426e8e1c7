"""The field supervision pages in the staff language: Spanish, Portuguese, French, English by default."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from surveyapp.models import Role, User

from .conftest import UUID, Field
from .test_supervision_api import household

#: English words of the supervision pages and the staff frame that a Spanish page must not show,
#: nor anything marked English. (The instrument's labels and the AAPOR rate names are not the
#: templates'; the flags are tested with data that raises them, in test_dashboard.py.)
ENGLISH = (
    '<span lang="en">',
    "proportional allocation",
    "counted as eligible",
    "unit disposition",
    "non-contact",
    "refusal or break-off",
    "Skip to main content",
    "Staff menu",
    ">Field work<",
    ">Log out",
    ">Password<",
    ">Sessions<",
    "Victimization survey",
    "Citizen victimization",
    "interviews to review",
    "Interviews to review",
    "quality control",
    "Quality control",
    "No open wave collects",
    "Rates follow AAPOR",
    "Nothing is flagged",
    "By interviewer",
    "Figures per",
    "Per day",
    "Outcomes per day",
    "Time of day",
    "Interviews per local hour",
    "Review state",
    ">any<",
    ">anyone<",
    ">Show<",
    "Received interviews",
    ">Household<",
    ">Interviewer<",
    ">Outcome<",
    ">Last received<",
    ">received<",
    ">completed<",
    "No interview matches",
    "Household and selected adult",
    "eligible adults",
    "(selected)",
    "Household roster",
    "Draws:",
    "Answers with question",
    "Paradata",
    "Started, ended",
    " minutes<",
    "Longest questions",
    "Every revision received",
    "Saved on the device",
    "Answers changed",
    ">Decision<",
    "Comment for the interviewer",
    "Needed to reject",
    "Question concerned",
    ">Approve<",
    "Reject and send back",
    "Back to the list",
    ">the wave<",
    ">no area<",
)


def _supervisor(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> FlaskClient:
    client = field.app.test_client()
    assert login(client, make_user(Role.supervisor)).status_code == 302
    return client


def _english_left(page: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in page]


def test_every_supervision_page_is_spanish_when_the_browser_asks_for_it(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    assert field.put(body=field.body(household=household(field))).status_code == 201
    client = _supervisor(field, make_user, login)
    spanish = {"Accept-Language": "es-419,es;q=0.9,en;q=0.5"}
    pages = {
        "/fieldwork/": "Trabajo de campo",
        f"/fieldwork/waves/{field.wave.id}/quality": "Control de calidad",
        f"/fieldwork/waves/{field.wave.id}/review": "Entrevistas por revisar",
        f"/fieldwork/interviews/{UUID}": "Hogar y adulto seleccionado",
    }
    for path, words in pages.items():
        response = client.get(path, headers=spanish)
        page = response.get_data(as_text=True)
        assert response.status_code == 200, path
        assert page.startswith('<!doctype html>\n<html lang="es">'), path
        assert words in page and "Cerrar sesión" in page, path
        assert _english_left(page) == [], path
    one = client.get(f"/fieldwork/interviews/{UUID}", headers=spanish).get_data(as_text=True)
    assert "3 adultos elegibles" in one and "(seleccionada)" in one
    assert "Devolver para corregir" in one and "Comentario para el encuestador" in one
    # The observatory opens in the language of the page the link is on.
    assert '<a href="/observatory/?lang=es">Observatorio</a>' in one


def test_the_pages_stay_english_without_a_choice_and_follow_lang_links(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    client = _supervisor(field, make_user, login)
    listing = f"/fieldwork/waves/{field.wave.id}/review"
    english = client.get(listing).get_data(as_text=True)
    assert '<html lang="en">' in english and "Interviews to review" in english
    # The switch opens this same page, its filters (a repeated one too) kept, in each language.
    uuids = [UUID, "00000000-0000-4000-8000-000000000000"]
    query = "?status=received&uuid=" + "&uuid=".join(uuids)
    filtered = client.get(listing + query).get_data(as_text=True)
    links = {
        code: html.unescape(href)
        for href, code in re.findall(r'<a href="([^"]+)" lang="(\w\w)" hreflang', filtered)
    }
    assert set(links) == {"es", "pt", "fr"}
    for code, href in links.items():
        assert href.startswith(listing + "?"), href
        assert "status=received" in href and f"lang={code}" in href
        assert all(f"uuid={u}" in href for u in uuids)
    french = client.get(links["fr"]).get_data(as_text=True)
    assert '<html lang="fr">' in french and "Entretiens à contrôler" in french
    # French puts a no-break space before a colon ("Vague\u00a0: à contrôler").
    index = client.get("/fieldwork/").get_data(as_text=True)
    assert f"{field.wave.name}\u00a0: <a" in index, index
    # The choice stays for the next pages, without ?lang=.
    client.get(links["pt"])
    portuguese = client.get("/fieldwork/").get_data(as_text=True)
    assert '<html lang="pt">' in portuguese and "Trabalho de campo" in portuguese


def test_sending_an_interview_back_is_confirmed_in_spanish(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    assert field.put().status_code == 201
    client = _supervisor(field, make_user, login)
    client.get(f"/fieldwork/interviews/{UUID}?lang=es")
    done = client.post(
        f"/fieldwork/interviews/{UUID}/review",
        data={"reject": "Reject", "comment": "Pregunte de nuevo", "item": "safe_dark"},
        follow_redirects=True,
    )
    page = done.get_data(as_text=True)
    assert done.status_code == 200 and '<html lang="es">' in page
    assert "Devuelta al encuestador con su comentario." in page
    assert "devuelta para corregir" in page  # the review state in the list
    assert _english_left(page) == []


def test_a_rejection_without_a_comment_is_refused_in_spanish(
    field: Field, make_user: Callable[..., User], login: Callable[..., Any]
) -> None:
    assert field.put().status_code == 201
    client = _supervisor(field, make_user, login)
    client.get(f"/fieldwork/interviews/{UUID}?lang=es")
    refused = client.post(
        f"/fieldwork/interviews/{UUID}/review",
        data={"reject": "Reject", "comment": " "},
        follow_redirects=True,
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200 and '<html lang="es">' in page
    assert "Diga qué debe corregir el encuestador." in html.unescape(page)
    assert "Say what the interviewer" not in page and _english_left(page) == []
