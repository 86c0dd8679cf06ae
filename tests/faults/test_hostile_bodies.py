"""Property tests: random and mutated response bodies for every operation's output shape.

Whatever the body, parsing gives the output model or raises a ``SageMakerError`` subclass; an
error response always gives a ``ServiceError`` carrying its status and request id. Bodies shaped
like the model (every member optional, nested models, enums, timestamps) must parse.

The example budget is split across operations, so the suite's time stays flat as the model grows.
"""

from __future__ import annotations

import datetime
import enum
import json
import types
import typing
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sagemaker_client._core.errors import ResponseParseError, SageMakerError, ServiceError
from sagemaker_client._core.http import HttpResponse
from sagemaker_client._core.response import parse_error, parse_output
from sagemaker_client._generated import operations
from sagemaker_client.models import resolve_types

# Every operation whose response has a body (the others return None without parsing anything).
OPERATIONS = [
    spec
    for spec in (getattr(operations, name) for name in operations.__all__)
    if spec.output_type is not None
]
VALID_BUDGET, HOSTILE_BUDGET, RANDOM_BUDGET, ERROR_BUDGET = 400, 1200, 300, 300
PER_OPERATION = {
    "valid": max(2, VALID_BUDGET // len(OPERATIONS)),
    "hostile": max(4, HOSTILE_BUDGET // len(OPERATIONS)),
}
HEADERS = {"x-amzn-requestid": "req-fuzz", "content-type": "application/x-amz-json-1.1"}
_NONE = type(None)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def _options(tp: Any) -> list[Any]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return [arg for arg in typing.get_args(tp) if arg is not _NONE]
    return [tp]


_CACHE: dict[tuple[Any, int, bool], st.SearchStrategy[Any]] = {}


def shaped(tp: Any, *, hostile: bool, depth: int = 0) -> st.SearchStrategy[Any]:
    """JSON for annotation ``tp``; with ``hostile``, any node may be of the wrong JSON type."""
    key = (tp, depth, hostile)
    if key not in _CACHE:
        strategy = _shaped(tp, hostile=hostile, depth=depth)
        _CACHE[key] = (strategy | json_values) if hostile else strategy
    return _CACHE[key]


def _shaped(tp: Any, *, hostile: bool, depth: int) -> st.SearchStrategy[Any]:
    options = _options(tp)
    enums = [o for o in options if isinstance(o, type) and issubclass(o, enum.Enum)]
    if enums:
        return st.sampled_from([member.value for member in enums[0]]) | st.text(max_size=10)
    tp = options[0]
    origin = typing.get_origin(tp)
    if origin is list:
        if depth > 3:
            return st.just([])
        return st.lists(
            shaped(typing.get_args(tp)[0], hostile=hostile, depth=depth + 1), max_size=3
        )
    if origin is dict:
        if depth > 3:
            return st.just({})
        value = shaped(typing.get_args(tp)[1], hostile=hostile, depth=depth + 1)
        return st.dictionaries(st.text(max_size=6), value, max_size=3)
    if attrs.has(tp):
        if depth > 3:
            return st.just({})
        resolve_types(tp)
        members = {
            field.metadata.get("wire", field.name): shaped(
                field.type, hostile=hostile, depth=depth + 1
            )
            for field in attrs.fields(tp)
        }
        model = st.fixed_dictionaries({}, optional=members)
        if hostile:  # fields the SDK has never heard of
            unknown = st.dictionaries(st.text(min_size=1, max_size=8), json_values, max_size=2)
            model = st.tuples(model, unknown).map(lambda pair: {**pair[1], **pair[0]})
        return model
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(-(2**63), 2**63)
    if tp is float:
        return st.floats(allow_nan=False, allow_infinity=False, width=64) | st.integers(-1000, 1000)
    if tp is str:
        return st.text(max_size=16)
    if tp is datetime.datetime:
        aware = st.datetimes(
            min_value=datetime.datetime(1971, 1, 1),
            max_value=datetime.datetime(2200, 1, 1),
            timezones=st.just(datetime.timezone.utc),
        )
        return (
            st.integers(0, 4_000_000_000)
            | st.floats(0, 4e9, allow_nan=False)
            | aware.map(datetime.datetime.isoformat)
        )
    return json_values


def _encode(value: Any) -> bytes:
    return json.dumps(value, allow_nan=True).encode()


@st.composite
def mutated_bytes(draw: st.DrawFn, body: bytes) -> bytes:
    """``body`` cut, spliced with junk or invalid UTF-8, wrapped, or left alone."""
    how = draw(st.sampled_from(["keep", "cut", "insert", "invalid-utf8", "bom", "wrap", "deep"]))
    at = draw(st.integers(0, len(body)))
    if how == "cut":
        return body[:at]
    if how == "insert":
        return body[:at] + draw(st.binary(min_size=1, max_size=8)) + body[at:]
    if how == "invalid-utf8":
        return body[:at] + b"\xff\xc3(" + body[at:]
    if how == "bom":
        return b"\xef\xbb\xbf" + body
    if how == "wrap":
        return b"[" + body + b"]"
    if how == "deep":
        depth = draw(st.integers(1, 50_000))
        return b'{"x":' + b"[" * depth + b"]" * depth + b"}"
    return body


def _parse_or_named_error(operation: Any, status: int, body: bytes) -> Any:
    response = HttpResponse(status, HEADERS, body)
    try:
        output = parse_output(operation.name, operation.output_type, response)
    except ResponseParseError as error:
        assert error.status_code == status
        assert error.request_id == "req-fuzz"
        assert error.body_preview == body[:256]
        return error
    except SageMakerError as error:  # pragma: no cover - any other named error is allowed
        return error
    assert isinstance(output, operation.output_type)
    return output


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        derandomize=False,
    )


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.name)
def test_bodies_shaped_like_the_model_parse(operation):
    @_settings(PER_OPERATION["valid"])
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        value = data.draw(shaped(operation.output_type, hostile=False))
        output = parse_output(
            operation.name, operation.output_type, HttpResponse(200, HEADERS, _encode(value))
        )
        assert isinstance(output, operation.output_type)

    check()


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.name)
def test_mutated_bodies_give_the_output_or_a_named_error(operation):
    @_settings(PER_OPERATION["hostile"])
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        value = data.draw(shaped(operation.output_type, hostile=True))
        body = data.draw(mutated_bytes(_encode(value)))
        _parse_or_named_error(operation, 200, body)

    check()


@_settings(RANDOM_BUDGET)
@given(operation=st.sampled_from(OPERATIONS), body=st.binary(max_size=300))
def test_random_bytes_give_the_output_or_a_named_error(operation, body):
    _parse_or_named_error(operation, 200, body)


@_settings(ERROR_BUDGET)
@given(
    status=st.integers(300, 599),
    body=st.one_of(
        st.binary(max_size=200),
        json_values.map(_encode),
        st.fixed_dictionaries(
            {},
            optional={
                "__type": json_values | st.text(max_size=30),
                "message": json_values,
                "Message": json_values,
                "code": json_values,
            },
        ).map(_encode),
    ),
    error_type=st.none() | st.text(max_size=20),
)
def test_error_bodies_always_give_a_service_error(status, body, error_type):
    headers = dict(HEADERS)
    if error_type is not None:
        headers["x-amzn-errortype"] = error_type
    error = parse_error("DescribeEndpoint", HttpResponse(status, headers, body), {})
    assert isinstance(error, ServiceError)
    assert error.status_code == status
    assert error.request_id == "req-fuzz"
    assert isinstance(error.code, str)
    assert error.code
    assert isinstance(error.message, str)
    str(error)
