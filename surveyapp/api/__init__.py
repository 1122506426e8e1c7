"""The JSON API (health checks now; sync endpoints for tablets later)."""

from .routes import bp

__all__ = ["bp"]
