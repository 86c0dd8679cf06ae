"""The signing-key cache and the other memos of signing.py never change a signature.

botocore's own ``SigV4Auth`` (clock frozen, no cache) is the oracle, over interleaved secrets,
days, regions and bodies so that cache hits and misses alternate.
"""

from __future__ import annotations

import datetime
import itertools
from unittest import mock

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotoCredentials

from sagemaker_client._core import signing
from sagemaker_client._core.http import HttpRequest
from sagemaker_client._core.request import build_request, encode_body
from sagemaker_client._core.signing import Credentials, sign

UTC = datetime.timezone.utc
DAY_ONE = datetime.datetime(2024, 5, 6, 23, 59, 59, tzinfo=UTC)
DAY_TWO = datetime.datetime(2024, 5, 7, 0, 0, 1, tzinfo=UTC)


def request_for(
    body: dict, url: str = "https://api.sagemaker.us-east-1.amazonaws.com"
) -> HttpRequest:
    return build_request(
        operation="ListModels",
        payload=encode_body(body),
        endpoint_url=url,
        user_agent="sagemaker-client/test",
        invocation_id="inv-1",
        attempt=1,
        max_attempts=3,
    )


def oracle(request: HttpRequest, credentials: Credentials, region: str, now) -> dict[str, str]:
    aws_request = AWSRequest(
        method=request.method, url=request.url, headers=dict(request.headers), data=request.body
    )
    frozen = now.astimezone(UTC).replace(tzinfo=None)
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=frozen):
        botocore.auth.SigV4Auth(
            BotoCredentials(credentials.access_key, credentials.secret_key, credentials.token),
            "sagemaker",
            region,
        ).add_auth(aws_request)
    return dict(aws_request.headers.items())


def test_signatures_equal_botocore_across_cache_hits_and_misses():
    secrets = [
        Credentials("AKIDONE", "secret-one"),
        Credentials("AKIDTWO", "secret-two", "token-two"),
        Credentials("AKIDONE", "secret-one-rotated"),
    ]
    combos = list(
        itertools.product(
            secrets,
            [DAY_ONE, DAY_TWO],
            ["us-east-1", "eu-west-3"],
            [{"MaxResults": 10}, {"NextToken": "t" * 40}],
            ["https://api.sagemaker.us-east-1.amazonaws.com", "http://127.0.0.1:8080"],
        )
    )
    for credentials, now, region, body, url in combos * 2:  # the second pass hits the cache
        request = request_for(body, url)
        signed = sign(request, credentials, region, now)
        expected = oracle(request, credentials, region, now)
        assert signed.headers["Authorization"] == expected["Authorization"]
        assert signed.headers["X-Amz-Date"] == expected["X-Amz-Date"]
        assert signed.headers.get("X-Amz-Security-Token") == expected.get("X-Amz-Security-Token")
        assert set(signed.headers) == set(expected)


def test_cache_stays_small_and_correct():
    request = request_for({"MaxResults": 1})
    for number in range(3 * signing._SIGNING_KEYS_MAX):
        credentials = Credentials("AKID", f"secret-{number}")
        signed = sign(request, credentials, "us-east-1", DAY_ONE)
        assert (
            signed.headers["Authorization"]
            == oracle(request, credentials, "us-east-1", DAY_ONE)["Authorization"]
        )
        assert len(signing._SIGNING_KEYS) <= signing._SIGNING_KEYS_MAX


def test_key_is_derived_once_per_day_secret_region():
    signing._SIGNING_KEYS.clear()
    request = request_for({})
    credentials = Credentials("AKID", "secret")
    for _ in range(3):
        sign(request, credentials, "us-east-1", DAY_ONE)
    assert len(signing._SIGNING_KEYS) == 1
    sign(request, credentials, "us-east-1", DAY_TWO)
    sign(request, credentials, "us-west-2", DAY_TWO)
    assert len(signing._SIGNING_KEYS) == 3
