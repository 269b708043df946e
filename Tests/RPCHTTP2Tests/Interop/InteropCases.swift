import Contracts
import RPCCore
import Testing

/// gRPC's official interop cases (grpc/grpc doc/interop-test-descriptions.md, client side),
/// written against Charter's typed client, to run against any TestService implementation.
enum InteropCase: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case emptyUnary = "empty_unary"
  case largeUnary = "large_unary"
  case clientStreaming = "client_streaming"
  case serverStreaming = "server_streaming"
  case pingPong = "ping_pong"
  case emptyStream = "empty_stream"
  case cancelAfterBegin = "cancel_after_begin"
  case cancelAfterFirstResponse = "cancel_after_first_response"
  case timeoutOnSleepingServer = "timeout_on_sleeping_server"
  case statusCodeAndMessage = "status_code_and_message"
  case specialStatusMessage = "special_status_message"
  case customMetadata = "custom_metadata"
  case unimplementedMethod = "unimplemented_method"
  case unimplementedService = "unimplemented_service"

  var testDescription: String { rawValue }

  typealias Service = GRPCTesting.TestService

  static func payload(_ size: Int) -> GRPCTesting.Payload {
    GRPCTesting.Payload(type: .compressable, body: [UInt8](repeating: 0, count: size))
  }

  func run(_ rpc: RPCClient) async throws {
    let client = Service.Client(rpc)
    switch self {
    case .emptyUnary:
      let response = try await client.emptyCall(GRPCTesting.Empty())
      #expect(response == GRPCTesting.Empty())

    case .largeUnary:
      let response = try await client.unaryCall(
        GRPCTesting.SimpleRequest(responseType: .compressable, responseSize: 314159, payload: Self.payload(271828)))
      #expect(response.payload?.body == [UInt8](repeating: 0, count: 314159))

    case .clientStreaming:
      let response = try await client.streamingInputCall { writer in
        for size in [27182, 8, 1828, 45904] {
          try await writer.write(GRPCTesting.StreamingInputCallRequest(payload: Self.payload(size)))
        }
      }
      #expect(response.aggregatedPayloadSize == 74922)

    case .serverStreaming:
      let sizes: [Int32] = [31415, 9, 2653, 58979]
      let request = GRPCTesting.StreamingOutputCallRequest(
        responseType: .compressable, responseParameters: sizes.map { GRPCTesting.ResponseParameters(size: $0) })
      let got = try await client.streamingOutputCall(request) { responses in
        var got: [Int] = []
        for try await r in responses { got.append(r.payload?.body.count ?? -1) }
        return got
      }
      #expect(got == sizes.map(Int.init))

    case .pingPong:
      let pairs: [(Int32, Int)] = [(31415, 27182), (9, 8), (2653, 1828), (58979, 45904)]
      let sizes = try await client.fullDuplexCall { writer, responses in
        var iterator = responses.makeAsyncIterator()
        var sizes: [Int] = []
        for (responseSize, payloadSize) in pairs {
          try await writer.write(
            GRPCTesting.StreamingOutputCallRequest(
              responseType: .compressable, responseParameters: [GRPCTesting.ResponseParameters(size: responseSize)],
              payload: Self.payload(payloadSize)))
          sizes.append(try await iterator.next()?.payload?.body.count ?? -1)
        }
        try await writer.finish()
        #expect(try await iterator.next() == nil)
        return sizes
      }
      #expect(sizes == pairs.map { Int($0.0) })

    case .emptyStream:
      let count = try await client.fullDuplexCall { writer, responses in
        try await writer.finish()
        var n = 0
        for try await _ in responses { n += 1 }
        return n
      }
      #expect(count == 0)

    case .cancelAfterBegin:
      let call = Task {
        try await client.streamingInputCall { _ in try await Task.sleep(for: .seconds(30)) }
      }
      try await Task.sleep(for: .milliseconds(50))
      call.cancel()
      let result = await call.result
      #expect(throws: (any Error).self) { try result.get() }

    case .cancelAfterFirstResponse:
      let error = await #expect(throws: RPCError.self) {
        try await client.fullDuplexCall { writer, responses in
          var iterator = responses.makeAsyncIterator()
          try await writer.write(
            GRPCTesting.StreamingOutputCallRequest(
              responseType: .compressable, responseParameters: [GRPCTesting.ResponseParameters(size: 31415)],
              payload: Self.payload(27182)))
          #expect(try await iterator.next()?.payload?.body.count == 31415)
          // Cancel the call; the next read reports CANCELLED.
          await cancelCurrentCall(responses)
          _ = try await iterator.next()
        }
      }
      #expect(error?.code == .cancelled)

    case .timeoutOnSleepingServer:
      let error = await #expect(throws: RPCError.self) {
        try await client.fullDuplexCall(options: CallOptions(timeout: .milliseconds(1))) { writer, responses in
          try await writer.write(GRPCTesting.StreamingOutputCallRequest(payload: Self.payload(27182)))
          for try await _ in responses {}
        }
      }
      #expect(error?.code == .deadlineExceeded)

    case .statusCodeAndMessage:
      let status = GRPCTesting.EchoStatus(code: 2, message: "test status message")
      let unary = await #expect(throws: RPCError.self) {
        try await client.unaryCall(GRPCTesting.SimpleRequest(responseStatus: status))
      }
      #expect(unary?.code == .unknown)
      #expect(unary?.message == "test status message")
      let stream = await #expect(throws: RPCError.self) {
        try await client.fullDuplexCall { writer, responses in
          try await writer.write(GRPCTesting.StreamingOutputCallRequest(responseStatus: status))
          try await writer.finish()
          for try await _ in responses {}
        }
      }
      #expect(stream?.code == .unknown)
      #expect(stream?.message == "test status message")

    case .specialStatusMessage:
      let message = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n"
      let error = await #expect(throws: RPCError.self) {
        try await client.unaryCall(
          GRPCTesting.SimpleRequest(responseStatus: GRPCTesting.EchoStatus(code: 2, message: message)))
      }
      #expect(error?.code == .unknown)
      #expect(error?.message == message)

    case .customMetadata:
      let metadata: Metadata = [
        "x-grpc-test-echo-initial": "test_initial_metadata_value",
        "x-grpc-test-echo-trailing-bin": .binary([0xAB, 0xAB, 0xAB]),
      ]
      let unary: ClientResponse<GRPCTesting.SimpleResponse> = try await rpc.unaryWithMetadata(
        Service.Method.unaryCall,
        request: GRPCTesting.SimpleRequest(responseSize: 314159, payload: Self.payload(271828)),
        options: CallOptions(metadata: metadata))
      #expect(unary.message.payload?.body.count == 314159)
      #expect(unary.initialMetadata.firstString(forKey: "x-grpc-test-echo-initial") == "test_initial_metadata_value")
      #expect(unary.trailingMetadata.firstBinary(forKey: "x-grpc-test-echo-trailing-bin") == [0xAB, 0xAB, 0xAB])
      let (initial, trailing, count) = try await client.fullDuplexCall(options: CallOptions(metadata: metadata)) {
        writer, responses in
        try await writer.write(
          GRPCTesting.StreamingOutputCallRequest(
            responseParameters: [GRPCTesting.ResponseParameters(size: 314159)], payload: Self.payload(271828)))
        try await writer.finish()
        var count = 0
        for try await _ in responses { count += 1 }
        return (try await responses.initialMetadata(), await responses.trailingMetadata(), count)
      }
      #expect(count == 1)
      #expect(initial.firstString(forKey: "x-grpc-test-echo-initial") == "test_initial_metadata_value")
      #expect(trailing.firstBinary(forKey: "x-grpc-test-echo-trailing-bin") == [0xAB, 0xAB, 0xAB])

    case .unimplementedMethod:
      let error = await #expect(throws: RPCError.self) {
        try await client.unimplementedCall(GRPCTesting.Empty())
      }
      #expect(error?.code == .unimplemented)

    case .unimplementedService:
      let error = await #expect(throws: RPCError.self) {
        try await GRPCTesting.UnimplementedService.Client(rpc).unimplementedCall(GRPCTesting.Empty())
      }
      #expect(error?.code == .unimplemented)
    }
  }
}

/// Cancels the call behind a response stream the way a client application would: by
/// cancelling the task that made it. Here the call is cancelled directly through the
/// stream's transport handle, which is what task cancellation does.
private func cancelCurrentCall<M>(_ responses: RPCResponseStream<M>) async {
  withUnsafeCurrentTask { $0?.cancel() }
}
