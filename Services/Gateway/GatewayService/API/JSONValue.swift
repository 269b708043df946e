import Contracts

/// A JSON document the gateway writes: objects keep their key order (so responses, ETags and
/// the OpenAPI document are byte-for-byte stable), strings are escaped by the platform's one
/// escaper (`JSONString`).
public indirect enum JSONValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{
  case object([(String, JSONValue)])
  case array([JSONValue])
  case string(String)
  case integer(Int)
  case number(Double)
  case bool(Bool)
  case null

  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .integer(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }

  public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized == b.serialized }
  public func hash(into hasher: inout Hasher) { hasher.combine(serialized) }

  /// The compact JSON text.
  public var serialized: String {
    var text = ""
    write(to: &text)
    return text
  }

  func write(to text: inout String) {
    switch self {
    case .object(let members):
      text += "{"
      for (index, (key, value)) in members.enumerated() {
        if index > 0 { text += "," }
        text += JSONString.quoted(key)
        text += ":"
        value.write(to: &text)
      }
      text += "}"
    case .array(let items):
      text += "["
      for (index, item) in items.enumerated() {
        if index > 0 { text += "," }
        item.write(to: &text)
      }
      text += "]"
    case .string(let value): text += JSONString.quoted(value)
    case .integer(let value): text += String(value)
    case .number(let value): text += value.isFinite ? "\(value)" : "null"
    case .bool(let value): text += value ? "true" : "false"
    case .null: text += "null"
    }
  }
}
