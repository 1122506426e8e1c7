"""Two-factor authentication for staff: TOTP (RFC 6238, any authenticator app) and recovery codes.

Enrolment: :func:`start_enrolment` stores a new secret (not yet in force) and
gives the ``otpauth://`` URI, shown as a QR code (segno, SVG); :func:`confirm_enrolment`
puts it in force when a first code from the app matches, and returns ten
recovery codes, shown once and stored as SHA-256 only. At login, :func:`verify`
accepts a current code (one step of clock drift either way) that was never
accepted before, or an unused recovery code. Every change is in the audit log.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

import pyotp
import segno
import sqlalchemy as sa

from ..models import User, utcnow
from ..models.users import RecoveryCode
from ..service_texts import Problem
from . import DBSession, audit
from .users import UserError

#: Issuer shown in the authenticator app next to the account's email.
ISSUER = "surveyapp"
RECOVERY_CODES = 10
#: Letters and digits without look-alikes, as for invitation codes.
_ALPHABET = "23456789ACDEFGHJKMNPQRTWXYZ"


class TwoFactorError(UserError):
    """A code or request that cannot be accepted; ``field`` names the form field."""


def provisioning_uri(user: User) -> str:
    """The ``otpauth://`` URI of the user's pending or active secret."""
    if user.totp_secret is None:
        raise TwoFactorError("code", Problem("twofactor_not_started"))
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The URI as an inline SVG QR code (no external request, works under a strict CSP)."""
    return str(segno.make(uri, error="m").svg_inline(scale=4))


def start_enrolment(session: DBSession, user: User) -> str:
    """Store a new secret for ``user`` (not in force until confirmed); return the URI."""
    if user.has_two_factor:
        raise TwoFactorError("code", Problem("twofactor_already_on"))
    user.totp_secret = pyotp.random_base32()
    user.totp_last_step = None
    session.flush()
    return provisioning_uri(user)


def _step_of(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step ``code`` belongs to (now, or one before or after), or None."""
    digits = "".join(ch for ch in code if not ch.isspace())
    if not (digits.isascii() and digits.isdigit() and len(digits) == 6):
        return None
    totp = pyotp.TOTP(secret)
    moment = time.time() if now is None else now
    current = int(moment // totp.interval)
    for step in (current, current - 1, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), digits):
            return step
    return None


def confirm_enrolment(
    session: DBSession, user: User, code: str, *, now: float | None = None
) -> list[str]:
    """Put the pending secret in force when ``code`` matches; return new recovery codes."""
    if user.totp_secret is None or user.has_two_factor:
        raise TwoFactorError("code", Problem("twofactor_not_started"))
    step = _step_of(user.totp_secret, code, now)
    if step is None:
        raise TwoFactorError("code", Problem("twofactor_code_mismatch"))
    user.totp_enabled_at = utcnow()
    user.totp_last_step = step
    codes = _new_recovery_codes(session, user)
    audit.record(session, "user.2fa_enable", user=user, object_type="user", object_id=user.id)
    return codes


def _normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def hash_recovery_code(code: str) -> str:
    return hashlib.sha256(_normalise(code).encode("ascii", "ignore")).hexdigest()


def _new_recovery_codes(session: DBSession, user: User) -> list[str]:
    session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    session.add_all(
        RecoveryCode(user_id=user.id, code_hash=hash_recovery_code(c), created_at=utcnow())
        for c in codes
    )
    session.flush()
    return codes


def verify(session: DBSession, user: User, code: str, *, now: float | None = None) -> bool:
    """Accept a fresh TOTP code or an unused recovery code (used up); record the outcome."""
    if not user.has_two_factor or user.totp_secret is None:
        return False
    step = _step_of(user.totp_secret, code, now)
    if step is not None and (user.totp_last_step is None or step > user.totp_last_step):
        user.totp_last_step = step
        session.flush()
        audit.record(session, "user.2fa_ok", user=user, object_type="user", object_id=user.id)
        return True
    if step is None and len(_normalise(code)) == 10:
        row = session.scalar(
            sa.select(RecoveryCode).where(
                RecoveryCode.user_id == user.id,
                RecoveryCode.code_hash == hash_recovery_code(code),
                RecoveryCode.used_at.is_(None),
            )
        )
        if row is not None:
            row.used_at = utcnow()
            session.flush()
            left = unused_recovery_codes(session, user)
            audit.record(
                session,
                "user.2fa_recovery_code",
                user=user,
                object_type="user",
                object_id=user.id,
                details={"left": left},
            )
            return True
    audit.record(session, "user.2fa_failed", user=user, object_type="user", object_id=user.id)
    return False


def unused_recovery_codes(session: DBSession, user: User) -> int:
    return int(
        session.scalar(
            sa.select(sa.func.count(RecoveryCode.id)).where(
                RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
            )
        )
        or 0
    )


def new_recovery_codes(session: DBSession, user: User) -> list[str]:
    """Replace the user's recovery codes (the old ones stop working)."""
    if not user.has_two_factor:
        raise TwoFactorError("code", Problem("twofactor_off"))
    codes = _new_recovery_codes(session, user)
    audit.record(
        session, "user.2fa_new_recovery_codes", user=user, object_type="user", object_id=user.id
    )
    return codes


def disable(session: DBSession, user: User, *, by: User | None) -> None:
    """Turn two-factor authentication off (the caller checks the role allows it; ``by`` None:
    the command line, after a lost phone)."""
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    session.flush()
    audit.record(session, "user.2fa_disable", user=by, object_type="user", object_id=user.id)
