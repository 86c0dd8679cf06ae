"""How secrets appear in ``repr``, errors and logs: never, only whether one is set."""

from __future__ import annotations

REDACTED = "<redacted>"
"""What stands in for a secret: a model's sensitive member, a signature, a session token."""


def redacted(value: object) -> str:
    """The ``repr`` of a sensitive field: ``None`` stays visible, any value is ``<redacted>``."""
    return "None" if value is None else REDACTED
