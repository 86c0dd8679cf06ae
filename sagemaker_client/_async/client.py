"""The async client's behaviour; ``AsyncSageMakerClient`` adds a generated method per operation."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, ClassVar, TypeVar

from sagemaker_client._async.driver import run_call, run_wait
from sagemaker_client._async.paginator import AsyncPaginator
from sagemaker_client._client_state import ClientSettings, ClientState
from sagemaker_client._config import DEFAULT_TIMEOUT, TimeoutSetting
from sagemaker_client._core.errors import ClientClosedError, ServiceError
from sagemaker_client._core.flow import call_flow
from sagemaker_client._core.specs import OperationSpec, PaginatorSpec, WaiterSpec
from sagemaker_client._core.waiter import require_output, wait_flow
from sagemaker_client._pools import given_async_pool, new_async_pool

if TYPE_CHECKING:
    import httpx

    from sagemaker_client._aiohttp import AiohttpPool
    from sagemaker_client._httpx import AsyncHttpxPool

InputT = TypeVar("InputT")
OutputT = TypeVar("OutputT")
ItemT = TypeVar("ItemT")
_Self = TypeVar("_Self", bound="AsyncBaseClient")


class AsyncBaseClient(ClientSettings):
    """Configuration, connection pool, calls, paginators and waiters for the async client."""

    _errors: ClassVar[Mapping[str, type[ServiceError]]] = {}

    def __init__(
        self,
        *,
        region: str | None = None,
        endpoint_url: str | None = None,
        aws_access_key_id: str | None = None,
        aws_secret_access_key: str | None = None,
        aws_session_token: str | None = None,
        profile: str | None = None,
        timeout: TimeoutSetting = DEFAULT_TIMEOUT,
        max_attempts: int = 3,
        validate: bool = True,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        """Create a client; nothing is sent and no credentials are resolved until the first call.

        Takes the same arguments as ``SageMakerClient``; ``http_client`` is an
        ``httpx.AsyncClient``, which the SDK never closes. Credentials that need resolving or
        refreshing are resolved in a worker thread, never on the event loop.
        """
        given = None if http_client is None else given_async_pool(http_client)
        self._state = ClientState(
            region=region,
            endpoint_url=endpoint_url,
            aws_access_key_id=aws_access_key_id,
            aws_secret_access_key=aws_secret_access_key,
            aws_session_token=aws_session_token,
            profile=profile,
            timeout=timeout,
            max_attempts=max_attempts,
            validate=validate,
            modeled_errors=self._errors,
        )
        self._http: AsyncHttpxPool | AiohttpPool | None = given
        self._owns_http = http_client is None
        self._closed = False

    async def __aenter__(self: _Self) -> _Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool (unless it is the ``http_client`` you passed in)."""
        self._closed = True
        if self._owns_http and self._http is not None:
            http, self._http = self._http, None
            await http.aclose()

    def _http_client(self) -> AsyncHttpxPool | AiohttpPool:
        # No lock needed: this runs on the event loop, without an await in between.
        if self._closed or (self._http is not None and self._http.is_closed):
            raise ClientClosedError(f"{type(self).__name__} is closed; create a new client")
        if self._http is None:
            self._http = new_async_pool(self.endpoint_url, self._state.timeouts)
        return self._http

    async def _invoke(self, operation: OperationSpec[InputT, OutputT], params: InputT) -> OutputT:
        return await run_call(
            call_flow(operation, params, self._state.context),
            http=self._http_client(),
            credentials=self._state.credentials,
            timeouts=self._state.timeouts,
        )

    def _paginate(
        self, paginator: PaginatorSpec[InputT, OutputT, ItemT], params: InputT
    ) -> AsyncPaginator[OutputT, ItemT]:
        return AsyncPaginator(self._invoke, paginator, params)

    async def _wait(
        self,
        waiter: WaiterSpec[InputT, OutputT],
        params: InputT,
        *,
        delay: float,
        max_attempts: int,
        timeout: float | None,
        on_poll: Callable[[int, float, OutputT | None], object] | None,
    ) -> OutputT:
        """Wait for a state the describe output shows; returns that output."""
        output = await self._wait_until(
            waiter, params, delay=delay, max_attempts=max_attempts, timeout=timeout, on_poll=on_poll
        )
        return require_output(waiter, output)

    async def _wait_gone(
        self,
        waiter: WaiterSpec[InputT, OutputT],
        params: InputT,
        *,
        delay: float,
        max_attempts: int,
        timeout: float | None,
        on_poll: Callable[[int, float, OutputT | None], object] | None,
    ) -> None:
        """Wait until the resource is gone (success is the describe call's error)."""
        await self._wait_until(
            waiter, params, delay=delay, max_attempts=max_attempts, timeout=timeout, on_poll=on_poll
        )

    async def _wait_until(
        self,
        waiter: WaiterSpec[InputT, OutputT],
        params: InputT,
        *,
        delay: float,
        max_attempts: int,
        timeout: float | None,
        on_poll: Callable[[int, float, OutputT | None], object] | None,
    ) -> OutputT | None:
        flow = wait_flow(
            waiter,
            params,
            delay=delay,
            max_attempts=max_attempts,
            timeout=timeout,
            clock=time.monotonic,
        )
        return await run_wait(
            flow, invoke=self._invoke, operation=waiter.operation, on_poll=on_poll
        )
