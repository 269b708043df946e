"""The contract model: proto descriptors resolved into the names the Swift code uses.

`load_model` reads a FileDescriptorSet (protoc --include_imports --include_source_info) and
returns a `Model` holding, per proto file, its messages, enums and services with:
  * their Swift names (package namespace + nesting, lowerCamel fields, enum cases),
  * their protobuf-c C names (struct types, function prefixes, field names),
  * their doc comments from the proto source.

Everything the generator rejects (proto2, maps, proto3 `optional`, recursive messages, enum
aliases, name clashes) fails here with a message naming the proto element.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field as dc_field
from typing import Dict, List, Optional, Tuple

from google.protobuf import descriptor_pb2

FDP = descriptor_pb2.FieldDescriptorProto
MethodOptions = descriptor_pb2.MethodOptions

# The one fixed mapping from proto package to Swift namespace.
NAMESPACES: Dict[str, str] = {
    "charter.common.v1": "Common",
    "charter.registry.v1": "Registry",
    "charter.selfreview.v1": "SelfReview",
    "charter.evaluation.v1": "Evaluation",
    "charter.accreditation.v1": "Accreditation",
    "charter.publicmap.v1": "PublicMap",
    "grpc.health.v1": "Health",
    "grpc.testing": "GRPCTesting",
    "google.protobuf": "Protobuf",
}

# Swift keywords that must be escaped with backticks when used as identifiers.
SWIFT_KEYWORDS = {
    "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import",
    "init", "inout", "internal", "let", "open", "operator", "private", "precedencegroup",
    "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
    "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough",
    "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "Any",
    "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try",
}
# Names that cannot be used even with backticks (they clash with members every generated type
# has, or with Optional's cases); they get a trailing underscore instead.
RESERVED_FIELD_NAMES = {
    "init", "self", "Type", "Protocol", "hashValue", "protoJSON", "serializedBytes",
    "protoMessageName", "cMessage", "writeProtoJSON", "fillC",
}
RESERVED_CASE_NAMES = {
    "init", "self", "Type", "Protocol", "none", "some", "unrecognized", "allCases", "rawValue",
    "protoName", "isRecognized",
}

# protobuf-c appends "_" to field names that are C++ keywords (c_helpers.cc FieldName).
CPP_KEYWORDS = {
    "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch",
    "char", "class", "compl", "const", "const_cast", "continue", "default", "delete", "do",
    "double", "dynamic_cast", "else", "enum", "explicit", "extern", "false", "float", "for",
    "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new", "not",
    "not_eq", "operator", "or", "or_eq", "private", "protected", "public", "register",
    "reinterpret_cast", "return", "short", "signed", "sizeof", "static", "static_cast",
    "struct", "switch", "template", "this", "throw", "true", "try", "typedef", "typeid",
    "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t",
    "while", "xor", "xor_eq",
}


class ContractError(Exception):
    """A proto construct the contracts pipeline does not support."""


# --------------------------------------------------------------------------------------------
# Naming helpers


def lower_camel(snake: str) -> str:
    """`local_authority_code` -> `localAuthorityCode`; `level2_rule` -> `level2Rule`."""
    parts = [p for p in snake.split("_") if p]
    if not parts:
        return snake
    head = parts[0]
    head = head[0].lower() + head[1:]
    return head + "".join(p[0].upper() + p[1:] for p in parts[1:])


def upper_camel(snake: str) -> str:
    camel = lower_camel(snake)
    return camel[0].upper() + camel[1:]


def upper_snake(camel: str) -> str:
    """`SchoolPhase` -> `SCHOOL_PHASE`, `GrpclbRouteType` -> `GRPCLB_ROUTE_TYPE`."""
    out = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", camel)
    out = re.sub(r"(?<=[A-Z])([A-Z][a-z])", r"_\1", out)
    return out.upper()


def enum_case_camel(upper: str) -> str:
    """`ALL_THROUGH` -> `allThrough`, `L1` -> `l1`."""
    parts = [p for p in upper.split("_") if p]
    head = parts[0].lower()
    return head + "".join(p[0].upper() + p[1:].lower() for p in parts[1:])


def swift_ident(name: str, reserved: set) -> str:
    """A Swift identifier for `name`: reserved member names get `_`, keywords get backticks."""
    if name in reserved:
        return name + "_"
    if name in SWIFT_KEYWORDS:
        return f"`{name}`"
    return name


def bare(ident: str) -> str:
    """An identifier without backticks (for use after `.` or in string contexts)."""
    return ident.strip("`")


def c_camel_to_lower(name: str) -> str:
    """protobuf-c's CamelToLower: every upper-case letter but the first gets a `_` before it."""
    out = []
    for i, ch in enumerate(name):
        if ch.isupper():
            if i != 0:
                out.append("_")
            out.append(ch.lower())
        else:
            out.append(ch)
    return "".join(out)


def c_to_camel(name: str) -> str:
    """protobuf-c's ToCamel: `assessor_preference` -> `AssessorPreference`."""
    out = []
    cap = True
    for ch in name:
        if ch == "_":
            cap = True
        elif cap:
            out.append(ch.upper())
            cap = False
        else:
            out.append(ch)
    return "".join(out)


def c_field_name(name: str) -> str:
    lowered = name.lower()
    return lowered + "_" if lowered in CPP_KEYWORDS else lowered


# --------------------------------------------------------------------------------------------
# Model classes


@dataclass
class Doc:
    text: str = ""

    def lines(self) -> List[str]:
        if not self.text.strip():
            return []
        raw = self.text.rstrip("\n").split("\n")
        out = []
        for line in raw:
            if line.startswith(" "):
                line = line[1:]
            out.append(line.rstrip())
        while out and not out[0]:
            out.pop(0)
        while out and not out[-1]:
            out.pop()
        return out


@dataclass
class EnumValue:
    name: str
    number: int
    swift_case: str
    doc: Doc


@dataclass
class Enum:
    full_name: str
    name: str
    file: "ProtoFile"
    parent: Optional["Message"]
    values: List[EnumValue]
    doc: Doc
    swift_path: str = ""
    c_type: str = ""

    @property
    def default_value(self) -> EnumValue:
        for v in self.values:
            if v.number == 0:
                return v
        return self.values[0]


@dataclass
class Oneof:
    name: str
    index: int
    doc: Doc
    fields: List["Field"] = dc_field(default_factory=list)
    swift_enum: str = ""
    swift_prop: str = ""
    c_case_field: str = ""
    c_case_type: str = ""


@dataclass
class Field:
    name: str
    number: int
    repeated: bool
    type: int
    type_name: str
    json_name: str
    doc: Doc
    oneof: Optional[Oneof] = None
    message: Optional["Message"] = None
    enum: Optional[Enum] = None
    swift_name: str = ""
    c_name: str = ""

    @property
    def is_message(self) -> bool:
        return self.type == FDP.TYPE_MESSAGE

    @property
    def is_enum(self) -> bool:
        return self.type == FDP.TYPE_ENUM

    @property
    def is_string(self) -> bool:
        return self.type == FDP.TYPE_STRING

    @property
    def is_bytes(self) -> bool:
        return self.type == FDP.TYPE_BYTES

    @property
    def is_bool(self) -> bool:
        return self.type == FDP.TYPE_BOOL

    @property
    def is_float(self) -> bool:
        return self.type in (FDP.TYPE_FLOAT, FDP.TYPE_DOUBLE)

    @property
    def is_numeric(self) -> bool:
        return self.type in SCALAR_SWIFT and not self.is_bool


# Proto scalar type -> (Swift type, JSON writer method).
SCALAR_SWIFT: Dict[int, Tuple[str, str]] = {
    FDP.TYPE_DOUBLE: ("Double", "double"),
    FDP.TYPE_FLOAT: ("Float", "float"),
    FDP.TYPE_INT64: ("Int64", "int64"),
    FDP.TYPE_UINT64: ("UInt64", "uint64"),
    FDP.TYPE_INT32: ("Int32", "int32"),
    FDP.TYPE_FIXED64: ("UInt64", "uint64"),
    FDP.TYPE_FIXED32: ("UInt32", "uint32"),
    FDP.TYPE_BOOL: ("Bool", "bool"),
    FDP.TYPE_UINT32: ("UInt32", "uint32"),
    FDP.TYPE_SFIXED32: ("Int32", "int32"),
    FDP.TYPE_SFIXED64: ("Int64", "int64"),
    FDP.TYPE_SINT32: ("Int32", "int32"),
    FDP.TYPE_SINT64: ("Int64", "int64"),
}


@dataclass
class Message:
    full_name: str
    name: str
    file: "ProtoFile"
    parent: Optional["Message"]
    doc: Doc
    fields: List[Field] = dc_field(default_factory=list)
    oneofs: List[Oneof] = dc_field(default_factory=list)
    nested_messages: List["Message"] = dc_field(default_factory=list)
    nested_enums: List[Enum] = dc_field(default_factory=list)
    swift_path: str = ""
    c_type: str = ""
    c_prefix: str = ""
    # Filled by analysis:
    has_strings: bool = False  # a string field here or in any nested message field

    @property
    def is_timestamp(self) -> bool:
        return self.full_name == "google.protobuf.Timestamp"

    @property
    def plain_fields(self) -> List[Field]:
        return [f for f in self.fields if f.oneof is None]


@dataclass
class Method:
    name: str
    input: Message
    output: Message
    client_streaming: bool
    server_streaming: bool
    idempotency: int
    doc: Doc
    swift_name: str = ""

    @property
    def kind(self) -> str:
        if self.client_streaming and self.server_streaming:
            return "bidirectionalStreaming"
        if self.client_streaming:
            return "clientStreaming"
        if self.server_streaming:
            return "serverStreaming"
        return "unary"

    @property
    def is_idempotent(self) -> bool:
        return self.idempotency in (MethodOptions.IDEMPOTENT, MethodOptions.NO_SIDE_EFFECTS)


@dataclass
class Service:
    name: str
    full_name: str
    file: "ProtoFile"
    methods: List[Method]
    doc: Doc
    # Swift path of the enum holding Method/ServiceProtocol/Client: the namespace itself when
    # the service is named like it, else `<Namespace>.<ServiceName>`.
    swift_path: str = ""


@dataclass
class ProtoFile:
    name: str
    package: str
    namespace: str
    doc: Doc
    messages: List[Message] = dc_field(default_factory=list)  # every message, pre-order
    enums: List[Enum] = dc_field(default_factory=list)  # every enum, in declaration order
    services: List[Service] = dc_field(default_factory=list)


@dataclass
class Model:
    files: List[ProtoFile]
    messages: Dict[str, Message]
    enums: Dict[str, Enum]

    def package_namespaces(self) -> List[Tuple[str, str, List[str]]]:
        """(package, namespace, proto files) in namespace order."""
        seen: Dict[str, List[str]] = {}
        for f in self.files:
            seen.setdefault(f.package, []).append(f.name)
        return sorted(
            ((pkg, NAMESPACES[pkg], names) for pkg, names in seen.items()), key=lambda t: t[1]
        )


# --------------------------------------------------------------------------------------------
# Loading


def _comments(fdp: descriptor_pb2.FileDescriptorProto) -> Dict[Tuple[int, ...], str]:
    out: Dict[Tuple[int, ...], str] = {}
    for loc in fdp.source_code_info.location:
        text = loc.leading_comments or loc.trailing_comments
        if text:
            out[tuple(loc.path)] = text
    return out


def _package_c_parts(package: str) -> Tuple[str, str]:
    parts = package.split(".")
    upper = "__".join(p[0].upper() + p[1:] for p in parts)
    lower = "__".join(p.lower() for p in parts)
    return upper, lower


def load_model(fds: descriptor_pb2.FileDescriptorSet, wanted: List[str]) -> Model:
    by_name = {f.name: f for f in fds.file}
    missing = [w for w in wanted if w not in by_name]
    if missing:
        raise ContractError(f"descriptor set lacks {missing}")

    files: List[ProtoFile] = []
    messages: Dict[str, Message] = {}
    enums: Dict[str, Enum] = {}

    for fname in wanted:
        fdp = by_name[fname]
        if fdp.syntax != "proto3":
            raise ContractError(f"{fname}: only proto3 is supported (syntax {fdp.syntax!r})")
        if fdp.package not in NAMESPACES:
            raise ContractError(
                f"{fname}: package {fdp.package!r} has no Swift namespace; add it to NAMESPACES"
            )
        comments = _comments(fdp)
        pf = ProtoFile(
            name=fname,
            package=fdp.package,
            namespace=NAMESPACES[fdp.package],
            doc=Doc(comments.get((12,), "")),
        )
        c_upper, c_lower = _package_c_parts(fdp.package)

        def add_enum(ep, path, parent: Optional[Message], scope_full: str, scope_swift: str,
                     scope_c: str):
            full = f"{scope_full}.{ep.name}"
            values = []
            prefix = upper_snake(ep.name) + "_"
            numbers = set()
            for vi, vp in enumerate(ep.value):
                if vp.number in numbers:
                    raise ContractError(f"{full}: enum aliases are not supported ({vp.name})")
                numbers.add(vp.number)
                stripped = vp.name[len(prefix):] if vp.name.startswith(prefix) else vp.name
                if not stripped or stripped[0].isdigit():
                    stripped = vp.name
                case = swift_ident(enum_case_camel(stripped), RESERVED_CASE_NAMES)
                values.append(
                    EnumValue(vp.name, vp.number, case, Doc(comments.get(path + (2, vi), "")))
                )
            cases = [bare(v.swift_case) for v in values]
            if len(set(cases)) != len(cases):
                raise ContractError(f"{full}: two values map to the same Swift case: {cases}")
            e = Enum(
                full_name=full,
                name=ep.name,
                file=pf,
                parent=parent,
                values=values,
                doc=Doc(comments.get(path, "")),
                swift_path=f"{scope_swift}.{ep.name}",
                c_type=f"{scope_c}__{ep.name}",
            )
            enums[full] = e
            pf.enums.append(e)
            if parent is not None:
                parent.nested_enums.append(e)
            return e

        def add_message(mp, path, parent: Optional[Message], scope_full: str, scope_swift: str,
                        scope_c: str, scope_c_lower: str):
            full = f"{scope_full}.{mp.name}"
            if mp.options.map_entry:
                raise ContractError(f"{full}: map fields are not supported")
            m = Message(
                full_name=full,
                name=mp.name,
                file=pf,
                parent=parent,
                doc=Doc(comments.get(path, "")),
                swift_path=f"{scope_swift}.{mp.name}",
                c_type=f"{scope_c}__{mp.name}",
                c_prefix=f"{scope_c_lower}__{c_camel_to_lower(mp.name)}",
            )
            messages[full] = m
            pf.messages.append(m)
            if parent is not None:
                parent.nested_messages.append(m)
            for oi, op in enumerate(mp.oneof_decl):
                m.oneofs.append(
                    Oneof(
                        name=op.name,
                        index=oi,
                        doc=Doc(comments.get(path + (8, oi), "")),
                        c_case_field=f"{op.name}_case",
                        c_case_type=f"{m.c_type}__{c_to_camel(op.name)}Case",
                    )
                )
            for fi, fp in enumerate(mp.field):
                if fp.proto3_optional:
                    raise ContractError(
                        f"{full}.{fp.name}: proto3 `optional` is not supported by protoc-c 1.4; "
                        "use a message field or a oneof"
                    )
                if fp.type == FDP.TYPE_GROUP:
                    raise ContractError(f"{full}.{fp.name}: groups are not supported")
                f = Field(
                    name=fp.name,
                    number=fp.number,
                    repeated=fp.label == FDP.LABEL_REPEATED,
                    type=fp.type,
                    type_name=fp.type_name.lstrip("."),
                    json_name=fp.json_name or lower_camel(fp.name),
                    doc=Doc(comments.get(path + (2, fi), "")),
                    swift_name=swift_ident(lower_camel(fp.name), RESERVED_FIELD_NAMES),
                    c_name=c_field_name(fp.name),
                )
                if fp.HasField("oneof_index"):
                    f.oneof = m.oneofs[fp.oneof_index]
                    f.oneof.fields.append(f)
                    if f.repeated:
                        raise ContractError(f"{full}.{fp.name}: repeated field in a oneof")
                m.fields.append(f)
            for ni, np_ in enumerate(mp.nested_type):
                add_message(np_, path + (3, ni), m, full, m.swift_path, m.c_type,
                            m.c_prefix)
            for ei, ep in enumerate(mp.enum_type):
                add_enum(ep, path + (4, ei), m, full, m.swift_path, m.c_type)
            return m

        ns = pf.namespace
        for ei, ep in enumerate(fdp.enum_type):
            add_enum(ep, (5, ei), None, fdp.package, ns, c_upper)
        for mi, mp in enumerate(fdp.message_type):
            add_message(mp, (4, mi), None, fdp.package, ns, c_upper, c_lower)
        files.append(pf)
        pf._fdp = fdp  # type: ignore[attr-defined]
        pf._comments = comments  # type: ignore[attr-defined]

    # Resolve field types.
    for m in messages.values():
        for f in m.fields:
            if f.type == FDP.TYPE_MESSAGE:
                if f.type_name not in messages:
                    raise ContractError(
                        f"{m.full_name}.{f.name}: type {f.type_name} is not generated; add its "
                        "proto to the generated set"
                    )
                f.message = messages[f.type_name]
            elif f.type == FDP.TYPE_ENUM:
                if f.type_name not in enums:
                    raise ContractError(f"{m.full_name}.{f.name}: enum {f.type_name} unknown")
                f.enum = enums[f.type_name]

    # Services.
    for pf in files:
        fdp = pf._fdp  # type: ignore[attr-defined]
        comments = pf._comments  # type: ignore[attr-defined]
        for si, sp in enumerate(fdp.service):
            methods = []
            for mi, mp in enumerate(sp.method):
                inp = messages.get(mp.input_type.lstrip("."))
                out = messages.get(mp.output_type.lstrip("."))
                if inp is None or out is None:
                    raise ContractError(f"{sp.name}.{mp.name}: request/response type unknown")
                methods.append(
                    Method(
                        name=mp.name,
                        input=inp,
                        output=out,
                        client_streaming=mp.client_streaming,
                        server_streaming=mp.server_streaming,
                        idempotency=mp.options.idempotency_level,
                        doc=Doc(comments.get((6, si, 2, mi), "")),
                        swift_name=swift_ident(
                            mp.name[0].lower() + mp.name[1:], RESERVED_FIELD_NAMES | {"all"}
                        ),
                    )
                )
            svc = Service(
                name=sp.name,
                full_name=f"{fdp.package}.{sp.name}",
                file=pf,
                methods=methods,
                doc=Doc(comments.get((6, si), "")),
            )
            svc.swift_path = pf.namespace if sp.name == pf.namespace else f"{pf.namespace}.{sp.name}"
            pf.services.append(svc)

    model = Model(files=files, messages=messages, enums=enums)
    _check(model)
    _analyse(model)
    return model


def _check(model: Model) -> None:
    namespaces = set(NAMESPACES.values())
    reserved_in_ns = {"Method", "ServiceProtocol", "Client"}
    for pf in model.files:
        service_members = any(s.swift_path == pf.namespace for s in pf.services)
        for m in pf.messages + pf.enums:  # type: ignore[operator]
            if m.parent is None and m.name in namespaces:
                raise ContractError(f"{m.full_name}: type named like a namespace")
            if m.parent is None and service_members and m.name in reserved_in_ns:
                raise ContractError(f"{m.full_name}: clashes with generated service member")
        for s in pf.services:
            if s.swift_path != pf.namespace:
                clash = [m for m in pf.messages if m.parent is None and m.name == s.name]
                if clash:
                    raise ContractError(f"service {s.full_name} clashes with a message name")
    for m in model.messages.values():
        nested_names = {n.name for n in m.nested_messages} | {e.name for e in m.nested_enums}
        for o in m.oneofs:
            o.swift_enum = upper_camel(o.name)
            if o.swift_enum in nested_names:
                o.swift_enum += "Oneof"
            o.swift_prop = swift_ident(lower_camel(o.name), RESERVED_FIELD_NAMES)
        props = [bare(f.swift_name) for f in m.plain_fields] + [bare(o.swift_prop) for o in m.oneofs]
        if len(set(props)) != len(props):
            raise ContractError(f"{m.full_name}: two fields map to the same Swift name")
    # Recursion (directly or through other messages) is rejected: Swift structs store message
    # fields inline.
    state: Dict[str, int] = {}

    def visit(m: Message, stack: List[str]) -> None:
        st = state.get(m.full_name, 0)
        if st == 1:
            raise ContractError("recursive messages are not supported: " + " -> ".join(stack))
        if st == 2:
            return
        state[m.full_name] = 1
        for f in m.fields:
            if f.message is not None:
                visit(f.message, stack + [f.message.full_name])
        state[m.full_name] = 2

    for m in model.messages.values():
        visit(m, [m.full_name])


def _analyse(model: Model) -> None:
    memo: Dict[str, bool] = {}

    def has_strings(m: Message) -> bool:
        if m.full_name in memo:
            return memo[m.full_name]
        result = any(f.is_string for f in m.fields) or any(
            f.message is not None and has_strings(f.message) for f in m.fields
        )
        memo[m.full_name] = result
        return result

    for m in model.messages.values():
        m.has_strings = has_strings(m)
