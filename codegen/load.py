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

OPENAPI_FILE = "sagemaker.openapi.json"
# A hand-written document (the generator's test specs) may be YAML instead.
OPENAPI_FALLBACK = "sagemaker.openapi.yaml"
SEED_FILE = "amazon-sagemaker-openapi.yml"
INLINE_NAMES_FILE = "inline-names.yaml"
OPTIONAL_FILES = frozenset({INLINE_NAMES_FILE})


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
    inline_names: dict[str, str] = field(default_factory=dict)


def spec_sha256(spec_dir: Path, files: tuple[str, ...]) -> str:
    """One digest over the inputs: for each file (fixed order) its name, NUL, bytes, NUL."""
    digest = hashlib.sha256()
    for name in files:
        path = spec_dir / name
        if path.exists():
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def load(spec_dir: Path, openapi_file: str | None = None) -> tuple[Inputs | None, list[Problem]]:
    """Read and validate the spec directory; every problem found is returned, none raised.

    ``openapi_file`` picks the document: by default the one converted from botocore
    (``sagemaker.openapi.json``, else ``sagemaker.openapi.yaml``); the tests also read the seed
    (``SEED_FILE``) to prove that the generated SDK covers it.
    """
    if openapi_file is None:
        has_json = (spec_dir / OPENAPI_FILE).exists() or not (spec_dir / OPENAPI_FALLBACK).exists()
        openapi_file = OPENAPI_FILE if has_json else OPENAPI_FALLBACK
    problems: list[Problem] = []
    files = (openapi_file, INLINE_NAMES_FILE)
    raw: dict[str, Any] = {}
    for name in files:
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
    if isinstance(raw.get(openapi_file), dict):
        try:
            openapi = OpenAPI.model_validate(raw[openapi_file])
        except ValidationError as exc:
            for error in exc.errors():
                where = ".".join(str(part) for part in error["loc"])
                problems.append(Problem(f"{openapi_file} {where}", error["msg"]))
    elif openapi_file in raw:
        problems.append(Problem(openapi_file, "is not a mapping"))

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
        sha256=spec_sha256(spec_dir, files),
        openapi=openapi,
        inline_names=inline_names,
    )
    return inputs, problems
