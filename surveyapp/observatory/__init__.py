"""Observatory: indicators and status reports by wave and area, downloads, administrative uploads."""

from .routes import api_bp, bp

__all__ = ["api_bp", "bp"]
