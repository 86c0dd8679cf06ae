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

import logging
from typing import TYPE_CHECKING

from sagemaker_client._core.errors import SageMakerError
from sagemaker_client._core.lazy import LazyNamespace
from sagemaker_client._version import __version__

if TYPE_CHECKING:
    from sagemaker_client._generated.async_client import AsyncSageMakerClient
    from sagemaker_client._generated.client import SageMakerClient

__all__ = ["AsyncSageMakerClient", "SageMakerClient", "SageMakerError", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())

# The clients load on first access: ``import sagemaker_client`` stays cheap.
__getattr__ = LazyNamespace(
    __name__,
    {"AsyncSageMakerClient": "async_client", "SageMakerClient": "client"},
    globals(),
    base="sagemaker_client._generated",
).get


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
