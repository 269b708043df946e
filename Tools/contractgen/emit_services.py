"""Emits method descriptors, the server protocol with its router registration, and the typed
client for one proto service."""

from __future__ import annotations

from typing import List

from model import Method, Service, bare
from writer import Writer, swift_string_literal


def _method_doc(m: Method) -> List[str]:
    lines = m.doc.lines()
    return lines if lines else [f"The `{m.name}` RPC."]


def _kind_doc(m: Method) -> str:
    return {
        "unary": "Unary",
        "serverStreaming": "Server-streaming",
        "clientStreaming": "Client-streaming",
        "bidirectionalStreaming": "Bidirectional-streaming",
    }[m.kind]


def emit_services(w: Writer, s: Service) -> None:
    p = s.swift_path
    ns = s.file.namespace
    w.line(f"// MARK: - service {s.full_name}")
    w.line()
    if p != ns:
        with w.block(f"extension {ns} {{"):
            w.doc(s.doc.lines() or [f"The `{s.full_name}` service."])
            w.doc(["", f"Namespace for service `{s.full_name}`: its method descriptors, server",
                   "protocol and typed client."])
            w.line(f"public enum {s.name} {{}}")
        w.line()

    # Method descriptors.
    with w.block(f"extension {p} {{"):
        w.doc([f"Descriptors of the methods of `{s.full_name}`, for routing, clients and",
               "interceptors."])
        with w.block("public enum Method {"):
            for m in s.methods:
                w.doc([f"`/{s.full_name}/{m.name}`:",
                       _kind_doc(m).lower()
                       + (", idempotent (retried on UNAVAILABLE)." if m.is_idempotent else ".")])
                w.line(f"public static let {m.swift_name} = MethodDescriptor(")
                w.line(f"  service: {swift_string_literal(s.full_name)}, "
                       f"method: {swift_string_literal(m.name)},")
                w.line(f"  kind: .{m.kind}, isIdempotent: {'true' if m.is_idempotent else 'false'})")
            w.doc(["Every method of the service, in proto order."])
            with w.block("public static let all: [MethodDescriptor] = [", "]"):
                for m in s.methods:
                    w.line(f"{m.swift_name},")
    w.line()

    # Server protocol.
    with w.block(f"extension {p} {{"):
        w.doc(s.doc.lines() or [f"The `{s.full_name}` service."])
        w.doc(["", f"Implement this protocol to serve `{s.full_name}`; register the",
               "implementation with `RPCRouter.register(_:)`."])
        with w.block("public protocol ServiceProtocol: RegistrableRPCService {"):
            for m in s.methods:
                req, resp = m.input.swift_path, m.output.swift_path
                w.doc(_method_doc(m))
                if m.kind == "unary":
                    w.line(f"func {m.swift_name}(")
                    w.line(f"  request: {req}, context: ServerContext")
                    w.line(f") async throws -> {resp}")
                else:
                    w.lines(requirement_signature(m))
                w.line()
    w.line()

    # Registration.
    with w.block(f"extension {p}.ServiceProtocol {{"):
        w.doc(["Registers every method of the service with `router`."])
        with w.block("public func registerMethods(with router: inout RPCRouter) {"):
            for m in s.methods:
                desc = f"{p}.Method.{bare(m.swift_name)}"
                register = {
                    "unary": "registerUnary",
                    "serverStreaming": "registerServerStreaming",
                    "clientStreaming": "registerClientStreaming",
                    "bidirectionalStreaming": "registerBidirectionalStreaming",
                }[m.kind]
                labels = {
                    "unary": "request:context:",
                    "serverStreaming": "request:response:context:",
                    "clientStreaming": "requests:context:",
                    "bidirectionalStreaming": "requests:response:context:",
                }[m.kind]
                w.line(f"router.{register}(")
                w.line(f"  {desc}, handler: {bare(m.swift_name)}({labels}))")
    w.line()

    # Client.
    with w.block(f"extension {p} {{"):
        w.doc([f"A typed client for `{s.full_name}`: one method per RPC over an `RPCClient`",
               "(which applies deadlines, interceptors and retries of idempotent calls)."])
        with w.block("public struct Client: Sendable {"):
            w.doc(["The untyped client the calls go through."])
            w.line("public let rpcClient: RPCClient")
            w.line()
            w.doc(["Wraps `client`."])
            w.line("public init(_ client: RPCClient) { self.rpcClient = client }")
            for m in s.methods:
                w.line()
                req, resp = m.input.swift_path, m.output.swift_path
                desc = f"{p}.Method.{bare(m.swift_name)}"
                w.doc(_method_doc(m))
                if m.kind == "unary":
                    w.line(f"public func {m.swift_name}(")
                    w.line(f"  _ request: {req}, options: CallOptions = .defaults")
                    with w.block(f") async throws -> {resp} {{"):
                        w.line("try await rpcClient.unary(")
                        w.line(f"  {desc}, request: request, options: options)")
                elif m.kind == "serverStreaming":
                    w.doc(["", "`handle` reads the responses; the call is cancelled if it returns "
                           "before the stream ends."])
                    w.line(f"public func {m.swift_name}<Result: Sendable>(")
                    w.line(f"  _ request: {req},")
                    w.line("  options: CallOptions = .defaults,")
                    w.line(f"  handle: @Sendable (RPCResponseStream<{resp}>) async throws -> Result")
                    with w.block(") async throws -> Result {"):
                        w.line("try await rpcClient.serverStreaming(")
                        w.line(f"  {desc},")
                        w.line("  request: request, options: options, handle: handle)")
                elif m.kind == "clientStreaming":
                    w.doc(["", "`requests` writes the request messages; the call half-closes when it",
                           "returns, then the single response is returned."])
                    w.line(f"public func {m.swift_name}(")
                    w.line("  options: CallOptions = .defaults,")
                    w.line(f"  requests: @Sendable (RPCRequestWriter<{req}>) async throws -> Void")
                    with w.block(f") async throws -> {resp} {{"):
                        w.line("try await rpcClient.clientStreaming(")
                        w.line(f"  {desc}, options: options, requests: requests)")
                else:
                    w.doc(["", "`body` writes requests and reads responses, freely interleaved;",
                           "sending half-closes when it returns."])
                    w.line(f"public func {m.swift_name}<Result: Sendable>(")
                    w.line("  options: CallOptions = .defaults,")
                    w.line("  body: @Sendable (")
                    w.line(f"    RPCRequestWriter<{req}>,")
                    w.line(f"    RPCResponseStream<{resp}>")
                    w.line("  ) async throws -> Result")
                    with w.block(") async throws -> Result {"):
                        w.line("try await rpcClient.bidirectionalStreaming(")
                        w.line(f"  {desc}, options: options, body: body)")
    w.line()


def requirement_signature(m: Method, body: bool = False) -> List[str]:
    """The server-side signature of a streaming RPC, one parameter per line."""
    req, resp = m.input.swift_path, m.output.swift_path
    lines = [f"func {m.swift_name}("]
    if m.kind == "serverStreaming":
        lines += [f"  request: {req},", f"  response: RPCResponseWriter<{resp}>,",
                  "  context: ServerContext", ") async throws"]
    elif m.kind == "clientStreaming":
        lines += [f"  requests: RPCRequestStream<{req}>,", "  context: ServerContext",
                  f") async throws -> {resp}"]
    else:
        lines += [f"  requests: RPCRequestStream<{req}>,", f"  response: RPCResponseWriter<{resp}>,",
                  "  context: ServerContext", ") async throws"]
    if body:
        lines[-1] += " {"
    return lines
