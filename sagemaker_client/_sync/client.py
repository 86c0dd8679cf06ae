"""The sync client's behaviour; ``SageMakerClient`` adds one generated method per operation."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, ClassVar, TypeVar

from sagemaker_client._client_state import ClientSettings, ClientState
from sagemaker_client._config import DEFAULT_TIMEOUT, TimeoutSetting
from sagemaker_client._core.errors import ClientClosedError, ServiceError
from sagemaker_client._core.flow import call_flow
from sagemaker_client._core.specs import OperationSpec, PaginatorSpec, WaiterSpec
from sagemaker_client._core.waiter import require_output, wait_flow
from sagemaker_client._pools import given_pool, new_pool
from sagemaker_client._sync.driver import run_call, run_wait
from sagemaker_client._sync.paginator import Paginator

if TYPE_CHECKING:
    import httpx

    from sagemaker_client._httpx import HttpxPool
    from sagemaker_client._urllib3 import Urllib3Pool

InputT = TypeVar("InputT")
OutputT = TypeVar("OutputT")
ItemT = TypeVar("ItemT")
_Self = TypeVar("_Self", bound="BaseClient")


class BaseClient(ClientSettings):
    """Configuration, connection pool, calls, paginators and waiters for the sync client."""

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
        http_client: httpx.Client | None = None,
    ) -> None:
        """Create a client; nothing is sent and no credentials are resolved until the first call.

        Args:
            region: AWS region; else ``AWS_REGION``, ``AWS_DEFAULT_REGION`` or the profile's.
            endpoint_url: Overrides ``https://api.sagemaker.{region}.amazonaws.com``; else
                ``AWS_ENDPOINT_URL_SAGEMAKER`` or ``AWS_ENDPOINT_URL`` when set.
            aws_access_key_id: Explicit credentials (with ``aws_secret_access_key``); else
                botocore's standard credential chain.
            aws_secret_access_key: The secret key that goes with ``aws_access_key_id``.
            aws_session_token: Session token for temporary credentials.
            profile: Profile of the shared AWS config and credentials files.
            timeout: Seconds for connect, read, write and pool (or an ``httpx.Timeout``).
            max_attempts: Attempts per call, retries included (1 turns retries off).
            validate: Check inputs against the model before sending.
            http_client: Your own ``httpx.Client``; the SDK never closes it.
        """
        given = None if http_client is None else given_pool(http_client)
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
        self._http: HttpxPool | Urllib3Pool | None = given
        self._owns_http = http_client is None
        self._closed = False
        self._http_lock = threading.Lock()

    def __enter__(self: _Self) -> _Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool (unless it is the ``http_client`` you passed in)."""
        self._closed = True
        if self._owns_http and self._http is not None:
            self._http.close()
            self._http = None

    def _http_client(self) -> HttpxPool | Urllib3Pool:
        if self._closed or (self._http is not None and self._http.is_closed):
            raise ClientClosedError(f"{type(self).__name__} is closed; create a new client")
        if self._http is None:
            with self._http_lock:
                if self._http is None:
                    self._http = new_pool(self.endpoint_url, self._state.timeouts)
        return self._http

    def _invoke(self, operation: OperationSpec[InputT, OutputT], params: InputT) -> OutputT:
        return run_call(
            call_flow(operation, params, self._state.context),
            http=self._http_client(),
            credentials=self._state.credentials,
            timeouts=self._state.timeouts,
        )

    def _paginate(
        self, paginator: PaginatorSpec[InputT, OutputT, ItemT], params: InputT
    ) -> Paginator[OutputT, ItemT]:
        return Paginator(self._invoke, paginator, params)

    def _wait(
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
        output = self._wait_until(
            waiter, params, delay=delay, max_attempts=max_attempts, timeout=timeout, on_poll=on_poll
        )
        return require_output(waiter, output)

    def _wait_gone(
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
        self._wait_until(
            waiter, params, delay=delay, max_attempts=max_attempts, timeout=timeout, on_poll=on_poll
        )

    def _wait_until(
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
        return run_wait(flow, invoke=self._invoke, operation=waiter.operation, on_poll=on_poll)
