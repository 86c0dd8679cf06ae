from __future__ import annotations

import datetime
import json
from unittest import mock

import botocore.auth
import pytest
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotoCredentials

from sagemaker_client._core.http import HttpRequest
from sagemaker_client._core.request import build_request, encode_body
from sagemaker_client._core.signing import Credentials, sign

NOW = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc)


def make_request(**overrides) -> HttpRequest:
    values = {
        "operation": "DescribeEndpoint",
        "payload": encode_body({"EndpointName": "ep", "Nested": {"A": [1, 2]}, "Text": "héllo"}),
        "endpoint_url": "https://api.sagemaker.us-east-1.amazonaws.com",
        "user_agent": "sagemaker-client/test",
        "invocation_id": "1111-2222",
        "attempt": 1,
        "max_attempts": 3,
    }
    values.update(overrides)
    return build_request(**values)


# -- request ----------------------------------------------------------------------------------


def test_build_request_method_url_headers_and_body():
    request = make_request()
    assert request.method == "POST"
    assert request.url == "https://api.sagemaker.us-east-1.amazonaws.com/"
    assert request.headers["X-Amz-Target"] == "SageMaker.DescribeEndpoint"
    assert request.headers["Content-Type"] == "application/x-amz-json-1.1"
    assert request.headers["amz-sdk-invocation-id"] == "1111-2222"
    assert request.headers["amz-sdk-request"] == "attempt=1; max=3"
    assert request.headers["User-Agent"] == "sagemaker-client/test"
    assert json.loads(request.body.decode("utf-8")) == {
        "EndpointName": "ep",
        "Nested": {"A": [1, 2]},
        "Text": "héllo",
    }
    assert isinstance(request.body, bytes)


@pytest.mark.parametrize(
    "url",
    ["http://localhost:5000", "http://localhost:5000/", "https://example.com/prefix/"],
)
def test_build_request_url_ends_with_one_slash(url):
    request = make_request(endpoint_url=url)
    assert request.url == url.rstrip("/") + "/"


def test_build_request_attempt_header_and_empty_body():
    request = make_request(attempt=2, max_attempts=5, payload=encode_body({}))
    assert request.headers["amz-sdk-request"] == "attempt=2; max=5"
    assert request.body == b"{}"


# -- signing (botocore is the oracle) ------------------------------------------------------


def botocore_signed_headers(request: HttpRequest, credentials: Credentials, region: str, now):
    """Sign the same request with botocore's own SigV4Auth at a frozen time."""
    aws_request = AWSRequest(
        method=request.method, url=request.url, headers=dict(request.headers), data=request.body
    )
    frozen = now.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=frozen):
        botocore.auth.SigV4Auth(
            BotoCredentials(credentials.access_key, credentials.secret_key, credentials.token),
            "sagemaker",
            region,
        ).add_auth(aws_request)
    return dict(aws_request.headers.items())


@pytest.mark.parametrize("token", [None, "session-token-xyz"])
@pytest.mark.parametrize("region", ["us-east-1", "eu-west-3"])
def test_signature_matches_botocore(token, region):
    request = make_request()
    credentials = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token)
    signed = sign(request, credentials, region, NOW)
    expected = botocore_signed_headers(request, credentials, region, NOW)
    assert signed.headers["Authorization"] == expected["Authorization"]
    assert signed.headers["X-Amz-Date"] == expected["X-Amz-Date"] == "20240506T070809Z"
    if token:
        assert signed.headers["X-Amz-Security-Token"] == token == expected["X-Amz-Security-Token"]
    else:
        assert "X-Amz-Security-Token" not in signed.headers
    assert f"/20240506/{region}/sagemaker/aws4_request" in signed.headers["Authorization"]
    assert signed.body == request.body
    assert signed.url == request.url
    # the unsigned request's headers are all still there
    for name, value in request.headers.items():
        assert signed.headers[name] == value


def test_signature_with_non_utc_now_matches_botocore():
    now = NOW.astimezone(datetime.timezone(datetime.timedelta(hours=-5)))
    request = make_request()
    credentials = Credentials("AKID", "secret")
    signed = sign(request, credentials, "us-east-1", now)
    expected = botocore_signed_headers(request, credentials, "us-east-1", NOW)
    assert signed.headers["Authorization"] == expected["Authorization"]
    assert signed.headers["X-Amz-Date"] == "20240506T070809Z"


def test_different_time_gives_different_signature():
    request = make_request()
    credentials = Credentials("AKID", "secret")
    first = sign(request, credentials, "us-east-1", NOW)
    later = sign(request, credentials, "us-east-1", NOW + datetime.timedelta(seconds=1))
    assert first.headers["Authorization"] != later.headers["Authorization"]
    assert first.headers["X-Amz-Date"] != later.headers["X-Amz-Date"]


def test_different_body_gives_different_signature():
    credentials = Credentials("AKID", "secret")
    first = sign(make_request(payload=encode_body({"A": 1})), credentials, "us-east-1", NOW)
    second = sign(make_request(payload=encode_body({"A": 2})), credentials, "us-east-1", NOW)
    assert first.headers["Authorization"] != second.headers["Authorization"]


def test_sign_does_not_mutate_the_unsigned_request():
    request = make_request()
    before = dict(request.headers)
    sign(request, Credentials("AKID", "secret", "tok"), "us-east-1", NOW)
    assert dict(request.headers) == before
    assert "Authorization" not in request.headers


def test_credentials_repr_hides_secret_and_token():
    text = repr(Credentials("AKIDVISIBLE", "very-secret-value", "session-token-value"))
    assert "AKIDVISIBLE" in text
    assert "very-secret-value" not in text
    assert "session-token-value" not in text
    assert "very-secret-value" not in repr(Credentials("AKID", "very-secret-value"))
