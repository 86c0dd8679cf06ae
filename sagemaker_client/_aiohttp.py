"""The boundary with aiohttp: the async client's own pool when it runs on asyncio.

httpx stays the interface users hand in (``http_client=``) and the pool under other event loops;
the pool an ``AsyncSageMakerClient`` creates for itself on asyncio is one aiohttp session, which
does constant work per request where httpx's async pool scans every open connection (see
docs/decisions/0004-async-transport.md). Like ``_httpx.py``, every aiohttp or socket exception
comes back as a ``TransportFailure`` value, so none leaks out.
"""

from __future__ import annotations

import asyncio
import functools
from urllib.parse import urlsplit

import aiohttp

from sagemaker_client._core.http import (
    MAX_RESPONSE_BYTES,
    HttpRequest,
    HttpResponse,
    Timeouts,
    TransportFailure,
)
from sagemaker_client._tls import shared_ssl_context

# httpx's defaults, so the pool behaves the same whichever library serves it.
MAX_CONNECTIONS = 100
KEEPALIVE_SECONDS = 5.0


class AiohttpPool:
    """An aiohttp session for one endpoint, opened on the first request (it needs the loop).

    A client used from a second event loop (say, two ``asyncio.run`` calls) gets a fresh session
    there: the first one's connections belong to a loop that no longer runs.
    """

    def __init__(self, endpoint_url: str) -> None:
        self._https = urlsplit(endpoint_url).scheme == "https"
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False

    @property
    def is_closed(self) -> bool:
        """True once ``aclose`` was called."""
        return self._closed

    async def send(
        self, request: HttpRequest, timeouts: Timeouts
    ) -> HttpResponse | TransportFailure:
        """Send one request and read the whole response; failures come back as values."""
        session = self._session
        if session is None or self._loop is not asyncio.get_running_loop():
            session = self._open()
        try:
            async with session.request(
                request.method,
                request.url,
                headers=request.headers,
                data=request.body,
                allow_redirects=False,
                timeout=to_client_timeout(timeouts),
            ) as response:
                body, truncated = await _read_limited(response)
                headers = {key.lower(): value for key, value in response.headers.items()}
        except (aiohttp.ClientError, asyncio.TimeoutError, TimeoutError, OSError) as exc:
            return to_failure(exc)
        return HttpResponse(
            status_code=response.status, headers=headers, body=body, body_truncated=truncated
        )

    async def aclose(self) -> None:
        """Close the session's connections (idempotent)."""
        self._closed = True
        session, self._session = self._session, None
        if session is not None and self._loop is asyncio.get_running_loop():
            await session.close()

    def _open(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            limit=MAX_CONNECTIONS,
            keepalive_timeout=KEEPALIVE_SECONDS,
            # aiohttp's own default context would serve http:// (it never uses it); https://
            # gets the process's shared context, the CA bundle httpx would have used.
            ssl=shared_ssl_context() if self._https else True,
        )
        # trust_env would look up proxies and .netrc in a worker thread on every request; the
        # pool is only used when no proxy is configured, and httpx reads no .netrc either.
        self._session = aiohttp.ClientSession(connector=connector, trust_env=False)
        self._loop = asyncio.get_running_loop()
        return self._session


async def _read_limited(response: aiohttp.ClientResponse) -> tuple[bytes, bool]:
    """The body, or its first ``MAX_RESPONSE_BYTES`` and True (the rest is never read)."""
    length = response.content_length
    if length is not None and length <= MAX_RESPONSE_BYTES:
        return await response.read(), False
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.content.iter_any():
        if size + len(chunk) > MAX_RESPONSE_BYTES:
            chunks.append(chunk[: MAX_RESPONSE_BYTES - size])
            # The rest is never read: the connection is closed instead of reused.
            response.close()
            return b"".join(chunks), True
        size += len(chunk)
        chunks.append(chunk)
    return b"".join(chunks), False


@functools.lru_cache(maxsize=16)
def to_client_timeout(timeout: Timeouts) -> aiohttp.ClientTimeout:
    """The four phases in aiohttp's terms (aiohttp has no write timeout; cached: a client sends
    with one or two ``Timeouts``).

    aiohttp's ``connect`` covers waiting for a pooled connection and opening a new one, so it is
    httpx's pool plus connect phases.
    """
    pool_and_connect = (
        None if timeout.pool is None or timeout.connect is None else timeout.pool + timeout.connect
    )
    return aiohttp.ClientTimeout(
        total=None,
        connect=pool_and_connect,
        sock_connect=timeout.connect,
        sock_read=timeout.read,
    )


def to_failure(exc: BaseException) -> TransportFailure:
    """An aiohttp (or socket) exception as a transport failure the core can decide on."""
    if isinstance(exc, asyncio.TimeoutError | TimeoutError):
        return TransportFailure("timeout", f"timed out ({type(exc).__name__}: {exc})")
    if isinstance(exc, aiohttp.ClientConnectorError):
        return TransportFailure("connect", f"could not connect ({exc})")
    if isinstance(
        exc,
        aiohttp.ClientPayloadError | aiohttp.ClientResponseError | aiohttp.ServerDisconnectedError,
    ):
        return TransportFailure("protocol", f"broken response ({type(exc).__name__}: {exc})")
    return TransportFailure("connection", f"connection failed ({type(exc).__name__}: {exc})")
