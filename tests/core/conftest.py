"""Fixtures shared by the core tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sagemaker_client._core import serde


@pytest.fixture(scope="module", params=["interpreted", "compiled"])
def serde_tier(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run a module's tests once per structuring tier: interpreted only, and compiled at once.

    Module-scoped (hypothesis refuses function-scoped fixtures), with fresh caches either way.
    """
    saved = (serde.COMPILE_AFTER, serde._COMPILED, serde._INTERPRETED)
    serde.COMPILE_AFTER = 10**9 if request.param == "interpreted" else 0
    serde._COMPILED = {"structure": {}, "unstructure": {}}
    serde._INTERPRETED = {"structure": {}, "unstructure": {}}
    yield request.param
    serde.COMPILE_AFTER, serde._COMPILED, serde._INTERPRETED = saved
