"""Read every input of the generator from the spec directory; nothing else is read.

The OpenAPI document is parsed with PyYAML (dates kept as strings) and validated with
openapi-python-client's pydantic models of the OpenAPI 3.1 objects. Its strings arrive wrapped
(``UntrustedString``); ``text`` unwraps them so the rest of the generator handles plain ``str``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]
from openapi_python_client.schema import OpenAPI
from pydantic import ValidationError

from codegen.ir import Problem

OPENAPI_FILE = "amazon-sagemaker-openapi.yml"
WAITERS_FILE = "sagemaker-waiters-2.json"
ERRORS_FILE = "sagemaker-errors.json"
INLINE_NAMES_FILE = "inline-names.yaml"
# Every file whose bytes go into the generated code, in the order they are hashed.
INPUT_FILES = (OPENAPI_FILE, WAITERS_FILE, ERRORS_FILE, INLINE_NAMES_FILE)
OPTIONAL_FILES = frozenset({WAITERS_FILE, INLINE_NAMES_FILE})


class _SpecLoader(yaml.SafeLoader):  # type: ignore[misc]
    """SafeLoader without the timestamp resolver: ``version: 2017-07-24`` stays a string."""


_SpecLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_SpecLoader)  # a SafeLoader subclass


def text(value: object) -> str:
    """A plain ``str`` from an ``UntrustedString`` / ``Ref`` / ``str`` (``""`` for ``None``)."""
    if value is None:
        return ""
    unwrap = getattr(value, "get_untrusted_value", None)
    if unwrap is not None:
        return str(unwrap())
    return str(value)


@dataclass(frozen=True)
class Inputs:
    """The parsed contents of the spec directory."""

    spec_dir_name: str
    sha256: str
    openapi: OpenAPI
    waiters: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, Any] = field(default_factory=dict)
    inline_names: dict[str, str] = field(default_factory=dict)


def spec_sha256(spec_dir: Path) -> str:
    """One digest over all inputs: for each file (fixed order) its name, NUL, bytes, NUL."""
    digest = hashlib.sha256()
    for name in INPUT_FILES:
        path = spec_dir / name
        if path.exists():
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def load(spec_dir: Path) -> tuple[Inputs | None, list[Problem]]:
    """Read and validate the spec directory; every problem found is returned, none raised."""
    problems: list[Problem] = []
    raw: dict[str, Any] = {}
    for name in INPUT_FILES:
        path = spec_dir / name
        if not path.exists():
            if name not in OPTIONAL_FILES:
                problems.append(Problem(name, f"missing from {spec_dir}"))
            continue
        try:
            content = path.read_text(encoding="utf-8")
            raw[name] = json.loads(content) if name.endswith(".json") else load_yaml(content)
        except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as exc:
            problems.append(Problem(name, f"cannot be parsed: {exc}"))

    openapi: OpenAPI | None = None
    if isinstance(raw.get(OPENAPI_FILE), dict):
        try:
            openapi = OpenAPI.model_validate(raw[OPENAPI_FILE])
        except ValidationError as exc:
            for error in exc.errors():
                where = ".".join(str(part) for part in error["loc"])
                problems.append(Problem(f"{OPENAPI_FILE} {where}", error["msg"]))
    elif OPENAPI_FILE in raw:
        problems.append(Problem(OPENAPI_FILE, "is not a mapping"))

    waiters = raw.get(WAITERS_FILE, {"version": 2, "waiters": {}})
    if not isinstance(waiters, dict) or not isinstance(waiters.get("waiters"), dict):
        problems.append(Problem(WAITERS_FILE, "has no 'waiters' mapping"))
        waiters = {"waiters": {}}
    errors = raw.get(ERRORS_FILE, {})
    if ERRORS_FILE in raw and not (
        isinstance(errors, dict)
        and isinstance(errors.get("errors"), dict)
        and isinstance(errors.get("operations"), dict)
    ):
        problems.append(Problem(ERRORS_FILE, "needs 'errors' and 'operations' mappings"))
        errors = {}
    inline_names = raw.get(INLINE_NAMES_FILE) or {}
    if not isinstance(inline_names, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in inline_names.items()
    ):
        problems.append(Problem(INLINE_NAMES_FILE, "must map location strings to class names"))
        inline_names = {}

    if openapi is None or problems:
        return None, problems
    inputs = Inputs(
        spec_dir_name=spec_dir.resolve().name,
        sha256=spec_sha256(spec_dir),
        openapi=openapi,
        waiters=waiters,
        errors=errors,
        inline_names=inline_names,
    )
    return inputs, problems
