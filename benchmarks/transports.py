"""Which async transport? The measurement behind docs/decisions/0004-async-transport.md.

``python -m benchmarks.transports`` runs DescribeEndpoint at concurrency 64 against the fake
server through each candidate, every one in fresh processes taking turns, and prints median
calls/s and CPU per call. The raw loops sign with botocore and parse with ``json`` like the raw
clients of ``make bench``; the two ``sagemaker-client`` rows are the SDK over its own aiohttp pool
and over a plain ``httpx.AsyncClient`` handed in as ``http_client`` (what it used before).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from benchmarks.child import (
    ACCESS_KEY,
    ENDPOINT_NAME,
    REGION,
    SECRET_KEY,
    aiobotocore_async,
)
from benchmarks.run import ROOT, child_environment, fake_server

VARIANTS = (
    "httpx",
    "httpx-large-pool",
    "httpx-aiohttp",
    "aiohttp",
    "aiobotocore",
    "sagemaker-client-httpx",
    "sagemaker-client",
)

Call = Callable[[], Awaitable[None]]


async def _raw(variant: str, url: str) -> tuple[Call, Callable[[], Awaitable[None]]]:
    import httpx
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    credentials = Credentials(ACCESS_KEY, SECRET_KEY)
    body = json.dumps({"EndpointName": ENDPOINT_NAME}).encode()

    def headers() -> dict[str, str]:
        request = AWSRequest(
            method="POST",
            url=url,
            data=body,
            headers={
                "Content-Type": "application/x-amz-json-1.1",
                "X-Amz-Target": "SageMaker.DescribeEndpoint",
            },
        )
        SigV4Auth(credentials, "sagemaker", REGION).add_auth(request)
        return dict(request.headers.items())

    if variant == "aiohttp":
        import aiohttp

        session = aiohttp.ClientSession()

        async def call_aiohttp() -> None:
            async with session.post(url, data=body, headers=headers()) as response:
                assert response.status == 200
                json.loads(await response.read())

        return call_aiohttp, session.close
    if variant == "httpx-aiohttp":
        from httpx_aiohttp import AiohttpTransport

        client = httpx.AsyncClient(transport=AiohttpTransport())
    elif variant == "httpx-large-pool":
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
        client = httpx.AsyncClient(limits=limits)
    else:
        client = httpx.AsyncClient()

    async def call_httpx() -> None:
        response = await client.post(url, content=body, headers=headers())
        assert response.status_code == 200
        json.loads(response.content)

    return call_httpx, client.aclose


async def _sdk(variant: str, url: str) -> tuple[Call, Callable[[], Awaitable[None]]]:
    import httpx

    from sagemaker_client import AsyncSageMakerClient

    http = httpx.AsyncClient() if variant == "sagemaker-client-httpx" else None
    client = AsyncSageMakerClient(
        region=REGION,
        endpoint_url=url,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        http_client=http,
    )

    async def call() -> None:
        await client.describe_endpoint(endpoint_name=ENDPOINT_NAME)

    async def close() -> None:
        await client.aclose()
        if http is not None:
            await http.aclose()

    return call, close


async def measure(variant: str, url: str, calls: int, concurrency: int) -> dict[str, float]:
    """One variant in this process: warm up every connection, then time ``calls`` calls."""
    if variant == "aiobotocore":
        adapter = await aiobotocore_async(url)

        async def describe() -> None:
            await adapter.describe_endpoint()

        call, close = describe, adapter.close
    elif variant.startswith("sagemaker-client"):
        call, close = await _sdk(variant, url)
    else:
        call, close = await _raw(variant, url)

    async def worker(count: int) -> None:
        for _ in range(count):
            await call()

    await asyncio.gather(*(worker(2) for _ in range(concurrency)))
    wall, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(worker(calls // concurrency) for _ in range(concurrency)))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    await close()
    done = calls // concurrency * concurrency
    return {"calls_per_s": done / wall, "cpu_us_per_call": 1e6 * cpu / done}


def _available(variant: str) -> bool:
    import importlib.util

    needs = {"httpx-aiohttp": "httpx_aiohttp", "aiobotocore": "aiobotocore"}.get(variant)
    return needs is None or importlib.util.find_spec(needs) is not None


def main(argv: list[str] | None = None) -> None:
    """Run the comparison (or, with ``--variant``, one measured process)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--variant", choices=VARIANTS)
    parser.add_argument("--url")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--calls", type=int, default=3200)
    parser.add_argument("--concurrency", type=int, default=64)
    args = parser.parse_args(argv)
    if args.variant:
        result = asyncio.run(measure(args.variant, args.url, args.calls, args.concurrency))
        print(json.dumps(result))
        return
    variants = [variant for variant in VARIANTS if _available(variant)]
    results: dict[str, list[dict[str, Any]]] = {variant: [] for variant in variants}
    with tempfile.TemporaryDirectory() as config:
        env = child_environment(Path(config))
        with fake_server(env) as url:
            for round_index in range(args.rounds):
                shift = round_index % len(variants)
                for variant in variants[shift:] + variants[:shift]:
                    command = [sys.executable, "-m", "benchmarks.transports", "--variant", variant]
                    command += ["--url", url, "--calls", str(args.calls)]
                    command += ["--concurrency", str(args.concurrency)]
                    done = subprocess.run(
                        command, cwd=ROOT, env=env, capture_output=True, text=True, check=True
                    )
                    results[variant].append(json.loads(done.stdout.strip().splitlines()[-1]))
    anchor = results.get("aiobotocore")
    baseline = statistics.median(r["calls_per_s"] for r in anchor) if anchor else float("nan")
    print(f"concurrency {args.concurrency}, {args.calls} calls, medians of {args.rounds} rounds")
    print(f"{'variant':24} {'calls/s':>8} {'CPU µs/call':>12} {'vs aiobotocore':>15}")
    for variant, runs in results.items():
        rate = statistics.median(r["calls_per_s"] for r in runs)
        cpu = statistics.median(r["cpu_us_per_call"] for r in runs)
        print(f"{variant:24} {rate:8.0f} {cpu:12.0f} {rate / baseline:14.2f}x")


if __name__ == "__main__":
    main()
