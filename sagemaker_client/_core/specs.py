"""Typed tables that describe the service: operations, paginators and waiters.

The generator writes instances of these classes (``sagemaker_client/_generated``); the runtime reads
them. They hold data only: every decision made from them lives in the rest of ``_core``.
"""

from __future__ import annotations

import importlib
from typing import Any, Generic, Literal, NamedTuple, TypeVar

InputT = TypeVar("InputT")
OutputT = TypeVar("OutputT")
ItemT = TypeVar("ItemT")

AcceptorState = Literal["success", "failure", "retry"]
AcceptorMatcher = Literal["path", "pathAll", "pathAny", "status", "error"]

# Plain classes with __slots__ rather than dataclasses: the generated tables hold some 550 of
# them and are imported by every client, and a frozen dataclass costs about half a millisecond to
# create (its methods are compiled from source) where these cost nothing. Tables compare by
# identity; nothing assigns to them after construction.


class _Table:
    """A ``repr`` from the slots of the subclass (private slots left out)."""

    __slots__: tuple[str, ...] = ()

    def __repr__(self) -> str:
        fields = ", ".join(
            f"{name}={getattr(self, name)!r}" for name in self.__slots__ if name[0] != "_"
        )
        return f"{type(self).__name__}({fields})"


class ModelRef(_Table):
    """Where a model class lives; it is imported on first use, so tables load no models."""

    __slots__ = ("_loaded", "module", "name")

    def __init__(self, module: str, name: str) -> None:
        self.module = module
        self.name = name
        self._loaded: type[Any] | None = None

    def load(self) -> type[Any]:
        """The class itself (imported once, then cached)."""
        loaded = self._loaded
        if loaded is None:
            loaded = self._loaded = getattr(importlib.import_module(self.module), self.name)
        return loaded


class OperationSpec(_Table, Generic[InputT, OutputT]):
    """One API operation: its wire name, its input and output classes, its modeled errors.

    ``name`` is the wire name (``DescribeEndpoint`` is sent as ``SageMaker.DescribeEndpoint``);
    ``errors`` the error codes the service model lists for it. The generated tables name the
    classes with a ``ModelRef`` so that they load on first use; a class may also be given
    directly. ``OutputT`` is ``None`` for an operation whose response has no body
    (``output is None``).
    """

    __slots__ = ("errors", "input", "name", "output")

    def __init__(
        self,
        name: str,
        input: ModelRef | type[InputT],
        output: ModelRef | type[OutputT] | None,
        errors: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        self.input = input
        self.output = output
        self.errors = errors

    @property
    def input_type(self) -> type[InputT]:
        """The input class (imported on first use)."""
        return self.input.load() if isinstance(self.input, ModelRef) else self.input

    @property
    def output_type(self) -> type[OutputT] | None:
        """The output class (imported on first use), or ``None`` when there is no output."""
        return self.output.load() if isinstance(self.output, ModelRef) else self.output


class PaginatorSpec(_Table, Generic[InputT, OutputT, ItemT]):
    """How to page an operation: which input and output attributes carry the token and the items.

    Attribute names are Python (snake_case) names on the operation's input and output models;
    ``result_key`` is ``None`` when the output has several lists: the paginator then yields whole
    pages.
    """

    __slots__ = ("input_token", "limit_key", "operation", "output_token", "result_key")

    def __init__(
        self,
        operation: OperationSpec[InputT, OutputT],
        input_token: str,
        output_token: str,
        result_key: str | None,
        limit_key: str | None = None,
    ) -> None:
        self.operation = operation
        self.input_token = input_token
        self.output_token = output_token
        self.result_key = result_key
        self.limit_key = limit_key


class Acceptor(NamedTuple):
    """One waiter acceptor, as in botocore's ``waiters-2.json``.

    ``argument`` is a path over the output model in Python attribute names (``endpoint_status``,
    ``production_variants[].current_instance_count``), translated from botocore's JMESPath at
    generation time; it is ``None`` for the ``status`` and ``error`` matchers.
    """

    state: AcceptorState
    matcher: AcceptorMatcher
    expected: Any
    argument: str | None = None


class WaiterSpec(_Table, Generic[InputT, OutputT]):
    """A waiter: poll ``operation`` every ``delay`` seconds, at most ``max_attempts`` times."""

    __slots__ = ("acceptors", "delay", "max_attempts", "name", "operation")

    def __init__(
        self,
        name: str,
        operation: OperationSpec[InputT, OutputT],
        delay: float,
        max_attempts: int,
        acceptors: tuple[Acceptor, ...],
    ) -> None:
        self.name = name
        self.operation = operation
        self.delay = delay
        self.max_attempts = max_attempts
        self.acceptors = acceptors
