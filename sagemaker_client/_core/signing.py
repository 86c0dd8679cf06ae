"""SigV4 for service ``sagemaker`` through botocore's signer, at an explicit time.

botocore reads the clock inside ``SigV4Auth.add_auth``; the core takes the time as an argument
instead (so retries re-sign with a fresh date, clock skew can be corrected and tests are exact),
and otherwise runs botocore's own canonicalisation and signature steps unchanged.
botocore is imported on the first signature, not when the package is imported.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from typing import Any

from sagemaker_client._core.http import HttpRequest

SERVICE_NAME = "sagemaker"
_SIGV4_TIMESTAMP = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True, slots=True)
class Credentials:
    """Resolved AWS credentials; the secret and the token never appear in ``repr``."""

    access_key: str
    secret_key: str
    token: str | None = None

    def __repr__(self) -> str:
        token = ", token=<redacted>" if self.token else ""
        return f"Credentials(access_key={self.access_key!r}, secret_key=<redacted>{token})"


def sign(
    request: HttpRequest, credentials: Credentials, region: str, now: datetime.datetime
) -> HttpRequest:
    """``request`` with ``X-Amz-Date``, ``Authorization`` (and the session token) added."""
    signer_class, aws_request_class, credentials_class = _botocore()
    aws_request = aws_request_class(
        method=request.method, url=request.url, headers=dict(request.headers), data=request.body
    )
    aws_request.context["timestamp"] = now.astimezone(datetime.timezone.utc).strftime(
        _SIGV4_TIMESTAMP
    )
    frozen = credentials_class(credentials.access_key, credentials.secret_key, credentials.token)
    signer_class(frozen, SERVICE_NAME, region).add_auth(aws_request)
    return HttpRequest(
        method=request.method,
        url=request.url,
        headers=dict(aws_request.headers.items()),
        body=request.body,
    )


@cache
def _botocore() -> tuple[Any, Any, Any]:
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import ReadOnlyCredentials

    class FixedTimeSigV4Auth(SigV4Auth):  # type: ignore[misc]
        """botocore's SigV4 with the timestamp taken from ``request.context``."""

        def add_auth(self, request: Any) -> None:
            self._modify_request_before_signing(request)
            canonical_request = self.canonical_request(request)
            string_to_sign = self.string_to_sign(request, canonical_request)
            signature = self.signature(string_to_sign, request)
            self._inject_signature_to_request(request, signature)

    return FixedTimeSigV4Auth, AWSRequest, ReadOnlyCredentials
