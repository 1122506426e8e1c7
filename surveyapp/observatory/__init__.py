"""Observatory: indicators, reports and administrative uploads (to be built out)."""

from .routes import bp

__all__ = ["bp"]
