"""Tiny attrs models shaped like the generated ones, for the pure core tests."""

from __future__ import annotations

import datetime
import enum

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
