"""The boundary with httpx: responses in, exceptions mapped to values, so none leaks out."""

from __future__ import annotations

import httpx

from sagemaker_client._config import TimeoutSetting
from sagemaker_client._core.http import MAX_RESPONSE_BYTES, HttpResponse, TransportFailure


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


def to_failure(exc: Exception) -> TransportFailure:
    """An httpx (or socket) exception as a transport failure the core can decide on."""
    if isinstance(exc, httpx.TimeoutException):
        return TransportFailure("timeout", f"timed out ({type(exc).__name__}: {exc})")
    if isinstance(exc, httpx.ConnectError):
        return TransportFailure("connect", f"could not connect ({exc})")
    if isinstance(exc, httpx.RemoteProtocolError | httpx.DecodingError):
        return TransportFailure("protocol", f"broken response ({type(exc).__name__}: {exc})")
    return TransportFailure("connection", f"connection failed ({type(exc).__name__}: {exc})")
