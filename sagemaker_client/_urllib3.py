"""The boundary with urllib3: the sync client's own pool.

httpx stays the interface users hand in (``http_client=``) and the pool when the environment
names a proxy; the pool a ``SageMakerClient`` creates for itself is one urllib3 connection pool
for its endpoint. botocore's signer imports urllib3 already, so this pool costs no import at all
(httpx's own transport would load httpcore and h11 on the first call), and a request through it
takes less CPU than through httpx (see docs/decisions/0004-async-transport.md). Like
``_httpx.py``, every urllib3 or socket exception comes back as a ``TransportFailure`` value.
"""

from __future__ import annotations

import functools
import http.client
from urllib.parse import urlsplit

import urllib3
from urllib3.exceptions import (
    DecodeError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    SSLError,
)
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from sagemaker_client._core.http import (
    MAX_RESPONSE_BYTES,
    HttpRequest,
    HttpResponse,
    Timeouts,
    TransportFailure,
)
from sagemaker_client._tls import shared_ssl_context

# httpx's default pool size; urllib3 opens more connections when more threads need one
# (``block=False``) and keeps this many for reuse.
MAX_CONNECTIONS = 100


class Urllib3Pool:
    """A urllib3 connection pool for one endpoint; thread-safe, created without any I/O."""

    def __init__(self, endpoint_url: str) -> None:
        parts = urlsplit(endpoint_url)
        host = parts.hostname or ""
        self._pool: urllib3.HTTPConnectionPool
        if parts.scheme == "https":
            self._pool = urllib3.HTTPSConnectionPool(
                host,
                parts.port or 443,
                maxsize=MAX_CONNECTIONS,
                block=False,
                retries=False,
                ssl_context=shared_ssl_context(),
            )
        else:
            # Plain HTTP: urllib3 needs no SSL context at all.
            self._pool = urllib3.HTTPConnectionPool(
                host, parts.port or 80, maxsize=MAX_CONNECTIONS, block=False, retries=False
            )
        self._closed = False
        self._targets: dict[str, str] = {}

    @property
    def is_closed(self) -> bool:
        """True once ``close`` was called."""
        return self._closed

    def send(self, request: HttpRequest, timeouts: Timeouts) -> HttpResponse | TransportFailure:
        """Send one request and read the whole response; failures come back as values."""
        target = self._targets.get(request.url)
        if target is None:
            parts = urlsplit(request.url)
            target = self._targets[request.url] = (parts.path or "/") + (
                f"?{parts.query}" if parts.query else ""
            )
        try:
            response = self._pool.urlopen(
                request.method,
                target,
                body=request.body,
                headers=request.headers,
                retries=False,
                redirect=False,
                assert_same_host=False,
                timeout=to_urllib3_timeout(timeouts),
                preload_content=False,
            )
            try:
                length = response.headers.get("content-length")
                if length is not None and not length.isdigit():
                    # http.client would read to the end of the connection; h11 (and so a
                    # user's httpx client) refuses such a response, and so does this pool.
                    response.close()
                    raise ProtocolError(f"invalid Content-Length: {length!r}")
                body = response.read(MAX_RESPONSE_BYTES + 1)
                truncated = len(body) > MAX_RESPONSE_BYTES
                if truncated:
                    # The rest is never read: the connection is closed instead of reused.
                    body = body[:MAX_RESPONSE_BYTES]
                    response.close()
            finally:
                response.release_conn()
        except (Urllib3Error, http.client.HTTPException, OSError) as exc:
            return to_failure(exc)
        return HttpResponse(
            status_code=response.status,
            headers={key.lower(): value for key, value in response.headers.items()},
            body=body,
            body_truncated=truncated,
        )

    def close(self) -> None:
        """Close the pool's connections (idempotent)."""
        self._closed = True
        self._pool.close()


@functools.lru_cache(maxsize=16)
def to_urllib3_timeout(timeouts: Timeouts) -> urllib3.Timeout:
    """The phases urllib3 has (cached: a client sends with one or two ``Timeouts``).

    urllib3 has no pool phase (it does not wait for a connection) and applies the read timeout
    to every socket operation after connecting, writes included. It clones the object per
    request, so one can be shared.
    """
    return urllib3.Timeout(connect=timeouts.connect, read=timeouts.read)


def to_failure(exc: BaseException) -> TransportFailure:
    """A urllib3 (or socket) exception as a transport failure the core can decide on."""
    if isinstance(exc, MaxRetryError) and exc.reason is not None:
        exc = exc.reason
    # NewConnectionError derives from ConnectTimeoutError in urllib3 2: test it first.
    if isinstance(exc, NewConnectionError | SSLError | ProxyError | ConnectionRefusedError):
        return TransportFailure("connect", f"could not connect ({exc})")
    if isinstance(exc, Urllib3Timeout | TimeoutError):
        return TransportFailure("timeout", f"timed out ({type(exc).__name__}: {exc})")
    if isinstance(exc, ProtocolError | DecodeError | http.client.HTTPException):
        return TransportFailure("protocol", f"broken response ({type(exc).__name__}: {exc})")
    return TransportFailure("connection", f"connection failed ({type(exc).__name__}: {exc})")
