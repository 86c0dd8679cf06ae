"""For every operation, the request the SDK sends equals what botocore serializes.

botocore is the oracle: each operation's input model is filled with a value in every member
(nested models, lists, maps, enums included), sent through the SDK over a capturing
``httpx.MockTransport``, and the same values, given to botocore's own client with wire names
and native Python types, are captured at ``before-send``. Bodies must be equal as JSON, and the
method, path, ``X-Amz-Target`` and ``Content-Type`` the same.
"""

from __future__ import annotations

import datetime
import enum
import json
import types
import typing
from typing import Any

import attrs
import botocore.session
import httpx
import pytest
from botocore.awsrequest import AWSResponse
from botocore.config import Config

from sagemaker_client import SageMakerClient
from sagemaker_client._core.specs import OperationSpec
from sagemaker_client._generated import operations
from sagemaker_client.models import resolve_types

OPERATIONS = sorted(
    (value for value in vars(operations).values() if isinstance(value, OperationSpec)),
    key=lambda spec: spec.name,
)


def _example(tp: Any, name: str, depth: int = 0) -> Any:
    """A deterministic value of type ``tp`` for a member called ``name``.

    Every member is filled down to a depth of 4; below it only required ones, so recursive
    shapes (``SearchExpression``) end.
    """
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        enums = [arg for arg in options if isinstance(arg, type) and issubclass(arg, enum.Enum)]
        return _example(enums[0] if enums else options[0], name, depth)
    if origin is list:
        return [_example(typing.get_args(tp)[0], name, depth)]
    if origin is dict:
        return {"key-1": _example(typing.get_args(tp)[1], name, depth)}
    if attrs.has(tp):
        resolve_types(tp)
        return tp(
            **{
                field.name: _example(field.type, field.name, depth + 1)
                for field in attrs.fields(tp)
                if depth < 4 or field.default is attrs.NOTHING
            }
        )
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return list(tp)[-1]
    if tp is bool:
        return True
    if tp is int:
        return 7
    if tp is float:
        return 0.25
    if tp is datetime.datetime:
        return datetime.datetime(2024, 5, 6, 7, 8, 9, 500000, tzinfo=datetime.timezone.utc)
    if tp is str:
        return f"example-{name}-0123456789abcdef"
    if tp is Any:
        return {"free": "form"}
    raise AssertionError(f"no example for {tp!r}")


def _as_botocore_params(value: Any) -> Any:
    """The same values as botocore takes them: wire names, plain str for enums."""
    if attrs.has(type(value)):
        return {
            field.metadata["wire"]: _as_botocore_params(getattr(value, field.name))
            for field in attrs.fields(type(value))
            if getattr(value, field.name) is not None
        }
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list):
        return [_as_botocore_params(item) for item in value]
    if isinstance(value, dict):
        return {key: _as_botocore_params(item) for key, item in value.items()}
    return value


def _botocore_request(operation: str, params: dict[str, Any]) -> Any:
    session = botocore.session.get_session()
    client = session.create_client(
        "sagemaker",
        region_name="us-east-1",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
        endpoint_url="https://api.sagemaker.us-east-1.amazonaws.com",
        # The example values ignore the model's ranges; only serialization is compared here.
        config=Config(parameter_validation=False),
    )
    captured: list[Any] = []

    def capture(request: Any, **_: Any) -> AWSResponse:
        captured.append(request)
        return AWSResponse(request.url, 200, {}, _EmptyRaw())

    client.meta.events.register("before-send.sagemaker", capture)
    method = getattr(client, botocore.xform_name(operation))
    try:
        method(**params)
    except Exception:
        if not captured:  # botocore refused the parameters themselves
            raise
    assert captured, f"botocore sent nothing for {operation}"
    return captured[0]


def _text(value: str | bytes) -> str:
    return value.decode() if isinstance(value, bytes) else value


class _EmptyRaw:
    def stream(self, **_: Any) -> Any:
        yield b"{}"


def _sdk_request(spec: OperationSpec[Any, Any], params: Any) -> httpx.Request:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    with SageMakerClient(
        region="us-east-1",
        endpoint_url="https://api.sagemaker.us-east-1.amazonaws.com",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
        validate=False,
    ) as client:
        method = getattr(client, botocore.xform_name(spec.name))
        method(**{field.name: getattr(params, field.name) for field in attrs.fields(type(params))})
    assert len(seen) == 1
    return seen[0]


@pytest.mark.parametrize("spec", OPERATIONS, ids=lambda spec: spec.name)
def test_request_equals_botocore(spec: OperationSpec[Any, Any]) -> None:
    params = _example(spec.input_type, spec.name)
    ours = _sdk_request(spec, params)
    theirs = _botocore_request(spec.name, _as_botocore_params(params))

    assert json.loads(ours.content) == json.loads(theirs.body)
    assert ours.method == theirs.method == "POST"
    assert ours.url.path == "/"
    theirs_headers = {key.lower(): _text(value) for key, value in theirs.headers.items()}
    assert (
        ours.headers["X-Amz-Target"] == theirs_headers["x-amz-target"] == f"SageMaker.{spec.name}"
    )
    assert ours.headers["Content-Type"] == theirs_headers["content-type"]
    assert ours.headers["Authorization"].startswith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
    assert "/us-east-1/sagemaker/aws4_request" in ours.headers["Authorization"]


def test_every_botocore_operation_is_covered() -> None:
    model = botocore.session.get_session().get_service_model("sagemaker")
    assert [spec.name for spec in OPERATIONS] == sorted(model.operation_names)
