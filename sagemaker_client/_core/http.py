"""Plain values for one HTTP exchange, shared by the core and both drivers.

Named tuples, not dataclasses: they are created at import by every client, and a frozen
dataclass costs about half a millisecond to define where a named tuple costs a tenth of that.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, NamedTuple

MAX_RESPONSE_BYTES = 64 * 1024 * 1024
"""The drivers stop reading a response body past this many bytes (a hostile or broken endpoint
must not exhaust memory); SageMaker's control-plane responses are far smaller."""


class Timeouts(NamedTuple):
    """Seconds allowed per phase of a request (None: no limit), whichever pool sends it.

    The four phases are httpx's: waiting for a pooled connection, connecting, writing the request
    and reading between bytes of the response. Each pool maps them onto its library's own.
    """

    connect: float | None
    read: float | None
    write: float | None
    pool: float | None


class HttpRequest(NamedTuple):
    """A request ready to send: the drivers hand it to their connection pool as it is."""

    method: str
    url: str
    headers: Mapping[str, str]
    body: bytes


class HttpResponse(NamedTuple):
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


class TransportFailure(NamedTuple):
    """A request that got no complete response, as a value the flow can decide on."""

    kind: TransportFailureKind
    message: str
