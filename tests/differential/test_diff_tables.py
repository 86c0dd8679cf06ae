"""The generated paginator and waiter tables against botocore's paginators-1 and waiters-2.

botocore names members by their wire names and the SDK by Python attribute names: botocore's
names are translated with ``botocore.xform_name`` (paths segment by segment) before comparing.
Every botocore paginator and waiter of an operation the IR has is compared. Completeness (every
botocore table present) is enforced once ``spec/`` holds the full API; on the seed description the
missing ones are reported as warnings.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import attrs
import botocore
import botocore.loaders
import pytest
from diff_support import full_api, operations, service

from sagemaker_client import AsyncSageMakerClient, SageMakerClient
from sagemaker_client._core.specs import PaginatorSpec, WaiterSpec
from sagemaker_client._generated import paginators, waiters

_LOADER = botocore.loaders.create_loader()
BOTOCORE_PAGINATORS: dict[str, Any] = dict(
    _LOADER.load_service_model("sagemaker", "paginators-1")["pagination"]
)
BOTOCORE_WAITERS: dict[str, Any] = dict(
    _LOADER.load_service_model("sagemaker", "waiters-2")["waiters"]
)

SDK_PAGINATORS: dict[str, PaginatorSpec[Any, Any, Any]] = {
    spec.operation.name: spec
    for spec in vars(paginators).values()
    if isinstance(spec, PaginatorSpec)
}
SDK_WAITERS: dict[str, WaiterSpec[Any, Any]] = {
    spec.name: spec for spec in vars(waiters).values() if isinstance(spec, WaiterSpec)
}


class TableReport(UserWarning):
    """Something the tests report about the tables without failing (see the module docstring)."""


def _compared(table: dict[str, Any]) -> list[str]:
    """botocore entries whose operation the IR has (all of them on the full API)."""
    names = operations()
    return sorted(name for name, entry in table.items() if entry.get("operation", name) in names)


def _fields(cls: type) -> dict[str, str]:
    """Attribute name -> wire name of an attrs model."""
    return {field.name: field.metadata["wire"] for field in attrs.fields(cls)}


_SEGMENT = re.compile(r"^([A-Za-z][A-Za-z0-9]*)(\[\])?$")


def _sdk_path(jmespath: str) -> str:
    """botocore's JMESPath (``A.B[].C``) as the SDK's attribute path (``a.b[].c``)."""
    parts = []
    for segment in jmespath.split("."):
        match = _SEGMENT.match(segment)
        assert match, f"no SDK path for the JMESPath {jmespath!r} (segment {segment!r})"
        parts.append(botocore.xform_name(match.group(1)) + (match.group(2) or ""))
    return ".".join(parts)


# -- paginators ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", _compared(BOTOCORE_PAGINATORS))
def test_paginator_matches_botocore(name: str) -> None:
    theirs = BOTOCORE_PAGINATORS[name]
    assert name in SDK_PAGINATORS, f"{name}: botocore pages it, the SDK has no paginator"
    ours = SDK_PAGINATORS[name]
    expected = {
        "input_token": botocore.xform_name(theirs["input_token"]),
        "output_token": botocore.xform_name(theirs["output_token"]),
        "result_key": botocore.xform_name(theirs["result_key"]),
        "limit_key": botocore.xform_name(theirs["limit_key"]) if "limit_key" in theirs else None,
    }
    actual = {key: getattr(ours, key) for key in expected}
    assert actual == expected, f"{name}: paginator {actual} differs from botocore's {expected}"

    inputs = _fields(ours.operation.input_type)
    outputs = _fields(ours.operation.output_type)
    for key, fields, wire in (
        ("input_token", inputs, theirs["input_token"]),
        ("output_token", outputs, theirs["output_token"]),
        ("result_key", outputs, theirs["result_key"]),
        ("limit_key", inputs, theirs.get("limit_key")),
    ):
        if wire is not None:
            attribute = getattr(ours, key)
            assert fields.get(attribute) == wire, (
                f"{name}: {key} {attribute!r} is not the attribute of the wire member {wire!r}"
            )


def test_every_botocore_paginator_is_generated() -> None:
    missing = sorted(set(BOTOCORE_PAGINATORS) - set(SDK_PAGINATORS))
    if full_api():
        assert not missing, f"botocore paginators the SDK lacks: {missing}"
    elif missing:
        warnings.warn(
            TableReport(f"seed spec: {len(missing)} botocore paginators not generated"),
            stacklevel=1,
        )
    assert set(_compared(BOTOCORE_PAGINATORS)) <= set(SDK_PAGINATORS)


def test_extra_paginators_page_with_next_token() -> None:
    extra = sorted(set(SDK_PAGINATORS) - set(BOTOCORE_PAGINATORS))
    if extra:
        warnings.warn(TableReport(f"SDK paginators botocore does not have: {extra}"), stacklevel=1)
    for name in extra:
        spec = SDK_PAGINATORS[name]
        inputs = _fields(spec.operation.input_type)
        outputs = _fields(spec.operation.output_type)
        assert inputs.get(spec.input_token) == "NextToken", f"{name}: input token not NextToken"
        assert outputs.get(spec.output_token) == "NextToken", f"{name}: output token not NextToken"
        limits = [attribute for attribute, wire in inputs.items() if wire == "MaxResults"]
        assert spec.limit_key == (limits[0] if limits else None), f"{name}: limit key"
        lists = [
            field.name
            for field in attrs.fields(spec.operation.output_type)
            if str(field.type).startswith("list[")
        ]
        if spec.result_key is None:  # whole pages: there is no single list to yield from
            assert len(lists) > 1, f"{name}: pages whole outputs, but its lists are {lists}"
        else:
            assert spec.result_key in lists, f"{name}: {spec.result_key!r} is not a list attribute"


def test_every_operation_with_next_token_in_and_out_pages() -> None:
    """The SDK's promise: botocore's paginators, plus every other NextToken operation."""
    structures = {structure.name: structure for structure in service().structures}
    paged = sorted(
        operation.name
        for operation in service().operations
        if operation.input in structures
        and operation.output in structures
        and structures[operation.input].member("NextToken") is not None
        and structures[operation.output].member("NextToken") is not None
    )
    assert paged, "no operation pages with NextToken: the IR is not what this test expects"
    missing = [name for name in paged if name not in SDK_PAGINATORS]
    assert not missing, f"operations with NextToken in and out but no paginator: {missing}"


def test_paginator_methods_exist() -> None:
    for paginator in service().paginators:
        for client in (SageMakerClient, AsyncSageMakerClient):
            assert callable(getattr(client, paginator.method_name, None)), (
                f"{client.__name__} has no {paginator.method_name}"
            )
        assert paginator.operation in SDK_PAGINATORS, f"{paginator.operation}: not generated"


# -- waiters ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", _compared(BOTOCORE_WAITERS))
def test_waiter_matches_botocore(name: str) -> None:
    theirs = BOTOCORE_WAITERS[name]
    assert name in SDK_WAITERS, f"{name}: botocore has this waiter, the SDK does not"
    ours = SDK_WAITERS[name]
    assert ours.operation.name == theirs["operation"], f"{name}: operation"
    assert ours.delay == theirs["delay"], f"{name}: delay {ours.delay} != {theirs['delay']}"
    assert ours.max_attempts == theirs["maxAttempts"], (
        f"{name}: max_attempts {ours.max_attempts} != {theirs['maxAttempts']}"
    )
    expected = [
        (
            acceptor["state"],
            acceptor["matcher"],
            acceptor["expected"],
            _sdk_path(acceptor["argument"]) if "argument" in acceptor else None,
        )
        for acceptor in theirs["acceptors"]
    ]
    actual = [(a.state, a.matcher, a.expected, a.argument) for a in ours.acceptors]
    assert actual == expected, f"{name}: acceptors {actual} differ from botocore's {expected}"
    outputs = _fields(ours.operation.output_type)
    for acceptor in ours.acceptors:
        if acceptor.argument is not None:
            first = acceptor.argument.split(".")[0].removesuffix("[]")
            assert first in outputs, f"{name}: {acceptor.argument!r} is not an output attribute"


def test_every_botocore_waiter_is_generated() -> None:
    missing = sorted(set(BOTOCORE_WAITERS) - set(SDK_WAITERS))
    if full_api():
        assert not missing, f"botocore waiters the SDK lacks: {missing}"
    elif missing:
        warnings.warn(
            TableReport(f"seed spec: botocore waiters not generated: {missing}"), stacklevel=1
        )
    extra = sorted(set(SDK_WAITERS) - set(BOTOCORE_WAITERS))
    assert not extra, f"SDK waiters botocore does not have: {extra}"


def test_waiter_methods_exist() -> None:
    for waiter in service().waiters:
        for client in (SageMakerClient, AsyncSageMakerClient):
            assert callable(getattr(client, waiter.method_name, None)), (
                f"{client.__name__} has no {waiter.method_name}"
            )
        assert waiter.name in SDK_WAITERS, f"{waiter.name}: not generated"
