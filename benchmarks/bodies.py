"""Canned AWS JSON 1.1 response bodies, shaped like the real SageMaker service's.

Field names and nesting follow botocore's SageMaker model; timestamps are epoch seconds with
milliseconds, as AWS sends them. Only the standard library is used: the fake server imports this.
"""

from __future__ import annotations

import json
from typing import Any

ACCOUNT = "123456789012"
REGION = "us-east-1"
TRAINING_JOB_NAME = "bench-xgboost-2024-05-01-12-00-00-000"
ENDPOINT_NAME = "bench-endpoint"
MODEL_COUNT = 10_000

_T0 = 1_714_564_800.123  # 2024-05-01T12:00:00.123Z


def _arn(kind: str, name: str) -> str:
    return f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:{kind}/{name}"


def _at(seconds: float) -> float:
    return round(_T0 + seconds, 3)


def describe_training_job() -> dict[str, Any]:
    """A finished training job with 30 timestamps (status transitions, metrics, rule statuses)."""
    transitions = [
        ("Starting", "Preparing the instances for training", 0, 95),
        ("Downloading", "Downloading input data", 95, 160),
        ("Training", "Downloading the training image", 160, 230),
        ("Training", "Training image download completed. Training in progress.", 230, 3400),
        ("Uploading", "Uploading generated training model", 3400, 3460),
        ("Completed", "Training job completed", 3460, 3461),
        ("Completed", "Training job completed", 3461, 3462),
    ]
    metric_names = [
        "train:rmse",
        "validation:rmse",
        "train:mae",
        "validation:mae",
        "train:logloss",
        "validation:logloss",
        "train:auc",
        "validation:auc",
        "train:error",
        "validation:error",
    ]
    return {
        "TrainingJobName": TRAINING_JOB_NAME,
        "TrainingJobArn": _arn("training-job", TRAINING_JOB_NAME),
        "ModelArtifacts": {
            "S3ModelArtifacts": f"s3://bench-bucket/output/{TRAINING_JOB_NAME}/output/model.tar.gz"
        },
        "TrainingJobStatus": "Completed",
        "SecondaryStatus": "Completed",
        "HyperParameters": {
            "eta": "0.2",
            "gamma": "4",
            "max_depth": "5",
            "min_child_weight": "6",
            "num_round": "300",
            "objective": "reg:squarederror",
            "subsample": "0.8",
            "early_stopping_rounds": "20",
        },
        "AlgorithmSpecification": {
            "TrainingImage": (
                "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"
            ),
            "TrainingInputMode": "File",
            "MetricDefinitions": [
                {"Name": name, "Regex": f".*\\[[0-9]+\\].*#011{name}:([-+]?[0-9]*\\.?[0-9]+)"}
                for name in metric_names
            ],
            "EnableSageMakerMetricsTimeSeries": False,
        },
        "RoleArn": f"arn:aws:iam::{ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole",
        "InputDataConfig": [
            {
                "ChannelName": channel,
                "DataSource": {
                    "S3DataSource": {
                        "S3DataType": "S3Prefix",
                        "S3Uri": f"s3://bench-bucket/data/{channel}/",
                        "S3DataDistributionType": "FullyReplicated",
                    }
                },
                "ContentType": "text/csv",
                "CompressionType": "None",
                "RecordWrapperType": "None",
                "InputMode": "File",
            }
            for channel in ("train", "validation")
        ],
        "OutputDataConfig": {"KmsKeyId": "", "S3OutputPath": "s3://bench-bucket/output"},
        "ResourceConfig": {
            "InstanceType": "ml.m5.2xlarge",
            "InstanceCount": 1,
            "VolumeSizeInGB": 30,
        },
        "StoppingCondition": {"MaxRuntimeInSeconds": 86400},
        "CreationTime": _at(-3.2),
        "TrainingStartTime": _at(95.4),
        "TrainingEndTime": _at(3461.9),
        "LastModifiedTime": _at(3462.6),
        "SecondaryStatusTransitions": [
            {
                "Status": status,
                "StartTime": _at(start + 0.25),
                "EndTime": _at(end + 0.75),
                "StatusMessage": message,
            }
            for status, message, start, end in transitions
        ],
        "FinalMetricDataList": [
            {"MetricName": name, "Value": 0.1 + index / 37, "Timestamp": _at(3399 + index)}
            for index, name in enumerate(metric_names)
        ],
        "EnableNetworkIsolation": False,
        "EnableInterContainerTrafficEncryption": False,
        "EnableManagedSpotTraining": False,
        "TrainingTimeInSeconds": 3366,
        "BillableTimeInSeconds": 3366,
        "DebugHookConfig": {
            "S3OutputPath": "s3://bench-bucket/output",
            "CollectionConfigurations": [
                {"CollectionName": "metrics", "CollectionParameters": {"save_interval": "10"}}
            ],
        },
        "ProfilerConfig": {
            "S3OutputPath": "s3://bench-bucket/output",
            "ProfilingIntervalInMilliseconds": 500,
            "DisableProfiler": False,
        },
        "ProfilerRuleConfigurations": [
            {
                "RuleConfigurationName": "ProfilerReport-1714564800",
                "RuleEvaluatorImage": (
                    "503895931360.dkr.ecr.us-east-1.amazonaws.com/sagemaker-debugger-rules:latest"
                ),
                "VolumeSizeInGB": 0,
                "RuleParameters": {"rule_to_invoke": "ProfilerReport"},
            }
        ],
        "ProfilerRuleEvaluationStatuses": [
            {
                "RuleConfigurationName": name,
                "RuleEvaluationJobArn": _arn("processing-job", f"{name.lower()}-1714564800"),
                "RuleEvaluationStatus": "NoIssuesFound",
                "LastModifiedTime": _at(3500 + offset),
            }
            for offset, name in enumerate(("ProfilerReport-1714564800", "LossNotDecreasing"))
        ],
        "ProfilingStatus": "Enabled",
        "Environment": {},
        "RetryStrategy": {"MaximumRetryAttempts": 1},
        "WarmPoolStatus": {"Status": "Terminated", "ResourceRetainedBillableTimeInSeconds": 0},
    }


def describe_endpoint() -> dict[str, Any]:
    """An in-service endpoint with two production variants."""
    return {
        "EndpointName": ENDPOINT_NAME,
        "EndpointArn": _arn("endpoint", ENDPOINT_NAME),
        "EndpointConfigName": f"{ENDPOINT_NAME}-config",
        "ProductionVariants": [
            {
                "VariantName": variant,
                "DeployedImages": [
                    {
                        "SpecifiedImage": (
                            "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"
                        ),
                        "ResolvedImage": (
                            "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost@"
                            "sha256:" + "0123456789abcdef" * 4
                        ),
                        "ResolutionTime": _at(7200.5),
                    }
                ],
                "CurrentWeight": weight,
                "DesiredWeight": weight,
                "CurrentInstanceCount": 2,
                "DesiredInstanceCount": 2,
            }
            for variant, weight in (("AllTraffic", 0.9), ("Shadow", 0.1))
        ],
        "EndpointStatus": "InService",
        "CreationTime": _at(7100.2),
        "LastModifiedTime": _at(7500.8),
    }


def model_summary(index: int) -> dict[str, Any]:
    """One item of ListModels."""
    name = f"bench-model-{index:05d}"
    return {"ModelName": name, "ModelArn": _arn("model", name), "CreationTime": _at(index * 60)}


def list_models_page(start: int, size: int) -> dict[str, Any]:
    """Items ``start`` .. ``start + size`` (newest first, like SortOrder=Descending)."""
    end = min(start + size, MODEL_COUNT)
    page: dict[str, Any] = {"Models": [model_summary(i) for i in range(start, end)]}
    if end < MODEL_COUNT:
        page["NextToken"] = f"page-token-{end:05d}"
    return page


def encode(body: dict[str, Any]) -> bytes:
    """Compact JSON, as AWS sends it."""
    return json.dumps(body, separators=(",", ":")).encode()
