"""Token hand-over between pages, the items of a page, and the end of pages."""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

from sagemaker_client._core.errors import PaginationError
from sagemaker_client._core.specs import PaginatorSpec

InputT = TypeVar("InputT")
OutputT = TypeVar("OutputT")
ItemT = TypeVar("ItemT")


def next_page_params(
    spec: PaginatorSpec[InputT, OutputT, ItemT], params: InputT, output: OutputT
) -> InputT | None:
    """The input for the page after ``output``, or None when ``output`` was the last page.

    Raises ``PaginationError`` if the service hands back the token it was just given, which
    would otherwise page forever.
    """
    token = getattr(output, spec.output_token)
    if not token:
        return None
    if token == getattr(params, spec.input_token):
        raise PaginationError(
            f"{spec.operation.name} returned the same {spec.output_token} it was sent: {token!r}"
        )
    changed: InputT = attrs.evolve(params, **{spec.input_token: token})  # type: ignore[misc]
    return changed


def page_items(spec: PaginatorSpec[Any, OutputT, ItemT], output: OutputT) -> list[ItemT]:
    """The items one page carries (an absent list is an empty page); the page itself when the
    spec has no result key."""
    if spec.result_key is None:
        return [output]  # type: ignore[list-item]  # ItemT is OutputT for these paginators
    items: list[ItemT] | None = getattr(output, spec.result_key)
    return items or []
