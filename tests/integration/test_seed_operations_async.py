"""Every seed operation, paginator and waiter against the emulator, with the async client."""

from __future__ import annotations

import asyncio

import pytest

from sagemaker_client import AsyncSageMakerClient
from sagemaker_client.errors import ValidationException
from sagemaker_client.models import (
    AlgorithmSpecification,
    ContainerDefinition,
    EndpointStatus,
    NotebookInstanceStatus,
    OutputDataConfig,
    ProductionVariant,
    ResourceConfig,
    StoppingCondition,
    TrainingJobStatus,
)

ROLE_ARN = "arn:aws:iam::123456789012:role/SageMakerRole"


async def _create_training_job(client: AsyncSageMakerClient, name: str) -> None:
    await client.create_training_job(
        training_job_name=name,
        algorithm_specification=AlgorithmSpecification(
            training_image="123456789012.dkr.ecr.us-east-1.amazonaws.com/algo:1",
            training_input_mode="File",
        ),
        role_arn=ROLE_ARN,
        output_data_config=OutputDataConfig(s3_output_path="s3://bucket/output"),
        resource_config=ResourceConfig(instance_type="ml.m5.large", instance_count=1),
        stopping_condition=StoppingCondition(max_runtime_in_seconds=600),
    )


async def _deploy(client: AsyncSageMakerClient, name: str) -> None:
    await client.create_model(
        model_name=name,
        primary_container=ContainerDefinition(image="serve:1"),
        execution_role_arn=ROLE_ARN,
    )
    await client.create_endpoint_config(
        endpoint_config_name=name,
        production_variants=[
            ProductionVariant(
                variant_name="AllTraffic",
                model_name=name,
                initial_instance_count=1,
                instance_type="ml.m5.large",
            )
        ],
    )
    await client.create_endpoint(endpoint_name=name, endpoint_config_name=name)


async def test_every_seed_operation(async_client: AsyncSageMakerClient, name: str) -> None:
    created = await async_client.create_notebook_instance(
        notebook_instance_name=name, instance_type="ml.t2.medium", role_arn=ROLE_ARN
    )
    assert created.notebook_instance_arn
    notebook = await async_client.describe_notebook_instance(notebook_instance_name=name)
    assert notebook.notebook_instance_status == NotebookInstanceStatus.IN_SERVICE
    notebooks = await async_client.list_notebook_instances()
    assert name in [item.notebook_instance_name for item in notebooks.notebook_instances or []]

    await _create_training_job(async_client, name)
    job = await async_client.describe_training_job(training_job_name=name)
    assert job.training_job_status == TrainingJobStatus.COMPLETED
    jobs = await async_client.list_training_jobs()
    assert name in [item.training_job_name for item in jobs.training_job_summaries or []]

    await _deploy(async_client, name)
    model = await async_client.describe_model(model_name=name)
    assert model.execution_role_arn == ROLE_ARN
    models = await async_client.list_models()
    assert name in [item.model_name for item in models.models or []]
    endpoint = await async_client.describe_endpoint(endpoint_name=name)
    assert endpoint.endpoint_status == EndpointStatus.IN_SERVICE
    endpoints = await async_client.list_endpoints()
    assert name in [item.endpoint_name for item in endpoints.endpoints or []]


async def test_concurrent_calls_share_one_client(
    async_client: AsyncSageMakerClient, name: str
) -> None:
    names = [f"{name}-{index}" for index in range(8)]
    await asyncio.gather(
        *(
            async_client.create_notebook_instance(
                notebook_instance_name=each, instance_type="ml.t2.medium", role_arn=ROLE_ARN
            )
            for each in names
        )
    )
    described = await asyncio.gather(
        *(async_client.describe_notebook_instance(notebook_instance_name=each) for each in names)
    )
    assert [item.notebook_instance_name for item in described] == names


async def test_async_paginators(async_client: AsyncSageMakerClient, name: str) -> None:
    names = [f"{name}-{index}" for index in range(3)]
    for each in names:
        await async_client.create_notebook_instance(
            notebook_instance_name=each, instance_type="ml.t2.medium", role_arn=ROLE_ARN
        )
        await _deploy(async_client, each)
        await _create_training_job(async_client, each)

    pages = [
        page async for page in async_client.paginate_list_notebook_instances(max_results=1).pages()
    ]
    assert len(pages) >= 3
    seen = [
        item.notebook_instance_name
        async for item in async_client.paginate_list_notebook_instances(max_results=1)
    ]
    assert set(names) <= set(seen)
    endpoints = [
        item.endpoint_name async for item in async_client.paginate_list_endpoints(max_results=1)
    ]
    assert set(names) <= set(endpoints)
    jobs = [
        item.training_job_name
        async for item in async_client.paginate_list_training_jobs(max_results=1)
    ]
    assert set(names) <= set(jobs)
    models = [item.model_name async for item in async_client.paginate_list_models()]
    assert set(names) <= set(models)


async def test_async_waiters(async_client: AsyncSageMakerClient, boto, name: str) -> None:  # type: ignore[no-untyped-def]
    progress: list[int] = []

    async def on_poll(attempt: int, elapsed: float, output: object) -> None:
        progress.append(attempt)

    await _create_training_job(async_client, name)
    job = await async_client.wait_until_training_job_completed_or_stopped(
        training_job_name=name, delay=0.05, on_poll=on_poll
    )
    assert job.training_job_status == TrainingJobStatus.COMPLETED
    assert progress == [1]

    await _deploy(async_client, name)
    endpoint = await async_client.wait_until_endpoint_in_service(endpoint_name=name, delay=0.05)
    assert endpoint.endpoint_status == EndpointStatus.IN_SERVICE

    await async_client.create_notebook_instance(
        notebook_instance_name=name, instance_type="ml.t2.medium", role_arn=ROLE_ARN
    )
    await async_client.wait_until_notebook_instance_in_service(
        notebook_instance_name=name, delay=0.05
    )
    boto.stop_notebook_instance(NotebookInstanceName=name)
    stopped = await async_client.wait_until_notebook_instance_stopped(
        notebook_instance_name=name, delay=0.05
    )
    assert stopped.notebook_instance_status == NotebookInstanceStatus.STOPPED
    boto.delete_notebook_instance(NotebookInstanceName=name)
    await async_client.wait_until_notebook_instance_deleted(notebook_instance_name=name, delay=0.05)

    boto.delete_endpoint(EndpointName=name)
    await async_client.wait_until_endpoint_deleted(endpoint_name=name, delay=0.05)
    with pytest.raises(ValidationException):
        await async_client.describe_endpoint(endpoint_name=name)
