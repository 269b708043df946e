import Testing

@testable import RPCHTTP2

@Suite("grpc-timeout codec")
struct GRPCTimeoutTests {
  @Test(
    "every unit parses to its duration",
    arguments: [
      ("1H", Duration.seconds(3600)), ("2M", .seconds(120)), ("3S", .seconds(3)),
      ("200m", .milliseconds(200)), ("7u", .microseconds(7)), ("99999999n", .nanoseconds(99_999_999)),
      ("0S", .zero),
    ])
  func parsesUnits(text: String, expected: Duration) {
    #expect(GRPCTimeout.parse(text) == expected)
  }

  @Test(
    "malformed values are rejected",
    arguments: ["", "S", "10", "1s", "123456789S", "-1S", "1.5S", " 1S", "1SS"])
  func rejectsMalformed(text: String) {
    #expect(GRPCTimeout.parse(text) == nil)
  }

  @Test(
    "encoding uses at most eight digits and never shortens the timeout",
    arguments: [
      Duration.nanoseconds(1), .microseconds(1500), .milliseconds(250), .seconds(30),
      .seconds(86_400 * 365 * 5), .nanoseconds(123_456_789_123),
    ])
  func encodes(duration: Duration) throws {
    let text = GRPCTimeout.encode(duration)
    #expect(text.count <= 9)
    let parsed = try #require(GRPCTimeout.parse(text))
    #expect(parsed >= duration)
    // Rounded up by at most one unit of the chosen scale: within 0.1% or 1 unit.
    #expect(parsed - duration <= max(duration / 1000, .nanoseconds(1000)))
  }

  @Test("a timeout already spent encodes as one nanosecond")
  func expired() {
    #expect(GRPCTimeout.encode(.zero) == "1n")
    #expect(GRPCTimeout.encode(.seconds(-3)) == "1n")
  }
}
