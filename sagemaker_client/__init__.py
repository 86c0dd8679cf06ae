"""A typed, sync and async Python SDK for the Amazon SageMaker control-plane API.

>>> from sagemaker_client import SageMakerClient
>>> with SageMakerClient(region="us-east-1") as sagemaker:
...     for model in sagemaker.paginate_list_models():
...         print(model.model_name)

Models and enums live in ``sagemaker_client.models``, errors in ``sagemaker_client.errors``.
The clients load on first use, so importing the package stays cheap and the sync client never
loads the async stack.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from sagemaker_client._core.errors import SageMakerError
from sagemaker_client._version import __version__

if TYPE_CHECKING:
    from sagemaker_client._generated.async_client import AsyncSageMakerClient
    from sagemaker_client._generated.client import SageMakerClient

__all__ = ["AsyncSageMakerClient", "SageMakerClient", "SageMakerError", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())

_LAZY = {
    "AsyncSageMakerClient": "sagemaker_client._generated.async_client",
    "SageMakerClient": "sagemaker_client._generated.client",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
