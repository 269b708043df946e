"""Emits the generated test fixtures: deterministic sample values for every message, the
method table straight from the descriptors, and a stub implementation of every service.

The assertions live in hand-written tests (Tests/ContractsTests); these files only give them
complete, automatically maintained inputs.
"""

from __future__ import annotations

from typing import List

from model import FDP, Field, Message, Model, ProtoFile, Service, bare
from model import MethodOptions
from emit_services import requirement_signature
from writer import HEADER, Writer, swift_string_literal

MAX_SAMPLE_STRING = ' "quoted" back\\slash\ttab\nnew line \r\x01\x1f control / <tag> & \'apostrophe\' '
# Appended to every maximal string (`sampleLongTail` in Test Utilities, about 1 KB), so maximal
# messages also outgrow the encoder's stack block.
LONG_TAIL = " + sampleLongTail"
UNICODE_SAMPLE_STRING = (
    ": Café naïve façade Ångström — 学校の先生 🏫👩🏽‍🏫 مدرسة جديدة שלום Ελληνικά ✓ ﷽"
)

SIGNED32 = {FDP.TYPE_INT32, FDP.TYPE_SINT32, FDP.TYPE_SFIXED32}
SIGNED64 = {FDP.TYPE_INT64, FDP.TYPE_SINT64, FDP.TYPE_SFIXED64}
UNSIGNED32 = {FDP.TYPE_UINT32, FDP.TYPE_FIXED32}
UNSIGNED64 = {FDP.TYPE_UINT64, FDP.TYPE_FIXED64}

TIMESTAMP_SAMPLES = [
    ("maximal", "253_402_300_799", "999_999_999"),  # 9999-12-31T23:59:59.999999999Z
    ("unicode", "1_231_839_000", "123_456_000"),  # 2009-01-13T09:30:00.123456Z
    ("minimum", "-62_135_596_800", "0"),  # 0001-01-01T00:00:00Z
    ("millis", "1_277_942_400", "5_000_000"),  # 2010-07-01T00:00:00.005Z
    ("pre-epoch", "-1", "1"),  # 1969-12-31T23:59:59.000000001Z
]


def _timestamp(profile: str) -> str:
    for name, s, n in TIMESTAMP_SAMPLES:
        if name == profile:
            return f"Protobuf.Timestamp(seconds: {s}, nanos: {n})"
    raise KeyError(profile)


class Samples:
    def scalar(self, f: Field, profile: str, idx: int) -> str:
        t = f.type
        if f.enum is not None:
            if profile == "maximal":
                return f".unrecognized({1000 + idx})"
            return "." + bare(f.enum.values[-1].swift_case)
        if f.is_string:
            if profile == "maximal":
                return swift_string_literal(f.name + MAX_SAMPLE_STRING) + LONG_TAIL
            return swift_string_literal(f.name + UNICODE_SAMPLE_STRING)
        if f.is_bytes:
            if profile == "maximal":
                return "Array(UInt8.min...UInt8.max)"
            return f"Array({swift_string_literal(f.name + UNICODE_SAMPLE_STRING)}.utf8)"
        if f.is_bool:
            return "true"
        if t in SIGNED32:
            return ["Int32.max", "Int32.min"][idx % 2] if profile == "maximal" else str(-(40 + idx) if idx % 2 else 40 + idx)
        if t in SIGNED64:
            return ["Int64.min", "Int64.max"][idx % 2] if profile == "maximal" else str(-(4_000_000_000 + idx) if idx % 2 == 0 else 4_000_000_000 + idx)
        if t in UNSIGNED32:
            return "UInt32.max" if profile == "maximal" else str(40 + idx)
        if t in UNSIGNED64:
            return "UInt64.max" if profile == "maximal" else str(9_000_000_000 + idx)
        if t == FDP.TYPE_DOUBLE:
            if profile == "maximal":
                return [".infinity", "-.infinity", ".greatestFiniteMagnitude",
                        "-.leastNonzeroMagnitude"][idx % 4]
            return ["53.8008", "-1.5491", "0.25", "1e-300"][idx % 4]
        if t == FDP.TYPE_FLOAT:
            if profile == "maximal":
                return [".infinity", "-.infinity", "3.0e38", ".leastNonzeroMagnitude"][idx % 4]
            return ["0.5", "-1234.5", "1e-10", "65504"][idx % 4]
        raise AssertionError(f"unhandled type {t}")

    def repeated(self, f: Field, profile: str, idx: int) -> str:
        t = f.type
        if f.message is not None:
            ty = f.message.swift_path
            if f.message.is_timestamp:
                if profile == "maximal":
                    return "[" + ", ".join(_timestamp(p) for p in ("maximal", "minimum", "millis")) + "]"
                return "[" + _timestamp("unicode") + "]"
            if profile == "maximal":
                return f"[{ty}.sampleMaximal, {ty}(), {ty}.sampleUnicode]"
            return f"[{ty}.sampleUnicode, {ty}.sampleUnicode]"
        if f.enum is not None:
            if profile == "maximal":
                cases = ", ".join("." + bare(v.swift_case) for v in f.enum.values)
                return f"[{cases}, .unrecognized(-3), .unrecognized(77)]"
            return f"[.{bare(f.enum.values[-1].swift_case)}, .{bare(f.enum.values[min(1, len(f.enum.values) - 1)].swift_case)}]"
        if f.is_string:
            if profile == "maximal":
                return ("[" + swift_string_literal(f.name + MAX_SAMPLE_STRING) + LONG_TAIL + ', "", '
                        + swift_string_literal(f.name + UNICODE_SAMPLE_STRING) + "]")
            return ("[" + swift_string_literal("1" + UNICODE_SAMPLE_STRING) + ", "
                    + swift_string_literal("2 日本語の文字列 🎓") + "]")
        if f.is_bytes:
            if profile == "maximal":
                return "[Array(UInt8.min...UInt8.max), [], [0, 0xFF, 0]]"
            return f"[Array({swift_string_literal('é' + UNICODE_SAMPLE_STRING)}.utf8)]"
        if f.is_bool:
            return "[true, false, true]"
        if t in SIGNED32:
            return "[Int32.min, -1, 0, 1, Int32.max]" if profile == "maximal" else "[7, -42]"
        if t in SIGNED64:
            return "[Int64.min, -1, 0, 1, Int64.max]" if profile == "maximal" else "[7, -42_000_000_000]"
        if t in UNSIGNED32:
            return "[0, 1, UInt32.max]" if profile == "maximal" else "[7, 42]"
        if t in UNSIGNED64:
            return "[0, 1, UInt64.max]" if profile == "maximal" else "[7, 42_000_000_000]"
        if t == FDP.TYPE_DOUBLE:
            if profile == "maximal":
                return ("[.infinity, -.infinity, .greatestFiniteMagnitude, .leastNonzeroMagnitude, "
                        "-2.5, 0]")
            return "[51.5074, -0.1278]"
        if t == FDP.TYPE_FLOAT:
            if profile == "maximal":
                return "[.infinity, -.infinity, 3.0e38, .leastNonzeroMagnitude, -2.5, 0]"
            return "[0.5, -0.25]"
        raise AssertionError(f"unhandled type {t}")

    def message_value(self, f: Field, profile: str) -> str:
        assert f.message is not None
        if f.message.is_timestamp:
            return _timestamp(profile)
        return f"{f.message.swift_path}.sample{profile.capitalize()}"

    def field_value(self, f: Field, profile: str, idx: int) -> str:
        if f.repeated:
            return self.repeated(f, profile, idx)
        if f.message is not None:
            return self.message_value(f, profile)
        return self.scalar(f, profile, idx)


def _oneof_assignment(s: Samples, m: Message, member: Field, profile: str, idx: int) -> str:
    if member.message is not None:
        value = s.message_value(member, profile)
    else:
        value = s.scalar(member, profile, idx)
    return f"m.{bare(member.oneof.swift_prop)} = .{bare(member.swift_name)}({value})"


def _variant_count(m: Message) -> int:
    return max((len(o.fields) for o in m.oneofs), default=0)


def emit_message_samples(w: Writer, m: Message) -> None:
    s = Samples()
    p = m.swift_path
    with w.block(f"extension {p}: ContractSampleProviding {{"):
        if m.is_timestamp:
            for name, sec, nano in TIMESTAMP_SAMPLES[:2]:
                w.line(f"static var sample{name.capitalize()}: {p} {{ {_timestamp(name)} }}")
            w.line()
            with w.block(f"static var contractSamples: [(name: String, value: {p})] {{"):
                w.line(f'var samples: [(name: String, value: {p})] = [("empty", {p}())]')
                for name, _, _ in TIMESTAMP_SAMPLES:
                    w.line(f"samples.append(({swift_string_literal(name)}, {_timestamp(name)}))")
                w.line("return samples")
            w.line()
            return
        for profile in ("maximal", "unicode"):
            with w.block(f"static var sample{profile.capitalize()}: {p} {{"):
                if not m.fields:
                    w.line(f"{p}()")
                    continue
                w.line(f"var m = {p}()")
                for idx, f in enumerate(m.plain_fields):
                    w.line(f"m.{bare(f.swift_name)} = {s.field_value(f, profile, idx)}")
                for o in m.oneofs:
                    k = 0 if profile == "maximal" else 1 % len(o.fields)
                    w.line(_oneof_assignment(s, m, o.fields[k], profile, k))
                w.line("return m")
            w.line()
        extra = _variant_count(m)
        with w.block(f"static var contractSamples: [(name: String, value: {p})] {{"):
            w.line(f'var samples: [(name: String, value: {p})] = [("empty", {p}())]')
            w.line('samples.append(("maximal", sampleMaximal))')
            w.line('samples.append(("unicode", sampleUnicode))')
            for k in range(2, extra):
                w.line("do {")
                w.line("  var m = sampleUnicode")
                for o in m.oneofs:
                    member = o.fields[k % len(o.fields)]
                    w.line("  " + _oneof_assignment(s, m, member, "unicode", k))
                w.line(f'  samples.append(("oneof-{k}", m))')
                w.line("}")
            w.line("return samples")
    w.line()


def emit_samples_file(model: Model, pf: ProtoFile) -> str:
    w = Writer()
    w.line(HEADER.format(source=f"proto/{pf.name}").rstrip("\n"))
    w.line()
    w.line("import Contracts")
    w.line()
    for m in pf.messages:
        emit_message_samples(w, m)
    return w.text()


def _kind(client: bool, server: bool) -> str:
    if client and server:
        return "bidirectionalStreaming"
    if client:
        return "clientStreaming"
    if server:
        return "serverStreaming"
    return "unary"


def emit_catalog(model: Model) -> str:
    w = Writer()
    w.line(HEADER.format(source="every proto in proto/").rstrip("\n"))
    w.line()
    w.line("import Contracts")
    w.line("import RPCCore")
    w.line()
    w.doc(["Every generated message type with its samples, in proto order."])
    with w.block("let contractSampleSets: [ContractSampleSet] = [", "]"):
        for pf in model.files:
            for m in pf.messages:
                w.line(f"ContractSampleSet({m.swift_path}.self),")
    w.line()
    w.doc(["Every RPC as the descriptor set declares it, next to the generated descriptor."])
    with w.block("let expectedMethods: [ExpectedMethod] = [", "]"):
        for pf in model.files:
            for s in pf.services:
                for m in s.methods:
                    level = MethodOptions.IdempotencyLevel.Name(m.idempotency)
                    w.line("ExpectedMethod(")
                    w.line(f"  path: {swift_string_literal('/' + s.full_name + '/' + m.name)},")
                    w.line(f"  clientStreaming: {'true' if m.client_streaming else 'false'}, "
                           f"serverStreaming: {'true' if m.server_streaming else 'false'},")
                    w.line(f"  idempotencyLevel: {swift_string_literal(level)},")
                    w.line(f"  descriptor: {s.swift_path}.Method.{bare(m.swift_name)}),")
    w.line()
    w.doc(["Every service: its name, the generated method list, and a stub implementation that",
           "answers UNIMPLEMENTED, registered through the generated `registerMethods(with:)`."])
    with w.block("let generatedServices: [GeneratedService] = [", "]"):
        for pf in model.files:
            for s in pf.services:
                w.line("GeneratedService(")
                w.line(f"  name: {swift_string_literal(s.full_name)}, methods: {s.swift_path}.Method.all,")
                w.line(f"  register: {{ router in router.register({_stub_name(s)}()) }}),")
    w.line()
    for pf in model.files:
        for s in pf.services:
            _emit_stub(w, s)
    return w.text()


def _stub_name(s: Service) -> str:
    return "Stub" + s.swift_path.replace(".", "")


def _emit_stub(w: Writer, s: Service) -> None:
    w.doc([f"Answers every RPC of `{s.full_name}` with UNIMPLEMENTED."])
    with w.block(f"struct {_stub_name(s)}: {s.swift_path}.ServiceProtocol {{"):
        for m in s.methods:
            req, resp = m.input.swift_path, m.output.swift_path
            err = f"throw RPCError(code: .unimplemented, message: {swift_string_literal(m.name)})"
            if m.kind == "unary":
                w.line(f"func {m.swift_name}(")
                w.line(f"  request: {req}, context: ServerContext")
                w.line(f") async throws -> {resp} {{")
            else:
                w.lines(requirement_signature(m, body=True))
            w.line(f"  {err}")
            w.line("}")
    w.line()
