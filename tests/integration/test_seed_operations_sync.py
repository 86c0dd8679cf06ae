"""Every seed operation, paginator and waiter against the emulator, with the sync client."""

from __future__ import annotations

import datetime

import pytest

from sagemaker_client import SageMakerClient
from sagemaker_client.errors import ValidationException, WaiterError
from sagemaker_client.models import (
    AlgorithmSpecification,
    Channel,
    ContainerDefinition,
    DataSource,
    EndpointStatus,
    NotebookInstanceStatus,
    OutputDataConfig,
    ProductionVariant,
    ResourceConfig,
    S3DataSource,
    StoppingCondition,
    Tag,
    TrainingInputMode,
    TrainingJobStatus,
)

ROLE_ARN = "arn:aws:iam::123456789012:role/SageMakerRole"


def _create_training_job(client: SageMakerClient, name: str) -> str:
    created = client.create_training_job(
        training_job_name=name,
        algorithm_specification=AlgorithmSpecification(
            training_image="123456789012.dkr.ecr.us-east-1.amazonaws.com/algo:1",
            training_input_mode=TrainingInputMode.FILE,
        ),
        role_arn=ROLE_ARN,
        input_data_config=[
            Channel(
                channel_name="train",
                data_source=DataSource(
                    s3_data_source=S3DataSource(
                        s3_data_type="S3Prefix",
                        s3_uri="s3://bucket/train/",
                        s3_data_distribution_type="FullyReplicated",
                    )
                ),
            )
        ],
        output_data_config=OutputDataConfig(s3_output_path="s3://bucket/output"),
        resource_config=ResourceConfig(
            instance_type="ml.m5.large", instance_count=1, volume_size_in_gb=10
        ),
        stopping_condition=StoppingCondition(max_runtime_in_seconds=3600),
        hyper_parameters={"epochs": "3"},
        tags=[Tag(key="team", value="ml")],
    )
    assert created.training_job_arn is not None
    return created.training_job_arn


def _deploy(client: SageMakerClient, name: str) -> None:
    client.create_model(
        model_name=name,
        primary_container=ContainerDefinition(
            image="123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1",
            model_data_url="s3://bucket/model.tar.gz",
            environment={"MODE": "fast"},
        ),
        execution_role_arn=ROLE_ARN,
    )
    client.create_endpoint_config(
        endpoint_config_name=name,
        production_variants=[
            ProductionVariant(
                variant_name="AllTraffic",
                model_name=name,
                initial_instance_count=1,
                instance_type="ml.m5.large",
                initial_variant_weight=1.0,
            )
        ],
    )
    client.create_endpoint(endpoint_name=name, endpoint_config_name=name)


def test_notebook_instance_lifecycle(client: SageMakerClient, name: str) -> None:
    created = client.create_notebook_instance(
        notebook_instance_name=name,
        instance_type="ml.t2.medium",
        role_arn=ROLE_ARN,
        volume_size_in_gb=5,
        tags=[Tag(key="owner", value="tests")],
    )
    assert created.notebook_instance_arn is not None
    assert created.notebook_instance_arn.endswith(f"notebook-instance/{name}")

    described = client.describe_notebook_instance(notebook_instance_name=name)
    assert described.notebook_instance_name == name
    assert described.notebook_instance_status == NotebookInstanceStatus.IN_SERVICE
    assert described.volume_size_in_gb == 5
    assert isinstance(described.creation_time, datetime.datetime)
    assert described.creation_time.tzinfo is not None

    listed = client.list_notebook_instances()
    assert name in [item.notebook_instance_name for item in listed.notebook_instances or []]


def test_training_job_lifecycle(client: SageMakerClient, name: str) -> None:
    arn = _create_training_job(client, name)
    assert arn.endswith(f"training-job/{name}")

    job = client.describe_training_job(training_job_name=name)
    assert job.training_job_name == name
    assert job.training_job_status == TrainingJobStatus.COMPLETED
    assert job.algorithm_specification is not None
    assert job.algorithm_specification.training_input_mode == TrainingInputMode.FILE
    assert job.resource_config is not None
    assert job.resource_config.instance_count == 1
    assert job.model_artifacts is not None
    assert job.model_artifacts.s3_model_artifacts
    assert job.hyper_parameters == {"epochs": "3"}

    summaries = client.list_training_jobs(status_equals=TrainingJobStatus.COMPLETED)
    assert name in [item.training_job_name for item in summaries.training_job_summaries or []]


def test_model_endpoint_config_and_endpoint(client: SageMakerClient, name: str) -> None:
    _deploy(client, name)

    model = client.describe_model(model_name=name)
    assert model.model_name == name
    assert model.primary_container is not None
    assert model.primary_container.environment == {"MODE": "fast"}
    assert name in [item.model_name for item in client.list_models().models or []]

    endpoint = client.describe_endpoint(endpoint_name=name)
    assert endpoint.endpoint_config_name == name
    assert endpoint.endpoint_status == EndpointStatus.IN_SERVICE
    variants = endpoint.production_variants or []
    assert [variant.variant_name for variant in variants] == ["AllTraffic"]

    listed = client.list_endpoints(status_equals=EndpointStatus.IN_SERVICE)
    assert name in [item.endpoint_name for item in listed.endpoints or []]


def test_missing_resource_is_a_typed_error(client: SageMakerClient, name: str) -> None:
    with pytest.raises(ValidationException) as caught:
        client.describe_endpoint(endpoint_name=name)
    assert caught.value.status_code == 400
    assert caught.value.code == "ValidationException"
    assert caught.value.request_id
    assert name in caught.value.message


def test_paginators_follow_next_token(client: SageMakerClient, name: str) -> None:
    names = [f"{name}-{index}" for index in range(3)]
    for each in names:
        client.create_notebook_instance(
            notebook_instance_name=each, instance_type="ml.t2.medium", role_arn=ROLE_ARN
        )
        _deploy(client, each)
        _create_training_job(client, each)

    pages = list(client.paginate_list_notebook_instances(max_results=1).pages())
    assert len(pages) >= 3
    assert all(len(page.notebook_instances or []) <= 1 for page in pages)
    seen = [
        item.notebook_instance_name
        for item in client.paginate_list_notebook_instances(max_results=1)
    ]
    assert set(names) <= set(seen)
    assert len(seen) == len(set(seen))

    endpoints = [item.endpoint_name for item in client.paginate_list_endpoints(max_results=1)]
    assert set(names) <= set(endpoints)
    assert len(list(client.paginate_list_endpoints(max_results=1).pages())) >= 3

    jobs = [item.training_job_name for item in client.paginate_list_training_jobs(max_results=1)]
    assert set(names) <= set(jobs)

    models = [item.model_name for item in client.paginate_list_models(max_results=1)]
    assert set(names) <= set(models)


def test_waiters_reach_their_states(client: SageMakerClient, boto, name: str) -> None:  # type: ignore[no-untyped-def]
    polls: list[tuple[int, float]] = []

    _create_training_job(client, name)
    job = client.wait_until_training_job_completed_or_stopped(
        training_job_name=name, delay=0.05, on_poll=lambda n, t, _: polls.append((n, t))
    )
    assert job.training_job_status == TrainingJobStatus.COMPLETED
    assert polls[0][0] == 1

    _deploy(client, name)
    endpoint = client.wait_until_endpoint_in_service(endpoint_name=name, delay=0.05)
    assert endpoint.endpoint_status == EndpointStatus.IN_SERVICE

    client.create_notebook_instance(
        notebook_instance_name=name, instance_type="ml.t2.medium", role_arn=ROLE_ARN
    )
    notebook = client.wait_until_notebook_instance_in_service(
        notebook_instance_name=name, delay=0.05
    )
    assert notebook.notebook_instance_status == NotebookInstanceStatus.IN_SERVICE

    boto.stop_notebook_instance(NotebookInstanceName=name)
    stopped = client.wait_until_notebook_instance_stopped(notebook_instance_name=name, delay=0.05)
    assert stopped.notebook_instance_status == NotebookInstanceStatus.STOPPED

    boto.delete_notebook_instance(NotebookInstanceName=name)
    assert (
        client.wait_until_notebook_instance_deleted(notebook_instance_name=name, delay=0.05) is None
    )

    boto.delete_endpoint(EndpointName=name)
    assert client.wait_until_endpoint_deleted(endpoint_name=name, delay=0.05) is None


def test_waiter_gives_up_within_its_timeout(client: SageMakerClient, boto, name: str) -> None:  # type: ignore[no-untyped-def]
    client.create_notebook_instance(
        notebook_instance_name=name, instance_type="ml.t2.medium", role_arn=ROLE_ARN
    )
    with pytest.raises(WaiterError) as caught:
        client.wait_until_notebook_instance_stopped(
            notebook_instance_name=name, delay=0.2, timeout=0.5
        )
    assert caught.value.reason == "timeout"
    assert caught.value.last_output is not None
    assert caught.value.last_output.notebook_instance_status == NotebookInstanceStatus.IN_SERVICE
