"""Survey management: waves, sample units, invitation codes, dashboards, users."""

from . import fieldwork as _fieldwork  # noqa: F401  (its routes join the blueprint)
from . import tokens as _tokens  # noqa: F401  (its routes join the blueprint)
from .routes import bp

__all__ = ["bp"]
