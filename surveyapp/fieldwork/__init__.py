"""Field work: interviewers' and supervisors' pages (to be built out)."""

from .routes import bp

__all__ = ["bp"]
