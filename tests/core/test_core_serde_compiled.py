"""The compiled structure functions: every generated model, recursion, fallbacks, threads."""

from __future__ import annotations

import datetime
import enum
import functools
import json
import subprocess
import sys
import threading
import types
import typing
from typing import Any

import attrs
import pytest

from sagemaker_client._core.serde import ShapeMismatchError, from_wire, to_wire
from sagemaker_client._generated import models
from sagemaker_client.models import resolve_types

# Every test here runs with the interpreted first tier and with compiled functions only.
pytestmark = pytest.mark.usefixtures("serde_tier")

UTC = datetime.timezone.utc


@attrs.frozen(kw_only=True)
class Node:
    name: str = attrs.field(metadata={"wire": "Name"})
    children: list[Node] | None = attrs.field(default=None, metadata={"wire": "Children"})
    parent: Node | None = attrs.field(default=None, metadata={"wire": "Parent"})


@attrs.frozen(kw_only=True)
class Shapes:
    grid: list[list[int]] | None = attrs.field(default=None, metadata={"wire": "Grid"})
    index: dict[str, list[str]] | None = attrs.field(default=None, metadata={"wire": "Index"})
    nodes: dict[str, Node] | None = attrs.field(default=None, metadata={"wire": "Nodes"})
    document: Any = attrs.field(default=None, metadata={"wire": "Document"})
    when: list[datetime.datetime] | None = attrs.field(default=None, metadata={"wire": "When"})


def test_a_shape_that_contains_itself():
    data = {
        "Name": "root",
        "Children": [{"Name": "a", "Children": [{"Name": "a1"}]}, {"Name": "b"}],
        "Parent": {"Name": "up"},
    }
    node = from_wire(Node, data)
    assert node == Node(
        name="root",
        children=[Node(name="a", children=[Node(name="a1")]), Node(name="b")],
        parent=Node(name="up"),
    )
    assert to_wire(node) == data


def test_nested_containers_any_and_timestamp_lists():
    data = {
        "Grid": [[1, 2], [3.0]],
        "Index": {"k": ["x", "y"]},
        "Nodes": {"n": {"Name": "n"}},
        "Document": {"free": ["form", 1]},
        "When": [0, "2024-01-02T03:04:05Z"],
    }
    parsed = from_wire(Shapes, data)
    assert parsed.grid == [[1, 2], [3]]
    assert type(parsed.grid[1][0]) is int
    assert parsed.index == {"k": ["x", "y"]}
    assert parsed.nodes == {"n": Node(name="n")}
    assert parsed.document == {"free": ["form", 1]}
    assert parsed.when == [
        datetime.datetime(1970, 1, 1, tzinfo=UTC),
        datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
    ]


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"Grid": [[1], ["x"]]}, "$.grid[1][0]"),
        ({"Grid": [1]}, "$.grid[0]"),
        ({"Index": {"k": "not a list"}}, "$.index['k']"),
        ({"Nodes": {"n": {"Name": 3}}}, "$.nodes['n'].name"),
        ({"When": [True]}, "$.when[0]"),
    ],
)
def test_nested_problems_keep_their_paths(data, path):
    with pytest.raises(ShapeMismatchError) as caught:
        from_wire(Shapes, data)
    assert any(problem.startswith(path + ":") for problem in caught.value.problems), (
        caught.value.problems
    )


def test_deep_problem_in_a_recursive_shape():
    with pytest.raises(ShapeMismatchError) as caught:
        from_wire(Node, {"Name": "r", "Children": [{"Name": "a", "Children": [{"Name": []}]}]})
    assert caught.value.problems[0].startswith("$.children[0].children[0].name:")


@attrs.frozen(kw_only=True)
class Leaf:
    """Used by the threads test only, so its first use is there."""

    value: int = attrs.field(metadata={"wire": "Value"})


@attrs.frozen(kw_only=True)
class Tree:
    """Used by the threads test only, so its first use is there."""

    leaves: list[Leaf] = attrs.field(metadata={"wire": "Leaves"})
    again: Tree | None = attrs.field(default=None, metadata={"wire": "Again"})


def test_first_use_from_many_threads_at_once():
    data = {"Leaves": [{"Value": 1}], "Again": {"Leaves": [{"Value": 2}]}}
    start = threading.Barrier(8)
    results: list[Any] = []

    def parse() -> None:
        start.wait()
        results.append(from_wire(Tree, data))

    threads = [threading.Thread(target=parse) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = Tree(leaves=[Leaf(value=1)], again=Tree(leaves=[Leaf(value=2)]))
    assert results == [expected] * 8


# -- every generated model round-trips through JSON ---------------------------------------


def _example(tp: Any, name: str, depth: int) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        if depth > 3 and len(options) < len(typing.get_args(tp)):
            return None
        enums = [arg for arg in options if isinstance(arg, type) and issubclass(arg, enum.Enum)]
        return _example(enums[0] if enums else options[0], name, depth)
    if origin is list:
        return [_example(typing.get_args(tp)[0], name, depth + 1)]
    if origin is dict:
        return {"key": _example(typing.get_args(tp)[1], name, depth + 1)}
    if attrs.has(tp):
        resolve_types(tp)
        return tp(
            **{f.alias: _example(f.type, f.name, depth + 1) for f in attrs.fields(tp) if f.init}
        )
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return list(tp)[-1]
    if tp is bool:
        return True
    if tp is int:
        return 7
    if tp is float:
        return 0.25
    if tp is datetime.datetime:
        return datetime.datetime(2024, 5, 6, 7, 8, 9, 500000, tzinfo=UTC)
    if tp is str:
        return f"example-{name}"
    return {"document": [name]}


MODELS = [cls for cls in map(functools.partial(getattr, models), models.__all__) if attrs.has(cls)]


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
def test_every_generated_model_round_trips(cls):
    instance = _example(cls, cls.__name__, 0)
    assert from_wire(cls, json.loads(json.dumps(to_wire(instance)))) == instance


# -- to_wire ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Defaults:
    """Defaults other than None are left out when unchanged, like cattrs' omit_if_default."""

    label: str = attrs.field(default="same", metadata={"wire": "Label"})
    tags: list[str] = attrs.field(factory=list, metadata={"wire": "Tags"})
    count: int = attrs.field(metadata={"wire": "Count"})


def test_to_wire_nested_containers_and_any():
    shapes = Shapes(
        grid=[[1], [2, 3]],
        index={"k": ["x"]},
        nodes={"n": Node(name="n", children=[Node(name="c")])},
        document={"free": [1, "form"]},
        when=[datetime.datetime(2024, 1, 2, tzinfo=UTC)],
    )
    assert to_wire(shapes) == {
        "Grid": [[1], [2, 3]],
        "Index": {"k": ["x"]},
        "Nodes": {"n": {"Name": "n", "Children": [{"Name": "c"}]}},
        "Document": {"free": [1, "form"]},
        "When": [1704153600],
    }
    assert from_wire(Shapes, json.loads(json.dumps(to_wire(shapes)))) == shapes


def test_to_wire_leaves_out_unchanged_defaults():
    assert to_wire(Defaults(count=0)) == {"Count": 0}
    assert to_wire(Defaults(count=1, label="other", tags=["t"])) == {
        "Label": "other",
        "Tags": ["t"],
        "Count": 1,
    }


def test_to_wire_turns_tuples_into_lists():
    assert to_wire(Shapes(grid=((1, 2),))) == {"Grid": [[1, 2]]}  # type: ignore[arg-type]


def test_generated_models_need_no_cattrs():
    script = (
        "import sys, json\n"
        "from sagemaker_client._core.serde import from_wire, to_wire\n"
        "from sagemaker_client._generated import operations as o\n"
        "to_wire(o.DESCRIBE_TRAINING_JOB.input_type(training_job_name='j'))\n"
        "page = {'Models': [{'ModelName': 'm', 'CreationTime': 1}]}\n"
        "from_wire(o.LIST_MODELS.output_type, page)\n"
        "assert 'cattrs' not in sys.modules, 'cattrs was imported'\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
