"""Lazy, thread-safe, refresh-aware credentials over botocore's standard chain.

Explicit keys win; otherwise botocore's chain (environment, shared files, profiles, SSO,
container, IMDS) is resolved on the first call, not at construction. botocore's refreshable
credentials refresh themselves (under their own lock) when they near expiry; ``cached`` tells the
async driver whether it can sign without a possibly blocking refresh.
"""

from __future__ import annotations

import threading
from typing import Any

from sagemaker_client._core.errors import ConfigurationError, NoCredentialsError
from sagemaker_client._core.signing import Credentials
from sagemaker_client._session import LazyBotocoreSession


class CredentialResolver:
    """Where a client's credentials come from; ``repr`` never shows a secret."""

    def __init__(
        self,
        *,
        access_key: str | None,
        secret_key: str | None,
        token: str | None,
        session: LazyBotocoreSession,
    ) -> None:
        if (access_key is None) != (secret_key is None):
            raise ConfigurationError(
                "aws_access_key_id and aws_secret_access_key must be given together"
            )
        self._static = (
            Credentials(access_key, secret_key, token)
            if access_key is not None and secret_key is not None
            else None
        )
        self._session = session
        self._chain: Any = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        source = (
            "explicit keys"
            if self._static
            else f"botocore chain (profile={self._session.profile!r})"
        )
        return f"CredentialResolver({source})"

    def cached(self) -> Credentials | None:
        """Credentials available without I/O, or None when resolving or refreshing is due."""
        if self._static is not None:
            return self._static
        chain = self._chain
        if chain is None:
            return None
        refresh_needed = getattr(chain, "refresh_needed", None)
        if callable(refresh_needed) and refresh_needed():
            return None
        return self._freeze(chain)

    def resolve(self) -> Credentials:
        """Credentials to sign with, resolving or refreshing them if needed (may block)."""
        if self._static is not None:
            return self._static
        if self._chain is None:
            with self._lock:
                if self._chain is None:
                    self._chain = self._load_chain()
        return self._freeze(self._chain)

    def _load_chain(self) -> Any:
        try:
            chain = self._session.get().get_credentials()
        except ConfigurationError:
            raise
        except Exception as exc:
            raise NoCredentialsError(f"could not load AWS credentials: {exc}") from None
        if chain is None:
            raise NoCredentialsError(
                "no AWS credentials found: pass aws_access_key_id and aws_secret_access_key, "
                "set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or configure a profile"
            )
        return chain

    @staticmethod
    def _freeze(chain: Any) -> Credentials:
        try:
            frozen = chain.get_frozen_credentials()
        except Exception as exc:
            raise NoCredentialsError(f"could not refresh AWS credentials: {exc}") from None
        if not frozen.access_key or not frozen.secret_key:
            raise NoCredentialsError("the AWS credentials found are incomplete")
        return Credentials(frozen.access_key, frozen.secret_key, frozen.token or None)
