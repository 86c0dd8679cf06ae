"""The base of every generated model: equality, hashing and ``repr``, written once.

attrs would compile ``__repr__``, ``__eq__`` and ``__hash__`` for each of the ~1,600 classes as
it creates them, which is most of a model's import time; a call that loads the 40-odd classes
of one answer paid for that on every cold start. The generated classes are declared with
``repr=False, eq=False`` and inherit these instead: same results as attrs' own (fields in order,
a field's ``repr`` callable honoured, equality only between instances of the same class, the
hash of the field values).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    import attrs


class ServiceModel:
    """Base of the generated attrs classes: field-wise ``==``, ``hash`` and ``repr``."""

    __slots__ = ()
    if TYPE_CHECKING:
        __attrs_attrs__: ClassVar[tuple[attrs.Attribute[Any], ...]]

    def __repr__(self) -> str:
        parts = []
        for field in self.__attrs_attrs__:
            if field.repr is False:
                continue
            value = getattr(self, field.name)
            text = field.repr(value) if callable(field.repr) else repr(value)
            parts.append(f"{field.name}={text}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(
            getattr(self, field.name) == getattr(other, field.name)
            for field in self.__attrs_attrs__
        )

    def __hash__(self) -> int:
        return hash(
            (self.__class__, *(getattr(self, field.name) for field in self.__attrs_attrs__))
        )
