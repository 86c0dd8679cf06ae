"""One API call as a generator of commands: validate, build, sign, send, parse, retry.

Theory of operation: ``call_flow`` never performs I/O. It yields a command and the driver sends
back its result:

- ``GetCredentials()``  -> ``Credentials`` (the driver resolves them, off the event loop if async)
- ``Send(request)``     -> ``HttpResponse`` or ``TransportFailure`` (never an exception)
- ``Sleep(seconds)``    -> ``None``

The flow returns the output model, or raises a ``SageMakerError``. The clock, the random source,
the invocation ids and idempotency tokens come in through ``CallContext``, so every path is
testable without a network or a sleep.

Before the first attempt the input is validated, its unset idempotency tokens are filled (once,
so every attempt repeats them) and it is encoded. Each attempt is signed afresh at the clock's
time plus the client's learned clock skew. A clock-skew error teaches the client the service's
time and is retried once at once, if attempts remain; other failures follow AWS standard retries
(``_core/retry.py``).
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Callable, Generator, Mapping
from typing import Any, NamedTuple, TypeAlias, TypeVar

from sagemaker_client._core.clock import (
    ClockSkew,
    is_clock_skew_error,
    retry_ttl,
    server_time,
)
from sagemaker_client._core.errors import (
    ConnectionFailedError,
    ParamValidationError,
    RequestTimeoutError,
    SageMakerError,
    ServiceError,
)
from sagemaker_client._core.http import HttpRequest, HttpResponse, TransportFailure
from sagemaker_client._core.idempotency import fill_tokens
from sagemaker_client._core.logs import log_outcome, log_request, logger
from sagemaker_client._core.request import add_retry_headers, base_request, encode_body
from sagemaker_client._core.response import is_success, parse_error, parse_output
from sagemaker_client._core.retry import (
    RetryQuota,
    backoff_delay,
    is_retryable,
    retry_cost,
)
from sagemaker_client._core.serde import to_wire
from sagemaker_client._core.signing import Credentials, sign
from sagemaker_client._core.specs import OperationSpec
from sagemaker_client._core.validate import find_problems

InputT = TypeVar("InputT")
OutputT = TypeVar("OutputT")


# Named tuples rather than dataclasses: every client imports this module, and a frozen dataclass
# costs about half a millisecond to define (its methods are compiled from source).


class GetCredentials:
    """Command: resolve the credentials to sign with."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GetCredentials)

    def __hash__(self) -> int:
        return hash(GetCredentials)

    def __repr__(self) -> str:
        return "GetCredentials()"


class Send(NamedTuple):
    """Command: send ``request`` and reply with the complete response or a TransportFailure."""

    request: HttpRequest


class Sleep(NamedTuple):
    """Command: wait ``seconds`` before the next attempt."""

    seconds: float
    reason: SageMakerError


Command: TypeAlias = GetCredentials | Send | Sleep
Reply: TypeAlias = Credentials | HttpResponse | TransportFailure | None


def _new_idempotency_token() -> str:
    return str(uuid.uuid4())


class CallContext(NamedTuple):
    """What one call needs from its client: settings, shared retry quota and injected effects."""

    region: str
    endpoint_url: str
    user_agent: str
    max_attempts: int
    quota: RetryQuota
    modeled_errors: Mapping[str, type[ServiceError]]
    now: Callable[[], datetime.datetime]
    random: Callable[[], float]
    new_invocation_id: Callable[[], str]
    clock_skew: ClockSkew
    """The client's learned offset to the service's clock, shared by all its calls."""
    validate: bool = True
    read_timeout: float | None = None
    """Seconds; with the service's ``Date`` it gives the ``ttl`` of retried requests."""
    new_idempotency_token: Callable[[], str] = _new_idempotency_token
    """Fills unset idempotency-token members, once per call."""


def call_flow(
    operation: OperationSpec[InputT, OutputT], params: InputT, context: CallContext
) -> Generator[Command, Reply, OutputT]:
    """Run ``operation`` with ``params``; see the module docstring for the command protocol."""
    input_type = operation.input_type
    if not isinstance(params, input_type):
        raise ParamValidationError(
            operation.name, [f"expected {input_type.__name__}, got {type(params).__name__}"]
        )
    if context.validate:
        problems = find_problems(params)  # type: ignore[arg-type]
        if problems:
            raise ParamValidationError(operation.name, problems)
    # Filled before the first attempt: every retry of this call repeats the same tokens.
    params = fill_tokens(params, context.new_idempotency_token)
    payload = _encode(operation.name, params)
    invocation_id = context.new_invocation_id()
    paid = 0
    attempt = 0
    ttl: str | None = None
    skew_corrected = False
    while True:
        attempt += 1
        credentials = yield GetCredentials()
        assert isinstance(credentials, Credentials)
        unsigned = base_request(
            operation=operation.name,
            payload=payload,
            endpoint_url=context.endpoint_url,
            user_agent=context.user_agent,
        )
        signed = sign(unsigned, credentials, context.region, context.clock_skew.now(context.now))
        request = add_retry_headers(
            signed,
            invocation_id=invocation_id,
            attempt=attempt,
            max_attempts=context.max_attempts,
            ttl=ttl,
        )
        log_request(operation.name, attempt, context.max_attempts, request)
        outcome = yield Send(request)
        log_outcome(operation.name, attempt, outcome)
        if isinstance(outcome, HttpResponse):
            if is_success(outcome):
                context.quota.release(paid)
                output_type = operation.output_type
                if output_type is None:
                    return None  # type: ignore[return-value]  # OutputT is None for these operations
                return parse_output(operation.name, output_type, outcome)
            service_now = server_time(outcome)
            if service_now is not None:
                ttl = retry_ttl(service_now, context.read_timeout) or ttl
        failure = _failure_of(operation.name, outcome, context)
        error = _as_error(failure, operation.name, attempt)
        learned = isinstance(failure, ServiceError) and _learn_clock_skew(failure, outcome, context)
        if learned and not skew_corrected and attempt < context.max_attempts:
            skew_corrected = True
            continue
        if attempt >= context.max_attempts or not is_retryable(failure):
            raise error
        paid = retry_cost(failure)
        if not context.quota.acquire(paid):
            raise error
        delay = backoff_delay(attempt, context.random)
        logger.debug("%s: retrying in %.3f s after: %s", operation.name, delay, error)
        yield Sleep(delay, error)


def _encode(operation: str, params: Any) -> bytes:
    try:
        return encode_body(to_wire(params))
    except Exception as exc:  # only reachable with validate=False: a value JSON cannot hold
        raise ParamValidationError(
            operation, [f"the input cannot be encoded as JSON ({type(exc).__name__}: {exc})"]
        ) from None


def _learn_clock_skew(error: ServiceError, outcome: Reply, context: CallContext) -> bool:
    """Learn the service's time from a clock-skew error; True if the offset was updated."""
    if not isinstance(outcome, HttpResponse) or not is_clock_skew_error(error):
        return False
    service_now = server_time(outcome)
    if service_now is None:
        return False
    offset = service_now - context.now()
    context.clock_skew.offset = offset
    if logger.isEnabledFor(logging.INFO):
        logger.info(
            "%s: %s; the service's clock is %+.0f s from ours, signing with that offset",
            error.operation,
            error.code,
            offset.total_seconds(),
        )
    return True


def _failure_of(
    operation: str, outcome: Reply, context: CallContext
) -> ServiceError | TransportFailure:
    if isinstance(outcome, TransportFailure):
        return outcome
    assert isinstance(outcome, HttpResponse)
    return parse_error(operation, outcome, context.modeled_errors)


def _as_error(
    failure: ServiceError | TransportFailure, operation: str, attempts: int
) -> SageMakerError:
    if isinstance(failure, ServiceError):
        return failure
    if failure.kind == "timeout":
        return RequestTimeoutError(failure.message, operation=operation, attempts=attempts)
    return ConnectionFailedError(failure.message, operation=operation, attempts=attempts)
