"""The families moto emulates beyond the seed, against the emulator, with the async client.

One flow per family (the sync file covers each family in more depth).
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import AsyncIterator

import pytest
from families_support import (
    CREDENTIALS,
    IMAGE,
    PIPELINE_DEFINITION,
    REGION,
    ROLE_ARN,
    skip_if_not_emulated,
)

from sagemaker_client import AsyncSageMakerClient
from sagemaker_client.errors import ValidationException
from sagemaker_client.models import (
    AppSpecification,
    ContainerDefinition,
    DeleteExperimentResponse,
    DeleteTrialResponse,
    DescribeEndpointConfigOutput,
    DescribeFeatureGroupResponse,
    DescribeTransformJobResponse,
    FeatureDefinition,
    FeatureGroupStatus,
    FeatureType,
    NotebookInstanceStatus,
    OfflineStoreConfig,
    PipelineExecutionStatus,
    PipelineStatus,
    ProcessingClusterConfig,
    ProcessingJobStatus,
    ProcessingResources,
    ProductionVariant,
    S3StorageConfig,
    Tag,
    TransformDataSource,
    TransformInput,
    TransformJobStatus,
    TransformOutput,
    TransformResources,
    TransformS3DataSource,
)


@pytest.fixture
async def once(emulator_url: str) -> AsyncIterator[AsyncSageMakerClient]:
    """An async client that does not retry, for calls that may hit an operation moto lacks."""
    async with AsyncSageMakerClient(
        region=REGION, endpoint_url=emulator_url, max_attempts=1, **CREDENTIALS
    ) as sagemaker:
        yield sagemaker


async def _create_model(client: AsyncSageMakerClient, name: str) -> str:
    created = await client.create_model(
        model_name=name,
        primary_container=ContainerDefinition(image=IMAGE, model_data_url="s3://b/m.tar.gz"),
        execution_role_arn=ROLE_ARN,
    )
    assert created.model_arn is not None
    return created.model_arn


async def test_deletes_and_stops(async_client: AsyncSageMakerClient, name: str) -> None:
    await _create_model(async_client, name)
    await async_client.create_endpoint_config(
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
    await async_client.create_endpoint(endpoint_name=name, endpoint_config_name=name)

    assert await async_client.delete_endpoint(endpoint_name=name) is None
    with pytest.raises(ValidationException) as caught:
        await async_client.describe_endpoint(endpoint_name=name)
    assert caught.value.operation == "DescribeEndpoint"
    assert await async_client.delete_endpoint_config(endpoint_config_name=name) is None
    with pytest.raises(ValidationException):
        await async_client.describe_endpoint_config(endpoint_config_name=name)
    assert await async_client.delete_model(model_name=name) is None
    with pytest.raises(ValidationException):
        await async_client.describe_model(model_name=name)

    await async_client.create_notebook_instance(
        notebook_instance_name=name, instance_type="ml.t2.medium", role_arn=ROLE_ARN
    )
    assert await async_client.stop_notebook_instance(notebook_instance_name=name) is None
    stopped = await async_client.describe_notebook_instance(notebook_instance_name=name)
    assert stopped.notebook_instance_status == NotebookInstanceStatus.STOPPED
    assert await async_client.delete_notebook_instance(notebook_instance_name=name) is None
    with pytest.raises(ValidationException):
        await async_client.describe_notebook_instance(notebook_instance_name=name)


async def test_stop_training_job(once: AsyncSageMakerClient, name: str) -> None:
    with skip_if_not_emulated("StopTrainingJob", "stop_training_job"):
        await once.stop_training_job(training_job_name=name)
    pytest.fail("StopTrainingJob of a missing job answered without an error")


async def test_endpoint_configs(async_client: AsyncSageMakerClient, name: str) -> None:
    await _create_model(async_client, name)
    names = [f"{name}-{index}" for index in range(2)]
    for each in names:
        await async_client.create_endpoint_config(
            endpoint_config_name=each,
            production_variants=[
                ProductionVariant(
                    variant_name="AllTraffic",
                    model_name=name,
                    initial_instance_count=3,
                    instance_type="ml.m5.large",
                )
            ],
        )
    described = await async_client.describe_endpoint_config(endpoint_config_name=names[0])
    assert isinstance(described, DescribeEndpointConfigOutput)
    assert described.endpoint_config_arn is not None
    assert described.endpoint_config_arn.endswith(f":endpoint-config/{names[0]}")
    assert isinstance(described.creation_time, datetime.datetime)
    assert [v.initial_instance_count for v in described.production_variants or []] == [3]

    seen = [
        item.endpoint_config_name
        async for item in async_client.paginate_list_endpoint_configs(
            name_contains=name, max_results=1
        )
    ]
    assert sorted(seen) == names
    pages = [
        page
        async for page in async_client.paginate_list_endpoint_configs(
            name_contains=name, max_results=1
        ).pages()
    ]
    assert len(pages) >= 2

    for each in names:
        await async_client.delete_endpoint_config(endpoint_config_name=each)
    listed = await async_client.list_endpoint_configs(name_contains=name)
    assert listed.endpoint_configs == []
    await async_client.delete_model(model_name=name)


async def test_pipeline_and_execution(async_client: AsyncSageMakerClient, name: str) -> None:
    created = await async_client.create_pipeline(
        pipeline_name=name,
        client_request_token=str(uuid.uuid4()),
        role_arn=ROLE_ARN,
        pipeline_definition=PIPELINE_DEFINITION,
    )
    assert created.pipeline_arn is not None
    described = await async_client.describe_pipeline(pipeline_name=name)
    assert described.pipeline_status == PipelineStatus.ACTIVE
    assert isinstance(described.last_modified_time, datetime.datetime)
    names = [item.pipeline_name async for item in async_client.paginate_list_pipelines()]
    assert name in names

    started = await async_client.start_pipeline_execution(
        pipeline_name=name, client_request_token=str(uuid.uuid4())
    )
    assert started.pipeline_execution_arn is not None
    execution = await async_client.describe_pipeline_execution(
        pipeline_execution_arn=started.pipeline_execution_arn
    )
    assert execution.pipeline_execution_status == PipelineExecutionStatus.SUCCEEDED
    assert isinstance(execution.last_modified_time, datetime.datetime)
    executions = await async_client.list_pipeline_executions(pipeline_name=name)
    assert [
        item.pipeline_execution_arn for item in executions.pipeline_execution_summaries or []
    ] == [started.pipeline_execution_arn]

    deleted = await async_client.delete_pipeline(
        pipeline_name=name, client_request_token=str(uuid.uuid4())
    )
    assert deleted.pipeline_arn == created.pipeline_arn
    listed = await async_client.list_pipelines(pipeline_name_prefix=name)
    assert listed.pipeline_summaries == []


async def test_experiment_and_trials(async_client: AsyncSageMakerClient, name: str) -> None:
    experiment = await async_client.create_experiment(experiment_name=name)
    described = await async_client.describe_experiment(experiment_name=name)
    assert described.experiment_arn == experiment.experiment_arn
    assert isinstance(described.creation_time, datetime.datetime)
    experiments = [item.experiment_name async for item in async_client.paginate_list_experiments()]
    assert name in experiments

    trial = await async_client.create_trial(trial_name=f"{name}-t", experiment_name=name)
    component = await async_client.create_trial_component(trial_component_name=f"{name}-c")
    associated = await async_client.associate_trial_component(
        trial_component_name=f"{name}-c", trial_name=f"{name}-t"
    )
    assert associated.trial_arn == trial.trial_arn
    assert associated.trial_component_arn == component.trial_component_arn
    trials = [
        item.trial_name async for item in async_client.paginate_list_trials(experiment_name=name)
    ]
    assert trials == [f"{name}-t"]

    await async_client.disassociate_trial_component(
        trial_component_name=f"{name}-c", trial_name=f"{name}-t"
    )
    await async_client.delete_trial_component(trial_component_name=f"{name}-c")
    assert isinstance(await async_client.delete_trial(trial_name=f"{name}-t"), DeleteTrialResponse)
    deleted = await async_client.delete_experiment(experiment_name=name)
    assert isinstance(deleted, DeleteExperimentResponse)
    remaining = await async_client.list_experiments()
    assert name not in [item.experiment_name for item in remaining.experiment_summaries or []]


async def test_feature_group(once: AsyncSageMakerClient, name: str) -> None:
    created = await once.create_feature_group(
        feature_group_name=name,
        record_identifier_feature_name="id",
        event_time_feature_name="ts",
        feature_definitions=[
            FeatureDefinition(feature_name="id", feature_type=FeatureType.INTEGRAL),
            FeatureDefinition(feature_name="ts", feature_type=FeatureType.STRING),
        ],
        # moto answers a feature group without an offline store with a bare 500.
        offline_store_config=OfflineStoreConfig(
            s3_storage_config=S3StorageConfig(s3_uri="s3://bucket/features")
        ),
        role_arn=ROLE_ARN,
    )
    assert created.feature_group_arn is not None
    described = await once.describe_feature_group(feature_group_name=name)
    assert isinstance(described, DescribeFeatureGroupResponse)
    assert described.feature_group_arn == created.feature_group_arn
    assert described.feature_group_status == FeatureGroupStatus.CREATED
    assert [item.feature_type for item in described.feature_definitions or []] == [
        FeatureType.INTEGRAL,
        FeatureType.STRING,
    ]
    assert isinstance(described.creation_time, datetime.datetime)

    with skip_if_not_emulated("ListFeatureGroups", "list_feature_groups"):
        groups = [item.feature_group_name async for item in once.paginate_list_feature_groups()]
    assert name in groups


async def test_processing_and_transform_jobs(async_client: AsyncSageMakerClient, name: str) -> None:
    created = await async_client.create_processing_job(
        processing_job_name=name,
        processing_resources=ProcessingResources(
            cluster_config=ProcessingClusterConfig(
                instance_count=1, instance_type="ml.m5.large", volume_size_in_gb=5
            )
        ),
        app_specification=AppSpecification(image_uri=IMAGE),
        role_arn=ROLE_ARN,
        environment={"STAGE": "test"},
    )
    assert created.processing_job_arn is not None
    job = await async_client.describe_processing_job(processing_job_name=name)
    assert job.processing_job_arn == created.processing_job_arn
    assert job.processing_job_status == ProcessingJobStatus.COMPLETED
    assert isinstance(job.processing_end_time, datetime.datetime)
    jobs = [
        item.processing_job_name
        async for item in async_client.paginate_list_processing_jobs(name_contains=name)
    ]
    assert jobs == [name]

    await _create_model(async_client, name)
    transform = await async_client.create_transform_job(
        transform_job_name=name,
        model_name=name,
        transform_input=TransformInput(
            data_source=TransformDataSource(
                s3_data_source=TransformS3DataSource(s3_data_type="S3Prefix", s3_uri="s3://b/in")
            )
        ),
        transform_output=TransformOutput(s3_output_path="s3://b/out"),
        transform_resources=TransformResources(instance_type="ml.m5.large", instance_count=1),
    )
    assert transform.transform_job_arn is not None
    described = await async_client.describe_transform_job(transform_job_name=name)
    assert isinstance(described, DescribeTransformJobResponse)
    assert described.transform_job_status == TransformJobStatus.COMPLETED
    assert described.transform_output is not None
    assert described.transform_output.s3_output_path == "s3://b/out"
    transforms = [
        item.transform_job_arn
        async for item in async_client.paginate_list_transform_jobs(name_contains=name)
    ]
    assert transforms == [transform.transform_job_arn]
    await async_client.delete_model(model_name=name)


async def test_tags_and_idempotency_token(async_client: AsyncSageMakerClient, name: str) -> None:
    arn = await _create_model(async_client, name)
    await async_client.add_tags(resource_arn=arn, tags=[Tag(key="a", value="1")])
    tags = [(tag.key, tag.value) async for tag in async_client.paginate_list_tags(resource_arn=arn)]
    assert tags == [("a", "1")]
    await async_client.delete_tags(resource_arn=arn, tag_keys=["a"])
    listed = await async_client.list_tags(resource_arn=arn)
    assert listed.tags == []
    await async_client.delete_model(model_name=name)

    await async_client.create_model_package_group(model_package_group_name=name)
    package = await async_client.create_model_package(model_package_group_name=name)
    assert package.model_package_arn is not None
    described = await async_client.describe_model_package(
        model_package_name=package.model_package_arn
    )
    assert described.model_package_group_name == name
    assert isinstance(described.creation_time, datetime.datetime)
