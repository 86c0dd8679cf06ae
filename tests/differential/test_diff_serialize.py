"""Every operation: the request the SDK sends for a random valid input equals botocore's.

For each operation of the IR, hypothesis draws a valid input (``diff_strategies``); the SDK's sync
client sends it over a capturing ``httpx.MockTransport``, and botocore's JSON serializer (with its
parameter validation) serializes the same parameters. The bodies must be equal as JSON (numbers
compared numerically), and ``X-Amz-Target`` and ``Content-Type`` the same.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import botocore.serialize
import httpx
import pytest
from diff_strategies import SETTINGS, structure_values, to_sdk_kwargs
from diff_support import botocore_operation, first_difference, operation_names, operations
from hypothesis import given
from hypothesis import strategies as st

from sagemaker_client import SageMakerClient


class Capture:
    """A mock transport that keeps the last request and answers 200 ``{}``."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, json={}, headers={"x-amzn-RequestId": "request-1"})


@pytest.fixture(scope="module")
def sdk() -> Any:
    capture = Capture()
    client = SageMakerClient(
        region="us-east-1",
        endpoint_url="https://sagemaker.test",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
        max_attempts=1,
        http_client=httpx.Client(transport=httpx.MockTransport(capture)),
    )
    yield client, capture
    client.close()


SERIALIZER = botocore.serialize.create_serializer("json", include_validation=True)


def _fill_idempotency_tokens(name: str, params: dict[str, Any], body: dict[str, Any]) -> None:
    """botocore's client fills a missing idempotency token with a fresh UUID: so must the SDK."""
    shape = botocore_operation(name).input_shape
    for member, member_shape in shape.members.items():
        if member_shape.metadata.get("idempotencyToken") and member not in params:
            assert member in body, f"{name}: the SDK did not fill the idempotency token {member}"
            uuid.UUID(body[member])  # raises unless it is a UUID
            params[member] = body[member]


@pytest.mark.parametrize("name", operation_names())
@SETTINGS
@given(data=st.data())
def test_request_equals_botocore(sdk: Any, name: str, data: st.DataObject) -> None:
    client, capture = sdk
    operation = operations()[name]
    params = data.draw(structure_values(operation.input), label="params")
    enums_as_str = data.draw(st.booleans(), label="enums_as_str")
    kwargs = to_sdk_kwargs(operation.input, params, enums_as_str=enums_as_str)

    capture.requests.clear()
    getattr(client, operation.method_name)(**kwargs)
    assert len(capture.requests) == 1, f"{name}: the SDK sent {len(capture.requests)} requests"
    ours = capture.requests[0]
    body = json.loads(ours.content)

    _fill_idempotency_tokens(name, params, body)
    theirs = SERIALIZER.serialize_to_request(params, botocore_operation(name))
    difference = first_difference(body, json.loads(theirs["body"]))
    assert difference is None, f"{name}: request body differs at {difference}"
    for header in ("X-Amz-Target", "Content-Type"):
        assert ours.headers[header] == theirs["headers"][header], (
            f"{name}: {header} is {ours.headers[header]!r}, botocore sends "
            f"{theirs['headers'][header]!r}"
        )
    assert ours.method == theirs["method"], f"{name}: method {ours.method}"
    assert ours.url.path == theirs["url_path"], f"{name}: path {ours.url.path}"
