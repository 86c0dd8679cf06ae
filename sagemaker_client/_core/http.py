"""Plain values for one HTTP exchange, shared by the core and both drivers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

MAX_RESPONSE_BYTES = 64 * 1024 * 1024
"""The drivers stop reading a response body past this many bytes (a hostile or broken endpoint
must not exhaust memory); SageMaker's control-plane responses are far smaller."""


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Seconds allowed per phase of a request (None: no limit), whichever pool sends it.

    The four phases are httpx's: waiting for a pooled connection, connecting, writing the request
    and reading between bytes of the response. Each pool maps them onto its library's own.
    """

    connect: float | None
    read: float | None
    write: float | None
    pool: float | None


@dataclass(frozen=True, slots=True)
class HttpRequest:
    """A request ready to send: the drivers hand it to their connection pool as it is."""

    method: str
    url: str
    headers: Mapping[str, str]
    body: bytes


@dataclass(frozen=True, slots=True)
class HttpResponse:
    """A complete response; ``headers`` keys are lower-case."""

    status_code: int
    headers: Mapping[str, str]
    body: bytes
    body_truncated: bool = False
    """True when the body was longer than ``MAX_RESPONSE_BYTES``; ``body`` is its first part."""

    @property
    def request_id(self) -> str | None:
        """The service's request id, from ``x-amzn-requestid`` (or ``x-amz-request-id``)."""
        return self.headers.get("x-amzn-requestid") or self.headers.get("x-amz-request-id")


TransportFailureKind = Literal["connect", "timeout", "connection", "protocol"]


@dataclass(frozen=True, slots=True)
class TransportFailure:
    """A request that got no complete response, as a value the flow can decide on."""

    kind: TransportFailureKind
    message: str
