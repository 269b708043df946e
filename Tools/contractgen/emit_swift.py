"""Emits the Swift face of one proto file: value types, codec through protobuf-c, JSON."""

from __future__ import annotations

from typing import List

from model import (
    SCALAR_SWIFT,
    Enum,
    Field,
    Message,
    Model,
    ProtoFile,
    bare,
)
from emit_services import emit_services
from writer import HEADER, Writer, swift_string_literal


def swift_type(f: Field) -> str:
    """The Swift type of one element of `f` (without Optional/Array)."""
    if f.message is not None:
        return f.message.swift_path
    if f.enum is not None:
        return f.enum.swift_path
    if f.is_string:
        return "String"
    if f.is_bytes:
        return "[UInt8]"
    return SCALAR_SWIFT[f.type][0]


def field_decl_type(f: Field) -> str:
    t = swift_type(f)
    if f.repeated:
        return f"[{t}]"
    if f.message is not None:
        return f"{t}?"
    return t


def default_literal(f: Field) -> str:
    if f.repeated:
        return "[]"
    if f.message is not None:
        return "nil"
    if f.enum is not None:
        return "." + bare(f.enum.default_value.swift_case)
    if f.is_string:
        return '""'
    if f.is_bytes:
        return "[]"
    if f.is_bool:
        return "false"
    return "0"


def _doc_or(doc_lines: List[str], fallback: str) -> List[str]:
    return doc_lines if doc_lines else [fallback]


# --------------------------------------------------------------------------------------------
# Declarations


def emit_enum(w: Writer, e: Enum) -> None:
    parent = e.parent.swift_path if e.parent else e.file.namespace
    with w.block(f"extension {parent} {{"):
        w.doc(_doc_or(e.doc.lines(), f"The proto enum `{e.full_name}`."))
        w.doc(["", f"Proto enum `{e.full_name}`.", "",
               "Values this version does not know decode as ``unrecognized(_:)`` and encode",
               "back unchanged."])
        with w.block(f"public enum {e.name}: ContractEnum {{"):
            for v in e.values:
                w.doc(_doc_or(v.doc.lines(), f"`{v.name}` ({v.number})."))
                w.line(f"case {v.swift_case}")
            w.doc(["A value this version of the contracts does not know, kept as its number."])
            w.line("case unrecognized(Int32)")
            w.line()
            w.doc(["The value for a wire number; unknown numbers become ``unrecognized(_:)``."])
            with w.block("public init(rawValue: Int32) {"):
                with w.block("switch rawValue {", indent=False):
                    for v in e.values:
                        w.line(f"case {v.number}: self = .{bare(v.swift_case)}")
                    w.line("default: self = .unrecognized(rawValue)")
            w.line()
            w.doc(["The wire number."])
            with w.block("public var rawValue: Int32 {"):
                with w.block("switch self {", indent=False):
                    for v in e.values:
                        w.line(f"case .{bare(v.swift_case)}: {v.number}")
                    w.line("case .unrecognized(let value): value")
            w.line()
            w.doc(["The value's name in the proto (as in proto3 JSON); the decimal number for",
                   "unrecognized values."])
            with w.block("public var protoName: String {"):
                with w.block("switch self {", indent=False):
                    for v in e.values:
                        w.line(f"case .{bare(v.swift_case)}: {swift_string_literal(v.name)}")
                    w.line("case .unrecognized(let value): String(value)")
            w.line()
            w.doc(["Whether this is a value the proto declares."])
            with w.block("public var isRecognized: Bool {"):
                w.line("if case .unrecognized = self { return false }")
                w.line("return true")
            w.line()
            w.doc(["Every declared value, in proto order."])
            with w.block(f"public static let allCases: [{e.swift_path}] = [", "]"):
                for v in e.values:
                    w.line(f".{bare(v.swift_case)},")
            w.line()
            w.doc(["Values are equal when their wire numbers are (so `.unrecognized(n)` equals",
                   "the declared case numbered `n`)."])
            with w.block("public static func == (lhs: Self, rhs: Self) -> Bool {"):
                w.line("lhs.rawValue == rhs.rawValue")
            w.line()
            with w.block("public func hash(into hasher: inout Hasher) {"):
                w.line("hasher.combine(rawValue)")
    w.line()


def emit_message_struct(w: Writer, m: Message) -> None:
    parent = m.parent.swift_path if m.parent else m.file.namespace
    with w.block(f"extension {parent} {{"):
        w.doc(_doc_or(m.doc.lines(), f"The proto message `{m.full_name}`."))
        w.doc(["", f"Proto message `{m.full_name}`."])
        with w.block(f"public struct {m.name}: Sendable, Hashable {{"):
            emitted_oneofs = set()
            for f in m.fields:
                if f.oneof is None:
                    w.doc(_doc_or(f.doc.lines(), f"Field `{f.name}` ({f.number})."))
                    w.line(f"public var {f.swift_name}: {field_decl_type(f)} = {default_literal(f)}")
                elif f.oneof.index not in emitted_oneofs:
                    o = f.oneof
                    emitted_oneofs.add(o.index)
                    w.doc(_doc_or(o.doc.lines(), f"Oneof `{o.name}`."))
                    w.doc(["", "`nil` when no member is set."])
                    w.line(f"public var {o.swift_prop}: {o.swift_enum}? = nil")
            for o in m.oneofs:
                w.line()
                w.doc(_doc_or(o.doc.lines(), f"The members of oneof `{o.name}`."))
                w.doc(["", f"The members of oneof `{o.name}`; at most one is set."])
                with w.block(f"public enum {o.swift_enum}: Sendable, Hashable {{"):
                    for f in o.fields:
                        w.doc(_doc_or(f.doc.lines(), f"Field `{f.name}` ({f.number})."))
                        w.line(f"case {f.swift_name}({swift_type(f)})")
            w.line()
            w.doc(["Creates a message with every field at its default value."])
            w.line("public init() {}")
            params = []
            for f in m.fields:
                if f.oneof is None:
                    params.append((f.swift_name, field_decl_type(f), default_literal(f)))
                elif not any(p[0] == f.oneof.swift_prop for p in params):
                    params.append((f.oneof.swift_prop, f"{f.oneof.swift_enum}?", "nil"))
            if params:
                w.line()
                w.doc(["Creates a message with the given field values; omitted fields keep their",
                       "defaults."])
                w.line("public init(")
                for i, (name, typ, dflt) in enumerate(params):
                    comma = "," if i < len(params) - 1 else ""
                    w.line(f"  {bare(name) if name.startswith('`') else name}: {typ} = {dflt}{comma}")
                with w.block(") {"):
                    for name, _, _ in params:
                        w.line(f"self.{bare(name)} = {name}")
    w.line()


# --------------------------------------------------------------------------------------------
# Codec through protobuf-c


def _decode_expr(f: Field, src: str) -> str:
    """Swift expression converting the C value `src` of a singular field/oneof member."""
    if f.message is not None:
        return f"{src}.map {{ {f.message.swift_path}(cMessage: $0) }}"
    if f.enum is not None:
        return f"{f.enum.swift_path}(rawValue: Int32(truncatingIfNeeded: {src}.rawValue))"
    if f.is_string:
        return f"contractString({src})"
    if f.is_bytes:
        return f"contractBytes({src})"
    if f.is_bool:
        return f"{src} != 0"
    return src


def _decode_repeated(f: Field, ptr: str, count: str) -> str:
    if f.message is not None:
        return f"contractMessages({ptr}, {count}, {f.message.swift_path}.init(cMessage:))"
    if f.enum is not None:
        return f"contractEnums({ptr}, {count}, {f.enum.swift_path}.init(rawValue:))"
    if f.is_string:
        return f"contractMap({ptr}, {count}, contractString)"
    if f.is_bytes:
        return f"contractMap({ptr}, {count}, contractBytes)"
    if f.is_bool:
        return f"contractMap({ptr}, {count}, {{ $0 != 0 }})"
    return f"contractArray({ptr}, {count})"


def _needs_arena(m: Message) -> bool:
    return any(f.repeated or f.message is not None or f.is_string or f.is_bytes for f in m.fields)


def _encode_singular(w: Writer, m: Message, f: Field, value: str, always: bool) -> None:
    """Statements storing Swift `value` of field `f` into the C struct `c`."""
    target = f"c.{f.c_name}"
    name_lit = swift_string_literal(f.name)
    if f.message is not None:
        w.line(f"{target} = try {value}.cMessage(in: &arena)")
    elif f.enum is not None:
        w.line(f"{target} = {f.enum.c_type}(rawValue: .init(truncatingIfNeeded: {value}.rawValue))")
    elif f.is_string:
        stmt = f"{target} = try arena.cString({value}, field: {name_lit}, of: Self.protoMessageName)"
        if always:
            w.line(stmt)
        else:
            with w.block(f"if !{value}.isEmpty {{"):
                w.line(stmt)
    elif f.is_bytes:
        if always:
            w.line(f"{target} = arena.binaryData({value})")
        else:
            with w.block(f"if !{value}.isEmpty {{"):
                w.line(f"{target} = arena.binaryData({value})")
    elif f.is_bool:
        w.line(f"{target} = {value} ? 1 : 0")
    else:
        w.line(f"{target} = {value}")


def _encode_repeated(w: Writer, m: Message, f: Field) -> None:
    v = f"self.{bare(f.swift_name)}"
    target = f"c.{f.c_name}"
    name_lit = swift_string_literal(f.name)
    with w.block(f"if !{v}.isEmpty {{"):
        if f.is_numeric:
            w.line(f"{target} = arena.copyArray({v})")
        else:
            if f.message is not None:
                elem = f"UnsafeMutablePointer<{f.message.swift_path}.CMessage>?"
                expr = "try element.cMessage(in: &arena)"
            elif f.enum is not None:
                elem = f.enum.c_type
                expr = f"{f.enum.c_type}(rawValue: .init(truncatingIfNeeded: element.rawValue))"
            elif f.is_string:
                elem = "UnsafeMutablePointer<CChar>?"
                expr = f"try arena.cString(element, field: {name_lit}, of: Self.protoMessageName)"
            elif f.is_bytes:
                elem = "ProtobufCBinaryData"
                expr = "arena.binaryData(element)"
            else:  # bool
                elem = "protobuf_c_boolean"
                expr = "element ? 1 : 0"
            w.line(f"let elements = arena.allocate({elem}.self, count: {v}.count)")
            with w.block(f"for (index, element) in {v}.enumerated() {{"):
                w.line(f"(elements + index).initialize(to: {expr})")
            w.line(f"{target} = elements")
        w.line(f"c.n_{f.c_name} = {v}.count")


def emit_codec(w: Writer, m: Message) -> None:
    name_lit = swift_string_literal(m.full_name)
    with w.block(f"extension {m.swift_path}: ContractMessage {{"):
        w.doc(["The protobuf-c struct behind this message (never visible outside the module)."])
        w.line(f"typealias CMessage = {m.c_type}")
        w.line()
        w.doc(["The fully qualified proto name, used in errors."])
        with w.block("public static var protoMessageName: String {"):
            w.line(name_lit)
        w.line()
        w.doc([
            "Decodes the protobuf encoding through protobuf-c.",
            "",
            "- Throws: ``ContractDecodingError`` when the bytes are not a valid message"
            + (", or a" if m.has_strings else "."),
        ] + (["  string field (here or nested) holds invalid UTF-8 or a NUL byte."]
             if m.has_strings else []))
        with w.block("public init(serializedBytes bytes: UnsafeRawBufferPointer) throws {"):
            w.line("guard let base = bytes.baseAddress, bytes.count > 0 else {")
            w.line("  self.init()")
            w.line("  return")
            w.line("}")
            w.line("guard")
            w.line(f"  let message = {m.c_prefix}__unpack(")
            w.line("    nil, bytes.count, base.assumingMemoryBound(to: UInt8.self))")
            w.line("else {")
            w.line("  throw ContractDecodingError.malformed(Self.protoMessageName)")
            w.line("}")
            w.line(f"defer {{ {m.c_prefix}__free_unpacked(message, nil) }}")
            if m.has_strings:
                w.line("try ContractWireValidator.validateStrings(")
                w.line("  in: bytes, descriptor: message.pointee.base.descriptor,")
                w.line("  messageName: Self.protoMessageName)")
            w.line("self.init(cMessage: message)")
        w.line()
        w.doc([
            "Encodes the message through protobuf-c.",
            "",
            "- Throws: ``ContractEncodingError`` when a string field (here or nested) contains",
            "  U+0000, which protobuf-c's `char *` strings cannot carry.",
        ])
        with w.block("public func serializedBytes() throws -> [UInt8] {"):
            if _needs_arena(m):
                with w.block("try withContractArena { arena throws -> [UInt8] in"):
                    w.line("var c = CMessage()")
                    w.line(f"{m.c_prefix}__init(&c)")
                    w.line("try fillC(&c, &arena)")
                    w.line(f"let size = {m.c_prefix}__get_packed_size(&c)")
                    with w.block("return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in"):
                        w.line(f"count = {m.c_prefix}__pack(&c, buffer.baseAddress)")
            else:
                w.line("var c = CMessage()")
                w.line(f"{m.c_prefix}__init(&c)")
                if m.fields:
                    w.line("fillScalars(&c)")
                w.line(f"let size = {m.c_prefix}__get_packed_size(&c)")
                with w.block("return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in"):
                    w.line(f"count = {m.c_prefix}__pack(&c, buffer.baseAddress)")
        w.line()
        w.doc(["Converts the JSON form of the message (proto3 JSON mapping)."])
        with w.block("public func protoJSON() -> String {"):
            w.line("var writer = ProtoJSONWriter()")
            w.line("writeProtoJSON(to: &writer)")
            w.line("return writer.text")
        w.line()

        # init(cMessage:)
        w.doc(["Copies an unpacked protobuf-c message into Swift values."])
        with w.block("init(cMessage m: UnsafeMutablePointer<CMessage>) {"):
            if not m.fields:
                w.line("_ = m")
            for f in m.plain_fields:
                src = f"m.pointee.{f.c_name}"
                tgt = f"self.{bare(f.swift_name)}"
                if f.repeated:
                    w.line(f"{tgt} = {_decode_repeated(f, src, f'm.pointee.n_{f.c_name}')}")
                else:
                    w.line(f"{tgt} = {_decode_expr(f, src)}")
            for o in m.oneofs:
                tgt = f"self.{bare(o.swift_prop)}"
                with w.block(f"switch m.pointee.{o.c_case_field}.rawValue {{", indent=False):
                    for f in o.fields:
                        src = f"m.pointee.{f.c_name}"
                        if f.message is not None:
                            t = f.message.swift_path
                            expr = f"{src}.map {{ {t}(cMessage: $0) }} ?? {t}()"
                        else:
                            expr = _decode_expr(f, src)
                        w.line(f"case {f.number}: {tgt} = .{bare(f.swift_name)}({expr})")
                    w.line(f"default: {tgt} = nil")
        w.line()

        if _needs_arena(m):
            w.doc(["Allocates, initialises and fills the C form of this message in `arena`."])
            with w.block(
                "func cMessage(in arena: inout ContractArena) throws -> UnsafeMutablePointer<CMessage> {"
            ):
                w.line("let pointer = arena.allocate(CMessage.self)")
                w.line(f"{m.c_prefix}__init(pointer)")
                w.line("try fillC(&pointer.pointee, &arena)")
                w.line("return pointer")
            w.line()
            w.doc(["Stores every field into `c`; strings, arrays and nested messages live in",
                   "`arena`, which must outlive every use of `c`."])
            with w.block("func fillC(_ c: inout CMessage, _ arena: inout ContractArena) throws {"):
                _emit_fill_body(w, m)
        else:
            w.doc(["Allocates, initialises and fills the C form of this message in `arena`."])
            with w.block(
                "func cMessage(in arena: inout ContractArena) throws -> UnsafeMutablePointer<CMessage> {"
            ):
                w.line("let pointer = arena.allocate(CMessage.self)")
                w.line(f"{m.c_prefix}__init(pointer)")
                if m.fields:
                    w.line("fillScalars(&pointer.pointee)")
                w.line("return pointer")
            if m.fields:
                w.line()
                w.doc(["Stores every (scalar) field into `c`."])
                with w.block("func fillScalars(_ c: inout CMessage) {"):
                    _emit_fill_body(w, m)
        w.line()

        # JSON
        w.doc(["Writes the proto3 JSON form of the message."])
        with w.block("func writeProtoJSON(to writer: inout ProtoJSONWriter) {"):
            if m.is_timestamp:
                w.line("writer.timestamp(seconds: seconds, nanos: nanos)")
            else:
                _emit_json_body(w, m)
    w.line()


def _emit_fill_body(w: Writer, m: Message) -> None:
    for f in m.plain_fields:
        v = f"self.{bare(f.swift_name)}"
        if f.repeated:
            _encode_repeated(w, m, f)
        elif f.message is not None:
            with w.block(f"if let value = {v} {{"):
                _encode_singular(w, m, f, "value", always=True)
        else:
            _encode_singular(w, m, f, v, always=False)
    for o in m.oneofs:
        with w.block(f"switch self.{bare(o.swift_prop)} {{", indent=False):
            for f in o.fields:
                w.line(f"case .{bare(f.swift_name)}(let value)?:")
                w.line(f"  c.{o.c_case_field} = .init(rawValue: {f.number})")
                w._indent += 1
                _encode_singular(w, m, f, "value", always=True)
                w._indent -= 1
            w.line("case nil:")
            w.line("  break")


def _json_value(f: Field, value: str) -> str:
    if f.message is not None:
        return f"{value}.writeProtoJSON(to: &writer)"
    if f.enum is not None:
        return f"writer.enumValue({value})"
    if f.is_string:
        return f"writer.string({value})"
    if f.is_bytes:
        return f"writer.bytes({value})"
    return f"writer.{SCALAR_SWIFT[f.type][1]}({value})"


def _emit_json_body(w: Writer, m: Message) -> None:
    w.line("writer.beginObject()")
    for f in m.fields:
        key = swift_string_literal(f.json_name)
        if f.oneof is not None:
            if f is f.oneof.fields[0]:
                o = f.oneof
                with w.block(f"switch self.{bare(o.swift_prop)} {{", indent=False):
                    for of in o.fields:
                        w.line(f"case .{bare(of.swift_name)}(let value)?:")
                        w.line(f"  writer.key({swift_string_literal(of.json_name)})")
                        w.line(f"  {_json_value(of, 'value')}")
                    w.line("case nil:")
                    w.line("  break")
            continue
        v = f"self.{bare(f.swift_name)}"
        if f.repeated:
            with w.block(f"if !{v}.isEmpty {{"):
                w.line(f"writer.key({key})")
                w.line("writer.beginArray()")
                with w.block(f"for element in {v} {{"):
                    w.line("writer.arrayElement()")
                    w.line(_json_value(f, "element"))
                w.line("writer.endArray()")
        elif f.message is not None:
            with w.block(f"if let value = {v} {{"):
                w.line(f"writer.key({key})")
                w.line(_json_value(f, "value"))
        else:
            if f.enum is not None:
                cond = f"{v}.rawValue != 0"
            elif f.is_string or f.is_bytes:
                cond = f"!{v}.isEmpty"
            elif f.is_bool:
                cond = v
            else:
                cond = f"{v} != 0"
            with w.block(f"if {cond} {{"):
                w.line(f"writer.key({key})")
                w.line(_json_value(f, v))
    w.line("writer.endObject()")


# --------------------------------------------------------------------------------------------
# Files


def emit_file(model: Model, pf: ProtoFile) -> str:
    w = Writer()
    w.line(HEADER.format(source=f"proto/{pf.name}").rstrip("\n"))
    w.line()
    if pf.services:
        w.line("public import RPCCore")
    w.line("internal import CContracts")
    w.line("internal import CProtobufC")
    w.line()
    for e in pf.enums:
        w.line(f"// MARK: - {e.full_name}")
        w.line()
        emit_enum(w, e)
    for m in pf.messages:
        w.line(f"// MARK: - {m.full_name}")
        w.line()
        emit_message_struct(w, m)
        emit_codec(w, m)
    for s in pf.services:
        emit_services(w, s)
    for s in pf.services:
        emit_feed_conformances(w, s)
    return w.text()


def emit_feed_conformances(w: Writer, s) -> None:
    """A service's event feed: its `StreamEvents` response message conforms to `FeedEvent`
    (with the outbox name of every payload member) and its request to `FeedRequest`, so the
    shared store and feed code serve and follow any service's feed without per-service glue."""
    for m in s.methods:
        if m.name != "StreamEvents" or m.kind != "serverStreaming":
            continue
        event, request = m.output, m.input
        names = {f.name: f for f in event.fields}
        payload = next((o for o in event.oneofs if o.name == "payload"), None)
        if "sequence" not in names or "occurred_at" not in names or payload is None:
            raise SystemExit(f"contractgen: {event.full_name} lacks sequence, occurred_at or a payload oneof")
        w.line(f"// MARK: - event feed of {s.full_name}")
        w.line()
        with w.block(f"extension {event.swift_path}: FeedEvent {{"):
            w.doc(["The outbox's name for each kind of event: the payload member's proto field name."])
            with w.block(f"public static func eventType(of payload: {payload.swift_enum}) -> String {{"):
                with w.block("switch payload {", "}"):
                    for f in payload.fields:
                        w.line(f"case .{f.swift_name}: {swift_string_literal(f.name)}")
        w.line()
        rnames = {f.name for f in request.fields}
        if {"after_sequence", "stop_at_head"} - rnames:
            raise SystemExit(f"contractgen: {request.full_name} lacks after_sequence or stop_at_head")
        w.line(f"extension {request.swift_path}: FeedRequest {{}}")
        w.line()
        with w.block(f"extension {s.swift_path}.Client: EventFeedSource {{"):
            w.doc(["Streams the feed after `sequence`, then live events, into `deliver` (with the",
                   "feed's head as far as known), until the stream ends or fails."])
            w.line("public func followEvents(")
            w.line("  after sequence: Int64,")
            w.line(f"  deliver: @escaping @Sendable (_ event: {event.swift_path}, _ head: Int64) async throws -> Void")
            with w.block(") async throws {"):
                w.line(f"try await streamEvents({request.swift_path}(afterSequence: sequence, stopAtHead: false)) {{ stream in")
                w.line("  var head: Int64 = 0")
                w.line("  var askedForHead = false")
                with w.block("  for try await event in stream {", "  }"):
                    w.line("  if !askedForHead {")
                    w.line("    askedForHead = true")
                    w.line("    let announced = try? await stream.initialMetadata().firstString(forKey: FeedHead.metadataKey)")
                    w.line("    head = announced.flatMap { Int64($0) } ?? 0")
                    w.line("  }")
                    w.line("  head = max(head, event.sequence)")
                    w.line("  try await deliver(event, head)")
                w.line("}")
        w.line()


def emit_namespaces(model: Model) -> str:
    w = Writer()
    w.line(HEADER.format(source="the package list in Tools/contractgen/model.py").rstrip("\n"))
    w.line()
    for pkg, ns, names in model.package_namespaces():
        w.doc([f"Contracts of proto package `{pkg}`: "
               + ", ".join(f"`proto/{n}`" for n in names) + "."])
        w.line(f"public enum {ns} {{}}")
        w.line()
    return w.text()
