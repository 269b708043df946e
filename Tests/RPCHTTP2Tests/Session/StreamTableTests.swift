import Testing

@testable import RPCHTTP2

@Suite("Stream table")
struct StreamTableTests {
  final class Box {
    let id: Int32
    init(_ id: Int32) { self.id = id }
  }

  @Test("streams are found, replaced and removed by id, across growth")
  func behavesLikeADictionary() {
    var table = StreamTable<Box>(capacity: 4)
    var reference: [Int32: Box] = [:]
    var rng = SystemRandomNumberGenerator()
    for step in 0..<20_000 {
      let id = Int32.random(in: 1...2001, using: &rng) | 1
      if step % 3 == 2 {
        #expect(table.remove(id) === reference.removeValue(forKey: id))
      } else {
        let box = Box(id)
        table.insert(box, for: id)
        reference[id] = box
      }
      #expect(table.count == reference.count)
    }
    for id in stride(from: Int32(1), through: 2001, by: 2) { #expect(table[id] === reference[id]) }
    table.removeAll()
    #expect(table.isEmpty && table[1] == nil)
  }
}
