import Testing

@testable import RPCCore

@Suite("Method descriptors")
struct MethodDescriptorTests {
  @Test("the wire path is /service/method")
  func path() {
    let d = MethodDescriptor(
      service: "charter.registry.v1.Registry", method: "GetSchool", kind: .unary, isIdempotent: true)
    #expect(d.path == "/charter.registry.v1.Registry/GetSchool")
    #expect(d.isIdempotent)
    #expect(
      d
        == MethodDescriptor(
          service: "charter.registry.v1.Registry", method: "GetSchool", kind: .unary, isIdempotent: true))
    #expect(
      d
        != MethodDescriptor(
          service: "charter.registry.v1.Registry", method: "GetSchool", kind: .serverStreaming, isIdempotent: true))
  }

  @Test("call shapes know which side streams")
  func kinds() {
    #expect(!RPCKind.unary.clientStreams && !RPCKind.unary.serverStreams)
    #expect(RPCKind.serverStreaming.serverStreams && !RPCKind.serverStreaming.clientStreams)
    #expect(RPCKind.clientStreaming.clientStreams && !RPCKind.clientStreaming.serverStreams)
    #expect(RPCKind.bidirectionalStreaming.clientStreams && RPCKind.bidirectionalStreaming.serverStreams)
  }
}
