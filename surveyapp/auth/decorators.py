"""``role_required``: the authorization check on every staff route."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import abort
from flask_login import current_user

from ..extensions import login_manager
from ..models import Role

F = TypeVar("F", bound=Callable[..., Any])


def role_required(*roles: Role) -> Callable[[F], F]:
    """Let through logged-in users with one of ``roles`` (administrators always).

    Anonymous users are sent to the login page (401 JSON for API clients);
    logged-in users without the role get 403.
    """

    def decorator(view: F) -> F:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_roles = frozenset(roles) | {Role.administrator}  # type: ignore[attr-defined]
        return cast(F, wrapped)

    return decorator
