public import Contracts

/// The words operators and import files use for a school's phase of education.
///
/// The short names are the demo data's (`primary`, `all-through`, `pru`); the DfE's own
/// wording ("Middle deemed secondary", "Pupil referral unit") and the proto value names
/// (`SCHOOL_PHASE_PRIMARY`) are accepted too, so files exported from elsewhere import as they
/// are.
public enum SchoolPhaseSyntax {
  /// Each declared phase (except UNSPECIFIED) with its short name, in proto order.
  public static let phaseNames: [(phase: Common.SchoolPhase, name: String)] = [
    (.nursery, "nursery"),
    (.primary, "primary"),
    (.middle, "middle"),
    (.secondary, "secondary"),
    (.allThrough, "all-through"),
    (.special, "special"),
    (.pupilReferralUnit, "pru"),
  ]

  private static let aliases: [String: Common.SchoolPhase] = [
    "middle-deemed-primary": .middle,
    "middle-deemed-secondary": .middle,
    "allthrough": .allThrough,
    "pupil-referral-unit": .pupilReferralUnit,
  ]

  /// The phase a word stands for, ignoring case, spaces or `_` for `-`, and a
  /// `school-phase-` prefix; `nil` when it names none.
  public static func phase(named text: String) -> Common.SchoolPhase? {
    var name = text.trimmingSpaces.lowercased()
      .replacing("_", with: "-").replacing(" ", with: "-")
    if name.hasPrefix("school-phase-") { name.removeFirst("school-phase-".count) }
    if let match = phaseNames.first(where: { $0.name == name }) { return match.phase }
    return aliases[name]
  }

  /// The short name of `phase`; `unspecified` or `phase-N` for values with none.
  public static func name(of phase: Common.SchoolPhase) -> String {
    if phase == .unspecified { return "unspecified" }
    return phaseNames.first { $0.phase == phase }?.name ?? "phase-\(phase.rawValue)"
  }

  /// The short names, for help texts and error messages.
  public static var allNames: String {
    let names = phaseNames.map(\.name)
    return names.dropLast().joined(separator: ", ") + " or " + names.last!
  }
}
