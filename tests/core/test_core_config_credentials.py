from __future__ import annotations

import threading
import time

import botocore.session
import pytest
from botocore.credentials import RefreshableCredentials

from sagemaker_client._config import resolve_config
from sagemaker_client._core.errors import ConfigurationError, NoCredentialsError, NoRegionError
from sagemaker_client._core.signing import Credentials
from sagemaker_client._credentials import CredentialResolver
from sagemaker_client._session import LazyBotocoreSession


class FakeSession:
    def __init__(self, region=None):
        self._region = region
        self.region_calls = 0

    def region(self):
        self.region_calls += 1
        return self._region


def config(environ=None, session=None, **overrides):
    values = {
        "region": None,
        "endpoint_url": None,
        "timeout": 60.0,
        "max_attempts": 3,
        "validate": True,
        "session": session or FakeSession(),
        "environ": environ or {},
    }
    values.update(overrides)
    return resolve_config(**values)


# -- region --------------------------------------------------------------------------------


def test_region_argument_wins():
    env = {"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-2"}
    assert config(env, FakeSession("eu-west-3"), region="us-west-2").region == "us-west-2"


def test_region_from_aws_region():
    env = {"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-2"}
    assert config(env, FakeSession("eu-west-3")).region == "eu-west-1"


def test_region_from_aws_default_region():
    assert (
        config({"AWS_DEFAULT_REGION": "eu-west-2"}, FakeSession("eu-west-3")).region == "eu-west-2"
    )


def test_region_from_profile():
    assert config({}, FakeSession("eu-west-3")).region == "eu-west-3"


def test_profile_not_read_when_region_given():
    session = FakeSession("eu-west-3")
    config({}, session, region="us-east-1")
    assert session.region_calls == 0


def test_no_region():
    with pytest.raises(NoRegionError) as caught:
        config({}, FakeSession(None))
    message = str(caught.value)
    assert "region" in message
    assert "AWS_REGION" in message
    assert isinstance(caught.value, ConfigurationError)


@pytest.mark.parametrize("region", ["us east 1", "https://x", "-bad", "a" * 80, "eu_west_1"])
def test_invalid_region(region):
    with pytest.raises(ConfigurationError):
        config(region=region)


def test_environ_defaults_to_os_environ(monkeypatch):
    monkeypatch.setenv("AWS_REGION", "ap-south-1")
    resolved = resolve_config(
        region=None,
        endpoint_url=None,
        timeout=1.0,
        max_attempts=1,
        validate=True,
        session=FakeSession(),
    )
    assert resolved.region == "ap-south-1"


# -- endpoint -------------------------------------------------------------------------------


ENDPOINT_ENV = {
    "AWS_ENDPOINT_URL_SAGEMAKER": "http://specific:1",
    "AWS_ENDPOINT_URL": "http://global:2",
}


def test_endpoint_argument_wins():
    assert (
        config(ENDPOINT_ENV, region="us-east-1", endpoint_url="https://arg:3/").endpoint_url
        == "https://arg:3"
    )


def test_endpoint_service_specific_env():
    assert config(ENDPOINT_ENV, region="us-east-1").endpoint_url == "http://specific:1"


def test_endpoint_global_env():
    assert (
        config({"AWS_ENDPOINT_URL": "http://global:2"}, region="us-east-1").endpoint_url
        == "http://global:2"
    )


@pytest.mark.parametrize("region", ["us-east-1", "eu-central-1"])
def test_endpoint_default(region):
    assert config(region=region).endpoint_url == f"https://api.sagemaker.{region}.amazonaws.com"


@pytest.mark.parametrize("url", ["ftp://host", "localhost:5000", "http://", "not a url"])
def test_invalid_endpoint(url):
    with pytest.raises(ConfigurationError):
        config(region="us-east-1", endpoint_url=url)


def test_invalid_endpoint_from_env():
    with pytest.raises(ConfigurationError):
        config({"AWS_ENDPOINT_URL_SAGEMAKER": "nope"}, region="us-east-1")


# -- other settings ------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, -1, True, 1.5])
def test_invalid_max_attempts(value):
    with pytest.raises(ConfigurationError):
        config(region="us-east-1", max_attempts=value)


@pytest.mark.parametrize("value", [0, -1.0, True])
def test_invalid_timeout(value):
    with pytest.raises(ConfigurationError):
        config(region="us-east-1", timeout=value)


def test_valid_settings_are_kept():
    resolved = config(region="us-east-1", timeout=None, max_attempts=1, validate=False)
    assert (resolved.timeout, resolved.max_attempts, resolved.validate) == (None, 1, False)
    assert resolved.user_agent.startswith("sagemaker-client/")


# -- credentials ---------------------------------------------------------------------------


class CountingSession:
    """Stands in for LazyBotocoreSession: ``get()`` returns an object with ``get_credentials``."""

    profile = None

    def __init__(self, credentials, delay=0.0):
        self._credentials = credentials
        self._delay = delay
        self.calls = 0
        self._lock = threading.Lock()

    def get(self):
        return self

    def get_credentials(self):
        with self._lock:
            self.calls += 1
        time.sleep(self._delay)
        return self._credentials


def static_chain(access="AKIDCHAIN", secret="chain-secret", token=None):
    return botocore.credentials.Credentials(access, secret, token)


def test_explicit_keys_win_and_never_touch_the_session():
    session = CountingSession(static_chain())
    resolver = CredentialResolver(access_key="AK", secret_key="SK", token="TK", session=session)
    assert resolver.resolve() == Credentials("AK", "SK", "TK")
    assert resolver.cached() == Credentials("AK", "SK", "TK")
    assert session.calls == 0


@pytest.mark.parametrize(("access", "secret"), [("AK", None), (None, "SK")])
def test_only_one_of_the_pair(access, secret):
    with pytest.raises(ConfigurationError):
        CredentialResolver(
            access_key=access, secret_key=secret, token=None, session=CountingSession(None)
        )


def test_repr_never_shows_secrets():
    resolver = CredentialResolver(
        access_key="AK",
        secret_key="super-secret",
        token="tok-secret",
        session=CountingSession(None),
    )
    assert "super-secret" not in repr(resolver)
    assert "tok-secret" not in repr(resolver)


def test_chain_from_env_vars(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDENV")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "env-secret")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "env-token")
    resolver = CredentialResolver(
        access_key=None, secret_key=None, token=None, session=LazyBotocoreSession(None)
    )
    assert resolver.resolve() == Credentials("AKIDENV", "env-secret", "env-token")


def test_chain_from_profile(monkeypatch, tmp_path):
    credentials = tmp_path / "credentials"
    credentials.write_text(
        "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n"
        "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = dev-secret\n"
    )
    config_file = tmp_path / "config"
    config_file.write_text("[profile dev]\nregion = eu-north-1\n")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config_file))
    session = LazyBotocoreSession("dev")
    resolver = CredentialResolver(access_key=None, secret_key=None, token=None, session=session)
    assert resolver.resolve() == Credentials("AKIDDEV", "dev-secret", None)
    assert session.region() == "eu-north-1"
    default = CredentialResolver(
        access_key=None, secret_key=None, token=None, session=LazyBotocoreSession(None)
    )
    assert default.resolve().access_key == "AKIDDEFAULT"


def test_unknown_profile_is_configuration_error():
    resolver = CredentialResolver(
        access_key=None, secret_key=None, token=None, session=LazyBotocoreSession("nope")
    )
    with pytest.raises(ConfigurationError):
        resolver.resolve()


def test_none_found():
    resolver = CredentialResolver(
        access_key=None, secret_key=None, token=None, session=LazyBotocoreSession(None)
    )
    with pytest.raises(NoCredentialsError):
        resolver.resolve()


def test_lazy_not_resolved_at_construction():
    session = CountingSession(static_chain())
    resolver = CredentialResolver(access_key=None, secret_key=None, token=None, session=session)
    assert session.calls == 0
    assert resolver.cached() is None
    assert resolver.resolve() == Credentials("AKIDCHAIN", "chain-secret", None)
    assert resolver.cached() == Credentials("AKIDCHAIN", "chain-secret", None)
    resolver.resolve()
    assert session.calls == 1


def test_thread_safe_single_resolution():
    session = CountingSession(static_chain(), delay=0.05)
    resolver = CredentialResolver(access_key=None, secret_key=None, token=None, session=session)
    barrier = threading.Barrier(16)
    results = []

    def work():
        barrier.wait()
        results.append(resolver.resolve())

    threads = [threading.Thread(target=work) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert session.calls == 1
    assert len(results) == 16
    assert set(results) == {Credentials("AKIDCHAIN", "chain-secret", None)}


def test_incomplete_chain_credentials():
    resolver = CredentialResolver(
        access_key=None,
        secret_key=None,
        token=None,
        session=CountingSession(static_chain(secret="")),
    )
    with pytest.raises(NoCredentialsError):
        resolver.resolve()


def test_session_error_becomes_no_credentials_error():
    class Broken(CountingSession):
        def get_credentials(self):
            raise RuntimeError("sso token expired")

    resolver = CredentialResolver(
        access_key=None, secret_key=None, token=None, session=Broken(None)
    )
    with pytest.raises(NoCredentialsError) as caught:
        resolver.resolve()
    assert "sso token expired" in str(caught.value)


def refreshable(expiry_in_seconds, calls):
    import datetime

    from dateutil.tz import tzutc

    def refresh():
        calls.append(1)
        expiry = datetime.datetime.now(tzutc()) + datetime.timedelta(seconds=expiry_in_seconds)
        return {
            "access_key": f"AKIDR{len(calls)}",
            "secret_key": "refreshed-secret",
            "token": f"tok{len(calls)}",
            "expiry_time": expiry.isoformat(),
        }

    return RefreshableCredentials.create_from_metadata(refresh(), refresh, "test")


def test_cached_with_fresh_refreshable_credentials():
    calls = []
    chain = refreshable(3600, calls)
    resolver = CredentialResolver(
        access_key=None, secret_key=None, token=None, session=CountingSession(chain)
    )
    assert resolver.cached() is None
    first = resolver.resolve()
    assert resolver.cached() == first == Credentials("AKIDR1", "refreshed-secret", "tok1")
    assert len(calls) == 1


def test_cached_is_none_when_refresh_is_needed_and_resolve_refreshes():
    calls = []
    chain = refreshable(60, calls)  # inside botocore's mandatory refresh window
    resolver = CredentialResolver(
        access_key=None, secret_key=None, token=None, session=CountingSession(chain)
    )
    resolved = resolver.resolve()
    assert len(calls) >= 2  # resolve refreshed
    assert resolved.access_key == f"AKIDR{len(calls)}"
    assert resolver.cached() is None  # still expiring soon: signing would need a refresh
