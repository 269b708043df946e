public import RPCCore

/// A generated contract message: a `Sendable` value type with a protobuf encoding (through
/// protobuf-c) and a proto3 JSON form.
///
/// Every message in `proto/` gets a struct conforming to this protocol
/// (`Registry.School`, `Health.HealthCheckRequest`, …). Nothing outside the `Contracts` module
/// sees the protobuf-c structs behind it.
///
/// Decoding and encoding are strict about strings, because protobuf-c carries them as
/// NUL-terminated `char *` and checks nothing:
/// - ``RPCMessage/init(serializedBytes:)`` throws ``ContractDecodingError`` for bytes that are
///   not a valid message, and for a string field (at any depth) holding invalid UTF-8 or a NUL
///   byte, instead of returning a repaired or truncated string;
/// - ``RPCMessage/serializedBytes()`` throws ``ContractEncodingError`` for a string containing
///   U+0000, instead of silently truncating it.
public protocol ContractMessage: RPCMessage, Hashable, ProtoJSONEncodable {
  /// The fully qualified proto name, e.g. `charter.registry.v1.School`.
  static var protoMessageName: String { get }

  /// A message with every field at its default value.
  init()
}

/// A value with a proto3 JSON form (the canonical JSON mapping of the protobuf spec).
///
/// Keys are the fields' lowerCamel `json_name`s; fields at their default value are left out;
/// enums are written as their proto value names (numbers when unrecognized); 64-bit integers
/// as strings; bytes as padded base64; `google.protobuf.Timestamp` as an RFC 3339 string;
/// floating-point infinities and NaN as `"Infinity"`, `"-Infinity"`, `"NaN"`; a oneof as its set
/// member. Used by the CLI's `--json` output and checked against Python's `json_format`.
public protocol ProtoJSONEncodable {
  /// The proto3 JSON text of the value (compact, keys in field-number order).
  func protoJSON() -> String
}

/// A generated contract enum: the values the proto declares plus `unrecognized(Int32)`, so a
/// value added by a newer peer survives decoding and re-encoding unchanged.
public protocol ContractEnum: Sendable, Hashable, CaseIterable {
  /// The value for a wire number; numbers the proto does not declare are kept as unrecognized.
  init(rawValue: Int32)
  /// The wire number.
  var rawValue: Int32 { get }
  /// The proto value name (`SCHOOL_PHASE_PRIMARY`), or the decimal number when unrecognized.
  var protoName: String { get }
  /// Whether the proto declares this value.
  var isRecognized: Bool { get }
}
