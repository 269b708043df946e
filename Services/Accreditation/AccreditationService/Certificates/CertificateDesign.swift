import CharterValues

/// What a certificate and its badge say and how they look, per level: the Charter's four logos
/// were of near-identical design in different colours, so each level here has its colour, its
/// wording and its number of stars, and everything else is shared.
struct CertificateDesign {
  let facts: CertificateFacts

  /// The level's colour and a lighter tint of it.
  var colour: CairoCanvas.Colour {
    switch facts.kind {
    case .committed: CairoCanvas.Colour(hex: 0x00_6D_77)
    case .recognised: CairoCanvas.Colour(hex: 0x1F_4E_9C)
    case .ictMark: CairoCanvas.Colour(hex: 0x6A_2C_91)
    case .excellence: CairoCanvas.Colour(hex: 0x9A_6B_00)
    }
  }

  var accent: CairoCanvas.Colour {
    switch facts.kind {
    case .committed: CairoCanvas.Colour(hex: 0xD9_EF_EE)
    case .recognised: CairoCanvas.Colour(hex: 0xDD_E7_F6)
    case .ictMark: CairoCanvas.Colour(hex: 0xEB_DF_F3)
    case .excellence: CairoCanvas.Colour(hex: 0xF6_EA_C8)
    }
  }

  /// Stars for the levels reached: gold, or white on level 4's gold.
  var star: CairoCanvas.Colour { facts.kind == .excellence ? .white : Self.gold }

  /// The award result's label on the badge.
  var resultColour: CairoCanvas.Colour { facts.kind == .excellence ? Self.paper : Self.gold }

  static let ink = CairoCanvas.Colour(hex: 0x1E_1E_24)
  static let muted = CairoCanvas.Colour(hex: 0x5A_5A_66)
  static let paper = CairoCanvas.Colour(hex: 0xFD_FB_F5)
  static let gold = CairoCanvas.Colour(hex: 0xD4_A0_17)

  /// "Level 2 of the Next Generation Learning Charter".
  var levelLine: String { "Level \(facts.level.rawValue) of the Next Generation Learning Charter" }

  /// The badge's title, in lines: "Recognised" / "for ICT" / "2009".
  var badgeTitleLines: [String] {
    switch facts.kind {
    case .committed: ["Committed", "to ICT"]
    case .recognised: ["Recognised", "for ICT", String(facts.year)]
    case .ictMark: ["ICT Mark", "Accredited"]
    case .excellence: ["ICT", "Excellence", "Award \(facts.year)"]
    }
  }

  /// What the level means, after the school's name.
  var citation: String {
    switch facts.kind {
    case .committed:
      "has committed to the Next Generation Learning Charter: to review its use of technology with the ICT "
        + "self-review framework and to work towards the ICT Mark within three years."
    case .recognised:
      "is Recognised for ICT: its self-review shows leadership and management and at least two other elements "
        + "at the national standard, confirmed by an independent referee."
    case .ictMark:
      "holds the ICT Mark: an independent assessor found that its leadership, curriculum, teaching, assessment, "
        + "professional development, resources and impact on learners meet the national standard."
    case .excellence:
      "is \(resultPhrase) in the ICT Excellence Awards \(facts.year)"
        + (facts.awardCategory.isEmpty ? "" : ", \(facts.awardCategory),")
        + " for whole-school excellence in the use of technology."
    }
  }

  /// "the winner", "runner-up", "highly commended", "shortlisted", "an entrant".
  private var resultPhrase: String {
    switch facts.awardResult ?? .entrant {
    case .winner: "the winner"
    case .runnerUp: "runner-up"
    case .highlyCommended: "highly commended"
    case .shortlisted: "shortlisted"
    case .entrant, .notShortlisted: "an entrant"
    }
  }

  /// The result as the badge shows it; empty except for Excellence Awards.
  var resultLabel: String {
    guard facts.kind == .excellence, let result = facts.awardResult else { return "" }
    return result.title
  }

  /// The dates, in words: "Recognised on 14 January 2009 · valid until 13 January 2012".
  var datesLine: String {
    let from = Self.longDate(facts.validFrom)
    let until = facts.validUntil.map(Self.longDate)
    switch facts.kind {
    case .committed: return "Committed on \(from)"
    case .recognised: return "Recognised on \(from)" + (until.map { " · valid until \($0)" } ?? "")
    case .ictMark: return "Awarded on \(from)" + (until.map { " · valid until \($0)" } ?? "")
    case .excellence: return "Result announced on \(from)"
    }
  }

  /// `14 January 2009`.
  static func longDate(_ time: UTCTime) -> String {
    let months = [
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
      "December",
    ]
    let date = time.date
    return "\(date.day) \(months[date.month - 1]) \(date.year)"
  }
}
