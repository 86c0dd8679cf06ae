from __future__ import annotations

import datetime

from core_models import CreateInput, Inner, Status, Thing, Variant

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
