"""Typed tables that describe the service: operations, paginators and waiters.

The generator writes instances of these classes (``sagemaker_client/_generated``); the runtime reads
them. They hold data only: every decision made from them lives in the rest of ``_core``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

InputT = TypeVar("InputT")
OutputT = TypeVar("OutputT")
ItemT = TypeVar("ItemT")

AcceptorState = Literal["success", "failure", "retry"]
AcceptorMatcher = Literal["path", "pathAll", "pathAny", "status", "error"]


@dataclass(frozen=True, slots=True)
class OperationSpec(Generic[InputT, OutputT]):
    """One API operation: its wire name and the attrs classes of its input and output."""

    name: str
    """The operation's wire name: ``DescribeEndpoint`` is sent as ``SageMaker.DescribeEndpoint``."""
    input_type: type[InputT]
    output_type: type[OutputT]
    errors: tuple[str, ...] = ()
    """Error codes the service model lists for this operation."""


@dataclass(frozen=True, slots=True)
class PaginatorSpec(Generic[InputT, OutputT, ItemT]):
    """How to page an operation: which input and output attributes carry the token and the items.

    Attribute names are Python (snake_case) names on the operation's input and output models.
    """

    operation: OperationSpec[InputT, OutputT]
    input_token: str
    output_token: str
    result_key: str
    limit_key: str | None = None


@dataclass(frozen=True, slots=True)
class Acceptor:
    """One waiter acceptor, as in botocore's ``waiters-2.json``.

    ``argument`` is a path over the output model in Python attribute names (``endpoint_status``,
    ``production_variants[].current_instance_count``), translated from botocore's JMESPath at
    generation time; it is ``None`` for the ``status`` and ``error`` matchers.
    """

    state: AcceptorState
    matcher: AcceptorMatcher
    expected: Any
    argument: str | None = None


@dataclass(frozen=True, slots=True)
class WaiterSpec(Generic[InputT, OutputT]):
    """A waiter: poll ``operation`` every ``delay`` seconds, at most ``max_attempts`` times."""

    name: str
    operation: OperationSpec[InputT, OutputT]
    delay: float
    max_attempts: int
    acceptors: tuple[Acceptor, ...]
