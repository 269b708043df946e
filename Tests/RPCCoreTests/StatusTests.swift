import Testing

@testable import RPCCore

@Suite("Status and RPCError")
struct StatusTests {
  @Test(
    "the seventeen codes have gRPC's numbers and names",
    arguments: [
      (Status.Code.ok, 0, "OK"), (.cancelled, 1, "CANCELLED"), (.unknown, 2, "UNKNOWN"),
      (.invalidArgument, 3, "INVALID_ARGUMENT"), (.deadlineExceeded, 4, "DEADLINE_EXCEEDED"),
      (.notFound, 5, "NOT_FOUND"), (.alreadyExists, 6, "ALREADY_EXISTS"),
      (.permissionDenied, 7, "PERMISSION_DENIED"), (.resourceExhausted, 8, "RESOURCE_EXHAUSTED"),
      (.failedPrecondition, 9, "FAILED_PRECONDITION"), (.aborted, 10, "ABORTED"),
      (.outOfRange, 11, "OUT_OF_RANGE"), (.unimplemented, 12, "UNIMPLEMENTED"),
      (.internalError, 13, "INTERNAL"), (.unavailable, 14, "UNAVAILABLE"), (.dataLoss, 15, "DATA_LOSS"),
      (.unauthenticated, 16, "UNAUTHENTICATED"),
    ])
  func codes(code: Status.Code, number: Int, name: String) {
    #expect(code.rawValue == number)
    #expect(code.description == name)
    #expect(code.isKnown)
  }

  @Test("a code outside the defined range is kept and reported as not known")
  func unknownCode() {
    let code = Status.Code(rawValue: 42)
    #expect(!code.isKnown)
    #expect(code.description == "CODE(42)")
  }

  @Test("an RPCError built from an OK status becomes UNKNOWN rather than claiming success")
  func okStatusIsNotAnError() {
    #expect(RPCError(status: .ok).code == .unknown)
  }

  @Test("handler errors map to the status a client should see")
  func mapping() {
    struct Domain: RPCErrorConvertible {
      var rpcErrorCode: Status.Code { .notFound }
      var rpcErrorMessage: String { "no such school 123456" }
    }
    struct Secret: Error {}
    #expect(RPCError(mapping: RPCError(code: .aborted, message: "m"), deadline: nil).code == .aborted)
    #expect(RPCError(mapping: Domain(), deadline: nil) == RPCError(code: .notFound, message: "no such school 123456"))
    let unknown = RPCError(mapping: Secret(), deadline: nil)
    #expect(unknown.code == .unknown)
    #expect(!unknown.message.contains("Secret"))
    #expect(RPCError(mapping: CancellationError(), deadline: nil).code == .cancelled)
    #expect(RPCError(mapping: CancellationError(), deadline: .now.advanced(by: .seconds(-1))).code == .deadlineExceeded)
    #expect(RPCError(mapping: CancellationError(), deadline: .now.advanced(by: .seconds(60))).code == .cancelled)
  }
}
