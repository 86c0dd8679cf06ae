from __future__ import annotations

import pytest
from core_models import Fleet, Group, ListInput, Status, Summary, Thing

from sagemaker_client._core.errors import (
    ConnectionFailedError,
    ParamValidationError,
    ServiceError,
    ValidationException,
    WaiterError,
)
from sagemaker_client._core.specs import Acceptor, OperationSpec, WaiterSpec
from sagemaker_client._core.waiter import (
    Pause,
    Poll,
    Progress,
    matching_acceptor,
    resolve_path,
    wait_flow,
)

OP = OperationSpec(name="DescribeThing", input=ListInput, output=Thing)
IN_SERVICE = WaiterSpec(
    name="ThingInService",
    operation=OP,
    delay=5,
    max_attempts=10,
    acceptors=(
        Acceptor(state="success", matcher="path", argument="status", expected="InService"),
        Acceptor(state="failure", matcher="path", argument="status", expected="Failed"),
        Acceptor(state="failure", matcher="error", expected="ValidationException"),
    ),
)
DELETED = WaiterSpec(
    name="ThingDeleted",
    operation=OP,
    delay=5,
    max_attempts=10,
    acceptors=(
        Acceptor(state="success", matcher="error", expected="ValidationException"),
        Acceptor(state="failure", matcher="path", argument="status", expected="Failed"),
    ),
)
PARAMS = ListInput(next_token="x")


def validation_error():
    return ValidationException(
        "Could not find endpoint",
        code="ValidationException",
        status_code=400,
        request_id="r",
        operation="DescribeThing",
    )


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def drive(flow, outcomes, clock=None, poll_cost=0.0):
    """Answer each Poll with the next outcome; Pause advances the fake clock."""
    commands = []
    outcomes = iter(outcomes)
    reply = None
    while True:
        try:
            command = flow.send(reply)
        except StopIteration as stop:
            return commands, stop.value
        except Exception as exc:  # noqa: BLE001
            return commands, exc
        commands.append(command)
        reply = None
        if isinstance(command, Poll):
            assert command.params == PARAMS
            if clock is not None:
                clock.now += poll_cost
            reply = next(outcomes)
        elif isinstance(command, Pause) and clock is not None:
            clock.now += command.seconds


def flow(spec=IN_SERVICE, delay=5, max_attempts=10, timeout=None, clock=None):
    return wait_flow(
        spec,
        PARAMS,
        delay=delay,
        max_attempts=max_attempts,
        timeout=timeout,
        clock=clock or FakeClock(),
    )


def kinds(commands):
    return [type(c).__name__ for c in commands]


def test_path_success_after_retries_with_progress():
    clock = FakeClock()
    outputs = [
        Thing(name="t", status=Status.CREATING),
        Thing(name="t", status="Creating"),
        Thing(name="t", status=Status.IN_SERVICE),
    ]
    commands, result = drive(flow(clock=clock), outputs, clock=clock)
    assert result is outputs[-1]
    assert kinds(commands) == [
        "Poll",
        "Progress",
        "Pause",
        "Poll",
        "Progress",
        "Pause",
        "Poll",
        "Progress",
    ]
    progress = [c for c in commands if isinstance(c, Progress)]
    assert [(p.attempt, p.elapsed) for p in progress] == [(1, 0.0), (2, 5.0), (3, 10.0)]
    assert [p.output for p in progress] == outputs
    assert all(c.seconds == 5 for c in commands if isinstance(c, Pause))


def test_plain_string_status_matches_too():
    commands, result = drive(flow(), [Thing(name="t", status="InService")])
    assert result == Thing(name="t", status="InService")


def test_failure_acceptor_raises_with_failure_reason():
    failed = Thing(name="t", status=Status.FAILED, failure_reason="image not found")
    commands, result = drive(flow(), [Thing(name="t", status="Creating"), failed])
    assert isinstance(result, WaiterError)
    assert result.reason == "failure"
    assert result.failure_reason == "image not found"
    assert result.attempts == 2
    assert result.last_output is failed
    assert result.waiter_name == "ThingInService"
    assert "image not found" in str(result)


def test_error_matcher_success_returns_none():
    commands, result = drive(
        flow(DELETED), [Thing(name="t", status="Deleting"), validation_error()]
    )
    assert result is None
    assert kinds(commands) == ["Poll", "Progress", "Pause", "Poll", "Progress"]
    assert commands[-1].output is None


def test_error_matcher_failure():
    _, result = drive(flow(IN_SERVICE), [validation_error()])
    assert isinstance(result, WaiterError)
    assert result.reason == "failure"
    assert isinstance(result.last_error, ValidationException)


def test_unexpected_error_stops_at_once():
    boom = ServiceError(
        "denied",
        code="AccessDeniedException",
        status_code=403,
        request_id=None,
        operation="DescribeThing",
    )
    commands, result = drive(flow(DELETED), [boom])
    assert isinstance(result, WaiterError)
    assert result.reason == "error"
    assert result.last_error is boom
    assert result.attempts == 1
    assert "Pause" not in kinds(commands)


def test_unexpected_transport_error_stops():
    boom = ConnectionFailedError("refused", operation="DescribeThing", attempts=3)
    _, result = drive(flow(), [boom])
    assert isinstance(result, WaiterError)
    assert result.reason == "error"


def test_max_attempts():
    commands, result = drive(flow(max_attempts=3), [Thing(name="t", status="Creating")] * 3)
    assert isinstance(result, WaiterError)
    assert result.reason == "max_attempts"
    assert result.attempts == 3
    assert kinds(commands).count("Poll") == 3
    assert kinds(commands).count("Pause") == 2


def test_timeout_never_pauses_past_deadline():
    clock = FakeClock()
    start = clock.now
    deadline = start + 12
    commands = []
    reply = None
    gen = flow(delay=5, timeout=12, clock=clock)
    with pytest.raises(WaiterError) as caught:
        while True:
            command = gen.send(reply)
            commands.append(command)
            reply = None
            if isinstance(command, Poll):
                clock.now += 0.5
                reply = Thing(name="t", status="Creating")
            elif isinstance(command, Pause):
                assert clock.now + command.seconds <= deadline
                clock.now += command.seconds
    assert caught.value.reason == "timeout"
    assert clock.now <= deadline
    assert kinds(commands).count("Poll") == 3  # polls at 0.5, 6 and 11.5 s; 11.5 + 5 > 12


def test_timeout_with_delay_larger_than_timeout_stops_after_first_poll():
    _, result = drive(flow(delay=60, timeout=1), [Thing(name="t", status="Creating")])
    assert isinstance(result, WaiterError)
    assert result.reason == "timeout"
    assert result.attempts == 1


@pytest.mark.parametrize(
    ("delay", "max_attempts", "timeout", "fragment"),
    [(-1, 3, None, "delay"), (1, 0, None, "max_attempts"), (1, 3, -5, "timeout")],
)
def test_invalid_settings(delay, max_attempts, timeout, fragment):
    gen = flow(delay=delay, max_attempts=max_attempts, timeout=timeout)
    with pytest.raises(ParamValidationError) as caught:
        next(gen)
    assert any(problem.startswith(fragment) for problem in caught.value.problems)


# -- matchers and paths ---------------------------------------------------------------------


def fleet(*counts, status=None):
    return Fleet(
        groups=[Group(summaries=[Summary(count=c) for c in group]) for group in counts],
        status=status,
    )


def test_resolve_path_projections():
    value = fleet([1, 2], [3], status=Status.FAILED)
    assert resolve_path(value, "status") is Status.FAILED
    assert resolve_path(value, "groups[].summaries[].count") == [1, 2, 3]
    assert resolve_path(value, "groups[].summaries") == [
        [Summary(count=1), Summary(count=2)],
        [Summary(count=3)],
    ]
    assert resolve_path(Fleet(), "groups[].summaries[].count") == []
    assert resolve_path(
        Fleet(groups=[Group(), Group(summaries=[Summary(count=4)])]), "groups[].summaries[].count"
    ) == [4]
    assert resolve_path(None, "status") is None
    assert resolve_path(Fleet(), "missing.attribute") is None


def test_path_all_and_path_any():
    all_two = Acceptor(
        state="success", matcher="pathAll", argument="groups[].summaries[].count", expected=2
    )
    any_two = Acceptor(
        state="failure", matcher="pathAny", argument="groups[].summaries[].count", expected=2
    )
    assert matching_acceptor([all_two], fleet([2, 2], [2])) is all_two
    assert matching_acceptor([all_two], fleet([2, 1])) is None
    assert matching_acceptor([all_two], fleet()) is None  # empty list never matches pathAll
    assert matching_acceptor([any_two], fleet([1], [2])) is any_two
    assert matching_acceptor([any_two], fleet([1], [3])) is None
    assert matching_acceptor([all_two, any_two], fleet([2], [1])) is any_two


def test_status_matcher():
    ok = Acceptor(state="success", matcher="status", expected=200)
    gone = Acceptor(state="success", matcher="status", expected=404)
    not_found = ServiceError("x", code="NotFound", status_code=404, request_id=None, operation="Op")
    assert matching_acceptor([ok], Thing(name="t")) is ok
    assert matching_acceptor([ok], not_found) is None
    assert matching_acceptor([gone], not_found) is gone
    assert matching_acceptor([gone], Thing(name="t")) is None


def test_error_matcher_boolean():
    any_error = Acceptor(state="retry", matcher="error", expected=True)
    no_error = Acceptor(state="success", matcher="error", expected=False)
    assert matching_acceptor([any_error], validation_error()) is any_error
    assert matching_acceptor([any_error], Thing(name="t")) is None
    assert matching_acceptor([no_error], Thing(name="t")) is no_error


def test_first_matching_acceptor_wins():
    first = Acceptor(state="failure", matcher="path", argument="status", expected="Failed")
    second = Acceptor(state="success", matcher="path", argument="status", expected="Failed")
    assert matching_acceptor([first, second], Thing(name="t", status="Failed")) is first


def test_retry_acceptor_keeps_polling():
    spec = WaiterSpec(
        name="W",
        operation=OP,
        delay=1,
        max_attempts=5,
        acceptors=(
            Acceptor(state="retry", matcher="error", expected="ThrottlingException"),
            Acceptor(state="success", matcher="path", argument="status", expected="InService"),
        ),
    )
    throttled = ServiceError(
        "slow", code="ThrottlingException", status_code=400, request_id=None, operation="Op"
    )
    _, result = drive(flow(spec), [throttled, Thing(name="t", status="InService")])
    assert result == Thing(name="t", status="InService")
