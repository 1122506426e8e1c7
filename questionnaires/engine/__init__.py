"""The interview engine: pages, answers, skip logic and validation over an instrument.

See questionnaires/docs/engine.md.
"""

from .interview import FieldError, Interview, ItemView, Page, PageNotFound, PipedText
from .validation import AnswerProblem, validate_answers

__all__ = [
    "AnswerProblem",
    "FieldError",
    "Interview",
    "ItemView",
    "Page",
    "PageNotFound",
    "PipedText",
    "validate_answers",
]
