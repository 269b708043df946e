public import Contracts

/// The words the `charter accreditation` commands use for the contract's enums: the
/// lower-case, hyphenated end of each proto value name (`AWARD_RESULT_HIGHLY_COMMENDED` is
/// `highly-commended`). Parsing also takes the full proto name and `_` for `-`, in any case.
public enum AccreditationSyntax {
  public static let refereeKinds: [(Accreditation.RefereeKind, String)] = [
    (.localAuthorityAdviser, "local-authority-adviser"), (.consultant, "consultant"), (.partner, "partner"),
  ]
  public static let cycleStates: [(Accreditation.AwardCycleState, String)] = [
    (.open, "open"), (.closed, "closed"), (.shortlisting, "shortlisting"), (.judgeVisits, "judge-visits"),
    (.results, "results"), (.published, "published"),
  ]
  public static let results: [(Accreditation.AwardResult, String)] = [
    (.entrant, "entrant"), (.shortlisted, "shortlisted"), (.notShortlisted, "not-shortlisted"),
    (.highlyCommended, "highly-commended"), (.runnerUp, "runner-up"), (.winner, "winner"),
  ]
  public static let kinds: [(Accreditation.CertificateKind, String)] = [
    (.committed, "committed"), (.recognised, "recognised"), (.ictMark, "ict-mark"),
    (.excellenceAward, "excellence-award"),
  ]
  public static let formats: [(Accreditation.CertificateFormat, String)] = [
    (.pdf, "pdf"), (.pngBadge, "png"), (.svgBadge, "svg"),
  ]

  /// The format a file name's extension asks for (`.pdf`, `.png`, `.svg`), or `nil`.
  public static func format(forFile path: String) -> Accreditation.CertificateFormat? {
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
    return EvaluationSyntax.value(String(path[path.index(after: dot)...]), in: formats, prefix: "certificate-format-")
  }

  /// A proto enum value as a word: its name without the enum's prefix, lower-case, hyphenated.
  public static func word(_ value: some ContractEnum, prefix: String) -> String {
    var name = value.protoName
    if name.hasPrefix(prefix) { name.removeFirst(prefix.count) }
    return name.lowercased().replacing("_", with: "-")
  }

  public static func level(_ value: Common.CharterLevel) -> String { word(value, prefix: "CHARTER_LEVEL_") }
  public static func result(_ value: Accreditation.AwardResult) -> String { word(value, prefix: "AWARD_RESULT_") }
  public static func state(_ value: Accreditation.RecognitionState) -> String {
    word(value, prefix: "RECOGNITION_STATE_")
  }
  public static func cycleState(_ value: Accreditation.AwardCycleState) -> String {
    word(value, prefix: "AWARD_CYCLE_STATE_")
  }
  public static func certificateStatus(_ value: Accreditation.CertificateStatus) -> String {
    word(value, prefix: "CERTIFICATE_STATUS_")
  }
  public static func verification(_ value: Accreditation.VerificationStatus) -> String {
    word(value, prefix: "VERIFICATION_STATUS_")
  }
}
