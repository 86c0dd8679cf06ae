"""Whether and when to try again: AWS "standard" retry mode, minus the sleeping.

Theory of operation: an attempt ends in a response or a transport failure. A success ends the call
(and refunds the retry quota). A failure is retried when it is retryable (throttling and transient
error codes, HTTP 500/502/503/504, connection failures and timeouts), attempts remain, and the
client-wide quota can pay for it (5 tokens, 10 after a timeout, out of 500). The delay before the
next attempt is ``random() * min(2 ** (attempt - 1), 20)`` seconds with an injected random source.
Validation errors and every other 4xx are never retried.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from sagemaker_client._core.errors import ServiceError
from sagemaker_client._core.http import TransportFailure

THROTTLING_CODES = frozenset(
    {
        "ThrottlingException",
        "Throttling",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
    }
)
TRANSIENT_CODES = frozenset(
    {"RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"}
)
TRANSIENT_STATUS = frozenset({500, 502, 503, 504})
MAX_BACKOFF_SECONDS = 20.0

QUOTA_CAPACITY = 500
RETRY_COST = 5
TIMEOUT_RETRY_COST = 10
NO_RETRY_INCREMENT = 1


def is_retryable(outcome: ServiceError | TransportFailure) -> bool:
    """Whether an attempt that ended this way may be tried again."""
    if isinstance(outcome, TransportFailure):
        return True
    return (
        outcome.code in THROTTLING_CODES
        or outcome.code in TRANSIENT_CODES
        or outcome.status_code in TRANSIENT_STATUS
    )


def backoff_delay(attempt: int, random: Callable[[], float]) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1-based), with full jitter."""
    return random() * min(2.0 ** (attempt - 1), MAX_BACKOFF_SECONDS)


def retry_cost(outcome: ServiceError | TransportFailure) -> int:
    """Quota tokens a retry after this outcome costs."""
    if isinstance(outcome, TransportFailure) and outcome.kind == "timeout":
        return TIMEOUT_RETRY_COST
    return RETRY_COST


class RetryQuota:
    """The client-wide token bucket that stops retries when the service keeps failing."""

    def __init__(self, capacity: int = QUOTA_CAPACITY) -> None:
        self._capacity = capacity
        self._available = capacity
        self._lock = threading.Lock()

    @property
    def available(self) -> int:
        """Tokens left."""
        return self._available

    def acquire(self, cost: int) -> bool:
        """Take ``cost`` tokens for a retry; False (and nothing taken) when too few are left."""
        with self._lock:
            if cost > self._available:
                return False
            self._available -= cost
            return True

    def release(self, cost: int) -> None:
        """Give tokens back after a call succeeds (its retry cost, or 1 when it needed none)."""
        with self._lock:
            self._available = min(self._capacity, self._available + (cost or NO_RETRY_INCREMENT))
