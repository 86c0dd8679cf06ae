"""The clients' own pools (_urllib3.Urllib3Pool, _aiohttp.AiohttpPool) and their SSL contexts.

A small threaded server on 127.0.0.1 records each raw request; botocore re-derives the
signature from what arrived, so a pool that changed a signed byte would fail here.
"""

from __future__ import annotations

import asyncio
import datetime
import gc
import socket
import socketserver
import ssl
import threading
from collections.abc import Iterator
from unittest import mock

import botocore.auth
import httpx
import pytest
import sniffio
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotoCredentials

from sagemaker_client import AsyncSageMakerClient, SageMakerClient, _aiohttp, _tls, _urllib3
from sagemaker_client._aiohttp import AiohttpPool
from sagemaker_client._config import to_timeouts
from sagemaker_client._core.errors import ConfigurationError
from sagemaker_client._core.http import HttpRequest, HttpResponse, Timeouts, TransportFailure
from sagemaker_client._core.request import build_request, encode_body
from sagemaker_client._core.signing import Credentials, sign
from sagemaker_client._httpx import AsyncHttpxPool, HttpxPool, to_httpx_timeout
from sagemaker_client._pools import given_async_pool, given_pool, new_async_pool, new_pool
from sagemaker_client._tls import ssl_context_for
from sagemaker_client._urllib3 import Urllib3Pool

TIMEOUT = to_timeouts(5.0)
CREDENTIALS = Credentials("AKIDPOOLTEST", "pool/test/secret")


class Recorder(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, behaviour: str) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.behaviour = behaviour
        self.requests: list[tuple[str, str, list[tuple[str, str]], bytes]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(socketserver.StreamRequestHandler):
    server: Recorder

    def handle(self) -> None:
        while True:
            line = self.rfile.readline()
            if not line:
                return
            method, path, _ = line.decode("latin-1").split(" ", 2)
            headers = []
            while (header := self.rfile.readline()) not in (b"\r\n", b""):
                name, _, value = header.decode("latin-1").partition(":")
                headers.append((name.strip(), value.strip()))
            length = int({k.lower(): v for k, v in headers}.get("content-length", 0))
            body = self.rfile.read(length)
            self.server.requests.append((method, path, headers, body))
            if self.server.behaviour == "close":
                return
            if self.server.behaviour == "hang":
                threading.Event().wait(3)
                return
            payload = b'{"EndpointName":"ep"}' if self.server.behaviour != "big" else b"x" * 5000
            self.wfile.write(
                b"HTTP/1.1 200 OK\r\nx-amzn-RequestId: req-1\r\n"
                b"Content-Type: application/x-amz-json-1.1\r\n"
                b"Content-Length: %d\r\n\r\n%s" % (len(payload), payload)
            )


@pytest.fixture
def server(request: pytest.FixtureRequest) -> Iterator[Recorder]:
    recorder = Recorder(getattr(request, "param", "ok"))
    thread = threading.Thread(target=recorder.serve_forever, daemon=True)
    thread.start()
    yield recorder
    recorder.shutdown()
    recorder.server_close()


@pytest.fixture
def no_shared_contexts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_tls, "_contexts", {})


def signed_request(url: str) -> HttpRequest:
    unsigned = build_request(
        operation="DescribeEndpoint",
        payload=encode_body({"EndpointName": "ep", "Text": "héllo"}),
        endpoint_url=url,
        user_agent="sagemaker-client/test",
        invocation_id="inv-7",
        attempt=1,
        max_attempts=3,
    )
    now = datetime.datetime.now(datetime.timezone.utc)
    return sign(unsigned, CREDENTIALS, "us-east-1", now)


def assert_signature_survived(server: Recorder, sent: HttpRequest) -> None:
    method, path, received, body = server.requests[-1]
    headers = dict(received)
    assert body == sent.body
    for name in ("Content-Type", "X-Amz-Target", "X-Amz-Date", "Authorization"):
        assert headers[name] == sent.headers[name]
    signed_names = headers["Authorization"].split("SignedHeaders=")[1].split(",")[0].split(";")
    lower = {name.lower(): value for name, value in received}
    aws_request = AWSRequest(
        method=method,
        url=f"{server.url}{path}",
        headers={name: lower[name] for name in signed_names},
        data=body,
    )
    when = datetime.datetime.strptime(headers["X-Amz-Date"], "%Y%m%dT%H%M%SZ")
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=when):
        botocore.auth.SigV4Auth(
            BotoCredentials(CREDENTIALS.access_key, CREDENTIALS.secret_key),
            "sagemaker",
            "us-east-1",
        ).add_auth(aws_request)
    assert aws_request.headers["Authorization"] == headers["Authorization"]


def assert_ok(response: HttpResponse | TransportFailure) -> None:
    assert isinstance(response, HttpResponse), response
    assert response.status_code == 200
    assert response.body == b'{"EndpointName":"ep"}'
    assert response.request_id == "req-1"
    assert all(key == key.lower() for key in response.headers)


# -- SSL contexts ------------------------------------------------------------------------------


def test_http_endpoint_loads_no_ca_bundle(monkeypatch, no_shared_contexts):
    monkeypatch.setattr(_tls, "_verifying_context", mock.Mock(side_effect=AssertionError))
    pool = new_pool("http://127.0.0.1:9", TIMEOUT)
    assert isinstance(pool, Urllib3Pool)
    context = ssl_context_for("http://localhost:5000")
    assert context.cert_store_stats()["x509_ca"] == 0
    # Not an unverified context: TLS with it would fail for want of a trusted certificate.
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname
    pool.close()


async def test_https_clients_share_one_verifying_context(monkeypatch, no_shared_contexts):
    create = mock.Mock(wraps=_tls._verifying_context)
    monkeypatch.setattr(_tls, "_verifying_context", create)
    first = ssl_context_for("https://api.sagemaker.us-east-1.amazonaws.com")
    second = ssl_context_for("https://api.sagemaker.eu-west-1.amazonaws.com")
    pools = [new_pool("https://example.com", TIMEOUT) for _ in range(3)]
    assert first is second
    assert create.call_count == 1
    assert first.verify_mode == ssl.CERT_REQUIRED
    assert first.check_hostname
    assert first.cert_store_stats()["x509_ca"] > 0
    for pool in pools:
        pool.close()


def _trust(context: ssl.SSLContext) -> tuple[object, ...]:
    certificates = sorted(repr(sorted(cert.items())) for cert in context.get_ca_certs())
    return (context.verify_mode, context.check_hostname, context.minimum_version, certificates)


@pytest.mark.parametrize("setting", ["certifi", "SSL_CERT_FILE", "SSL_CERT_DIR"])
def test_the_verifying_context_trusts_what_httpx_trusts(monkeypatch, tmp_path, setting):
    import certifi

    if setting == "SSL_CERT_FILE":
        bundle = tmp_path / "bundle.pem"
        # A bundle of its own: the first certificate of certifi's.
        text = open(certifi.where(), encoding="ascii").read()
        end = "-----END CERTIFICATE-----"
        bundle.write_text(text[text.index("-----BEGIN CERTIFICATE-----") : text.index(end)] + end)
        monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    elif setting == "SSL_CERT_DIR":
        monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    ours, theirs = _tls._verifying_context(), httpx.create_ssl_context()
    assert _trust(ours) == _trust(theirs)
    if setting == "SSL_CERT_FILE":
        assert len(ours.get_ca_certs()) == 1
    if setting == "certifi":
        assert len(ours.get_ca_certs()) > 50


def test_the_default_sync_client_never_imports_httpx(tmp_path):
    program = (
        "import sys\n"
        "from sagemaker_client import SageMakerClient\n"
        "client = SageMakerClient(region='us-east-1', endpoint_url='https://example.com',\n"
        "    aws_access_key_id='AK', aws_secret_access_key='SK', timeout=3)\n"
        "client._http_client()\n"
        "client.with_options(timeout=5).close()\n"
        "print(sorted(m for m in ('httpx', 'httpcore', 'h11', 'aiohttp') if m in sys.modules))\n"
    )
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert result.stdout.strip() == "[]"


def test_timeouts_from_every_kind_of_setting():
    assert to_timeouts(5) == Timeouts(connect=5.0, read=5.0, write=5.0, pool=5.0)
    assert to_timeouts(None) == Timeouts(connect=None, read=None, write=None, pool=None)
    assert to_timeouts(httpx.Timeout(5.0, connect=2.0, pool=None)) == Timeouts(
        connect=2.0, read=5.0, write=5.0, pool=None
    )
    setting = httpx.Timeout(4.0, read=9.0)
    assert to_httpx_timeout(to_timeouts(setting)) == setting


@pytest.mark.parametrize("bad", ["5", 0, -1.0, float("nan"), True, [5]])
def test_a_bad_timeout_is_a_configuration_error(bad):
    with pytest.raises(ConfigurationError, match="timeout"):
        SageMakerClient(region="us-east-1", timeout=bad)


async def test_given_clients_must_be_httpx_clients_of_the_right_kind():
    with pytest.raises(ConfigurationError, match="httpx.Client, got AsyncClient"):
        given_pool(httpx.AsyncClient())  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="httpx.AsyncClient, got Client"):
        given_async_pool(httpx.Client())  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="http_client"):
        SageMakerClient(region="us-east-1", http_client="nope")  # type: ignore[arg-type]


@pytest.mark.parametrize("variable", ["HTTPS_PROXY", "http_proxy", "ALL_PROXY"])
async def test_a_proxy_in_the_environment_keeps_httpx_clients(monkeypatch, variable):
    monkeypatch.setenv(variable, "https://proxy.example:3128")
    assert ssl_context_for("http://localhost:5000") is _tls.shared_ssl_context()
    sync_pool = new_pool("http://localhost:5000", TIMEOUT)
    async_pool = new_async_pool("http://localhost:5000", TIMEOUT)
    assert isinstance(sync_pool, HttpxPool) and isinstance(sync_pool.client, httpx.Client)
    assert isinstance(async_pool, AsyncHttpxPool)
    assert isinstance(async_pool.client, httpx.AsyncClient)
    sync_pool.close()
    await async_pool.aclose()


async def test_other_event_loops_keep_httpx():
    assert isinstance(new_async_pool("http://localhost:5000", TIMEOUT), AiohttpPool)
    with mock.patch.object(sniffio, "current_async_library", return_value="trio"):
        pool = new_async_pool("http://localhost:5000", TIMEOUT)
    assert isinstance(pool, AsyncHttpxPool) and isinstance(pool.client, httpx.AsyncClient)
    await pool.aclose()


# -- the pools on the wire -----------------------------------------------------------------------


def test_urllib3_pool_sends_the_signed_request_unchanged(server):
    pool = Urllib3Pool(server.url)
    request = signed_request(server.url)
    assert_ok(pool.send(request, TIMEOUT))
    assert_ok(pool.send(request, TIMEOUT))
    assert_signature_survived(server, request)
    pool.close()
    assert pool.is_closed


async def test_aiohttp_pool_sends_the_signed_request_unchanged(server):
    pool = AiohttpPool(server.url)
    request = signed_request(server.url)
    assert_ok(await pool.send(request, TIMEOUT))
    results = await asyncio.gather(*(pool.send(request, TIMEOUT) for _ in range(5)))
    for result in results:
        assert_ok(result)
    assert_signature_survived(server, request)
    await pool.aclose()
    await pool.aclose()
    assert pool.is_closed


@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_aiohttp_pool_follows_its_client_to_a_new_event_loop(server):
    # The sessions of loops that are gone are left behind unclosed (nothing can close them).
    pool = AiohttpPool(server.url)
    request = signed_request(server.url)
    assert_ok(asyncio.run(pool.send(request, TIMEOUT)))
    assert_ok(asyncio.run(pool.send(request, TIMEOUT)))
    asyncio.run(pool.aclose())
    gc.collect()


def closed_port() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


async def test_failures_are_values_never_exceptions():
    url = closed_port()
    request = signed_request(url)
    sync_pool = Urllib3Pool(url)
    failure = sync_pool.send(request, TIMEOUT)
    sync_pool.close()
    assert isinstance(failure, TransportFailure)
    assert failure.kind == "connect"
    pool = AiohttpPool(url)
    failure = await pool.send(request, TIMEOUT)
    assert isinstance(failure, TransportFailure)
    assert failure.kind == "connect"
    await pool.aclose()


@pytest.mark.parametrize("server", ["hang"], indirect=True)
async def test_a_silent_server_is_a_timeout(server):
    quick = to_timeouts(httpx.Timeout(5.0, read=0.3))
    request = signed_request(server.url)
    sync_pool = Urllib3Pool(server.url)
    failure = sync_pool.send(request, quick)
    sync_pool.close()
    assert isinstance(failure, TransportFailure)
    assert failure.kind == "timeout"
    pool = AiohttpPool(server.url)
    failure = await pool.send(request, quick)
    assert isinstance(failure, TransportFailure)
    assert failure.kind == "timeout"
    await pool.aclose()


@pytest.mark.parametrize("server", ["close"], indirect=True)
async def test_a_hang_up_is_a_broken_response(server):
    request = signed_request(server.url)
    sync_pool = Urllib3Pool(server.url)
    failure = sync_pool.send(request, TIMEOUT)
    sync_pool.close()
    assert isinstance(failure, TransportFailure)
    assert failure.kind == "protocol"
    pool = AiohttpPool(server.url)
    failure = await pool.send(request, TIMEOUT)
    assert isinstance(failure, TransportFailure)
    assert failure.kind == "protocol"
    await pool.aclose()


@pytest.mark.parametrize("server", ["big"], indirect=True)
async def test_bodies_past_the_limit_are_cut_and_flagged(server, monkeypatch):
    monkeypatch.setattr(_urllib3, "MAX_RESPONSE_BYTES", 1000)
    monkeypatch.setattr(_aiohttp, "MAX_RESPONSE_BYTES", 1000)
    request = signed_request(server.url)
    sync_pool = Urllib3Pool(server.url)
    async_pool = AiohttpPool(server.url)
    for response in (sync_pool.send(request, TIMEOUT), await async_pool.send(request, TIMEOUT)):
        assert isinstance(response, HttpResponse)
        assert response.body_truncated
        assert response.body == b"x" * 1000
    # the pools stay usable after dropping such a connection
    assert isinstance(sync_pool.send(request, TIMEOUT), HttpResponse)
    assert isinstance(await async_pool.send(request, TIMEOUT), HttpResponse)
    sync_pool.close()
    await async_pool.aclose()


# -- through the public clients ----------------------------------------------------------------


async def test_clients_use_their_own_pools_end_to_end(server):
    keys = {"aws_access_key_id": "AKIDPOOLTEST", "aws_secret_access_key": "pool/test/secret"}
    with SageMakerClient(region="us-east-1", endpoint_url=server.url, **keys) as client:
        assert client.describe_endpoint(endpoint_name="ep").endpoint_name == "ep"
        assert isinstance(client._http_client(), Urllib3Pool)
    async with AsyncSageMakerClient(region="us-east-1", endpoint_url=server.url, **keys) as client:
        endpoint = await client.describe_endpoint(endpoint_name="ep")
        assert endpoint.endpoint_name == "ep"
        assert isinstance(client._http_client(), AiohttpPool)
    assert len(server.requests) == 2
