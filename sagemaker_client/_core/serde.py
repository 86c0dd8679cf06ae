"""The one cattrs converter: attrs models <-> AWS JSON 1.1 bodies.

Rules, all kept here and none in the models:
- member names go out and come back as the wire names in each field's ``metadata["wire"]``;
- unset (``None``) members are omitted from request bodies;
- timestamps go out as epoch seconds and come back as timezone-aware UTC datetimes, whether the
  body holds epoch numbers (what AWS sends) or ISO 8601 strings (what some emulators send);
- an enum member comes back as the enum when its value is known and as the plain string when not;
- unknown response members are ignored; a missing required member gets its zero value ("", 0,
  False, [], {}, the epoch, an empty model) instead of failing the whole response;
- primitives are strict: a number where a string belongs is an error, not a silent ``str(5)``.

Hooks are built once per class, on first use, by cattrs' code generation.
"""

from __future__ import annotations

import datetime
import enum
import itertools
import types
import typing
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

T = TypeVar("T")

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
_NONE_TYPE = type(None)


class ShapeMismatchError(ValueError):
    """A response body does not fit the output model; ``problems`` says where and how."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def wire_name(field: attrs.Attribute[Any]) -> str:
    """The member's name on the wire (the generator records it in the field metadata)."""
    name: str = field.metadata.get("wire", field.name)
    return name


def to_wire(model: attrs.AttrsInstance) -> dict[str, Any]:
    """Serialize an input model into the JSON-ready dict of a request body."""
    data: dict[str, Any] = _converter.unstructure(model)
    return data


def from_wire(cls: type[T], data: Any) -> T:
    """Build an output model from a decoded response body; raises ``ShapeMismatchError``."""
    try:
        return _converter.structure(data, cls)
    except Exception as exc:  # cattrs reports through exception groups and plain errors alike
        raise ShapeMismatchError(_describe(exc)) from None


def _describe(exc: Exception) -> list[str]:
    if isinstance(exc, cattrs.BaseValidationError):
        return cattrs.transform_error(exc, path="$")
    return [f"$: {exc}"]


# -- timestamps ---------------------------------------------------------------------------------


def _datetime_to_wire(value: datetime.datetime) -> int | float:
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    delta = value - _EPOCH
    whole = delta.days * 86_400 + delta.seconds
    if delta.microseconds:
        return (whole * 10**6 + delta.microseconds) / 10**6
    return whole


def _datetime_from_wire(value: Any, _: Any) -> datetime.datetime:
    if isinstance(value, bool):
        raise TypeError(f"expected a timestamp, got {value!r}")
    if isinstance(value, int | float):
        return _EPOCH + datetime.timedelta(seconds=value)
    if not isinstance(value, str):
        raise TypeError(f"expected a timestamp, got {type(value).__name__}")
    return _parse_timestamp_text(value)


def _parse_timestamp_text(text: str) -> datetime.datetime:
    try:
        return _EPOCH + datetime.timedelta(seconds=float(text))
    except ValueError:
        pass
    try:
        parsed = datetime.datetime.fromisoformat(_normalize_iso(text))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            raise ValueError(f"not a timestamp: {text[:64]!r}") from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=datetime.timezone.utc)
    return parsed.astimezone(datetime.timezone.utc)


def _normalize_iso(text: str) -> str:
    """Make an ISO 8601 string acceptable to Python 3.10's ``fromisoformat``."""
    text = text.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    date_part, sep, time_part = text.partition("T")
    if not sep:
        date_part, sep, time_part = text.partition(" ")
    if "." not in time_part:
        return text
    clock, _, rest = time_part.partition(".")
    digits = "".join(itertools.takewhile(str.isdigit, rest))
    zone = rest[len(digits) :]
    return f"{date_part}{sep}{clock}.{(digits + '000000')[:6]}{zone}"


# -- strict primitives ----------------------------------------------------------------------------


def _structure_str(value: Any, _: Any) -> str:
    if isinstance(value, str):
        return value
    raise TypeError(f"expected a string, got {type(value).__name__}")


def _structure_int(value: Any, _: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise TypeError(f"expected an integer, got {type(value).__name__}")


def _structure_float(value: Any, _: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise TypeError(f"expected a number, got {type(value).__name__}")


def _structure_bool(value: Any, _: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"expected a boolean, got {type(value).__name__}")


# -- enums that tolerate values the model does not list -----------------------------------------


def _union_args(tp: Any) -> tuple[Any, ...]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return typing.get_args(tp)
    return ()


def _enum_of(tp: Any) -> type[enum.Enum] | None:
    members = [arg for arg in _union_args(tp) if arg is not _NONE_TYPE]
    if len(members) == 2 and str in members:
        other = members[0] if members[1] is str else members[1]
        if isinstance(other, type) and issubclass(other, enum.Enum):
            return other
    return None


def _is_enum_or_str(tp: Any) -> bool:
    return _enum_of(tp) is not None


def _enum_or_str_hook(tp: Any) -> Callable[[Any, Any], Any]:
    enum_type = _enum_of(tp)
    assert enum_type is not None
    known = enum_type._value2member_map_
    optional = _NONE_TYPE in _union_args(tp)

    def structure(value: Any, _: Any) -> Any:
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise TypeError(f"expected a string, got {type(value).__name__}")
        return known.get(value, value)

    return structure


# -- attrs models ----------------------------------------------------------------------------


def _zero_value(tp: Any) -> Callable[[], Any]:
    """Smithy's client error correction: the value a missing required member gets."""
    origin = typing.get_origin(tp)
    if tp is str or _is_enum_or_str(tp):
        return str
    if tp is bool:
        return bool
    if tp is int:
        return int
    if tp is float:
        return float
    if tp is datetime.datetime:
        return lambda: 0
    if origin is list:
        return list
    if origin is dict:
        return dict
    return dict  # a nested model, built from {} with its own zero values


def _renames(cls: Any) -> dict[str, Any]:
    return {field.name: override(rename=wire_name(field)) for field in attrs.fields(cls)}


def _unstructure_model_hook(cls: Any) -> Callable[[Any], dict[str, Any]]:
    attrs.resolve_types(cls)
    return make_dict_unstructure_fn(cls, _converter, _cattrs_omit_if_default=True, **_renames(cls))


def _structure_model_hook(cls: Any) -> Callable[[Any, Any], Any]:
    attrs.resolve_types(cls)
    fields = attrs.fields(cls)
    build = make_dict_structure_fn(cls, _converter, **_renames(cls))
    zeros = {
        wire_name(field): _zero_value(field.type)
        for field in fields
        if field.default is attrs.NOTHING
    }

    def structure(data: Any, _: Any) -> Any:
        if not isinstance(data, dict):
            raise TypeError(f"expected a JSON object, got {type(data).__name__}")
        missing = [key for key in zeros if key not in data]
        if missing:
            data = {**{key: zeros[key]() for key in missing}, **data}
        return build(data, cls)

    return structure


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter()
    converter.register_unstructure_hook(datetime.datetime, _datetime_to_wire)
    converter.register_structure_hook(datetime.datetime, _datetime_from_wire)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook_factory(_is_enum_or_str, _enum_or_str_hook)
    converter.register_unstructure_hook_factory(attrs.has, _unstructure_model_hook)
    converter.register_structure_hook_factory(attrs.has, _structure_model_hook)
    return converter


_converter = _make_converter()
