import Contracts
import RPCCore
import Testing

/// The proto3 JSON form, checked on values whose canonical JSON is known by heart. (The Python
/// interop test checks every sample against an independent implementation.)
@Suite("Proto3 JSON")
struct ProtoJSONWriterTests {
  @Test("Default values are omitted; an empty message is {}")
  func defaultsOmitted() {
    #expect(Registry.School().protoJSON() == "{}")
    #expect(GRPCTesting.Empty().protoJSON() == "{}")
    #expect(Common.GeoPoint(latitude: 0, longitude: -0.0).protoJSON() == "{}")
  }

  @Test("Keys are lowerCamel json names in field order; nested messages are objects")
  func keysAndNesting() {
    var school = Registry.School()
    school.urn = "107979"
    school.numberOnRoll = 412
    school.localAuthority = Common.LocalAuthority(code: "383", name: "Leeds")
    school.phase = .allThrough
    #expect(
      school.protoJSON()
        == #"{"urn":"107979","phase":"SCHOOL_PHASE_ALL_THROUGH","localAuthority":{"code":"383","name":"Leeds"},"numberOnRoll":412}"#
    )
  }

  @Test("64-bit integers are strings, 32-bit ones numbers")
  func integers() {
    var event = Registry.RegistryEvent()
    event.sequence = Int64.min
    #expect(event.protoJSON() == #"{"sequence":"-9223372036854775808"}"#)
    let status = GRPCTesting.EchoStatus(code: Int32.min, message: "")
    #expect(status.protoJSON() == #"{"code":-2147483648}"#)
    let money = Common.Money(currencyCode: "GBP", amountMinor: 55_000)
    #expect(money.protoJSON() == #"{"currencyCode":"GBP","amountMinor":"55000"}"#)
  }

  @Test("Floating point: infinities and NaN are strings, others shortest decimals")
  func floatingPoint() {
    #expect(
      Common.GeoPoint(latitude: .infinity, longitude: -.infinity).protoJSON()
        == #"{"latitude":"Infinity","longitude":"-Infinity"}"#)
    #expect(
      Common.GeoPoint(latitude: 53.8008, longitude: -1.5491).protoJSON()
        == #"{"latitude":53.8008,"longitude":-1.5491}"#)
  }

  @Test(
    "Bytes are padded base64",
    arguments: [
      ([UInt8](), nil), ([0], "AA=="), ([0, 1], "AAE="), ([0, 1, 2], "AAEC"),
      (Array("Man".utf8), "TWFu"), ([0xFB, 0xFF], "+/8="),
    ] as [([UInt8], String?)])
  func base64(bytes: [UInt8], expected: String?) {
    let payload = GRPCTesting.Payload(type: .compressable, body: bytes)
    if let expected {
      #expect(payload.protoJSON() == #"{"body":"\#(expected)"}"#)
    } else {
      #expect(payload.protoJSON() == "{}")
    }
  }

  @Test("Strings escape quotes, backslashes and control characters; other text is verbatim")
  func stringEscaping() {
    let status = GRPCTesting.EchoStatus(code: 0, message: "a\"b\\c\n\t\u{1}é学🏫")
    #expect(status.protoJSON() == #"{"message":"a\"b\\c\n\t\u0001é学🏫"}"#)
  }

  @Test("Enums are names; unrecognized values are numbers; repeated fields are arrays")
  func enumsAndArrays() {
    var request = PublicMap.SearchMapSchoolsRequest()
    request.levels = [.committed, .unrecognized(99)]
    request.localAuthorityCodes = ["383", ""]
    #expect(
      request.protoJSON()
        == #"{"levels":["CHARTER_LEVEL_COMMITTED",99],"localAuthorityCodes":["383",""]}"#)
  }

  @Test("A oneof is written as its set member, even at a default value")
  func oneofs() {
    var event = Registry.RegistryEvent()
    event.payload = .personRemoved(Registry.PersonRemoved())
    #expect(event.protoJSON() == #"{"personRemoved":{}}"#)
    let grant = Registry.RoleGrant(role: .schoolAdmin, scope: .schoolUrn("107979"))
    #expect(grant.protoJSON() == #"{"role":"ROLE_SCHOOL_ADMIN","schoolUrn":"107979"}"#)
  }

  @Test(
    "Timestamps are RFC 3339 strings with 0, 3, 6 or 9 fractional digits",
    arguments: [
      (0, 0, "1970-01-01T00:00:00Z"),
      (1_231_839_000, 0, "2009-01-13T09:30:00Z"),
      (1_231_839_000, 500_000_000, "2009-01-13T09:30:00.500Z"),
      (1_231_839_000, 123_456_000, "2009-01-13T09:30:00.123456Z"),
      (1_231_839_000, 1, "2009-01-13T09:30:00.000000001Z"),
      (-1, 999_999_999, "1969-12-31T23:59:59.999999999Z"),
      (-62_135_596_800, 0, "0001-01-01T00:00:00Z"),
      (253_402_300_799, 0, "9999-12-31T23:59:59Z"),
      (951_782_400, 0, "2000-02-29T00:00:00Z"),
    ] as [(Int64, Int32, String)])
  func timestamps(seconds: Int64, nanos: Int32, expected: String) {
    let timestamp = Protobuf.Timestamp(seconds: seconds, nanos: nanos)
    #expect(timestamp.protoJSON() == "\"\(expected)\"")
    var school = Registry.School()
    school.createTime = timestamp
    #expect(school.protoJSON() == #"{"createTime":"\#(expected)"}"#)
  }
}
