"""The operation families moto emulates beyond the seed, against the emulator, with the sync client.

Deletes and stops, endpoint configs, pipelines, experiments and trials, feature groups,
processing and transform jobs, tags and idempotency tokens. An operation moto 5.2.5 lacks is
still called; the test skips at the point the emulator answers that it does not implement it.
"""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Iterator

import pytest
from families_support import (
    CREDENTIALS,
    IMAGE,
    PIPELINE_DEFINITION,
    REGION,
    ROLE_ARN,
    skip_if_not_emulated,
)

from sagemaker_client import SageMakerClient
from sagemaker_client.errors import ParamValidationError, ServiceError, ValidationException
from sagemaker_client.models import (
    AppSpecification,
    ContainerDefinition,
    DeleteExperimentResponse,
    DeleteTrialComponentResponse,
    DeleteTrialResponse,
    DescribeEndpointConfigOutput,
    DescribeFeatureGroupResponse,
    DescribePipelineExecutionResponse,
    DescribePipelineResponse,
    DescribeProcessingJobResponse,
    DescribeTransformJobResponse,
    FeatureDefinition,
    FeatureGroupStatus,
    FeatureType,
    NotebookInstanceStatus,
    OfflineStoreConfig,
    PipelineExecutionStatus,
    PipelineStatus,
    ProcessingClusterConfig,
    ProcessingInput,
    ProcessingJobStatus,
    ProcessingOutput,
    ProcessingOutputConfig,
    ProcessingResources,
    ProcessingS3Input,
    ProcessingS3Output,
    ProcessingStoppingCondition,
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
def once(emulator_url: str) -> Iterator[SageMakerClient]:
    """A client that does not retry, for calls that may hit an operation moto lacks (a 500)."""
    with SageMakerClient(
        region=REGION, endpoint_url=emulator_url, max_attempts=1, **CREDENTIALS
    ) as sagemaker:
        yield sagemaker


def _create_model(client: SageMakerClient, name: str) -> str:
    created = client.create_model(
        model_name=name,
        primary_container=ContainerDefinition(image=IMAGE, model_data_url="s3://b/m.tar.gz"),
        execution_role_arn=ROLE_ARN,
    )
    assert created.model_arn is not None
    return created.model_arn


def _create_endpoint_config(client: SageMakerClient, name: str, model: str) -> str:
    created = client.create_endpoint_config(
        endpoint_config_name=name,
        production_variants=[
            ProductionVariant(
                variant_name="AllTraffic",
                model_name=model,
                initial_instance_count=2,
                instance_type="ml.m5.large",
                initial_variant_weight=0.5,
            )
        ],
        tags=[Tag(key="family", value="endpoint-config")],
    )
    assert created.endpoint_config_arn is not None
    return created.endpoint_config_arn


# 1. deletes and stops


def test_delete_endpoint_config_and_model(client: SageMakerClient, name: str) -> None:
    _create_model(client, name)
    _create_endpoint_config(client, name, name)
    client.create_endpoint(endpoint_name=name, endpoint_config_name=name)

    assert client.delete_endpoint(endpoint_name=name) is None
    with pytest.raises(ValidationException) as caught:
        client.describe_endpoint(endpoint_name=name)
    assert caught.value.operation == "DescribeEndpoint"
    assert name in caught.value.message

    assert client.delete_endpoint_config(endpoint_config_name=name) is None
    with pytest.raises(ValidationException) as caught:
        client.describe_endpoint_config(endpoint_config_name=name)
    assert caught.value.status_code == 400

    assert client.delete_model(model_name=name) is None
    with pytest.raises(ValidationException):
        client.describe_model(model_name=name)
    assert name not in [item.model_name for item in client.paginate_list_models()]


def test_stop_and_delete_notebook_instance(client: SageMakerClient, name: str) -> None:
    client.create_notebook_instance(
        notebook_instance_name=name, instance_type="ml.t2.medium", role_arn=ROLE_ARN
    )
    assert client.stop_notebook_instance(notebook_instance_name=name) is None
    stopped = client.describe_notebook_instance(notebook_instance_name=name)
    assert stopped.notebook_instance_status == NotebookInstanceStatus.STOPPED

    assert client.delete_notebook_instance(notebook_instance_name=name) is None
    with pytest.raises(ValidationException) as caught:
        client.describe_notebook_instance(notebook_instance_name=name)
    assert caught.value.operation == "DescribeNotebookInstance"


def test_stop_training_job(once: SageMakerClient, name: str) -> None:
    with skip_if_not_emulated("StopTrainingJob", "stop_training_job"):
        once.stop_training_job(training_job_name=name)
    pytest.fail("StopTrainingJob of a missing job answered without an error")


def test_stop_processing_job(client: SageMakerClient, name: str) -> None:
    _create_processing_job(client, name)
    assert client.stop_processing_job(processing_job_name=name) is None
    job = client.describe_processing_job(processing_job_name=name)
    assert job.processing_job_status == ProcessingJobStatus.STOPPED


# 2. endpoint configs


def test_endpoint_config_lifecycle(client: SageMakerClient, name: str) -> None:
    _create_model(client, name)
    names = [f"{name}-{index}" for index in range(3)]
    arns = [_create_endpoint_config(client, each, name) for each in names]
    assert arns[0].endswith(f":endpoint-config/{names[0]}")

    described = client.describe_endpoint_config(endpoint_config_name=names[0])
    assert isinstance(described, DescribeEndpointConfigOutput)
    assert described.endpoint_config_name == names[0]
    assert described.endpoint_config_arn == arns[0]
    assert isinstance(described.creation_time, datetime.datetime)
    assert described.creation_time.tzinfo is not None
    variant = (described.production_variants or [])[0]
    assert variant.model_name == name
    assert variant.initial_instance_count == 2
    assert variant.initial_variant_weight == 0.5
    assert variant.instance_type == "ml.m5.large"

    listed = client.list_endpoint_configs(name_contains=name)
    assert sorted(item.endpoint_config_name for item in listed.endpoint_configs or []) == names

    pages = list(client.paginate_list_endpoint_configs(max_results=1, name_contains=name).pages())
    # moto filters NameContains after cutting the page, so other tests' items give empty pages.
    assert len(pages) >= 3
    assert all(len(page.endpoint_configs or []) <= 1 for page in pages)
    items = list(client.paginate_list_endpoint_configs(max_results=1, name_contains=name))
    assert sorted(item.endpoint_config_name for item in items) == names
    assert all(isinstance(item.creation_time, datetime.datetime) for item in items)

    for each in names:
        client.delete_endpoint_config(endpoint_config_name=each)
    assert list(client.paginate_list_endpoint_configs(name_contains=name)) == []
    client.delete_model(model_name=name)


# 3. pipelines


def test_pipeline_lifecycle(client: SageMakerClient, name: str) -> None:
    created = client.create_pipeline(
        pipeline_name=name,
        client_request_token=str(uuid.uuid4()),
        role_arn=ROLE_ARN,
        pipeline_definition=PIPELINE_DEFINITION,
        pipeline_description="integration",
        tags=[Tag(key="family", value="pipelines")],
    )
    assert created.pipeline_arn is not None
    assert created.pipeline_arn.endswith(f":pipeline/{name}")

    described = client.describe_pipeline(pipeline_name=name)
    assert isinstance(described, DescribePipelineResponse)
    assert described.pipeline_name == name
    assert described.pipeline_arn == created.pipeline_arn
    assert described.pipeline_status == PipelineStatus.ACTIVE
    assert described.pipeline_description == "integration"
    assert described.role_arn == ROLE_ARN
    assert json.loads(described.pipeline_definition or "") == json.loads(PIPELINE_DEFINITION)
    assert isinstance(described.creation_time, datetime.datetime)

    listed = client.list_pipelines(pipeline_name_prefix=name)
    summaries = listed.pipeline_summaries or []
    assert [item.pipeline_name for item in summaries] == [name]
    assert isinstance(summaries[0].creation_time, datetime.datetime)
    assert name in [item.pipeline_name for item in client.paginate_list_pipelines(max_results=1)]

    started = client.start_pipeline_execution(
        pipeline_name=name,
        client_request_token=str(uuid.uuid4()),
        pipeline_execution_display_name="run-1",
    )
    assert started.pipeline_execution_arn is not None
    assert started.pipeline_execution_arn.startswith(f"{created.pipeline_arn}/execution/")

    execution = client.describe_pipeline_execution(
        pipeline_execution_arn=started.pipeline_execution_arn
    )
    assert isinstance(execution, DescribePipelineExecutionResponse)
    assert execution.pipeline_arn == created.pipeline_arn
    assert execution.pipeline_execution_display_name == "run-1"
    assert execution.pipeline_execution_status == PipelineExecutionStatus.SUCCEEDED
    assert isinstance(execution.creation_time, datetime.datetime)

    executions = client.list_pipeline_executions(pipeline_name=name)
    arns = [item.pipeline_execution_arn for item in executions.pipeline_execution_summaries or []]
    assert arns == [started.pipeline_execution_arn]
    paginated = list(client.paginate_list_pipeline_executions(pipeline_name=name))
    assert [item.pipeline_execution_status for item in paginated] == [
        PipelineExecutionStatus.SUCCEEDED
    ]

    deleted = client.delete_pipeline(pipeline_name=name, client_request_token=str(uuid.uuid4()))
    assert deleted.pipeline_arn == created.pipeline_arn
    assert [item.pipeline_name for item in client.paginate_list_pipelines()].count(name) == 0


# 4. experiments and trials


def test_experiment_trial_and_component(client: SageMakerClient, name: str) -> None:
    experiment = client.create_experiment(experiment_name=name)
    assert experiment.experiment_arn is not None
    assert experiment.experiment_arn.endswith(f":experiment/{name}")

    described = client.describe_experiment(experiment_name=name)
    assert described.experiment_name == name
    assert described.experiment_arn == experiment.experiment_arn
    assert isinstance(described.creation_time, datetime.datetime)
    assert name in [item.experiment_name for item in client.paginate_list_experiments()]
    listed = client.list_experiments()
    assert name in [item.experiment_name for item in listed.experiment_summaries or []]

    trial = client.create_trial(trial_name=f"{name}-trial", experiment_name=name)
    assert trial.trial_arn is not None
    assert trial.trial_arn.endswith(f":experiment-trial/{name}-trial")
    component = client.create_trial_component(trial_component_name=f"{name}-tc")
    assert component.trial_component_arn is not None

    associated = client.associate_trial_component(
        trial_component_name=f"{name}-tc", trial_name=f"{name}-trial"
    )
    assert associated.trial_arn == trial.trial_arn
    assert associated.trial_component_arn == component.trial_component_arn

    trials = client.list_trials(experiment_name=name)
    assert [item.trial_name for item in trials.trial_summaries or []] == [f"{name}-trial"]
    by_component = list(client.paginate_list_trials(trial_component_name=f"{name}-tc"))
    assert [item.trial_arn for item in by_component] == [trial.trial_arn]
    described_trial = client.describe_trial(trial_name=f"{name}-trial")
    assert described_trial.experiment_name == name
    components = list(client.paginate_list_trial_components(trial_name=f"{name}-trial"))
    assert [item.trial_component_name for item in components] == [f"{name}-tc"]

    disassociated = client.disassociate_trial_component(
        trial_component_name=f"{name}-tc", trial_name=f"{name}-trial"
    )
    assert disassociated.trial_arn == trial.trial_arn
    # moto answers the three deletes with an empty object: the typed output, all fields None.
    removed = client.delete_trial_component(trial_component_name=f"{name}-tc")
    assert isinstance(removed, DeleteTrialComponentResponse)
    with pytest.raises(ValidationException):
        client.describe_trial_component(trial_component_name=f"{name}-tc")
    assert isinstance(client.delete_trial(trial_name=f"{name}-trial"), DeleteTrialResponse)
    with pytest.raises(ValidationException):
        client.describe_trial(trial_name=f"{name}-trial")
    # (moto answers DescribeExperiment of a missing experiment with a bare 500, so check the list.)
    assert isinstance(client.delete_experiment(experiment_name=name), DeleteExperimentResponse)
    assert name not in [item.experiment_name for item in client.paginate_list_experiments()]


# 5. feature groups


def _create_feature_group(client: SageMakerClient, name: str) -> str:
    created = client.create_feature_group(
        feature_group_name=name,
        record_identifier_feature_name="customer_id",
        event_time_feature_name="event_time",
        feature_definitions=[
            FeatureDefinition(feature_name="customer_id", feature_type=FeatureType.STRING),
            FeatureDefinition(feature_name="event_time", feature_type=FeatureType.FRACTIONAL),
            FeatureDefinition(feature_name="visits", feature_type=FeatureType.INTEGRAL),
        ],
        offline_store_config=OfflineStoreConfig(
            s3_storage_config=S3StorageConfig(s3_uri="s3://bucket/features")
        ),
        role_arn=ROLE_ARN,
    )
    assert created.feature_group_arn is not None
    return created.feature_group_arn


def test_feature_group_create_and_describe(client: SageMakerClient, name: str) -> None:
    arn = _create_feature_group(client, name)
    assert arn.endswith(f":feature-group/{name}")

    described = client.describe_feature_group(feature_group_name=name)
    assert isinstance(described, DescribeFeatureGroupResponse)
    assert described.feature_group_name == name
    assert described.feature_group_arn == arn
    assert described.record_identifier_feature_name == "customer_id"
    assert described.event_time_feature_name == "event_time"
    assert described.feature_group_status == FeatureGroupStatus.CREATED
    assert isinstance(described.creation_time, datetime.datetime)
    definitions = {
        item.feature_name: item.feature_type for item in described.feature_definitions or []
    }
    assert definitions == {
        "customer_id": FeatureType.STRING,
        "event_time": FeatureType.FRACTIONAL,
        "visits": FeatureType.INTEGRAL,
    }
    assert described.offline_store_config is not None
    assert described.offline_store_config.s3_storage_config is not None
    assert described.offline_store_config.s3_storage_config.s3_uri == "s3://bucket/features"


def test_feature_group_list(once: SageMakerClient, name: str) -> None:
    _create_feature_group(once, name)
    with skip_if_not_emulated("ListFeatureGroups", "list_feature_groups"):
        listed = once.list_feature_groups(name_contains=name)
    summaries = listed.feature_group_summaries or []
    assert [item.feature_group_name for item in summaries] == [name]
    assert summaries[0].feature_group_status == FeatureGroupStatus.CREATED


def test_feature_group_delete(once: SageMakerClient, name: str) -> None:
    _create_feature_group(once, name)
    with skip_if_not_emulated("DeleteFeatureGroup", "delete_feature_group"):
        assert once.delete_feature_group(feature_group_name=name) is None
    with pytest.raises(ServiceError):
        once.describe_feature_group(feature_group_name=name)


# 6. processing and transform jobs


def _create_processing_job(client: SageMakerClient, name: str) -> str:
    created = client.create_processing_job(
        processing_job_name=name,
        processing_inputs=[
            ProcessingInput(
                input_name="input",
                s3_input=ProcessingS3Input(
                    s3_uri="s3://bucket/input",
                    local_path="/opt/ml/processing/input",
                    s3_data_type="S3Prefix",
                    s3_input_mode="File",
                ),
            )
        ],
        processing_output_config=ProcessingOutputConfig(
            outputs=[
                ProcessingOutput(
                    output_name="output",
                    s3_output=ProcessingS3Output(
                        s3_uri="s3://bucket/output",
                        local_path="/opt/ml/processing/output",
                        s3_upload_mode="EndOfJob",
                    ),
                )
            ]
        ),
        processing_resources=ProcessingResources(
            cluster_config=ProcessingClusterConfig(
                instance_count=1, instance_type="ml.m5.large", volume_size_in_gb=10
            )
        ),
        stopping_condition=ProcessingStoppingCondition(max_runtime_in_seconds=600),
        app_specification=AppSpecification(
            image_uri=IMAGE, container_entrypoint=["python3", "process.py"]
        ),
        role_arn=ROLE_ARN,
        tags=[Tag(key="family", value="processing")],
    )
    assert created.processing_job_arn is not None
    return created.processing_job_arn


def test_processing_job_lifecycle(client: SageMakerClient, name: str) -> None:
    names = [f"{name}-{index}" for index in range(3)]
    arns = [_create_processing_job(client, each) for each in names]
    assert arns[0].endswith(f":processing-job/{names[0]}")

    job = client.describe_processing_job(processing_job_name=names[0])
    assert isinstance(job, DescribeProcessingJobResponse)
    assert job.processing_job_name == names[0]
    assert job.processing_job_arn == arns[0]
    assert job.processing_job_status == ProcessingJobStatus.COMPLETED
    assert job.role_arn == ROLE_ARN
    assert isinstance(job.creation_time, datetime.datetime)
    assert job.app_specification is not None
    assert job.app_specification.image_uri == IMAGE
    assert job.app_specification.container_entrypoint == ["python3", "process.py"]
    # moto does not keep ProcessingResources: the SDK's client error correction (serde.py) gives
    # the missing required member its zero value, an empty model.
    assert job.processing_resources is not None
    assert job.processing_resources.cluster_config is not None
    assert job.processing_resources.cluster_config.volume_size_in_gb == 0
    assert job.stopping_condition is not None
    assert job.stopping_condition.max_runtime_in_seconds == 600
    inputs = job.processing_inputs or []
    assert [item.input_name for item in inputs] == ["input"]
    assert inputs[0].s3_input is not None
    assert inputs[0].s3_input.s3_uri == "s3://bucket/input"

    listed = client.list_processing_jobs(name_contains=name)
    assert sorted(item.processing_job_name for item in listed.processing_job_summaries or []) == (
        names
    )
    pages = list(client.paginate_list_processing_jobs(name_contains=name, max_results=1).pages())
    assert len(pages) >= 3
    assert all(len(page.processing_job_summaries or []) <= 1 for page in pages)
    assert all(page.next_token for page in pages[:-1])
    items = list(client.paginate_list_processing_jobs(name_contains=name, max_results=1))
    assert sorted(item.processing_job_name for item in items) == names
    assert {item.processing_job_status for item in items} == {ProcessingJobStatus.COMPLETED}
    assert all(isinstance(item.creation_time, datetime.datetime) for item in items)


def _create_transform_job(client: SageMakerClient, name: str, model: str) -> str:
    created = client.create_transform_job(
        transform_job_name=name,
        model_name=model,
        max_concurrent_transforms=2,
        max_payload_in_mb=6,
        batch_strategy="MultiRecord",
        environment={"MODE": "batch"},
        transform_input=TransformInput(
            data_source=TransformDataSource(
                s3_data_source=TransformS3DataSource(
                    s3_data_type="S3Prefix", s3_uri="s3://bucket/batch-in"
                )
            ),
            content_type="text/csv",
            split_type="Line",
        ),
        transform_output=TransformOutput(s3_output_path="s3://bucket/batch-out"),
        transform_resources=TransformResources(instance_type="ml.m5.large", instance_count=1),
        tags=[Tag(key="family", value="transform")],
    )
    assert created.transform_job_arn is not None
    return created.transform_job_arn


def test_transform_job_lifecycle(client: SageMakerClient, name: str) -> None:
    _create_model(client, name)
    names = [f"{name}-{index}" for index in range(2)]
    arns = [_create_transform_job(client, each, name) for each in names]
    assert arns[0].endswith(f":transform-job/{names[0]}")

    job = client.describe_transform_job(transform_job_name=names[0])
    assert isinstance(job, DescribeTransformJobResponse)
    assert job.transform_job_name == names[0]
    assert job.transform_job_arn == arns[0]
    assert job.model_name == name
    assert job.transform_job_status == TransformJobStatus.COMPLETED
    assert job.max_concurrent_transforms == 2
    assert job.max_payload_in_mb == 6
    assert job.environment == {"MODE": "batch"}
    assert isinstance(job.creation_time, datetime.datetime)
    assert job.transform_input is not None
    assert job.transform_input.content_type == "text/csv"
    assert job.transform_resources is not None
    assert job.transform_resources.instance_count == 1

    listed = client.list_transform_jobs(name_contains=name)
    summaries = listed.transform_job_summaries or []
    assert sorted(item.transform_job_name for item in summaries) == names
    assert {item.transform_job_status for item in summaries} == {TransformJobStatus.COMPLETED}
    pages = list(client.paginate_list_transform_jobs(name_contains=name, max_results=1).pages())
    assert len(pages) >= 2
    assert all(len(page.transform_job_summaries or []) <= 1 for page in pages)
    client.delete_model(model_name=name)


# 7. tags and idempotency tokens


def test_tags_round_trip(client: SageMakerClient, name: str) -> None:
    arn = _create_model(client, name)
    added = client.add_tags(
        resource_arn=arn, tags=[Tag(key="team", value="ml"), Tag(key="stage", value="dev")]
    )
    assert {(tag.key, tag.value) for tag in added.tags or []} == {("team", "ml"), ("stage", "dev")}

    listed = client.list_tags(resource_arn=arn)
    assert {(tag.key, tag.value) for tag in listed.tags or []} == {
        ("team", "ml"),
        ("stage", "dev"),
    }
    assert all(isinstance(tag, Tag) for tag in listed.tags or [])
    # The model says MaxResults >= 50 for ListTags; the emulator pages by 1 anyway, so this
    # one call goes out unvalidated to see the token handed over.
    with SageMakerClient(
        region=client.region,
        endpoint_url=client.endpoint_url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        validate=False,
    ) as unvalidated:
        paginated = list(unvalidated.paginate_list_tags(resource_arn=arn, max_results=1))
    assert sorted(tag.key for tag in paginated) == ["stage", "team"]
    with pytest.raises(ParamValidationError, match="max_results: must be >= 50"):
        list(client.paginate_list_tags(resource_arn=arn, max_results=1))

    assert client.delete_tags(resource_arn=arn, tag_keys=["stage"]) is not None
    remaining = client.list_tags(resource_arn=arn)
    assert [(tag.key, tag.value) for tag in remaining.tags or []] == [("team", "ml")]
    client.delete_model(model_name=name)


def test_idempotency_token_is_filled_when_omitted(client: SageMakerClient, name: str) -> None:
    group = client.create_model_package_group(model_package_group_name=name)
    assert group.model_package_group_arn is not None

    created = client.create_model_package(
        model_package_group_name=name, model_package_description="no client token"
    )
    assert created.model_package_arn is not None
    assert f":model-package/{name}/" in created.model_package_arn

    described = client.describe_model_package(model_package_name=created.model_package_arn)
    assert described.model_package_group_name == name
    assert described.model_package_description == "no client token"
    assert isinstance(described.creation_time, datetime.datetime)
    listed = client.list_model_packages(model_package_group_name=name)
    assert [item.model_package_arn for item in listed.model_package_summary_list or []] == [
        created.model_package_arn
    ]


def test_required_idempotency_token_is_filled_when_omitted(
    client: SageMakerClient, name: str
) -> None:
    created = client.create_pipeline(
        pipeline_name=name, role_arn=ROLE_ARN, pipeline_definition=PIPELINE_DEFINITION
    )
    assert created.pipeline_arn is not None
    started = client.start_pipeline_execution(pipeline_name=name)
    assert started.pipeline_execution_arn is not None
    deleted = client.delete_pipeline(pipeline_name=name)
    assert deleted.pipeline_arn == created.pipeline_arn
