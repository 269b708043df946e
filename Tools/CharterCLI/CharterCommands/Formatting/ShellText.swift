/// Text that is pasted back into a shell.
enum ShellText {
  /// `text` as one shell word: as it is when only safe characters occur, else single-quoted.
  static func quoted(_ text: String) -> String {
    let safe = text.unicodeScalars.allSatisfy { scalar in
      (scalar.value < 0x80 && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
        || "-_.=/+:,@%".unicodeScalars.contains(scalar)
    }
    if safe, !text.isEmpty { return text }
    return "'" + text.replacing("'", with: "'\\''") + "'"
  }
}
