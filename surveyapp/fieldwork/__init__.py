"""Field work: the interviewer app (offline on tablets) and the field pages."""

from . import app as _app  # noqa: F401  (registers the app's routes on bp)
from .routes import bp

__all__ = ["bp"]
