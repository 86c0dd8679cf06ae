"""The local SageMaker emulator (moto's server on 127.0.0.1), one per test session."""

from __future__ import annotations

import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import boto3
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from emulator import running_emulator  # noqa: E402

from sagemaker_client import AsyncSageMakerClient, SageMakerClient  # noqa: E402

REGION = "us-east-1"
ROLE_ARN = "arn:aws:iam::123456789012:role/SageMakerRole"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


@pytest.fixture(scope="session")
def emulator_url() -> Iterator[str]:
    with running_emulator() as url:
        yield url


@pytest.fixture
def client(emulator_url: str) -> Iterator[SageMakerClient]:
    with SageMakerClient(region=REGION, endpoint_url=emulator_url, **CREDENTIALS) as sagemaker:
        yield sagemaker


@pytest.fixture
async def async_client(emulator_url: str) -> AsyncIterator[AsyncSageMakerClient]:
    async with AsyncSageMakerClient(
        region=REGION, endpoint_url=emulator_url, **CREDENTIALS
    ) as sagemaker:
        yield sagemaker


@pytest.fixture
def boto(emulator_url: str):  # type: ignore[no-untyped-def]
    """boto3 on the same emulator, for operations the seed description lacks (deletes, stops)."""
    return boto3.client("sagemaker", region_name=REGION, endpoint_url=emulator_url, **CREDENTIALS)


@pytest.fixture
def name() -> str:
    """A resource name no other test uses."""
    return f"it-{uuid.uuid4().hex[:12]}"
