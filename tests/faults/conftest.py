"""Fixtures: a scripted server on 127.0.0.1, and callers for the sync and the async client."""

from __future__ import annotations

import types

import pytest
from fault_clients import Caller
from fault_server import FaultServer

from sagemaker_client import _client_state


@pytest.fixture
def fault_server():
    server = FaultServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sync", "async"])
async def caller(request: pytest.FixtureRequest, fault_server: FaultServer):
    caller = Caller(request.param, fault_server)
    yield caller
    await caller.close_all()


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Clients built in a test draw their jitter from a random source that always says 0.

    The backoff formula itself is tested in tests/core; here only outcomes and attempts count.
    """
    monkeypatch.setattr(_client_state, "random", types.SimpleNamespace(random=lambda: 0.0))
