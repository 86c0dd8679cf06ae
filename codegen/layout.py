"""Where each generated model lives: one module per structure or enum, cycles kept together.

``sagemaker_client/_generated/models/<snake_name>.py`` holds one shape, so a call loads only the
classes its data actually holds. A module imports the shapes its fields name only for type
checkers (``if TYPE_CHECKING:``); at run time ``sagemaker_client/_core/types.py`` resolves those
names through the lazy models index when data needs them. Structures that refer to each other in a
cycle (``SearchExpression`` nests itself) share the module of the first of them by name, so even
the type checkers' imports never go round in a circle, and a cycle's classes are defined together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from codegen import ir, naming


def referenced(t: ir.TypeRef) -> Iterable[str]:
    """Names of the structures and enums a member type mentions."""
    match t:
        case ir.ListOf(item):
            yield from referenced(item)
        case ir.MapOf(value):
            yield from referenced(value)
        case ir.StructRef(name) | ir.EnumRef(name):
            yield name


@dataclass(frozen=True)
class Module:
    name: str
    """The module's name inside the models package (``production_variant``)."""
    structures: tuple[ir.Structure, ...]
    enums: tuple[ir.Enum, ...]
    imports: tuple[tuple[str, str], ...]
    """(module, shape name) of every shape from another module the fields name."""


def _cycles(structures: list[ir.Structure]) -> list[list[str]]:
    """Strongly connected components of the "field refers to" graph (Tarjan), each sorted."""
    edges = {
        s.name: sorted(
            {n for m in s.members for n in referenced(m.type)} & {x.name for x in structures}
        )
        for s in structures
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            components.append(sorted(component))

    for name in sorted(edges):
        if name not in index:
            visit(name)
    return components


def plan(service: ir.Service) -> tuple[list[Module], dict[str, str], list[ir.Problem]]:
    """The modules, the module of every shape name, and any module-name clash."""
    structures = {s.name: s for s in service.structures}
    module_of: dict[str, str] = {}
    groups: dict[str, list[str]] = defaultdict(list)
    owners: dict[str, list[str]] = defaultdict(list)
    for component in [*_cycles(list(structures.values())), *([e.name] for e in service.enums)]:
        module = naming.escape(naming.snake_case(component[0]))
        for name in component:
            module_of[name] = module
        groups[module].extend(component)
        owners[module].append(component[0])
    problems = [
        ir.Problem(f"models/{module}.py", f"{', '.join(names)} map to one module name")
        for module, names in sorted(owners.items())
        if len(names) > 1
    ]
    enums = {e.name: e for e in service.enums}
    modules: list[Module] = []
    for module, names in sorted(groups.items()):
        mine = set(names)
        needed = {
            n
            for name in names
            if name in structures
            for m in structures[name].members
            for n in referenced(m.type)
        } - mine
        modules.append(
            Module(
                name=module,
                structures=tuple(structures[n] for n in sorted(names) if n in structures),
                enums=tuple(enums[n] for n in sorted(names) if n in enums),
                imports=tuple(sorted((module_of[n], n) for n in needed)),
            )
        )
    return modules, module_of, problems
