"""Every model (attrs class) and enum of the API, loaded on first use.

``from sagemaker_client.models import ProductionVariant, EndpointStatus`` works as usual; each name
is imported from its own module on first access, so this module loads no model by itself. Static
type checkers and IDEs see every name through the ``TYPE_CHECKING`` import below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sagemaker_client._generated import models as _models

if TYPE_CHECKING:
    from sagemaker_client._generated.models import *  # noqa: F403

__all__ = _models.__all__


def __getattr__(name: str) -> Any:
    value = getattr(_models, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return list(__all__)
