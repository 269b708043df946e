/// Label–value lines (`Name  Horsforth School`), the human form of one record.
struct LabelledLines {
  private var entries: [(label: String, value: String)] = []

  mutating func add(_ label: String, _ value: String) { entries.append((label, value)) }

  /// Values start in one column; a multi-line value's further lines are indented to it.
  func render() -> [String] {
    let width = entries.map(\.label.count).max() ?? 0
    var lines: [String] = []
    for (label, value) in entries {
      let valueLines = value.split(separator: "\n", omittingEmptySubsequences: false)
      let pad = String(repeating: " ", count: width - label.count + 2)
      lines.append(label + pad + (valueLines.first.map(String.init) ?? ""))
      for more in valueLines.dropFirst() {
        lines.append(String(repeating: " ", count: width + 2) + more)
      }
    }
    return lines
  }
}
