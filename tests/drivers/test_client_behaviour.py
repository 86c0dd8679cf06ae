from __future__ import annotations

import threading

import httpx
import pytest
from mock_service import ACCESS_KEY, SECRET_KEY, Adapter, Recorder, json_response

from sagemaker_client import AsyncSageMakerClient, SageMakerClient
from sagemaker_client._config import to_timeouts
from sagemaker_client._credentials import CredentialResolver
from sagemaker_client.errors import ConfigurationError, NoCredentialsError, NoRegionError


async def test_context_manager_closes_owned_pool(sm):
    client = sm.client()  # no http_client: the client owns its pool
    if sm.is_async:
        async with client as entered:
            assert entered is client
            pool = client._http_client()
        assert pool.is_closed
    else:
        with client as entered:
            assert entered is client
            pool = client._http_client()
        assert pool.is_closed


async def test_user_http_client_is_never_closed(sm):
    recorder = Recorder([json_response({"EndpointName": "ep"})])
    client = sm.client(recorder)
    http = sm.http_clients[-1]
    if sm.is_async:
        async with client:
            await client.describe_endpoint(endpoint_name="ep")
    else:
        with client:
            client.describe_endpoint(endpoint_name="ep")
    await sm.close(client)
    assert not http.is_closed
    # still usable by its owner
    again = sm.client_class(
        region="us-east-1", aws_access_key_id="a", aws_secret_access_key="b", http_client=http
    )
    await sm.call(again, "describe_endpoint", endpoint_name="ep")
    assert len(recorder.requests) == 2


async def test_close_twice_is_harmless(sm):
    client = sm.client()
    client._http_client()
    await sm.close(client)
    await sm.close(client)


async def test_wrong_http_client_type_is_rejected(sm):
    wrong = httpx.Client() if sm.is_async else httpx.AsyncClient()
    try:
        with pytest.raises(ConfigurationError):
            sm.client_class(
                region="us-east-1",
                aws_access_key_id="a",
                aws_secret_access_key="b",
                http_client=wrong,
            )
    finally:
        if sm.is_async:
            wrong.close()
        else:
            await wrong.aclose()


async def test_repr_shows_region_and_endpoint_not_secrets(sm):
    client = sm.client(aws_session_token="super-session-token", region="eu-west-1")
    text = repr(client)
    assert "eu-west-1" in text
    assert "https://sagemaker.test" in text
    assert SECRET_KEY not in text
    assert "super-session-token" not in text
    assert client.region == "eu-west-1"
    assert client.endpoint_url == "https://sagemaker.test"
    await sm.close(client)


async def test_no_region_anywhere(sm):
    with pytest.raises(NoRegionError):
        sm.client_class(aws_access_key_id="a", aws_secret_access_key="b")


async def test_region_from_env(sm, monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-northeast-1")
    client = sm.client_class(aws_access_key_id="a", aws_secret_access_key="b")
    assert client.region == "ap-northeast-1"
    assert client.endpoint_url == "https://api.sagemaker.ap-northeast-1.amazonaws.com"
    await sm.close(client)


async def test_no_credentials_at_first_call_not_construction(sm):
    recorder = Recorder([json_response({})])
    client = sm.client(recorder, aws_access_key_id=None, aws_secret_access_key=None)
    with pytest.raises(NoCredentialsError):
        await sm.call(client, "describe_endpoint", endpoint_name="ep")
    assert recorder.requests == []


async def test_chain_credentials_from_env(sm, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDFROMENV")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "env-secret")
    recorder = Recorder([json_response({})])
    client = sm.client(recorder, aws_access_key_id=None, aws_secret_access_key=None)
    await sm.call(client, "describe_endpoint", endpoint_name="ep")
    assert "Credential=AKIDFROMENV/" in recorder.requests[0].headers["Authorization"]


async def test_endpoint_from_env(sm, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_SAGEMAKER", "http://localhost:5555")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://other:1")
    recorder = Recorder([json_response({})])
    client = sm.client(recorder, endpoint_url=None)
    assert client.endpoint_url == "http://localhost:5555"
    await sm.call(client, "describe_endpoint", endpoint_name="ep")
    assert str(recorder.requests[0].url) == "http://localhost:5555/"


async def test_invalid_settings(sm):
    with pytest.raises(ConfigurationError):
        sm.client(max_attempts=0)
    with pytest.raises(ConfigurationError):
        sm.client(endpoint_url="ftp://x")
    with pytest.raises(ConfigurationError):
        sm.client(aws_access_key_id="only-the-id", aws_secret_access_key=None)


async def test_async_client_resolves_chain_credentials_off_the_loop(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDFROMENV")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "env-secret")
    threads = []
    original = CredentialResolver.resolve

    def recording_resolve(self):
        threads.append(threading.get_ident())
        return original(self)

    monkeypatch.setattr(CredentialResolver, "resolve", recording_resolve)
    adapter = Adapter("async")
    recorder = Recorder([json_response({})])
    client = adapter.client(recorder, aws_access_key_id=None, aws_secret_access_key=None)
    await client.describe_endpoint(endpoint_name="ep")
    await client.describe_endpoint(endpoint_name="ep")
    await adapter.close_http()
    loop_thread = threading.get_ident()
    assert threads, "resolve was never called"
    assert loop_thread not in threads
    assert len(recorder.requests) == 2


async def test_async_client_signs_cached_credentials_on_the_loop(monkeypatch):
    """Explicit keys need no I/O: no worker thread is involved."""
    calls = []
    monkeypatch.setattr(CredentialResolver, "resolve", lambda self: calls.append(1))
    adapter = Adapter("async")
    recorder = Recorder([json_response({})])
    client = adapter.client(recorder)
    await client.describe_endpoint(endpoint_name="ep")
    await adapter.close_http()
    assert calls == []
    assert f"Credential={ACCESS_KEY}/" in recorder.requests[0].headers["Authorization"]


def test_clients_are_distinct_classes():
    assert SageMakerClient is not AsyncSageMakerClient


# -- with_options ----------------------------------------------------------------------------


async def test_with_options_accepts_numbers_and_httpx_timeouts(sm):
    recorder = Recorder([json_response({"EndpointName": "ep"})])
    client = sm.client(recorder)
    assert client._state.timeouts == to_timeouts(httpx.Timeout(60.0))
    derived = client.with_options(timeout=httpx.Timeout(5.0, connect=2.0))
    assert derived._state.timeouts == to_timeouts(httpx.Timeout(5.0, connect=2.0))
    assert derived._state.context.read_timeout == 5.0
    assert client.with_options(timeout=7)._state.timeouts == to_timeouts(httpx.Timeout(7))
    assert client.with_options(max_attempts=1)._state.timeouts == client._state.timeouts
    assert client._state.context.max_attempts == 3
    await sm.call(derived, "describe_endpoint", endpoint_name="ep")
    assert recorder.requests[0].extensions["timeout"] == {
        "connect": 2.0,
        "read": 5.0,
        "write": 5.0,
        "pool": 5.0,
    }


async def test_with_options_checks_its_arguments(sm):
    client = sm.client()
    with pytest.raises(ConfigurationError, match="max_attempts"):
        client.with_options(max_attempts=0)
    with pytest.raises(ConfigurationError, match="timeout"):
        client.with_options(timeout=-1)
    await sm.close(client)


async def test_with_options_keeps_everything_else(sm):
    client = sm.client(aws_session_token="tok", validate=False, region="eu-west-1")
    derived = client.with_options(timeout=3)
    assert (derived.region, derived.endpoint_url) == (client.region, client.endpoint_url)
    assert derived._state.credentials is client._state.credentials
    assert derived._state.clock_skew is client._state.clock_skew
    assert derived._state.quota is client._state.quota
    assert derived._state.config.validate is False
    await sm.close(client)


async def test_with_options_on_a_closed_client_and_after_the_owner_closes(sm):
    from sagemaker_client.errors import ClientClosedError

    recorder = Recorder([json_response({})])
    owner = sm.client()
    derived = owner.with_options(timeout=3)
    await sm.close(derived)
    assert not owner._http_client().is_closed  # the pool belongs to the owner
    with pytest.raises(ClientClosedError):
        await sm.call(derived, "describe_endpoint", endpoint_name="ep")
    other = owner.with_options(max_attempts=2)
    await sm.close(owner)
    with pytest.raises(ClientClosedError):
        await sm.call(other, "describe_endpoint", endpoint_name="ep")
    with pytest.raises(ClientClosedError):
        owner.with_options(timeout=1)
    assert recorder.requests == []
