"""What a call tells the ``sagemaker_client`` logger, with secrets redacted.

The package logger has only a ``NullHandler``: nothing is printed unless the application
configures logging (or sets ``SAGEMAKER_CLIENT_LOG``). Attempts, responses and retries are logged
at DEBUG, a clock-skew correction at INFO. Request and response bodies are never logged, at any
level: they can hold the caller's own secrets (a model's environment, a notebook's lifecycle
script); their sizes are. ``Authorization`` and ``X-Amz-Security-Token`` are always redacted.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from sagemaker_client._core.http import HttpRequest, HttpResponse, TransportFailure
from sagemaker_client._core.redact import REDACTED

logger = logging.getLogger("sagemaker_client")

REDACTED_HEADERS = frozenset({"authorization", "x-amz-security-token"})


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """``headers`` with the signature and the session token replaced by ``<redacted>``."""
    return {
        name: REDACTED if name.lower() in REDACTED_HEADERS else value
        for name, value in headers.items()
    }


def log_request(operation: str, attempt: int, max_attempts: int, request: HttpRequest) -> None:
    """DEBUG: the attempt about to be sent (headers redacted, body size only)."""
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "%s attempt %d/%d: %s %s headers=%s body=%d bytes",
            operation,
            attempt,
            max_attempts,
            request.method,
            request.url,
            redact_headers(request.headers),
            len(request.body),
        )


def log_outcome(
    operation: str, attempt: int, outcome: HttpResponse | TransportFailure | object
) -> None:
    """DEBUG: how the attempt ended (status, request id and body size, or the failure)."""
    if not logger.isEnabledFor(logging.DEBUG):
        return
    if isinstance(outcome, HttpResponse):
        logger.debug(
            "%s attempt %d: HTTP %d, request id %s, body=%d bytes",
            operation,
            attempt,
            outcome.status_code,
            outcome.request_id,
            len(outcome.body),
        )
    elif isinstance(outcome, TransportFailure):
        logger.debug("%s attempt %d: %s", operation, attempt, outcome.message)
