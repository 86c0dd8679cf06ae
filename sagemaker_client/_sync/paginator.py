"""Sync paginators: iterate items across pages, or whole pages with ``.pages()``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

from sagemaker_client._core.pagination import next_page_params, page_items
from sagemaker_client._core.specs import OperationSpec, PaginatorSpec

OutputT = TypeVar("OutputT")
ItemT = TypeVar("ItemT")


class Paginator(Generic[OutputT, ItemT]):
    """Iterating yields the items of every page; nothing is requested until iteration starts."""

    def __init__(
        self,
        invoke: Callable[[OperationSpec[Any, OutputT], Any], OutputT],
        spec: PaginatorSpec[Any, OutputT, ItemT],
        params: Any,
    ) -> None:
        self._invoke = invoke
        self._spec = spec
        self._params = params

    def __repr__(self) -> str:
        return f"Paginator({self._spec.operation.name})"

    def __iter__(self) -> Iterator[ItemT]:
        for page in self.pages():
            yield from page_items(self._spec, page)

    def pages(self) -> Iterator[OutputT]:
        """Yield each page's whole output, following the token until the last page."""
        params = self._params
        while params is not None:
            output = self._invoke(self._spec.operation, params)
            yield output
            params = next_page_params(self._spec, params, output)
