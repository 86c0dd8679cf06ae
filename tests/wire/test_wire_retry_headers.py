"""A retried call carries the same retry headers as botocore's standard mode sends.

botocore is the oracle: its client (standard retry mode, 3 attempts) and ours both get a 503 with
a ``Date`` header and then a 200; each attempt's ``amz-sdk-request`` must be equal, the
invocation id constant within a call, and the signed header names the same.
"""

from __future__ import annotations

import types
import uuid
from typing import Any

import botocore.retries.standard
import botocore.session
import httpx
from botocore.awsrequest import AWSResponse
from botocore.config import Config

from sagemaker_client import SageMakerClient, _client_state

DATE = "Mon, 01 Jan 2024 00:00:00 GMT"


def _text(value: str | bytes) -> str:
    return value.decode() if isinstance(value, bytes) else value


class _Raw:
    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_: Any) -> Any:
        yield self.body


def _botocore_attempts(monkeypatch: Any) -> list[dict[str, str]]:
    monkeypatch.setattr(
        botocore.retries.standard.ExponentialBackoff, "delay_amount", lambda self, context: 0
    )
    client = botocore.session.get_session().create_client(
        "sagemaker",
        region_name="us-east-1",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
        endpoint_url="https://api.sagemaker.us-east-1.amazonaws.com",
        config=Config(retries={"mode": "standard", "total_max_attempts": 3}),
    )
    seen: list[dict[str, str]] = []

    def answer(request: Any, **_: Any) -> AWSResponse:
        seen.append({k.lower(): _text(v) for k, v in request.headers.items()})
        if len(seen) == 1:
            return AWSResponse(request.url, 503, {"Date": DATE}, _Raw(b""))
        return AWSResponse(request.url, 200, {"Date": DATE}, _Raw(b"{}"))

    client.meta.events.register("before-send.sagemaker", answer)
    client.list_models()
    return seen


def _our_attempts(monkeypatch: Any) -> list[dict[str, str]]:
    monkeypatch.setattr(_client_state, "random", types.SimpleNamespace(random=lambda: 0.0))
    seen: list[dict[str, str]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append({k.lower(): v for k, v in request.headers.items()})
        if len(seen) == 1:
            return httpx.Response(503, content=b"", headers={"Date": DATE})
        return httpx.Response(200, content=b"{}", headers={"Date": DATE})

    with SageMakerClient(
        region="us-east-1",
        endpoint_url="https://api.sagemaker.us-east-1.amazonaws.com",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
        http_client=httpx.Client(transport=httpx.MockTransport(answer)),
    ) as client:
        client.list_models()
    return seen


def _signed(headers: dict[str, str]) -> list[str]:
    return headers["authorization"].split("SignedHeaders=")[1].split(",")[0].split(";")


def test_retry_headers_equal_botocores(monkeypatch):
    theirs = _botocore_attempts(monkeypatch)
    ours = _our_attempts(monkeypatch)
    assert len(ours) == len(theirs) == 2
    assert [h["amz-sdk-request"] for h in ours] == [h["amz-sdk-request"] for h in theirs]
    assert [h["amz-sdk-request"] for h in ours] == [
        "attempt=1; max=3",
        "ttl=20240101T000100Z; attempt=2; max=3",
    ]
    for attempts in (ours, theirs):
        ids = {h["amz-sdk-invocation-id"] for h in attempts}
        assert len(ids) == 1
        assert uuid.UUID(ids.pop()).version == 4
    assert [_signed(h) for h in ours] == [_signed(h) for h in theirs]
