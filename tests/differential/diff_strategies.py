"""Hypothesis strategies built from the generator's IR: random valid values of any structure.

A value is a plain dict keyed by wire names, in the form botocore takes as parameters: nested
dicts for structures, ``str`` for enums, aware ``datetime`` for timestamps, ``bytes`` for blobs.
``to_sdk_kwargs`` turns the same value into keyword arguments of the SDK's client methods (snake
case names, model instances, enums).

Values are valid by construction: required members are always there, enums take a listed value,
numbers, lengths and sizes keep to the ``min``/``max`` constraints of the IR (of the OpenAPI
document for list items and map keys and values, which the IR does not keep), a union sets exactly
one member, and optional members stop below ``MAX_DEPTH`` so recursive shapes stay small.
Strings match their pattern too, where the SDK applies it (``diff_patterns``).
"""

from __future__ import annotations

import datetime
import functools
import os
from typing import Any

from diff_patterns import INFINITE, matching_text, usable
from diff_support import enums, member_schema, resolve, schema_constraints, structures
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

import sagemaker_client.models
from codegen import ir

EXAMPLES = int(os.environ.get("SAGEMAKER_DIFF_EXAMPLES", "5"))
"""Examples per operation and test: few, since every operation is a test of its own."""
SETTINGS = settings(
    max_examples=EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

MAX_DEPTH = 3
"""Optional members of structures nested deeper than this are left out."""
MAX_ITEMS = 3
"""Lists and maps get at most this many entries (more only when ``min`` asks for more)."""
MAX_TEXT = 12
"""Strings get at most this many characters beyond their ``min``."""

INT64 = (-(2**63), 2**63 - 1)
INT_DEFAULT = (-1_000, 1_000_000)
"""Modest integers where the model sets no bounds."""

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
_FIRST_SECOND = 946_684_800  # 2000-01-01
_LAST_SECOND = 4_102_444_800  # 2100-01-01


# -- constraints -------------------------------------------------------------------------------


def _bound(value: Any) -> Any:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _length_bounds(constraints: ir.Constraints, spare: int) -> tuple[int, int]:
    """(min, max) of a length or a size: the model's bounds, kept small where it sets none."""
    low, high = _bound(constraints.min), _bound(constraints.max)
    lower = max(int(low), 0) if low is not None else 0
    upper = lower + spare
    if high is not None:
        upper = min(upper, int(high))
    return lower, max(lower, upper)


def _number_bounds(constraints: ir.Constraints, default: tuple[int, int]) -> tuple[Any, Any]:
    low, high = _bound(constraints.min), _bound(constraints.max)
    if low is None and high is None:
        return default
    if low is None:
        return min(default[0], high), high
    if high is None:
        return low, max(default[1], low)
    return low, high


# -- strategies --------------------------------------------------------------------------------


def structure_values(name: str, depth: int = 0) -> st.SearchStrategy[dict[str, Any]]:
    """Random valid values of the structure ``name``, as a dict keyed by wire names."""
    return _structure(name, min(depth, MAX_DEPTH + 1))


@functools.cache
def _structure(name: str, depth: int) -> st.SearchStrategy[dict[str, Any]]:
    structure = structures()[name]
    members = structure.members
    if structure.union:
        if depth > MAX_DEPTH:  # prefer members that do not nest further
            flat = [member for member in members if not _nests(member.type)]
            members = tuple(flat) or members
        return st.one_of(
            [st.fixed_dictionaries({m.wire_name: _member(name, m, depth)}) for m in members]
        )
    required = {m.wire_name: _member(name, m, depth) for m in members if m.required}
    if depth > MAX_DEPTH:
        return st.fixed_dictionaries(required)
    optional = {m.wire_name: _member(name, m, depth) for m in members if not m.required}
    return st.fixed_dictionaries(required, optional=optional)


def _nests(tp: ir.TypeRef) -> bool:
    if isinstance(tp, ir.ListOf):
        return _nests(tp.item)
    if isinstance(tp, ir.MapOf):
        return _nests(tp.value)
    return isinstance(tp, ir.StructRef)


def _member(structure: str, member: ir.Member, depth: int) -> st.SearchStrategy[Any]:
    schema = member_schema(structure, member.wire_name)
    return _value(member.type, member.constraints, schema, depth)


def _value(
    tp: ir.TypeRef, constraints: ir.Constraints, schema: dict[str, Any] | None, depth: int
) -> st.SearchStrategy[Any]:
    """Values of ``tp`` within ``constraints``; ``schema`` (if known) describes its elements."""
    if isinstance(tp, ir.StructRef):
        return st.deferred(lambda: structure_values(tp.name, depth + 1))
    if isinstance(tp, ir.EnumRef):
        values = [value.value for value in enums()[tp.name].values]
        assert values, f"enum {tp.name} has no values"
        return st.sampled_from(values)
    if isinstance(tp, ir.ListOf):
        low, high = _length_bounds(constraints, MAX_ITEMS)
        if depth >= MAX_DEPTH:
            high = low
        items = resolve((schema or {}).get("items"))
        item = _value(tp.item, schema_constraints(items), items, depth)
        return st.lists(item, min_size=low, max_size=high)
    if isinstance(tp, ir.MapOf):
        low, high = _length_bounds(constraints, MAX_ITEMS)
        if depth >= MAX_DEPTH:
            high = low
        values = resolve((schema or {}).get("additionalProperties"))
        value = _value(tp.value, schema_constraints(values), values, depth)
        keys = _map_keys(resolve((schema or {}).get("propertyNames")))
        return st.dictionaries(keys, value, min_size=low, max_size=high)
    assert isinstance(tp, ir.Primitive), tp
    return _primitive(tp.name, constraints)


def _map_keys(schema: dict[str, Any] | None) -> st.SearchStrategy[str]:
    """Keys of a map: a value of its key enum, else a string as its key schema says."""
    if schema is not None and schema.get("enum"):
        return st.sampled_from(schema["enum"])
    return _text(schema_constraints(schema), nonempty=True)


_TEXT_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))


def _text(constraints: ir.Constraints, *, nonempty: bool = False) -> st.SearchStrategy[str]:
    """Strings of the allowed length that match the pattern, when the SDK applies it."""
    low, high = _length_bounds(constraints, MAX_TEXT)
    low = max(low, 1) if nonempty else low
    pattern = constraints.pattern
    if pattern is not None and usable(pattern) is not None:
        most = _bound(constraints.max)
        return matching_text(pattern, low, INFINITE if most is None else int(most), MAX_TEXT)
    return st.text(_TEXT_ALPHABET, min_size=low, max_size=max(low, high))


def _primitive(name: str, constraints: ir.Constraints) -> st.SearchStrategy[Any]:
    if name == "str":
        return _text(constraints)
    if name == "bytes":
        low, high = _length_bounds(constraints, MAX_TEXT)
        return st.binary(min_size=low, max_size=high)
    if name == "int":
        low, high = _number_bounds(constraints, INT_DEFAULT)
        return st.integers(min_value=int(max(low, INT64[0])), max_value=int(min(high, INT64[1])))
    if name == "float":
        low, high = _bound(constraints.min), _bound(constraints.max)
        return st.floats(
            min_value=None if low is None else float(low),
            max_value=None if high is None else float(high),
            allow_nan=False,
            allow_infinity=False,
        )
    if name == "bool":
        return st.booleans()
    if name == "datetime":
        return st.builds(
            _timestamp,
            st.integers(_FIRST_SECOND, _LAST_SECOND),
            st.one_of(st.just(0), st.integers(0, 999)),
            st.sampled_from(_ZONES),
        )
    if name == "object":
        scalar = st.one_of(st.text(max_size=8), st.integers(-1000, 1000), st.booleans())
        return st.dictionaries(st.text(min_size=1, max_size=8), scalar, max_size=MAX_ITEMS)
    raise AssertionError(f"no strategy for primitive {name!r}")


_ZONES = (
    datetime.timezone.utc,
    datetime.timezone(datetime.timedelta(hours=5, minutes=30)),
    datetime.timezone(datetime.timedelta(hours=-8)),
)


def _timestamp(seconds: int, milliseconds: int, zone: datetime.tzinfo) -> datetime.datetime:
    """An aware instant with whole-millisecond precision (exact through epoch floats), in UTC or
    at another offset, which must not change the instant on the wire."""
    instant = _EPOCH + datetime.timedelta(seconds=seconds, milliseconds=milliseconds)
    return instant.astimezone(zone)


# -- wire values -> SDK arguments ------------------------------------------------------------------


def to_sdk_kwargs(
    name: str, value: dict[str, Any], *, enums_as_str: bool = False
) -> dict[str, Any]:
    """Keyword arguments of the SDK for a wire value of the structure ``name``."""
    structure = structures()[name]
    return {
        member.name: _to_sdk(member.type, value[member.wire_name], enums_as_str)
        for member in structure.members
        if member.wire_name in value
    }


def _to_sdk(tp: ir.TypeRef, value: Any, enums_as_str: bool) -> Any:
    if isinstance(tp, ir.StructRef):
        model = getattr(sagemaker_client.models, tp.name)
        return model(**to_sdk_kwargs(tp.name, value, enums_as_str=enums_as_str))
    if isinstance(tp, ir.EnumRef):
        return value if enums_as_str else getattr(sagemaker_client.models, tp.name)(value)
    if isinstance(tp, ir.ListOf):
        return [_to_sdk(tp.item, item, enums_as_str) for item in value]
    if isinstance(tp, ir.MapOf):
        return {key: _to_sdk(tp.value, item, enums_as_str) for key, item in value.items()}
    return value
