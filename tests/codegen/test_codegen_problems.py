"""Broken inputs yield the listed problems, each naming where it is, all reported together."""

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.__main__ import generate, main
from codegen.load import OPENAPI_FALLBACK, load_yaml

SMALL = Path(__file__).parent / "specs" / "small"

Doc = dict[str, Any]


def _broken(tmp_path: Path, edit_doc: Callable[[Doc], None], edit_waiters=None) -> Path:
    spec = tmp_path / "spec"
    shutil.copytree(SMALL, spec)
    doc = load_yaml((spec / OPENAPI_FALLBACK).read_text())
    edit_doc(doc)
    if edit_waiters is not None:
        edit_waiters(doc["x-aws-waiters"])
    (spec / OPENAPI_FALLBACK).write_text(yaml.safe_dump(doc, sort_keys=False))
    return spec


def _body(doc: Doc, op: str) -> Doc:
    content = doc["paths"][f"/#{op}"]["post"]["requestBody"]["content"]
    return content["application/x-amz-json-1.1"]["schema"]


def _missing_ref(doc: Doc) -> None:
    _body(doc, "CreateWidget")["properties"]["Tags"]["items"] = {
        "$ref": "#/components/schemas/Missing"
    }


def _no_target_header(doc: Doc) -> None:
    del doc["paths"]["/#DescribeWidget"]["post"]["parameters"]


def _array_body(doc: Doc) -> None:
    content = doc["paths"]["/#CreateWidget"]["post"]["requestBody"]["content"]
    content["application/x-amz-json-1.1"]["schema"] = {"type": "array", "items": {"type": "string"}}


def _missing_member(waiters: Doc) -> None:
    waiters["WidgetReady"]["acceptors"][0]["argument"] = "WidgetState"


def _jmespath(waiters: Doc) -> None:
    waiters["WidgetPartsNamed"]["acceptors"][0]["argument"] = "length(Parts) > `0`"


def _nothing(doc: Doc) -> None:
    pass


CASES = {
    "missing $ref": (
        _missing_ref,
        None,
        [
            "CreateWidgetInput.Tags[]: $ref '#/components/schemas/Missing' does not resolve"
            " to a component schema"
        ],
    ),
    "no X-Amz-Target": (
        _no_target_header,
        None,
        ["operation DescribeWidget: missing the required X-Amz-Target header parameter"],
    ),
    "array request body": (
        _array_body,
        None,
        ["operation CreateWidget request body: schema must be an object, not 'array'"],
    ),
    "waiter path names a missing member": (
        _nothing,
        _missing_member,
        [
            "x-aws-waiters.WidgetReady.acceptors[0]: 'WidgetState' in"
            " 'WidgetState' is not a member of Widget"
        ],
    ),
    "untranslatable JMESPath": (
        _nothing,
        _jmespath,
        [
            "x-aws-waiters.WidgetPartsNamed.acceptors[0]: cannot translate"
            " JMESPath expression 'length(Parts) > `0`'"
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_broken_spec_problem(tmp_path: Path, case: str) -> None:
    edit_doc, edit_waiters, expected = CASES[case]
    spec = _broken(tmp_path, edit_doc, edit_waiters)
    problems, _ = generate(spec, tmp_path / "out")
    assert problems == expected
    assert not (tmp_path / "out").exists()


def test_all_problems_are_reported_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def edit(doc: Doc) -> None:
        _missing_ref(doc)
        _no_target_header(doc)
        doc["paths"]["/#ListWidgets"]["post"]["parameters"].append(
            {"name": "Limit", "in": "query", "schema": {"type": "integer"}}
        )

    spec = _broken(tmp_path, edit)
    (spec / "inline-names.yaml").write_text('"*.Parts[]": WidgetPart\n"Nope.Things[]": Thing\n')
    assert main(["--spec-dir", str(spec), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"4 problem(s) in {spec}:",
        "  CreateWidgetInput.Tags[]: $ref '#/components/schemas/Missing' does not resolve"
        " to a component schema",
        "  operation DescribeWidget: missing the required X-Amz-Target header parameter",
        "  operation ListWidgets: parameter 'Limit' (in query) is not supported: AWS JSON 1.1"
        " sends the whole input in the body",
        "  inline-names.yaml 'Nope.Things[]': matches no inline schema",
    ]


def test_error_response_must_name_an_error_schema(tmp_path: Path) -> None:
    def edit(doc: Doc) -> None:
        doc["paths"]["/#ListWidgets"]["post"]["responses"]["400"] = {
            "description": "Not an error shape.",
            "content": {
                "application/x-amz-json-1.1": {"schema": {"$ref": "#/components/schemas/Tag"}}
            },
        }

    problems, _ = generate(_broken(tmp_path, edit), tmp_path / "out")
    assert problems == ["operation ListWidgets: error 'Tag' is not an x-aws-error schema"]


def test_waiter_on_an_unknown_operation(tmp_path: Path) -> None:
    def edit(waiters: Doc) -> None:
        waiters["GadgetReady"] = {
            "delay": 5,
            "maxAttempts": 10,
            "operation": "DescribeGadget",
            "acceptors": [{"state": "success", "matcher": "status", "expected": 200}],
        }

    problems, _ = generate(_broken(tmp_path, _nothing, edit), tmp_path / "out")
    assert problems == [
        "x-aws-waiters.GadgetReady: operation 'DescribeGadget' is not in the document"
    ]


def test_check_reports_stale_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["--spec-dir", str(SMALL), "--out", str(out)]) == 0
    (out / "errors.py").write_text("# edited\n")
    (out / "models" / "extra.py").write_text("")
    assert main(["--spec-dir", str(SMALL), "--out", str(out), "--check"]) == 1
    err = capsys.readouterr().err
    assert f"  {out / 'errors.py'}" in err and f"  {out / 'models/extra.py'}" in err
