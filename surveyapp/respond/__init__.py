"""The respondent web survey (/s/...): see surveyapp/docs/respond.md."""

from . import entry, routes  # noqa: F401 - importing them registers their views on bp
from .blueprint import bp

__all__ = ["bp"]
