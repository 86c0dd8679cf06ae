"""OpenAPI document -> IR, following the AWS JSON 1.1 conventions of the SageMaker description.

Theory of operation:

1. **Walk.** Every operation (document order), then every component schema, is walked once.
   Each inline object becomes an ``_Obj`` occurrence with a proposed name (``XInput``, ``XOutput``,
   the property name, the singular of an array property, or an ``inline-names.yaml`` override);
   each inline string enum becomes an ``_EnumOcc``. ``$ref`` s are resolved by name here.
2. **Classes.** Occurrences with the same proposed name are merged into one class when they are
   compatible (same property names; per property the same type, or string vs enum, or free-form
   object vs structure); incompatible ones are prefixed with their owner (reported as a note).
3. **Enums.** Named after the property when that name is unambiguous, otherwise
   ``<Owner><Property>``; never equal to a class name (see docs/decisions/0003).
4. **Tables.** Operations, paginators (``NextToken`` in and out), waiters (JMESPath -> attribute
   path) and errors (from ``sagemaker-errors.json``).

Problems are collected as values; the caller prints them all.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from openapi_python_client.schema import (
    OpenAPI,
    Parameter,
    Reference,
    RequestBody,
    Response,
    Schema,
)
from openapi_python_client.schema import (
    Operation as OpenAPIOperation,
)

from codegen import ir, naming
from codegen.load import INLINE_NAMES_FILE, Inputs, text

REQUEST_MEDIA_TYPE = "application/x-amz-json-1.1"
# The seed answers with ``application/json``; the converted botocore model with the request's type.
RESPONSE_MEDIA_TYPES = ("application/json", "application/x-amz-json-1.1")
WAITERS_KEY = "x-aws-waiters"
PAGINATION_KEY = "x-aws-pagination"
ERROR_KEY = "x-aws-error"
EPOCH_SECONDS = "epoch-seconds"
TARGET_HEADER = "X-Amz-Target"
TOKEN = "NextToken"
LIMIT = "MaxResults"
SCHEMA_PREFIX = "#/components/schemas/"

# Raw types, before class and enum names are final --------------------------------------------


@dataclass(eq=False)
class _EnumOcc:
    owner: str
    prop: str
    values: tuple[str, ...]
    description: str
    display: str
    in_component: bool
    name: str = ""
    named: bool = False
    """A component of its own: keeps the component's name."""


@dataclass
class _RawOp:
    name: str
    description: str
    input: _Raw
    output: _Raw | None
    errors: tuple[str, ...]
    deprecated: bool
    pagination: dict[str, Any] | None


@dataclass(eq=False)
class _Prop:
    wire_name: str
    type: _Raw
    description: str
    constraints: ir.Constraints = field(default_factory=ir.Constraints)
    idempotency_token: bool = False
    deprecated: str | None = None
    sensitive: bool = False


@dataclass(frozen=True)
class _Alias:
    """A component that is neither an object nor an enum: a named list, map or primitive."""

    type: _Raw
    constraints: ir.Constraints
    sensitive: bool
    keys: str | None = None
    """For a map: the component its keys follow (``propertyNames``)."""


@dataclass(eq=False)
class _Obj:
    owner: str
    base_name: str
    kind: Literal["component", "input", "output", "inline"]
    display: str
    description: str
    props: list[_Prop]
    required: set[str]
    order: int = 0
    union: bool = False


@dataclass(frozen=True)
class _ListT:
    item: _Raw


@dataclass(frozen=True)
class _MapT:
    value: _Raw


@dataclass(frozen=True)
class _ObjT:
    obj: _Obj


@dataclass(frozen=True)
class _CompT:
    name: str


@dataclass(frozen=True)
class _EnumT:
    occ: _EnumOcc


_Raw = ir.Primitive | _ListT | _MapT | _ObjT | _CompT | _EnumT

_UNKNOWN = ir.Primitive("object")  # placeholder after a problem; never rendered


@dataclass(eq=False)
class _Cluster:
    """One generated class: compatible occurrences merged."""

    objs: list[_Obj]
    props: dict[str, _Prop]
    required: set[str]
    description: str
    name: str = ""
    union: bool = False


@dataclass
class _Builder:
    inputs: Inputs
    problems: list[ir.Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    objs: list[_Obj] = field(default_factory=list)
    enums: list[_EnumOcc] = field(default_factory=list)
    components: dict[str, _Obj | _EnumOcc] = field(default_factory=dict)
    aliases: dict[str, _Alias] = field(default_factory=dict)
    error_components: dict[str, ir.ErrorShape] = field(default_factory=dict)
    """Components marked ``x-aws-error``, by component name."""
    used_overrides: set[str] = field(default_factory=set)

    @property
    def doc(self) -> OpenAPI:
        return self.inputs.openapi

    def problem(self, where: str, message: str) -> None:
        self.problems.append(ir.Problem(where, message))

    # -- walking ---------------------------------------------------------------------------------

    @cached_property
    def schema_names(self) -> dict[str, Schema | Reference]:
        components = self.doc.components
        if components is None or components.schemas is None:
            return {}
        return {text(name): schema for name, schema in components.schemas.items()}

    def override(self, owner: str, path: str) -> str | None:
        table = self.inputs.inline_names
        for key in (f"{owner}.{path}", f"*.{path}"):
            if key in table:
                self.used_overrides.add(key)
                return table[key]
        return None

    def walk_object(
        self,
        schema: Schema,
        *,
        owner: str,
        path: str,
        display: str,
        base_name: str,
        kind: Literal["component", "input", "output", "inline"],
    ) -> _Obj:
        props: list[_Prop] = []
        for raw_name, prop_schema in (schema.properties or {}).items():
            wire = text(raw_name)
            sub_display = f"{display}.{wire}"
            if not naming.is_wire_name(wire):
                self.problem(sub_display, "property name must be ASCII letters and digits")
                continue
            sub_path = f"{path}.{wire}" if path else wire
            prop_type = self.walk_type(
                prop_schema, owner=owner, path=sub_path, display=sub_display, prop=wire
            )
            props.append(_prop(wire, prop_type, prop_schema))
        required = {text(name) for name in schema.required or []}
        for name in sorted(required - {p.wire_name for p in props}):
            self.problem(display, f"required property '{name}' is not among the properties")
        obj = _Obj(
            owner=owner,
            base_name=base_name,
            kind=kind,
            display=display,
            description=text(schema.description),
            props=props,
            required=required,
            order=len(self.objs),
            union=bool(_extra(schema).get("x-aws-union")),
        )
        self.objs.append(obj)
        return obj

    def walk_type(
        self, schema: Schema | Reference, *, owner: str, path: str, display: str, prop: str
    ) -> _Raw:
        if isinstance(schema, Reference):
            ref = text(schema.ref)
            name = ref.removeprefix(SCHEMA_PREFIX)
            if not ref.startswith(SCHEMA_PREFIX) or name not in self.schema_names:
                self.problem(display, f"$ref '{ref}' does not resolve to a component schema")
                return _UNKNOWN
            return _CompT(name)
        kind = self.schema_type(schema, display)
        if kind is None:
            return _UNKNOWN
        if kind == "string":
            if schema.enum is not None:
                values = schema.enum
                if not all(isinstance(v, str) for v in values):
                    self.problem(display, "enum values must be strings")
                    return _UNKNOWN
                if len(set(values)) != len(values):
                    self.problem(display, "enum values must be unique")
                    return _UNKNOWN
                occ = _EnumOcc(
                    owner,
                    prop,
                    tuple(values),
                    text(schema.description),
                    display,
                    in_component=owner in self.schema_names,
                )
                self.enums.append(occ)
                return _EnumT(occ)
            is_time = text(schema.schema_format) == "date-time"
            return ir.Primitive("datetime" if is_time else "str")
        if kind == "integer":
            return ir.Primitive("int")
        if kind == "number":
            is_time = text(schema.schema_format) == EPOCH_SECONDS
            return ir.Primitive("datetime" if is_time else "float")
        if kind == "boolean":
            return ir.Primitive("bool")
        if kind == "array":
            if schema.items is None:
                self.problem(display, "array schema has no 'items'")
                return _UNKNOWN
            item_name = self.override(owner, f"{path}[]") or naming.singular(prop)
            return _ListT(
                self.walk_type(
                    schema.items,
                    owner=owner,
                    path=f"{path}[]",
                    display=f"{display}[]",
                    prop=item_name,
                )
            )
        # object
        if schema.properties:
            name = self.override(owner, path) or naming.pascal_case(prop)
            return _ObjT(
                self.walk_object(
                    schema, owner=owner, path=path, display=display, base_name=name, kind="inline"
                )
            )
        if isinstance(schema.additionalProperties, Schema | Reference):
            value_name = self.override(owner, f"{path}{{}}") or f"{naming.pascal_case(prop)}Value"
            return _MapT(
                self.walk_type(
                    schema.additionalProperties,
                    owner=owner,
                    path=f"{path}{{}}",
                    display=f"{display}{{}}",
                    prop=value_name,
                )
            )
        return ir.Primitive("object")

    def schema_type(self, schema: Schema, display: str) -> str | None:
        if schema.allOf or schema.oneOf or schema.anyOf or schema.schema_not is not None:
            self.problem(display, "allOf/oneOf/anyOf/not are not supported")
            return None
        declared = schema.type
        kind: str | None = None
        if isinstance(declared, list):
            kinds = [str(k) for k in declared if str(k) != "null"]
            if len(kinds) != 1:
                self.problem(display, f"type {[str(k) for k in declared]} is not supported")
                return None
            kind = kinds[0]
        elif declared is not None:
            kind = str(declared)
        if kind is None:
            if schema.properties:
                return "object"
            self.problem(display, "schema has no 'type'")
            return None
        if kind == "null":
            self.problem(display, "type 'null' is not supported")
            return None
        return kind

    def walk_body(
        self,
        schema: Schema | Reference | None,
        *,
        op: str,
        kind: Literal["input", "output"],
        what: str,
    ) -> _Raw:
        """The type of a request or response body: an object, inline or a component."""
        suffix = "Input" if kind == "input" else "Output"
        display = f"{op}{suffix}"
        if schema is None:
            empty = Schema.model_validate({"type": "object"})
            return _ObjT(
                self.walk_object(
                    empty, owner=op, path="", display=display, base_name=display, kind=kind
                )
            )
        if isinstance(schema, Reference):
            resolved = self.walk_type(
                schema, owner=op, path="", display=f"operation {op} {what}", prop=op
            )
            if isinstance(resolved, _CompT) and not self.is_object_component(resolved.name):
                self.problem(f"operation {op} {what}", f"'{resolved.name}' is not an object schema")
            return resolved
        kind_of = self.schema_type(schema, f"operation {op} {what}")
        if kind_of is None:
            return _UNKNOWN
        if kind_of != "object":
            self.problem(f"operation {op} {what}", f"schema must be an object, not '{kind_of}'")
            return _UNKNOWN
        return _ObjT(
            self.walk_object(
                schema, owner=op, path="", display=display, base_name=display, kind=kind
            )
        )

    def is_object_component(self, name: str) -> bool:
        schema = self.schema_names.get(name)
        if not isinstance(schema, Schema):
            return False
        return bool(schema.properties) or schema.type == "object"

    def walk_components(self) -> None:
        for name, schema in self.schema_names.items():
            if not naming.is_wire_name(name):
                self.problem(f"components.schemas.{name}", "name must be ASCII letters and digits")
                continue
            if isinstance(schema, Reference):
                self.problem(name, "a component that is only a $ref is not supported")
                continue
            kind = self.schema_type(schema, name)
            if kind is None:
                continue
            if kind == "object" and ERROR_KEY in _extra(schema):
                error = _extra(schema)[ERROR_KEY]
                code = str(error.get("code", name)) if isinstance(error, dict) else name
                if not naming.is_wire_name(code):
                    self.problem(name, f"error code '{code}' must be ASCII letters and digits")
                self.error_components[name] = ir.ErrorShape(code, text(schema.description))
                continue
            is_map = isinstance(schema.additionalProperties, Schema | Reference)
            if kind == "string" and schema.enum is not None:
                raw = self.walk_type(schema, owner=name, path="", display=name, prop=name)
                if isinstance(raw, _EnumT):
                    raw.occ.name, raw.occ.named = name, True
                    self.components[name] = raw.occ
            elif kind == "object" and (schema.properties or not is_map):
                self.components[name] = self.walk_object(
                    schema, owner=name, path="", display=name, base_name=name, kind="component"
                )
            else:
                raw = self.walk_type(schema, owner=name, path="", display=name, prop=name)
                keys = _extra(schema).get("propertyNames")
                key_ref = text(keys.get("$ref", "")) if isinstance(keys, dict) else ""
                self.aliases[name] = _Alias(
                    raw,
                    _constraints(schema, kind),
                    bool(_extra(schema).get("x-aws-sensitive")),
                    keys=key_ref.removeprefix(SCHEMA_PREFIX) or None,
                )

    # -- operations ------------------------------------------------------------------------------

    def resolve_parameter(self, param: Parameter | Reference, where: str) -> Parameter | None:
        if isinstance(param, Parameter):
            return param
        ref = text(param.ref)
        prefix = "#/components/parameters/"
        table = self.doc.components.parameters if self.doc.components else None
        found = _lookup(table, ref, prefix)
        if not isinstance(found, Parameter):
            self.problem(where, f"$ref '{ref}' does not resolve to a component parameter")
            return None
        return found

    def resolve_request_body(
        self, body: RequestBody | Reference | None, where: str
    ) -> RequestBody | None:
        if body is None or isinstance(body, RequestBody):
            return body
        ref = text(body.ref)
        prefix = "#/components/requestBodies/"
        table = self.doc.components.requestBodies if self.doc.components else None
        found = _lookup(table, ref, prefix)
        if not isinstance(found, RequestBody):
            self.problem(where, f"$ref '{ref}' does not resolve to a component request body")
            return None
        return found

    def resolve_response(self, response: Response | Reference, where: str) -> Response | None:
        if isinstance(response, Response):
            return response
        ref = text(response.ref)
        prefix = "#/components/responses/"
        table = self.doc.components.responses if self.doc.components else None
        found = _lookup(table, ref, prefix)
        if not isinstance(found, Response):
            self.problem(where, f"$ref '{ref}' does not resolve to a component response")
            return None
        return found

    def walk_operations(self) -> list[_RawOp]:
        """Each operation's name, description, input and output types and errors, in order."""
        result: list[_RawOp] = []
        seen: set[str] = set()
        for raw_path, item in self.doc.paths.items():
            path = text(raw_path)
            methods: dict[str, OpenAPIOperation | None] = {
                "get": item.get,
                "put": item.put,
                "post": item.post,
                "delete": item.delete,
                "options": item.options,
                "head": item.head,
                "patch": item.patch,
                "trace": item.trace,
            }
            for method, other in methods.items():
                if method != "post" and other is not None:
                    self.problem(f"paths.{path}", f"method '{method}' is not supported (only post)")
            op = item.post
            if op is None:
                continue
            name = text(op.operationId)
            if not name:
                self.problem(f"paths.{path}", "operation has no operationId")
                continue
            where = f"operation {name}"
            if not naming.is_wire_name(name):
                self.problem(where, "operationId must be ASCII letters and digits")
                continue
            if name in seen:
                self.problem(where, "operationId is not unique")
                continue
            seen.add(name)
            if path != f"/#{name}":
                self.problem(where, f"path '{path}' should be '/#{name}'")
            self.check_parameters([*(item.parameters or []), *(op.parameters or [])], where)
            pagination = _extra(op).get(PAGINATION_KEY)
            if pagination is not None and not isinstance(pagination, dict):
                self.problem(where, f"{PAGINATION_KEY} must be an object")
                pagination = None
            result.append(
                _RawOp(
                    name=name,
                    description=text(op.description) or text(op.summary),
                    input=self.walk_request(op, name, where),
                    output=self.walk_response(op, name, where),
                    errors=self.walk_errors(op, where),
                    deprecated=bool(op.deprecated),
                    pagination=pagination,
                )
            )
        return result

    def check_parameters(self, params: list[Parameter | Reference], where: str) -> None:
        has_target = False
        for raw in params:
            param = self.resolve_parameter(raw, where)
            if param is None:
                continue
            param_name = text(param.name)
            location = str(param.param_in.value)
            if location == "header" and param_name.lower() == TARGET_HEADER.lower():
                has_target = has_target or param.required
                continue
            self.problem(
                where,
                f"parameter '{param_name}' (in {location}) is not supported: "
                "AWS JSON 1.1 sends the whole input in the body",
            )
        if not has_target:
            self.problem(where, f"missing the required {TARGET_HEADER} header parameter")

    def walk_request(self, op: OpenAPIOperation, name: str, where: str) -> _Raw:
        body = self.resolve_request_body(op.request_body, where)
        if body is None:
            return self.walk_body(None, op=name, kind="input", what="request body")
        media = {text(k): v for k, v in body.content.items()}
        if REQUEST_MEDIA_TYPE not in media:
            self.problem(where, f"request body has no '{REQUEST_MEDIA_TYPE}' content")
            return _UNKNOWN
        schema = media[REQUEST_MEDIA_TYPE].media_type_schema
        return self.walk_body(schema, op=name, kind="input", what="request body")

    def walk_response(self, op: OpenAPIOperation, name: str, where: str) -> _Raw | None:
        """The output type, or ``None`` when the success response has no body."""
        codes = {text(code): response for code, response in op.responses.items()}
        success = sorted(code for code in codes if re.fullmatch(r"2\d\d", code))
        if not success:
            self.problem(where, "has no 2xx response")
            return _UNKNOWN
        response = self.resolve_response(codes[success[0]], where)
        if response is None:
            return _UNKNOWN
        media = {text(k): v for k, v in (response.content or {}).items()}
        if not media:
            return None
        content = next((media[t] for t in RESPONSE_MEDIA_TYPES if t in media), None)
        if content is None:
            self.problem(where, f"{success[0]} response has no {RESPONSE_MEDIA_TYPES} content")
            return _UNKNOWN
        schema = content.media_type_schema
        return self.walk_body(schema, op=name, kind="output", what=f"{success[0]} response")

    def walk_errors(self, op: OpenAPIOperation, where: str) -> tuple[str, ...]:
        """Component names of the modeled errors in the 4xx/5xx responses (``oneOf`` or one)."""
        names: list[str] = []
        for code, raw in op.responses.items():
            if not re.fullmatch(r"[45]\d\d", text(code)):
                continue
            response = self.resolve_response(raw, where)
            for content in (response.content or {}).values() if response else ():
                schema = content.media_type_schema
                options = schema.oneOf if isinstance(schema, Schema) and schema.oneOf else [schema]
                for option in options:
                    if isinstance(option, Reference):
                        names.append(text(option.ref).removeprefix(SCHEMA_PREFIX))
                    elif option is not None:
                        self.problem(where, f"error response {text(code)} must $ref components")
        return tuple(dict.fromkeys(names))

    # -- classes ---------------------------------------------------------------------------------

    def name_classes(self) -> dict[_Obj, _Cluster]:
        groups: dict[str, list[_Obj]] = defaultdict(list)
        for obj in self.objs:
            groups[obj.base_name].append(obj)
        cluster_of: dict[_Obj, _Cluster] = {}
        in_progress: set[str] = set()

        def resolve(obj: _Obj) -> _Cluster | None:
            if obj in cluster_of:
                return cluster_of[obj]
            if obj.base_name in in_progress:
                return None  # an object nested in a namesake: compared by identity
            in_progress.add(obj.base_name)
            clusters: list[_Cluster] = []
            for member in groups[obj.base_name]:
                for cluster in clusters:
                    if merge(cluster, member):
                        break
                else:
                    clusters.append(
                        _Cluster(
                            objs=[member],
                            props={p.wire_name: p for p in member.props},
                            required=set(member.required),
                            description=member.description,
                            union=member.union,
                        )
                    )
            for cluster in clusters:
                for member in cluster.objs:
                    cluster_of[member] = cluster
            in_progress.discard(obj.base_name)
            return cluster_of[obj]

        def same_class(a: _Obj, b: _Obj) -> bool:
            return a is b or (resolve(a) is not None and resolve(a) is resolve(b))

        def unify(a: _Raw, b: _Raw) -> _Raw | None:
            if a == b:
                return a
            match a, b:
                case _ListT(x), _ListT(y):
                    item = unify(x, y)
                    return None if item is None else _ListT(item)
                case _MapT(x), _MapT(y):
                    value = unify(x, y)
                    return None if value is None else _MapT(value)
                case _ObjT(x), _ObjT(y):
                    return a if same_class(x, y) else None
                case _EnumT(x), _EnumT(y):
                    return a if x.values == y.values else None
                case _EnumT(), ir.Primitive("str"):
                    return a
                case ir.Primitive("str"), _EnumT():
                    return b
                case ((_ObjT() | _CompT()), ir.Primitive("object")):
                    return a
                case ir.Primitive("object"), (_ObjT() | _CompT()):
                    return b
            return None

        def merge(cluster: _Cluster, obj: _Obj) -> bool:
            if set(cluster.props) != {p.wire_name for p in obj.props}:
                return False
            merged: dict[str, _Prop] = {}
            for prop in obj.props:
                mine = cluster.props[prop.wire_name]
                unified = unify(mine.type, prop.type)
                if unified is None:
                    return False
                merged[prop.wire_name] = _Prop(
                    prop.wire_name, unified, mine.description or prop.description
                )
            cluster.props = {name: merged[name] for name in cluster.props}
            cluster.objs.append(obj)
            cluster.required |= obj.required
            cluster.description = cluster.description or obj.description
            return True

        for obj in self.objs:
            resolve(obj)
        self.assign_class_names(cluster_of)
        return cluster_of

    def assign_class_names(self, cluster_of: dict[_Obj, _Cluster]) -> None:
        """One cluster keeps its proposed name; several with one name get their owner as prefix."""
        by_base: dict[str, list[_Cluster]] = defaultdict(list)
        for cluster in dict.fromkeys(cluster_of[o] for o in self.objs):
            by_base[cluster.objs[0].base_name].append(cluster)
        taken: set[str] = set()
        for base, clusters in by_base.items():
            for cluster in clusters:
                first = cluster.objs[0]
                keeps_name = (
                    len(clusters) == 1
                    or (first.kind == "component" and first.owner == base)
                    or first.kind in ("input", "output")
                )
                name = base if keeps_name else f"{first.owner}{base}"
                unique, counter = name, 2
                while unique in taken:
                    unique, counter = f"{name}{counter}", counter + 1
                cluster.name = unique
                taken.add(unique)
                if unique != base:
                    self.notes.append(
                        f"{first.display}: named {unique}; another '{base}' has a different shape"
                    )

    # -- enums -----------------------------------------------------------------------------------

    def name_enums(self, class_names: set[str]) -> None:
        values_of_name: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for occ in self.enums:
            values_of_name[naming.pascal_case(occ.prop)].add(occ.values)

        def clean(name: str) -> bool:
            return len(values_of_name[name]) == 1 and name not in class_names

        groups: dict[tuple[str, ...], list[_EnumOcc]] = defaultdict(list)
        for occ in self.enums:
            if not occ.named:
                groups[occ.values].append(occ)
        assigned: dict[str, tuple[str, ...]] = {o.name: o.values for o in self.enums if o.named}
        for values, occs in groups.items():
            # A component's own property names the values first, then document order.
            ranked = sorted(occs, key=lambda o: not o.in_component)
            shared = next(
                (naming.pascal_case(o.prop) for o in ranked if clean(naming.pascal_case(o.prop))),
                None,
            )
            for occ in occs:
                name = shared or f"{occ.owner}{naming.pascal_case(occ.prop)}"
                if name in class_names:
                    name += "Enum"
                unique, counter = name, 2
                while assigned.get(unique, values) != values:
                    unique, counter = f"{name}{counter}", counter + 1
                assigned[unique] = values
                occ.name = unique

    # -- assembling ------------------------------------------------------------------------------

    def final_type(self, raw: _Raw, cluster_of: dict[_Obj, _Cluster]) -> ir.TypeRef:
        match raw:
            case _ListT(item):
                return ir.ListOf(self.final_type(item, cluster_of))
            case _MapT(value):
                return ir.MapOf(self.final_type(value, cluster_of))
            case _ObjT(obj):
                return ir.StructRef(cluster_of[obj].name)
            case _EnumT(occ):
                return ir.EnumRef(occ.name)
            case _CompT(name):
                target = self.components.get(name)
                if isinstance(target, _Obj):
                    return ir.StructRef(cluster_of[target].name)
                if isinstance(target, _EnumOcc):
                    return ir.EnumRef(target.name)
                if name in self.aliases:
                    return self.final_type(self.aliases[name].type, cluster_of)
                return _UNKNOWN
            case ir.Primitive():
                return raw
        raise AssertionError(raw)  # pragma: no cover

    def alias_constraints(self, raw: _Raw) -> ir.Constraints:
        """The constraints of a named primitive (a list item, map key or value), if any."""
        if isinstance(raw, _CompT) and raw.name in self.aliases:
            return self.aliases[raw.name].constraints
        return ir.Constraints()

    def structure(self, cluster: _Cluster, cluster_of: dict[_Obj, _Cluster]) -> ir.Structure:
        members: list[ir.Member] = []
        seen: dict[str, str] = {}
        for prop in cluster.props.values():
            name = naming.attribute_name(prop.wire_name)
            if name in seen:
                self.problem(
                    cluster.objs[0].display,
                    f"properties '{seen[name]}' and '{prop.wire_name}' both map to '{name}'",
                )
                continue
            seen[name] = prop.wire_name
            constraints, sensitive = prop.constraints, prop.sensitive
            items = keys = values = ir.Constraints()
            if isinstance(prop.type, _CompT) and prop.type.name in self.aliases:
                alias = self.aliases[prop.type.name]
                constraints = constraints or alias.constraints
                sensitive = sensitive or alias.sensitive
                if isinstance(alias.type, _ListT):
                    items = self.alias_constraints(alias.type.item)
                elif isinstance(alias.type, _MapT):
                    values = self.alias_constraints(alias.type.value)
                    keys = self.alias_constraints(_CompT(alias.keys)) if alias.keys else keys
            members.append(
                ir.Member(
                    wire_name=prop.wire_name,
                    name=name,
                    type=self.final_type(prop.type, cluster_of),
                    # The runtime fills an unset idempotency token, so callers never must.
                    required=prop.wire_name in cluster.required and not prop.idempotency_token,
                    description=prop.description,
                    constraints=constraints,
                    items=items,
                    keys=keys,
                    values=values,
                    idempotency_token=prop.idempotency_token,
                    deprecated=prop.deprecated,
                    sensitive=sensitive,
                )
            )
        return ir.Structure(
            cluster.name,
            cluster.description or _describe(cluster),
            tuple(members),
            union=cluster.union,
        )


def _extra(model: Schema | Reference | OpenAPIOperation | OpenAPI) -> dict[str, Any]:
    """The keys pydantic kept beyond the OpenAPI fields: ``x-*`` extensions, $ref siblings."""
    return {text(k): v for k, v in (model.model_extra or {}).items()}


_BOUNDS = {
    "string": ("minLength", "maxLength"),
    "integer": ("minimum", "maximum"),
    "number": ("minimum", "maximum"),
    "array": ("minItems", "maxItems"),
    "object": ("minProperties", "maxProperties"),
}


def _constraints(schema: Schema, kind: str) -> ir.Constraints:
    low, high = _BOUNDS.get(kind, ("", ""))
    values = schema.model_dump(by_alias=True, exclude_none=True) if low else {}
    pattern = values.get("pattern") if kind == "string" else None
    return ir.Constraints(
        min=values.get(low),
        max=values.get(high),
        pattern=None if pattern is None else text(pattern),
    )


def _prop(wire: str, prop_type: _Raw, schema: Schema | Reference) -> _Prop:
    """A property with what its schema (inline) or its ``$ref`` siblings say about it."""
    extra = _extra(schema)
    if isinstance(schema, Reference):
        description = text(extra.get("description"))
        deprecated = bool(extra.get("deprecated"))
        constraints = ir.Constraints()
    else:
        description = text(schema.description)
        deprecated = bool(schema.deprecated)
        kind = (
            schema.type if schema.type is not None and not isinstance(schema.type, list) else None
        )
        constraints = _constraints(schema, str(kind)) if kind else ir.Constraints()
    return _Prop(
        wire,
        prop_type,
        description,
        constraints=constraints,
        idempotency_token=bool(extra.get("x-aws-idempotencyToken")),
        deprecated=text(extra.get("x-aws-deprecatedMessage")) if deprecated else None,
        sensitive=bool(extra.get("x-aws-sensitive")),
    )


def _lookup(table: Mapping[Any, object] | None, ref: str, prefix: str) -> object | None:
    """The component ``ref`` names in ``table`` (keys are wrapped strings), or ``None``."""
    if table is None or not ref.startswith(prefix):
        return None
    return {text(key): value for key, value in table.items()}.get(ref.removeprefix(prefix))


def _describe(cluster: _Cluster) -> str:
    first = cluster.objs[0]
    if first.kind == "input":
        return f"The input of {first.owner}."
    if first.kind == "output":
        return f"The output of {first.owner}."
    if first.kind == "component":
        return f"The ``{first.owner}`` structure."
    parent, _, prop = first.display.rpartition(".")
    if prop.endswith("[]"):
        return f"An item of ``{parent}.{prop[:-2]}``."
    if prop.endswith("{}"):
        return f"A value of ``{parent}.{prop[:-2]}``."
    return f"The ``{prop}`` member of ``{parent}``."


def _enum_description(occs: list[_EnumOcc]) -> str:
    described = next((o.description for o in occs if o.description), "")
    return described or f"Values of ``{occs[0].display}``."


# Tables ----------------------------------------------------------------------------------------

_JMES_SEGMENT = re.compile(r"^([A-Za-z][A-Za-z0-9]*)(\[\])?$")


def translate_path(
    expression: str, output: ir.Structure, structures: dict[str, ir.Structure]
) -> tuple[str | None, str | None]:
    """JMESPath (``A.B``, ``A[].B``) -> attribute path (``a.b``, ``a[].b``), or an error message."""
    current: ir.TypeRef = ir.StructRef(output.name)
    parts: list[str] = []
    for segment in expression.split("."):
        match = _JMES_SEGMENT.match(segment)
        if match is None:
            return None, f"cannot translate JMESPath expression '{expression}'"
        if not isinstance(current, ir.StructRef):
            return None, f"'{'.'.join(parts)}' in '{expression}' is not a structure"
        shape = structures[current.name]
        member = shape.member(match.group(1))
        if member is None:
            return None, f"'{match.group(1)}' in '{expression}' is not a member of {shape.name}"
        current = member.type
        parts.append(member.name)
        if match.group(2):
            if not isinstance(current, ir.ListOf):
                return None, f"'{match.group(1)}' in '{expression}' is not a list"
            current = current.item
            parts[-1] += "[]"
    return ".".join(parts), None


def _paginators(
    b: _Builder,
    operations: list[ir.Operation],
    structures: dict[str, ir.Structure],
    declared: dict[str, dict[str, Any]],
) -> list[ir.Paginator]:
    """The model's paginators, plus one for every other operation with NextToken in and out."""
    result: list[ir.Paginator] = []
    for op in operations:
        if op.output is None:
            continue
        shape_in, shape_out = structures[op.input], structures[op.output]
        spec = declared.get(op.name)
        where = f"operation {op.name} {PAGINATION_KEY}"
        if spec is None:
            spec = {"inputToken": TOKEN, "outputToken": TOKEN, "limitKey": LIMIT}
            if shape_in.member(TOKEN) is None or shape_out.member(TOKEN) is None:
                continue
            lists = [m for m in shape_out.members if isinstance(m.type, ir.ListOf)]
            if len(lists) == 1:
                spec["resultKey"] = lists[0].wire_name
        token_in = shape_in.member(str(spec.get("inputToken")))
        token_out = shape_out.member(str(spec.get("outputToken")))
        # Without one list to iterate (several, or none), the paginator yields whole pages.
        items = shape_out.member(str(spec["resultKey"])) if "resultKey" in spec else None
        limit = shape_in.member(str(spec["limitKey"])) if "limitKey" in spec else None
        if token_in is None or token_out is None or ("resultKey" in spec and items is None):
            b.problem(where, "inputToken, outputToken and resultKey must name members")
            continue
        item_type: ir.TypeRef = ir.StructRef(op.output)
        if items is not None:
            if not isinstance(items.type, ir.ListOf):
                b.problem(where, f"resultKey '{items.wire_name}' is not a list")
                continue
            item_type = items.type.item
        result.append(
            ir.Paginator(
                operation=op.name,
                method_name=f"paginate_{op.method_name}",
                constant=op.constant,
                input_token=token_in.name,
                output_token=token_out.name,
                result_key=items.name if items is not None else None,
                limit_key=limit.name if limit is not None else None,
                item_type=item_type,
                from_model=op.name in declared,
            )
        )
    return result


_STATES = ("success", "failure", "retry")
_MATCHERS = ("path", "pathAll", "pathAny", "status", "error")


def _waiters(
    b: _Builder, operations: list[ir.Operation], structures: dict[str, ir.Structure]
) -> list[ir.Waiter]:
    by_name = {op.name: op for op in operations}
    result: list[ir.Waiter] = []
    waiters = _extra(b.doc).get(WAITERS_KEY, {})
    if not isinstance(waiters, dict):
        b.problem(WAITERS_KEY, "must be an object of waiters")
        return []
    for name, spec in waiters.items():
        where = f"{WAITERS_KEY}.{name}"
        if not isinstance(spec, dict):
            b.problem(where, "is not an object")
            continue
        op = by_name.get(str(spec.get("operation")))
        if op is None:
            b.problem(where, f"operation '{spec.get('operation')}' is not in the document")
            continue
        if op.output is None:
            b.problem(where, f"operation '{op.name}' has no output to wait on")
            continue
        if not naming.is_wire_name(name):
            b.problem(where, "name must be ASCII letters and digits")
            continue
        delay, attempts = spec.get("delay"), spec.get("maxAttempts")
        if not isinstance(delay, int) or not isinstance(attempts, int):
            b.problem(where, "delay and maxAttempts must be integers")
            continue
        acceptors: list[ir.Acceptor] = []
        for index, acceptor in enumerate(spec.get("acceptors") or []):
            translated = _acceptor(b, f"{where}.acceptors[{index}]", acceptor, op, structures)
            if translated is not None:
                acceptors.append(translated)
        if not acceptors:
            b.problem(where, "has no usable acceptor")
            continue
        reserved = {"delay", "max_attempts", "timeout", "on_poll"}
        for member in structures[op.input].members:
            if member.name in reserved:
                b.problem(where, f"input member '{member.name}' clashes with a waiter argument")
        result.append(
            ir.Waiter(
                name=name,
                method_name=f"wait_until_{naming.snake_case(name)}",
                constant=naming.constant_name(name),
                operation=op.name,
                delay=delay,
                max_attempts=attempts,
                acceptors=tuple(acceptors),
            )
        )
    return result


def _acceptor(
    b: _Builder,
    where: str,
    acceptor: Any,
    op: ir.Operation,
    structures: dict[str, ir.Structure],
) -> ir.Acceptor | None:
    if not isinstance(acceptor, dict):
        b.problem(where, "is not an object")
        return None
    state, matcher, expected = (
        acceptor.get("state"),
        acceptor.get("matcher"),
        acceptor.get("expected"),
    )
    if state not in _STATES or matcher not in _MATCHERS:
        b.problem(where, f"unknown state '{state}' or matcher '{matcher}'")
        return None
    if not isinstance(expected, str | int | bool):
        b.problem(where, "expected must be a string, integer or boolean")
        return None
    argument: str | None = None
    if matcher in ("path", "pathAll", "pathAny"):
        assert op.output is not None  # _waiters skips operations without output
        path, error = translate_path(
            str(acceptor.get("argument", "")), structures[op.output], structures
        )
        if error is not None:
            b.problem(where, error)
            return None
        argument = path
    return ir.Acceptor(state=state, matcher=matcher, expected=expected, argument=argument)


def build(inputs: Inputs) -> tuple[ir.Service | None, list[ir.Problem]]:
    """The IR of the spec directory, or ``None`` with every problem found."""
    b = _Builder(inputs)
    raw_operations = b.walk_operations()
    b.walk_components()
    for key in sorted(set(inputs.inline_names) - b.used_overrides):
        b.problem(f"{INLINE_NAMES_FILE} '{key}'", "matches no inline schema")
    for key, value in sorted(inputs.inline_names.items()):
        if not naming.is_wire_name(value):
            b.problem(f"{INLINE_NAMES_FILE} '{key}'", f"'{value}' is not a valid class name")
    if b.problems:
        return None, b.problems

    cluster_of = b.name_classes()
    clusters = list(dict.fromkeys(cluster_of[o] for o in b.objs))
    class_names = {c.name for c in clusters}
    b.name_enums(class_names)

    structures = sorted((b.structure(c, cluster_of) for c in clusters), key=lambda s: s.name)
    by_enum_name: dict[str, list[_EnumOcc]] = defaultdict(list)
    for occ in b.enums:
        by_enum_name[occ.name].append(occ)
    enums = [
        ir.Enum(
            name=name,
            description=_enum_description(occs),
            values=tuple(
                ir.EnumValue(member, value)
                for member, value in zip(
                    naming.enum_member_names(list(occs[0].values)), occs[0].values, strict=True
                )
            ),
        )
        for name, occs in sorted(by_enum_name.items())
    ]

    shapes_by_name = {s.name: s for s in structures}
    operations: list[ir.Operation] = []
    for raw in raw_operations:
        input_type = b.final_type(raw.input, cluster_of)
        output_type = None if raw.output is None else b.final_type(raw.output, cluster_of)
        assert isinstance(input_type, ir.StructRef)
        assert output_type is None or isinstance(output_type, ir.StructRef)
        for error in raw.errors:
            if error not in b.error_components:
                b.problem(f"operation {raw.name}", f"error '{error}' is not an {ERROR_KEY} schema")
        operations.append(
            ir.Operation(
                name=raw.name,
                method_name=naming.escape(naming.snake_case(raw.name)),
                constant=naming.constant_name(raw.name),
                description=raw.description,
                input=input_type.name,
                output=None if output_type is None else output_type.name,
                errors=tuple(
                    b.error_components[e].code for e in raw.errors if e in b.error_components
                ),
                deprecated=raw.deprecated,
            )
        )
    operations.sort(key=lambda op: op.name)
    declared = {raw.name: raw.pagination for raw in raw_operations if raw.pagination}
    paginators = _paginators(b, operations, shapes_by_name, declared)
    waiters = _waiters(b, operations, shapes_by_name)
    error_shapes = sorted(b.error_components.values(), key=lambda e: e.code)

    # Names every generated model module imports; a shape with one of them would shadow it.
    imported = {"ServiceModel", "ServiceEnum", "attrs", "datetime", "Any", "ClassVar", "redacted"}
    for shape_name in sorted(imported & ({s.name for s in structures} | {e.name for e in enums})):
        b.problem(f"components.schemas.{shape_name}", "name clashes with a generated import")
    methods = (
        [op.method_name for op in operations]
        + [p.method_name for p in paginators]
        + [w.method_name for w in waiters]
    )
    for method in sorted({m for m in methods if methods.count(m) > 1}):
        b.problem("client", f"two methods are named '{method}'")
    if b.problems:
        return None, b.problems
    service = ir.Service(
        title=text(inputs.openapi.info.title),
        description=text(inputs.openapi.info.description),
        spec_sha256=inputs.sha256,
        spec_dir_name=inputs.spec_dir_name,
        operations=tuple(operations),
        structures=tuple(structures),
        enums=tuple(enums),
        errors=tuple(error_shapes),
        paginators=tuple(sorted(paginators, key=lambda p: p.method_name)),
        waiters=tuple(waiters),
        notes=tuple(b.notes),
    )
    return service, []
