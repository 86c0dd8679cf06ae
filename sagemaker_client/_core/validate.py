"""Input checks before anything is built: types, required members, the model's constraints.

Every problem is collected with its member path (``production_variants[0].initial_instance_count``)
so one ``ParamValidationError`` lists them all.

Theory of operation: the first time a class is validated, each of its fields is compiled into a
small checker (type, then ``min``/``max``/``pattern`` from the field metadata) and the plan is
cached by class; later calls only run the checkers. Nested models are looked up by class at check
time, so recursive shapes need no special case. The field types come from
``types.lazy_field_types``: a nested class not imported yet is a placeholder there, resolved
(imported) by its checker only when a value for it is present, so validating an input imports none
of the classes its unset members could hold. Strings pass an enum-or-str member without importing
the enum.

Constraint metadata, as the generator emits it (botocore semantics; every key may be absent):

- ``min`` / ``max``: a length for ``str`` (characters), ``bytes`` (bytes), ``list`` (items) and
  ``dict`` (entries); a value bound for ``int`` and ``float``.
- ``pattern``: the model's regular expression. AWS validators match it against the *whole* value
  (see docs/decisions/0005-reliability.md), so it is applied with ``re.fullmatch``, with
  ``re.DOTALL`` so that a newline never fails a ``.*`` client-side that the service might
  accept. Patterns Python cannot compile (Java's ``\\p{L}``) or that spell UTF-16 surrogates
  (Java's way to say "any character") are skipped: the service still checks them, and the SDK
  never rejects what the service could accept.
- ``items``, ``keys``, ``values``: the same keys (``min``/``max``/``pattern``) for each item of a
  list, and each key or value of a map (a list of ARNs, a map of environment variables).
- a class attribute ``_union = True`` marks a union: exactly one member must be set.
"""

from __future__ import annotations

import datetime
import enum
import re
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import attrs

from sagemaker_client._core.types import is_deferred, lazy_field_types

_NONE_TYPE = type(None)

Checker = Callable[[Any, str, list[str]], bool]
"""Appends the problems of ``value`` at ``path``; returns True when its type is right."""


def find_problems(model: attrs.AttrsInstance) -> list[str]:
    """Every problem in ``model``, each as ``"<path>: <what is wrong>"``; empty when valid."""
    problems: list[str] = []
    _check_model(model, "", problems)
    return problems


class _Member(NamedTuple):
    name: str
    required: bool
    check: Checker


class _Plan(NamedTuple):
    members: tuple[_Member, ...]
    union: bool


_PLANS: dict[type[Any], _Plan] = {}


def _plan(cls: type[Any]) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        types_of = lazy_field_types(cls)
        plan = _Plan(
            members=tuple(
                _Member(
                    name=field.name,
                    required=field.default is attrs.NOTHING,
                    check=_with_constraints(
                        _compile(types_of[field.name], field.metadata),
                        types_of[field.name],
                        field.metadata,
                    ),
                )
                for field in attrs.fields(cls)
            ),
            union=bool(getattr(cls, "_union", False)),
        )
        _PLANS[cls] = plan
    return plan


def _check_model(model: Any, prefix: str, problems: list[str]) -> None:
    plan = _plan(type(model))
    set_members: list[str] = []
    for member in plan.members:
        value = getattr(model, member.name)
        path = f"{prefix}.{member.name}" if prefix else member.name
        if value is None:
            if member.required:
                problems.append(f"{path}: is required")
            continue
        set_members.append(member.name)
        member.check(value, path, problems)
    if plan.union and len(set_members) != 1:
        where = prefix or type(model).__name__
        got = f"{len(set_members)} ({', '.join(set_members)})" if set_members else "none"
        problems.append(f"{where}: exactly one member of the union must be set, got {got}")


# -- types ----------------------------------------------------------------------------------------


def _describe(tp: Any) -> str:
    if isinstance(tp, type):
        return tp.__name__
    return str(tp).replace("datetime.datetime", "datetime").replace("typing.", "")


def _non_none(tp: Any) -> tuple[Any, ...]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return tuple(arg for arg in typing.get_args(tp) if arg is not _NONE_TYPE)
    return (tp,)


def _no_check(value: Any, path: str, problems: list[str]) -> bool:
    return True


def _compile(tp: Any, metadata: Mapping[str, Any] | None = None) -> Checker:
    """The type checker for values of annotation ``tp`` (None is handled by the caller).

    ``metadata`` may hold the constraints of list items (``items``) and of map keys and values.
    """
    if tp is Any:
        return _no_check
    options = _non_none(tp)
    if len(options) > 1:
        return _compile_union(options)
    tp = options[0]
    origin = typing.get_origin(tp)
    nested = metadata or {}
    if origin is list:
        return _compile_list(_element(typing.get_args(tp)[0], nested.get("items")))
    if origin is dict:
        keys = _with_constraints(_no_check, str, nested.get("keys") or {})
        return _compile_dict(_element(typing.get_args(tp)[1], nested.get("values")), keys)
    if attrs.has(tp):
        return _compile_model(tp)
    if is_deferred(tp):
        return _compile_deferred(tp)
    return _compile_leaf(tp)


def _compile_deferred(placeholder: Any) -> Checker:
    """The checker of a class not imported yet: it imports it, and compiles, at the first value."""
    compiled: list[Checker] = []

    def check(value: Any, path: str, problems: list[str]) -> bool:
        if not compiled:
            compiled.append(_compile(placeholder.resolve()))
        return compiled[0](value, path, problems)

    return check


def _compile_leaf(tp: Any) -> Checker:
    accepts = _leaf_test(tp)
    expected = _describe(tp)

    def check(value: Any, path: str, problems: list[str]) -> bool:
        if accepts(value):
            return True
        problems.append(f"{path}: expected {expected}, got {type(value).__name__}")
        return False

    return check


def _leaf_test(tp: Any) -> Callable[[Any], bool]:
    if tp is float:
        return lambda value: isinstance(value, int | float) and not isinstance(value, bool)
    if tp is int:
        return lambda value: isinstance(value, int) and not isinstance(value, bool)
    if tp is datetime.datetime:
        return lambda value: isinstance(value, datetime.datetime)
    return lambda value: isinstance(value, tp)


def _compile_union(options: tuple[Any, ...]) -> Checker:
    if len(options) == 2 and str in options:
        other = options[0] if options[1] is str else options[1]
        if isinstance(other, type) and issubclass(other, enum.Enum):
            # The generated enum-or-str members: any string goes, unknown values included.
            return _compile_leaf_any((other, str), f"{_describe(other)} | str")
        if is_deferred(other):  # the same, for an enum not imported yet (only enums go with str)
            return _compile_deferred_enum_or_str(other)
    checkers = [_compile(option) for option in options]
    expected = " | ".join(_describe(option) for option in options)

    def check(value: Any, path: str, problems: list[str]) -> bool:
        for checker in checkers:
            if checker(value, path, []):
                return True
        problems.append(f"{path}: expected {expected}, got {type(value).__name__}")
        return False

    return check


def _compile_deferred_enum_or_str(placeholder: Any) -> Checker:
    expected = f"{_describe(placeholder)} | str"
    compiled: list[Checker] = []

    def check(value: Any, path: str, problems: list[str]) -> bool:
        if isinstance(value, str):  # an enum member is a str too: no need to import the enum
            return True
        if not compiled:
            compiled.append(_compile_leaf_any((placeholder.resolve(), str), expected))
        return compiled[0](value, path, problems)

    return check


def _compile_leaf_any(types_: tuple[type[Any], ...], expected: str) -> Checker:
    def check(value: Any, path: str, problems: list[str]) -> bool:
        if isinstance(value, types_):
            return True
        problems.append(f"{path}: expected {expected}, got {type(value).__name__}")
        return False

    return check


def _compile_list(item: Checker) -> Checker:
    def check(value: Any, path: str, problems: list[str]) -> bool:
        if not isinstance(value, list | tuple):
            problems.append(f"{path}: expected a list, got {type(value).__name__}")
            return False
        for index, element in enumerate(value):
            if element is None:
                problems.append(f"{path}[{index}]: must not be None")
            else:
                item(element, f"{path}[{index}]", problems)
        return True

    return check


def _element(tp: Any, constraints: Mapping[str, Any] | None) -> Checker:
    """The checker of a list item or map value: its type, then its own constraints."""
    return _with_constraints(_compile(tp), tp, constraints or {})


def _compile_dict(item: Checker, key_check: Checker = _no_check) -> Checker:
    def check(value: Any, path: str, problems: list[str]) -> bool:
        if not isinstance(value, dict):
            problems.append(f"{path}: expected a dict, got {type(value).__name__}")
            return False
        for key, element in value.items():
            if not isinstance(key, str):
                problems.append(f"{path}: keys must be strings, got {type(key).__name__}")
            else:
                key_check(key, f"{path} key {key!r}", problems)
            if element is None:
                problems.append(f"{path}[{key!r}]: must not be None")
            else:
                item(element, f"{path}[{key!r}]", problems)
        return True

    return check


def _compile_model(cls: type[Any]) -> Checker:
    def check(value: Any, path: str, problems: list[str]) -> bool:
        if not isinstance(value, cls):
            problems.append(f"{path}: expected {cls.__name__}, got {type(value).__name__}")
            return False
        _check_model(value, path, problems)
        return True

    return check


# -- constraints ----------------------------------------------------------------------------------

_UNITS: dict[type[Any], str] = {str: "characters", bytes: "bytes", list: "items", dict: "entries"}


def _with_constraints(check: Checker, tp: Any, metadata: Mapping[str, Any]) -> Checker:
    """``check`` followed by the field's min/max/pattern checks, when it has any."""
    low, high = metadata.get("min"), metadata.get("max")
    pattern = _compiled_pattern(metadata.get("pattern"))
    if low is None and high is None and pattern is None:
        return check
    kind = _constraint_kind(tp)
    if kind is None:
        return check
    if kind in (int, float):
        bounds = _value_bounds(low, high)
        return _then(check, bounds)
    return _then(check, _length_bounds(low, high, _UNITS[kind], pattern if kind is str else None))


def _constraint_kind(tp: Any) -> type[Any] | None:
    """What min/max measure for a field of type ``tp``: str, bytes, list, dict, int or float."""
    options = _non_none(tp)
    if str in options:
        return str  # plain strings and enum-or-str members alike
    if len(options) != 1:
        return None
    tp = options[0]
    origin = typing.get_origin(tp)
    if origin in (list, dict):
        return origin  # type: ignore[no-any-return]
    if tp in (str, bytes, int, float):
        return tp  # type: ignore[no-any-return]
    return None


def _then(check: Checker, constraint: Callable[[Any, str, list[str]], None]) -> Checker:
    def checked(value: Any, path: str, problems: list[str]) -> bool:
        if check(value, path, problems):
            constraint(value, path, problems)
            return True
        return False

    return checked


def _value_bounds(low: Any, high: Any) -> Callable[[Any, str, list[str]], None]:
    def constraint(value: Any, path: str, problems: list[str]) -> None:
        if low is not None and value < low:
            problems.append(f"{path}: must be >= {low}, got {value}")
        if high is not None and value > high:
            problems.append(f"{path}: must be <= {high}, got {value}")

    return constraint


def _length_bounds(
    low: Any, high: Any, unit: str, pattern: re.Pattern[str] | None
) -> Callable[[Any, str, list[str]], None]:
    def constraint(value: Any, path: str, problems: list[str]) -> None:
        size = len(value)
        if low is not None and size < low:
            problems.append(f"{path}: must have at least {low} {unit}, got {size}")
        elif high is not None and size > high:
            problems.append(f"{path}: must have at most {high} {unit}, got {size}")
        elif pattern is not None and isinstance(value, str) and not pattern.fullmatch(value):
            # The value itself is not echoed: inputs may hold secrets of the caller's.
            problems.append(f"{path}: does not match the pattern {pattern.pattern!r}")

    return constraint


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_PATTERNS: dict[str, re.Pattern[str] | None] = {}


def _compiled_pattern(pattern: Any) -> re.Pattern[str] | None:
    """The compiled pattern, or None when absent or not usable in Python (cached either way)."""
    if not isinstance(pattern, str):
        return None
    if pattern not in _PATTERNS:
        compiled: re.Pattern[str] | None = None
        if not _SURROGATE_ESCAPE.search(pattern):
            try:
                compiled = re.compile(pattern, re.DOTALL)
            except (re.error, OverflowError, RecursionError):
                compiled = None
        _PATTERNS[pattern] = compiled
    return _PATTERNS[pattern]
