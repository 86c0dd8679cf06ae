"""Generated model modules import other models for type checkers only (``_core/types.py``)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "sagemaker_client" / "_generated" / "models"
GOLDEN = Path(__file__).parent / "golden" / "models"
PACKAGE = "sagemaker_client._generated.models"


def _runtime_model_imports(path: Path) -> list[str]:
    """Model modules ``path`` imports when it runs (anything outside ``if TYPE_CHECKING:``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith(PACKAGE):
                found.append(inner.module or "")
            if isinstance(inner, ast.Import):
                found += [alias.name for alias in inner.names if alias.name.startswith(PACKAGE)]
    return found


def test_model_modules_import_no_model_at_run_time():
    paths = [p for p in sorted(MODELS.glob("*.py")) if p.name != "__init__.py"]
    assert len(paths) > 1000
    offenders = {p.name: imports for p in paths if (imports := _runtime_model_imports(p))}
    assert offenders == {}


def test_golden_models_name_nested_classes_for_type_checkers_only():
    widget = (GOLDEN / "widget.py").read_text()
    assert _runtime_model_imports(GOLDEN / "widget.py") == []
    block = "if TYPE_CHECKING:\n    from sagemaker_client._generated.models.config import Config\n"
    assert block in widget
    # A module without nested classes has no TYPE_CHECKING block at all.
    assert "TYPE_CHECKING" not in (GOLDEN / "detail.py").read_text()
