"""Async paginators: ``async for`` over items across pages, or whole pages with ``.pages()``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, Generic, TypeVar

from sagemaker_client._core.pagination import next_page_params, page_items
from sagemaker_client._core.specs import OperationSpec, PaginatorSpec

OutputT = TypeVar("OutputT")
ItemT = TypeVar("ItemT")


class AsyncPaginator(Generic[OutputT, ItemT]):
    """``async for`` yields the items of every page; nothing is requested until iteration starts."""

    def __init__(
        self,
        invoke: Callable[[OperationSpec[Any, OutputT], Any], Awaitable[OutputT]],
        spec: PaginatorSpec[Any, OutputT, ItemT],
        params: Any,
    ) -> None:
        self._invoke = invoke
        self._spec = spec
        self._params = params

    def __repr__(self) -> str:
        return f"AsyncPaginator({self._spec.operation.name})"

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.pages():
            for item in page_items(self._spec, page):
                yield item

    async def pages(self) -> AsyncIterator[OutputT]:
        """Yield each page's whole output, following the token until the last page."""
        params = self._params
        while params is not None:
            output = await self._invoke(self._spec.operation, params)
            yield output
            params = next_page_params(self._spec, params, output)
