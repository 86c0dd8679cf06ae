"""Driving the sync and the async client alike, and checking what the server received."""

from __future__ import annotations

import hashlib
import hmac
import inspect
import re
from typing import Any

import attrs
from fault_server import FaultServer, Received

from sagemaker_client import AsyncSageMakerClient, SageMakerClient
from sagemaker_client._core.specs import OperationSpec

REGION = "us-east-1"
ACCESS_KEY = "AKIDFAULTTEST"
SECRET_KEY = "fault-secret-key-0123456789abcdefghij"
SESSION_TOKEN = "fault-session-token-ZYXWVUT9876543210"

ENDPOINT_BODY = {
    "EndpointName": "ep",
    "EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep",
    "EndpointConfigName": "cfg",
    "EndpointStatus": "InService",
    "CreationTime": 1700000000,
    "LastModifiedTime": 1700000100.5,
}


@attrs.frozen(kw_only=True)
class CreateThingInput:
    """A hand-written input with an idempotency token (the seed models have none)."""

    thing_name: str = attrs.field(metadata={"wire": "ThingName", "min": 1, "max": 63})
    client_token: str | None = attrs.field(
        default=None, metadata={"wire": "ClientToken", "idempotency_token": True}
    )


@attrs.frozen(kw_only=True)
class CreateThingOutput:
    thing_arn: str | None = attrs.field(default=None, metadata={"wire": "ThingArn"})


CREATE_THING = OperationSpec(name="CreateThing", input=CreateThingInput, output=CreateThingOutput)


class Caller:
    """Builds clients of one kind pointed at the fault server and calls them from async tests."""

    def __init__(self, kind: str, server: FaultServer) -> None:
        self.kind = kind
        self.is_async = kind == "async"
        self.server = server
        self.client_class = AsyncSageMakerClient if self.is_async else SageMakerClient
        self._clients: list[Any] = []

    def client(self, **kwargs: Any) -> Any:
        settings: dict[str, Any] = {
            "region": REGION,
            "endpoint_url": self.server.url,
            "aws_access_key_id": ACCESS_KEY,
            "aws_secret_access_key": SECRET_KEY,
            "timeout": 5.0,
        }
        settings.update(kwargs)
        client = self.client_class(**settings)
        self._clients.append(client)
        return client

    async def call(self, client: Any, method: str, **kwargs: Any) -> Any:
        result = getattr(client, method)(**kwargs)
        if inspect.isawaitable(result):
            result = await result
        return result

    async def describe(self, client: Any) -> Any:
        return await self.call(client, "describe_endpoint", endpoint_name="ep")

    async def invoke(self, client: Any, operation: OperationSpec[Any, Any], params: Any) -> Any:
        result = client._invoke(operation, params)
        if inspect.isawaitable(result):
            result = await result
        return result

    async def fails(self, client: Any, method: str = "describe_endpoint", **kwargs: Any) -> Any:
        """The exception a call raises (the test fails if it returns)."""
        kwargs = kwargs or {"endpoint_name": "ep"}
        try:
            await self.call(client, method, **kwargs)
        except Exception as exc:  # noqa: BLE001 - the error is the result under test
            return exc
        raise AssertionError(f"{method} did not fail")

    async def close(self, client: Any) -> None:
        if self.is_async:
            await client.aclose()
        else:
            client.close()

    async def close_all(self) -> None:
        for client in self._clients:
            await self.close(client)


# -- an independent SigV4 check (not the SDK's signer, not botocore's) ----------------------

_AUTH = re.compile(
    r"AWS4-HMAC-SHA256 Credential=(?P<key>[^/]+)/(?P<scope>[^,]+), "
    r"SignedHeaders=(?P<signed>[^,]+), Signature=(?P<signature>[0-9a-f]{64})"
)


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def signature_is_valid(request: Received, secret: str = SECRET_KEY) -> bool:
    """Recompute the request's SigV4 signature from what arrived on the wire."""
    match = _AUTH.fullmatch(request.headers["authorization"])
    assert match, request.headers["authorization"]
    signed = match["signed"].split(";")
    assert {"host", "x-amz-date", "x-amz-target", "content-type"} <= set(signed)
    canonical_headers = "".join(
        f"{name}:{' '.join(request.headers[name].split())}\n" for name in signed
    )
    canonical_request = "\n".join(
        [
            request.method,
            request.path,
            "",
            canonical_headers,
            match["signed"],
            hashlib.sha256(request.body).hexdigest(),
        ]
    )
    date, region, service, terminator = match["scope"].split("/")
    assert request.headers["x-amz-date"].startswith(date)
    string_to_sign = "\n".join(
        [
            "AWS4-HMAC-SHA256",
            request.headers["x-amz-date"],
            match["scope"],
            hashlib.sha256(canonical_request.encode()).hexdigest(),
        ]
    )
    key = _hmac(("AWS4" + secret).encode(), date)
    for part in (region, service, terminator):
        key = _hmac(key, part)
    expected = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, match["signature"])


def attempts(server: FaultServer) -> list[str]:
    """The ``amz-sdk-request`` header of every request received."""
    return [request.headers["amz-sdk-request"] for request in server.requests]
