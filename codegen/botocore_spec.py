"""botocore's SageMaker model -> ``spec/sagemaker.openapi.json`` (``make spec``).

``python -m codegen.botocore_spec [--spec-dir spec] [--check]`` reads ``service-2.json``,
``paginators-1.json`` and ``waiters-2.json`` of the installed botocore (pinned in the ``build``
extra) and writes one OpenAPI 3.1 document in the seed's conventions:

- one ``POST /#<Operation>`` path per operation, with the ``X-Amz-Target`` header parameter
  (``const: SageMaker.<Operation>``), the input and output as ``$ref`` to component schemas and the
  modeled errors as a ``400`` response (``oneOf`` the error schemas);
- one component schema per shape, named after the shape: structures are objects (members are
  ``$ref`` properties carrying the member's documentation), strings (with ``enum``,
  ``minLength``/``maxLength``, ``pattern``), integers (``int32``/``int64``), numbers, booleans,
  timestamps (``type: number, format: epoch-seconds``: AWS JSON 1.1 sends seconds since the epoch),
  lists (``minItems``/``maxItems``) and maps (``additionalProperties`` and ``propertyNames``);
- what OpenAPI has no keyword for, as ``x-aws-*`` extensions: ``x-aws-union`` (exactly one member
  set), ``x-aws-error`` (code, HTTP status, fault), ``x-aws-idempotencyToken``,
  ``x-aws-deprecatedMessage``, ``x-aws-sensitive``, ``x-aws-jsonvalue``, ``x-aws-pagination`` (on
  the operation, botocore's paginator entry) and ``x-aws-waiters`` (top level, botocore's waiters
  verbatim). Documentation is converted from HTML to text (``codegen/html_text.py``).

The output is a pure function of the three input files; ``spec/SOURCE.md`` records their sha256.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.metadata
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

from codegen.html_text import html_to_text

SERVICE_DIR = ("data", "sagemaker", "2017-07-24")
SERVICE_FILE = "service-2.json.gz"
PAGINATORS_FILE = "paginators-1.json"
WAITERS_FILE = "waiters-2.json"
OUTPUT_FILE = "sagemaker.openapi.json"
MEDIA_TYPE = "application/x-amz-json-1.1"
SCHEMA_PREFIX = "#/components/schemas/"

_INTEGER_FORMATS = {"integer": "int32", "long": "int64"}
_NUMBER_FORMATS = {"float": "float", "double": "double"}


class ConversionError(Exception):
    """The botocore model has something this converter does not know how to describe."""


def botocore_data_dir() -> Path:
    spec = importlib.util.find_spec("botocore")
    if spec is None or spec.origin is None:
        raise ConversionError("botocore is not installed (pip install -e '.[build]')")
    return Path(spec.origin).parent.joinpath(*SERVICE_DIR)


def read_inputs(data_dir: Path) -> dict[str, bytes]:
    """The raw bytes of the three botocore files, by file name."""
    return {
        name: (data_dir / name).read_bytes()
        for name in (SERVICE_FILE, PAGINATORS_FILE, WAITERS_FILE)
    }


def _ref(shape: str) -> dict[str, Any]:
    return {"$ref": SCHEMA_PREFIX + shape}


def _with_doc(schema: dict[str, Any], documentation: str | None) -> dict[str, Any]:
    text = html_to_text(documentation or "")
    return {"description": text, **schema} if text else schema


def _bounds(shape: dict[str, Any], low: str, high: str) -> dict[str, Any]:
    bounds: dict[str, Any] = {}
    if "min" in shape:
        bounds[low] = shape["min"]
    if "max" in shape:
        bounds[high] = shape["max"]
    return bounds


def _structure_schema(name: str, shape: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": {}}
    for member_name, member in shape.get("members", {}).items():
        prop = _with_doc(_ref(member["shape"]), member.get("documentation"))
        if member.get("deprecated"):
            prop["deprecated"] = True
            if member.get("deprecatedMessage"):
                prop["x-aws-deprecatedMessage"] = member["deprecatedMessage"]
        if member.get("idempotencyToken"):
            prop["x-aws-idempotencyToken"] = True
        if member.get("jsonvalue"):
            prop["x-aws-jsonvalue"] = True
        schema["properties"][member_name] = prop
    if shape.get("required"):
        schema["required"] = list(shape["required"])
    if shape.get("union"):
        schema["x-aws-union"] = True
    if shape.get("exception"):
        error = shape.get("error", {})
        schema["x-aws-error"] = {
            "code": error.get("code", name),
            "httpStatusCode": error.get("httpStatusCode", 400),
            "fault": "server" if shape.get("fault") else "client",
        }
    return schema


def shape_schema(name: str, shape: dict[str, Any]) -> dict[str, Any]:
    """The component schema of one botocore shape."""
    kind = shape["type"]
    schema: dict[str, Any]
    if kind == "structure":
        schema = _structure_schema(name, shape)
    elif kind == "string":
        schema = {"type": "string"}
        if "enum" in shape:
            schema["enum"] = list(shape["enum"])
        schema |= _bounds(shape, "minLength", "maxLength")
        if "pattern" in shape:
            schema["pattern"] = shape["pattern"]
    elif kind in _INTEGER_FORMATS:
        schema = {"type": "integer", "format": _INTEGER_FORMATS[kind]}
        schema |= _bounds(shape, "minimum", "maximum")
    elif kind in _NUMBER_FORMATS:
        schema = {"type": "number", "format": _NUMBER_FORMATS[kind]}
        schema |= _bounds(shape, "minimum", "maximum")
    elif kind == "boolean":
        schema = {"type": "boolean"}
    elif kind == "timestamp":
        if shape.get("timestampFormat", "unixTimestamp") != "unixTimestamp":
            raise ConversionError(f"{name}: timestampFormat {shape['timestampFormat']!r}")
        schema = {"type": "number", "format": "epoch-seconds"}
    elif kind == "list":
        schema = {"type": "array", "items": _ref(shape["member"]["shape"])}
        schema |= _bounds(shape, "minItems", "maxItems")
    elif kind == "map":
        schema = {
            "type": "object",
            "propertyNames": _ref(shape["key"]["shape"]),
            "additionalProperties": _ref(shape["value"]["shape"]),
        }
        schema |= _bounds(shape, "minProperties", "maxProperties")
    else:
        raise ConversionError(f"{name}: shape type {kind!r} is not supported")
    if shape.get("sensitive"):
        schema["x-aws-sensitive"] = True
    if shape.get("deprecated"):
        schema["deprecated"] = True
    return _with_doc(schema, shape.get("documentation"))


def operation_path(
    name: str, operation: dict[str, Any], target_prefix: str, paginator: dict[str, Any] | None
) -> dict[str, Any]:
    """The ``post`` of one ``/#<Operation>`` path."""
    success: dict[str, Any] = {"description": "Success."}
    if "output" in operation:
        success["content"] = {MEDIA_TYPE: {"schema": _ref(operation["output"]["shape"])}}
    responses: dict[str, Any] = {"200": success}
    errors = [error["shape"] for error in operation.get("errors", [])]
    if errors:
        responses["400"] = {
            "description": "A modeled error; the body's __type names it.",
            "content": {MEDIA_TYPE: {"schema": {"oneOf": [_ref(e) for e in errors]}}},
        }
    post: dict[str, Any] = {"operationId": name}
    text = html_to_text(operation.get("documentation", ""))
    if text:
        post["description"] = text
    if operation.get("deprecated"):
        post["deprecated"] = True
    post["parameters"] = [
        {
            "name": "X-Amz-Target",
            "in": "header",
            "required": True,
            "schema": {"type": "string", "const": f"{target_prefix}.{name}"},
        }
    ]
    post["requestBody"] = {
        "required": True,
        "content": {MEDIA_TYPE: {"schema": _ref(operation["input"]["shape"])}},
    }
    post["responses"] = responses
    if paginator is not None:
        post["x-aws-pagination"] = {
            "inputToken": paginator["input_token"],
            "outputToken": paginator["output_token"],
            **({"limitKey": paginator["limit_key"]} if "limit_key" in paginator else {}),
            "resultKey": paginator["result_key"],
        }
    return {"post": post}


def convert(raw: dict[str, bytes], botocore_version: str) -> dict[str, Any]:
    """The OpenAPI document for the three botocore files."""
    service = json.loads(gzip.decompress(raw[SERVICE_FILE]))
    paginators = json.loads(raw[PAGINATORS_FILE])["pagination"]
    waiters = json.loads(raw[WAITERS_FILE])["waiters"]
    metadata = service["metadata"]
    for paginator_name, paginator in paginators.items():
        if not all(isinstance(paginator.get(k), str) for k in ("input_token", "result_key")):
            raise ConversionError(f"paginator {paginator_name}: only single-key paginators")
    paths = {
        f"/#{name}": operation_path(
            name, service["operations"][name], metadata["targetPrefix"], paginators.get(name)
        )
        for name in sorted(service["operations"])
    }
    schemas = {
        name: shape_schema(name, service["shapes"][name]) for name in sorted(service["shapes"])
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": metadata["serviceFullName"],
            "version": metadata["apiVersion"],
            "description": html_to_text(service.get("documentation", "")),
            "x-aws-botocore-version": botocore_version,
        },
        "servers": [
            {
                "url": "https://api.sagemaker.{region}.amazonaws.com",
                "variables": {"region": {"default": "us-east-1"}},
            }
        ],
        "paths": paths,
        "components": {"schemas": schemas},
        "x-aws-service": {
            key: metadata[key]
            for key in (
                "protocol",
                "jsonVersion",
                "targetPrefix",
                "signingName",
                "signatureVersion",
            )
        },
        "x-aws-waiters": waiters,
    }


def render(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen.botocore_spec", description=__doc__)
    parser.add_argument("--spec-dir", type=Path, default=Path("spec"))
    parser.add_argument("--check", action="store_true", help="fail if the file would change")
    args = parser.parse_args(argv)
    version = importlib.metadata.version("botocore")
    raw = read_inputs(botocore_data_dir())
    try:
        output = render(convert(raw, version))
    except ConversionError as exc:
        print(f"cannot convert: {exc}", file=sys.stderr)
        return 1
    target: Path = args.spec_dir / OUTPUT_FILE
    if args.check:
        if not target.exists() or target.read_bytes() != output:
            print(f"{target} is out of date: run make spec", file=sys.stderr)
            return 1
        return 0
    target.write_bytes(output)
    print(f"botocore {version}: wrote {target} ({len(output):,} bytes)")
    for name, data in raw.items():
        print(f"  {name} sha256 {hashlib.sha256(data).hexdigest()}")
    print(f"  {OUTPUT_FILE} sha256 {hashlib.sha256(output).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
