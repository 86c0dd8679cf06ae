"""Names match boto3's (botocore.xform_name) over the whole SageMaker service model."""

import gzip
import json
from pathlib import Path

import botocore
import pytest

from codegen import naming

SERVICE = Path(botocore.__file__).parent / "data" / "sagemaker" / "2017-07-24" / "service-2.json.gz"


def _service_names() -> list[str]:
    with gzip.open(SERVICE, "rt", encoding="utf-8") as stream:
        service = json.load(stream)
    names = set(service["operations"])
    for shape in service["shapes"].values():
        if shape.get("type") == "structure":
            names.update(shape.get("members", {}))
    return sorted(names)


def test_snake_case_matches_botocore_xform_name() -> None:
    names = _service_names()
    assert len(names) > 1000
    mismatches = {n: (naming.snake_case(n), botocore.xform_name(n)) for n in names}
    assert {n: m for n, m in mismatches.items() if m[0] != m[1]} == {}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CreateNotebookInstance", "create_notebook_instance"),
        ("VolumeSizeInGB", "volume_size_in_gb"),
        ("S3Uri", "s3_uri"),
        ("KmsKeyId", "kms_key_id"),
        ("S3DataSource", "s3_data_source"),
        ("SecurityGroupIds", "security_group_ids"),
        ("ResourceARNs", "resource_arns"),
    ],
)
def test_snake_case_examples(name: str, expected: str) -> None:
    assert naming.snake_case(name) == expected


def test_keywords_are_escaped() -> None:
    assert naming.attribute_name("Lambda") == "lambda_"
    assert naming.attribute_name("Self") == "self_"
    assert naming.attribute_name("Type") == "type"  # builtins and soft keywords are fine
    assert naming.attribute_name("Id") == "id"


def test_enum_member_names() -> None:
    values = ["InService", "OutOfService", "CREATE_FAILED", "ml.t2.medium", "1.0", "In-Service", ""]
    assert naming.enum_member_names(values) == [
        "IN_SERVICE",
        "OUT_OF_SERVICE",
        "CREATE_FAILED",
        "ML_T2_MEDIUM",
        "VALUE_1_0",
        "IN_SERVICE_2",
        "VALUE",
    ]


def test_singular() -> None:
    assert naming.singular("ProductionVariants") == "ProductionVariant"
    assert naming.singular("Policies") == "Policy"
    assert naming.singular("Addresses") == "Address"
    assert naming.singular("InputDataConfig") == "InputDataConfigItem"
