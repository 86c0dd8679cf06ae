"""Every error sagemaker_client raises; all derive from ``SageMakerError``.

- ``ServiceError``: the service answered with an error. ``code``, ``message``, ``status_code``,
  ``request_id`` and ``operation`` say which; a subclass exists per known code
  (``ResourceNotFound``, ``ValidationException``...), unknown codes give a plain ``ServiceError``.
- ``ParamValidationError``: the input was rejected before anything was sent.
- ``TransportError`` (``ConnectionFailedError``, ``RequestTimeoutError``): no response after
  the retries.
- ``ResponseParseError``: a response body that is not the JSON the model promises.
- ``WaiterError``: a waiter reached a failure state, ran out of attempts or time.
- ``NoRegionError``, ``NoCredentialsError``, ``ConfigurationError``: the client's set-up.
- ``ClientClosedError``: a call on a closed client.
- ``PaginationError``: the service repeated a page token.
"""

from sagemaker_client._core.errors import (
    AccessDeniedException,
    ClientClosedError,
    ConfigurationError,
    ConnectionFailedError,
    ExpiredTokenException,
    InternalFailure,
    InvalidSignatureException,
    NoCredentialsError,
    NoRegionError,
    PaginationError,
    ParamValidationError,
    RequestTimeoutError,
    ResponseParseError,
    SageMakerError,
    ServiceError,
    ServiceUnavailable,
    ThrottlingException,
    TransportError,
    UnrecognizedClientException,
    ValidationException,
    WaiterError,
)
from sagemaker_client._generated.errors import (
    ConflictException,
    ResourceAlreadyExists,
    ResourceInUse,
    ResourceLimitExceeded,
    ResourceNotFound,
)

__all__ = [
    "AccessDeniedException",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictException",
    "ConnectionFailedError",
    "ExpiredTokenException",
    "InternalFailure",
    "InvalidSignatureException",
    "NoCredentialsError",
    "NoRegionError",
    "PaginationError",
    "ParamValidationError",
    "RequestTimeoutError",
    "ResourceAlreadyExists",
    "ResourceInUse",
    "ResourceLimitExceeded",
    "ResourceNotFound",
    "ResponseParseError",
    "SageMakerError",
    "ServiceError",
    "ServiceUnavailable",
    "ThrottlingException",
    "TransportError",
    "UnrecognizedClientException",
    "ValidationException",
    "WaiterError",
]
