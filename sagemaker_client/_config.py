"""Immutable client settings, resolved once from arguments and the environment."""

from __future__ import annotations

import logging
import os
import platform
import re
import sys
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple, Union
from urllib.parse import urlsplit

from sagemaker_client._core.errors import ConfigurationError, NoRegionError
from sagemaker_client._core.http import Timeouts
from sagemaker_client._session import LazyBotocoreSession
from sagemaker_client._version import __version__

if TYPE_CHECKING:
    import httpx

TimeoutSetting = Union[float, "httpx.Timeout", None]
"""Seconds for connect, read, write and pool alike, an ``httpx.Timeout``, or None for none."""

DEFAULT_TIMEOUT = 60.0
_REGION_PATTERN = re.compile(r"^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$")


class ClientConfig(NamedTuple):
    """What a client was configured with (never any credential)."""

    region: str
    endpoint_url: str
    timeout: TimeoutSetting
    max_attempts: int
    validate: bool
    user_agent: str


def resolve_config(
    *,
    region: str | None,
    endpoint_url: str | None,
    timeout: TimeoutSetting,
    max_attempts: int,
    validate: bool,
    session: LazyBotocoreSession,
    environ: Mapping[str, str] | None = None,
) -> ClientConfig:
    """Settings from the arguments, else the environment, else the profile's config."""
    env = os.environ if environ is None else environ
    resolved_region = _resolve_region(region, env, session)
    return ClientConfig(
        region=resolved_region,
        endpoint_url=_resolve_endpoint(endpoint_url, env, resolved_region),
        timeout=_check_timeout(timeout),
        max_attempts=_check_max_attempts(max_attempts),
        validate=validate,
        user_agent=f"sagemaker-client/{__version__} python/{platform.python_version()}",
    )


def _resolve_region(
    region: str | None, env: Mapping[str, str], session: LazyBotocoreSession
) -> str:
    found = region or env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or session.region()
    if not found:
        raise NoRegionError(
            "no AWS region: pass region=..., set AWS_REGION or AWS_DEFAULT_REGION, "
            "or name one in your AWS config profile"
        )
    if not _REGION_PATTERN.match(found):
        raise ConfigurationError(f"region {found!r} is not a valid AWS region name")
    return found


def _resolve_endpoint(endpoint_url: str | None, env: Mapping[str, str], region: str) -> str:
    url = (
        endpoint_url
        or env.get("AWS_ENDPOINT_URL_SAGEMAKER")
        or env.get("AWS_ENDPOINT_URL")
        or f"https://api.sagemaker.{region}.amazonaws.com"
    )
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(f"endpoint_url {url!r} is not an http:// or https:// URL")
    return url.rstrip("/")


def to_timeouts(setting: TimeoutSetting) -> Timeouts:
    """The per-phase timeouts of a client setting (a number or None applies to every phase).

    An ``httpx.Timeout`` is recognised without importing httpx: whoever built one has imported it.
    """
    if setting is None or isinstance(setting, int | float):
        seconds = None if setting is None else float(setting)
        return Timeouts(connect=seconds, read=seconds, write=seconds, pool=seconds)
    return Timeouts(
        connect=setting.connect, read=setting.read, write=setting.write, pool=setting.pool
    )


def derive_config(
    config: ClientConfig, *, timeout: TimeoutSetting, max_attempts: int | None
) -> ClientConfig:
    """``config`` with another timeout and/or max_attempts (None keeps the current one)."""
    return config._replace(
        timeout=config.timeout if timeout is None else _check_timeout(timeout),
        max_attempts=(
            config.max_attempts if max_attempts is None else _check_max_attempts(max_attempts)
        ),
    )


LOG_ENV = "SAGEMAKER_CLIENT_LOG"
_LOG_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}
_log_lock = threading.Lock()


class _EnvLogHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The stderr handler ``SAGEMAKER_CLIENT_LOG`` adds (told apart from the application's)."""


def configure_logging(environ: Mapping[str, str] | None = None) -> None:
    """Honour ``SAGEMAKER_CLIENT_LOG=debug|info|warning``: log the package to stderr at that level.

    Called when a client is created, never on import; the handler is added once per process.
    Without the variable, logging is left entirely to the application.
    """
    value = (os.environ if environ is None else environ).get(LOG_ENV, "").strip().lower()
    if not value:
        return
    level = _LOG_LEVELS.get(value)
    if level is None:
        raise ConfigurationError(
            f"{LOG_ENV}={value!r} is not a log level; use one of: {', '.join(_LOG_LEVELS)}"
        )
    package_logger = logging.getLogger("sagemaker_client")
    with _log_lock:
        if any(isinstance(handler, _EnvLogHandler) for handler in package_logger.handlers):
            return
        handler = _EnvLogHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        package_logger.addHandler(handler)
        package_logger.setLevel(level)


def _check_timeout(timeout: TimeoutSetting) -> TimeoutSetting:
    if timeout is None or _is_httpx_timeout(timeout):
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise ConfigurationError(
            "timeout must be a number of seconds, an httpx.Timeout or None, "
            f"got {type(timeout).__name__} {timeout!r}"
        )
    if not timeout > 0:
        raise ConfigurationError(f"timeout must be a positive number of seconds, got {timeout!r}")
    return timeout


def _is_httpx_timeout(value: object) -> bool:
    """Whether ``value`` is an ``httpx.Timeout``; httpx is imported if one exists at all."""
    httpx = sys.modules.get("httpx")
    return httpx is not None and isinstance(value, httpx.Timeout)


def _check_max_attempts(max_attempts: int) -> int:
    if isinstance(max_attempts, bool) or not isinstance(max_attempts, int) or max_attempts < 1:
        raise ConfigurationError(f"max_attempts must be an integer >= 1, got {max_attempts!r}")
    return max_attempts
