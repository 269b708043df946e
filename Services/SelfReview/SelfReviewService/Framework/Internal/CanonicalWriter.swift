/// Writes content as a sequence of self-delimiting `name:kind:length:bytes;` records into an
/// FNV-1a hash, so that no two different contents serialise to the same bytes.
struct CanonicalWriter {
  var hash = FNV1a64()

  mutating func text(_ name: StaticString, _ value: String) {
    record(name, kind: "s", Array(value.utf8))
  }

  mutating func number(_ name: StaticString, _ value: Int) {
    record(name, kind: "i", Array(String(value).utf8))
  }

  mutating func count(_ name: StaticString, _ value: Int) {
    record(name, kind: "n", Array(String(value).utf8))
  }

  mutating func absent(_ name: StaticString) {
    record(name, kind: "-", [])
  }

  mutating func descriptors(_ name: StaticString, _ descriptors: [LevelDescriptor]) {
    count(name, descriptors.count)
    for descriptor in descriptors.sorted(by: { $0.level < $1.level }) {
      number("level", descriptor.level)
      text("text", descriptor.text)
    }
  }

  private mutating func record(_ name: StaticString, kind: Unicode.Scalar, _ bytes: [UInt8]) {
    name.withUTF8Buffer { hash.add($0) }
    hash.add([UInt8(ascii: ":"), UInt8(ascii: kind), UInt8(ascii: ":")])
    hash.add(Array(String(bytes.count).utf8))
    hash.add([UInt8(ascii: ":")])
    hash.add(bytes)
    hash.add([UInt8(ascii: ";")])
  }
}
