"""Shared fixtures: each test runs in an isolated AWS environment (no credentials, no IMDS)."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# The machine running CI is shared and noisy: judge properties by their results, never by time.
settings.register_profile("sagemaker-client", deadline=None, print_blob=True)
settings.load_profile("sagemaker-client")


@pytest.fixture(autouse=True)
def isolated_aws_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory):
    """No AWS_* variable from the developer's shell, empty config files, IMDS disabled."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name, raising=False)
    home = tmp_path_factory.mktemp("aws")
    config = home / "config"
    credentials = home / "credentials"
    config.write_text("")
    credentials.write_text("")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    return home
