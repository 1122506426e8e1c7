"""Observatory: indicators and status reports by wave and area, downloads, administrative uploads."""

from . import evaluation as _evaluation  # noqa: F401  (its routes join bp)
from . import microdata as _microdata  # noqa: F401  (its routes join bp)
from . import regional as _regional  # noqa: F401  (its routes join bp)
from .routes import api_bp, bp

__all__ = ["api_bp", "bp"]
