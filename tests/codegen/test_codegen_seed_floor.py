"""The seed description is the floor: everything it promises exists in the generated SDK.

Every seed operation, request member, response member and enum value must exist, with a
compatible type. Where the seed and botocore's model disagree (botocore wins), the disagreement is
printed in the test output, one line each.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from codegen import ir
from codegen.__main__ import ROOT
from codegen.build import build
from codegen.load import SEED_FILE, load

SPEC = ROOT / "spec"


def _service(openapi_file: str | None) -> ir.Service:
    inputs, problems = load(SPEC, openapi_file)
    assert inputs is not None, problems
    service, problems = build(inputs)
    assert service is not None, problems
    return service


SEED = _service(SEED_FILE)
FULL = _service(None)


def _kind(t: ir.TypeRef) -> str:
    match t:
        case ir.Primitive(name):
            return name
        case ir.ListOf():
            return "list"
        case ir.MapOf():
            return "map"
        case ir.StructRef():
            return "structure"
        case ir.EnumRef():
            return "enum"
    raise AssertionError(t)


def _compare(
    seed_type: ir.TypeRef, full_type: ir.TypeRef, where: str, seen: set[tuple[str, str]]
) -> Iterator[tuple[str, str]]:
    """(severity, message) for each difference: "missing" fails the test, "differs" is listed."""
    seed_kind, full_kind = _kind(seed_type), _kind(full_type)
    if {seed_kind, full_kind} <= {"str", "enum"} and seed_kind != full_kind:
        if seed_kind == "enum":
            yield "differs", f"{where}: an enum in the seed, a plain string in botocore"
            return
        yield "differs", f"{where}: a plain string in the seed, an enum in botocore"
        return
    if seed_kind == "object" and full_kind in ("structure", "map"):
        yield "differs", f"{where}: a free-form object in the seed, a {full_kind} in botocore"
        return
    if seed_kind != full_kind:
        yield "differs", f"{where}: {seed_kind} in the seed, {full_kind} in botocore"
        return
    match seed_type, full_type:
        case ir.ListOf(a), ir.ListOf(b):
            yield from _compare(a, b, f"{where}[]", seen)
        case ir.MapOf(a), ir.MapOf(b):
            yield from _compare(a, b, f"{where}{{}}", seen)
        case ir.EnumRef(a), ir.EnumRef(b):
            full_values = {v.value for v in _enum(FULL, b).values}
            for value in (v.value for v in _enum(SEED, a).values):
                if value not in full_values:
                    yield "differs", f"{where}: enum value {value!r} is not in botocore's {b}"
        case ir.StructRef(a), ir.StructRef(b):
            yield from _members(SEED.structure(a), FULL.structure(b), where, seen)


def _enum(service: ir.Service, name: str) -> ir.Enum:
    return next(e for e in service.enums if e.name == name)


def _members(
    seed: ir.Structure, full: ir.Structure, where: str, seen: set[tuple[str, str]]
) -> Iterator[tuple[str, str]]:
    if (seed.name, full.name) in seen:
        return
    seen.add((seed.name, full.name))
    for member in seed.members:
        other = full.member(member.wire_name)
        if other is None:
            # The seed types list items of responses as whole resources; the service (and
            # botocore) sends summaries. Anywhere else a missing member breaks the floor.
            severity = "differs" if " response" in where and "[]" in where else "missing"
            yield severity, f"{where}.{member.wire_name}: not in botocore's {full.name}"
            continue
        if other.name != member.name:
            yield "missing", f"{where}.{member.wire_name}: named {other.name}, not {member.name}"
        yield from _compare(member.type, other.type, f"{where}.{member.wire_name}", seen)


def _findings() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for op in SEED.operations:
        if op.name not in {o.name for o in FULL.operations}:
            found.append(("missing", f"operation {op.name} is not generated"))
            continue
        full = FULL.operation(op.name)
        if full.method_name != op.method_name:
            found.append(("missing", f"operation {op.name}: method {full.method_name}"))
        seen: set[tuple[str, str]] = set()
        pairs = [(op.input, full.input, "request")]
        pairs.append((op.output, full.output, "response"))
        for seed_shape, full_shape, side in pairs:
            if seed_shape is None:
                continue
            if full_shape is None:
                found.append(("missing", f"{op.name} {side}: botocore has no body"))
                continue
            found.extend(
                _members(
                    SEED.structure(seed_shape),
                    FULL.structure(full_shape),
                    f"{op.name} {side}",
                    seen,
                )
            )
    return found


def test_seed_is_the_floor(capsys: pytest.CaptureFixture[str]) -> None:
    findings = _findings()
    missing = [message for severity, message in findings if severity == "missing"]
    differs = sorted({message for severity, message in findings if severity == "differs"})
    with capsys.disabled():
        print(f"\nseed vs botocore: {len(differs)} disagreement(s), botocore wins:")
        for message in differs:
            print(f"  {message}")
    assert len(SEED.operations) == 13
    assert missing == []
