from __future__ import annotations

import datetime
import itertools
import json

import pytest
from core_models import CreateInput, CreateWithToken, Inner, ListInput, Thing, Variant

from sagemaker_client._core.clock import ClockSkew
from sagemaker_client._core.errors import (
    ConnectionFailedError,
    InvalidSignatureException,
    ParamValidationError,
    RequestTimeoutError,
    ServiceError,
    ThrottlingException,
    ValidationException,
)
from sagemaker_client._core.flow import CallContext, GetCredentials, Send, Sleep, call_flow
from sagemaker_client._core.http import HttpResponse, TransportFailure
from sagemaker_client._core.retry import RetryQuota
from sagemaker_client._core.signing import Credentials
from sagemaker_client._core.specs import OperationSpec

OP = OperationSpec(name="CreateThing", input=CreateInput, output=Thing)
CREDS = Credentials("AKID", "secret")
START = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)


class Clock:
    def __init__(self):
        self.now = START

    def __call__(self):
        return self.now


def make_context(clock=None, max_attempts=3, quota=None, random=lambda: 1.0, validate=True):
    ids = itertools.count(1)
    return CallContext(
        region="us-east-1",
        endpoint_url="https://sm.example.com",
        user_agent="ua",
        max_attempts=max_attempts,
        quota=quota or RetryQuota(),
        modeled_errors={},
        now=clock or Clock(),
        random=random,
        new_invocation_id=lambda: f"inv-{next(ids)}",
        clock_skew=ClockSkew(),
        validate=validate,
    )


def params(count=1):
    return CreateInput(
        config_name="c",
        production_variants=[Variant(variant_name="v", initial_instance_count=count)],
    )


def ok(body=None):
    return HttpResponse(
        200, {"x-amzn-requestid": "r"}, json.dumps(body or {"ThingName": "t"}).encode()
    )


def err(status, code=None, message="m"):
    body = json.dumps({"__type": code, "message": message}).encode() if code else b""
    return HttpResponse(status, {"x-amzn-requestid": "r"}, body)


def drive(flow, replies, on_sleep=None):
    """Run the flow, answering Send with the next reply; returns (commands, result or error)."""
    commands = []
    replies = iter(replies)
    reply = None
    while True:
        try:
            command = flow.send(reply)
        except StopIteration as stop:
            return commands, stop.value
        except Exception as exc:  # noqa: BLE001 - the flow's error is the result under test
            return commands, exc
        commands.append(command)
        if isinstance(command, GetCredentials):
            reply = CREDS
        elif isinstance(command, Send):
            reply = next(replies)
        elif isinstance(command, Sleep):
            if on_sleep:
                on_sleep(command)
            reply = None
        else:  # pragma: no cover
            raise AssertionError(command)


def kinds(commands):
    return [type(command).__name__ for command in commands]


def test_success_sequence_and_output():
    commands, result = drive(
        call_flow(OP, params(), make_context()), [ok({"ThingName": "t", "Nested": {"Count": 2}})]
    )
    assert kinds(commands) == ["GetCredentials", "Send"]
    assert result == Thing(name="t", nested=Inner(count=2))
    request = commands[1].request
    assert request.headers["X-Amz-Target"] == "SageMaker.CreateThing"
    assert request.headers["amz-sdk-request"] == "attempt=1; max=3"
    assert request.headers["amz-sdk-invocation-id"] == "inv-1"
    assert request.headers["Authorization"].startswith(
        "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sagemaker/aws4_request"
    )
    assert json.loads(request.body) == {
        "EndpointConfigName": "c",
        "ProductionVariants": [{"VariantName": "v", "InitialInstanceCount": 1}],
    }
    assert request.url == "https://sm.example.com/"


def test_validation_exception_raises_at_once():
    commands, result = drive(
        call_flow(OP, params(), make_context()), [err(400, "ValidationException", "nope")]
    )
    assert kinds(commands) == ["GetCredentials", "Send"]
    assert isinstance(result, ValidationException)
    assert result.message == "nope"
    assert result.status_code == 400


def test_503_then_200_sleeps_and_resigns():
    clock = Clock()

    def advance(_):
        clock.now += datetime.timedelta(seconds=7)

    commands, result = drive(
        call_flow(OP, params(), make_context(clock=clock, random=lambda: 0.5)),
        [err(503), ok()],
        on_sleep=advance,
    )
    assert kinds(commands) == ["GetCredentials", "Send", "Sleep", "GetCredentials", "Send"]
    assert result == Thing(name="t")
    sleep = commands[2]
    assert sleep.seconds == 0.5
    assert isinstance(sleep.reason, ServiceError)
    assert sleep.reason.status_code == 503
    first, second = commands[1].request, commands[4].request
    assert first.headers["amz-sdk-request"] == "attempt=1; max=3"
    assert second.headers["amz-sdk-request"] == "attempt=2; max=3"
    assert first.headers["amz-sdk-invocation-id"] == second.headers["amz-sdk-invocation-id"]
    assert first.headers["X-Amz-Date"] != second.headers["X-Amz-Date"]
    assert first.headers["Authorization"] != second.headers["Authorization"]
    assert first.body == second.body


def test_backoff_grows_per_attempt():
    commands, result = drive(
        call_flow(OP, params(), make_context(max_attempts=4)),
        [err(500), err(502), err(504), ok()],
    )
    assert [c.seconds for c in commands if isinstance(c, Sleep)] == [1, 2, 4]
    assert result == Thing(name="t")


def test_max_attempts_exhausted_raises_last_error():
    commands, result = drive(
        call_flow(OP, params(), make_context(max_attempts=3)),
        [
            err(500, "InternalFailure", "one"),
            err(503, "ServiceUnavailable", "two"),
            err(400, "ThrottlingException", "three"),
        ],
    )
    assert kinds(commands).count("Send") == 3
    assert kinds(commands).count("Sleep") == 2
    assert isinstance(result, ThrottlingException)
    assert result.message == "three"


def test_max_attempts_one_never_retries():
    commands, result = drive(call_flow(OP, params(), make_context(max_attempts=1)), [err(503)])
    assert kinds(commands) == ["GetCredentials", "Send"]
    assert isinstance(result, ServiceError)


def test_timeouts_retried_then_request_timeout_error():
    quota = RetryQuota()
    commands, result = drive(
        call_flow(OP, params(), make_context(quota=quota)),
        [TransportFailure("timeout", "read timed out")] * 3,
    )
    assert kinds(commands).count("Send") == 3
    assert isinstance(result, RequestTimeoutError)
    assert result.attempts == 3
    assert result.operation == "CreateThing"
    assert quota.available == 500 - 2 * 10


def test_connect_failure_then_success_refunds_quota():
    quota = RetryQuota()
    commands, result = drive(
        call_flow(OP, params(), make_context(quota=quota)),
        [TransportFailure("connect", "refused"), ok()],
    )
    assert result == Thing(name="t")
    assert quota.available == 500


def test_connection_failures_raise_connection_failed():
    _, result = drive(
        call_flow(OP, params(), make_context(max_attempts=2)),
        [TransportFailure("connect", "refused")] * 2,
    )
    assert isinstance(result, ConnectionFailedError)
    assert result.attempts == 2


def test_drained_quota_stops_retrying():
    quota = RetryQuota(capacity=5)
    commands, result = drive(
        call_flow(OP, params(), make_context(quota=quota, max_attempts=5)),
        [err(503), err(503), err(503)],
    )
    assert kinds(commands).count("Send") == 2
    assert isinstance(result, ServiceError)
    assert quota.available == 0


def test_invalid_params_raise_before_any_command():
    flow = call_flow(OP, params(count="1"), make_context())
    with pytest.raises(ParamValidationError) as caught:
        next(flow)
    assert (
        "production_variants[0].initial_instance_count: expected int, got str"
        in caught.value.problems
    )
    assert caught.value.operation == "CreateThing"
    assert "production_variants[0].initial_instance_count" in str(caught.value)


def test_validate_false_skips_validation():
    commands, _ = drive(call_flow(OP, params(count=2.0), make_context(validate=False)), [ok()])
    assert kinds(commands) == ["GetCredentials", "Send"]
    assert (
        json.loads(commands[1].request.body)["ProductionVariants"][0]["InitialInstanceCount"] == 2.0
    )


def test_wrong_input_type_raises_param_validation_error():
    flow = call_flow(OP, ListInput(), make_context(validate=False))
    with pytest.raises(ParamValidationError) as caught:
        next(flow)
    assert "CreateInput" in str(caught.value)
    assert "ListInput" in str(caught.value)


def test_success_with_unparseable_body_is_not_retried():
    from sagemaker_client._core.errors import ResponseParseError

    commands, result = drive(
        call_flow(OP, params(), make_context()), [HttpResponse(200, {}, b"<html>")]
    )
    assert kinds(commands).count("Send") == 1
    assert isinstance(result, ResponseParseError)


# -- idempotency tokens, ttl, clock skew, encoding -------------------------------------------

TOKEN_OP = OperationSpec(name="CreateWithToken", input=CreateWithToken, output=Thing)


def token_context(**kwargs):
    tokens = itertools.count(1)
    context = make_context(**kwargs)
    return context._replace(new_idempotency_token=lambda: f"token-{next(tokens)}")


def sent_bodies(commands):
    return [json.loads(c.request.body) for c in commands if isinstance(c, Send)]


def test_idempotency_token_filled_once_and_repeated_on_every_attempt():
    context = token_context()
    commands, result = drive(
        call_flow(TOKEN_OP, CreateWithToken(name="n"), context), [err(503)] * 2 + [ok()]
    )
    assert result == Thing(name="t")
    assert [body["ClientToken"] for body in sent_bodies(commands)] == ["token-1"] * 3
    commands, _ = drive(call_flow(TOKEN_OP, CreateWithToken(name="n"), context), [ok()])
    assert sent_bodies(commands)[0]["ClientToken"] == "token-2"


def test_idempotency_token_given_by_the_caller_is_kept():
    commands, _ = drive(
        call_flow(TOKEN_OP, CreateWithToken(name="n", client_token="mine"), token_context()),
        [ok()],
    )
    assert sent_bodies(commands)[0]["ClientToken"] == "mine"


def test_default_idempotency_token_is_a_uuid4():
    import uuid

    commands, _ = drive(call_flow(TOKEN_OP, CreateWithToken(name="n"), make_context()), [ok()])
    token = sent_bodies(commands)[0]["ClientToken"]
    assert uuid.UUID(token).version == 4


def with_date(response, date):
    return HttpResponse(response.status_code, {**response.headers, "date": date}, response.body)


def test_retry_carries_botocore_ttl_from_the_date_header():
    context = make_context()._replace(read_timeout=60.0)
    commands, _ = drive(
        call_flow(OP, params(), context),
        [
            with_date(err(503), "Mon, 01 Jan 2024 00:00:00 GMT"),
            TransportFailure("connection", "reset"),
            ok(),
        ],
    )
    headers = [c.request.headers["amz-sdk-request"] for c in commands if isinstance(c, Send)]
    assert headers == [
        "attempt=1; max=3",
        "ttl=20240101T000100Z; attempt=2; max=3",
        # botocore keeps the last ttl when an attempt got no response
        "ttl=20240101T000100Z; attempt=3; max=3",
    ]


def test_no_ttl_without_a_read_timeout_or_a_date():
    commands, _ = drive(
        call_flow(OP, params(), make_context()),
        [with_date(err(503), "Mon, 01 Jan 2024 00:00:00 GMT"), err(503), ok()],
    )
    headers = [c.request.headers["amz-sdk-request"] for c in commands if isinstance(c, Send)]
    assert headers == ["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"]


SKEWED = "Mon, 01 Jan 2024 01:00:00 GMT"  # the service is one hour ahead of START


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (
            "RequestTimeTooSkewed",
            "The difference between the request time and the current time is too large.",
        ),
        ("RequestExpired", "Request has expired."),
        (
            "InvalidSignatureException",
            "Signature expired: 20240101T000000Z is now earlier than 20240101T005500Z "
            "(20240101T010000Z - 5 min.)",
        ),
        (
            "AuthFailure",
            "Signature not yet current: 20240101T000000Z is still later than ...",
        ),
    ],
)
def test_clock_skew_is_learned_and_retried_once_at_once(code, message):
    clock = Clock()
    context = make_context(clock=clock)
    commands, result = drive(
        call_flow(OP, params(), context), [with_date(err(403, code, message), SKEWED), ok()]
    )
    assert result == Thing(name="t")
    assert kinds(commands) == ["GetCredentials", "Send", "GetCredentials", "Send"]  # no Sleep
    first, second = [c.request for c in commands if isinstance(c, Send)]
    assert first.headers["X-Amz-Date"] == "20240101T000000Z"
    assert second.headers["X-Amz-Date"] == "20240101T010000Z"
    assert second.headers["amz-sdk-request"] == "attempt=2; max=3"
    assert context.clock_skew.offset == datetime.timedelta(hours=1)
    assert context.quota.available == 500  # a correction, not a paid retry
    # the offset stays with the client: the next call is signed right the first time
    commands, _ = drive(call_flow(OP, params(), context), [ok()])
    assert commands[1].request.headers["X-Amz-Date"] == "20240101T010000Z"


def test_clock_skew_retried_only_once_per_call():
    context = make_context()
    skewed = with_date(err(400, "RequestTimeTooSkewed", "too skewed"), SKEWED)
    commands, result = drive(call_flow(OP, params(), context), [skewed, skewed, ok()])
    assert kinds(commands).count("Send") == 2
    assert isinstance(result, ServiceError)
    assert result.code == "RequestTimeTooSkewed"


def test_invalid_signature_for_another_reason_is_not_a_skew():
    context = make_context()
    bad_key = with_date(
        err(403, "InvalidSignatureException", "The request signature we calculated does not match"),
        SKEWED,
    )
    commands, result = drive(call_flow(OP, params(), context), [bad_key, ok()])
    assert kinds(commands).count("Send") == 1
    assert isinstance(result, InvalidSignatureException)
    assert context.clock_skew.offset == datetime.timedelta(0)


def test_clock_skew_without_date_header_is_raised():
    context = make_context()
    commands, result = drive(
        call_flow(OP, params(), context), [err(400, "RequestTimeTooSkewed", "too skewed"), ok()]
    )
    assert kinds(commands).count("Send") == 1
    assert result.code == "RequestTimeTooSkewed"


def test_clock_skew_with_max_attempts_one_is_learned_but_not_retried():
    context = make_context(max_attempts=1)
    skewed = with_date(err(400, "RequestTimeTooSkewed", "too skewed"), SKEWED)
    commands, result = drive(call_flow(OP, params(), context), [skewed])
    assert kinds(commands).count("Send") == 1
    assert result.code == "RequestTimeTooSkewed"
    assert context.clock_skew.offset == datetime.timedelta(hours=1)


def test_clock_skew_object_is_shared_state():
    skew = ClockSkew()
    skew.offset = datetime.timedelta(seconds=-30)
    assert skew.now(lambda: START) == START - datetime.timedelta(seconds=30)
    assert repr(skew) == "ClockSkew(offset=-30s)"


def test_unencodable_input_with_validate_false_is_a_param_validation_error():
    flow = call_flow(
        OP,
        CreateInput(config_name="c", production_variants=[], tags={"k": {1, 2}}),
        make_context(validate=False),
    )
    with pytest.raises(ParamValidationError) as caught:
        next(flow)
    assert "cannot be encoded as JSON" in str(caught.value)
    assert caught.value.__cause__ is None
