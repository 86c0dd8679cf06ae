from __future__ import annotations

import json
import threading

import pytest
from mock_service import Adapter, Recorder, error_response, json_response

from sagemaker_client.errors import PaginationError, ServiceError, WaiterError
from sagemaker_client.models import DescribeEndpointOutput, ModelSummary, QueryLineageResponse

PAGES = {
    None: {"Models": [{"ModelName": "m1"}, {"ModelName": "m2"}], "NextToken": "t1"},
    "t1": {"Models": [{"ModelName": "m3"}], "NextToken": "t2"},
    "t2": {"Models": [{"ModelName": "m4"}, {"ModelName": "m5"}]},
}


def serve_pages(request):
    token = json.loads(request.content).get("NextToken")
    return json_response(PAGES[token])


async def test_paginator_yields_all_items_in_order(sm):
    recorder = Recorder(serve_pages)
    client = sm.client(recorder)
    paginator = client.paginate_list_models(max_results=2)
    assert recorder.requests == []  # lazy
    items = await sm.items(paginator)
    assert [m.model_name for m in items] == ["m1", "m2", "m3", "m4", "m5"]
    assert all(isinstance(m, ModelSummary) for m in items)
    bodies = recorder.bodies()
    assert bodies == [
        {"MaxResults": 2},
        {"MaxResults": 2, "NextToken": "t1"},
        {"MaxResults": 2, "NextToken": "t2"},
    ]
    assert all(r.headers["X-Amz-Target"] == "SageMaker.ListModels" for r in recorder.requests)


START_ARN = "arn:aws:sagemaker:us-east-1:123456789012:artifact/a1"
LINEAGE = {
    None: {"Vertices": [{"Arn": "a1"}], "Edges": [], "NextToken": "t1"},
    "t1": {"Vertices": [{"Arn": "a2"}], "Edges": [{"SourceArn": "a1", "DestinationArn": "a2"}]},
}


async def test_paginator_over_an_output_with_several_lists_yields_pages(sm):
    """QueryLineage pages with NextToken but returns two lists: iteration yields whole pages."""
    recorder = Recorder(lambda r: json_response(LINEAGE[json.loads(r.content).get("NextToken")]))
    client = sm.client(recorder)
    pages = await sm.items(client.paginate_query_lineage(start_arns=[START_ARN]))
    assert all(isinstance(page, QueryLineageResponse) for page in pages)
    assert [[v.arn for v in page.vertices] for page in pages] == [["a1"], ["a2"]]
    assert pages[1].edges[0].destination_arn == "a2"
    assert recorder.bodies() == [
        {"StartArns": [START_ARN]},
        {"StartArns": [START_ARN], "NextToken": "t1"},
    ]


async def test_paginator_pages(sm):
    recorder = Recorder(serve_pages)
    pages = await sm.pages(sm.client(recorder).paginate_list_models())
    assert len(pages) == 3
    assert [p.next_token for p in pages] == ["t1", "t2", None]
    assert [len(p.models) for p in pages] == [2, 1, 2]
    assert "MaxResults" not in recorder.bodies()[0]


async def test_paginator_starting_token(sm):
    recorder = Recorder(serve_pages)
    items = await sm.items(sm.client(recorder).paginate_list_models(next_token="t1"))
    assert [m.model_name for m in items] == ["m3", "m4", "m5"]


async def test_paginator_repeated_token(sm):
    recorder = Recorder([json_response({"Models": [{"ModelName": "a"}], "NextToken": "same"})])
    with pytest.raises(PaginationError):
        await sm.items(sm.client(recorder).paginate_list_models())
    assert len(recorder.requests) == 2


async def test_paginator_empty_page(sm):
    recorder = Recorder([json_response({})])
    assert await sm.items(sm.client(recorder).paginate_list_endpoints()) == []


def endpoint(status, **extra):
    return json_response({"EndpointName": "ep", "EndpointStatus": status, **extra})


async def test_waiter_in_service(sm):
    recorder = Recorder([endpoint("Creating"), endpoint("Creating"), endpoint("InService")])
    polls = []
    out = await sm.call(
        sm.client(recorder),
        "wait_until_endpoint_in_service",
        endpoint_name="ep",
        delay=0,
        on_poll=lambda attempt, elapsed, output: polls.append((attempt, elapsed, output)),
    )
    assert isinstance(out, DescribeEndpointOutput)
    assert out.endpoint_status == "InService"
    assert [p[0] for p in polls] == [1, 2, 3]
    assert all(isinstance(p[1], float) and p[1] >= 0 for p in polls)
    assert [p[2].endpoint_status for p in polls] == ["Creating", "Creating", "InService"]
    assert polls[-1][2] == out
    assert recorder.bodies() == [{"EndpointName": "ep"}] * 3


async def test_async_waiter_accepts_async_on_poll():
    sm = Adapter("async")
    recorder = Recorder([endpoint("Creating"), endpoint("InService")])
    polls = []

    async def on_poll(attempt, elapsed, output):
        polls.append(attempt)

    await sm.call(
        sm.client(recorder),
        "wait_until_endpoint_in_service",
        endpoint_name="ep",
        delay=0,
        on_poll=on_poll,
    )
    assert polls == [1, 2]
    await sm.close_http()


async def test_waiter_failed(sm):
    recorder = Recorder([endpoint("Creating"), endpoint("Failed", FailureReason="image not found")])
    with pytest.raises(WaiterError) as caught:
        await sm.call(
            sm.client(recorder), "wait_until_endpoint_in_service", endpoint_name="ep", delay=0
        )
    assert caught.value.reason == "failure"
    assert caught.value.failure_reason == "image not found"
    assert caught.value.attempts == 2


async def test_waiter_timeout(sm):
    recorder = Recorder([endpoint("Creating")])
    with pytest.raises(WaiterError) as caught:
        await sm.call(
            sm.client(recorder),
            "wait_until_endpoint_in_service",
            endpoint_name="ep",
            delay=30,
            timeout=0.5,
        )
    assert caught.value.reason == "timeout"
    assert len(recorder.requests) == 1


async def test_waiter_max_attempts(sm):
    recorder = Recorder([endpoint("Creating")])
    with pytest.raises(WaiterError) as caught:
        await sm.call(
            sm.client(recorder),
            "wait_until_endpoint_in_service",
            endpoint_name="ep",
            delay=0,
            max_attempts=2,
        )
    assert caught.value.reason == "max_attempts"
    assert len(recorder.requests) == 2


async def test_waiter_unexpected_error(sm):
    recorder = Recorder([error_response("AccessDeniedException", "no", 403)])
    with pytest.raises(WaiterError) as caught:
        await sm.call(
            sm.client(recorder), "wait_until_endpoint_in_service", endpoint_name="ep", delay=0
        )
    assert caught.value.reason == "error"
    assert isinstance(caught.value.last_error, ServiceError)


async def test_endpoint_deleted_waiter_succeeds_on_validation_exception(sm):
    recorder = Recorder(
        [endpoint("Deleting"), error_response("ValidationException", "Could not find endpoint")]
    )
    polls = []
    out = await sm.call(
        sm.client(recorder),
        "wait_until_endpoint_deleted",
        endpoint_name="ep",
        delay=0,
        on_poll=lambda *args: polls.append(args),
    )
    assert out is None
    assert len(recorder.requests) == 2
    assert [p[0] for p in polls] == [1, 2]
    assert polls[-1][2] is None


async def test_endpoint_deleted_waiter_stops_on_failed(sm):
    recorder = Recorder([endpoint("Failed", FailureReason="stuck")])
    with pytest.raises(WaiterError) as caught:
        await sm.call(
            sm.client(recorder), "wait_until_endpoint_deleted", endpoint_name="ep", delay=0
        )
    assert caught.value.reason == "failure"
    assert caught.value.failure_reason == "stuck"


async def test_waiter_invalid_settings(sm):
    from sagemaker_client.errors import ParamValidationError

    recorder = Recorder([endpoint("InService")])
    with pytest.raises(ParamValidationError):
        await sm.call(
            sm.client(recorder), "wait_until_endpoint_in_service", endpoint_name="ep", delay=-1
        )
    assert recorder.requests == []


async def test_waiter_sleeps_between_polls(sm, monkeypatch):
    """delay is honoured: the driver sleeps that long between polls (sleep is faked)."""
    slept = []
    if sm.is_async:
        import anyio

        from sagemaker_client._async import driver

        real_sleep = anyio.sleep

        async def fake_sleep(seconds):
            slept.append(seconds)
            await real_sleep(0)

        monkeypatch.setattr(driver.anyio, "sleep", fake_sleep)
    else:
        from sagemaker_client._sync import driver

        monkeypatch.setitem(driver.run_wait.__kwdefaults__, "sleep", slept.append)
    recorder = Recorder([endpoint("Creating"), endpoint("InService")])
    await sm.call(
        sm.client(recorder), "wait_until_endpoint_in_service", endpoint_name="ep", delay=7
    )
    assert 7 in slept
    assert threading.current_thread() is threading.main_thread()
