"""Names a package exports from its submodules, imported the first time they are used.

A package's ``__init__`` lists ``{name: submodule}`` once; ``tests/test_public_names.py``
resolves every name of every ``__all__``, so a wrong entry fails there, not at a user's.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(package: str, exports: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``exports[name]`` is the submodule
    (relative, e.g. ``".object"``) that defines ``name``, or ``"." + name`` when ``name``
    is that submodule itself."""
    namespace = importlib.import_module(package).__dict__

    def __getattr__(name: str) -> Any:  # noqa: N807 - a module __getattr__
        submodule = exports.get(name)
        if submodule is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = importlib.import_module(submodule, package)
        value = module if submodule == "." + name else getattr(module, name)
        namespace[name] = value  # later look-ups skip this function
        return value

    return __getattr__
