from __future__ import annotations

import pytest

from sagemaker_client._core import retry
from sagemaker_client._core.errors import ServiceError, ValidationException
from sagemaker_client._core.http import TransportFailure
from sagemaker_client._core.retry import RetryQuota, backoff_delay, is_retryable, retry_cost


def service_error(code: str, status: int = 400) -> ServiceError:
    return ServiceError("m", code=code, status_code=status, request_id=None, operation="Op")


@pytest.mark.parametrize("code", sorted(retry.THROTTLING_CODES | retry.TRANSIENT_CODES))
def test_throttling_and_transient_codes_retry(code):
    assert is_retryable(service_error(code, 400))


@pytest.mark.parametrize(
    "code",
    [
        "ThrottlingException",
        "Throttling",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "ProvisionedThroughputExceededException",
        "RequestTimeout",
        "RequestTimeoutException",
        "PriorRequestNotComplete",
        "SlowDown",
    ],
)
def test_well_known_retryable_codes_are_listed(code):
    assert is_retryable(service_error(code))


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_transient_statuses_retry(status):
    assert is_retryable(service_error("HTTP" + str(status), status))
    assert is_retryable(service_error("InternalFailure", status))


@pytest.mark.parametrize("kind", ["connect", "timeout", "connection", "protocol"])
def test_transport_failures_retry(kind):
    assert is_retryable(TransportFailure(kind, "x"))


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("ValidationException", 400),
        ("AccessDeniedException", 403),
        ("ResourceNotFound", 404),
        ("ResourceInUse", 400),
        ("UnrecognizedClientException", 400),
        ("HTTP501", 501),
        ("Whatever", 409),
    ],
)
def test_other_errors_do_not_retry(code, status):
    assert not is_retryable(service_error(code, status))


def test_validation_exception_class_does_not_retry():
    error = ValidationException(
        "m", code="ValidationException", status_code=400, request_id=None, operation="Op"
    )
    assert not is_retryable(error)


def test_backoff_bounds_with_random_one():
    delays = [backoff_delay(attempt, lambda: 1.0) for attempt in range(1, 9)]
    assert delays == [1, 2, 4, 8, 16, 20, 20, 20]


def test_backoff_full_jitter_scales_with_random():
    assert backoff_delay(3, lambda: 0.0) == 0
    assert backoff_delay(3, lambda: 0.5) == 2
    assert backoff_delay(50, lambda: 0.5) == 10


def test_retry_cost():
    assert retry_cost(TransportFailure("timeout", "x")) == 10
    assert retry_cost(TransportFailure("connect", "x")) == 5
    assert retry_cost(service_error("ThrottlingException")) == 5


def test_quota_drains_refuses_and_refunds():
    quota = RetryQuota(capacity=20)
    assert quota.available == 20
    assert quota.acquire(5)
    assert quota.acquire(10)
    assert quota.available == 5
    assert not quota.acquire(10)  # refused, nothing taken
    assert quota.available == 5
    assert quota.acquire(5)
    assert quota.available == 0
    assert not quota.acquire(5)
    quota.release(5)
    assert quota.available == 5
    quota.release(10)
    assert quota.available == 15


def test_quota_release_without_retry_adds_one_and_never_exceeds_capacity():
    quota = RetryQuota(capacity=10)
    quota.release(0)
    assert quota.available == 10
    assert quota.acquire(5)
    quota.release(0)
    assert quota.available == 6
    quota.release(100)
    assert quota.available == 10


def test_default_quota_capacity():
    quota = RetryQuota()
    assert quota.available == 500
    taken = 0
    while quota.acquire(5):
        taken += 1
    assert taken == 100
