"""Survey management: waves, sample units, invitation codes, dashboards, users."""

from .routes import bp

__all__ = ["bp"]
