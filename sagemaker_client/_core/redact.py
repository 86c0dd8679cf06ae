"""How sensitive values appear in ``repr``: never, only whether one is set."""

from __future__ import annotations


def redacted(value: object) -> str:
    """The ``repr`` of a sensitive field: ``None`` stays visible, any value is ``'***'``."""
    return "None" if value is None else "'***'"
