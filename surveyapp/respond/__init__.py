"""The respondent web survey (/s/...): see surveyapp/docs/respond.md."""

from .routes import bp

__all__ = ["bp"]
