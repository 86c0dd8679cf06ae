from __future__ import annotations

import datetime
import itertools

import httpx
from mock_service import Recorder, json_response

from sagemaker_client._config import to_timeouts
from sagemaker_client._core.clock import ClockSkew
from sagemaker_client._core.flow import CallContext, call_flow
from sagemaker_client._core.retry import RetryQuota
from sagemaker_client._credentials import CredentialResolver
from sagemaker_client._generated import operations
from sagemaker_client._httpx import HttpxPool
from sagemaker_client._sync.driver import run_call
from sagemaker_client.models import DescribeEndpointInput


def test_run_call_sleeps_the_flow_backoff_through_the_injected_sleep():
    ids = itertools.count()
    context = CallContext(
        region="us-east-1",
        endpoint_url="https://sagemaker.test",
        user_agent="ua",
        max_attempts=4,
        quota=RetryQuota(),
        modeled_errors={},
        now=lambda: datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc),
        random=lambda: 1.0,
        new_invocation_id=lambda: f"id-{next(ids)}",
        clock_skew=ClockSkew(),
    )
    recorder = Recorder(
        [
            httpx.Response(503),
            httpx.ReadTimeout("slow"),
            httpx.Response(500),
            json_response({"EndpointName": "ep"}),
        ]
    )
    slept: list[float] = []
    credentials = CredentialResolver(access_key="a", secret_key="b", token=None, session=None)
    with httpx.Client(transport=httpx.MockTransport(recorder)) as http:
        out = run_call(
            call_flow(
                operations.DESCRIBE_ENDPOINT, DescribeEndpointInput(endpoint_name="ep"), context
            ),
            http=HttpxPool(http),
            credentials=credentials,
            timeouts=to_timeouts(5.0),
            sleep=slept.append,
        )
    assert out.endpoint_name == "ep"
    assert slept == [1.0, 2.0, 4.0]
    assert [r.headers["amz-sdk-request"] for r in recorder.requests] == [
        f"attempt={n}; max=4" for n in (1, 2, 3, 4)
    ]
    assert context.quota.available == 500 - 5 - 10 - 5 + 5
