"""Field work: the interviewer app (offline on tablets) and the field pages."""

from . import app as _app  # noqa: F401  (registers the app's routes on bp)
from . import appointments as _appointments  # noqa: F401
from . import dashboard as _dashboard  # noqa: F401  (the supervisors' pages, on bp too)
from . import review as _review  # noqa: F401
from .routes import bp

__all__ = ["bp"]
