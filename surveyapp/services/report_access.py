"""Who may see which report: the observatory's access policy, apart from request handling.

Analysts, survey managers and administrators see every non-draft wave,
internal (every estimate, flagged) or public edition; anyone, logged in or
not, sees the public edition of waves marked public. Staff limited to an area
(``User.area_id``) see internal results of that area and the areas below it
only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import sqlalchemy as sa

from ..models import Role, User, Wave, WaveStatus
from . import DBSession
from .areas import walk_up
from .reports import AreaNode, ReportError, area_index

#: Who may see internal results and every wave (administrators always may).
OBSERVATORY_ROLES = (Role.analyst, Role.survey_manager)
#: Who may upload police records and census totals.
UPLOAD_ROLES = (Role.survey_manager,)

#: Why a report is refused: no such (visible) wave or area, not logged in, not allowed.
Refusal = Literal["not_found", "login", "forbidden"]


class ReportRefused(Exception):
    """The user may not see what was asked; ``reason`` says how to answer."""

    def __init__(self, reason: Refusal) -> None:
        super().__init__(reason)
        self.reason: Refusal = reason


@dataclass(frozen=True)
class AreaAccess:
    """The area asked for, whether the user may see its internal edition, and the edition served."""

    area: AreaNode
    internal: bool
    public: bool


def is_staff(user: User | None) -> bool:
    return user is not None and user.has_role(*OBSERVATORY_ROLES)


def can_upload(user: User | None) -> bool:
    return user is not None and user.has_role(*UPLOAD_ROLES)


def visible_waves(session: DBSession, user: User | None) -> list[Wave]:
    """Non-draft waves: all of them for staff, the public ones for everybody else; newest first."""
    query = sa.select(Wave).where(Wave.status != WaveStatus.draft)
    if not is_staff(user):
        query = query.where(Wave.public_report.is_(True))
    return list(session.scalars(query.order_by(Wave.created_at.desc(), Wave.id.desc())))


def in_scope(session: DBSession, user: User, area: AreaNode) -> bool:
    """Whether a staff member limited to an area may see internal results of ``area``."""
    if user.area_id is None:
        return True
    return any(node.id == user.area_id for node in walk_up(area_index(session), area.id))


def check_wave(user: User | None, wave: Wave | None) -> Wave:
    """The wave if the user may see some edition of it; ReportRefused otherwise."""
    staff = is_staff(user)
    if wave is None or (wave.status is WaveStatus.draft and not staff):
        raise ReportRefused("not_found")
    if not staff and not wave.public_report:
        raise ReportRefused("login" if user is None else "forbidden")
    return wave


def check_area(
    session: DBSession, user: User | None, wave: Wave, key: str, *, want_public: bool
) -> AreaAccess:
    """The area ``key`` of a wave the user may see (:func:`check_wave`) and the edition to serve."""
    from .report_build import find_area  # the report stack loads with the first report request

    try:
        area = find_area(session, wave, key)
    except ReportError:
        raise ReportRefused("not_found") from None
    staff = is_staff(user)
    internal = staff and user is not None and in_scope(session, user, area)
    if staff and not internal and not wave.public_report:
        raise ReportRefused("forbidden")
    return AreaAccess(area, internal, not internal or want_public)
