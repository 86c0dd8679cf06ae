"""Every operation: the SDK reads a random valid response the way botocore's parser does.

For each operation of the IR, hypothesis draws a valid output (``diff_strategies``) and encodes it
as the service would (JSON, timestamps as epoch seconds, blobs in base64). The SDK's sync client
receives it through an ``httpx.MockTransport``; botocore's JSON parser parses the same bytes. The
SDK's model, read back into wire names, must equal botocore's dict (without ``ResponseMetadata``):
timestamps as the same instant, enums by value, blobs as the same bytes. A required member the
body leaves out may come back as the SDK's zero value: only members in the body are compared.
"""

from __future__ import annotations

import base64
import datetime
import enum
import json
from typing import Any

import attrs
import botocore.parsers
import httpx
import pytest
from diff_strategies import SETTINGS, structure_values, to_sdk_kwargs
from diff_support import (
    botocore_operation,
    first_difference,
    operation_names,
    operations,
    structures,
)
from hypothesis import given
from hypothesis import strategies as st

from sagemaker_client import SageMakerClient

REQUEST_ID = "2f6e8a4c-0d1b-4e55-9a7e-5c3b1f0d9e21"
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


class Responder:
    """A mock transport that answers every request with ``body`` (status 200)."""

    def __init__(self) -> None:
        self.body = b"{}"

    def __call__(self, request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": "application/x-amz-json-1.1", "x-amzn-RequestId": REQUEST_ID}
        return httpx.Response(200, content=self.body, headers=headers)


@pytest.fixture(scope="module")
def sdk() -> Any:
    responder = Responder()
    client = SageMakerClient(
        region="us-east-1",
        endpoint_url="https://sagemaker.test",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
        max_attempts=1,
        validate=False,
        http_client=httpx.Client(transport=httpx.MockTransport(responder)),
    )
    yield client, responder
    client.close()


PARSER = botocore.parsers.create_parser("json")


def _to_json(value: Any) -> Any:
    """A wire value as the service sends it: epoch-second timestamps, base64 blobs."""
    if isinstance(value, dict):
        return {key: _to_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_to_json(item) for item in value]
    if isinstance(value, datetime.datetime):
        delta = value - _EPOCH
        return delta.total_seconds() if delta.microseconds else delta.days * 86_400 + delta.seconds
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def _from_sdk(value: Any, sent: Any) -> Any:
    """The SDK's value in wire names, keeping only the members ``sent`` (the body) holds."""
    if attrs.has(type(value)):
        out = {}
        for field in attrs.fields(type(value)):
            member = getattr(value, field.name)
            wire = field.metadata["wire"]
            if member is None:
                continue
            if wire not in sent and field.default is attrs.NOTHING:
                continue  # a required member the body left out: the SDK's zero value
            out[wire] = _from_sdk(member, sent.get(wire))
        return out
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list):
        items = sent if isinstance(sent, list) else []
        return [
            _from_sdk(item, items[i] if i < len(items) else None) for i, item in enumerate(value)
        ]
    if isinstance(value, dict):
        entries = sent if isinstance(sent, dict) else {}
        return {key: _from_sdk(item, entries.get(key)) for key, item in value.items()}
    return value


@pytest.mark.parametrize("name", operation_names())
@SETTINGS
@given(data=st.data())
def test_response_reads_as_botocore_reads_it(sdk: Any, name: str, data: st.DataObject) -> None:
    client, responder = sdk
    operation = operations()[name]
    output_shape = botocore_operation(name).output_shape
    if operation.output in structures():
        wire = data.draw(structure_values(operation.output), label="response")
    else:
        wire = {}
    body = json.dumps(_to_json(wire)).encode()
    responder.body = body

    params = data.draw(structure_values(operation.input), label="params")
    result = getattr(client, operation.method_name)(**to_sdk_kwargs(operation.input, params))
    ours = {} if result is None else _from_sdk(result, wire)

    if output_shape is None:
        theirs: dict[str, Any] = {}
    else:
        response = {
            "body": body,
            "headers": {"x-amzn-requestid": REQUEST_ID},
            "status_code": 200,
        }
        theirs = PARSER.parse(response, output_shape)
        assert theirs.pop("ResponseMetadata")["RequestId"] == REQUEST_ID
    difference = first_difference(ours, theirs)
    assert difference is None, f"{name}: response differs at {difference}"
