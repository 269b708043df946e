public import Contracts
public import RPCCore

/// gRPC's standard interop `grpc.testing.TestService`, so stock gRPC interop clients can prove
/// that Charter's runtime speaks gRPC (grpc/grpc `doc/interop-test-descriptions.md`, server
/// requirements).
///
/// Behaviour worth knowing:
/// - payloads are `response_size` zero bytes of type COMPRESSABLE; another type is
///   INVALID_ARGUMENT;
/// - `response_status` ends the call with that code and message;
/// - `x-grpc-test-echo-initial` is echoed in the response headers and
///   `x-grpc-test-echo-trailing-bin` in the trailers, byte for byte;
/// - the server supports no compression, so a request that says it expects a compressed
///   message (`expect_compressed`) is INVALID_ARGUMENT, as the interop spec prescribes;
/// - `UnimplementedCall` answers UNIMPLEMENTED, and `grpc.testing.UnimplementedService` is
///   not served at all.
public struct InteropTestService: GRPCTesting.TestService.ServiceProtocol {
  public static let echoInitialKey = "x-grpc-test-echo-initial"
  public static let echoTrailingKey = "x-grpc-test-echo-trailing-bin"

  let serverID: String

  public init(serverID: String = "charter-interop-server") { self.serverID = serverID }

  public func emptyCall(request: GRPCTesting.Empty, context: ServerContext) async throws -> GRPCTesting.Empty {
    echoMetadata(context)
    return GRPCTesting.Empty()
  }

  public func unaryCall(request: GRPCTesting.SimpleRequest, context: ServerContext) async throws
    -> GRPCTesting.SimpleResponse
  {
    echoMetadata(context)
    if request.expectCompressed?.value == true {
      throw RPCError(
        code: .invalidArgument, message: "the request was not compressed; this server supports no compression")
    }
    if let status = request.responseStatus, status.code != 0 {
      throw RPCError(code: Status.Code(rawValue: Int(status.code)), message: status.message)
    }
    var response = GRPCTesting.SimpleResponse()
    response.payload = try payload(type: request.responseType, size: request.responseSize)
    if request.fillServerId { response.serverId = serverID }
    if request.fillGrpclbRouteType { response.grpclbRouteType = .backend }
    return response
  }

  public func cacheableUnaryCall(request: GRPCTesting.SimpleRequest, context: ServerContext) async throws
    -> GRPCTesting.SimpleResponse
  {
    // A response unique per call, so a client can tell whether a cache answered.
    var response = try await unaryCall(request: request, context: context)
    let now = ContinuousClock.now
    response.payload = GRPCTesting.Payload(type: .compressable, body: Array("\(now)".utf8))
    return response
  }

  public func streamingOutputCall(
    request: GRPCTesting.StreamingOutputCallRequest,
    response: RPCResponseWriter<GRPCTesting.StreamingOutputCallResponse>,
    context: ServerContext
  ) async throws {
    echoMetadata(context)
    for parameters in request.responseParameters {
      try await send(parameters, type: request.responseType, to: response)
    }
    try throwStatus(request.responseStatus)
  }

  public func streamingInputCall(
    requests: RPCRequestStream<GRPCTesting.StreamingInputCallRequest>, context: ServerContext
  ) async throws -> GRPCTesting.StreamingInputCallResponse {
    echoMetadata(context)
    var total = 0
    for try await request in requests {
      if request.expectCompressed?.value == true {
        throw RPCError(
          code: .invalidArgument, message: "the request was not compressed; this server supports no compression")
      }
      total += request.payload?.body.count ?? 0
    }
    return GRPCTesting.StreamingInputCallResponse(aggregatedPayloadSize: Int32(clamping: total))
  }

  public func fullDuplexCall(
    requests: RPCRequestStream<GRPCTesting.StreamingOutputCallRequest>,
    response: RPCResponseWriter<GRPCTesting.StreamingOutputCallResponse>,
    context: ServerContext
  ) async throws {
    echoMetadata(context)
    for try await request in requests {
      try throwStatus(request.responseStatus)
      for parameters in request.responseParameters {
        try await send(parameters, type: request.responseType, to: response)
      }
    }
  }

  public func halfDuplexCall(
    requests: RPCRequestStream<GRPCTesting.StreamingOutputCallRequest>,
    response: RPCResponseWriter<GRPCTesting.StreamingOutputCallResponse>,
    context: ServerContext
  ) async throws {
    echoMetadata(context)
    var all: [GRPCTesting.StreamingOutputCallRequest] = []
    for try await request in requests { all.append(request) }
    for request in all {
      try throwStatus(request.responseStatus)
      for parameters in request.responseParameters {
        try await send(parameters, type: request.responseType, to: response)
      }
    }
  }

  public func unimplementedCall(request: GRPCTesting.Empty, context: ServerContext) async throws -> GRPCTesting.Empty {
    throw RPCError(code: .unimplemented, message: "UnimplementedCall is deliberately not implemented")
  }

  // MARK: helpers

  private func payload(type: GRPCTesting.PayloadType, size: Int32) throws -> GRPCTesting.Payload {
    guard type == .compressable else {
      throw RPCError(code: .invalidArgument, message: "unsupported payload type \(type.protoName)")
    }
    guard size >= 0 else { throw RPCError(code: .invalidArgument, message: "negative response size") }
    return GRPCTesting.Payload(type: .compressable, body: [UInt8](repeating: 0, count: Int(size)))
  }

  private func send(
    _ parameters: GRPCTesting.ResponseParameters, type: GRPCTesting.PayloadType,
    to writer: RPCResponseWriter<GRPCTesting.StreamingOutputCallResponse>
  ) async throws {
    if parameters.intervalUs > 0 { try await Task.sleep(for: .microseconds(Int64(parameters.intervalUs))) }
    try await writer.write(
      GRPCTesting.StreamingOutputCallResponse(payload: try payload(type: type, size: parameters.size)))
  }

  private func throwStatus(_ status: GRPCTesting.EchoStatus?) throws {
    if let status, status.code != 0 {
      throw RPCError(code: Status.Code(rawValue: Int(status.code)), message: status.message)
    }
  }

  private func echoMetadata(_ context: ServerContext) {
    for value in context.requestMetadata[Self.echoInitialKey] {
      context.response.addInitial(Self.echoInitialKey, value)
    }
    for value in context.requestMetadata[Self.echoTrailingKey] {
      context.response.addTrailing(Self.echoTrailingKey, value)
    }
  }
}
