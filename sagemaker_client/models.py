"""Every model (attrs class) and enum of the API, loaded on first use.

``from sagemaker_client.models import ProductionVariant, EndpointStatus`` works as usual; each name
is imported from its own module on first access, so this module loads no model by itself. Static
type checkers and IDEs see every name through the ``TYPE_CHECKING`` import below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from sagemaker_client._generated import models as _models

if TYPE_CHECKING:
    from sagemaker_client._generated.models import *  # noqa: F403

__all__ = _models.__all__

_T = TypeVar("_T", bound=type)


def resolve_types(cls: _T) -> _T:
    """Resolve the field types of the model ``cls`` for real, and return it.

    The generated modules import nested models and enums only for type checkers, so the runtime
    loads a class only when data holds it; their annotations are strings naming classes that the
    module's globals do not hold, and ``typing.get_type_hints(cls)`` on its own raises
    ``NameError``. Afterwards ``attrs.fields(cls)`` and ``typing.get_type_hints(cls)`` give the
    real classes (the nested classes are imported now; call this for each class you inspect).
    """
    from sagemaker_client._core import types

    return types.resolve_types(cls)


def __getattr__(name: str) -> Any:
    value = getattr(_models, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return [*__all__, "resolve_types"]
