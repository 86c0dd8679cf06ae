"""A recorded MockTransport service, and an adapter driving sync and async clients alike."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from typing import Any

import httpx

from sagemaker_client import AsyncSageMakerClient, SageMakerClient

ENDPOINT = "https://sagemaker.test"
ACCESS_KEY = "AKIDTEST"
SECRET_KEY = "test-secret-key-value"


def json_response(body: Any, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(
        status,
        content=json.dumps(body).encode(),
        headers={
            "x-amzn-requestid": "req-1",
            "content-type": "application/x-amz-json-1.1",
            **headers,
        },
    )


def error_response(code: str, message: str, status: int = 400) -> httpx.Response:
    return json_response({"__type": code, "message": message}, status)


class Recorder:
    """A MockTransport handler: answers from a list (or a function) and records every request."""

    def __init__(self, replies: list[Any] | Callable[[httpx.Request], Any]) -> None:
        self.replies = replies
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        if callable(self.replies):
            reply = self.replies(request)
        else:
            reply = self.replies[min(len(self.requests), len(self.replies)) - 1]
        if isinstance(reply, BaseException):
            raise reply
        if isinstance(reply, type) and issubclass(reply, BaseException):
            raise reply("simulated", request=request)
        return reply

    def bodies(self) -> list[Any]:
        return [json.loads(request.content) for request in self.requests]


class Adapter:
    """Calls a sync or an async client the same way from an async test."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.is_async = kind == "async"
        self.client_class = AsyncSageMakerClient if self.is_async else SageMakerClient
        self.http_clients: list[Any] = []

    def http_client(self, handler: Callable[[httpx.Request], httpx.Response]) -> Any:
        transport = httpx.MockTransport(handler)
        http = (
            httpx.AsyncClient(transport=transport)
            if self.is_async
            else httpx.Client(transport=transport)
        )
        self.http_clients.append(http)
        return http

    def client(
        self, handler: Callable[[httpx.Request], httpx.Response] | None = None, **kwargs: Any
    ) -> Any:
        settings: dict[str, Any] = {
            "region": "us-east-1",
            "endpoint_url": ENDPOINT,
            "aws_access_key_id": ACCESS_KEY,
            "aws_secret_access_key": SECRET_KEY,
        }
        settings.update(kwargs)
        if handler is not None:
            settings["http_client"] = self.http_client(handler)
        return self.client_class(**settings)

    async def call(self, client: Any, method: str, **kwargs: Any) -> Any:
        result = getattr(client, method)(**kwargs)
        if inspect.isawaitable(result):
            result = await result
        return result

    async def items(self, paginator: Any) -> list[Any]:
        if self.is_async:
            return [item async for item in paginator]
        return list(paginator)

    async def pages(self, paginator: Any) -> list[Any]:
        if self.is_async:
            return [page async for page in paginator.pages()]
        return list(paginator.pages())

    async def close(self, client: Any) -> None:
        if self.is_async:
            await client.aclose()
        else:
            client.close()

    async def close_http(self) -> None:
        for http in self.http_clients:
            if self.is_async:
                await http.aclose()
            else:
                http.close()
