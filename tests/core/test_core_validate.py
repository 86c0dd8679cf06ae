from __future__ import annotations

import datetime

import attrs
import pytest
from core_models import (
    ENDPOINT_NAME_PATTERN,
    NAME_PATTERN,
    CreateInput,
    CreateWithToken,
    Expression,
    Inner,
    Limits,
    Source,
    Status,
    Thing,
    Variant,
    WithSource,
)

from sagemaker_client._core import validate
from sagemaker_client._core.validate import find_problems


def variant(**overrides):
    values = {"variant_name": "v", "initial_instance_count": 1}
    values.update(overrides)
    return Variant(**values)


def test_valid_model_has_no_problems():
    params = CreateInput(
        config_name="c",
        production_variants=[variant(initial_variant_weight=0.5)],
        status=Status.CREATING,
        tags={"k": "v"},
        nested=Inner(count=1),
    )
    assert find_problems(params) == []


def test_wrong_type_in_list_item_is_named_by_path():
    params = CreateInput(
        config_name="c", production_variants=[variant(), variant(initial_instance_count="1")]
    )
    assert find_problems(params) == [
        "production_variants[1].initial_instance_count: expected int, got str"
    ]


def test_every_problem_is_listed():
    params = CreateInput(
        config_name=3,
        production_variants=[variant(initial_instance_count="1", variant_name=None)],
        tags={"k": 1},
    )
    problems = find_problems(params)
    assert "config_name: expected str, got int" in problems
    assert "production_variants[0].initial_instance_count: expected int, got str" in problems
    assert "production_variants[0].variant_name: is required" in problems
    assert any(p.startswith("tags['k']: expected str") for p in problems)
    assert len(problems) == 4


def test_required_top_level_member_explicitly_none():
    assert find_problems(CreateInput(config_name=None, production_variants=[])) == [
        "config_name: is required"
    ]


def test_required_nested_member_explicitly_none():
    params = CreateInput(config_name="c", production_variants=[], nested=Inner(count=None))
    assert find_problems(params) == ["nested.count: is required"]


def test_bool_is_rejected_for_int():
    problems = find_problems(
        CreateInput(config_name="c", production_variants=[variant(initial_instance_count=True)])
    )
    assert problems == ["production_variants[0].initial_instance_count: expected int, got bool"]


def test_int_is_accepted_for_float_but_bool_is_not():
    ok = CreateInput(config_name="c", production_variants=[variant(initial_variant_weight=2)])
    bad = CreateInput(config_name="c", production_variants=[variant(initial_variant_weight=False)])
    assert find_problems(ok) == []
    assert len(find_problems(bad)) == 1
    assert find_problems(bad)[0].startswith("production_variants[0].initial_variant_weight:")


def test_enum_or_str_accepts_both_and_rejects_others():
    assert find_problems(CreateInput(config_name="c", production_variants=[], status="New")) == []
    assert (
        find_problems(CreateInput(config_name="c", production_variants=[], status=Status.FAILED))
        == []
    )
    problems = find_problems(CreateInput(config_name="c", production_variants=[], status=5))
    assert len(problems) == 1
    assert problems[0].startswith("status: expected")
    assert problems[0].endswith("got int")


def test_dict_keys_must_be_strings():
    problems = find_problems(CreateInput(config_name="c", production_variants=[], tags={1: "v"}))
    assert "tags: keys must be strings, got int" in problems


def test_list_and_dict_and_model_container_types():
    assert find_problems(CreateInput(config_name="c", production_variants="x")) == [
        "production_variants: expected a list, got str"
    ]
    assert find_problems(CreateInput(config_name="c", production_variants=[], tags=["k"])) == [
        "tags: expected a dict, got list"
    ]
    assert find_problems(CreateInput(config_name="c", production_variants=[{"x": 1}])) == [
        "production_variants[0]: expected Variant, got dict"
    ]


def test_tuple_accepted_as_list():
    assert find_problems(CreateInput(config_name="c", production_variants=(variant(),))) == []


def test_datetime_member():
    ok = Thing(name="a", created=datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc))
    bad = Thing(name="a", created="2024-01-01")
    assert find_problems(ok) == []
    assert find_problems(bad) == ["created: expected datetime, got str"]


# -- constraints from the model: min, max, pattern, unions ------------------------------------


@pytest.mark.parametrize(
    "name",
    ["a", "my-endpoint", "A1--b2", "x" * 63, "0"],
)
def test_real_sagemaker_name_pattern_accepts_valid_names(name):
    assert find_problems(Limits(name=name, job_name=name)) == []


@pytest.mark.parametrize(
    "name",
    # What SageMaker itself rejects: its validators match the whole value.
    ["my_endpoint", "-leading", "trailing-", "has space", "ünïcode", "ok!"],
)
def test_real_sagemaker_name_pattern_rejects_what_the_service_rejects(name):
    problems = find_problems(Limits(name=name, job_name=name))
    assert problems == [
        f"name: does not match the pattern {ENDPOINT_NAME_PATTERN!r}",
        f"job_name: does not match the pattern {NAME_PATTERN!r}",
    ]


def limits_pattern(member):
    return attrs.fields_dict(Limits)[member].metadata["pattern"]


def test_problem_never_echoes_the_value():
    secret = "hunter2_not-a-name"
    (problem,) = find_problems(Limits(job_name=secret))
    assert secret not in problem


@pytest.mark.parametrize("text", ["", "anything at all", "multi\nline\r\ntext", "\x00"])
def test_dot_star_accepts_everything(text):
    assert find_problems(Limits(description=text)) == []


def test_arn_pattern_and_lookbehind():
    good = "arn:aws:iam::123456789012:role/service-role/MyRole"
    assert find_problems(Limits(role_arn=good)) == []
    assert find_problems(Limits(role_arn="arn:aws:iam::1234:role/x-long-enough")) == [
        f"role_arn: does not match the pattern {limits_pattern('role_arn')!r}"
    ]
    assert find_problems(Limits(model_ref="my-model")) == []
    assert (
        find_problems(Limits(model_ref="arn:aws:sagemaker:us-east-1:123456789012:model/my-model"))
        == []
    )
    # (?<!-) only means "does not end with a dash" when the whole value must match
    assert len(find_problems(Limits(model_ref="my-model-"))) == 1


def test_java_only_patterns_are_skipped_and_cached():
    assert find_problems(Limits(label="any thing: ünïcode ☃")) == []
    assert validate._compiled_pattern(limits_pattern("label")) is None
    assert limits_pattern("label") in validate._PATTERNS


def test_utf16_surrogate_patterns_are_skipped():
    # Java's idiom for "any character": Python would reject the emoji
    assert find_problems(Limits(text="🙂 ok")) == []


def test_string_length_counts_characters():
    assert find_problems(Limits(name="")) == ["name: must have at least 1 characters, got 0"]
    assert find_problems(Limits(name="a" * 64)) == ["name: must have at most 63 characters, got 64"]
    assert find_problems(Limits(description="é" * 128)) == []


def test_length_problem_skips_the_pattern_check():
    assert find_problems(Limits(name="_" * 64)) == ["name: must have at most 63 characters, got 64"]


def test_numeric_bounds():
    assert find_problems(Limits(count=1, ratio=0)) == []
    assert find_problems(Limits(count=10, ratio=1.0)) == []
    assert find_problems(Limits(count=0, ratio=1.5)) == [
        "count: must be >= 1, got 0",
        "ratio: must be <= 1, got 1.5",
    ]
    assert find_problems(Limits(count=11, ratio=-0.1)) == [
        "count: must be <= 10, got 11",
        "ratio: must be >= 0, got -0.1",
    ]


def test_bytes_list_dict_and_enum_lengths():
    assert find_problems(Limits(blob=b"1234")) == []
    assert find_problems(Limits(blob=b"12345")) == ["blob: must have at most 4 bytes, got 5"]
    assert find_problems(Limits(variants=[])) == ["variants: must have at least 1 items, got 0"]
    assert find_problems(Limits(variants=[variant()] * 3)) == [
        "variants: must have at most 2 items, got 3"
    ]
    assert find_problems(Limits(tags={"a": "1", "b": "2"})) == [
        "tags: must have at most 1 entries, got 2"
    ]
    assert find_problems(Limits(status=Status.IN_SERVICE)) == []
    assert find_problems(Limits(status="")) == ["status: must have at least 1 characters, got 0"]


def test_constraints_only_after_the_type_is_right():
    assert find_problems(Limits(count="5", name=5)) == [
        "name: expected str, got int",
        "count: expected int, got str",
    ]


def test_constraints_inside_nested_lists():
    params = WithSource(source=Source(s3_uri="s3://b"), sources=[Source(s3_uri="")])
    assert find_problems(params) == ["sources[0].s3_uri: must have at least 1 characters, got 0"]


def test_union_exactly_one_member():
    assert find_problems(WithSource(source=Source(inner=Inner(count=1)))) == []
    assert find_problems(WithSource(source=Source())) == [
        "source: exactly one member of the union must be set, got none"
    ]
    assert find_problems(
        WithSource(source=Source(s3_uri="s3://b", names=["a"]), sources=[Source()])
    ) == [
        "source: exactly one member of the union must be set, got 2 (s3_uri, names)",
        "sources[0]: exactly one member of the union must be set, got none",
    ]


def test_union_member_problems_are_still_listed():
    assert find_problems(WithSource(source=Source(inner=Inner(count=None)))) == [
        "source.inner.count: is required"
    ]


def test_recursive_shapes():
    tree = Expression(name="a", children=[Expression(children=[Expression(name="long")])])
    assert find_problems(tree) == [
        "children[0].children[0].name: must have at most 3 characters, got 4"
    ]


def test_none_inside_lists_and_dicts():
    assert find_problems(Limits(variants=[None])) == ["variants[0]: must not be None"]
    assert find_problems(Limits(tags={"k": None})) == ["tags['k']: must not be None"]


def test_idempotency_token_metadata_is_a_plain_constraint_here():
    assert find_problems(CreateWithToken(name="n")) == []
    assert find_problems(CreateWithToken(name="n", client_token="x" * 37)) == [
        "client_token: must have at most 36 characters, got 37"
    ]


def test_plans_are_cached_per_class():
    find_problems(Limits(name="a"))
    plan = validate._PLANS[Limits]
    find_problems(Limits(name="b"))
    assert validate._PLANS[Limits] is plan


@attrs.frozen(kw_only=True)
class Network:
    group_ids: list[str] = attrs.field(
        metadata={
            "wire": "GroupIds",
            "min": 1,
            "max": 3,
            "items": {"min": 1, "max": 8, "pattern": "[-0-9a-z]+"},
        }
    )
    environment: dict[str, str] | None = attrs.field(
        default=None,
        metadata={
            "wire": "Environment",
            "keys": {"max": 4, "pattern": "[A-Z_]+"},
            "values": {"max": 5},
        },
    )


def test_list_items_and_map_keys_and_values_follow_their_constraints():
    assert find_problems(Network(group_ids=["sg-1"], environment={"KEY": "value"})) == []
    problems = find_problems(
        Network(group_ids=["sg-1", "SG_2", "sg-123456789", ""], environment={"bad": "toolong"})
    )
    assert problems == [
        "group_ids[1]: does not match the pattern '[-0-9a-z]+'",
        "group_ids[2]: must have at most 8 characters, got 12",
        "group_ids[3]: must have at least 1 characters, got 0",
        "group_ids: must have at most 3 items, got 4",
        "environment key 'bad': does not match the pattern '[A-Z_]+'",
        "environment['bad']: must have at most 5 characters, got 7",
    ]


def test_generated_models_carry_item_constraints():
    from sagemaker_client.models import VpcConfig

    problems = find_problems(VpcConfig(security_group_ids=["sg-1", "no spaces"], subnets=["s-1"]))
    assert problems == ["security_group_ids[1]: does not match the pattern '[-0-9a-zA-Z]+'"]
