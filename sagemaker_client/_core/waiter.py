"""Waiters as a generator of commands: poll, report progress, judge acceptors, pause or stop.

Theory of operation: ``wait_flow`` yields

- ``Poll(params)``                  -> the describe output, or the ``ServiceError`` it raised
  (other errors, already retried by the call itself, propagate to the caller unchanged)
- ``Progress(attempt, elapsed, output)`` -> ``None`` (the driver calls the user's ``on_poll``)
- ``Pause(seconds)``                -> ``None``

and returns the last output (``None`` when success means the resource is gone), or raises
``WaiterError``. Acceptors are judged in order, as botocore does; the first match decides. An error
no acceptor expects stops the wait at once. Time comes from an injected monotonic clock.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from typing import Any, NamedTuple, TypeAlias, TypeVar

from sagemaker_client._core.errors import (
    ParamValidationError,
    SageMakerError,
    ServiceError,
    WaiterError,
)
from sagemaker_client._core.specs import Acceptor, WaiterSpec

InputT = TypeVar("InputT")
OutputT = TypeVar("OutputT")


class Poll(NamedTuple):
    """Command: call the waiter's operation with ``params``; reply with its output or error."""

    params: Any


class Progress(NamedTuple):
    """Command: tell the caller about attempt number ``attempt``."""

    attempt: int
    elapsed: float
    output: Any


class Pause(NamedTuple):
    """Command: wait ``seconds`` before the next poll."""

    seconds: float


WaitCommand: TypeAlias = Poll | Progress | Pause


def wait_flow(
    spec: WaiterSpec[InputT, OutputT],
    params: InputT,
    *,
    delay: float,
    max_attempts: int,
    timeout: float | None,
    clock: Callable[[], float],
) -> Generator[WaitCommand, Any, OutputT | None]:
    """Poll until an acceptor decides; see the module docstring for the command protocol."""
    _check_settings(spec.name, delay, max_attempts, timeout)
    started = clock()
    attempt = 0
    while True:
        attempt += 1
        outcome = yield Poll(params)
        output = None if isinstance(outcome, SageMakerError) else outcome
        elapsed = clock() - started
        yield Progress(attempt, elapsed, output)
        acceptor = matching_acceptor(spec.acceptors, outcome)
        if acceptor is not None and acceptor.state == "success":
            return output
        if acceptor is not None and acceptor.state == "failure":
            raise _waiter_error(spec, "reached a failure state", "failure", attempt, outcome)
        if acceptor is None and isinstance(outcome, SageMakerError):
            raise _waiter_error(
                spec, f"stopped on an unexpected error ({outcome})", "error", attempt, outcome
            )
        if attempt >= max_attempts:
            raise _waiter_error(spec, "ran out of attempts", "max_attempts", attempt, outcome)
        if timeout is not None and elapsed + delay > timeout:
            raise _waiter_error(
                spec, f"timed out after {elapsed:.1f} s", "timeout", attempt, outcome
            )
        yield Pause(delay)


def require_output(spec: WaiterSpec[Any, OutputT], output: OutputT | None) -> OutputT:
    """The output a waiter ended on; a waiter that succeeded on an error has none."""
    if output is None:
        raise WaiterError(
            "succeeded without an output to return",
            waiter_name=spec.name,
            reason="error",
            attempts=0,
        )
    return output


def _check_settings(name: str, delay: float, max_attempts: int, timeout: float | None) -> None:
    problems = []
    if delay < 0:
        problems.append(f"delay: must be >= 0, got {delay}")
    if max_attempts < 1:
        problems.append(f"max_attempts: must be >= 1, got {max_attempts}")
    if timeout is not None and timeout < 0:
        problems.append(f"timeout: must be >= 0, got {timeout}")
    if problems:
        raise ParamValidationError(f"waiter {name}", problems)


def matching_acceptor(acceptors: Sequence[Acceptor], outcome: Any) -> Acceptor | None:
    """The first acceptor that matches an output or an error, or None."""
    for acceptor in acceptors:
        if _matches(acceptor, outcome):
            return acceptor
    return None


def _matches(acceptor: Acceptor, outcome: Any) -> bool:
    is_error = isinstance(outcome, SageMakerError)
    if acceptor.matcher == "error":
        if isinstance(acceptor.expected, bool):
            return is_error == acceptor.expected
        return isinstance(outcome, ServiceError) and bool(outcome.code == acceptor.expected)
    if acceptor.matcher == "status":
        status = (
            outcome.status_code
            if isinstance(outcome, ServiceError)
            else (None if is_error else 200)
        )
        return bool(status == acceptor.expected)
    if is_error or acceptor.argument is None:
        return False
    value = resolve_path(outcome, acceptor.argument)
    if acceptor.matcher == "path":
        return bool(value == acceptor.expected)
    values = value if isinstance(value, list) else []
    if acceptor.matcher == "pathAll":
        return bool(values) and all(item == acceptor.expected for item in values)
    return any(item == acceptor.expected for item in values)  # pathAny


def resolve_path(obj: Any, path: str) -> Any:
    """Follow ``a.b[].c`` over attributes; ``[]`` projects over a list (None-safe)."""
    current: Any = obj
    projecting = False
    for segment in path.split("."):
        name, flatten = (segment[:-2], True) if segment.endswith("[]") else (segment, False)
        if projecting:
            current = [getattr(item, name, None) for item in current if item is not None]
        else:
            current = getattr(current, name, None) if current is not None else None
        if flatten:
            if projecting:
                current = [item for sub in current for item in (sub or [])]
            else:
                current = list(current or [])
            projecting = True
    return current


def _waiter_error(
    spec: WaiterSpec[Any, Any], message: str, reason: str, attempts: int, outcome: Any
) -> WaiterError:
    is_error = isinstance(outcome, SageMakerError)
    failure_reason = None if is_error else getattr(outcome, "failure_reason", None)
    return WaiterError(
        message,
        waiter_name=spec.name,
        reason=reason,
        attempts=attempts,
        last_output=None if is_error else outcome,
        last_error=outcome if is_error else None,
        failure_reason=failure_reason if isinstance(failure_reason, str) else None,
    )
