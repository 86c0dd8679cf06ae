"""HTTPS: verification is on unless the caller's own http_client turns it off."""

from __future__ import annotations

import datetime
import ipaddress
import ssl

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from fault_clients import ENDPOINT_BODY, Caller
from fault_server import FaultServer, Reply

from sagemaker_client import SageMakerClient
from sagemaker_client.errors import ConnectionFailedError


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1 (no CA anyone trusts)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    directory = tmp_path_factory.mktemp("tls")
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def tls_server(certificate):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    server = FaultServer(ssl_context=context)
    server.default = Reply(200, ENDPOINT_BODY)
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sync", "async"])
async def tls_caller(request, tls_server):
    caller = Caller(request.param, tls_server)
    yield caller
    await caller.close_all()


async def test_untrusted_certificate_is_refused_by_default(tls_caller, tls_server):
    client = tls_caller.client(max_attempts=1)
    error = await tls_caller.fails(client)
    assert isinstance(error, ConnectionFailedError)
    assert "CERTIFICATE_VERIFY_FAILED" in str(error)
    assert tls_server.requests == []


async def test_callers_own_http_client_decides(tls_caller, tls_server, certificate):
    http_class = httpx.AsyncClient if tls_caller.is_async else httpx.Client
    trusting = ssl.create_default_context(cafile=str(certificate[0]))
    for http in (http_class(verify=trusting), http_class(verify=False)):
        client = tls_caller.client(http_client=http)
        endpoint = await tls_caller.describe(client)
        assert endpoint.endpoint_name == "ep"
        if tls_caller.is_async:
            await http.aclose()
        else:
            http.close()
    assert len(tls_server.requests) == 2


def test_https_by_default_and_http_only_when_asked():
    client = SageMakerClient(region="eu-west-1", aws_access_key_id="a", aws_secret_access_key="b")
    assert client.endpoint_url == "https://api.sagemaker.eu-west-1.amazonaws.com"
    local = SageMakerClient(
        region="eu-west-1",
        endpoint_url="http://127.0.0.1:5000",
        aws_access_key_id="a",
        aws_secret_access_key="b",
    )
    assert local.endpoint_url == "http://127.0.0.1:5000"
