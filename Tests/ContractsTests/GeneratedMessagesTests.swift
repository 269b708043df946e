import Contracts
import RPCCore
import Testing

/// Every message of every proto, through its generated Swift type and protobuf-c.
@Suite("Generated messages")
struct GeneratedMessagesTests {
  @Test("Every proto message has generated samples: empty, maximal and unicode")
  func everyMessageHasSamples() {
    #expect(contractSampleSets.count >= 150)
    for set in contractSampleSets {
      let names = set.samples.map(\.name)
      #expect(Array(names.prefix(3)) == ["empty", "maximal", "unicode"], "\(set.messageName)")
    }
  }

  @Test("Every sample survives encode then decode unchanged", arguments: contractSampleSets)
  func roundTripsEverySample(set: ContractSampleSet) throws {
    for (name, message) in set.samples {
      let decoded = try roundTrip(message)
      #expect(decoded.hashValue == message.hashValue, "\(set.messageName) \(name)")
      #expect(equal(decoded, message), "\(set.messageName) \(name)")
    }
  }

  @Test(
    "Encoding is deterministic and a re-encoded message has the same bytes",
    arguments: contractSampleSets)
  func encodingIsStable(set: ContractSampleSet) throws {
    for (name, message) in set.samples {
      let first = try message.serializedBytes()
      let second = try message.serializedBytes()
      #expect(first == second, "\(set.messageName) \(name)")
      let again = try decode(first, as: set.type).serializedBytes()
      #expect(again == first, "\(set.messageName) \(name)")
    }
  }

  @Test(
    "The empty sample encodes to no bytes and empty bytes decode to defaults",
    arguments: contractSampleSets)
  func emptyIsEmpty(set: ContractSampleSet) throws {
    let empty = set.type.init()
    #expect(try empty.serializedBytes().isEmpty, "\(set.messageName)")
    #expect(equal(try decode([], as: set.type), empty))
  }

  @Test("A large message (beyond the arena's stack block) round-trips")
  func largeMessageRoundTrips() throws {
    var response = Registry.ListSchoolsResponse()
    for index in 0..<2_000 {
      var school = Registry.School()
      school.urn = String(100_000 + index)
      school.name = "School \(index) — 学校 \(index)"
      school.address = Common.PostalAddress(lines: ["\(index) High Street"], postcode: "LS18 5RF")
      school.location = Common.GeoPoint(latitude: 53.8 + Double(index) / 1e4, longitude: -1.6)
      response.schools.append(school)
    }
    response.totalSize = 2_000
    let bytes = try response.serializedBytes()
    #expect(bytes.count > 100_000)
    #expect(try Registry.ListSchoolsResponse(serializedBytes: bytes) == response)
  }

  @Test(
    "NaN survives a round trip bit for bit",
    arguments: [Double.nan, -Double.nan, Double(bitPattern: 0x7FF8_0000_DEAD_BEEF)])
  func nanRoundTrips(value: Double) throws {
    let point = Common.GeoPoint(latitude: value, longitude: 1)
    let decoded = try roundTrip(point)
    #expect(decoded.latitude.bitPattern == value.bitPattern)
    #expect(point.protoJSON() == #"{"latitude":"NaN","longitude":1.0}"#)
  }

  @Test("A oneof string member set to the empty string is still set after a round trip")
  func emptyOneofMemberStaysSet() throws {
    let actor = Common.Actor(principal: .personId(""), displayName: "")
    #expect(try roundTrip(actor).principal == .personId(""))
    #expect(actor.protoJSON() == #"{"personId":""}"#)
  }
}

/// Compares two erased messages of the same type with their `==`.
func equal(_ lhs: any ContractMessage, _ rhs: any ContractMessage) -> Bool {
  func open<Message: ContractMessage>(_ lhs: Message) -> Bool {
    guard let rhs = rhs as? Message else { return false }
    return lhs == rhs
  }
  return open(lhs)
}
