"""Idempotency tokens: filled once per call, before the first attempt, so retries repeat them.

A field whose metadata has ``"idempotency_token": True`` (``ClientToken`` and the like) and that
the caller left unset gets a fresh uuid4, as botocore does; a token the caller gave is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

T = TypeVar("T")


_TOKEN_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def token_fields(cls: type[Any]) -> tuple[str, ...]:
    """Names of the idempotency-token fields of an attrs class (computed once per class)."""
    names = _TOKEN_FIELDS.get(cls)
    if names is None:
        fields = attrs.fields(cls)
        names = _TOKEN_FIELDS[cls] = tuple(
            f.name for f in fields if f.metadata.get("idempotency_token")
        )
    return names


def fill_tokens(params: T, new_token: Callable[[], str]) -> T:
    """``params`` with every unset idempotency-token field set to ``new_token()``."""
    cls: type[Any] = type(params)
    missing = {name: new_token() for name in token_fields(cls) if getattr(params, name) is None}
    return attrs.evolve(params, **missing) if missing else params  # type: ignore[misc]
