"""One API call as a generator of commands: validate, build, sign, send, parse, retry.

Theory of operation: ``call_flow`` never performs I/O. It yields a command and the driver sends
back its result:

- ``GetCredentials()``  -> ``Credentials`` (the driver resolves them, off the event loop if async)
- ``Send(request)``     -> ``HttpResponse`` or ``TransportFailure`` (never an exception)
- ``Sleep(seconds)``    -> ``None``

The flow returns the output model, or raises a ``SageMakerError``. The clock, the random source
and the invocation ids come in through ``CallContext``, so every path is testable without a
network or a sleep.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass
from typing import TypeAlias, TypeVar

from sagemaker_client._core.errors import (
    ConnectionFailedError,
    ParamValidationError,
    RequestTimeoutError,
    SageMakerError,
    ServiceError,
)
from sagemaker_client._core.http import HttpRequest, HttpResponse, TransportFailure
from sagemaker_client._core.idempotency import fill_tokens
from sagemaker_client._core.request import build_request, encode_body
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


@dataclass(frozen=True, slots=True)
class GetCredentials:
    """Command: resolve the credentials to sign with."""


@dataclass(frozen=True, slots=True)
class Send:
    """Command: send ``request`` and reply with the complete response or a TransportFailure."""

    request: HttpRequest


@dataclass(frozen=True, slots=True)
class Sleep:
    """Command: wait ``seconds`` before the next attempt."""

    seconds: float
    reason: SageMakerError


Command: TypeAlias = GetCredentials | Send | Sleep
Reply: TypeAlias = Credentials | HttpResponse | TransportFailure | None


@dataclass(frozen=True, slots=True)
class CallContext:
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
    validate: bool = True


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
    params = fill_tokens(params, context.new_invocation_id)
    payload = encode_body(to_wire(params))  # type: ignore[arg-type]
    invocation_id = context.new_invocation_id()
    paid = 0
    attempt = 0
    while True:
        attempt += 1
        credentials = yield GetCredentials()
        assert isinstance(credentials, Credentials)
        unsigned = build_request(
            operation=operation.name,
            payload=payload,
            endpoint_url=context.endpoint_url,
            user_agent=context.user_agent,
            invocation_id=invocation_id,
            attempt=attempt,
            max_attempts=context.max_attempts,
        )
        outcome = yield Send(sign(unsigned, credentials, context.region, context.now()))
        if isinstance(outcome, HttpResponse) and is_success(outcome):
            context.quota.release(paid)
            output_type = operation.output_type
            if output_type is None:
                return None  # type: ignore[return-value]  # OutputT is None for these operations
            return parse_output(operation.name, output_type, outcome)
        failure = _failure_of(operation.name, outcome, context)
        error = _as_error(failure, operation.name, attempt)
        if attempt >= context.max_attempts or not is_retryable(failure):
            raise error
        paid = retry_cost(failure)
        if not context.quota.acquire(paid):
            raise error
        yield Sleep(backoff_delay(attempt, context.random), error)


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
