"""The base of every generated enum: a ``str`` enum that prints as its value."""

from __future__ import annotations

import enum


class ServiceEnum(str, enum.Enum):
    """A ``str`` enum: ``EndpointStatus.IN_SERVICE == "InService"``, and it prints ``InService``.

    Like Python 3.11's ``enum.StrEnum``, which Python 3.10 lacks. Fields typed with an enum also
    accept (and may return) plain strings, for values the service added after this SDK was built.
    """

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, format_spec: str) -> str:
        return format(str(self.value), format_spec)
