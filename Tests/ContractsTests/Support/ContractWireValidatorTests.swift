import Contracts
import RPCCore
import Testing

/// Bad input gives the typed error, never a crash or a silently damaged value.
@Suite("Decoding invalid input")
struct ContractWireValidatorTests {
  @Test(
    "Every truncation of every maximal sample decodes or throws ContractDecodingError",
    arguments: contractSampleSets)
  func truncatedMessages(set: ContractSampleSet) throws {
    let bytes = try set.samples[1].message.serializedBytes()
    var failures = 0
    for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
      do {
        _ = try decode(Array(bytes.prefix(length)), as: set.type)
      } catch is ContractDecodingError {
        failures += 1
      }
    }
    if bytes.count > 1 {
      #expect(failures > 0, "\(set.messageName): no truncation was rejected")
    }
  }

  @Test("Cutting a length-delimited field short is rejected as malformed")
  func truncatedStringField() throws {
    let bytes = try Registry.GetSchoolRequest(urn: "107979").serializedBytes()
    let error = #expect(throws: ContractDecodingError.self) {
      try Registry.GetSchoolRequest(serializedBytes: Array(bytes.dropLast()))
    }
    #expect(error?.reason == .malformed)
    #expect(error?.messageType == "charter.registry.v1.GetSchoolRequest")
  }

  @Test("Thousands of random buffers each decode or throw ContractDecodingError")
  func randomGarbage() {
    var random = SplitMix64(seed: 0x00C0_FFEE)
    var decoded = 0
    var rejected = 0
    for round in 0..<6_000 {
      let set = contractSampleSets[round % contractSampleSets.count]
      let length = Int(random.next() % 64)
      let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      do {
        let message = try decode(bytes, as: set.type)
        _ = try? message.serializedBytes()
        decoded += 1
      } catch is ContractDecodingError {
        rejected += 1
      } catch {
        Issue.record("\(set.messageName): unexpected error \(error)")
      }
    }
    #expect(decoded + rejected == 6_000)
    #expect(rejected > 1_000)
  }

  @Test("Randomly mutated valid encodings each decode or throw ContractDecodingError")
  func mutatedEncodings() throws {
    var random = SplitMix64(seed: 42)
    var outcomes = 0
    for set in contractSampleSets {
      for (_, sample) in set.samples.prefix(3) {
        let original = try sample.serializedBytes()
        guard !original.isEmpty else { continue }
        for _ in 0..<12 {
          var bytes = original
          for _ in 0..<(1 + Int(random.next() % 4)) {
            let index = Int(random.next() % UInt64(bytes.count))
            bytes[index] = UInt8(truncatingIfNeeded: random.next())
          }
          do {
            let message = try decode(bytes, as: set.type)
            // A decoded message only ever holds valid strings, so it encodes again.
            _ = try message.serializedBytes()
          } catch is ContractDecodingError {
          }
          outcomes += 1
        }
      }
    }
    #expect(outcomes > 2_000)
  }

  @Test(
    "A known field with the wrong wire type is rejected",
    arguments: [WireBuilder.WireType.varint, .fixed64, .fixed32])
  func wrongWireType(type: WireBuilder.WireType) {
    // Field 1 of GetSchoolRequest is the string `urn`.
    let bytes = WireBuilder.build { wire in
      wire.tag(1, type)
      switch type {
      case .varint: wire.varint(5)
      case .fixed64: wire.raw(Array(repeating: 1, count: 8))
      default: wire.raw([1, 2, 3, 4])
      }
    }
    #expect(throws: ContractDecodingError.self) {
      try Registry.GetSchoolRequest(serializedBytes: bytes)
    }
  }

  @Test("A message field with a varint wire type is rejected")
  func messageFieldWrongWireType() {
    // Field 3 of School is the PostalAddress message.
    let bytes = WireBuilder.build { $0.varintField(3, 1) }
    #expect(throws: ContractDecodingError.self) { try Registry.School(serializedBytes: bytes) }
  }

  @Test(
    "Groups, which protobuf-c does not support, are rejected",
    arguments: [WireBuilder.WireType.startGroup, .endGroup])
  func groups(type: WireBuilder.WireType) {
    let bytes = WireBuilder.build { $0.tag(99, type) }
    #expect(throws: ContractDecodingError.self) { try Registry.School(serializedBytes: bytes) }
  }

  @Test("Unknown fields are skipped")
  func unknownFieldsAreSkipped() throws {
    let bytes = WireBuilder.build { wire in
      wire.string(1, "107979")
      wire.varintField(1000, 7)
      wire.lengthDelimited(1001, [0xFF, 0x00, 0xC0])  // not a string field: never validated
      wire.tag(1002, .fixed32)
      wire.raw([1, 2, 3, 4])
    }
    #expect(try Registry.GetSchoolRequest(serializedBytes: bytes).urn == "107979")
  }

  static let invalidUTF8: [[UInt8]] = [
    [0xFF, 0xFE],  // never valid
    [0x41, 0xC3],  // truncated two-byte sequence
    [0xC0, 0xAF],  // overlong "/"
    [0xE0, 0x80, 0xAF],  // overlong three-byte form
    [0xED, 0xA0, 0x80],  // UTF-16 surrogate U+D800
    [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
    [0xF8, 0x88, 0x80, 0x80, 0x80],  // five-byte form
    Array("long ASCII prefix that uses the fast path ".utf8) + [0x80],  // lone continuation
  ]

  @Test(
    "A string field holding invalid UTF-8 is rejected, naming the field",
    arguments: invalidUTF8)
  func invalidUTF8InString(payload: [UInt8]) {
    let bytes = WireBuilder.build { $0.lengthDelimited(2, payload) }  // School.name
    let error = #expect(throws: ContractDecodingError.self) {
      try Registry.School(serializedBytes: bytes)
    }
    #expect(error?.reason == .invalidUTF8)
    #expect(error?.fieldPath == "name")
  }

  @Test(
    "A NUL byte in a string field is rejected instead of truncating it",
    arguments: [[0x00], Array("a\0b".utf8), Array("0123456789abcdef\0".utf8)])
  func nulInString(payload: [UInt8]) {
    let bytes = WireBuilder.build { $0.lengthDelimited(2, payload) }
    let error = #expect(throws: ContractDecodingError.self) {
      try Registry.School(serializedBytes: bytes)
    }
    #expect(error?.reason == .nulInString)
    #expect(error?.fieldPath == "name")
  }

  @Test("Bad strings deep inside nested and repeated messages are found, with their path")
  func nestedBadString() {
    // SchoolRegistered.school(1) -> School.address(3) -> PostalAddress.lines(1, repeated)
    let address = WireBuilder.build { wire in
      wire.string(1, "1 High Street")
      wire.lengthDelimited(1, [0x61, 0xFF])
    }
    let school = WireBuilder.build { wire in
      wire.string(1, "107979")
      wire.lengthDelimited(3, address)
    }
    let registered = WireBuilder.build { $0.lengthDelimited(1, school) }
    let event = WireBuilder.build { wire in
      wire.varintField(1, 7)
      wire.lengthDelimited(10, registered)  // oneof payload: school_registered
    }
    let error = #expect(throws: ContractDecodingError.self) {
      try Registry.RegistryEvent(serializedBytes: event)
    }
    #expect(error?.reason == .invalidUTF8)
    #expect(error?.fieldPath == "school_registered.school.address.lines")
    #expect(error?.messageType == "charter.registry.v1.RegistryEvent")
  }

  @Test(
    "Valid UTF-8 of every length class is accepted",
    arguments: ["", "a", "é", "学", "🏫", "a\u{7F}b", "مدرسة", "\u{10FFFF}", "\u{FFFD}"])
  func validUTF8(text: String) throws {
    let bytes = WireBuilder.build { $0.string(2, text) }
    #expect(try Registry.School(serializedBytes: bytes).name == text)
  }

  @Test("Unknown enum values survive as unrecognized and encode back unchanged")
  func unknownEnumValues() throws {
    let bytes = WireBuilder.build { wire in
      wire.varintField(4, 42)  // School.phase
    }
    let school = try Registry.School(serializedBytes: bytes)
    #expect(school.phase == .unrecognized(42))
    #expect(!school.phase.isRecognized)
    #expect(school.phase.protoName == "42")
    #expect(try school.serializedBytes() == bytes)

    let negative = Common.SchoolPhase(rawValue: -5)
    var request = PublicMap.SearchMapSchoolsRequest()
    request.phases = [.primary, negative, .unrecognized(1_000_000)]
    let decoded = try roundTrip(request)
    #expect(decoded.phases == [.primary, .unrecognized(-5), .unrecognized(1_000_000)])
    #expect(Common.SchoolPhase.unrecognized(2) == .primary)
  }
}

/// Encoding refuses what protobuf-c cannot carry.
@Suite("Encoding invalid values")
struct ContractEncodingTests {
  @Test("Encoding a string that contains U+0000 throws ContractEncodingError naming the field")
  func nulInStringThrows() {
    let school = Registry.School(urn: "107979", name: "St Mary\u{0}s")
    let error = #expect(throws: ContractEncodingError.self) { try school.serializedBytes() }
    #expect(error?.reason == .nulInString)
    #expect(error?.field == "name")
    #expect(error?.messageType == "charter.registry.v1.School")
  }

  @Test("A NUL in a nested repeated string is found too")
  func nestedNul() {
    var event = Registry.RegistryEvent()
    event.payload = .schoolRegistered(
      Registry.SchoolRegistered(
        school: Registry.School(address: Common.PostalAddress(lines: ["ok", "bad\u{0}"]))))
    let error = #expect(throws: ContractEncodingError.self) { try event.serializedBytes() }
    #expect(error?.field == "lines")
    #expect(error?.messageType == "charter.common.v1.PostalAddress")
  }

  @Test("NUL is fine in bytes fields")
  func nulInBytes() throws {
    let payload = GRPCTesting.Payload(type: .compressable, body: [0, 0, 1, 0])
    #expect(try roundTrip(payload) == payload)
  }
}
