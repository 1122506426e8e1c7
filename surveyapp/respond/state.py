"""The respondent's place in the survey, kept in the signed session cookie.

The cookie holds only what identifies the respondent's own interview to the
server: its uuid, the wave, an invitation already checked (sample unit id),
a one-time start token and, for open-link interviews, the plain resume code
(the database stores only its hash). No answers, no address, no device data.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass

from flask import session

_KEY = "respond"


@dataclass
class RespondentState:
    """What the cookie remembers between requests."""

    interview: str | None = None  # uuid of the interview in progress
    wave: str | None = None  # slug of its wave (or of the wave an invitation is for)
    unit: int | None = None  # sample unit of a checked invitation code, before the interview starts
    token: str | None = (
        None  # start token: becomes the new interview's uuid, so a re-post is recognised
    )
    resume_code: str | None = None  # plain resume code of an open-link interview, to show again
    done: str | None = None  # slug of the wave just completed, for the thank-you page
    language: str | None = None  # language of the interview just completed


def load() -> RespondentState:
    stored = session.get(_KEY)
    if not isinstance(stored, dict):
        return RespondentState()
    known = RespondentState.__dataclass_fields__
    return RespondentState(**{k: v for k, v in stored.items() if k in known})


def store(state: RespondentState) -> None:
    session[_KEY] = {k: v for k, v in asdict(state).items() if v is not None}


def clear() -> None:
    """Forget the interview on this device (the answers stay saved)."""
    session.pop(_KEY, None)
    session.pop("csrf_token", None)


def start_token(state: RespondentState) -> str:
    """The start token of this browser (a uuid4 text), created on first use."""
    if state.token is None:
        state.token = str(uuid.uuid4())
        store(state)
    return state.token
