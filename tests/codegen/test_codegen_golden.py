"""The small spec renders to exactly the committed golden files (UPDATE_GOLDEN=1 rewrites them)."""

import os
import shutil
from pathlib import Path

from codegen.__main__ import differences, generate

HERE = Path(__file__).parent
SMALL = HERE / "specs" / "small"
GOLDEN = HERE / "golden"


def test_small_spec_matches_golden(tmp_path: Path) -> None:
    problems, notes = generate(SMALL, tmp_path)
    assert problems == []
    assert notes == [
        "CreateWidgetInput.Variant: named CreateWidgetVariant;"
        " another 'Variant' has a different shape",
        "Widget.Variant: named WidgetVariant; another 'Variant' has a different shape",
    ]
    if os.environ.get("UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(tmp_path, GOLDEN)
    assert differences(tmp_path, GOLDEN) == []


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert generate(SMALL, first)[0] == []
    assert generate(SMALL, second)[0] == []
    assert differences(first, second) == []


def test_small_spec_names(tmp_path: Path) -> None:
    """The naming rules, read off the golden models and enums (one module per shape)."""
    models = "\n".join(p.read_text() for p in sorted((GOLDEN / "models").glob("*.py")))
    # Config: CreateWidget's (Mode is an enum) and Widget's (Mode is a string) are one class.
    assert models.count("class Config(ServiceModel):") == 1
    assert "mode: Mode | str | None" in models
    # Parts items: renamed by inline-names.yaml; Detail structure vs free-form object unified.
    assert "class WidgetPart(ServiceModel):" in models and "detail: Detail | None" in models
    # Same name, different shape: each prefixed with its owner.
    assert "class CreateWidgetVariant(ServiceModel):" in models
    assert "class WidgetVariant(ServiceModel):" in models
    # The enum that would clash with class Detail is named after its owner.
    assert "class ListWidgetsDetail(ServiceEnum):" in models
    # StatusEquals has the values of Widget.WidgetStatus: the component's name wins.
    assert "status_equals: WidgetStatus | str | None" in models
    assert "lambda_: bool | None" in models
    # An operation without a response body returns None, and has no output class.
    assert "def ping(self) -> None:" in (GOLDEN / "client.py").read_text()
    assert "PingOutput" not in models
