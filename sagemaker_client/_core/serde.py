"""attrs models <-> AWS JSON 1.1 bodies: one compiled function per class and direction.

Rules, all kept here and none in the models:
- member names go out and come back as the wire names in each field's ``metadata["wire"]``;
- unset (``None``) members are omitted from request bodies;
- timestamps go out as epoch seconds and come back as timezone-aware UTC datetimes, whether the
  body holds epoch numbers (what AWS sends) or ISO 8601 strings (what some emulators send);
- an enum member comes back as the enum when its value is known and as the plain string when not;
- unknown response members are ignored; a missing required member gets its zero value ("", 0,
  False, [], {}, the epoch, an empty model) instead of failing the whole response;
- primitives are strict: a number where a string belongs is an error, not a silent ``str(5)``.

For every attrs class this module compiles, once, one function that builds it from a decoded body
and one that turns it into a JSON-ready dict (see "Theory of operation" below); every member type
the generator emits is converted inline. For its first ``COMPILE_AFTER`` uses in either
direction a class is handled by an interpreter over the same rules and compiled after that, so a
call made once or twice pays no compilation ("first uses: interpreted" below). The one cattrs
converter
remains for any other type (and is what those functions are registered in), created on first
need: importing cattrs and running its code generation cost more at start-up than the whole
first call, and its per-member dispatch was most of the time spent on a ListModels page.
See docs/decisions/0007-compiled-serde.md.
"""

from __future__ import annotations

import datetime
import enum
import functools
import itertools
import operator
import threading
import types
import typing
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import attrs

from sagemaker_client._core.types import field_types, is_deferred, lazy_field_types

if typing.TYPE_CHECKING:
    import cattrs

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
    data: dict[str, Any] = _unstructure_function(type(model))(model)
    return data


def from_wire(cls: type[T], data: Any) -> T:
    """Build an output model from a decoded response body; raises ``ShapeMismatchError``."""
    try:
        if attrs.has(cls):
            built: T = _structure_function(cls)(data)
            return built
        return _converter().structure(data, cls)
    except Exception as exc:  # any failure: find every problem again, this time with its path
        raise ShapeMismatchError(_describe(cls, data, exc)) from None


def _describe(cls: Any, data: Any, exc: Exception) -> list[str]:
    problems: list[str] = []
    _explain(cls, data, "$", problems)
    return problems or [f"$: {exc}"]


# -- timestamps ---------------------------------------------------------------------------------


def _datetime_to_wire(value: datetime.datetime) -> int | float:
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    delta = value - _EPOCH
    whole = delta.days * 86_400 + delta.seconds
    if delta.microseconds:
        return (whole * 10**6 + delta.microseconds) / 10**6
    return whole


def _datetime_from_wire(value: Any, _: Any = None) -> datetime.datetime:
    kind = value.__class__
    if kind is float or kind is int:
        # fromtimestamp rounds exactly like epoch + timedelta, in a third of the time.
        try:
            return _from_timestamp(value, datetime.timezone.utc)
        except (OverflowError, OSError, ValueError):
            return _EPOCH + datetime.timedelta(seconds=value)
    if isinstance(value, bool):
        raise TypeError(f"expected a timestamp, got {value!r}")
    if isinstance(value, int | float):
        return _EPOCH + datetime.timedelta(seconds=value)
    if not isinstance(value, str):
        raise TypeError(f"expected a timestamp, got {type(value).__name__}")
    return _parse_timestamp_text(value)


_from_timestamp = datetime.datetime.fromtimestamp


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


def _structure_str(value: Any, _: Any = None) -> str:
    if isinstance(value, str):
        return value
    raise TypeError(f"expected a string, got {type(value).__name__}")


def _structure_int(value: Any, _: Any = None) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise TypeError(f"expected an integer, got {type(value).__name__}")


def _structure_float(value: Any, _: Any = None) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise TypeError(f"expected a number, got {type(value).__name__}")


def _structure_bool(value: Any, _: Any = None) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"expected a boolean, got {type(value).__name__}")


# -- enums that tolerate values the model does not list -----------------------------------------


def _union_args(tp: Any) -> tuple[Any, ...]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return typing.get_args(tp)
    return ()


def _enum_part(tp: Any) -> Any:
    """The enum of an enum-or-str type, or its placeholder (``_core/types.py``) when the enum is
    not imported yet; None for any other type. Only enums are annotated ``X | str``."""
    members = [arg for arg in _union_args(tp) if arg is not _NONE_TYPE]
    if len(members) == 2 and str in members:
        other = members[0] if members[1] is str else members[1]
        if is_deferred(other) or (isinstance(other, type) and issubclass(other, enum.Enum)):
            return other
    return None


def _enum_of(tp: Any) -> type[enum.Enum] | None:
    """The enum of an enum-or-str type whose enum is imported (what cattrs hands over)."""
    part = _enum_part(tp)
    return None if part is None or is_deferred(part) else part


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
        return _enum_string(known, value)

    return structure


# -- attrs models ----------------------------------------------------------------------------


def _zero_value(tp: Any) -> Callable[[], Any]:
    """Smithy's client error correction: the value a missing required member gets."""
    origin = typing.get_origin(tp)
    if tp is str or _enum_part(tp) is not None:
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


def _structure_model_hook(cls: Any) -> Callable[[Any, Any], Any]:
    return _compiled(cls)


def _unstructure_model_hook(cls: Any) -> Callable[[Any], dict[str, Any]]:
    return _compiled_unstructure(cls)


# -- compiled functions ------------------------------------------------------------------------
#
# Theory of operation: for each attrs class, ``_compile_structure`` writes the source of one
# function that reads every member straight from the decoded dict, checks and converts it with
# inline expressions (``v if v.__class__ is str else _str(v)``: the slow helper only runs to coerce
# an integral float or to raise), and calls the class once; ``_compile_unstructure`` writes one
# that reads every attribute, leaves out the unset ones and converts the rest the same way.
# A nested class is called through a global name of the compiled function; until that class is
# first met in data, the name holds a stub that compiles it and rebinds the name, so a response
# class with 40 possible nested classes compiles only those a body actually holds, and a class
# that contains itself needs nothing special. The field types come from
# ``types.lazy_field_types``: a nested class whose module is not imported yet is a placeholder
# there, and its stub imports it (``resolve()``) only when data holds it; the value map of such an
# enum is bound as a ``_FirstUseValues`` that resolves the enum on the first lookup and rebinds the
# name to the real map. So compiling a class imports none of the classes it could nest, and once
# met, a nested class costs the same as before. Types the compiler does not know go to the cattrs
# converter. The structure path keeps no paths for error messages: when it raises, ``_explain``
# walks the same data again, slowly, and names every problem with its path
# (``$.items[1].count``).

_COMPILED: dict[str, dict[type[Any], Callable[..., Any]]] = {"structure": {}, "unstructure": {}}
_COMPILING = threading.Lock()


def _compiled(cls: type[Any]) -> Callable[..., Any]:
    return _compiled_for("structure", cls)


def _compiled_unstructure(cls: type[Any]) -> Callable[..., Any]:
    return _compiled_for("unstructure", cls)


def _compiled_for(direction: str, cls: type[Any]) -> Callable[..., Any]:
    table = _COMPILED[direction]
    function = table.get(cls)
    if function is not None:
        return function
    compiler = _compile_structure if direction == "structure" else _compile_unstructure
    with _COMPILING:
        function = table.get(cls)
        if function is None:
            function = table[cls] = compiler(cls)
    return function


def _nested(direction: str, cls: Any, source: _Source) -> str:
    """The name under which a compiled function calls the function of the nested ``cls`` (an
    attrs class, or the placeholder of a class not imported yet)."""
    if not is_deferred(cls):
        compiled = _COMPILED[direction].get(cls)
        if compiled is not None:
            return source.bind(compiled, "model")
    name = source.bind(None, "model")
    namespace = source.namespace

    def first_use(value: Any, _: Any = None) -> Any:
        real = cls.resolve() if is_deferred(cls) else cls
        if attrs.has(real):
            function = _compiled_for(direction, real)
        elif direction == "structure":
            function = _fallback_structure(real)
        else:
            function = _fallback_unstructure(real)
        namespace[name] = function
        return function(value)

    namespace[name] = first_use
    return name


class _FirstUseValues:
    """Stands for the value map of an enum not imported yet, in a compiled function's globals.

    The compiled code only calls ``.get(value, value)`` on it; the first call imports the enum and
    rebinds the global to the enum's own ``_value2member_map_``.
    """

    __slots__ = ("_enum", "_name", "_namespace")

    def __init__(self, placeholder: Any, namespace: dict[str, Any], name: str) -> None:
        self._enum = placeholder
        self._namespace = namespace
        self._name = name

    def get(self, value: Any, default: Any) -> Any:
        known: dict[Any, Any] = self._enum.resolve()._value2member_map_
        self._namespace[self._name] = known
        return known.get(value, default)


class _Source:
    """The names a compiled function closes over, each bound once under a fresh name."""

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {
            "_str": _structure_str,
            "_int": _structure_int,
            "_float": _structure_float,
            "_bool": _structure_bool,
            "_ts": _datetime_from_wire,
            "_list": _not_a_list,
            "_dict": _not_a_dict,
            "_object": _not_an_object,
            "_enum_str": _enum_string,
            "_dt_out": _datetime_to_wire,
            "_enum_out": _enum_to_wire,
        }
        self._count = 0

    def bind(self, value: Any, hint: str) -> str:
        self._count += 1
        name = f"_{hint}{self._count}"
        self.namespace[name] = value
        return name

    def variable(self) -> str:
        self._count += 1
        return f"x{self._count}"


def _optional(tp: Any) -> tuple[Any, bool]:
    """``(T, True)`` for ``T | None``, else ``(tp, False)``."""
    args = _union_args(tp)
    if _NONE_TYPE in args:
        rest = tuple(arg for arg in args if arg is not _NONE_TYPE)
        return functools.reduce(operator.or_, rest), True
    return tp, False


def _expression(tp: Any, var: str, source: _Source) -> str:
    """A Python expression that converts ``var`` to ``tp`` (or raises)."""
    inner, optional = _optional(tp)
    if optional:
        return f"(None if {var} is None else {_expression(inner, var, source)})"
    if tp is str:
        return f"({var} if {var}.__class__ is str else _str({var}))"
    if tp is int:
        return f"({var} if {var}.__class__ is int else _int({var}))"
    if tp is float:
        return f"({var} if {var}.__class__ is float else _float({var}))"
    if tp is bool:
        return f"({var} if {var}.__class__ is bool else _bool({var}))"
    if tp is datetime.datetime:
        return f"_ts({var})"
    enum_type = _enum_part(tp)
    if enum_type is not None:
        if is_deferred(enum_type):
            known = source.bind(None, "known")
            source.namespace[known] = _FirstUseValues(enum_type, source.namespace, known)
        else:
            known = source.bind(enum_type._value2member_map_, "known")
        return (
            f"({known}.get({var}, {var}) if {var}.__class__ is str else _enum_str({known}, {var}))"
        )
    if attrs.has(tp) or is_deferred(tp):
        return f"{_nested('structure', tp, source)}({var})"
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is list and len(args) == 1:
        item = source.variable()
        converted = _expression(args[0], item, source)
        return f"[{converted} for {item} in ({var} if {var}.__class__ is list else _list({var}))]"
    if origin is dict and len(args) == 2 and args[0] is str:
        key, item = source.variable(), source.variable()
        converted = _expression(args[1], item, source)
        items = f"({var} if {var}.__class__ is dict else _dict({var})).items()"
        return f"{{{key}: {converted} for {key}, {item} in {items}}}"
    return f"{source.bind(_fallback_structure(tp), 'other')}({var})"


def _output(tp: Any, var: str, source: _Source) -> str:
    """A Python expression that turns ``var`` (of type ``tp``) into JSON-ready data."""
    inner, optional = _optional(tp)
    if optional:
        return f"(None if {var} is None else {_output(inner, var, source)})"
    if tp in (str, int, float, bool):
        return var
    if tp is datetime.datetime:
        return f"_dt_out({var})"
    if _enum_part(tp) is not None:
        return f"({var} if {var}.__class__ is str else _enum_out({var}))"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return f"_enum_out({var})"
    if attrs.has(tp) or is_deferred(tp):
        return f"{_nested('unstructure', tp, source)}({var})"
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is list and len(args) == 1:
        item = source.variable()
        return f"[{_output(args[0], item, source)} for {item} in {var}]"
    if origin is dict and len(args) == 2 and args[0] is str:
        key, item = source.variable(), source.variable()
        return f"{{{key}: {_output(args[1], item, source)} for {key}, {item} in {var}.items()}}"
    return f"{source.bind(_fallback_unstructure(tp), 'other')}({var})"


def _compile_unstructure(cls: type[Any]) -> Callable[..., Any]:
    types_of = lazy_field_types(cls)
    source = _Source()
    lines = ["def unstructure(model):", "    out = {}"]
    for field in attrs.fields(cls):
        key = wire_name(field)
        lines.append(f"    v = model.{field.name}")
        default = field.default
        if default is attrs.NOTHING:
            lines.append(f"    out[{key!r}] = {_output(types_of[field.name], 'v', source)}")
            continue
        # Left out when unset, like cattrs' omit_if_default: None, or the field's own default.
        if default is None:
            lines.append("    if v is not None:")
        elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            lines.append(f"    if v != {source.bind(default.factory, 'default')}():")
        else:
            lines.append(f"    if v != {source.bind(default, 'default')}:")
        lines.append(f"        out[{key!r}] = {_output(types_of[field.name], 'v', source)}")
    lines.append("    return out")
    return _build(source, lines, "unstructure", cls)


def _build(source: _Source, lines: list[str], name: str, cls: type[Any]) -> Callable[..., Any]:
    code = compile("\n".join(lines), f"<sagemaker_client {name} {cls.__qualname__}>", "exec")
    exec(code, source.namespace)
    function: Callable[..., Any] = source.namespace[name]
    return function


def _fallback_structure(tp: Any) -> Callable[[Any], Any]:
    def structure(value: Any) -> Any:
        return _converter().structure(value, tp)

    return structure


def _fallback_unstructure(tp: Any) -> Callable[[Any], Any]:
    def unstructure(value: Any) -> Any:
        return _converter().unstructure(value, unstructure_as=tp)

    return unstructure


def _enum_to_wire(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def _compile_structure(cls: type[Any]) -> Callable[..., Any]:
    types_of = lazy_field_types(cls)
    source = _Source()
    lines = [
        "def structure(data, _=None):",
        "    if data.__class__ is not dict:",
        "        _object(data)",
        "    get = data.get",
    ]
    arguments = []
    for index, field in enumerate(attrs.fields(cls)):
        if not field.init:
            continue
        key = wire_name(field)
        var = f"a{index}"
        tp = types_of[field.name]
        if field.default is attrs.NOTHING:
            zero = source.bind(_zero_value(tp), "zero")
            lines.append(f"    {var} = data[{key!r}] if {key!r} in data else {zero}()")
            lines.append(f"    {var} = {_expression(tp, var, source)}")
        else:
            inner, _ = _optional(tp)
            lines.append(f"    {var} = get({key!r})")
            lines.append(f"    if {var} is not None:")
            lines.append(f"        {var} = {_expression(inner, var, source)}")
        arguments.append(f"{field.alias}={var}")
    lines.append(f"    return {source.bind(cls, 'cls')}({', '.join(arguments)})")
    return _build(source, lines, "structure", cls)


# -- first uses: interpreted ----------------------------------------------------------------------
#
# Compiling costs about 70 µs per member (CPython compiles some 4-5 KB of source per millisecond):
# a first DescribeTrainingJob spent about 5 ms compiling the 19 classes of its answer, a first
# CreateTrainingJob about 4 ms on its input, and a script that makes a few calls never earns that
# back. So for its first ``COMPILE_AFTER`` uses in a direction a class is handled by an
# interpreter, ``_InterpretedStructure`` or ``_InterpretedUnstructure``: one converter closure per
# member, built by ``_member_converter`` / ``_member_output`` from the same walk over the member
# types as ``_expression`` / ``_output``, with the same rules, only slower per item (a call per
# member instead of inline code). At its next use the class is compiled, so paging and every
# steady state run the compiled functions. Both tiers are tested against each other on every
# generated model.

COMPILE_AFTER = 2
"""Uses of a class, per direction, handled by the interpreter before it is compiled."""

_INTERPRETED: dict[str, dict[type[Any], Callable[..., Any]]] = {"structure": {}, "unstructure": {}}


def _structure_function(cls: type[Any]) -> Callable[..., Any]:
    """How ``cls`` is structured now: its compiled function, or its interpreter for a while."""
    return _current("structure", cls)


def _unstructure_function(cls: type[Any]) -> Callable[..., Any]:
    """How ``cls`` is unstructured now: its compiled function, or its interpreter for a while."""
    return _current("unstructure", cls)


def _current(direction: str, cls: type[Any]) -> Callable[..., Any]:
    compiled = _COMPILED[direction].get(cls)
    if compiled is not None:
        return compiled
    table = _INTERPRETED[direction]
    interpreted = table.get(cls)
    if interpreted is None:
        kind = _InterpretedStructure if direction == "structure" else _InterpretedUnstructure
        interpreted = table.setdefault(cls, kind(cls))
    return interpreted


class _InterpretedStructure:
    """Structures ``cls`` member by member; hands over to the compiled function after a while."""

    __slots__ = ("_cls", "_members", "_uses")

    def __init__(self, cls: type[Any]) -> None:
        self._cls = cls
        self._uses = 0
        types_of = lazy_field_types(cls)
        # (argument name, wire name, zero value (None: the member is optional), converter)
        self._members: list[tuple[str, str, Callable[[], Any] | None, Callable[[Any], Any]]] = []
        for field in attrs.fields(cls):
            if not field.init:
                continue
            tp = types_of[field.name]
            required = field.default is attrs.NOTHING
            zero = _zero_value(tp) if required else None
            convert = _member_converter(tp if required else _optional(tp)[0])
            self._members.append((field.alias, wire_name(field), zero, convert))

    def __call__(self, data: Any, _: Any = None) -> Any:
        self._uses += 1
        if self._uses > COMPILE_AFTER:
            return _compiled(self._cls)(data)
        if data.__class__ is not dict:
            _not_an_object(data)
        arguments = {}
        for name, key, zero, convert in self._members:
            if zero is None:
                value = data.get(key)
                arguments[name] = None if value is None else convert(value)
            else:
                arguments[name] = convert(data[key] if key in data else zero())
        return self._cls(**arguments)


_REQUIRED = object()  # an unstructure member without a default: always written


class _InterpretedUnstructure:
    """Unstructures ``cls`` member by member; hands over to the compiled function after a while.

    A member is left out when it holds its default, as in ``_compile_unstructure``.
    """

    __slots__ = ("_cls", "_members", "_uses")

    def __init__(self, cls: type[Any]) -> None:
        self._cls = cls
        self._uses = 0
        types_of = lazy_field_types(cls)
        # (attribute, wire name, default (_REQUIRED: none), default factory or None, converter)
        self._members: list[
            tuple[str, str, Any, Callable[[], Any] | None, Callable[[Any], Any]]
        ] = []
        for field in attrs.fields(cls):
            default = field.default
            factory = None
            if default is attrs.NOTHING:
                default = _REQUIRED
            elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                factory = default.factory
            convert = _member_output(types_of[field.name])
            self._members.append((field.name, wire_name(field), default, factory, convert))

    def __call__(self, model: Any) -> dict[str, Any]:
        self._uses += 1
        if self._uses > COMPILE_AFTER:
            out: dict[str, Any] = _compiled_unstructure(self._cls)(model)
            return out
        out = {}
        for name, key, default, factory, convert in self._members:
            value = getattr(model, name)
            if default is _REQUIRED:
                out[key] = convert(value)
            elif default is None:
                if value is not None:
                    out[key] = convert(value)
            elif value != (factory() if factory is not None else default):
                out[key] = convert(value)
        return out


def _member_converter(tp: Any) -> Callable[[Any], Any]:
    """A function that converts a value to ``tp`` (or raises): ``_expression`` as a closure."""
    inner, optional = _optional(tp)
    if optional:
        convert_inner = _member_converter(inner)
        return lambda value: None if value is None else convert_inner(value)
    leaf = _LEAVES.get(tp)
    if leaf is not None:
        return leaf
    enum_type = _enum_part(tp)
    if enum_type is not None:
        return _enum_converter(enum_type)
    if attrs.has(tp) or is_deferred(tp):
        return _model_converter("structure", tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is list and len(args) == 1:
        item = _member_converter(args[0])
        return lambda value: [
            item(x) for x in (value if value.__class__ is list else _not_a_list(value))
        ]
    if origin is dict and len(args) == 2 and args[0] is str:
        item = _member_converter(args[1])
        return lambda value: {
            key: item(x)
            for key, x in (value if value.__class__ is dict else _not_a_dict(value)).items()
        }
    return _fallback_structure(tp)


def _member_output(tp: Any) -> Callable[[Any], Any]:
    """A function that turns a value of ``tp`` into JSON-ready data: ``_output`` as a closure."""
    inner, optional = _optional(tp)
    if optional:
        convert_inner = _member_output(inner)
        return lambda value: None if value is None else convert_inner(value)
    if tp in (str, int, float, bool):
        return _same
    if tp is datetime.datetime:
        return _datetime_to_wire
    if _enum_part(tp) is not None:
        return lambda value: value if value.__class__ is str else _enum_to_wire(value)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum_to_wire
    if attrs.has(tp) or is_deferred(tp):
        return _model_converter("unstructure", tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is list and len(args) == 1:
        item = _member_output(args[0])
        return lambda value: [item(x) for x in value]
    if origin is dict and len(args) == 2 and args[0] is str:
        item = _member_output(args[1])
        return lambda value: {key: item(x) for key, x in value.items()}
    return _fallback_unstructure(tp)


def _same(value: Any) -> Any:
    return value


def _enum_converter(enum_type: Any) -> Callable[[Any], Any]:
    known: list[dict[Any, Any]] = []  # the enum's value map, once it is imported

    def convert(value: Any) -> Any:
        if not known:
            real = enum_type.resolve() if is_deferred(enum_type) else enum_type
            known.append(real._value2member_map_)
        return _enum_string(known[0], value)

    return convert


def _model_converter(direction: str, tp: Any) -> Callable[[Any], Any]:
    function: list[Callable[..., Any]] = []  # how the class is handled, once it is imported

    def convert(value: Any) -> Any:
        if not function:
            real = tp.resolve() if is_deferred(tp) else tp
            if attrs.has(real):
                function.append(_current(direction, real))
            elif direction == "structure":
                function.append(_fallback_structure(real))
            else:
                function.append(_fallback_unstructure(real))
        return function[0](value)

    return convert


def _not_a_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    raise TypeError(f"expected a JSON array, got {type(value).__name__}")


def _not_a_dict(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    raise TypeError(f"expected a JSON object, got {type(value).__name__}")


def _not_an_object(value: Any) -> None:
    if not isinstance(value, dict):
        raise TypeError(f"expected a JSON object, got {type(value).__name__}")


def _enum_string(known: dict[Any, Any], value: Any) -> Any:
    if isinstance(value, str):
        return known.get(value, value)
    raise TypeError(f"expected a string, got {type(value).__name__}")


# -- error paths: the slow second walk after the fast path failed ------------------------------


def _explain(tp: Any, value: Any, path: str, problems: list[str]) -> None:
    inner, optional = _optional(tp)
    if value is None and optional:
        return
    if attrs.has(inner):
        _explain_model(inner, value, path, problems)
        return
    origin = typing.get_origin(inner)
    args = typing.get_args(inner)
    if origin is list and len(args) == 1:
        if not isinstance(value, list):
            problems.append(f"{path}: expected a JSON array, got {type(value).__name__}")
            return
        for index, item in enumerate(value):
            _explain(args[0], item, f"{path}[{index}]", problems)
        return
    if origin is dict and len(args) == 2 and args[0] is str:
        if not isinstance(value, dict):
            problems.append(f"{path}: expected a JSON object, got {type(value).__name__}")
            return
        for key, item in value.items():
            _explain(args[1], item, f"{path}[{key!r}]", problems)
        return
    try:
        _structure_leaf(inner, value)
    except Exception as exc:
        problems.append(f"{path}: {exc}")


def _structure_leaf(tp: Any, value: Any) -> Any:
    leaf = _LEAVES.get(tp)
    if leaf is not None:
        return leaf(value)
    enum_type = _enum_of(tp)
    if enum_type is not None:
        return _enum_string(enum_type._value2member_map_, value)
    return _converter().structure(value, tp)


def _explain_model(cls: Any, data: Any, path: str, problems: list[str]) -> None:
    if not isinstance(data, dict):
        problems.append(f"{path}: expected a JSON object, got {type(data).__name__}")
        return
    types_of = field_types(cls)  # the slow path: every nested class imported now, for real
    for field in attrs.fields(cls):
        key = wire_name(field)
        if key in data:
            value = data[key]
        elif field.default is attrs.NOTHING:
            value = _zero_value(types_of[field.name])()
        else:
            continue
        _explain(types_of[field.name], value, f"{path}.{field.name}", problems)


_LEAVES: dict[Any, Callable[[Any], Any]] = {
    str: _structure_str,
    int: _structure_int,
    float: _structure_float,
    bool: _structure_bool,
    datetime.datetime: _datetime_from_wire,
}
_CONVERTER: list[cattrs.Converter] = []
_CONVERTER_LOCK = threading.Lock()


def _converter() -> cattrs.Converter:
    """The one cattrs converter, for member types the compiler does not handle itself."""
    if not _CONVERTER:
        with _CONVERTER_LOCK:
            if not _CONVERTER:
                _CONVERTER.append(_make_converter())
    return _CONVERTER[0]


def _make_converter() -> cattrs.Converter:
    import cattrs

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
