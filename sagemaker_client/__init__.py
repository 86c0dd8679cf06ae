"""A typed, sync and async Python SDK for the Amazon SageMaker control-plane API.

>>> from sagemaker_client import SageMakerClient
>>> with SageMakerClient(region="us-east-1") as sagemaker:
...     for model in sagemaker.paginate_list_models():
...         print(model.model_name)

Models and enums live in ``sagemaker_client.models``, errors in ``sagemaker_client.errors``.
"""

from sagemaker_client._core.errors import SageMakerError
from sagemaker_client._generated.async_client import AsyncSageMakerClient
from sagemaker_client._generated.client import SageMakerClient
from sagemaker_client._version import __version__

__all__ = ["AsyncSageMakerClient", "SageMakerClient", "SageMakerError", "__version__"]
