"""A module namespace whose names are imported from submodules on first access (PEP 562)."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any


class LazyNamespace:
    """``__getattr__`` for a module: ``name`` comes from the module ``modules[name]`` under
    ``package`` (or under ``base`` when given).

    The value is stored in the package's globals on first access, so later lookups are plain
    attribute reads and this object is no longer consulted.
    """

    __slots__ = ("_base", "_modules", "_namespace", "_package")

    def __init__(
        self,
        package: str,
        modules: Mapping[str, str],
        namespace: dict[str, Any],
        *,
        base: str | None = None,
    ) -> None:
        self._package = package
        self._modules = modules
        self._namespace = namespace
        self._base = base or package

    def get(self, name: str) -> Any:
        """The attribute ``name``, imported now; ``AttributeError`` for an unknown name."""
        module = self._modules.get(name)
        if module is None:
            raise AttributeError(f"module {self._package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{self._base}.{module}"), name)
        self._namespace[name] = value
        return value
