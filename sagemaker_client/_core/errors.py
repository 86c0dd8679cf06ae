"""The error hierarchy's hand-written part: every error the SDK raises derives from SageMakerError.

Per-code classes for the errors the service model lists live in ``_generated/errors.py``; the
common AWS protocol errors, which every JSON 1.1 service can return, are defined here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class SageMakerError(Exception):
    """Base class of every error raised by sagemaker_client."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses take keyword-only arguments, which Exception's default pickling cannot
        # replay; rebuild from the formatted message and the attributes instead, so errors cross
        # process boundaries (multiprocessing, concurrent.futures) intact.
        return (_rebuild_error, (type(self), self.args, self.__dict__))


def _rebuild_error(
    cls: type[SageMakerError], args: tuple[Any, ...], state: dict[str, Any]
) -> SageMakerError:
    error = cls.__new__(cls, *args)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class ConfigurationError(SageMakerError):
    """The client was given settings it cannot work with (bad endpoint URL, unknown profile...)."""


class ClientClosedError(SageMakerError):
    """A call was made on a client after ``close()``, or over an ``http_client`` already closed."""


class NoRegionError(ConfigurationError):
    """No AWS region was given and none could be found in the environment or the profile."""


class NoCredentialsError(SageMakerError):
    """No AWS credentials were given and botocore's credential chain found none."""


class ParamValidationError(SageMakerError, ValueError):
    """The input failed validation before anything was sent; ``problems`` lists each one by path."""

    def __init__(self, operation: str, problems: Sequence[str]) -> None:
        self.operation = operation
        self.problems = tuple(problems)
        listed = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"Invalid parameters for {operation}:\n{listed}")


class TransportError(SageMakerError):
    """The request could not be completed over the network (after any retries)."""

    def __init__(self, message: str, *, operation: str, attempts: int) -> None:
        self.operation = operation
        self.attempts = attempts
        super().__init__(f"{operation}: {message} (after {attempts} attempt(s))")


class ConnectionFailedError(TransportError):
    """The connection could not be made, or broke before a full response arrived."""


class RequestTimeoutError(TransportError):
    """Connecting, sending or reading took longer than the configured timeout."""


class ResponseParseError(SageMakerError):
    """The service answered with a body that is not the JSON the model promises."""

    def __init__(
        self,
        message: str,
        *,
        operation: str,
        status_code: int,
        request_id: str | None,
        body_preview: bytes,
    ) -> None:
        self.operation = operation
        self.status_code = status_code
        self.request_id = request_id
        self.body_preview = body_preview
        super().__init__(
            f"{operation}: {message} (HTTP {status_code}, request id {request_id}, "
            f"body starts {body_preview!r})"
        )


class ServiceError(SageMakerError):
    """The service answered with an error.

    Subclasses exist per error code (``ResourceNotFound``, ``ValidationException``...); a code
    the SDK does not know gives a plain ``ServiceError`` whose ``code`` still says what it was.
    """

    code: str = ""
    """The error code, e.g. ``ResourceNotFound``; subclasses set it as a class attribute."""

    def __init__(
        self,
        message: str,
        *,
        code: str,
        status_code: int,
        request_id: str | None,
        operation: str,
        body: dict[str, Any] | None = None,
    ) -> None:
        self.code = code
        self.message = message
        self.status_code = status_code
        self.request_id = request_id
        self.operation = operation
        self.body = body or {}
        super().__init__(
            f"{operation} failed with {code} "
            f"(HTTP {status_code}, request id {request_id}): {message}"
        )


class ValidationException(ServiceError):
    """The input fails to satisfy the constraints the service checks (also: resource not found)."""

    code = "ValidationException"


class ThrottlingException(ServiceError):
    """The request was denied because of request throttling."""

    code = "ThrottlingException"


class AccessDeniedException(ServiceError):
    """The caller does not have permission to perform this action."""

    code = "AccessDeniedException"


class UnrecognizedClientException(ServiceError):
    """The access key or security token is not valid."""

    code = "UnrecognizedClientException"


class InvalidSignatureException(ServiceError):
    """The request signature does not match the one the service computed."""

    code = "InvalidSignatureException"


class ExpiredTokenException(ServiceError):
    """The security token included in the request has expired."""

    code = "ExpiredTokenException"


class InternalFailure(ServiceError):
    """The service failed with an internal error."""

    code = "InternalFailure"


class ServiceUnavailable(ServiceError):
    """The service is unavailable; retry later."""

    code = "ServiceUnavailable"


COMMON_ERRORS: dict[str, type[ServiceError]] = {
    cls.code: cls
    for cls in (
        AccessDeniedException,
        ExpiredTokenException,
        InternalFailure,
        InvalidSignatureException,
        ServiceUnavailable,
        ThrottlingException,
        UnrecognizedClientException,
        ValidationException,
    )
}
"""Protocol-level AWS errors that any operation may return, by code."""


class WaiterError(SageMakerError):
    """A waiter stopped without reaching its success state.

    ``reason`` is ``"failure"`` (a failure acceptor matched), ``"max_attempts"``, ``"timeout"``
    or ``"error"`` (the describe call failed in a way no acceptor expects). ``failure_reason``
    is the resource's own ``FailureReason`` when its output has one.
    """

    def __init__(
        self,
        message: str,
        *,
        waiter_name: str,
        reason: str,
        attempts: int,
        last_output: Any = None,
        last_error: SageMakerError | None = None,
        failure_reason: str | None = None,
    ) -> None:
        self.waiter_name = waiter_name
        self.reason = reason
        self.attempts = attempts
        self.last_output = last_output
        self.last_error = last_error
        self.failure_reason = failure_reason
        detail = f": {failure_reason}" if failure_reason else ""
        super().__init__(f"Waiter {waiter_name} {message} after {attempts} attempt(s){detail}")


class PaginationError(SageMakerError):
    """The service returned the same page token twice, which would page forever."""
