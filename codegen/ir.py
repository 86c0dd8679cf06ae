"""The generator's intermediate representation: what the templates render, nothing more.

Every name here is final: class names are unique, attribute names are botocore-style snake_case,
types refer to classes and enums by name. ``build.py`` produces it; ``render.py`` consumes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Problem:
    """Something in the inputs the generator cannot turn into code; ``where`` names its place."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


# Types of members -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Primitive:
    name: Literal["str", "int", "float", "bool", "datetime", "object", "bytes"]
    """``object`` is a free-form JSON object (``dict[str, Any]``)."""


@dataclass(frozen=True)
class ListOf:
    item: TypeRef


@dataclass(frozen=True)
class MapOf:
    value: TypeRef


@dataclass(frozen=True)
class StructRef:
    name: str


@dataclass(frozen=True)
class EnumRef:
    name: str


TypeRef = Primitive | ListOf | MapOf | StructRef | EnumRef


# Shapes -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Constraints:
    """Bounds from the model: lengths/counts for strings, lists and maps, values for numbers."""

    min: int | float | None = None
    max: int | float | None = None
    pattern: str | None = None

    def __bool__(self) -> bool:
        return self.min is not None or self.max is not None or self.pattern is not None


@dataclass(frozen=True)
class Member:
    wire_name: str
    name: str
    type: TypeRef
    required: bool
    description: str
    constraints: Constraints = field(default_factory=Constraints)
    items: Constraints = field(default_factory=Constraints)
    """Constraints on each item of a list member."""
    keys: Constraints = field(default_factory=Constraints)
    """Constraints on each key of a map member."""
    values: Constraints = field(default_factory=Constraints)
    """Constraints on each value of a map member."""
    idempotency_token: bool = False
    deprecated: str | None = None
    """``None``, or why the member is deprecated (``""`` when the model gives no reason)."""
    sensitive: bool = False


@dataclass(frozen=True)
class Structure:
    name: str
    description: str
    members: tuple[Member, ...]
    union: bool = False
    """Exactly one member may be set."""

    def member(self, wire_name: str) -> Member | None:
        return next((m for m in self.members if m.wire_name == wire_name), None)


@dataclass(frozen=True)
class EnumValue:
    name: str
    value: str


@dataclass(frozen=True)
class Enum:
    name: str
    description: str
    values: tuple[EnumValue, ...]


Shape = Structure | Enum


@dataclass(frozen=True)
class ErrorShape:
    code: str
    documentation: str


# Tables -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    name: str
    method_name: str
    constant: str
    description: str
    input: str
    output: str | None
    """``None`` when the operation returns no body."""
    errors: tuple[str, ...]
    deprecated: bool = False


@dataclass(frozen=True)
class Paginator:
    operation: str
    method_name: str
    constant: str
    input_token: str
    output_token: str
    result_key: str | None
    """``None``: the output has several lists, and the paginator yields whole pages."""
    limit_key: str | None
    item_type: TypeRef
    from_model: bool = True
    """Declared by the model (botocore's paginators), not inferred from ``NextToken``."""


@dataclass(frozen=True)
class Acceptor:
    state: Literal["success", "failure", "retry"]
    matcher: Literal["path", "pathAll", "pathAny", "status", "error"]
    expected: str | int | bool
    argument: str | None


@dataclass(frozen=True)
class Waiter:
    name: str
    method_name: str
    constant: str
    operation: str
    delay: int
    max_attempts: int
    acceptors: tuple[Acceptor, ...]

    @property
    def succeeds_when_gone(self) -> bool:
        """True when success is the describe call's error: the resource no longer exists."""
        return any(a.state == "success" and a.matcher == "error" for a in self.acceptors)


@dataclass(frozen=True)
class Service:
    title: str
    description: str
    spec_sha256: str
    spec_dir_name: str
    operations: tuple[Operation, ...]
    structures: tuple[Structure, ...]
    enums: tuple[Enum, ...]
    errors: tuple[ErrorShape, ...]
    paginators: tuple[Paginator, ...]
    waiters: tuple[Waiter, ...]
    notes: tuple[str, ...] = ()

    def structure(self, name: str) -> Structure:
        return next(s for s in self.structures if s.name == name)

    def operation(self, name: str) -> Operation:
        return next(o for o in self.operations if o.name == name)
