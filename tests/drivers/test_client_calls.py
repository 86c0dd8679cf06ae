from __future__ import annotations

import datetime
import itertools
import json

import botocore.session
import httpx
import pytest
from botocore.awsrequest import AWSResponse
from botocore.config import Config
from mock_service import ENDPOINT, Recorder, error_response, json_response

from sagemaker_client import _client_state
from sagemaker_client.errors import (
    ConnectionFailedError,
    ParamValidationError,
    RequestTimeoutError,
    ResourceLimitExceeded,
    ResponseParseError,
    SageMakerError,
    ServiceError,
    ValidationException,
)
from sagemaker_client.models import DescribeEndpointOutput, EndpointStatus, ProductionVariant, Tag

UTC = datetime.timezone.utc

ENDPOINT_BODY = {
    "EndpointName": "ep",
    "EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/ep",
    "EndpointConfigName": "cfg",
    "EndpointStatus": "InService",
    "CreationTime": 1704164645.5,
    "LastModifiedTime": 1704164700,
    "ProductionVariants": [{"VariantName": "v1", "CurrentInstanceCount": 2, "CurrentWeight": 1}],
    "SomethingNew": {"x": [1, 2]},
}


async def test_describe_endpoint_request_and_response(sm):
    recorder = Recorder([json_response(ENDPOINT_BODY)])
    client = sm.client(recorder)
    out = await sm.call(client, "describe_endpoint", endpoint_name="ep")

    assert len(recorder.requests) == 1
    request = recorder.requests[0]
    assert request.method == "POST"
    assert str(request.url) == ENDPOINT + "/"
    assert request.headers["X-Amz-Target"] == "SageMaker.DescribeEndpoint"
    assert request.headers["Content-Type"] == "application/x-amz-json-1.1"
    authorization = request.headers["Authorization"]
    assert authorization.startswith("AWS4-HMAC-SHA256 Credential=AKIDTEST/")
    assert "/us-east-1/sagemaker/aws4_request" in authorization
    assert "SignedHeaders=" in authorization
    assert "x-amz-target" in authorization
    assert request.headers["X-Amz-Date"].endswith("Z")
    assert json.loads(request.content) == {"EndpointName": "ep"}
    assert request.headers["amz-sdk-request"] == "attempt=1; max=3"

    assert isinstance(out, DescribeEndpointOutput)
    assert out.endpoint_name == "ep"
    assert out.endpoint_status is EndpointStatus.IN_SERVICE
    assert out.creation_time == datetime.datetime(2024, 1, 2, 3, 4, 5, 500000, tzinfo=UTC)
    assert out.creation_time.tzinfo is not None
    assert out.last_modified_time == datetime.datetime(2024, 1, 2, 3, 5, tzinfo=UTC)
    assert out.production_variants[0].current_instance_count == 2
    assert out.production_variants[0].current_weight == 1.0


async def test_describe_endpoint_unknown_enum_stays_str(sm):
    recorder = Recorder([json_response({"EndpointName": "ep", "EndpointStatus": "Hibernating"})])
    out = await sm.call(sm.client(recorder), "describe_endpoint", endpoint_name="ep")
    assert out.endpoint_status == "Hibernating"
    assert type(out.endpoint_status) is str


async def test_session_token_is_sent(sm):
    recorder = Recorder([json_response({})])
    client = sm.client(recorder, aws_session_token="the-session-token")
    await sm.call(client, "describe_endpoint", endpoint_name="ep")
    assert recorder.requests[0].headers["X-Amz-Security-Token"] == "the-session-token"
    assert "x-amz-security-token" in recorder.requests[0].headers["Authorization"]


# -- wire format against botocore ------------------------------------------------------------


class _Raw:
    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_):
        yield self._body


def botocore_request(operation: str, **params):
    """The request botocore's own sagemaker client would send (captured, never sent)."""
    session = botocore.session.get_session()
    client = session.create_client(
        "sagemaker",
        region_name="us-east-1",
        aws_access_key_id="a",
        aws_secret_access_key="b",
        config=Config(retries={"max_attempts": 0}),
    )
    captured = []

    def before_send(request, **_):
        captured.append(request)
        return AWSResponse(request.url, 200, {}, _Raw(b"{}"))

    client.meta.events.register("before-send.sagemaker", before_send)
    getattr(client, operation)(**params)
    client.close()
    return captured[0]


async def test_create_endpoint_config_body_matches_botocore(sm):
    recorder = Recorder([json_response({"EndpointConfigArn": "arn:cfg"})])
    out = await sm.call(
        sm.client(recorder),
        "create_endpoint_config",
        endpoint_config_name="cfg",
        production_variants=[
            ProductionVariant(
                variant_name="AllTraffic",
                model_name="m",
                initial_instance_count=2,
                instance_type="ml.m5.large",
                initial_variant_weight=0.75,
            ),
            ProductionVariant(
                variant_name="Canary",
                model_name="m2",
                initial_instance_count=1,
                instance_type="ml.t2.medium",
            ),
        ],
        tags=[Tag(key="team", value="ml")],
    )
    assert out.endpoint_config_arn == "arn:cfg"
    expected = botocore_request(
        "create_endpoint_config",
        EndpointConfigName="cfg",
        ProductionVariants=[
            {
                "VariantName": "AllTraffic",
                "ModelName": "m",
                "InitialInstanceCount": 2,
                "InstanceType": "ml.m5.large",
                "InitialVariantWeight": 0.75,
            },
            {
                "VariantName": "Canary",
                "ModelName": "m2",
                "InitialInstanceCount": 1,
                "InstanceType": "ml.t2.medium",
            },
        ],
        Tags=[{"Key": "team", "Value": "ml"}],
    )
    ours = recorder.requests[0]
    assert json.loads(ours.content) == json.loads(expected.body)
    assert ours.headers["X-Amz-Target"] == expected.headers["X-Amz-Target"].decode()
    assert ours.headers["Content-Type"] == expected.headers["Content-Type"].decode()
    assert ours.method == expected.method


async def test_list_models_body_matches_botocore(sm):
    recorder = Recorder([json_response({"Models": []})])
    await sm.call(
        sm.client(recorder),
        "list_models",
        max_results=5,
        sort_by="CreationTime",
        sort_order="Descending",
    )
    expected = botocore_request(
        "list_models", MaxResults=5, SortBy="CreationTime", SortOrder="Descending"
    )
    assert json.loads(recorder.requests[0].content) == json.loads(expected.body)
    assert recorder.requests[0].headers["X-Amz-Target"] == expected.headers["X-Amz-Target"].decode()


# -- errors ----------------------------------------------------------------------------------


async def test_validation_exception(sm):
    recorder = Recorder([error_response("ValidationException", "Could not find endpoint ep")])
    with pytest.raises(ValidationException) as caught:
        await sm.call(sm.client(recorder), "describe_endpoint", endpoint_name="ep")
    error = caught.value
    assert error.message == "Could not find endpoint ep"
    assert error.status_code == 400
    assert error.request_id == "req-1"
    assert error.operation == "DescribeEndpoint"
    assert len(recorder.requests) == 1


async def test_modeled_error_class(sm):
    recorder = Recorder([error_response("ResourceLimitExceeded", "too many")])
    with pytest.raises(ResourceLimitExceeded) as caught:
        await sm.call(
            sm.client(recorder), "create_endpoint", endpoint_name="e", endpoint_config_name="c"
        )
    assert caught.value.code == "ResourceLimitExceeded"


async def test_503_then_200_retries_and_resigns(sm, monkeypatch):
    # Retry headers are not signed (as in botocore): a new signature shows in a new date.
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    ticks = itertools.count()
    monkeypatch.setattr(
        _client_state, "_utc_now", lambda: start + datetime.timedelta(seconds=next(ticks))
    )
    recorder = Recorder(
        [httpx.Response(503, content=b"<html>busy</html>"), json_response({"EndpointName": "ep"})]
    )
    out = await sm.call(sm.client(recorder), "describe_endpoint", endpoint_name="ep")
    assert out.endpoint_name == "ep"
    assert len(recorder.requests) == 2
    first, second = recorder.requests
    assert first.headers["amz-sdk-request"] == "attempt=1; max=3"
    assert second.headers["amz-sdk-request"] == "attempt=2; max=3"
    assert first.headers["amz-sdk-invocation-id"] == second.headers["amz-sdk-invocation-id"]
    assert (first.headers["X-Amz-Date"], second.headers["X-Amz-Date"]) == (
        "20240101T000000Z",
        "20240101T000001Z",
    )
    assert first.headers["Authorization"] != second.headers["Authorization"]


async def test_max_attempts_one_does_not_retry(sm):
    recorder = Recorder([httpx.Response(503, content=b"busy")])
    with pytest.raises(ServiceError) as caught:
        await sm.call(sm.client(recorder, max_attempts=1), "describe_endpoint", endpoint_name="ep")
    assert caught.value.status_code == 503
    assert len(recorder.requests) == 1


async def test_throttling_exhausts_attempts(sm):
    recorder = Recorder([error_response("ThrottlingException", "slow down")])
    with pytest.raises(ServiceError) as caught:
        await sm.call(sm.client(recorder, max_attempts=4), "describe_endpoint", endpoint_name="ep")
    assert caught.value.code == "ThrottlingException"
    assert len(recorder.requests) == 4
    assert recorder.requests[-1].headers["amz-sdk-request"] == "attempt=4; max=4"


async def test_connect_error_becomes_connection_failed(sm):
    recorder = Recorder([httpx.ConnectError("refused")])
    with pytest.raises(ConnectionFailedError) as caught:
        await sm.call(sm.client(recorder), "describe_endpoint", endpoint_name="ep")
    assert caught.value.attempts == 3
    assert len(recorder.requests) == 3
    assert not isinstance(caught.value, httpx.HTTPError)


async def test_read_timeout_becomes_request_timeout(sm):
    recorder = Recorder([httpx.ReadTimeout("slow")])
    with pytest.raises(RequestTimeoutError) as caught:
        await sm.call(sm.client(recorder), "describe_endpoint", endpoint_name="ep")
    assert len(recorder.requests) == 3
    assert caught.value.operation == "DescribeEndpoint"


async def test_non_json_200_is_response_parse_error(sm):
    recorder = Recorder(
        [
            httpx.Response(
                200, content=b"<html>proxy login</html>", headers={"x-amzn-requestid": "rid"}
            )
        ]
    )
    with pytest.raises(ResponseParseError) as caught:
        await sm.call(sm.client(recorder), "describe_endpoint", endpoint_name="ep")
    assert caught.value.status_code == 200
    assert caught.value.request_id == "rid"
    assert caught.value.body_preview.startswith(b"<html>")
    assert len(recorder.requests) == 1


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("x"),
        httpx.ReadTimeout("x"),
        httpx.ConnectTimeout("x"),
        httpx.WriteError("x"),
        httpx.RemoteProtocolError("x"),
        httpx.ReadError("x"),
        httpx.PoolTimeout("x"),
        ConnectionResetError("reset"),
        (200, b"[1]"),
        (200, b"\xff\xfe"),
        (500, b""),
        (418, b"teapot"),
    ],
    ids=repr,
)
async def test_no_httpx_exception_escapes(sm, failure):
    if isinstance(failure, tuple):
        failure = httpx.Response(failure[0], content=failure[1])
    recorder = Recorder([failure])
    with pytest.raises(Exception) as caught:
        await sm.call(sm.client(recorder, max_attempts=2), "describe_endpoint", endpoint_name="ep")
    assert isinstance(caught.value, SageMakerError), type(caught.value)
    assert not isinstance(caught.value, httpx.HTTPError)


async def test_wrong_argument_type_is_rejected_before_sending(sm):
    recorder = Recorder([json_response({})])
    with pytest.raises(ParamValidationError) as caught:
        await sm.call(
            sm.client(recorder),
            "create_endpoint_config",
            endpoint_config_name="cfg",
            production_variants=[
                ProductionVariant(
                    variant_name="v",
                    model_name="m",
                    initial_instance_count="1",
                    instance_type="ml.m5.large",
                )
            ],
        )
    assert "production_variants[0].initial_instance_count" in str(caught.value)
    assert any(
        p.startswith("production_variants[0].initial_instance_count") for p in caught.value.problems
    )
    assert recorder.requests == []


async def test_validate_false_sends_anyway(sm):
    recorder = Recorder([json_response({})])
    await sm.call(sm.client(recorder, validate=False), "describe_endpoint", endpoint_name=5)
    assert json.loads(recorder.requests[0].content) == {"EndpointName": 5}
