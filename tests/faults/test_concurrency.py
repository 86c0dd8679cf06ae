"""One client, many callers: threads share a sync client, tasks an async one that never blocks.

Credentials come from botocore's chain as temporary credentials inside their mandatory refresh
window, so the first callers all need a refresh at once: it must happen exactly once.
"""

from __future__ import annotations

import asyncio
import datetime
import gc
import logging
import sys
import threading
import time
import types
from collections.abc import Iterator

import pytest
from botocore.credentials import RefreshableCredentials
from fault_clients import ENDPOINT_BODY, REGION, signature_is_valid
from fault_server import ChildFaultServer, Reply, Reset

from sagemaker_client import AsyncSageMakerClient, SageMakerClient
from sagemaker_client._async import driver as async_driver
from sagemaker_client._session import LazyBotocoreSession

THREADS = 16
CALLS_EACH = 4
REFRESHED_KEY = "AKIDREFRESHED"
REFRESHED_SECRET = "refreshed-secret-key-abcdefghijklmnop"
REFRESH_SECONDS = 0.6  # long enough that doing it on the event loop would be caught
SLOW_CALLBACK_SECONDS = 0.3


class ExpiringChain:
    """botocore temporary credentials that expire in two minutes, and count their refreshes."""

    def __init__(self) -> None:
        self.refreshes: list[str] = []
        self.loads = 0
        now = datetime.datetime.now(datetime.timezone.utc)
        self.credentials = RefreshableCredentials.create_from_metadata(
            metadata={
                "access_key": "AKIDEXPIRING",
                "secret_key": "expiring-secret",
                "token": "expiring-token",
                "expiry_time": (now + datetime.timedelta(minutes=2)).isoformat(),
            },
            refresh_using=self._refresh,
            method="sts-assume-role",
        )

    def _refresh(self) -> dict[str, str]:
        self.refreshes.append(threading.current_thread().name)
        time.sleep(REFRESH_SECONDS)
        expiry = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
        return {
            "access_key": REFRESHED_KEY,
            "secret_key": REFRESHED_SECRET,
            "token": "refreshed-token",
            "expiry_time": expiry.isoformat(),
        }

    def session(self) -> types.SimpleNamespace:
        def get_credentials() -> RefreshableCredentials:
            self.loads += 1
            return self.credentials

        return types.SimpleNamespace(get_credentials=get_credentials)


@pytest.fixture
def chain(monkeypatch: pytest.MonkeyPatch) -> ExpiringChain:
    expiring = ExpiringChain()
    monkeypatch.setattr(LazyBotocoreSession, "get", lambda self: expiring.session())
    return expiring


def assert_all_signed_with_refreshed_credentials(server, count):
    assert len(server.requests) == count
    for request in server.requests:
        assert f"Credential={REFRESHED_KEY}/" in request.headers["authorization"]
        assert request.headers["x-amz-security-token"] == "refreshed-token"
        assert signature_is_valid(request, REFRESHED_SECRET)


def test_sixteen_threads_share_one_sync_client(fault_server, chain):
    fault_server.default = Reply(200, ENDPOINT_BODY)
    client = SageMakerClient(region=REGION, endpoint_url=fault_server.url)
    barrier = threading.Barrier(THREADS)
    names: list[str] = []
    failures: list[BaseException] = []

    def work() -> None:
        try:
            barrier.wait(timeout=10)
            for _ in range(CALLS_EACH):
                names.append(client.describe_endpoint(endpoint_name="ep").endpoint_name)
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=work, name=f"caller-{i}") for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    client.close()

    assert failures == []
    assert names == ["ep"] * THREADS * CALLS_EACH
    assert chain.loads == 1
    assert len(chain.refreshes) == 1
    assert_all_signed_with_refreshed_credentials(fault_server, THREADS * CALLS_EACH)
    assert client._state.quota.available == 500


@pytest.fixture
def frozen_heap() -> Iterator[None]:
    """Keep the test process's garbage collector off what earlier tests left alive.

    After the differential tests the process holds every generated model and far more objects
    than any application: a full collection of them (75 ms for the models alone here) that lands
    inside one of the loop's callbacks can pass the slow-callback threshold on a busy machine,
    which made this test fail now and then in a full run. Frozen, they are not scanned; what this
    test creates still is.
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


async def test_async_client_never_blocks_its_event_loop(chain, caplog, frozen_heap):
    # The server runs in another process: its threads would otherwise hold the GIL and make the
    # loop's callbacks look slow. The threshold is well under the refresh's 0.6 s, well over the
    # scheduling noise of a shared machine.
    loop = asyncio.get_running_loop()
    loop.set_debug(True)
    loop.slow_callback_duration = SLOW_CALLBACK_SECONDS
    caplog.set_level(logging.WARNING, logger="asyncio")
    calls = THREADS * CALLS_EACH

    with ChildFaultServer(
        Reset(), Reply(503, b""), default=Reply(200, ENDPOINT_BODY)
    ) as server:  # two callers retry; the rest go straight
        async with AsyncSageMakerClient(region=REGION, endpoint_url=server.url) as client:
            outputs = await asyncio.gather(
                *(client.describe_endpoint(endpoint_name="ep") for _ in range(calls))
            )

    slow = [r.getMessage() for r in caplog.records if r.name == "asyncio"]
    assert slow == []
    assert [output.endpoint_name for output in outputs] == ["ep"] * calls
    assert chain.loads == 1
    assert len(chain.refreshes) == 1
    assert chain.refreshes[0] != threading.current_thread().name  # in a worker thread
    assert_all_signed_with_refreshed_credentials(server, calls + 2)


async def test_async_client_imports_the_signer_in_a_worker_thread(
    fault_server, monkeypatch, tmp_path
):
    """botocore's signer takes a quarter of a second to import cold: never on the loop."""
    (tmp_path / "signer_import_probe.py").write_text(
        "import threading\nTHREAD = threading.current_thread().name\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(async_driver, "_SIGNER_MODULES", ("signer_import_probe",))
    monkeypatch.delitem(sys.modules, "signer_import_probe", raising=False)
    fault_server.default = Reply(200, ENDPOINT_BODY)
    async with AsyncSageMakerClient(
        region=REGION,
        endpoint_url=fault_server.url,
        aws_access_key_id="AKID",
        aws_secret_access_key="secret",
    ) as client:
        await client.describe_endpoint(endpoint_name="ep")
    probe = sys.modules.pop("signer_import_probe")
    assert probe.THREAD != threading.current_thread().name
