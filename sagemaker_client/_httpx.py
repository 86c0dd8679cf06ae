"""The boundary with httpx: clients' pools over an httpx client, exceptions mapped to values.

Every pool a client sends through has one interface, ``send(request, timeouts)`` returning an
``HttpResponse`` or a ``TransportFailure``: ``_urllib3.Urllib3Pool``, ``_aiohttp.AiohttpPool``, and
here ``HttpxPool`` / ``AsyncHttpxPool`` around an httpx client (yours, or one made behind a proxy
or under trio, see ``_pools.py``). The drivers never look at which one they have. This module is
imported only when an httpx client is used.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import cast

import httpx

from sagemaker_client._core.http import (
    MAX_RESPONSE_BYTES,
    HttpRequest,
    HttpResponse,
    Timeouts,
    TransportFailure,
)
from sagemaker_client._tls import ssl_context_for


@functools.lru_cache(maxsize=16)
def to_httpx_timeout(timeouts: Timeouts) -> httpx.Timeout:
    """The same four phases as an ``httpx.Timeout`` (cached: a client sends with one or two)."""
    return httpx.Timeout(
        connect=timeouts.connect, read=timeouts.read, write=timeouts.write, pool=timeouts.pool
    )


def to_response(
    response: httpx.Response, body: bytes | None = None, *, truncated: bool = False
) -> HttpResponse:
    """An httpx response as a core value, with its body read already or passed in ``body``."""
    return HttpResponse(
        status_code=response.status_code,
        headers={key.lower(): value for key, value in response.headers.items()},
        body=response.content if body is None else body,
        body_truncated=truncated,
    )


class BodyLimit:
    """Collects a streamed body, up to ``MAX_RESPONSE_BYTES``."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.size = 0
        self.truncated = False

    def take(self, chunk: bytes) -> bool:
        """Keep ``chunk``; False once past the limit (stop reading: the connection is dropped)."""
        self.size += len(chunk)
        if self.size > MAX_RESPONSE_BYTES:
            self.truncated = True
            return False
        self.chunks.append(chunk)
        return True

    def response(self, response: httpx.Response) -> HttpResponse:
        """The core value for ``response`` with the body collected."""
        return to_response(response, b"".join(self.chunks), truncated=self.truncated)


class HttpxPool:
    """An ``httpx.Client`` behind the pools' interface; the body is streamed up to the limit."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    @classmethod
    def create(cls, endpoint_url: str, timeouts: Timeouts) -> HttpxPool:
        """A pool over a new ``httpx.Client`` of the SDK's own (it honours proxy variables)."""
        return cls(
            httpx.Client(
                timeout=to_httpx_timeout(timeouts),
                follow_redirects=False,
                verify=ssl_context_for(endpoint_url),
            )
        )

    @property
    def is_closed(self) -> bool:
        """True once the httpx client is closed (by the SDK, or by you if it is yours)."""
        return self.client.is_closed

    def close(self) -> None:
        """Close the httpx client."""
        self.client.close()

    def send(self, request: HttpRequest, timeouts: Timeouts) -> HttpResponse | TransportFailure:
        """Send one request and read the whole response; failures come back as values."""
        body = BodyLimit()
        try:
            with self.client.stream(
                request.method,
                request.url,
                headers=request.headers,
                content=request.body,
                timeout=to_httpx_timeout(timeouts),
            ) as response:
                for chunk in response.iter_bytes():
                    if not body.take(chunk):
                        break
        except (httpx.HTTPError, OSError) as exc:
            return to_failure(exc)
        return body.response(response)


class AsyncHttpxPool:
    """An ``httpx.AsyncClient`` behind the pools' interface (see ``HttpxPool``)."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    @classmethod
    def create(cls, endpoint_url: str, timeouts: Timeouts) -> AsyncHttpxPool:
        """A pool over a new ``httpx.AsyncClient`` of the SDK's own."""
        return cls(
            httpx.AsyncClient(
                timeout=to_httpx_timeout(timeouts),
                follow_redirects=False,
                verify=ssl_context_for(endpoint_url),
            )
        )

    @property
    def is_closed(self) -> bool:
        """True once the httpx client is closed (by the SDK, or by you if it is yours)."""
        return self.client.is_closed

    async def aclose(self) -> None:
        """Close the httpx client."""
        await self.client.aclose()

    async def send(
        self, request: HttpRequest, timeouts: Timeouts
    ) -> HttpResponse | TransportFailure:
        """Send one request and read the whole response; failures come back as values."""
        body = BodyLimit()
        try:
            async with (
                self.client.stream(
                    request.method,
                    request.url,
                    headers=request.headers,
                    content=request.body,
                    timeout=to_httpx_timeout(timeouts),
                ) as response,
                # httpx types it as an iterator; it is an async generator, closed at once here
                aclosing(cast("AsyncGenerator[bytes, None]", response.aiter_bytes())) as chunks,
            ):
                async for chunk in chunks:
                    if not body.take(chunk):
                        break
        except (httpx.HTTPError, OSError) as exc:
            return to_failure(exc)
        return body.response(response)


def to_failure(exc: Exception) -> TransportFailure:
    """An httpx (or socket) exception as a transport failure the core can decide on."""
    if isinstance(exc, httpx.TimeoutException):
        return TransportFailure("timeout", f"timed out ({type(exc).__name__}: {exc})")
    if isinstance(exc, httpx.ConnectError):
        return TransportFailure("connect", f"could not connect ({exc})")
    if isinstance(exc, httpx.RemoteProtocolError | httpx.DecodingError):
        return TransportFailure("protocol", f"broken response ({type(exc).__name__}: {exc})")
    return TransportFailure("connection", f"connection failed ({type(exc).__name__}: {exc})")
