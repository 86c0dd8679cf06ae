"""Typed tables that describe the service: operations, paginators and waiters.

The generator writes instances of these classes (``sagemaker_client/_generated``); the runtime reads
them. They hold data only: every decision made from them lives in the rest of ``_core``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

InputT = TypeVar("InputT")
OutputT = TypeVar("OutputT")
ItemT = TypeVar("ItemT")

AcceptorState = Literal["success", "failure", "retry"]
AcceptorMatcher = Literal["path", "pathAll", "pathAny", "status", "error"]


@dataclass(slots=True)
class ModelRef:
    """Where a model class lives; it is imported on first use, so tables load no models."""

    module: str
    name: str
    _loaded: type[Any] | None = field(default=None, init=False, repr=False, compare=False)

    def load(self) -> type[Any]:
        """The class itself (imported once, then cached)."""
        loaded = self._loaded
        if loaded is None:
            loaded = self._loaded = getattr(importlib.import_module(self.module), self.name)
        return loaded


@dataclass(frozen=True, slots=True)
class OperationSpec(Generic[InputT, OutputT]):
    """One API operation: its wire name, its input and output classes, its modeled errors.

    The generated tables name the classes with a ``ModelRef`` so that they load on first use; a
    class may also be given directly. ``OutputT`` is ``None`` for an operation whose response has
    no body (``output is None``).
    """

    name: str
    """The operation's wire name: ``DescribeEndpoint`` is sent as ``SageMaker.DescribeEndpoint``."""
    input: ModelRef | type[InputT]
    output: ModelRef | type[OutputT] | None
    errors: tuple[str, ...] = ()
    """Error codes the service model lists for this operation."""

    @property
    def input_type(self) -> type[InputT]:
        """The input class (imported on first use)."""
        return self.input.load() if isinstance(self.input, ModelRef) else self.input

    @property
    def output_type(self) -> type[OutputT] | None:
        """The output class (imported on first use), or ``None`` when there is no output."""
        return self.output.load() if isinstance(self.output, ModelRef) else self.output


@dataclass(frozen=True, slots=True)
class PaginatorSpec(Generic[InputT, OutputT, ItemT]):
    """How to page an operation: which input and output attributes carry the token and the items.

    Attribute names are Python (snake_case) names on the operation's input and output models.
    """

    operation: OperationSpec[InputT, OutputT]
    input_token: str
    output_token: str
    result_key: str | None
    """``None`` when the output has several lists: the paginator then yields whole pages."""
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
