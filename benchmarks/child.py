"""One measured process: one client, one workload, one JSON line on standard output.

``python -m benchmarks.child --client NAME --workload WORKLOAD --url URL [...]``

Before the workload starts only ``sys``, ``time`` and ``resource`` are imported (no argparse, no
typing, no asyncio), so the ``cold`` workload of client ``bare`` is little more than a bare
interpreter and is the baseline every other ``cold`` run is net of. Clients are imported inside
their adapter, which is what the ``cold`` workload pays for. Every client signs with SigV4 and
parses the whole response: the SDKs into their models or dicts, the raw loops with ``json``.
"""

from __future__ import annotations

import resource
import sys
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
    from typing import Any

REGION = "us-east-1"
ACCESS_KEY = "AKIDBENCHMARKEXAMPLE"
SECRET_KEY = "bench/secret/key/EXAMPLEKEY0123456789abcd"
TRAINING_JOB_NAME = "bench-xgboost-2024-05-01-12-00-00-000"
ENDPOINT_NAME = "bench-endpoint"
PAGE_SIZE = 100
MODEL_COUNT = 10_000

SYNC_CLIENTS = ("sagemaker-client", "boto3", "raw-httpx")
ASYNC_CLIENTS = ("sagemaker-client-async", "aiobotocore", "raw-httpx-async")
CLIENTS = SYNC_CLIENTS + ASYNC_CLIENTS
WORKLOADS = ("cold", "sequential", "concurrent", "paging")


class SyncAdapter:
    """The three things a workload does with a sync client, and how to close it."""

    def __init__(
        self,
        describe_training_job: Callable[[], str],
        describe_endpoint: Callable[[], str],
        models: Callable[[], Iterator[str]],
        close: Callable[[], None],
    ) -> None:
        self.describe_training_job = describe_training_job
        self.describe_endpoint = describe_endpoint
        self.models = models
        self.close = close


class AsyncAdapter:
    """The same for an async client."""

    def __init__(
        self,
        describe_training_job: Callable[[], Awaitable[str]],
        describe_endpoint: Callable[[], Awaitable[str]],
        models: Callable[[], AsyncIterator[str]],
        close: Callable[[], Awaitable[None]],
    ) -> None:
        self.describe_training_job = describe_training_job
        self.describe_endpoint = describe_endpoint
        self.models = models
        self.close = close


# -- sagemaker_client ------------------------------------------------------------------------


def _paginator(client: Any) -> Callable[..., Any]:
    """The ListModels paginator method, whatever the generator currently names it."""
    for name in ("paginate_list_models", "list_models_paginator"):
        method = getattr(client, name, None)
        if method is not None:
            return method  # type: ignore[no-any-return]
    raise AttributeError("the client has no ListModels paginator method")


def sagemaker_client_sync(url: str) -> SyncAdapter:
    from sagemaker_client import SageMakerClient

    client = SageMakerClient(
        region=REGION,
        endpoint_url=url,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )

    def models() -> Iterator[str]:
        for model in _paginator(client)(max_results=PAGE_SIZE):
            yield model.model_name

    return SyncAdapter(
        describe_training_job=lambda: (
            client.describe_training_job(training_job_name=TRAINING_JOB_NAME).training_job_name
        ),
        describe_endpoint=lambda: (
            client.describe_endpoint(endpoint_name=ENDPOINT_NAME).endpoint_name
        ),
        models=models,
        close=client.close,
    )


async def sagemaker_client_async(url: str) -> AsyncAdapter:
    from sagemaker_client import AsyncSageMakerClient

    client = AsyncSageMakerClient(
        region=REGION,
        endpoint_url=url,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )
    await client.__aenter__()

    async def describe_training_job() -> str:
        job = await client.describe_training_job(training_job_name=TRAINING_JOB_NAME)
        return job.training_job_name  # type: ignore[no-any-return]

    async def describe_endpoint() -> str:
        endpoint = await client.describe_endpoint(endpoint_name=ENDPOINT_NAME)
        return endpoint.endpoint_name  # type: ignore[no-any-return]

    async def models() -> AsyncIterator[str]:
        async for model in _paginator(client)(max_results=PAGE_SIZE):
            yield model.model_name

    async def close() -> None:
        await client.__aexit__(None, None, None)

    return AsyncAdapter(describe_training_job, describe_endpoint, models, close)


# -- boto3 and aiobotocore -------------------------------------------------------------------


def boto3_sync(url: str) -> SyncAdapter:
    import boto3

    client = boto3.client(
        "sagemaker",
        region_name=REGION,
        endpoint_url=url,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )

    def models() -> Iterator[str]:
        pages = client.get_paginator("list_models").paginate(
            PaginationConfig={"PageSize": PAGE_SIZE}
        )
        for page in pages:
            for model in page["Models"]:
                yield model["ModelName"]

    return SyncAdapter(
        describe_training_job=lambda: client.describe_training_job(
            TrainingJobName=TRAINING_JOB_NAME
        )["TrainingJobName"],
        describe_endpoint=lambda: client.describe_endpoint(EndpointName=ENDPOINT_NAME)[
            "EndpointName"
        ],
        models=models,
        close=client.close,
    )


async def aiobotocore_async(url: str) -> AsyncAdapter:
    from aiobotocore.config import AioConfig
    from aiobotocore.session import get_session

    # Its default pool of 10 connections would cap it at concurrency 10; give it 64 like the rest.
    context = get_session().create_client(
        "sagemaker",
        region_name=REGION,
        endpoint_url=url,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        config=AioConfig(max_pool_connections=64),
    )
    client = await context.__aenter__()

    async def describe_training_job() -> str:
        job = await client.describe_training_job(TrainingJobName=TRAINING_JOB_NAME)
        return job["TrainingJobName"]  # type: ignore[no-any-return]

    async def describe_endpoint() -> str:
        endpoint = await client.describe_endpoint(EndpointName=ENDPOINT_NAME)
        return endpoint["EndpointName"]  # type: ignore[no-any-return]

    async def models() -> AsyncIterator[str]:
        pages = client.get_paginator("list_models").paginate(
            PaginationConfig={"PageSize": PAGE_SIZE}
        )
        async for page in pages:
            for model in page["Models"]:
                yield model["ModelName"]

    async def close() -> None:
        await context.__aexit__(None, None, None)

    return AsyncAdapter(describe_training_job, describe_endpoint, models, close)


# -- raw httpx with botocore's signer: the floor for our own stack ----------------------------


def _raw_signer(url: str) -> Callable[[str, dict[str, Any]], tuple[bytes, dict[str, str]]]:
    import json

    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    credentials = Credentials(ACCESS_KEY, SECRET_KEY)

    def signed(operation: str, body: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
        data = json.dumps(body).encode()
        request = AWSRequest(
            method="POST",
            url=url,
            data=data,
            headers={
                "Content-Type": "application/x-amz-json-1.1",
                "X-Amz-Target": f"SageMaker.{operation}",
            },
        )
        SigV4Auth(credentials, "sagemaker", REGION).add_auth(request)
        return data, dict(request.headers.items())

    return signed


def _checked(status: int, content: bytes) -> dict[str, Any]:
    import json

    if status != 200:
        raise RuntimeError(f"HTTP {status}: {content[:200]!r}")
    data: dict[str, Any] = json.loads(content)
    return data


def raw_httpx_sync(url: str) -> SyncAdapter:
    import httpx

    signed = _raw_signer(url)
    http = httpx.Client()

    def call(operation: str, body: dict[str, Any]) -> dict[str, Any]:
        data, headers = signed(operation, body)
        response = http.post(url, content=data, headers=headers)
        return _checked(response.status_code, response.content)

    def models() -> Iterator[str]:
        body: dict[str, Any] = {"MaxResults": PAGE_SIZE}
        while True:
            page = call("ListModels", body)
            for model in page["Models"]:
                yield model["ModelName"]
            if not page.get("NextToken"):
                return
            body = {"MaxResults": PAGE_SIZE, "NextToken": page["NextToken"]}

    return SyncAdapter(
        describe_training_job=lambda: call(
            "DescribeTrainingJob", {"TrainingJobName": TRAINING_JOB_NAME}
        )["TrainingJobName"],
        describe_endpoint=lambda: call("DescribeEndpoint", {"EndpointName": ENDPOINT_NAME})[
            "EndpointName"
        ],
        models=models,
        close=http.close,
    )


async def raw_httpx_async(url: str) -> AsyncAdapter:
    import httpx

    signed = _raw_signer(url)
    http = httpx.AsyncClient()

    async def call(operation: str, body: dict[str, Any]) -> dict[str, Any]:
        data, headers = signed(operation, body)
        response = await http.post(url, content=data, headers=headers)
        return _checked(response.status_code, response.content)

    async def describe_training_job() -> str:
        job = await call("DescribeTrainingJob", {"TrainingJobName": TRAINING_JOB_NAME})
        return job["TrainingJobName"]  # type: ignore[no-any-return]

    async def describe_endpoint() -> str:
        endpoint = await call("DescribeEndpoint", {"EndpointName": ENDPOINT_NAME})
        return endpoint["EndpointName"]  # type: ignore[no-any-return]

    async def models() -> AsyncIterator[str]:
        body: dict[str, Any] = {"MaxResults": PAGE_SIZE}
        while True:
            page = await call("ListModels", body)
            for model in page["Models"]:
                yield model["ModelName"]
            if not page.get("NextToken"):
                return
            body = {"MaxResults": PAGE_SIZE, "NextToken": page["NextToken"]}

    return AsyncAdapter(describe_training_job, describe_endpoint, models, http.aclose)


SYNC_ADAPTERS: dict[str, Callable[[str], SyncAdapter]] = {
    "sagemaker-client": sagemaker_client_sync,
    "boto3": boto3_sync,
    "raw-httpx": raw_httpx_sync,
}
ASYNC_ADAPTERS: dict[str, Callable[[str], Awaitable[AsyncAdapter]]] = {
    "sagemaker-client-async": sagemaker_client_async,
    "aiobotocore": aiobotocore_async,
    "raw-httpx-async": raw_httpx_async,
}


# -- workloads -------------------------------------------------------------------------------


def _rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _expect(value: str, expected: str) -> None:
    if value != expected:
        raise RuntimeError(f"expected {expected!r}, the client returned {value!r}")


def _timed(count: int, wall: float, cpu: float, **extra: Any) -> dict[str, Any]:
    return {"count": count, "wall_seconds": wall, "cpu_seconds": cpu, **extra}


def run_sync(
    name: str, workload: str, url: str, *, count: int, repeat: int = 1, limit: int = MODEL_COUNT
) -> dict[str, Any]:
    """Run ``workload`` with the sync client ``name``; paging stops after ``limit`` items."""
    client = SYNC_ADAPTERS[name](url)
    try:
        _expect(client.describe_training_job(), TRAINING_JOB_NAME)
        if workload == "cold":
            return {"rss_kib": _rss_kib()}
        if workload == "sequential":
            for _ in range(min(count, 50)):
                client.describe_training_job()
            wall, cpu = time.perf_counter(), time.process_time()
            for _ in range(count):
                client.describe_training_job()
            return _timed(
                count, time.perf_counter() - wall, time.process_time() - cpu, rss_kib=_rss_kib()
            )
        if workload == "paging":
            _expect(next(iter(client.models())), "bench-model-00000")
            wall, cpu = time.perf_counter(), time.process_time()
            items = 0
            for _ in range(repeat):
                for seen, _ in enumerate(client.models(), 1):
                    if seen == limit:
                        break
                items += seen
            if items != repeat * limit:
                raise RuntimeError(f"paged {items} items, expected {repeat * limit}")
            return _timed(items, time.perf_counter() - wall, time.process_time() - cpu)
        raise ValueError(f"workload {workload!r} is not for sync clients")
    finally:
        client.close()


async def run_async(
    name: str,
    workload: str,
    url: str,
    *,
    count: int,
    repeat: int = 1,
    concurrency: int = 64,
    limit: int = MODEL_COUNT,
) -> dict[str, Any]:
    """Run ``workload`` with the async client ``name``; paging stops after ``limit`` items."""
    client = await ASYNC_ADAPTERS[name](url)
    try:
        _expect(await client.describe_training_job(), TRAINING_JOB_NAME)
        if workload == "cold":
            return {"rss_kib": _rss_kib()}
        if workload == "sequential":
            for _ in range(min(count, 50)):
                await client.describe_training_job()
            wall, cpu = time.perf_counter(), time.process_time()
            for _ in range(count):
                await client.describe_training_job()
            return _timed(count, time.perf_counter() - wall, time.process_time() - cpu)
        if workload == "concurrent":
            return await _concurrent(client, count, concurrency)
        if workload == "paging":
            first = client.models()
            _expect(await first.__anext__(), "bench-model-00000")
            await first.aclose()  # type: ignore[attr-defined]
            wall, cpu = time.perf_counter(), time.process_time()
            items = 0
            for _ in range(repeat):
                seen = 0
                models = client.models()
                async for _ in models:
                    seen += 1
                    if seen == limit:
                        break
                await models.aclose()  # type: ignore[attr-defined]
                items += seen
            if items != repeat * limit:
                raise RuntimeError(f"paged {items} items, expected {repeat * limit}")
            return _timed(items, time.perf_counter() - wall, time.process_time() - cpu)
        raise ValueError(f"unknown workload {workload!r}")
    finally:
        await client.close()


async def _concurrent(client: AsyncAdapter, count: int, concurrency: int) -> dict[str, Any]:
    import asyncio

    async def worker(calls: int) -> None:
        for _ in range(calls):
            _expect(await client.describe_endpoint(), ENDPOINT_NAME)

    # Warm-up: open the pool's connections, so the timed part measures calls, not connects.
    await asyncio.gather(*(worker(2) for _ in range(concurrency)))
    shares = [
        count // concurrency + (1 if i < count % concurrency else 0) for i in range(concurrency)
    ]
    wall, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(worker(share) for share in shares))
    return _timed(count, time.perf_counter() - wall, time.process_time() - cpu)


def _arguments(argv: list[str]) -> dict[str, str]:
    """``--name value`` pairs (argparse alone would cost the baseline a few milliseconds)."""
    if len(argv) % 2 or not all(key.startswith("--") for key in argv[::2]):
        raise SystemExit(f"usage: {__doc__.splitlines()[2]}")
    return {key[2:]: value for key, value in zip(argv[::2], argv[1::2], strict=True)}


def main(argv: list[str] | None = None) -> None:
    """Command line entry; prints the workload's result as one JSON line."""
    args = _arguments(sys.argv[1:] if argv is None else argv)
    client, workload, url = args["client"], args["workload"], args.get("url", "")
    count, repeat = int(args.get("count", 1000)), int(args.get("repeat", 1))
    concurrency = int(args.get("concurrency", 64))
    limit = min(int(args.get("items", MODEL_COUNT)), MODEL_COUNT)
    if workload not in WORKLOADS:
        raise SystemExit(f"unknown workload {workload!r}")
    if client == "bare":
        result: dict[str, Any] = {"rss_kib": _rss_kib()}
    elif client in SYNC_ADAPTERS:
        result = run_sync(client, workload, url, count=count, repeat=repeat, limit=limit)
    elif client in ASYNC_ADAPTERS:
        import asyncio

        result = asyncio.run(
            run_async(
                client,
                workload,
                url,
                count=count,
                repeat=repeat,
                concurrency=concurrency,
                limit=limit,
            )
        )
    else:
        raise SystemExit(f"unknown client {client!r}")
    import json

    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
