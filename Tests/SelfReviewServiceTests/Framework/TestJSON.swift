/// A JSON value for building framework data in tests: objects keep their key order, so a test
/// can serialise the same content with keys in another order, and nested values can be changed
/// in place (`document["elements"][0]["id"] = "E9"`).
enum TestJSON: Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
  case object([(key: String, value: TestJSON)])
  case array([TestJSON])
  case string(String)
  case number(Int)
  case null

  init(stringLiteral value: String) { self = .string(value) }
  init(integerLiteral value: Int) { self = .number(value) }
  init(arrayLiteral elements: TestJSON...) { self = .array(elements) }
  init(dictionaryLiteral elements: (String, TestJSON)...) {
    self = .object(elements.map { (key: $0.0, value: $0.1) })
  }
  init(nilLiteral: ()) { self = .null }

  static func == (lhs: TestJSON, rhs: TestJSON) -> Bool {
    lhs.serialised() == rhs.serialised()
  }

  subscript(key: String) -> TestJSON {
    get {
      guard case .object(let members) = self else { return .null }
      return members.first { $0.key == key }?.value ?? .null
    }
    set {
      guard case .object(var members) = self else { preconditionFailure("not an object") }
      if let index = members.firstIndex(where: { $0.key == key }) {
        members[index].value = newValue
      } else {
        members.append((key, newValue))
      }
      self = .object(members)
    }
  }

  subscript(index: Int) -> TestJSON {
    get {
      guard case .array(let items) = self else { return .null }
      return items[index]
    }
    set {
      guard case .array(var items) = self else { preconditionFailure("not an array") }
      items[index] = newValue
      self = .array(items)
    }
  }

  /// Removes a member of an object.
  mutating func remove(_ key: String) {
    guard case .object(let members) = self else { preconditionFailure("not an object") }
    self = .object(members.filter { $0.key != key })
  }

  /// Appends to an array.
  mutating func append(_ item: TestJSON) {
    guard case .array(var items) = self else { preconditionFailure("not an array") }
    items.append(item)
    self = .array(items)
  }

  /// The JSON text; `reversingKeys` writes every object's members in reverse order.
  func serialised(reversingKeys: Bool = false) -> String {
    switch self {
    case .object(let members):
      let ordered = reversingKeys ? members.reversed() : members
      return "{"
        + ordered.map {
          "\(TestJSON.quote($0.key)): \($0.value.serialised(reversingKeys: reversingKeys))"
        }
        .joined(separator: ", ") + "}"
    case .array(let items):
      return "[" + items.map { $0.serialised(reversingKeys: reversingKeys) }.joined(separator: ", ")
        + "]"
    case .string(let text):
      return TestJSON.quote(text)
    case .number(let number):
      return String(number)
    case .null:
      return "null"
    }
  }

  private static func quote(_ text: String) -> String {
    var quoted = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": quoted += "\\\""
      case "\\": quoted += "\\\\"
      case "\n": quoted += "\\n"
      default: quoted.unicodeScalars.append(scalar)
      }
    }
    return quoted + "\""
  }
}
