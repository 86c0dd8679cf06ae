"""The generated models' shared ``==``, ``hash`` and ``repr`` behave as attrs' own would."""

from __future__ import annotations

import pickle

import attrs

from sagemaker_client._core.model import ServiceModel
from sagemaker_client.models import (
    EndpointStatus,
    MetricDefinition,
    OidcConfig,
    ProductionVariant,
    Tag,
)


@attrs.frozen(kw_only=True)
class PlainTag:
    """attrs' own methods, for comparison with the generated Tag."""

    key: str
    value: str


def test_generated_models_use_the_shared_methods():
    assert issubclass(Tag, ServiceModel)
    assert "__eq__" not in vars(Tag) and "__repr__" not in vars(Tag)


def test_repr_matches_attrs():
    tag = Tag(key="team", value="ml")
    assert repr(tag) == repr(PlainTag(key="team", value="ml")).replace("PlainTag", "Tag")
    variant = ProductionVariant(variant_name="v", initial_instance_count=1)
    assert repr(variant).startswith("ProductionVariant(variant_name='v', model_name=None, ")


def test_sensitive_members_are_redacted_in_repr():
    config = OidcConfig(
        client_id="id",
        client_secret="s3cr3t",
        issuer="https://issuer",
        authorization_endpoint="https://a",
        token_endpoint="https://t",
        user_info_endpoint="https://u",
        logout_endpoint="https://l",
        jwks_uri="https://j",
    )
    assert "s3cr3t" not in repr(config)
    assert "client_secret=<redacted>" in repr(config)


def test_equality_and_hash_are_field_wise():
    a = MetricDefinition(name="loss", regex="loss=(.*)")
    b = MetricDefinition(name="loss", regex="loss=(.*)")
    assert a == b and hash(a) == hash(b) and {a: 1}[b] == 1
    assert a != MetricDefinition(name="acc", regex="loss=(.*)")
    assert a != ("loss", "loss=(.*)")
    assert Tag(key="k", value="v") != PlainTag(key="k", value="v")
    assert ProductionVariant(variant_name="v", instance_type=EndpointStatus.IN_SERVICE) == (
        ProductionVariant(variant_name="v", instance_type="InService")
    )


def test_evolve_and_pickle_keep_working():
    a = MetricDefinition(name="loss", regex="x")
    assert attrs.evolve(a, name="acc") == MetricDefinition(name="acc", regex="x")
    assert pickle.loads(pickle.dumps(a)) == a
