"""Shared by the differential tests: the generator's IR, botocore's model, and comparisons.

botocore is the oracle. Everything here is read from the IR (``codegen``) or from botocore, never
from names of particular operations, so the same tests cover whatever ``spec/`` describes.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Any

import botocore.session

from codegen import ir
from codegen.build import build
from codegen.load import load

ROOT = Path(__file__).resolve().parents[2]
SPEC_DIR = ROOT / "spec"
FULL_SPEC = SPEC_DIR / "sagemaker.openapi.json"
"""Present once the full API (converted from botocore's model) replaces the seed description."""


def full_api() -> bool:
    """True when ``spec/`` holds the full description: every botocore table must then be there."""
    return FULL_SPEC.exists()


@functools.cache
def service() -> ir.Service:
    inputs, problems = load(SPEC_DIR)
    assert inputs is not None and not problems, [str(p) for p in problems]
    built, problems = build(inputs)
    assert built is not None and not problems, [str(p) for p in problems]
    return built


@functools.cache
def structures() -> dict[str, ir.Structure]:
    return {structure.name: structure for structure in service().structures}


@functools.cache
def enums() -> dict[str, ir.Enum]:
    return {enum.name: enum for enum in service().enums}


@functools.cache
def operations() -> dict[str, ir.Operation]:
    return {operation.name: operation for operation in service().operations}


def operation_names() -> list[str]:
    return sorted(operations())


@functools.cache
def _schemas() -> dict[str, Any]:
    if not full_api():
        return {}
    document = json.loads(FULL_SPEC.read_text(encoding="utf-8"))
    schemas: dict[str, Any] = document["components"]["schemas"]
    return schemas


def resolve(schema: dict[str, Any] | None) -> dict[str, Any] | None:
    """A schema of the OpenAPI document with its ``$ref`` followed (``None`` stays ``None``)."""
    while schema is not None and "$ref" in schema:
        schema = _schemas().get(schema["$ref"].rsplit("/", 1)[-1])
    return schema


def member_schema(structure: str, wire_name: str) -> dict[str, Any] | None:
    """The document's schema of a structure member, for what the IR does not keep.

    The IR keeps a member's own constraints but not those of list items, map keys and map
    values (``RoleArn`` items of at least 20 characters): the strategies read those here.
    ``None`` when the document is not the full description or has no such member.
    """
    owner = _schemas().get(structure) or {}
    return resolve(owner.get("properties", {}).get(wire_name))


_BOUNDS = {
    "string": ("minLength", "maxLength"),
    "integer": ("minimum", "maximum"),
    "number": ("minimum", "maximum"),
    "array": ("minItems", "maxItems"),
    "object": ("minProperties", "maxProperties"),
}


def schema_constraints(schema: dict[str, Any] | None) -> ir.Constraints:
    """A schema's bounds as the IR states them: lengths, counts or values by its type."""
    if schema is None:
        return ir.Constraints()
    low, high = _BOUNDS.get(schema.get("type", ""), ("", ""))
    return ir.Constraints(min=schema.get(low), max=schema.get(high), pattern=schema.get("pattern"))


@functools.cache
def botocore_model() -> Any:
    return botocore.session.get_session().get_service_model("sagemaker")


def botocore_operation(name: str) -> Any:
    return botocore_model().operation_model(name)


# -- comparing decoded JSON-like values -----------------------------------------------------------


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def first_difference(ours: Any, theirs: Any, path: str = "$") -> str | None:
    """Where ``ours`` (the SDK) and ``theirs`` (botocore) first differ, or ``None`` if equal.

    Dicts are compared key by key, lists item by item, numbers numerically (``1 == 1.0``, but a
    bool is never a number), everything else by type and ``==`` (aware datetimes compare as
    instants whatever their tzinfo).
    """
    if isinstance(ours, dict) and isinstance(theirs, dict):
        for key in sorted(set(ours) | set(theirs), key=str):
            where = f"{path}.{key}"
            if key not in theirs:
                return f"{where}: SDK has {_short(ours[key])}, botocore has nothing"
            if key not in ours:
                return f"{where}: SDK has nothing, botocore has {_short(theirs[key])}"
            found = first_difference(ours[key], theirs[key], where)
            if found is not None:
                return found
        return None
    if isinstance(ours, list) and isinstance(theirs, list):
        for index, (mine, other) in enumerate(zip(ours, theirs)):
            found = first_difference(mine, other, f"{path}[{index}]")
            if found is not None:
                return found
        if len(ours) != len(theirs):
            return f"{path}: SDK has {len(ours)} items, botocore has {len(theirs)}"
        return None
    if _is_number(ours) and _is_number(theirs):
        if ours == theirs or (math.isnan(ours) and math.isnan(theirs)):
            return None
    elif type(ours) is type(theirs) and ours == theirs:
        return None
    return f"{path}: SDK has {_short(ours)}, botocore has {_short(theirs)}"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:200] + "..."
