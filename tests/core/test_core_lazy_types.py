"""Nested models and enums load only when data holds them (``_core/types.py``).

The generated modules import nested classes for type checkers only. What gets imported is a
property of a whole process, so the tests that count modules run in a fresh interpreter each.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import typing
from pathlib import Path

import attrs
import pytest
from core_models import Inner, Thing

from sagemaker_client._core import types
from sagemaker_client._core.serde import from_wire, to_wire
from sagemaker_client._core.validate import find_problems
from sagemaker_client._generated import models as index
from sagemaker_client.models import resolve_types

ROOT = Path(__file__).resolve().parents[2]

PRELUDE = """
import sys

PREFIX = "sagemaker_client._generated.models."


def loaded(*names):
    return {name for name in names if PREFIX + name in sys.modules}
"""


def run(script: str) -> None:
    """Run ``script`` in a fresh interpreter with the repository first on the path."""
    done = subprocess.run(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def test_a_response_loads_only_the_nested_classes_its_body_holds():
    run(
        """
        from benchmarks.bodies import describe_training_job
        from sagemaker_client._core.serde import from_wire
        from sagemaker_client._generated.models.describe_training_job_response import (
            DescribeTrainingJobResponse,
        )

        body = describe_training_job()
        assert "InstanceType" not in body["ProfilerRuleConfigurations"][0]
        assert "VpcConfig" not in body and "CheckpointConfig" not in body
        first = from_wire(DescribeTrainingJobResponse, body)
        absent = ("processing_instance_type", "vpc_config", "checkpoint_config")
        assert loaded(*absent) == set(), loaded(*absent)
        assert loaded("profiler_rule_configuration", "training_job_status") == {
            "profiler_rule_configuration",
            "training_job_status",
        }
        assert first.profiler_rule_configurations[0].instance_type is None
        count = sum(1 for name in sys.modules if name.startswith(PREFIX))
        assert count < 40, count  # 63 when every module imported its nested classes

        # A later body that holds them: the same compiled functions import them now.
        rules = body["ProfilerRuleConfigurations"]
        rules[0]["InstanceType"] = "ml.m5.xlarge"
        rules.append({**rules[0], "InstanceType": "ml.future.type"})
        body["VpcConfig"] = {"SecurityGroupIds": ["sg-1"], "Subnets": ["subnet-1"]}
        second = from_wire(DescribeTrainingJobResponse, body)
        assert loaded(*absent) == {"processing_instance_type", "vpc_config"}

        from sagemaker_client.models import ProcessingInstanceType, VpcConfig

        parsed = second.profiler_rule_configurations
        assert parsed[0].instance_type is ProcessingInstanceType.ML_M5_XLARGE
        assert parsed[1].instance_type == "ml.future.type"
        assert type(parsed[1].instance_type) is str
        assert second.vpc_config == VpcConfig(security_group_ids=["sg-1"], subnets=["subnet-1"])
        assert type(second.vpc_config) is VpcConfig
        """
    )


def test_deferred_members_keep_zero_values_lists_maps_and_errors():
    run(
        """
        import datetime

        from sagemaker_client._core.serde import ShapeMismatchError, from_wire, to_wire
        from sagemaker_client._generated.models.describe_trial_component_response import (
            DescribeTrialComponentResponse,
        )
        from sagemaker_client._generated.models.describe_training_job_response import (
            DescribeTrainingJobResponse,
        )

        # Required members missing from the body: "" for the enum, empty models for structures.
        empty = from_wire(DescribeTrainingJobResponse, {})
        assert empty.training_job_status == "" and empty.secondary_status == ""
        from sagemaker_client.models import ModelArtifacts, StoppingCondition

        assert empty.model_artifacts == ModelArtifacts(s3_model_artifacts="")
        assert type(empty.stopping_condition) is StoppingCondition
        assert empty.creation_time == datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
        assert loaded("checkpoint_config", "vpc_config") == set()

        # Maps and lists of models not imported yet.
        assert loaded("trial_component_artifact", "trial_component_parameter_value") == set()
        body = {
            "TrialComponentName": "t",
            "Parameters": {"lr": {"NumberValue": 0.1}, "opt": {"StringValue": "adam"}},
            "InputArtifacts": {"data": {"Value": "s3://b/d", "MediaType": "text/csv"}},
            "Metrics": [{"MetricName": "loss", "Max": 1.5}],
        }
        out = from_wire(DescribeTrialComponentResponse, body)
        from sagemaker_client.models import TrialComponentArtifact, TrialComponentParameterValue

        assert out.parameters["lr"] == TrialComponentParameterValue(number_value=0.1)
        assert type(out.input_artifacts["data"]) is TrialComponentArtifact
        assert out.metrics[0].max == 1.5
        assert loaded("trial_component_status") == set()  # Status absent: its enum too

        # A wrong value under a member whose enum was never imported: same error, with its path.
        try:
            from_wire(DescribeTrainingJobResponse, {"TrainingJobStatus": 5})
        except ShapeMismatchError as exc:
            assert exc.problems == ["$.training_job_status: expected a string, got int"], exc
        else:
            raise AssertionError("no error")
        try:
            from_wire(DescribeTrialComponentResponse, {"Status": {"PrimaryStatus": 7}})
        except ShapeMismatchError as exc:
            assert exc.problems == ["$.status.primary_status: expected a string, got int"], exc
        else:
            raise AssertionError("no error")
        """
    )


def test_validation_loads_the_class_of_a_member_only_when_it_is_set():
    run(
        """
        from sagemaker_client._core.validate import find_problems
        from sagemaker_client.models import (
            AlgorithmSpecification,
            CreateTrainingJobRequest,
            OutputDataConfig,
            ResourceConfig,
            StoppingCondition,
        )

        def request(**extra):
            values = {
                "training_job_name": "job",
                "role_arn": "arn:aws:iam::123456789012:role/r",
                "algorithm_specification": AlgorithmSpecification(
                    training_input_mode="File", training_image="img"
                ),
                "output_data_config": OutputDataConfig(s3_output_path="s3://b/o"),
                "resource_config": ResourceConfig(
                    instance_type="ml.m5.large", instance_count=1, volume_size_in_gb=10
                ),
                "stopping_condition": StoppingCondition(max_runtime_in_seconds=60),
            }
            return CreateTrainingJobRequest(**{**values, **extra})

        assert find_problems(request()) == []
        unset = ("vpc_config", "checkpoint_config", "channel", "tag", "training_instance_type")
        assert loaded(*unset) == set(), loaded(*unset)  # strings pass enum members unimported

        from sagemaker_client.models import VpcConfig

        bad = VpcConfig(security_group_ids=["sg-1"] * 6, subnets=["subnet 1"])
        assert find_problems(request(vpc_config=bad)) == [
            "vpc_config.security_group_ids: must have at most 5 items, got 6",
            "vpc_config.subnets[0]: does not match the pattern '[-0-9a-zA-Z]+'",
        ]
        # The wrong type under members whose classes were never imported: same messages.
        assert find_problems(request(checkpoint_config="s3://b/c")) == [
            "checkpoint_config: expected CheckpointConfig, got str"
        ]
        assert loaded("checkpoint_config") == {"checkpoint_config"}
        wrong_enum = ResourceConfig(instance_type=5, volume_size_in_gb=10)
        assert find_problems(request(resource_config=wrong_enum)) == [
            "resource_config.instance_type: expected TrainingInstanceType | str, got int"
        ]
        """
    )


def test_resolve_types_gives_the_real_classes():
    run(
        """
        import typing

        import attrs

        from sagemaker_client.models import Channel, resolve_types

        try:
            typing.get_type_hints(Channel)
        except NameError:
            pass
        else:
            raise AssertionError("the nested names were importable without resolving")
        assert attrs.fields(Channel).data_source.type == "DataSource"
        assert loaded("data_source", "compression_type") == set()

        assert resolve_types(Channel) is Channel
        from sagemaker_client.models import CompressionType, DataSource, ShuffleConfig

        assert attrs.fields(Channel).data_source.type is DataSource
        hints = typing.get_type_hints(Channel)
        assert hints["data_source"] is DataSource
        assert hints["compression_type"] == CompressionType | str | None
        assert hints["shuffle_config"] == ShuffleConfig | None
        assert hints["channel_name"] is str
        """
    )


def test_names_is_a_localns_for_get_type_hints():
    from sagemaker_client.models import CompressionType, DataSource, TrainingJobDefinition

    hints = typing.get_type_hints(TrainingJobDefinition, localns=types.Names(index))
    (channel,) = typing.get_args(hints["input_data_config"])  # list[Channel]
    assert attrs.has(channel) and channel.__name__ == "Channel"
    channel_hints = typing.get_type_hints(channel, localns=types.Names(index))
    assert channel_hints["data_source"] is DataSource
    assert channel_hints["compression_type"] == CompressionType | str | None
    assert "Channel" in types.Names(index) and "str" not in types.Names(index)
    with pytest.raises(KeyError):
        types.Names(index)["NoSuchModel"]


def test_the_index_comes_with_the_class():
    """``_core`` never imports ``_generated``: a generated class's package is its index."""
    from sagemaker_client.models import Channel

    assert types.index_of(Channel) is index
    assert types.index_of(Thing) is None  # a class of the core tests: its globals only
    assert types.lazy_field_types(Thing)["nested"] == Inner | None


def test_placeholders_stand_for_a_class_and_resolve_to_it():
    placeholder = types.placeholder(index, "VpcConfig")
    assert types.placeholder(index, "VpcConfig") is placeholder
    assert types.is_deferred(placeholder) and not types.is_deferred(str)
    assert placeholder.__name__ == "VpcConfig"
    from sagemaker_client.models import VpcConfig

    assert placeholder.resolve() is VpcConfig
    # It composes like a class: the shapes the generator emits still evaluate.
    assert typing.get_args(placeholder | str | None) == (placeholder, str, type(None))
    assert typing.get_args(dict[str, placeholder]) == (str, placeholder)
    with pytest.raises(TypeError, match="placeholder"):
        placeholder()


def test_lazy_field_types_use_placeholders_only_for_classes_not_imported():
    run(
        """
        from sagemaker_client._core import types
        from sagemaker_client._generated.models.channel import Channel
        from sagemaker_client.models import ShuffleConfig

        found = types.lazy_field_types(Channel)
        assert found["shuffle_config"] == ShuffleConfig | None  # imported already: the class
        data_source = found["data_source"]
        assert types.is_deferred(data_source) and data_source.__name__ == "DataSource"
        compression = found["compression_type"].__args__
        assert types.is_deferred(compression[0]) and compression[1:] == (str, type(None))
        assert loaded("data_source", "compression_type") == set()
        assert found["channel_name"] is str
        """
    )


def test_resolved_classes_still_round_trip_in_this_process():
    """A class passed through ``resolve_types`` (real types in its fields) compiles as before."""
    from sagemaker_client.models import Channel, CompressionType, DataSource, S3DataSource

    resolve_types(Channel)
    channel = Channel(
        channel_name="train",
        data_source=DataSource(
            s3_data_source=S3DataSource(s3_data_type="S3Prefix", s3_uri="s3://b/train")
        ),
        compression_type=CompressionType.GZIP,
        record_wrapper_type="SomethingNew",
    )
    wire = to_wire(channel)
    assert wire["CompressionType"] == "Gzip" and wire["RecordWrapperType"] == "SomethingNew"
    assert from_wire(Channel, wire) == channel
    assert find_problems(channel) == []


def test_annotations_evaluate_as_eval_does_for_every_generated_model() -> None:
    checked = 0
    for name in index.__all__:
        cls = getattr(index, name)
        if not attrs.has(cls):
            continue
        globalns = sys.modules[cls.__module__].__dict__
        localns = types.Names(index, globalns)
        for field in attrs.fields(cls):
            if isinstance(field.type, str):
                read = types._evaluate(field.type, globalns, localns)
                assert read == eval(field.type, globalns, localns), (cls, field.name)
                checked += 1
    assert checked > 6_000  # every member of every generated structure
