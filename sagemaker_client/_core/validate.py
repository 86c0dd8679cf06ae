"""Input checks before anything is built: types, and required members of nested models.

Every problem is collected with its member path (``production_variants[0].initial_instance_count``)
so one ``ParamValidationError`` lists them all.
"""

from __future__ import annotations

import datetime
import enum
import types
import typing
from typing import Any

import attrs

_NONE_TYPE = type(None)


def find_problems(model: attrs.AttrsInstance) -> list[str]:
    """Every problem in ``model``, each as ``"<path>: <what is wrong>"``; empty when valid."""
    problems: list[str] = []
    _check_model(model, "", problems)
    return problems


_MEMBERS: dict[type[Any], tuple[tuple[str, Any, bool], ...]] = {}


def _members(cls: type[Any]) -> tuple[tuple[str, Any, bool], ...]:
    """(name, resolved type, required) per field, computed once per class."""
    members = _MEMBERS.get(cls)
    if members is None:
        attrs.resolve_types(cls)
        members = tuple(
            (field.name, field.type, field.default is attrs.NOTHING) for field in attrs.fields(cls)
        )
        _MEMBERS[cls] = members
    return members


def _check_model(model: Any, prefix: str, problems: list[str]) -> None:
    for name, tp, required in _members(type(model)):
        value = getattr(model, name)
        path = f"{prefix}.{name}" if prefix else name
        if value is None:
            if required:
                problems.append(f"{path}: is required")
            continue
        _check(value, tp, path, problems)


def _describe(tp: Any) -> str:
    if isinstance(tp, type):
        return tp.__name__
    return str(tp).replace("datetime.datetime", "datetime").replace("typing.", "")


def _check(value: Any, tp: Any, path: str, problems: list[str]) -> None:
    origin = typing.get_origin(tp)
    if tp is Any:
        return
    if origin in (typing.Union, types.UnionType):
        _check_union(value, tp, path, problems)
    elif origin is list:
        _check_list(value, typing.get_args(tp)[0], path, problems)
    elif origin is dict:
        _check_dict(value, typing.get_args(tp)[1], path, problems)
    elif attrs.has(tp):
        if isinstance(value, tp):
            _check_model(value, path, problems)
        else:
            problems.append(f"{path}: expected {tp.__name__}, got {type(value).__name__}")
    elif not _is_instance(value, tp):
        problems.append(f"{path}: expected {_describe(tp)}, got {type(value).__name__}")


def _is_instance(value: Any, tp: Any) -> bool:
    if tp is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if tp is datetime.datetime:
        return isinstance(value, datetime.datetime)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return isinstance(value, tp)
    return isinstance(value, tp)


def _check_union(value: Any, tp: Any, path: str, problems: list[str]) -> None:
    options = [arg for arg in typing.get_args(tp) if arg is not _NONE_TYPE]
    if len(options) == 1:
        _check(value, options[0], path, problems)
        return
    for option in options:
        attempt: list[str] = []
        _check(value, option, path, attempt)
        if not attempt:
            return
    expected = " | ".join(_describe(option) for option in options)
    problems.append(f"{path}: expected {expected}, got {type(value).__name__}")


def _check_list(value: Any, item_type: Any, path: str, problems: list[str]) -> None:
    if not isinstance(value, list | tuple):
        problems.append(f"{path}: expected a list, got {type(value).__name__}")
        return
    for index, item in enumerate(value):
        _check(item, item_type, f"{path}[{index}]", problems)


def _check_dict(value: Any, value_type: Any, path: str, problems: list[str]) -> None:
    if not isinstance(value, dict):
        problems.append(f"{path}: expected a dict, got {type(value).__name__}")
        return
    for key, item in value.items():
        if not isinstance(key, str):
            problems.append(f"{path}: keys must be strings, got {type(key).__name__}")
        _check(item, value_type, f"{path}[{key!r}]", problems)
