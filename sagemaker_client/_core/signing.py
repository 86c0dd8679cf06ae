"""SigV4 for service ``sagemaker`` through botocore's signer, at an explicit time.

botocore reads the clock inside ``SigV4Auth.add_auth``; the core takes the time as an argument
instead (so retries re-sign with a fresh date, clock skew can be corrected and tests are exact),
and otherwise runs botocore's own canonicalisation and signature steps. Three shortcuts that leave
every byte unchanged keep a signature at about half of botocore's cost: the derived signing key
is cached per (secret, day, region, service), the headers to sign are selected once, and the body
is read as the bytes it is. botocore is imported on the first signature, not with the package.
"""

from __future__ import annotations

import datetime
from functools import cache
from typing import Any, NamedTuple

from sagemaker_client._core.http import HttpRequest
from sagemaker_client._core.redact import REDACTED

SERVICE_NAME = "sagemaker"
_SIGV4_TIMESTAMP = "%Y%m%dT%H%M%SZ"


class Credentials(NamedTuple):
    """Resolved AWS credentials; the secret and the token never appear in ``repr``."""

    access_key: str
    secret_key: str
    token: str | None = None

    def __repr__(self) -> str:
        token = f", token={REDACTED}" if self.token else ""
        return f"Credentials(access_key={self.access_key!r}, secret_key={REDACTED}{token})"


def sign(
    request: HttpRequest, credentials: Credentials, region: str, now: datetime.datetime
) -> HttpRequest:
    """``request`` with ``X-Amz-Date``, ``Authorization`` (and the session token) added."""
    signer_class, aws_request_class = _botocore()
    aws_request = aws_request_class(
        method=request.method, url=request.url, headers=dict(request.headers), data=request.body
    )
    aws_request.context["timestamp"] = now.astimezone(datetime.timezone.utc).strftime(
        _SIGV4_TIMESTAMP
    )
    # The signer reads only access_key, secret_key and token, which Credentials has: no need to
    # import botocore.credentials (and the half of botocore it imports) for its ReadOnlyCredentials.
    signer_class(credentials, SERVICE_NAME, region).add_auth(aws_request)
    return HttpRequest(
        method=request.method,
        url=request.url,
        headers=dict(aws_request.headers.items()),
        body=request.body,
    )


# The derived key changes once a day per secret, region and service, but deriving it is four
# HMACs on every request; a handful of entries covers every client of a process (rotated secrets
# simply age out).
_SIGNING_KEYS: dict[tuple[str, str, str, str], bytes] = {}
_SIGNING_KEYS_MAX = 16


@cache
def _botocore() -> tuple[Any, Any]:
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest

    class BodyAWSRequest(AWSRequest):  # type: ignore[misc]
        """An AWSRequest whose ``body`` is its bytes, without preparing a whole request.

        botocore's ``body`` prepares a copy of the request (URL, headers, content length) just
        to return the same bytes; the signer reads it once per signature.
        """

        @property
        def body(self) -> bytes:
            data: bytes = self.data
            return data

    class FixedTimeSigV4Auth(SigV4Auth):  # type: ignore[misc]
        """botocore's SigV4 with the timestamp taken from ``request.context``.

        Two memos, neither of which changes a byte of the result: the headers to sign are
        selected once per request (botocore selects them twice), and the signing key is derived
        once per day, secret, region and service.
        """

        def add_auth(self, request: Any) -> None:
            self._modify_request_before_signing(request)
            canonical_request = self.canonical_request(request)
            string_to_sign = self.string_to_sign(request, canonical_request)
            signature = self.signature(string_to_sign, request)
            self._inject_signature_to_request(request, signature)

        def headers_to_sign(self, request: Any) -> Any:
            selected = request.context.get("sagemaker_client_headers_to_sign")
            if selected is None:
                selected = super().headers_to_sign(request)
                request.context["sagemaker_client_headers_to_sign"] = selected
            return selected

        def signature(self, string_to_sign: str, request: Any) -> str:
            scope = (
                self.credentials.secret_key,
                request.context["timestamp"][0:8],
                self._region_name,
                self._service_name,
            )
            key = _SIGNING_KEYS.get(scope)
            if key is None:
                secret, day, region, service = scope
                key = self._sign(f"AWS4{secret}".encode(), day)
                for part in (region, service, "aws4_request"):
                    key = self._sign(key, part)
                if len(_SIGNING_KEYS) >= _SIGNING_KEYS_MAX:
                    _SIGNING_KEYS.clear()
                _SIGNING_KEYS[scope] = key
            signature: str = self._sign(key, string_to_sign, hex=True)
            return signature

    return FixedTimeSigV4Auth, BodyAWSRequest
