"""Tiny attrs models shaped like the generated ones, for the pure core tests."""

from __future__ import annotations

import datetime
import enum
import typing

import attrs


class Status(str, enum.Enum):
    CREATING = "Creating"
    IN_SERVICE = "InService"
    FAILED = "Failed"


@attrs.frozen(kw_only=True)
class Inner:
    count: int = attrs.field(metadata={"wire": "Count"})
    label: str | None = attrs.field(default=None, metadata={"wire": "Label"})
    weight: float | None = attrs.field(default=None, metadata={"wire": "Weight"})


@attrs.frozen(kw_only=True)
class Thing:
    """Input-like and output-like at once: required and optional members of every kind."""

    name: str = attrs.field(metadata={"wire": "ThingName"})
    status: Status | str | None = attrs.field(default=None, metadata={"wire": "ThingStatus"})
    created: datetime.datetime | None = attrs.field(default=None, metadata={"wire": "CreationTime"})
    items: list[Inner] | None = attrs.field(default=None, metadata={"wire": "Items"})
    tags: dict[str, str] | None = attrs.field(default=None, metadata={"wire": "Tags"})
    nested: Inner | None = attrs.field(default=None, metadata={"wire": "Nested"})
    enabled: bool | None = attrs.field(default=None, metadata={"wire": "Enabled"})
    failure_reason: str | None = attrs.field(default=None, metadata={"wire": "FailureReason"})
    next_token: str | None = attrs.field(default=None, metadata={"wire": "NextToken"})


@attrs.frozen(kw_only=True)
class Required:
    """Every member required, to exercise the zero values of a response missing them."""

    text: str = attrs.field(metadata={"wire": "Text"})
    number: int = attrs.field(metadata={"wire": "Number"})
    ratio: float = attrs.field(metadata={"wire": "Ratio"})
    flag: bool = attrs.field(metadata={"wire": "Flag"})
    when: datetime.datetime = attrs.field(metadata={"wire": "When"})
    status: Status | str = attrs.field(metadata={"wire": "Status"})
    values: list[int] = attrs.field(metadata={"wire": "Values"})
    mapping: dict[str, int] = attrs.field(metadata={"wire": "Mapping"})
    inner: Inner = attrs.field(metadata={"wire": "Inner"})


@attrs.frozen(kw_only=True)
class Variant:
    variant_name: str = attrs.field(metadata={"wire": "VariantName"})
    initial_instance_count: int = attrs.field(metadata={"wire": "InitialInstanceCount"})
    initial_variant_weight: float | None = attrs.field(
        default=None, metadata={"wire": "InitialVariantWeight"}
    )


@attrs.frozen(kw_only=True)
class CreateInput:
    config_name: str = attrs.field(metadata={"wire": "EndpointConfigName"})
    production_variants: list[Variant] = attrs.field(metadata={"wire": "ProductionVariants"})
    status: Status | str | None = attrs.field(default=None, metadata={"wire": "Status"})
    tags: dict[str, str] | None = attrs.field(default=None, metadata={"wire": "Tags"})
    nested: Inner | None = attrs.field(default=None, metadata={"wire": "Nested"})


@attrs.frozen(kw_only=True)
class ListInput:
    max_results: int | None = attrs.field(default=None, metadata={"wire": "MaxResults"})
    next_token: str | None = attrs.field(default=None, metadata={"wire": "NextToken"})


@attrs.frozen(kw_only=True)
class ListOutput:
    things: list[Thing] | None = attrs.field(default=None, metadata={"wire": "Things"})
    next_token: str | None = attrs.field(default=None, metadata={"wire": "NextToken"})


@attrs.frozen(kw_only=True)
class Summary:
    count: int | None = attrs.field(default=None, metadata={"wire": "Count"})


@attrs.frozen(kw_only=True)
class Group:
    summaries: list[Summary] | None = attrs.field(default=None, metadata={"wire": "Summaries"})


@attrs.frozen(kw_only=True)
class Fleet:
    groups: list[Group] | None = attrs.field(default=None, metadata={"wire": "Groups"})
    status: Status | str | None = attrs.field(default=None, metadata={"wire": "Status"})


# -- constraint metadata as the generator emits it (min, max, pattern, unions, idempotency) ----

ENDPOINT_NAME_PATTERN = "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"
"""SageMaker's EndpointName pattern as older botocore models spell it (anchored at the start)."""
NAME_PATTERN = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"
"""The same pattern as current botocore models spell it (no anchor)."""


@attrs.frozen(kw_only=True)
class Limits:
    """Members with botocore-style constraints, patterns taken from SageMaker's model."""

    name: str | None = attrs.field(
        default=None,
        metadata={"wire": "Name", "min": 1, "max": 63, "pattern": ENDPOINT_NAME_PATTERN},
    )
    job_name: str | None = attrs.field(
        default=None, metadata={"wire": "JobName", "max": 63, "pattern": NAME_PATTERN}
    )
    description: str | None = attrs.field(
        default=None, metadata={"wire": "Description", "max": 128, "pattern": ".*"}
    )
    role_arn: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "RoleArn",
            "min": 20,
            "max": 2048,
            "pattern": r"arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+",
        },
    )
    model_ref: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "ModelRef",
            "pattern": r"(arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:[a-z\-]*/)?"
            r"([a-zA-Z0-9]([a-zA-Z0-9\-]){0,62})(?<!-)",
        },
    )
    label: str | None = attrs.field(
        default=None,
        metadata={"wire": "Label", "max": 256, "pattern": r"[\p{L}\p{Z}\p{N}_.:/=+\-@]*"},
    )
    text: str | None = attrs.field(
        default=None,
        metadata={
            "wire": "Text",
            "max": 10,
            "pattern": r"[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\t]*",
        },
    )
    count: int | None = attrs.field(default=None, metadata={"wire": "Count", "min": 1, "max": 10})
    ratio: float | None = attrs.field(default=None, metadata={"wire": "Ratio", "min": 0, "max": 1})
    blob: bytes | None = attrs.field(default=None, metadata={"wire": "Blob", "max": 4})
    variants: list[Variant] | None = attrs.field(
        default=None, metadata={"wire": "Variants", "min": 1, "max": 2}
    )
    tags: dict[str, str] | None = attrs.field(default=None, metadata={"wire": "Tags", "max": 1})
    status: Status | str | None = attrs.field(
        default=None, metadata={"wire": "Status", "min": 1, "max": 20}
    )


@attrs.frozen(kw_only=True)
class Source:
    """A union: exactly one member must be set."""

    _union: typing.ClassVar[bool] = True

    s3_uri: str | None = attrs.field(default=None, metadata={"wire": "S3Uri", "min": 1})
    inner: Inner | None = attrs.field(default=None, metadata={"wire": "Inner"})
    names: list[str] | None = attrs.field(default=None, metadata={"wire": "Names"})


@attrs.frozen(kw_only=True)
class WithSource:
    source: Source = attrs.field(metadata={"wire": "Source"})
    sources: list[Source] | None = attrs.field(default=None, metadata={"wire": "Sources"})


@attrs.frozen(kw_only=True)
class Expression:
    """A recursive shape, like SageMaker's SearchExpression."""

    name: str | None = attrs.field(default=None, metadata={"wire": "Name", "max": 3})
    children: list[Expression] | None = attrs.field(default=None, metadata={"wire": "Children"})


@attrs.frozen(kw_only=True)
class CreateWithToken:
    """An input with an idempotency token, like SageMaker's CreateModelPackage."""

    name: str = attrs.field(metadata={"wire": "Name"})
    client_token: str | None = attrs.field(
        default=None, metadata={"wire": "ClientToken", "idempotency_token": True, "max": 36}
    )
