"""What the sync and async family tests share: settings of the emulator and moto's gaps."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator

import pytest
from moto.sagemaker.responses import SageMakerResponse

from sagemaker_client.errors import ServiceError

REGION = "us-east-1"
ROLE_ARN = "arn:aws:iam::123456789012:role/SageMakerRole"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1"
PIPELINE_DEFINITION = json.dumps(
    {
        "Version": "2020-12-01",
        "Parameters": [{"Name": "Epochs", "Type": "Integer", "DefaultValue": 1}],
        "Steps": [],
    }
)


@contextlib.contextmanager
def skip_if_not_emulated(operation: str, method: str) -> Iterator[None]:
    """Skip when moto's server answers ``operation`` with its not-implemented failure.

    moto 5.2.5's server lets the ``NotImplementedError`` of an action its ``SageMakerResponse``
    lacks escape as an HTML ``500 Internal Server Error``; the SDK turns that into a plain
    ``ServiceError`` with code ``HTTP500``. Only that answer, for an action moto really lacks,
    skips; any other failure fails the test.
    """
    try:
        yield
    except ServiceError as error:
        if (
            type(error) is ServiceError
            and error.status_code == 500
            and error.code == "HTTP500"
            and not hasattr(SageMakerResponse, method)
        ):
            pytest.skip(f"moto 5.2.5 does not emulate {operation}")
        raise
