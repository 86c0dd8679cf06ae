from __future__ import annotations

import json
import pickle

import pytest
from core_models import Inner, Thing

from sagemaker_client._core import errors
from sagemaker_client._core.errors import (
    AccessDeniedException,
    ResponseParseError,
    ServiceError,
    ThrottlingException,
    ValidationException,
)
from sagemaker_client._core.http import HttpResponse
from sagemaker_client._core.response import is_success, parse_error, parse_output


class ResourceNotFound(ServiceError):
    code = "ResourceNotFound"


class ResourceInUse(ServiceError):
    code = "ResourceInUse"


MODELED = {"ResourceNotFound": ResourceNotFound, "ResourceInUse": ResourceInUse}


def response(status=200, body=b"", **headers) -> HttpResponse:
    if isinstance(body, dict | list):
        body = json.dumps(body).encode()
    return HttpResponse(
        status_code=status,
        headers={"x-amzn-requestid": "req-123", **{k.lower(): v for k, v in headers.items()}},
        body=body,
    )


# -- parse_output -----------------------------------------------------------------------------


def test_is_success():
    assert is_success(response(200))
    assert is_success(response(204))
    assert not is_success(response(199))
    assert not is_success(response(300))
    assert not is_success(response(400))


def test_parse_output_json_object():
    out = parse_output("Op", Thing, response(body={"ThingName": "a", "Nested": {"Count": 1}}))
    assert out == Thing(name="a", nested=Inner(count=1))


@pytest.mark.parametrize("body", [b"", b"   ", b"\n"])
def test_parse_output_empty_body_gives_all_none(body):
    out = parse_output("Op", Inner, response(body=body))
    assert out.label is None
    assert out.weight is None


def test_parse_output_json_null_gives_parse_error_or_defaults():
    # "null" is JSON but not an object: not a valid output body
    with pytest.raises(ResponseParseError):
        parse_output("Op", Thing, response(body=b"null"))


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (b"<html>oops</html>", "not JSON"),
        (b'["a", "b"]', "list"),
        (b"\xff\xfe{}", "UTF-8"),
        (b"42", "int"),
    ],
)
def test_parse_output_bad_bodies(body, fragment):
    with pytest.raises(ResponseParseError) as caught:
        parse_output("DescribeThing", Thing, response(200, body))
    error = caught.value
    assert error.status_code == 200
    assert error.request_id == "req-123"
    assert error.body_preview == body[:256]
    assert error.operation == "DescribeThing"
    assert fragment in str(error)


def test_parse_output_preview_is_bounded():
    body = b"x" * 10_000
    with pytest.raises(ResponseParseError) as caught:
        parse_output("Op", Thing, response(200, body))
    assert 0 < len(caught.value.body_preview) <= 1024


def test_parse_output_shape_mismatch_is_response_parse_error():
    with pytest.raises(ResponseParseError) as caught:
        parse_output("Op", Thing, response(body={"ThingName": 5}))
    assert "$.name" in str(caught.value)
    assert caught.value.request_id == "req-123"


def test_request_id_from_alternative_header():
    plain = HttpResponse(status_code=500, headers={"x-amz-request-id": "alt"}, body=b"")
    assert plain.request_id == "alt"
    assert HttpResponse(status_code=500, headers={}, body=b"").request_id is None


# -- parse_error ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw_type",
    [
        "ResourceNotFound",
        "com.amazonaws.sagemaker#ResourceNotFound",
        "com.amazon.coral.service#ResourceNotFound:http://internal/",
    ],
)
def test_parse_error_code_from_type(raw_type):
    error = parse_error(
        "DescribeThing", response(400, {"__type": raw_type, "message": "gone"}), MODELED
    )
    assert type(error) is ResourceNotFound
    assert error.code == "ResourceNotFound"
    assert error.message == "gone"
    assert error.status_code == 400
    assert error.request_id == "req-123"
    assert error.operation == "DescribeThing"
    assert "gone" in str(error)


@pytest.mark.parametrize(
    "header",
    ["ResourceInUse", "ResourceInUse:http://internal.amazon.com/", "aws.ns#ResourceInUse:x"],
)
def test_parse_error_code_from_header(header):
    error = parse_error("Op", response(400, b"", **{"x-amzn-ErrorType": header}), MODELED)
    assert type(error) is ResourceInUse
    assert error.code == "ResourceInUse"


def test_parse_error_body_type_wins_over_header():
    error = parse_error(
        "Op",
        response(400, {"__type": "ResourceNotFound"}, **{"x-amzn-ErrorType": "ResourceInUse"}),
        MODELED,
    )
    assert type(error) is ResourceNotFound


@pytest.mark.parametrize("key", ["message", "Message"])
def test_parse_error_message_keys(key):
    error = parse_error("Op", response(400, {"__type": "X", key: "the text"}), MODELED)
    assert error.message == "the text"


@pytest.mark.parametrize(
    ("code", "cls"),
    [
        ("ValidationException", ValidationException),
        ("ThrottlingException", ThrottlingException),
        ("AccessDeniedException", AccessDeniedException),
    ],
)
def test_parse_error_common_codes(code, cls):
    error = parse_error("Op", response(400, {"__type": code, "Message": "m"}), MODELED)
    assert type(error) is cls
    assert error.code == code
    assert isinstance(error, ServiceError)


def test_common_errors_table_is_consistent():
    for code, cls in errors.COMMON_ERRORS.items():
        assert cls.code == code
        assert issubclass(cls, ServiceError)


def test_parse_error_unknown_code_is_plain_service_error():
    error = parse_error("Op", response(409, {"__type": "BrandNewError", "message": "m"}), MODELED)
    assert type(error) is ServiceError
    assert error.code == "BrandNewError"
    assert error.status_code == 409
    assert error.body == {"__type": "BrandNewError", "message": "m"}


def test_parse_error_html_503():
    body = b"<html><body>Service Unavailable</body></html>"
    error = parse_error("Op", response(503, body), MODELED)
    assert type(error) is ServiceError
    assert error.status_code == 503
    assert "Service Unavailable" in error.message
    assert "Service Unavailable" in str(error)
    assert error.request_id == "req-123"


def test_parse_error_empty_body_without_code():
    error = parse_error("Op", response(500, b""), MODELED)
    assert isinstance(error, ServiceError)
    assert error.status_code == 500
    assert error.code  # some non-empty code, e.g. HTTP500


def test_service_error_pickles():
    error = parse_error(
        "Op", response(400, {"__type": "ResourceNotFound", "message": "gone"}), MODELED
    )
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is ResourceNotFound
    assert (copy.code, copy.message, copy.status_code, copy.request_id, copy.operation) == (
        "ResourceNotFound",
        "gone",
        400,
        "req-123",
        "Op",
    )
    assert copy.body == error.body


def test_service_error_str_survives_pickle():
    error = parse_error(
        "Op", response(400, {"__type": "ValidationException", "message": "bad"}), {}
    )
    assert str(pickle.loads(pickle.dumps(error))) == str(error)


OTHER_ERRORS = [
    pytest.param(
        lambda: errors.ParamValidationError("Op", ["a: is required"]), id="ParamValidation"
    ),
    pytest.param(
        lambda: errors.ConnectionFailedError("refused", operation="Op", attempts=3), id="Connection"
    ),
    pytest.param(
        lambda: errors.RequestTimeoutError("slow", operation="Op", attempts=3), id="Timeout"
    ),
    pytest.param(
        lambda: errors.ResponseParseError(
            "bad", operation="Op", status_code=200, request_id="r", body_preview=b"<"
        ),
        id="ResponseParse",
    ),
    pytest.param(
        lambda: errors.WaiterError("stopped", waiter_name="W", reason="timeout", attempts=2),
        id="Waiter",
    ),
]


@pytest.mark.parametrize("factory", OTHER_ERRORS)
def test_other_errors_pickle(factory):
    error = factory()
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)


# -- hostile bodies -------------------------------------------------------------------------


def test_deeply_nested_json_is_a_parse_error_not_a_recursion_error():
    body = b"[" * 200_000 + b"]" * 200_000
    with pytest.raises(ResponseParseError) as caught:
        parse_output("Op", Thing, response(body=body))
    assert "nested too deeply" in str(caught.value)
    error = parse_error("Op", response(500, body=body), {})
    assert error.status_code == 500
    assert "non-JSON error body" in error.message


def test_truncated_body_is_a_parse_error_with_its_first_bytes():
    truncated = HttpResponse(200, {"x-amzn-requestid": "r-9"}, b'{"ThingName": "a"', True)
    with pytest.raises(ResponseParseError) as caught:
        parse_output("Op", Thing, truncated)
    assert caught.value.status_code == 200
    assert caught.value.request_id == "r-9"
    assert caught.value.body_preview.startswith(b'{"ThingName"')
    assert "larger than 67108864 bytes" in str(caught.value)


def test_truncated_error_body_still_gives_the_status_error():
    truncated = HttpResponse(
        503, {"x-amzn-requestid": "r-9", "x-amzn-errortype": "ServiceUnavailable:"}, b"<", True
    )
    error = parse_error("Op", truncated, {})
    assert isinstance(error, errors.ServiceUnavailable)
    assert error.status_code == 503
    assert "larger than" in error.message


def test_huge_integer_is_a_parse_error():
    with pytest.raises(ResponseParseError):
        parse_output("Op", Inner, response(body=b'{"Count": ' + b"9" * 5000 + b"}"))
