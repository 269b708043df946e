// Strict decoding for hand-written data: JSONDecoder ignores fields it does not know, so a typo
// such as "treshold" would silently fall back to the default threshold. Every document type
// decodes through `strictContainer(keyedBy:)`, which refuses unknown fields.

/// A field the format does not define, found while decoding.
struct UnexpectedFieldError: Error {
  var codingPath: [any CodingKey]
}

/// Any key, to list every key an object has.
private struct AnyCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int?

  init(stringValue: String) {
    self.stringValue = stringValue
    self.intValue = nil
  }

  init(intValue: Int) {
    self.stringValue = String(intValue)
    self.intValue = intValue
  }
}

extension Decoder {
  /// A keyed container that first checks the object has no field outside `Key`.
  ///
  /// - Throws: ``UnexpectedFieldError`` naming the first unknown field in name order.
  func strictContainer<Key: CodingKey & CaseIterable>(
    keyedBy type: Key.Type
  ) throws -> KeyedDecodingContainer<Key> {
    let everything = try container(keyedBy: AnyCodingKey.self)
    let known = Set(Key.allCases.map(\.stringValue))
    let unknown = everything.allKeys.filter { !known.contains($0.stringValue) }
    if let first = unknown.min(by: { $0.stringValue < $1.stringValue }) {
      throw UnexpectedFieldError(codingPath: codingPath + [first])
    }
    return try container(keyedBy: type)
  }
}

/// Renders a coding path as `elements[0].strands[1].aspects[2].threshold`.
func renderPath(_ codingPath: [any CodingKey]) -> String {
  var text = ""
  for key in codingPath {
    if let index = key.intValue,
      key.stringValue == String(index) || key.stringValue.hasPrefix("Index")
    {
      text += "[\(index)]"
    } else {
      text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
    }
  }
  return text
}
