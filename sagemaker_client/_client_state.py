"""What a sync or an async client holds besides its HTTP client: settings, credentials, quota."""

from __future__ import annotations

import copy
import datetime
import random
import uuid
from collections.abc import Mapping
from typing import Any, TypeVar

from sagemaker_client._config import (
    ClientConfig,
    TimeoutSetting,
    configure_logging,
    derive_config,
    resolve_config,
    to_timeouts,
)
from sagemaker_client._core.clock import ClockSkew
from sagemaker_client._core.errors import ServiceError
from sagemaker_client._core.flow import CallContext
from sagemaker_client._core.http import Timeouts
from sagemaker_client._core.retry import RetryQuota
from sagemaker_client._credentials import CredentialResolver
from sagemaker_client._session import LazyBotocoreSession

_Settings = TypeVar("_Settings", bound="ClientSettings")


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def _new_invocation_id() -> str:
    return str(uuid.uuid4())


class ClientState:
    """Resolved configuration and the per-client objects every call shares."""

    def __init__(
        self,
        *,
        region: str | None,
        endpoint_url: str | None,
        aws_access_key_id: str | None,
        aws_secret_access_key: str | None,
        aws_session_token: str | None,
        profile: str | None,
        timeout: TimeoutSetting,
        max_attempts: int,
        validate: bool,
        modeled_errors: Mapping[str, type[ServiceError]],
    ) -> None:
        configure_logging()
        session = LazyBotocoreSession(profile)
        self.config: ClientConfig = resolve_config(
            region=region,
            endpoint_url=endpoint_url,
            timeout=timeout,
            max_attempts=max_attempts,
            validate=validate,
            session=session,
        )
        self.credentials = CredentialResolver(
            access_key=aws_access_key_id,
            secret_key=aws_secret_access_key,
            token=aws_session_token,
            session=session,
        )
        self.timeouts: Timeouts = to_timeouts(self.config.timeout)
        self.quota = RetryQuota()
        self.clock_skew = ClockSkew()
        self.context = CallContext(
            region=self.config.region,
            endpoint_url=self.config.endpoint_url,
            user_agent=self.config.user_agent,
            max_attempts=self.config.max_attempts,
            quota=self.quota,
            modeled_errors=modeled_errors,
            now=_utc_now,
            random=random.random,
            new_invocation_id=_new_invocation_id,
            validate=self.config.validate,
            read_timeout=self.timeouts.read,
            clock_skew=self.clock_skew,
        )

    def derive(self, *, timeout: TimeoutSetting, max_attempts: int | None) -> ClientState:
        """The same credentials, retry quota and clock skew with other per-call options."""
        derived = copy.copy(self)
        derived.config = derive_config(self.config, timeout=timeout, max_attempts=max_attempts)
        derived.timeouts = to_timeouts(derived.config.timeout)
        derived.context = self.context._replace(
            max_attempts=derived.config.max_attempts,
            read_timeout=derived.timeouts.read,
        )
        return derived

    def describe(self, class_name: str) -> str:
        """The client's repr: where it sends requests, never its credentials."""
        return (
            f"{class_name}(region={self.config.region!r}, "
            f"endpoint_url={self.config.endpoint_url!r}, credentials={self.credentials!r})"
        )


class ClientSettings:
    """Read-only facts about a configured client, shared by the sync and the async client."""

    _state: ClientState
    _http: Any
    _owns_http: bool
    _closed: bool

    def _http_client(self) -> Any:
        raise NotImplementedError

    def with_options(
        self: _Settings,
        *,
        timeout: TimeoutSetting = None,
        max_attempts: int | None = None,
    ) -> _Settings:
        """A client with another timeout and/or max_attempts for the calls made through it.

        It shares this client's connection pool, credentials, retry quota and clock-skew
        correction, so it is cheap to make per call:
        ``client.with_options(timeout=5).describe_endpoint(...)``. An argument left as None
        keeps this client's value (``httpx.Timeout(None)`` turns timeouts off). Closing the
        derived client leaves the shared pool open; closing this one closes it for both.
        """
        state = self._state.derive(timeout=timeout, max_attempts=max_attempts)
        pool = self._http_client()  # created now, so the two clients share one pool
        derived = copy.copy(self)
        derived._state = state
        derived._http = pool
        derived._owns_http = False
        derived._closed = False
        return derived

    @property
    def region(self) -> str:
        """The AWS region requests are signed for."""
        return self._state.config.region

    @property
    def endpoint_url(self) -> str:
        """The URL requests are sent to."""
        return self._state.config.endpoint_url

    def __repr__(self) -> str:
        return self._state.describe(type(self).__name__)
