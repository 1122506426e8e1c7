"""The landing page: sends staff to the page for their role."""

from .routes import bp

__all__ = ["bp"]
