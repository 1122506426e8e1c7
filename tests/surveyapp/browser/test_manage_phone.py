"""The management pages in Spanish on a 360 px phone: the longer Spanish labels and buttons
wrap, the page never scrolls sideways, wide tables scroll inside named regions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from surveyapp.models import Role, User, Wave

from ...conftest import TEST_PASSWORD
from .conftest import staff_login  # type: ignore[import-not-found]

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}

MEASURE = """() => ({
  pageWidth: document.documentElement.scrollWidth,
  lang: document.documentElement.lang,
  heading: document.querySelector('h1').textContent.trim(),
  wider: [...document.querySelectorAll('body *')]
    .filter(e => !e.closest('.table-wrapper') && e.getBoundingClientRect().right > innerWidth + 1)
    .map(e => e.tagName + '.' + e.className).slice(0, 5),
  wrappers: [...document.querySelectorAll('.table-wrapper')].map(w => ({
    tabindex: w.getAttribute('tabindex'), role: w.getAttribute('role'),
    label: w.getAttribute('aria-label') || '',
  })),
})"""


def test_the_management_pages_fit_a_360_px_phone_in_spanish(
    live_server: str,
    browser: Any,
    make_user: Callable[..., User],
    make_wave: Callable[..., Wave],
    tmp_path: Path,
) -> None:
    admin = make_user(Role.administrator)
    wave = make_wave(status="draft", modes=["web", "tablet"], invitation_required=True)
    # a long address: it is the heading of the password reset page, one unbreakable word
    interviewer = make_user(
        Role.interviewer, email="encuestadora.municipal@observatorio-de-seguridad.example.org"
    )
    pages = {
        "/manage/": "Levantamientos",
        "/manage/waves/new": "Crear un levantamiento",
        f"/manage/waves/{wave.id}": wave.name,
        f"/manage/waves/{wave.id}/sample": "Importar unidades de muestra",
        f"/manage/waves/{wave.id}/codes": "Códigos de invitación",
        f"/manage/waves/{wave.id}/assign": "Asignación de encuestadores",
        "/manage/users": "Usuarios",
        "/manage/users/new": "Crear un usuario",
        f"/manage/users/{interviewer.id}/devices": "Dispositivos de la aplicación de encuestadores",
        f"/manage/users/{interviewer.id}/password": "Restablecer la contraseña de",
        "/manage/tokens": "Tokens de la API de lectura",
        "/manage/areas": "Áreas",
        "/manage/audit": "Registro de auditoría",
        # the observatory's administrative-data pages are staff pages too
        "/observatory/uploads": "Datos administrativos",
        "/observatory/uploads/boundaries": "Límites de las áreas",
    }
    context = browser.new_context(viewport=PHONE, locale="es-MX")
    page = context.new_page()
    try:
        staff_login(page, live_server, admin.email, TEST_PASSWORD)
        for path, heading in pages.items():
            page.goto(f"{live_server}{path}")
            found = page.evaluate(MEASURE)
            assert found["lang"] == "es" and found["heading"].startswith(heading), (path, found)
            assert found["pageWidth"] <= PHONE["width"], (path, found)
            assert found["wider"] == [], (path, found)
            for wrapper in found["wrappers"]:
                assert wrapper["tabindex"] == "0" and wrapper["role"] == "region", path
                assert wrapper["label"], path
            page.screenshot(
                path=str(tmp_path / f"{path.strip('/').replace('/', '-')}.png"), full_page=True
            )
    finally:
        context.close()
