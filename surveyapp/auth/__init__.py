"""Staff login, logout and role checks."""

from .decorators import role_required
from .routes import bp

__all__ = ["bp", "role_required"]
