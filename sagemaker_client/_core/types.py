"""The field types of the models, resolved through the lazy models index: eagerly or on demand.

Theory: a generated model module names the classes of its nested members only in annotations,
and those are strings (``from __future__ import annotations``) whose imports sit under
``if TYPE_CHECKING:``. The module's globals do not hold those names, so the module loads without
importing a single nested class, and ``typing.get_type_hints(Model)`` alone raises ``NameError``.
An annotation is a Python expression over class names (``Channel``, ``CompressionType | str |
None``, ``list[Channel]``, ``dict[str, MetricData]``); what each name evaluates to decides what gets
imported. Both ways below evaluate it with the class's module globals first (``str``, ``Any``,
``datetime`` and the classes defined there, such as the members of a cycle) and then every
generated name through the *models index*: the package ``sagemaker_client._generated.models``,
whose ``MODULE_OF`` table names each class's module and whose ``__getattr__`` (a
``LazyNamespace``) imports it. The index is the package of the generated class's own module (any
package with a ``MODULE_OF`` table), so it is passed in with the class: ``_core`` never imports
``_generated``, and classes outside such a package (the core tests' models) resolve from their
module globals alone.

- eager (:class:`Names` with ``lazy=False``, :func:`resolve_types`): a generated name is imported
  now and evaluates to the real class. This is a ``localns`` for ``typing.get_type_hints`` and
  ``attrs.resolve_types``, and what the public ``sagemaker_client.models.resolve_types`` uses.
- lazy (:func:`lazy_field_types`, for serde and input validation): a generated name whose module is
  already imported evaluates to the real class; any other to a *placeholder*, a subclass of
  :class:`Deferred` (one per index and name, cached) that knows the name and imports the real class
  when its :meth:`~Deferred.resolve` is called. A placeholder is a class, so the annotation still
  evaluates to the same shapes (``P | str | None``, ``list[P]``, ``dict[str, P]``) and the code
  walking it needs only one more case: "resolve this when a value for it turns up". The generator's
  conventions say what a placeholder stands for without importing it: an enum member is annotated
  ``Enum | str`` (optionally ``| None``), a nested structure never has ``| str``.

Both evaluate a field's annotation string with ``eval`` (each distinct text compiled once; the
generated annotations are plain expressions, so this gives what ``typing.get_type_hints`` gives)
and neither mutates the class or its fields. Only :func:`resolve_types` does, on request: attrs'
own ``resolve_types`` (``field.type``), and the class's string ``__annotations__`` replaced by the
resolved types.
"""

from __future__ import annotations

import builtins
import re
import sys
import threading
from collections.abc import Iterator, Mapping
from types import CodeType, ModuleType
from typing import Any, ClassVar, TypeVar

import attrs

T = TypeVar("T", bound=type)


def index_of(cls: type[Any]) -> ModuleType | None:
    """The models index of ``cls``: the package of its module, if that has a ``MODULE_OF``."""
    package = sys.modules.get(cls.__module__.rpartition(".")[0])
    if package is None or not isinstance(package.__dict__.get("MODULE_OF"), Mapping):
        return None
    return package


class Deferred:
    """Base of the placeholders that stand for a generated class not imported yet.

    Each subclass is named after the class it stands for; ``resolve()`` imports and returns it.
    Placeholders are never instantiated.
    """

    __slots__ = ()
    deferred_name: ClassVar[str]
    deferred_index: ClassVar[ModuleType]

    def __new__(cls, *args: Any, **kwargs: Any) -> Deferred:
        raise TypeError(f"{cls.__name__} is a placeholder for a model class, not a model")

    @classmethod
    def resolve(cls) -> type[Any]:
        """The real class (its module is imported now, if it was not yet)."""
        real: type[Any] = getattr(cls.deferred_index, cls.deferred_name)
        return real


_PLACEHOLDERS: dict[tuple[str, str], type[Deferred]] = {}
_PLACEHOLDERS_LOCK = threading.Lock()


def placeholder(index: ModuleType, name: str) -> type[Deferred]:
    """The placeholder of the class ``name`` of ``index`` (the same class on every call)."""
    key = (index.__name__, name)
    found = _PLACEHOLDERS.get(key)
    if found is None:
        with _PLACEHOLDERS_LOCK:
            found = _PLACEHOLDERS.get(key)
            if found is None:
                namespace = {
                    "__slots__": (),
                    "deferred_name": name,
                    "deferred_index": index,
                    "__module__": __name__,
                }
                found = _PLACEHOLDERS[key] = type(name, (Deferred,), namespace)
    return found


def is_deferred(tp: Any) -> bool:
    """Whether ``tp`` is a placeholder (then ``tp.resolve()`` gives the real class)."""
    return isinstance(tp, type) and issubclass(tp, Deferred)


class Names(Mapping[str, Any]):
    """A ``localns``: the names of ``first`` come first, then every name of the models ``index``.

    Eager (the default): a name of the index is imported through it (``getattr``). Lazy: it is
    the real class when its module is imported already and a :func:`placeholder` otherwise. Any
    other name raises ``KeyError`` (``eval`` then looks in the globals and the builtins).
    """

    __slots__ = ("_first", "_index", "_lazy", "_module_of")

    def __init__(
        self,
        index: ModuleType | None,
        first: Mapping[str, Any] | None = None,
        *,
        lazy: bool = False,
    ) -> None:
        self._index = index
        self._module_of: Mapping[str, str] = {} if index is None else index.MODULE_OF
        self._first: Mapping[str, Any] = first or {}
        self._lazy = lazy

    def __getitem__(self, name: str) -> Any:
        if name in self._first:
            return self._first[name]
        module = self._module_of.get(name)
        if module is None or self._index is None:
            raise KeyError(name)
        if not self._lazy:
            return getattr(self._index, name)
        loaded = sys.modules.get(f"{self._index.__name__}.{module}")
        value = None if loaded is None else loaded.__dict__.get(name)
        return placeholder(self._index, name) if value is None else value

    def __iter__(self) -> Iterator[str]:
        yield from self._first
        yield from (name for name in self._module_of if name not in self._first)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _module_globals(cls: type[Any]) -> dict[str, Any]:
    module = sys.modules.get(cls.__module__)
    return {} if module is None else module.__dict__


_CODE: dict[str, CodeType] = {}
_TOKENS = re.compile(r"\s*([A-Za-z_][A-Za-z_0-9]*(?:\.[A-Za-z_][A-Za-z_0-9]*)*|[\[\],|])")


def _evaluate(text: str, globalns: dict[str, Any], localns: Mapping[str, Any]) -> Any:
    """``eval(text, globalns, localns)`` for an annotation.

    The generator's annotations are names, dotted names, subscripts and ``|`` (``list[Channel] |
    None``); those are evaluated here directly, with the same lookups and operations ``eval``
    would do, because compiling each distinct text cost about 25 µs, a millisecond of a first
    DescribeTrainingJob. Any other text is compiled (once) and evaluated.
    """
    tokens = _TOKENS.findall(text)
    if "".join(tokens) == text.replace(" ", ""):
        try:
            value, end = _union(tokens, 0, globalns, localns)
        except (IndexError, _NotAnnotationGrammar):
            pass
        else:
            if end == len(tokens):
                return value
    code = _CODE.get(text)
    if code is None:
        code = _CODE[text] = compile(text, "<annotation>", "eval")
    return eval(code, globalns, localns)


class _NotAnnotationGrammar(Exception):
    """The text is not in the small grammar ``_evaluate`` reads itself."""


def _union(tokens: list[str], at: int, globalns: dict[str, Any], localns: Mapping[str, Any]) -> Any:
    value, at = _term(tokens, at, globalns, localns)
    while at < len(tokens) and tokens[at] == "|":
        right, at = _term(tokens, at + 1, globalns, localns)
        value = value | right
    return value, at


def _term(tokens: list[str], at: int, globalns: dict[str, Any], localns: Mapping[str, Any]) -> Any:
    token = tokens[at]
    if token in "[],|":
        raise _NotAnnotationGrammar(token)
    value = _name(token, globalns, localns)
    at += 1
    if at < len(tokens) and tokens[at] == "[":
        arguments = []
        while True:
            argument, at = _union(tokens, at + 1, globalns, localns)
            arguments.append(argument)
            if tokens[at] == "]":
                break
            if tokens[at] != ",":
                raise _NotAnnotationGrammar(tokens[at])
        value = value[arguments[0] if len(arguments) == 1 else tuple(arguments)]
        at += 1
    return value, at


def _name(dotted: str, globalns: dict[str, Any], localns: Mapping[str, Any]) -> Any:
    first, *rest = dotted.split(".")
    if first == "None":
        value: Any = None
    else:
        try:
            value = localns[first]
        except KeyError:
            try:
                value = globalns[first]
            except KeyError:
                value = getattr(builtins, first)  # AttributeError: as eval's NameError, a bug
    for attribute in rest:
        value = getattr(value, attribute)
    return value


def lazy_field_types(cls: type[Any]) -> dict[str, Any]:
    """The type of each attrs field of ``cls`` by name, placeholders for classes not imported.

    A field whose type is resolved already (a class without string annotations, or one passed
    through :func:`resolve_types`) keeps it.
    """
    return _field_types(cls, lazy=True)


def field_types(cls: type[Any]) -> dict[str, Any]:
    """The type of each attrs field of ``cls`` by name, every class real (imported now)."""
    return _field_types(cls, lazy=False)


def _field_types(cls: type[Any], *, lazy: bool) -> dict[str, Any]:
    globalns = _module_globals(cls)
    localns = Names(index_of(cls), globalns, lazy=lazy)
    return {
        field.name: _evaluate(field.type, globalns, localns)
        if isinstance(field.type, str)
        else field.type
        for field in attrs.fields(cls)
    }


def resolve_types(cls: T) -> T:
    """Resolve the annotations of the attrs class ``cls`` for real, then return it.

    ``attrs.fields(cls)`` then holds the real types, and so do the class's ``__annotations__``,
    so that ``typing.get_type_hints(cls)`` works without a ``localns``. Nested classes are
    imported now, one level deep (their own annotations stay as they are).
    """
    localns = Names(index_of(cls), _module_globals(cls))
    # Typed as a dict, but typing.get_type_hints only hands it to eval(), which takes any mapping.
    attrs.resolve_types(cls, localns=localns)  # type: ignore[arg-type]
    annotations: dict[str, Any] = cls.__annotations__  # the class's own (attrs fields are)
    for field in attrs.fields(cls):
        if isinstance(annotations.get(field.name), str):
            annotations[field.name] = field.type
    return cls
