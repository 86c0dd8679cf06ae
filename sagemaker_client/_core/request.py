"""Operation + input model -> the unsigned AWS JSON 1.1 request (``POST /``)."""

from __future__ import annotations

import json
from typing import Any

from sagemaker_client._core.http import HttpRequest

CONTENT_TYPE = "application/x-amz-json-1.1"
TARGET_PREFIX = "SageMaker"


def encode_body(body: dict[str, Any]) -> bytes:
    """The JSON bytes of a request body (encoded once per call, reused by every attempt)."""
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def build_request(
    *,
    operation: str,
    payload: bytes,
    endpoint_url: str,
    user_agent: str,
    invocation_id: str,
    attempt: int,
    max_attempts: int,
    ttl: str | None = None,
) -> HttpRequest:
    """The request for one attempt of ``operation``: ``base_request`` plus the retry headers."""
    return add_retry_headers(
        base_request(
            operation=operation, payload=payload, endpoint_url=endpoint_url, user_agent=user_agent
        ),
        invocation_id=invocation_id,
        attempt=attempt,
        max_attempts=max_attempts,
        ttl=ttl,
    )


def base_request(
    *, operation: str, payload: bytes, endpoint_url: str, user_agent: str
) -> HttpRequest:
    """The request of ``operation`` without retry headers; signing adds date and authorization."""
    headers = {
        "Content-Type": CONTENT_TYPE,
        "X-Amz-Target": f"{TARGET_PREFIX}.{operation}",
        "User-Agent": user_agent,
    }
    return HttpRequest(
        method="POST", url=endpoint_url.rstrip("/") + "/", headers=headers, body=payload
    )


def add_retry_headers(
    request: HttpRequest,
    *,
    invocation_id: str,
    attempt: int,
    max_attempts: int,
    ttl: str | None = None,
) -> HttpRequest:
    """``request`` with ``amz-sdk-invocation-id`` and ``amz-sdk-request`` as botocore sends them.

    botocore adds them after signing, so they are not among the signed headers; the flow does
    the same. ``amz-sdk-request`` is ``attempt=1; max=3``, with ``ttl=<time>; `` in front on
    retries that follow a response carrying a ``Date`` (see ``_core/clock.py``).
    """
    retry_info = f"attempt={attempt}; max={max_attempts}"
    headers = {
        **request.headers,
        "amz-sdk-invocation-id": invocation_id,
        "amz-sdk-request": f"ttl={ttl}; {retry_info}" if ttl else retry_info,
    }
    return HttpRequest(method=request.method, url=request.url, headers=headers, body=request.body)
