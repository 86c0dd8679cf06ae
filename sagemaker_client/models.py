"""Every model (attrs class) and enum of the API, loaded on first use.

``from sagemaker_client.models import ProductionVariant, EndpointStatus`` works as usual; static
type checkers and IDEs see every name through the ``TYPE_CHECKING`` imports below.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sagemaker_client._generated.enums import *  # noqa: F403
    from sagemaker_client._generated.models import *  # noqa: F403

_SOURCES = ("sagemaker_client._generated.models", "sagemaker_client._generated.enums")


def __getattr__(name: str) -> Any:
    if name == "__all__":
        return __dir__()
    for source in _SOURCES:
        module = importlib.import_module(source)
        if name in module.__all__:
            value = getattr(module, name)
            globals()[name] = value
            return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({name for source in _SOURCES for name in importlib.import_module(source).__all__})
