"""Pin facts the OpenAPI document lacks from the installed botocore (run by hand, not by codegen).

``python -m codegen.pin_botocore [--spec-dir spec]`` writes ``sagemaker-errors.json`` (modeled
error shapes, and the errors each operation of the seed document may return) and re-copies
botocore's ``waiters-2.json`` byte for byte. Update ``spec/SOURCE.md`` afterwards.
"""

from __future__ import annotations

import argparse
import gzip
import html
import importlib.metadata
import importlib.util
import json
import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from codegen.load import ERRORS_FILE, OPENAPI_FILE, WAITERS_FILE, load_yaml

SERVICE_DIR = ("data", "sagemaker", "2017-07-24")


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(markup: str) -> str:
    """Botocore's HTML documentation as one line of plain text."""
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    return re.sub(r"\s+", " ", html.unescape("".join(parser.parts))).strip()


def botocore_service_dir() -> Path:
    """The installed botocore's SageMaker data directory (found without importing botocore)."""
    found = importlib.util.find_spec("botocore")
    if found is None or not found.submodule_search_locations:
        raise SystemExit("botocore is not installed")
    return Path(next(iter(found.submodule_search_locations))).joinpath(*SERVICE_DIR)


def errors_table(service: dict[str, Any], operations: list[str], version: str) -> dict[str, Any]:
    shapes = service["shapes"]
    errors = {
        name: {"documentation": plain_text(shape.get("documentation", ""))}
        for name, shape in shapes.items()
        if shape.get("exception")
    }
    return {
        "botocore_version": version,
        "errors": errors,
        "operations": {
            name: [error["shape"] for error in service["operations"][name].get("errors", [])]
            for name in operations
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen.pin_botocore", description=__doc__)
    parser.add_argument("--spec-dir", type=Path, default=Path("spec"))
    args = parser.parse_args(argv)
    spec_dir: Path = args.spec_dir

    document = load_yaml((spec_dir / OPENAPI_FILE).read_text(encoding="utf-8"))
    operations = [
        item["post"]["operationId"] for item in document["paths"].values() if "post" in item
    ]
    data_dir = botocore_service_dir()
    with gzip.open(data_dir / "service-2.json.gz", "rt", encoding="utf-8") as stream:
        service = json.load(stream)
    missing = [name for name in operations if name not in service["operations"]]
    if missing:
        print(f"not in botocore's service model: {', '.join(missing)}", file=sys.stderr)
        return 1
    table = errors_table(service, operations, importlib.metadata.version("botocore"))
    (spec_dir / ERRORS_FILE).write_text(
        json.dumps(table, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    shutil.copyfile(data_dir / "waiters-2.json", spec_dir / WAITERS_FILE)
    print(f"wrote {spec_dir / ERRORS_FILE} and {spec_dir / WAITERS_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
