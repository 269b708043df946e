import Contracts
import RPCCore
import Testing

/// A message type whose generated fixtures provide deterministic samples (see
/// `Generated/*+Samples.swift`): at least `empty`, `maximal` and `unicode`, plus one sample per
/// further oneof member.
protocol ContractSampleProviding: ContractMessage {
  static var contractSamples: [(name: String, value: Self)] { get }
}

/// One message type with its samples, as a test argument.
struct ContractSampleSet: Sendable, CustomTestStringConvertible {
  let messageName: String
  let type: any ContractMessage.Type
  let samples: [(name: String, message: any ContractMessage)]

  init<Message: ContractSampleProviding>(_ type: Message.Type) {
    self.messageName = Message.protoMessageName
    self.type = type
    self.samples = Message.contractSamples.map { ($0.name, $0.value as any ContractMessage) }
  }

  var testDescription: String { messageName }
}

/// An RPC as the descriptor set declares it, next to its generated descriptor.
struct ExpectedMethod: Sendable, CustomTestStringConvertible {
  let path: String
  let clientStreaming: Bool
  let serverStreaming: Bool
  /// `IDEMPOTENCY_UNKNOWN`, `NO_SIDE_EFFECTS` or `IDEMPOTENT`.
  let idempotencyLevel: String
  let descriptor: MethodDescriptor

  var testDescription: String { path }
}

/// A generated service with a stub implementation registered through its generated glue.
struct GeneratedService: Sendable, CustomTestStringConvertible {
  let name: String
  let methods: [MethodDescriptor]
  let register: @Sendable (inout RPCRouter) -> Void

  var testDescription: String { name }
}

/// Encodes and decodes `message` through its own type.
func roundTrip<Message: ContractMessage>(_ message: Message) throws -> Message {
  try Message(serializedBytes: try message.serializedBytes())
}

/// Decodes `bytes` as the type of `message` and compares with it.
func decodes<Message: ContractMessage>(_ bytes: [UInt8], toSameValueAs message: Message) throws
  -> Bool
{
  try Message(serializedBytes: bytes) == message
}

/// Decodes `bytes` as `type`, erased.
func decode(_ bytes: [UInt8], as type: any ContractMessage.Type) throws -> any ContractMessage {
  try type.init(serializedBytes: bytes)
}

/// A small deterministic random number generator (SplitMix64), so fuzz runs are reproducible.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// The tail of every string in the generated maximal samples (about 1 KB).
let sampleLongTail = String(repeating: "0123456789abcdefghijklmnopqrstuvwxyz", count: 30)
