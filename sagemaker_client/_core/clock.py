"""Time as the service sees it: clock-skew correction and the ``ttl`` of retried requests.

Theory of operation: a request signed with a clock that is off by more than five minutes is
refused with ``RequestTimeTooSkewed``, ``RequestExpired``, or ``InvalidSignatureException`` /
``AuthFailure`` saying "Signature expired" or "Signature not yet current". The response's ``Date``
header tells the service's time; the difference to the local clock becomes the client's
``ClockSkew.offset``, added to the clock for every later signature of that client. botocore's
``amz-sdk-request`` header on a retry carries ``ttl``: the service's time (from the last
response's ``Date``) plus the read timeout, the moment after which the SDK gives up on the attempt.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from email.utils import parsedate_to_datetime

from sagemaker_client._core.errors import ServiceError
from sagemaker_client._core.http import HttpResponse

SKEW_CODES = frozenset({"RequestTimeTooSkewed", "RequestExpired"})
"""Codes that always mean the request's time was not accepted."""
SIGNATURE_TIME_CODES = frozenset({"InvalidSignatureException", "AuthFailure"})
"""Codes that mean a skewed clock only when the message says so (they also mean a bad key)."""
_SIGNATURE_TIME_MESSAGES = ("signature expired", "signature not yet current")
_TTL_FORMAT = "%Y%m%dT%H%M%SZ"


class ClockSkew:
    """How far the service's clock is ahead of the local one; shared by every call of a client.

    A single attribute, read and replaced whole, so threads need no lock.
    """

    def __init__(self) -> None:
        self.offset = datetime.timedelta(0)

    def now(self, clock: Callable[[], datetime.datetime]) -> datetime.datetime:
        """The service's time according to the local ``clock`` and the learned offset."""
        return clock() + self.offset

    def __repr__(self) -> str:
        return f"ClockSkew(offset={self.offset.total_seconds():+.0f}s)"


def is_clock_skew_error(error: ServiceError) -> bool:
    """Whether the service refused the request because of the time it was signed at."""
    if error.code in SKEW_CODES:
        return True
    if error.code in SIGNATURE_TIME_CODES:
        message = error.message.lower()
        return any(text in message for text in _SIGNATURE_TIME_MESSAGES)
    return False


def server_time(response: HttpResponse) -> datetime.datetime | None:
    """The service's time from the ``Date`` header (aware, UTC), or None if absent or invalid."""
    header = response.headers.get("date")
    if not header:
        return None
    try:
        parsed = parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.timezone.utc)
    return parsed.astimezone(datetime.timezone.utc)


def retry_ttl(service_now: datetime.datetime, read_timeout: float | None) -> str | None:
    """botocore's ``ttl`` for the next attempt: service time plus read timeout, if one is set."""
    if read_timeout is None:
        return None
    try:
        return (service_now + datetime.timedelta(seconds=read_timeout)).strftime(_TTL_FORMAT)
    except OverflowError:
        return None
