"""Structuring in two tiers: interpreted for a class's first uses, then its compiled function."""

from __future__ import annotations

import json

import pytest

from benchmarks.bodies import describe_training_job, list_models_page
from sagemaker_client._core import serde
from sagemaker_client._core.serde import ShapeMismatchError, from_wire, to_wire
from sagemaker_client._generated.models.describe_training_job_response import (
    DescribeTrainingJobResponse,
)
from sagemaker_client._generated.models.list_models_output import ListModelsOutput
from sagemaker_client._generated.models.model_summary import ModelSummary
from sagemaker_client.models import (
    AlgorithmSpecification,
    Channel,
    CreateTrainingJobRequest,
    DataSource,
    OutputDataConfig,
    ResourceConfig,
    S3DataSource,
    StoppingCondition,
    Tag,
)


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serde, "_COMPILED", {"structure": {}, "unstructure": {}})
    monkeypatch.setattr(serde, "_INTERPRETED", {"structure": {}, "unstructure": {}})


def body(data: object) -> object:
    return json.loads(json.dumps(data))  # what the driver hands over: decoded JSON


def test_first_uses_are_interpreted_then_the_class_is_compiled(fresh):
    data = body(describe_training_job())
    results = []
    for use in range(1, serde.COMPILE_AFTER + 1):
        results.append(from_wire(DescribeTrainingJobResponse, data))
        assert DescribeTrainingJobResponse not in serde._COMPILED["structure"], use
    results.append(from_wire(DescribeTrainingJobResponse, data))
    assert DescribeTrainingJobResponse in serde._COMPILED["structure"]
    results.append(from_wire(DescribeTrainingJobResponse, data))
    assert all(result == results[0] for result in results)
    assert results[0].resource_config.instance_type.name == "ML_M5_2XLARGE"


def test_both_tiers_build_equal_models(fresh, monkeypatch):
    data = body(describe_training_job())
    page = body(list_models_page(0, 100))
    monkeypatch.setattr(serde, "COMPILE_AFTER", 10**9)
    interpreted = from_wire(DescribeTrainingJobResponse, data), from_wire(ListModelsOutput, page)
    assert not serde._COMPILED["structure"]
    monkeypatch.setattr(serde, "_INTERPRETED", {"structure": {}, "unstructure": {}})
    monkeypatch.setattr(serde, "COMPILE_AFTER", 0)
    compiled = from_wire(DescribeTrainingJobResponse, data), from_wire(ListModelsOutput, page)
    assert ModelSummary in serde._COMPILED["structure"]
    assert interpreted == compiled
    assert len(compiled[1].models) == 100


@pytest.mark.parametrize("after", [0, 1, 10**9])
def test_problems_are_reported_alike_in_either_tier(fresh, monkeypatch, after):
    monkeypatch.setattr(serde, "COMPILE_AFTER", after)
    data = body(describe_training_job())
    data["ResourceConfig"]["InstanceCount"] = "two"
    data["SecondaryStatusTransitions"][1]["StartTime"] = [1]
    with pytest.raises(ShapeMismatchError) as raised:
        from_wire(DescribeTrainingJobResponse, data)
    assert raised.value.problems == [
        "$.resource_config.instance_count: expected an integer, got str",
        "$.secondary_status_transitions[1].start_time: expected a timestamp, got list",
    ]


def test_inputs_are_interpreted_then_compiled_with_the_same_body(fresh):
    request = CreateTrainingJobRequest(
        training_job_name="job",
        role_arn="arn:aws:iam::123456789012:role/R",
        algorithm_specification=AlgorithmSpecification(
            training_image="img", training_input_mode="File"
        ),
        input_data_config=[
            Channel(
                channel_name="train",
                data_source=DataSource(
                    s3_data_source=S3DataSource(s3_data_type="S3Prefix", s3_uri="s3://b/p")
                ),
            )
        ],
        output_data_config=OutputDataConfig(s3_output_path="s3://b/o"),
        resource_config=ResourceConfig(instance_type="ml.m5.xlarge", instance_count=1),
        stopping_condition=StoppingCondition(max_runtime_in_seconds=3600),
        tags=[Tag(key="k", value="v")],
        hyper_parameters={"a": "1"},
    )
    bodies = []
    for _ in range(serde.COMPILE_AFTER):
        bodies.append(to_wire(request))
        assert CreateTrainingJobRequest not in serde._COMPILED["unstructure"]
    bodies.append(to_wire(request))
    assert CreateTrainingJobRequest in serde._COMPILED["unstructure"]
    assert all(body == bodies[0] for body in bodies)
    assert bodies[0]["ResourceConfig"] == {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1}
    assert bodies[0]["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3Uri"] == "s3://b/p"
    assert "VpcConfig" not in bodies[0]
