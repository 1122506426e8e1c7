"""The expression language of instruments: an XLSForm-compatible XPath subset.

See ``questionnaires/docs/expressions.md`` for the language and its semantics.
"""

from .coercion import Value, format_number, is_blank, to_boolean, to_number, to_string
from .context import EvalContext, MappingContext
from .errors import ExpressionError, ExpressionSyntaxError
from .expression import Condition, Expression, condition, evaluate, parse
from .functions import FUNCTIONS
from .nodes import Binary, Call, Current, Negate, Node, Number, Parent, Reference, String, walk
from .unparse import unparse

__all__ = [
    "FUNCTIONS",
    "Binary",
    "Call",
    "Condition",
    "Current",
    "EvalContext",
    "Expression",
    "ExpressionError",
    "ExpressionSyntaxError",
    "MappingContext",
    "Negate",
    "Node",
    "Number",
    "Parent",
    "Reference",
    "String",
    "Value",
    "condition",
    "evaluate",
    "format_number",
    "is_blank",
    "parse",
    "to_boolean",
    "to_number",
    "to_string",
    "unparse",
    "walk",
]
