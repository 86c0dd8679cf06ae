from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import sagemaker_client
import sagemaker_client.errors
import sagemaker_client.models
from sagemaker_client import AsyncSageMakerClient, SageMakerClient
from sagemaker_client._async.paginator import AsyncPaginator
from sagemaker_client._sync.paginator import Paginator

PACKAGE_DIR = Path(sagemaker_client.__file__).parent


@pytest.mark.parametrize("module", [sagemaker_client, sagemaker_client.errors])
def test_all_is_sorted_and_importable(module):
    names = list(module.__all__)
    assert names == sorted(names)
    assert len(set(names)) == len(names)
    for name in names:
        assert getattr(module, name) is not None


def test_models_all_is_importable():
    names = sagemaker_client.models.__all__
    assert names == sorted(names)
    assert {"Endpoint", "EndpointStatus", "ProductionVariant"} <= set(names)
    for name in names:
        getattr(sagemaker_client.models, name)


def test_every_error_derives_from_sagemaker_error():
    base = sagemaker_client.errors.SageMakerError
    assert sagemaker_client.SageMakerError is base
    for name in sagemaker_client.errors.__all__:
        value = getattr(sagemaker_client.errors, name)
        assert isinstance(value, type), name
        assert issubclass(value, base), name


def test_modeled_errors_are_service_errors_with_their_code():
    from sagemaker_client._generated.errors import MODELED_ERRORS

    for code, cls in MODELED_ERRORS.items():
        assert issubclass(cls, sagemaker_client.errors.ServiceError)
        assert cls.code == code
        assert getattr(sagemaker_client.errors, cls.__name__) is cls


SYNC_ONLY_TO_ASYNC = {"close": "aclose"}  # httpx's naming: Client.close / AsyncClient.aclose


def public_methods(cls):
    return {
        name
        for name, value in inspect.getmembers(cls)
        if not name.startswith("_") and callable(value)
    }


def test_same_public_method_names():
    sync_names = {SYNC_ONLY_TO_ASYNC.get(n, n) for n in public_methods(SageMakerClient)}
    assert sync_names == public_methods(AsyncSageMakerClient)


def signature_facts(function):
    signature = inspect.signature(function)
    return [(p.name, p.kind, p.default, str(p.annotation)) for p in signature.parameters.values()]


CLIENT_METHODS = {"with_options"}  # about the client itself, plain methods in both

OPERATION_METHODS = sorted(
    name
    for name in public_methods(SageMakerClient)
    if name not in SYNC_ONLY_TO_ASYNC and name not in CLIENT_METHODS
)


@pytest.mark.parametrize("name", sorted(CLIENT_METHODS))
def test_client_methods_are_plain_and_alike(name):
    sync, asyn = getattr(SageMakerClient, name), getattr(AsyncSageMakerClient, name)
    assert not inspect.iscoroutinefunction(sync)
    assert not inspect.iscoroutinefunction(asyn)
    assert signature_facts(sync) == signature_facts(asyn)


def test_there_are_operations_paginators_and_waiters():
    assert "describe_endpoint" in OPERATION_METHODS
    assert any(n.startswith("paginate_") for n in OPERATION_METHODS)
    assert any(n.startswith("wait_until_") for n in OPERATION_METHODS)


@pytest.mark.parametrize("name", OPERATION_METHODS)
def test_same_parameters(name):
    assert signature_facts(getattr(SageMakerClient, name)) == signature_facts(
        getattr(AsyncSageMakerClient, name)
    )


def test_constructors_have_the_same_parameters_but_http_client():
    sync = {f[0]: f for f in signature_facts(SageMakerClient.__init__)}
    asyn = {f[0]: f for f in signature_facts(AsyncSageMakerClient.__init__)}
    assert sync.keys() == asyn.keys()
    for name, facts in sync.items():
        if name != "http_client":
            assert facts == asyn[name], name


@pytest.mark.parametrize("name", OPERATION_METHODS)
def test_async_methods_are_coroutines_and_paginators_async(name):
    method = getattr(AsyncSageMakerClient, name)
    if name.startswith("paginate_"):
        assert not inspect.iscoroutinefunction(method)
        client = AsyncSageMakerClient(
            region="us-east-1", aws_access_key_id="a", aws_secret_access_key="b"
        )
        # Nothing is sent (or checked) before iteration starts.
        required = {
            p.name: None
            for p in inspect.signature(method).parameters.values()
            if p.kind is p.KEYWORD_ONLY and p.default is p.empty
        }
        assert isinstance(getattr(client, name)(**required), AsyncPaginator)
        sync_client = SageMakerClient(
            region="us-east-1", aws_access_key_id="a", aws_secret_access_key="b"
        )
        assert isinstance(getattr(sync_client, name)(**required), Paginator)
    else:
        assert inspect.iscoroutinefunction(method), name
        assert not inspect.iscoroutinefunction(getattr(SageMakerClient, name))


def test_async_close_and_context_manager_are_coroutines():
    assert inspect.iscoroutinefunction(AsyncSageMakerClient.aclose)
    assert inspect.iscoroutinefunction(AsyncSageMakerClient.__aenter__)
    assert inspect.iscoroutinefunction(AsyncSageMakerClient.__aexit__)


# -- import layering -------------------------------------------------------------------------


def all_modules():
    modules = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        relative = path.relative_to(PACKAGE_DIR.parent).with_suffix("")
        parts = list(relative.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules.append((".".join(parts), path))
    return modules


def imports_of(path: Path, module_name: str):
    """(imported module, at top level?) for every import in the file, relative ones resolved."""
    tree = ast.parse(path.read_text())
    package = module_name if path.name == "__init__.py" else module_name.rpartition(".")[0]
    top_level = set()
    for node in tree.body:
        top_level.add(id(node))
        if isinstance(node, ast.If):  # `if TYPE_CHECKING:` blocks count as top level
            for child in ast.walk(node):
                top_level.add(id(child))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, id(node) in top_level) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((name, id(node) in top_level))
            found.extend((f"{name}.{alias.name}", id(node) in top_level) for alias in node.names)
    return found


def is_under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def test_every_module_is_found():
    names = [name for name, _ in all_modules()]
    assert "sagemaker_client._core.flow" in names
    assert "sagemaker_client._sync.driver" in names
    assert "sagemaker_client._async.driver" in names
    for name in names:
        if name.startswith("sagemaker_client"):
            importlib.import_module(name)
    walked = {m.name for m in pkgutil.walk_packages(sagemaker_client.__path__, "sagemaker_client.")}
    assert walked <= set(names)


FORBIDDEN = {
    "sagemaker_client._core": [
        "sagemaker_client._sync",
        "sagemaker_client._async",
        "sagemaker_client._generated",
        "httpx",
        "asyncio",
        "anyio",
        "sniffio",
        "sagemaker_client._config",
        "sagemaker_client._credentials",
        "sagemaker_client._client_state",
        "sagemaker_client._httpx",
        "sagemaker_client._pools",
        "sagemaker_client._tls",
    ],
    "sagemaker_client._sync": [
        "sagemaker_client._generated",
        "sagemaker_client._async",
        "asyncio",
        "anyio",
    ],
    "sagemaker_client._async": ["sagemaker_client._generated", "sagemaker_client._sync"],
}


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_import_layering(layer):
    violations = []
    checked = 0
    for name, path in all_modules():
        if not is_under(name, layer):
            continue
        checked += 1
        for imported, _ in imports_of(path, name):
            for forbidden in FORBIDDEN[layer]:
                if is_under(imported, forbidden):
                    violations.append(f"{name} imports {imported}")
    assert checked > 0
    assert violations == []


def test_core_imports_botocore_only_inside_functions():
    violations = []
    inner = 0
    for name, path in all_modules():
        if not is_under(name, "sagemaker_client._core"):
            continue
        for imported, top in imports_of(path, name):
            if is_under(imported, "botocore"):
                if top:
                    violations.append(f"{name} imports {imported} at module level")
                else:
                    inner += 1
    assert violations == []
    assert inner > 0  # signing does import it, lazily


def test_layering_checker_catches_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import httpx\nfrom ..._sync import driver\ndef f():\n    import botocore.auth\n"
    )
    found = imports_of(bad, "sagemaker_client._core.sub.bad")
    assert ("httpx", True) in found
    assert ("botocore.auth", False) in found
    assert any(is_under(n, "sagemaker_client._sync") for n, _ in found)
