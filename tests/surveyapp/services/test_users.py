"""Staff accounts: creation rules, password checks, lockout."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from surveyapp.models import AuditLog, Role, User
from surveyapp.services.users import LoginOutcome, UserError, authenticate, create_user, set_active

PASSWORD = "a long enough password"


def _user(session: Session, email: str = "Ana@Example.org") -> User:
    return create_user(session, email=email, name="Ana", role=Role.supervisor, password=PASSWORD)


def test_email_is_normalised_and_password_hashed(session: Session) -> None:
    user = _user(session)
    assert user.email == "ana@example.org"
    assert PASSWORD not in user.password_hash
    assert user.check_password(PASSWORD) and not user.check_password("wrong password!")


@pytest.mark.parametrize(
    ("email", "password", "field"),
    [
        ("ANA@example.org", PASSWORD, "email"),
        ("not-an-email", PASSWORD, "email"),
        ("b@example.org", "short", "password"),
    ],
)
def test_bad_accounts_are_refused(session: Session, email: str, password: str, field: str) -> None:
    _user(session)
    with pytest.raises(UserError) as info:
        create_user(session, email=email, name="B", role=Role.analyst, password=password)
    assert info.value.field == field


def _login(session: Session, password: str, now: dt.datetime) -> LoginOutcome:
    return authenticate(
        session,
        "ana@example.org",
        password,
        max_failed=3,
        lockout=dt.timedelta(minutes=10),
        now=now,
    ).outcome


def test_lockout_after_failures_then_unlock(session: Session) -> None:
    _user(session)
    t0 = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
    assert _login(session, "wrong", t0) is LoginOutcome.bad_credentials
    assert _login(session, "wrong", t0) is LoginOutcome.bad_credentials
    assert _login(session, "wrong", t0) is LoginOutcome.locked
    # Even the right password is refused while locked.
    assert _login(session, PASSWORD, t0 + dt.timedelta(minutes=9)) is LoginOutcome.locked
    assert _login(session, PASSWORD, t0 + dt.timedelta(minutes=11)) is LoginOutcome.ok
    actions = session.scalars(sa.select(AuditLog.action).order_by(AuditLog.id)).all()
    assert (
        actions.count("user.login_failed") == 2
        and "user.locked" in actions
        and actions[-1] == "user.login"
    )


def test_locked_until_survives_a_round_trip_as_aware_utc(session: Session) -> None:
    user = _user(session)
    t0 = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
    for _ in range(3):
        _login(session, "wrong", t0)
    session.commit()
    session.expire_all()
    assert user.locked_until == t0 + dt.timedelta(minutes=10)
    assert user.locked_until.tzinfo is not None


def test_unknown_and_inactive_users_get_the_same_answer(session: Session) -> None:
    user = _user(session)
    set_active(session, user, False)
    now = dt.datetime.now(dt.UTC)
    assert _login(session, PASSWORD, now) is LoginOutcome.bad_credentials
    assert (
        authenticate(
            session, "nobody@example.org", PASSWORD, max_failed=3, lockout=dt.timedelta(minutes=1)
        ).outcome
        is LoginOutcome.bad_credentials
    )
