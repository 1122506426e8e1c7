"""One tablet, two interviewers: interviewer A's work left on the tablet (sent, or unsent after a
login that a manager ended) is never shown to, continued by or sent as interviewer B, and an
interviewer who logs out and in again finds their households."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from surveyapp.extensions import db
from surveyapp.models import ApiToken, ContactAttempt, Role, SampleUnit, User

from ...conftest import TEST_PASSWORD  # type: ignore[import-not-found]
from . import test_field_app_browser as field_app  # type: ignore[attr-defined]
from .test_field_app_browser import (  # type: ignore[import-not-found]
    interview,
    log_in,
    record_visit,
    tablet_interviews,
    wait_for_state,
)

# The interviewer app's fixtures: the wave with three households for Ana, her tablet logged in.
chromium_profile = field_app.chromium_profile
field_wave = field_app.field_wave
tablet = field_app.tablet

pytestmark = pytest.mark.browser

STORED = """() => new Promise((resolve) => {
  const open = indexedDB.open('surveyapp-field');
  open.onsuccess = () => {
    const tx = open.result.transaction(['interviews', 'attempts']);
    const interviews = tx.objectStore('interviews').getAll();
    const attempts = tx.objectStore('attempts').getAll();
    tx.oncomplete = () => resolve({
      interviews: interviews.result.map((r) => [r.uuid, r.state]),
      attempts: attempts.result.map((a) => [a.uuid, a.state]),
    });
  };
})"""


def log_in_as(page: Any, email: str) -> None:
    """Fill the login form shown (after a logout, or a login that ended) and send it."""
    page.wait_for_selector("#password")
    page.fill("#email", email)
    page.fill("#password", TEST_PASSWORD)
    page.locator("form button[type=submit]").click()


def end_logins(app: Flask, by: User) -> None:
    """A manager ends every login (the tablet is offline or not looking)."""
    from surveyapp.services.fieldwork import revoke_token

    with app.app_context():
        manager = db.session.get(User, by.id)
        for token in db.session.scalars(sa.select(ApiToken)).all():
            revoke_token(db.session, token, by=manager)
        db.session.commit()


def give(app: Flask, external_id: str, to: User) -> None:
    with app.app_context():
        unit = db.session.scalar(sa.select(SampleUnit).where(SampleUnit.external_id == external_id))
        assert unit is not None
        unit.assigned_to_id = to.id
        db.session.commit()


def visits_on_server(app: Flask) -> list[tuple[str, str]]:
    with app.app_context():
        rows = db.session.execute(
            sa.select(SampleUnit.external_id, User.email)
            .join(ContactAttempt, ContactAttempt.sample_unit_id == SampleUnit.id)
            .join(User, User.id == ContactAttempt.interviewer_id)
        ).all()
        return sorted((unit, email) for unit, email in rows)


def test_an_interviewer_who_logs_out_and_in_again_finds_their_households(
    live_server: str, tablet: tuple[Any, Any]
) -> None:
    # The tag of the last download of the assignments outlived the logout that cleared them:
    # the next login's download was "not modified" and the list stayed empty until the
    # assignments changed on the server.
    context, page = tablet
    assert page.locator("li.card").count() == 3
    page.wait_for_selector("#send-now:not([disabled])")
    page.locator("#logout").click()
    page.wait_for_selector("#email")
    log_in(page, live_server)
    page.wait_for_selector("li.card")
    assert page.locator("li.card").count() == 3


def test_a_second_interviewer_never_sees_sends_or_continues_the_firsts_work(
    app: Flask,
    live_server: str,
    field_wave: dict[str, Any],
    tablet: tuple[Any, Any],
    make_user: Callable[..., User],
) -> None:
    bea = make_user(Role.interviewer, email="bea@example.org", name="Bea Otra")
    ana = field_wave["interviewer"]
    context, page = tablet
    interview(page, "T1")  # Ana's interview of T1, sent
    wait_for_state(page, "T1", "sent")
    [ana_t1] = tablet_interviews(app, field_wave["wave_id"])
    context.set_offline(True)
    record_visit(page, "T2", "no_contact")  # Ana's visit to T2, not sent
    end_logins(app, by=ana)
    give(app, "T1", bea)  # T1 is Bea's now
    context.set_offline(False)

    # Bea on the same tablet, Ana's visit still unsent: refused, nothing sent as Bea. (Before,
    # Bea logged in and the visit went with Bea's login.)
    log_in_as(page, "bea@example.org")
    error = page.locator("form .notice--error:not([hidden]), main .notice--error:not([hidden])")
    error.first.wait_for()
    said = error.first.inner_text()
    assert "another interviewer" in said and "must log in here and send it" in said, said
    page.wait_for_timeout(500)
    assert page.locator("#sync-panel").count() == 0
    assert visits_on_server(app) == []

    # Ana logs in again and her visit goes; she logs out.
    log_in_as(page, "ana@example.org")
    page.wait_for_selector("#sync-panel")
    page.locator("#send-now").click()
    page.wait_for_selector("#waiting-count:text('0 waiting to send')")
    assert visits_on_server(app) == [("T2", "ana@example.org")]
    page.locator("#logout").click()
    page.wait_for_selector("#email")

    # Bea: T1 is hers now. Ana's interview of it (still on the tablet) is not her card's state,
    # cannot be opened, and is not what "Start" continues.
    log_in_as(page, "bea@example.org")
    page.wait_for_selector('li.card[data-unit="T1"]')
    card = page.locator('li.card[data-unit="T1"]')
    assert card.get_attribute("data-state") == "none", card.inner_text()
    assert page.locator('li.card[data-unit="T2"]').count() == 0
    page.goto(f"{live_server}/fieldwork/app/#/i/{ana_t1['uuid']}")
    page.wait_for_selector("#sync-panel")
    assert page.locator("form.page").count() == 0
    assert "Calle T1 12" not in page.locator("#toast").inner_text()
    stored = page.evaluate(STORED)
    assert [state for _, state in stored["interviews"]] == ["sent"]  # Ana's, kept, untouched
    assert tablet_interviews(app, field_wave["wave_id"]) == [ana_t1]


def test_anothers_visit_left_on_the_tablet_is_not_sent_as_mine_nor_blocks_my_logout(
    app: Flask,
    live_server: str,
    field_wave: dict[str, Any],
    tablet: tuple[Any, Any],
    make_user: Callable[..., User],
) -> None:
    # A tablet where Bea logged in before the login checked visits holds Ana's visit, unsent.
    # It is not sent with Bea's login; it does not keep Bea from logging out (she could not
    # send it); the next login can only be Ana's, who sends it.
    make_user(Role.interviewer, email="bea@example.org", name="Bea Otra")
    ana = field_wave["interviewer"]
    context, page = tablet
    page.wait_for_selector("#send-now:not([disabled])")
    page.locator("#logout").click()
    log_in_as(page, "bea@example.org")
    page.wait_for_selector("#sync-panel")
    with app.app_context():
        t2 = db.session.scalar(sa.select(SampleUnit).where(SampleUnit.external_id == "T2"))
        assert t2 is not None
        unit_id = t2.id
    page.evaluate(
        """([interviewer, unit]) => new Promise((resolve) => {
      const open = indexedDB.open('surveyapp-field');
      open.onsuccess = () => {
        const tx = open.result.transaction('attempts', 'readwrite');
        tx.objectStore('attempts').put({
          uuid: '5d1c0e2a-1111-4c51-9a6e-1b2c3d4e5f60', sample_unit_id: unit,
          unit: { external_id: 'T2' }, interviewer_id: interviewer, state: 'outbox', server: null,
          body: { sample_unit_id: unit, attempted_at: '2026-12-07T09:00:00.000-05:00',
                  outcome: 'no_contact', note: null },
        });
        tx.oncomplete = () => resolve(true);
      };
    })""",
        [ana.id, unit_id],
    )
    page.locator("#send-now").click()
    page.wait_for_selector("#send-now:not([disabled])")
    assert visits_on_server(app) == []  # not sent as Bea
    assert page.locator("#waiting-count").inner_text() == "0 waiting to send"
    page.locator("#logout").click()
    page.wait_for_selector("#email")  # Bea logged out

    log_in_as(page, "bea@example.org")  # the tablet holds Ana's unsent visit: not Bea again
    page.locator("form .notice--error:not([hidden])").wait_for()
    log_in_as(page, "ana@example.org")
    page.wait_for_selector("#sync-panel")
    page.locator("#send-now").click()
    page.wait_for_selector("#waiting-count:text('0 waiting to send')")
    assert visits_on_server(app) == [("T2", "ana@example.org")]
