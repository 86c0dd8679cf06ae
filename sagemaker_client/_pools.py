"""Which connection pool a client makes for itself (a client given ``http_client=`` uses that).

- sync: a urllib3 pool (``_urllib3.py``); an ``httpx.Client`` when the environment names a proxy;
- async: an aiohttp session under asyncio (``_aiohttp.py``); an ``httpx.AsyncClient`` under
  other event loops (trio) or when the environment names a proxy.

Each library is imported only when its pool is made, so a sync client without a proxy never
imports httpx or aiohttp. Every pool has the same ``send(request, timeouts)``; see
docs/decisions/0004-async-transport.md for why the own pools are not httpx's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sagemaker_client._core.errors import ConfigurationError
from sagemaker_client._tls import proxies_configured

if TYPE_CHECKING:
    import httpx

    from sagemaker_client._aiohttp import AiohttpPool
    from sagemaker_client._core.http import Timeouts
    from sagemaker_client._httpx import AsyncHttpxPool, HttpxPool
    from sagemaker_client._urllib3 import Urllib3Pool


def new_pool(endpoint_url: str, timeouts: Timeouts) -> HttpxPool | Urllib3Pool:
    """The sync client's own pool: urllib3 (an ``httpx.Client`` if a proxy is configured)."""
    if proxies_configured():
        from sagemaker_client._httpx import HttpxPool

        return HttpxPool.create(endpoint_url, timeouts)
    from sagemaker_client._urllib3 import Urllib3Pool

    return Urllib3Pool(endpoint_url)


def new_async_pool(endpoint_url: str, timeouts: Timeouts) -> AsyncHttpxPool | AiohttpPool:
    """The async client's own pool: aiohttp under asyncio, else httpx.

    httpx's async pool does work over every open connection on every request, which made it
    slower than aiobotocore at 64 concurrent calls. httpx stays in charge under other event loops
    (trio) and when the environment names a proxy (aiohttp would look the proxy up again in a
    worker thread on every request).
    """
    import sniffio

    try:
        library = sniffio.current_async_library()
    except sniffio.AsyncLibraryNotFoundError:
        library = "asyncio"
    if library == "asyncio" and not proxies_configured():
        from sagemaker_client._aiohttp import AiohttpPool

        return AiohttpPool(endpoint_url)
    from sagemaker_client._httpx import AsyncHttpxPool

    return AsyncHttpxPool.create(endpoint_url, timeouts)


def given_pool(http_client: httpx.Client) -> HttpxPool:
    """Your ``httpx.Client`` behind the pools' interface (the SDK never closes it)."""
    import httpx

    from sagemaker_client._httpx import HttpxPool

    if not isinstance(http_client, httpx.Client):
        raise ConfigurationError(
            f"http_client must be an httpx.Client, got {type(http_client).__name__}"
        )
    return HttpxPool(http_client)


def given_async_pool(http_client: httpx.AsyncClient) -> AsyncHttpxPool:
    """Your ``httpx.AsyncClient`` behind the pools' interface (the SDK never closes it)."""
    import httpx

    from sagemaker_client._httpx import AsyncHttpxPool

    if not isinstance(http_client, httpx.AsyncClient):
        raise ConfigurationError(
            f"http_client must be an httpx.AsyncClient, got {type(http_client).__name__}"
        )
    return AsyncHttpxPool(http_client)
