"""One lazily created botocore session per client, for the credential chain and profile config.

botocore is imported only when a client needs it (no region or credentials given directly).
"""

from __future__ import annotations

import threading
from typing import Any

from sagemaker_client._core.errors import ConfigurationError


class LazyBotocoreSession:
    """Creates ``botocore.session.Session(profile=...)`` on first use, once, thread-safely."""

    def __init__(self, profile: str | None) -> None:
        self.profile = profile
        self._session: Any = None
        self._lock = threading.Lock()

    def get(self) -> Any:
        """The botocore session (creating it on first use)."""
        if self._session is None:
            with self._lock:
                if self._session is None:
                    self._session = self._create()
        return self._session

    def region(self) -> str | None:
        """The region the profile's config names, if any."""
        try:
            region = self.get().get_config_variable("region")
        except ConfigurationError:
            raise
        except Exception as exc:
            raise ConfigurationError(f"cannot read the AWS config: {exc}") from None
        return str(region) if region else None

    def _create(self) -> Any:
        import botocore.session
        from botocore.exceptions import ProfileNotFound

        session = botocore.session.Session(profile=self.profile)
        if self.profile is not None:
            try:
                session.get_scoped_config()
            except ProfileNotFound:
                raise ConfigurationError(
                    f"profile {self.profile!r} is not in the AWS config or credentials files"
                ) from None
        return session
