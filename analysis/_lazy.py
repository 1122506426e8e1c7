"""Names a package imports on first access (PEP 562), so importing it stays fast.

A package lists where each of its public names lives and asks for the two
module hooks::

    _HOMES = {"SurveyDesign": "analysis.design", "cached_table": ".parsed"}
    __getattr__, __dir__ = lazy_names(__name__, _HOMES)

A home starting with a dot is relative to the package. The first lookup of a
name imports its home and stores the value in the package, so later lookups
never reach the hook.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module


def lazy_names(
    package: str, homes: Mapping[str, str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """Return a package's ``__getattr__`` and ``__dir__`` for the names in ``homes``."""
    module = sys.modules[package]

    def __getattr__(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(home, package), name)
        setattr(module, name, value)  # later lookups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(module), *homes})

    return __getattr__, __dir__
