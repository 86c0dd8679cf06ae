"""Fault injection: every hostile or broken answer ends in success after retries or a named error.

Each test scripts the server on 127.0.0.1 and runs for the sync and the async client. Backoff
jitter is 0 (see conftest), so retries are immediate; stalls use short client timeouts.
"""

from __future__ import annotations

import datetime
import email.utils
import re
import uuid

import pytest
from fault_clients import (
    ACCESS_KEY,
    CREATE_THING,
    ENDPOINT_BODY,
    CreateThingInput,
    CreateThingOutput,
    attempts,
    signature_is_valid,
)
from fault_server import (
    Delay,
    Huge,
    Partial,
    Raw,
    Reply,
    Reset,
    Stall,
    error_reply,
)

from sagemaker_client import _client_state
from sagemaker_client._core.http import MAX_RESPONSE_BYTES
from sagemaker_client.errors import (
    AccessDeniedException,
    ConnectionFailedError,
    InvalidSignatureException,
    ParamValidationError,
    RequestTimeoutError,
    ResponseParseError,
    SageMakerError,
    ServiceError,
    ThrottlingException,
    ValidationException,
)
from sagemaker_client.models import DescribeEndpointOutput, EndpointStatus

TTL_RETRY = re.compile(r"ttl=\d{8}T\d{6}Z; attempt=(\d); max=(\d)")


def retry_numbers(server):
    """(attempt, max) of every request, whether or not it carries a ttl."""
    return [
        tuple(int(n) for n in re.search(r"attempt=(\d+); max=(\d+)", header).groups())
        for header in attempts(server)
    ]


# -- retried to success -------------------------------------------------------------------------


async def test_503_then_success_is_resigned_with_a_fresh_date(caller, fault_server, monkeypatch):
    start = datetime.datetime.now(datetime.timezone.utc)
    ticks = iter(range(100))
    monkeypatch.setattr(
        _client_state,
        "_utc_now",
        lambda: start + datetime.timedelta(seconds=7 * next(ticks)),
    )
    fault_server.script(Reply(503, b"<html>Service Unavailable</html>", content_type="text/html"))
    fault_server.default = Reply(200, ENDPOINT_BODY)
    client = caller.client()

    endpoint = await caller.describe(client)

    assert isinstance(endpoint, DescribeEndpointOutput)
    assert endpoint.endpoint_status is EndpointStatus.IN_SERVICE
    first, second = fault_server.requests
    assert first.headers["amz-sdk-request"] == "attempt=1; max=3"
    assert TTL_RETRY.fullmatch(second.headers["amz-sdk-request"]).groups() == ("2", "3")
    assert first.headers["amz-sdk-invocation-id"] == second.headers["amz-sdk-invocation-id"]
    assert first.headers["x-amz-date"] != second.headers["x-amz-date"]
    assert first.headers["authorization"] != second.headers["authorization"]
    assert first.body == second.body
    assert signature_is_valid(first)
    assert signature_is_valid(second)
    assert f"Credential={ACCESS_KEY}/" in second.headers["authorization"]


async def test_throttling_is_retried_until_success(caller, fault_server):
    fault_server.script(
        error_reply(400, "ThrottlingException", "Rate exceeded"),
        error_reply(400, "TooManyRequestsException", "slow down"),
        Reply(200, ENDPOINT_BODY),
    )
    client = caller.client()
    endpoint = await caller.describe(client)
    assert endpoint.endpoint_name == "ep"
    assert [n for n, _ in retry_numbers(fault_server)] == [1, 2, 3]
    assert all(signature_is_valid(r) for r in fault_server.requests)
    # two retries took 5 + 5; success refunds the last retry's cost, as botocore does
    assert client._state.quota.available == 495


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(Reset(), id="connection-reset"),
        pytest.param(Partial(Reply(200, ENDPOINT_BODY), sent=20), id="body-cut-midway"),
        pytest.param(Partial(Reply(200, ENDPOINT_BODY), sent=0), id="headers-only"),
        pytest.param(Raw(b"SSH-2.0-OpenSSH_9.6\r\n"), id="not-http"),
        pytest.param(Raw(b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n"), id="bad-headers"),
        pytest.param(error_reply(500, "InternalFailure", "oops"), id="500-json"),
        pytest.param(Reply(502, b"<html>Bad Gateway</html>", content_type="text/html"), id="502"),
        pytest.param(Reply(504, b""), id="504-empty"),
        pytest.param(error_reply(400, "RequestTimeoutException", "late"), id="transient-code"),
    ],
)
async def test_fault_then_success(caller, fault_server, fault):
    fault_server.script(fault, Reply(200, ENDPOINT_BODY))
    client = caller.client()
    endpoint = await caller.describe(client)
    assert endpoint.endpoint_name == "ep"
    assert len(fault_server.requests) == 2
    assert [n for n, _ in retry_numbers(fault_server)] == [1, 2]
    assert len({r.headers["amz-sdk-invocation-id"] for r in fault_server.requests}) == 1
    assert all(signature_is_valid(r) for r in fault_server.requests)
    assert client._state.quota.available == 500  # paid 5, refunded on success


async def test_stall_past_the_read_timeout_then_success(caller, fault_server):
    fault_server.script(Stall(5), Reply(200, ENDPOINT_BODY))
    client = caller.client(timeout=0.3)
    endpoint = await caller.describe(client)
    assert endpoint.endpoint_name == "ep"
    assert len(fault_server.requests) == 2
    assert client._state.quota.available == 500  # paid 10 for the timeout, refunded


async def test_slow_answer_within_the_timeout_is_one_attempt(caller, fault_server):
    fault_server.script(Delay(0.15, Reply(200, ENDPOINT_BODY)))
    client = caller.client(timeout=2)
    endpoint = await caller.describe(client)
    assert endpoint.endpoint_name == "ep"
    assert len(fault_server.requests) == 1


# -- retried, then given up on ------------------------------------------------------------------


async def test_5xx_with_html_exhausts_attempts(caller, fault_server):
    fault_server.default = Reply(
        500,
        b"<html><body><h1>500 Internal Server Error</h1></body></html>",
        content_type="text/html",
        request_id="req-html-500",
    )
    client = caller.client()
    error = await caller.fails(client)
    assert type(error) is ServiceError
    assert error.code == "HTTP500"
    assert error.status_code == 500
    assert error.request_id == "req-html-500"
    assert "<html><body><h1>500 Internal" in error.message
    assert error.operation == "DescribeEndpoint"
    assert len(fault_server.requests) == 3
    assert client._state.quota.available == 490


async def test_connection_reset_every_time(caller, fault_server):
    fault_server.default = Reset()
    client = caller.client()
    error = await caller.fails(client)
    assert isinstance(error, ConnectionFailedError)
    assert error.attempts == 3
    assert "DescribeEndpoint" in str(error)
    assert len(fault_server.requests) == 3
    assert error.__cause__ is None
    assert error.__context__ is None or isinstance(error.__context__, SageMakerError)


async def test_body_cut_every_time(caller, fault_server):
    fault_server.default = Partial(Reply(200, ENDPOINT_BODY), sent=30)
    client = caller.client(max_attempts=2)
    error = await caller.fails(client)
    assert isinstance(error, ConnectionFailedError)
    assert error.attempts == 2
    assert len(fault_server.requests) == 2


async def test_stall_every_time_is_a_request_timeout(caller, fault_server):
    fault_server.default = Stall(5)
    client = caller.client(timeout=0.25, max_attempts=2)
    error = await caller.fails(client)
    assert isinstance(error, RequestTimeoutError)
    assert error.attempts == 2
    assert len(fault_server.requests) == 2
    assert client._state.quota.available == 490  # one retry after a timeout costs 10


async def test_non_retryable_error_after_a_retryable_one(caller, fault_server):
    fault_server.script(Reply(503, b""), error_reply(400, "ValidationException", "bad name"))
    client = caller.client()
    error = await caller.fails(client)
    assert isinstance(error, ValidationException)
    assert len(fault_server.requests) == 2


async def test_max_attempts_one_turns_retries_off(caller, fault_server):
    fault_server.default = Reply(503, b"")
    client = caller.client(max_attempts=1)
    error = await caller.fails(client)
    assert error.status_code == 503
    assert attempts(fault_server) == ["attempt=1; max=1"]


async def test_a_dead_service_drains_the_retry_quota(caller, fault_server):
    fault_server.default = Reply(503, b"")
    client = caller.client()
    calls = 0
    while len(fault_server.requests) == 3 * calls:
        calls += 1
        await caller.fails(client)
        assert calls <= 60, "the quota never ran out"
    # 500 tokens pay for 100 retries of 5: 50 calls of 3 attempts, then no more retries
    assert calls == 51
    assert len(fault_server.requests) == 50 * 3 + 1
    assert client._state.quota.available == 0
    # a success refills a little, and retries resume as the quota allows
    fault_server.default = Reply(200, ENDPOINT_BODY)
    await caller.describe(client)
    assert client._state.quota.available == 1


# -- never retried ------------------------------------------------------------------------------


async def test_validation_exception_is_not_retried(caller, fault_server):
    fault_server.default = error_reply(
        400, "ValidationException", "1 validation error detected", request_id="req-v"
    )
    client = caller.client()
    error = await caller.fails(client)
    assert isinstance(error, ValidationException)
    assert error.message == "1 validation error detected"
    assert error.request_id == "req-v"
    assert len(fault_server.requests) == 1


@pytest.mark.parametrize(
    ("status", "code", "error_class"),
    [
        (403, "AccessDeniedException", AccessDeniedException),
        (400, "ResourceNotFound", ServiceError),
        (404, "UnknownOperationException", ServiceError),
        (413, "RequestEntityTooLarge", ServiceError),
        (429, "SomeQuotaExceeded", ServiceError),
        (403, "InvalidSignatureException", InvalidSignatureException),
    ],
)
async def test_other_4xx_are_not_retried(caller, fault_server, status, code, error_class):
    fault_server.default = error_reply(status, code, "no")
    client = caller.client()
    error = await caller.fails(client)
    assert isinstance(error, error_class)
    assert error.code == code
    assert error.status_code == status
    assert len(fault_server.requests) == 1


async def test_redirects_are_not_followed(caller, fault_server):
    fault_server.default = Reply(302, b"", headers={"Location": "http://127.0.0.1:9/"})
    client = caller.client()
    error = await caller.fails(client)
    assert isinstance(error, ServiceError)
    assert error.code == "HTTP302"
    assert len(fault_server.requests) == 1


async def test_invalid_input_sends_nothing(caller, fault_server):
    client = caller.client()
    error = await caller.fails(client, endpoint_name=5)
    assert isinstance(error, ParamValidationError)
    assert error.problems == ("endpoint_name: expected str, got int",)
    try:
        await caller.invoke(client, CREATE_THING, CreateThingInput(thing_name=""))
    except ParamValidationError as caught:
        assert caught.problems == ("thing_name: must have at least 1 characters, got 0",)
    else:
        raise AssertionError("not validated")
    assert fault_server.requests == []


async def test_validate_false_sends_what_the_model_rejects(caller, fault_server):
    fault_server.default = Reply(200, {"ThingArn": "arn"})
    client = caller.client(validate=False)
    await caller.invoke(client, CREATE_THING, CreateThingInput(thing_name=""))
    assert fault_server.requests[0].json()["ThingName"] == ""


# -- broken successes: a named error with status, request id and the first bytes ---------------


@pytest.mark.parametrize(
    ("body", "content_type", "what"),
    [
        (b"<html><body>Hello from a proxy</body></html>", "text/html", "body is not JSON"),
        (b'[{"EndpointName": "ep"}]', "application/json", "body is JSON list, not an object"),
        (b'"just a string"', "application/json", "body is JSON str, not an object"),
        (b"42", "application/json", "body is JSON int, not an object"),
        (b'{"EndpointName": "\xff\xfe"}', "application/x-amz-json-1.1", "not valid UTF-8"),
        (b'{"EndpointName": "ep", ', "application/x-amz-json-1.1", "body is not JSON"),
        (b"[" * 100_000, "application/json", "body is"),
    ],
)
async def test_200_with_a_body_that_is_not_an_object(
    caller, fault_server, body, content_type, what
):
    fault_server.default = Reply(200, body, content_type=content_type, request_id="req-bad")
    client = caller.client()
    error = await caller.fails(client)
    assert isinstance(error, ResponseParseError)
    assert what in str(error)
    assert error.status_code == 200
    assert error.request_id == "req-bad"
    assert error.body_preview == body[:256]
    assert len(fault_server.requests) == 1  # the call may have had its effect: not repeated


async def test_members_of_the_wrong_json_type_are_named(caller, fault_server):
    fault_server.default = Reply(200, {**ENDPOINT_BODY, "CreationTime": {"not": "a time"}})
    client = caller.client()
    error = await caller.fails(client)
    assert isinstance(error, ResponseParseError)
    assert "CreationTime" in str(error)
    assert error.status_code == 200


async def test_unknown_fields_and_enum_values_are_tolerated(caller, fault_server):
    fault_server.default = Reply(
        200,
        {**ENDPOINT_BODY, "EndpointStatus": "Hibernating", "BrandNewField": {"a": [1, 2]}},
        content_type="text/plain; charset=latin-1",  # wrong Content-Type: the body decides
    )
    client = caller.client()
    endpoint = await caller.describe(client)
    assert endpoint.endpoint_status == "Hibernating"
    assert not isinstance(endpoint.endpoint_status, EndpointStatus)


async def test_empty_200_gives_zero_values(caller, fault_server):
    fault_server.default = Reply(200, b"")
    client = caller.client()
    endpoint = await caller.describe(client)
    # required members get Smithy's zero values, optional ones stay None
    assert endpoint.endpoint_name == ""
    assert endpoint.creation_time == datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    assert endpoint.production_variants is None


async def test_huge_body_is_cut_at_the_limit(caller, fault_server):
    fault_server.default = Huge(MAX_RESPONSE_BYTES + (1 << 20))
    client = caller.client()
    error = await caller.fails(client)
    assert isinstance(error, ResponseParseError)
    assert f"larger than {MAX_RESPONSE_BYTES} bytes" in str(error)
    assert len(fault_server.requests) == 1


async def test_large_body_under_the_limit_parses(caller, fault_server):
    many = [
        {"EndpointName": f"ep-{i}", "EndpointArn": "a" * 200, "CreationTime": i}
        for i in range(20_000)
    ]
    fault_server.default = Reply(200, {"Endpoints": many})
    client = caller.client()
    output = await caller.call(client, "list_endpoints")
    assert len(output.endpoints) == 20_000


# -- idempotency tokens -------------------------------------------------------------------------


async def test_idempotency_token_repeats_across_retries(caller, fault_server):
    fault_server.script(Reset(), Reply(503, b""), Reply(200, {"ThingArn": "arn:thing"}))
    client = caller.client()

    output = await caller.invoke(client, CREATE_THING, CreateThingInput(thing_name="t"))

    assert output == CreateThingOutput(thing_arn="arn:thing")
    tokens = [request.json()["ClientToken"] for request in fault_server.requests]
    assert len(tokens) == 3
    assert len(set(tokens)) == 1
    assert uuid.UUID(tokens[0]).version == 4
    assert all(signature_is_valid(r) for r in fault_server.requests)
    # a new call gets a new token; a token the caller gives is sent as it is
    await caller.invoke(client, CREATE_THING, CreateThingInput(thing_name="t"))
    await caller.invoke(client, CREATE_THING, CreateThingInput(thing_name="t", client_token="m"))
    later = [request.json()["ClientToken"] for request in fault_server.requests[3:]]
    assert later[0] not in tokens
    assert later[1] == "m"


EXECUTION_ARN = "arn:aws:sagemaker:us-east-1:123456789012:pipeline/p/execution/e1"


async def test_generated_operation_token_repeats_across_retries(caller, fault_server):
    fault_server.script(error_reply(400, "ThrottlingException", "slow"), Reset())
    fault_server.default = Reply(200, {"PipelineExecutionArn": EXECUTION_ARN})
    client = caller.client()
    output = await caller.call(
        client, "stop_pipeline_execution", pipeline_execution_arn=EXECUTION_ARN
    )
    assert output.pipeline_execution_arn == EXECUTION_ARN
    tokens = [request.json()["ClientRequestToken"] for request in fault_server.requests]
    assert len(tokens) == 3
    assert len(set(tokens)) == 1
    assert uuid.UUID(tokens[0]).version == 4


async def test_generated_model_constraints_are_checked_before_sending(caller, fault_server):
    client = caller.client()
    error = await caller.fails(client, endpoint_name="my_endpoint")  # SageMaker refuses "_"
    assert isinstance(error, ParamValidationError)
    assert error.problems == (
        "endpoint_name: does not match the pattern '[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}'",
    )
    error = await caller.fails(
        client,
        "stop_pipeline_execution",
        pipeline_execution_arn=EXECUTION_ARN,
        client_request_token="short",
    )
    assert error.problems == ("client_request_token: must have at least 32 characters, got 5",)
    assert fault_server.requests == []


# -- clock skew ---------------------------------------------------------------------------------


def _amz_date(request):
    return datetime.datetime.strptime(request.headers["x-amz-date"], "%Y%m%dT%H%M%SZ").replace(
        tzinfo=datetime.timezone.utc
    )


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("InvalidSignatureException", "Signature expired: {ours} is now earlier than {theirs}"),
        ("RequestTimeTooSkewed", "The difference between the request time and now is too large"),
    ],
)
async def test_clock_skew_is_corrected_and_remembered(caller, fault_server, code, message):
    service_now = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=2)
    fault_server.script(
        error_reply(403, code, message, date=email.utils.format_datetime(service_now, True))
    )
    fault_server.default = Reply(200, ENDPOINT_BODY)
    client = caller.client()

    await caller.describe(client)
    await caller.describe(client)

    skewed, corrected, later = fault_server.requests
    assert abs(_amz_date(skewed) - service_now) > datetime.timedelta(minutes=100)
    assert abs(_amz_date(corrected) - service_now) < datetime.timedelta(seconds=30)
    assert abs(_amz_date(later) - service_now) < datetime.timedelta(seconds=30)
    assert corrected.headers["amz-sdk-request"].endswith("attempt=2; max=3")
    assert later.headers["amz-sdk-request"] == "attempt=1; max=3"
    assert all(signature_is_valid(r) for r in fault_server.requests)


# -- per-call options ---------------------------------------------------------------------------


async def test_with_options_timeout_applies_to_its_calls_only(caller, fault_server):
    client = caller.client(timeout=30)
    quick = client.with_options(timeout=0.25, max_attempts=1)
    fault_server.script(Stall(5), Delay(0.4, Reply(200, ENDPOINT_BODY)))

    error = await caller.fails(quick)
    assert isinstance(error, RequestTimeoutError)
    assert error.attempts == 1
    endpoint = await caller.describe(client)  # 0.4 s is fine for the 30 s client
    assert endpoint.endpoint_name == "ep"
    assert attempts(fault_server) == ["attempt=1; max=1", "attempt=1; max=3"]


async def test_with_options_shares_the_connection_pool(caller, fault_server):
    fault_server.default = Reply(200, ENDPOINT_BODY)
    client = caller.client()
    other = client.with_options(max_attempts=5)
    await caller.describe(client)
    await caller.describe(other)
    await caller.describe(client.with_options(timeout=3))
    assert other._http_client() is client._http_client()
    assert fault_server.connections == 1
    assert len({r.client_port for r in fault_server.requests}) == 1
    assert [r.headers["amz-sdk-request"] for r in fault_server.requests] == [
        "attempt=1; max=3",
        "attempt=1; max=5",
        "attempt=1; max=3",
    ]
    # closing a derived client leaves the shared pool to its owner
    await caller.close(other)
    await caller.describe(client)
    assert fault_server.connections == 1


async def test_with_options_shares_the_retry_quota(caller, fault_server):
    fault_server.default = Reset()
    client = caller.client()
    other = client.with_options(max_attempts=2)
    await caller.fails(other)
    assert client._state.quota.available == 495
    assert other._state.quota is client._state.quota


async def test_throttling_error_class_carries_its_facts(caller, fault_server):
    fault_server.default = error_reply(400, "ThrottlingException", "Rate exceeded", request_id="t1")
    client = caller.client(max_attempts=2)
    error = await caller.fails(client)
    assert isinstance(error, ThrottlingException)
    assert (error.code, error.status_code, error.request_id) == ("ThrottlingException", 400, "t1")
    assert len(fault_server.requests) == 2
