"""Response -> output model, or the matching ServiceError, or ResponseParseError."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, TypeVar

from sagemaker_client._core.errors import (
    COMMON_ERRORS,
    ResponseParseError,
    ServiceError,
)
from sagemaker_client._core.http import MAX_RESPONSE_BYTES, HttpResponse
from sagemaker_client._core.serde import ShapeMismatchError, from_wire

OutputT = TypeVar("OutputT")

_PREVIEW_BYTES = 256


def is_success(response: HttpResponse) -> bool:
    """True for a 2xx status."""
    return 200 <= response.status_code < 300


def parse_output(operation: str, output_type: type[OutputT], response: HttpResponse) -> OutputT:
    """The output model of a successful response; ``ResponseParseError`` if the body is not one."""
    if response.body_truncated:
        raise _parse_error(operation, response, f"body is larger than {MAX_RESPONSE_BYTES} bytes")
    data = _decode_object(operation, response)
    if data is None:
        data = {}
    try:
        return from_wire(output_type, data)
    except ShapeMismatchError as exc:
        message = f"body does not match {output_type.__name__}: {exc}"
        raise _parse_error(operation, response, message) from None


def parse_error(
    operation: str,
    response: HttpResponse,
    modeled: Mapping[str, type[ServiceError]],
) -> ServiceError:
    """The ServiceError subclass for an error response (a plain ServiceError for unknown codes).

    The code comes from ``__type`` (minus any ``namespace#`` prefix), else from the
    ``x-amzn-ErrorType`` header (minus any ``:...`` suffix); the message from ``message`` or
    ``Message``. A body that is not JSON still yields a ServiceError carrying its first bytes.
    """
    data: dict[str, Any] = {}
    if response.body_truncated:
        message = f"error body larger than {MAX_RESPONSE_BYTES} bytes"
    else:
        try:
            data = _decode_object(operation, response) or {}
        except ResponseParseError:
            preview = response.body[:_PREVIEW_BYTES].decode("utf-8", "replace")
            message = f"non-JSON error body: {preview!r}" if response.body else "empty error body"
        else:
            message = _first_text(data, "message", "Message", "errorMessage") or ""
    code = _error_code(response, data) or f"HTTP{response.status_code}"
    error_class = modeled.get(code) or COMMON_ERRORS.get(code) or ServiceError
    return error_class(
        message,
        code=code,
        status_code=response.status_code,
        request_id=response.request_id,
        operation=operation,
        body=data,
    )


def _error_code(response: HttpResponse, data: dict[str, Any]) -> str | None:
    raw = _first_text(data, "__type", "code", "Code")
    if raw:
        return raw.rsplit("#", 1)[-1].split(":", 1)[0] or None
    header = response.headers.get("x-amzn-errortype")
    if header:
        return header.split(":", 1)[0].rsplit("#", 1)[-1] or None
    return None


def _first_text(data: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = data.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def _decode_object(operation: str, response: HttpResponse) -> dict[str, Any] | None:
    if not response.body.strip():
        return None
    try:
        data = json.loads(response.body.decode("utf-8"))
    except UnicodeDecodeError:
        raise _parse_error(operation, response, "body is not valid UTF-8") from None
    except ValueError:
        raise _parse_error(operation, response, "body is not JSON") from None
    except RecursionError:
        raise _parse_error(operation, response, "body is JSON nested too deeply") from None
    if not isinstance(data, dict):
        raise _parse_error(
            operation, response, f"body is JSON {type(data).__name__}, not an object"
        )
    return data


def _parse_error(operation: str, response: HttpResponse, message: str) -> ResponseParseError:
    return ResponseParseError(
        message,
        operation=operation,
        status_code=response.status_code,
        request_id=response.request_id,
        body_preview=response.body[:_PREVIEW_BYTES],
    )
