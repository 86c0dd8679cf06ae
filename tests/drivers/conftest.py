"""Fixtures: every driver test runs against the sync and the async client."""

from __future__ import annotations

import types

import pytest
from mock_service import Adapter

from sagemaker_client import _client_state


@pytest.fixture(params=["sync", "async"])
async def sm(request: pytest.FixtureRequest):
    adapter = Adapter(request.param)
    yield adapter
    await adapter.close_http()


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Clients built in a test draw their jitter from a random source that always says 0."""
    monkeypatch.setattr(_client_state, "random", types.SimpleNamespace(random=lambda: 0.0))
