"""The boundary with httpx: responses in, exceptions mapped to values, so none leaks out."""

from __future__ import annotations

import httpx

from sagemaker_client._config import TimeoutSetting
from sagemaker_client._core.http import HttpResponse, TransportFailure


def to_timeout(setting: TimeoutSetting) -> httpx.Timeout:
    """The httpx timeout for a client setting (a number applies to every phase)."""
    if isinstance(setting, httpx.Timeout):
        return setting
    return httpx.Timeout(setting)


def to_response(response: httpx.Response) -> HttpResponse:
    """A complete httpx response (body already read) as a core value."""
    return HttpResponse(
        status_code=response.status_code,
        headers={key.lower(): value for key, value in response.headers.items()},
        body=response.content,
    )


def to_failure(exc: Exception) -> TransportFailure:
    """An httpx (or socket) exception as a transport failure the core can decide on."""
    if isinstance(exc, httpx.TimeoutException):
        return TransportFailure("timeout", f"timed out ({type(exc).__name__}: {exc})")
    if isinstance(exc, httpx.ConnectError):
        return TransportFailure("connect", f"could not connect ({exc})")
    if isinstance(exc, httpx.RemoteProtocolError | httpx.DecodingError):
        return TransportFailure("protocol", f"broken response ({type(exc).__name__}: {exc})")
    return TransportFailure("connection", f"connection failed ({type(exc).__name__}: {exc})")
