"""Quickstart: train a model, deploy it behind an endpoint, wait for it, then list what you have.

Runs against the local emulator with ``make demo``. Against real AWS it needs only credentials and
a region (the usual AWS_* variables or a profile) plus three settings of your own:
SAGEMAKER_ROLE_ARN, SAGEMAKER_TRAINING_IMAGE and SAGEMAKER_S3_PREFIX. Real training jobs and
endpoints cost money and take minutes: the waiters print their progress while you wait.
"""

from __future__ import annotations

import os
import uuid

from sagemaker_client import SageMakerClient
from sagemaker_client.models import (
    AlgorithmSpecification,
    Channel,
    ContainerDefinition,
    DataSource,
    DescribeEndpointOutput,
    DescribeTrainingJobResponse,
    OutputDataConfig,
    ProductionVariant,
    ResourceConfig,
    S3DataSource,
    StoppingCondition,
    Tag,
    TrainingInputMode,
)

ROLE_ARN = os.environ.get("SAGEMAKER_ROLE_ARN", "arn:aws:iam::123456789012:role/SageMakerRole")
IMAGE = os.environ.get(
    "SAGEMAKER_TRAINING_IMAGE",
    "382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1",
)
S3_PREFIX = os.environ.get("SAGEMAKER_S3_PREFIX", "s3://my-sagemaker-bucket/quickstart")
INSTANCE_TYPE = "ml.m5.large"


def show_training(attempt: int, elapsed: float, job: DescribeTrainingJobResponse | None) -> None:
    """Progress of the training waiter, one line per poll."""
    status = job.training_job_status if job else "unknown"
    secondary = job.secondary_status if job else None
    print(f"  poll {attempt} at {elapsed:5.1f} s: {status} ({secondary})")


def show_endpoint(attempt: int, elapsed: float, endpoint: DescribeEndpointOutput | None) -> None:
    """Progress of the endpoint waiter, one line per poll."""
    status = endpoint.endpoint_status if endpoint else "unknown"
    print(f"  poll {attempt} at {elapsed:5.1f} s: {status}")


def main() -> None:
    """Train -> model -> endpoint config -> endpoint -> list models and endpoints."""
    name = f"quickstart-{uuid.uuid4().hex[:8]}"
    with SageMakerClient() as sagemaker:
        print(f"SageMaker at {sagemaker.endpoint_url} in {sagemaker.region}")

        print(f"1. training job {name}")
        sagemaker.create_training_job(
            training_job_name=name,
            algorithm_specification=AlgorithmSpecification(
                training_image=IMAGE, training_input_mode=TrainingInputMode.FILE
            ),
            role_arn=ROLE_ARN,
            input_data_config=[
                Channel(
                    channel_name="train",
                    data_source=DataSource(
                        s3_data_source=S3DataSource(
                            s3_data_type="S3Prefix",
                            s3_uri=f"{S3_PREFIX}/train/",
                            s3_data_distribution_type="FullyReplicated",
                        )
                    ),
                )
            ],
            output_data_config=OutputDataConfig(s3_output_path=f"{S3_PREFIX}/output"),
            resource_config=ResourceConfig(
                instance_type=INSTANCE_TYPE, instance_count=1, volume_size_in_gb=10
            ),
            stopping_condition=StoppingCondition(max_runtime_in_seconds=3600),
            hyper_parameters={"feature_dim": "2", "predictor_type": "regressor"},
            tags=[Tag(key="project", value="quickstart")],
        )
        job = sagemaker.wait_until_training_job_completed_or_stopped(
            training_job_name=name, on_poll=show_training
        )
        artifacts = job.model_artifacts.s3_model_artifacts if job.model_artifacts else None
        print(f"   artifacts: {artifacts}")

        print(f"2. model, endpoint config and endpoint {name}")
        sagemaker.create_model(
            model_name=name,
            primary_container=ContainerDefinition(image=IMAGE, model_data_url=artifacts),
            execution_role_arn=ROLE_ARN,
        )
        sagemaker.create_endpoint_config(
            endpoint_config_name=name,
            production_variants=[
                ProductionVariant(
                    variant_name="AllTraffic",
                    model_name=name,
                    initial_instance_count=1,
                    instance_type=INSTANCE_TYPE,
                )
            ],
        )
        sagemaker.create_endpoint(endpoint_name=name, endpoint_config_name=name)
        endpoint = sagemaker.wait_until_endpoint_in_service(
            endpoint_name=name, on_poll=show_endpoint
        )
        print(f"   {endpoint.endpoint_arn} is {endpoint.endpoint_status}")

        print("3. models and endpoints, across all pages")
        for model in sagemaker.paginate_list_models(max_results=10):
            print(f"   model    {model.model_name}  created {model.creation_time}")
        for summary in sagemaker.paginate_list_endpoints(max_results=10):
            print(f"   endpoint {summary.endpoint_name}  {summary.endpoint_status}")


if __name__ == "__main__":
    main()
