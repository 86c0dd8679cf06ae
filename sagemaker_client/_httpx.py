"""The boundary with httpx: the clients' pools, responses in, exceptions mapped to values.

Every pool a client sends through has one interface, ``send(request, timeout)`` returning an
``HttpResponse`` or a ``TransportFailure``: ``_urllib3.Urllib3Pool``, ``_aiohttp.AiohttpPool``, and
here ``HttpxPool`` / ``AsyncHttpxPool`` around an httpx client (yours, or one made behind a proxy
or under trio). The drivers never look at which one they have.

Building an ``ssl.SSLContext`` loads the CA bundle (tens of milliseconds, and httpx builds one per
client even for ``http://``), so a process builds at most one verifying context, shared by every
client, and none at all while it only talks to ``http://`` endpoints.
"""

from __future__ import annotations

import os
import ssl
import threading
from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import TYPE_CHECKING, cast
from urllib.parse import urlsplit

import httpx

from sagemaker_client._config import TimeoutSetting
from sagemaker_client._core.http import (
    MAX_RESPONSE_BYTES,
    HttpRequest,
    HttpResponse,
    TransportFailure,
)

if TYPE_CHECKING:
    from sagemaker_client._aiohttp import AiohttpPool
    from sagemaker_client._urllib3 import Urllib3Pool

_PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy")
_contexts: dict[str, ssl.SSLContext] = {}
_contexts_lock = threading.Lock()


def _context(kind: str) -> ssl.SSLContext:
    context = _contexts.get(kind)
    if context is None:
        with _contexts_lock:
            context = _contexts.get(kind)
            if context is None:
                # httpx wants a context even for http://; that one loads no CA at all (it costs
                # nothing), yet still requires a verified certificate, so TLS with it would fail.
                context = _contexts[kind] = (
                    httpx.create_ssl_context()
                    if kind == "verifying"
                    else ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                )
    return context


def shared_ssl_context() -> ssl.SSLContext:
    """The process's one verifying context, as httpx builds it (certifi, or SSL_CERT_FILE/DIR)."""
    return _context("verifying")


def proxies_configured() -> bool:
    """Whether the environment names an HTTP proxy (which httpx would use)."""
    return any(os.environ.get(name) or os.environ.get(name.upper()) for name in _PROXY_VARIABLES)


def ssl_context_for(endpoint_url: str) -> ssl.SSLContext:
    """The context a pool for ``endpoint_url`` needs: the verifying one unless TLS is never used.

    An ``http://`` endpoint never uses TLS unless a proxy from the environment might (an
    ``https://`` proxy), so only then does it get the verifying context.
    """
    if urlsplit(endpoint_url).scheme == "https" or proxies_configured():
        return shared_ssl_context()
    return _context("plain-http")


def new_client(endpoint_url: str, timeout: httpx.Timeout) -> HttpxPool | Urllib3Pool:
    """The sync client's own pool: urllib3 (an ``httpx.Client`` if a proxy is configured)."""
    if proxies_configured():
        return HttpxPool(
            httpx.Client(
                timeout=timeout, follow_redirects=False, verify=ssl_context_for(endpoint_url)
            )
        )
    from sagemaker_client._urllib3 import Urllib3Pool

    return Urllib3Pool(endpoint_url)


def new_async_client(endpoint_url: str, timeout: httpx.Timeout) -> AsyncHttpxPool | AiohttpPool:
    """The async client's own pool: aiohttp under asyncio, else httpx.

    httpx's async pool does work over every open connection on every request, which made it
    slower than aiobotocore at 64 concurrent calls; see docs/decisions/0004-async-transport.md.
    httpx stays in charge under other event loops (trio) and when the environment names a proxy
    (aiohttp would look the proxy up again in a worker thread on every request).
    """
    import sniffio

    try:
        library = sniffio.current_async_library()
    except sniffio.AsyncLibraryNotFoundError:
        library = "asyncio"
    if library == "asyncio" and not proxies_configured():
        from sagemaker_client._aiohttp import AiohttpPool

        return AiohttpPool(endpoint_url)
    return AsyncHttpxPool(
        httpx.AsyncClient(
            timeout=timeout, follow_redirects=False, verify=ssl_context_for(endpoint_url)
        )
    )


def to_timeout(setting: TimeoutSetting) -> httpx.Timeout:
    """The httpx timeout for a client setting (a number applies to every phase)."""
    if isinstance(setting, httpx.Timeout):
        return setting
    return httpx.Timeout(setting)


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

    @property
    def is_closed(self) -> bool:
        """True once the httpx client is closed (by the SDK, or by you if it is yours)."""
        return self.client.is_closed

    def close(self) -> None:
        """Close the httpx client."""
        self.client.close()

    def send(self, request: HttpRequest, timeout: httpx.Timeout) -> HttpResponse | TransportFailure:
        """Send one request and read the whole response; failures come back as values."""
        body = BodyLimit()
        try:
            with self.client.stream(
                request.method,
                request.url,
                headers=request.headers,
                content=request.body,
                timeout=timeout,
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

    @property
    def is_closed(self) -> bool:
        """True once the httpx client is closed (by the SDK, or by you if it is yours)."""
        return self.client.is_closed

    async def aclose(self) -> None:
        """Close the httpx client."""
        await self.client.aclose()

    async def send(
        self, request: HttpRequest, timeout: httpx.Timeout
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
                    timeout=timeout,
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
