import Contracts
import RPCCore
import Testing

@Suite("Timestamp conveniences")
struct TimestampTests {
  @Test(
    "RFC 3339 text parses back to the same instant",
    arguments: [
      "1970-01-01T00:00:00Z", "2009-01-13T09:30:00.123456Z", "0001-01-01T00:00:00Z",
      "9999-12-31T23:59:59.999999999Z", "2000-02-29T12:00:00.5Z",
    ])
  func parsesItsOwnOutput(text: String) throws {
    let timestamp = try #require(Protobuf.Timestamp(rfc3339: text))
    let formatted = timestamp.rfc3339
    #expect(Protobuf.Timestamp(rfc3339: formatted) == timestamp)
    #expect(timestamp.isValid)
  }

  @Test("Offsets are applied")
  func offsets() {
    #expect(
      Protobuf.Timestamp(rfc3339: "2009-01-13T10:30:00+01:00")
        == Protobuf.Timestamp(seconds: 1_231_839_000, nanos: 0))
    #expect(
      Protobuf.Timestamp(rfc3339: "2009-01-13T04:30:00-05:00")
        == Protobuf.Timestamp(seconds: 1_231_839_000, nanos: 0))
  }

  @Test(
    "Malformed or out-of-range text is rejected",
    arguments: [
      "", "2009-01-13", "2009-01-13T09:30:00", "2009-13-01T00:00:00Z", "2009-02-29T00:00:00Z",
      "2009-01-13T24:00:00Z", "2009-01-13T09:30:00.Z", "2009-01-13T09:30:00.1234567890Z",
      "10000-01-01T00:00:00Z", "0000-12-31T23:59:59Z",
    ])
  func rejectsMalformed(text: String) {
    #expect(Protobuf.Timestamp(rfc3339: text) == nil)
  }

  @Test("Arithmetic, ordering and conversion")
  func arithmetic() {
    let start = Protobuf.Timestamp(seconds: 10, nanos: 900_000_000)
    let later = start.adding(.milliseconds(250))
    #expect(later == Protobuf.Timestamp(seconds: 11, nanos: 150_000_000))
    #expect(later.adding(.milliseconds(-250)) == start)
    #expect(start < later)
    #expect(start.duration(to: later) == .milliseconds(250))
    #expect(Protobuf.Timestamp(secondsSince1970: -0.5) == Protobuf.Timestamp(seconds: -1, nanos: 500_000_000))
    #expect(Protobuf.Timestamp(secondsSince1970: 1.25).secondsSince1970 == 1.25)
    let now = Protobuf.Timestamp.now()
    #expect(now.isValid && now.seconds > 1_700_000_000)
    #expect(!Protobuf.Timestamp(seconds: 0, nanos: -1).isValid)
  }
}
