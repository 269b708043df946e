public import Contracts

/// How an evidence reference is written on the command line: `title|location|note`.
///
/// A rating's evidence is a list of references (what the evidence is, where to find it,
/// anything the assessor should know), given as one `--evidence` per reference. Only the title
/// is required: `"Governors' minutes"`, `"Governors' minutes|Head's office, file 3"`. The text
/// is split at the first two `|`, so a note may itself contain `|`; each part is trimmed.
public enum EvidenceSyntax {
  /// The reference `text` stands for.
  ///
  /// - Throws: ``EvidenceSyntaxError`` when the title is blank or a part is longer than the
  ///   self-review service accepts.
  public static func parse(_ text: String) throws(EvidenceSyntaxError)
    -> SelfReview.EvidenceReference
  {
    let parts = text.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
      .map(\.trimmingSpaces)
    let title = parts[0]
    let location = parts.count > 1 ? parts[1] : ""
    let note = parts.count > 2 ? parts[2] : ""
    guard !title.isEmpty else { throw .missingTitle(text) }
    for (part, value, limit) in [
      ("title", title, maximumTitleLength), ("location", location, maximumLocationLength),
      ("note", note, maximumNoteLength),
    ] where value.unicodeScalars.count > limit {
      throw .tooLong(part: part, length: value.unicodeScalars.count, limit: limit)
    }
    return SelfReview.EvidenceReference(title: title, location: location, note: note)
  }

  /// The `title|location|note` text of a reference, as ``parse(_:)`` reads it (empty trailing
  /// parts left out).
  public static func format(_ reference: SelfReview.EvidenceReference) -> String {
    var parts = [reference.title, reference.location, reference.note]
    while parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
    return parts.joined(separator: " | ")
  }

  /// The service's limits (in Unicode scalars), checked here so a typo costs no call.
  public static let maximumTitleLength = 200
  public static let maximumLocationLength = 2_048
  public static let maximumNoteLength = 1_000
}

/// Why an `--evidence` value was refused.
public enum EvidenceSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The part before the first `|` is blank.
  case missingTitle(String)
  /// A part is longer than the service accepts.
  case tooLong(part: String, length: Int, limit: Int)

  public var description: String {
    switch self {
    case .missingTitle(let text):
      "evidence \"\(text)\" has no title (expected title|location|note; only the title is "
        + "required)"
    case .tooLong(let part, let length, let limit):
      "the evidence \(part) has \(length) characters; at most \(limit) are allowed"
    }
  }
}
