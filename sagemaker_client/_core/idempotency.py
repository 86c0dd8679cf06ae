"""Idempotency tokens: generated once per call, before the first attempt, so retries repeat them.

A member whose field metadata has ``"idempotency_token": True`` and that the caller left unset
gets a fresh UUID4, as botocore fills ``idempotencyToken`` members. Only top-level input members
carry the trait in AWS models, so nested models are not searched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

ModelT = TypeVar("ModelT")

_TOKEN_FIELDS: dict[type[Any], tuple[tuple[str, str], ...]] = {}


def fill_idempotency_tokens(params: ModelT, new_token: Callable[[], str]) -> ModelT:
    """``params`` with a new token in every unset idempotency-token member (itself if none)."""
    missing = {
        alias: new_token()
        for name, alias in _token_fields(type(params))
        if getattr(params, name) is None
    }
    if not missing:
        return params
    return attrs.evolve(params, **missing)  # type: ignore[misc]


def _token_fields(cls: type[Any]) -> tuple[tuple[str, str], ...]:
    """(attribute name, __init__ name) of each idempotency-token member, once per class."""
    fields = _TOKEN_FIELDS.get(cls)
    if fields is None:
        fields = tuple(
            (field.name, field.alias or field.name)
            for field in attrs.fields(cls)
            if field.metadata.get("idempotency_token")
        )
        _TOKEN_FIELDS[cls] = fields
    return fields
