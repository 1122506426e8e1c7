"""The respondent web survey (/s/...): see surveyapp/docs/respond.md."""

from . import assets, entry, hooks, html, options, routes  # noqa: F401 - importing them registers them on bp
from .blueprint import bp

__all__ = ["bp"]
