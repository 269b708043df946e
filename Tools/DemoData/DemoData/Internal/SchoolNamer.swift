/// Makes plausible, varied English school names, unique within a local authority.
///
/// Each phase has its own weighted templates, because names follow phase closely: "Infant",
/// "Junior" and church dedications for primaries, "High School", "Community College", founders
/// and academy sponsors for secondaries, "Pupil Referral Unit" or "Short Stay School" for PRUs.
/// Authorities with middle schools also get first and upper schools.
struct SchoolNamer {
  /// The names already given in the authority being generated.
  private var taken: Set<String> = []

  /// How many draws to try before falling back to a name qualified by town and number.
  private static let attempts = 200

  /// A new name for a school, different from every name this namer has given so far.
  ///
  /// - Parameters:
  ///   - phase: The school's phase.
  ///   - town: The school's town, which some names include.
  ///   - threeTier: Whether the authority has first, middle and upper schools.
  ///   - random: The generator to draw from.
  /// - Returns: The name.
  mutating func name(
    for phase: SchoolPhase,
    town: String,
    threeTier: Bool,
    random: inout RandomSource
  ) -> String {
    let templates = Self.templates(for: phase, threeTier: threeTier, random: &random)
    var candidate = ""
    for _ in 0..<Self.attempts {
      candidate = templates.draw(town: town, random: &random)
      if taken.insert(candidate).inserted { return candidate }
    }
    // Only very large counts exhaust the templates; stay unique even then.
    var number = 2
    var fallback = "\(town) \(candidate)"
    while !taken.insert(fallback).inserted {
      fallback = "\(candidate) No. \(number)"
      number += 1
    }
    return fallback
  }

  private static func templates(
    for phase: SchoolPhase,
    threeTier: Bool,
    random: inout RandomSource
  ) -> TemplateSet {
    switch phase {
    case .nursery: nursery
    case .primary: threeTier && random.chance(0.45) ? first : primary
    case .middle: middle
    case .secondary: threeTier && random.chance(0.45) ? upper : secondary
    case .allThrough: allThrough
    case .special: special
    case .pru: pru
    }
  }

  private static let nursery = TemplateSet([
    NameTemplate("{stem} Nursery School", weight: 10),
    NameTemplate("{town} Nursery School", weight: 4),
    NameTemplate("{stem} House Nursery School", weight: 2),
    NameTemplate("{stem} Nursery School and Children's Centre", weight: 2),
    NameTemplate("{the} Nursery School", weight: 2),
    NameTemplate("{stem} Early Years Centre", weight: 1),
  ])

  private static let primary = TemplateSet([
    NameTemplate("{stem} Primary School", weight: 30),
    NameTemplate("{stem} Community Primary School", weight: 6),
    NameTemplate("{stem} Infant School", weight: 7),
    NameTemplate("{stem} Junior School", weight: 6),
    NameTemplate("{stem} Primary Academy", weight: 2),
    NameTemplate("{stem} Church of England Primary School", weight: 2),
    NameTemplate("{cofe} Church of England Primary School", weight: 10),
    NameTemplate("{cofe} CofE Primary School", weight: 6),
    NameTemplate("{cofe} C of E Infant School", weight: 2),
    NameTemplate("{cofe} CofE Junior School", weight: 1),
    NameTemplate("{rc} Catholic Primary School", weight: 7),
    NameTemplate("{rc} RC Primary School", weight: 3),
    NameTemplate("{rc} Roman Catholic Primary School", weight: 1),
    NameTemplate("{town} Primary School", weight: 6),
    NameTemplate("{town} Church of England Primary School", weight: 4),
    NameTemplate("{town} {cofe} CofE Primary School", weight: 2),
    NameTemplate("{town} Infant School", weight: 2),
    NameTemplate("{town} Junior School", weight: 2),
    NameTemplate("{town} Community Primary School", weight: 2),
    NameTemplate("{the} Primary School", weight: 2),
    NameTemplate("{stem} Park Primary School", weight: 1),
  ])

  /// First schools: the primaries of three-tier authorities.
  private static let first = TemplateSet([
    NameTemplate("{stem} First School", weight: 12),
    NameTemplate("{cofe} CofE First School", weight: 5),
    NameTemplate("{cofe} Church of England First School", weight: 3),
    NameTemplate("{rc} Catholic First School", weight: 2),
    NameTemplate("{town} First School", weight: 3),
    NameTemplate("{stem} Lower School", weight: 3),
    NameTemplate("{the} First School", weight: 1),
  ])

  private static let middle = TemplateSet([
    NameTemplate("{stem} Middle School", weight: 10),
    NameTemplate("{town} Middle School", weight: 4),
    NameTemplate("{cofe} CofE Middle School", weight: 3),
    NameTemplate("{rc} Catholic Middle School", weight: 1),
    NameTemplate("{stem} Middle Academy", weight: 1),
  ])

  private static let secondary = TemplateSet([
    NameTemplate("{stem} High School", weight: 14),
    NameTemplate("{stem} School", weight: 10),
    NameTemplate("{stem} Academy", weight: 10),
    NameTemplate("{stem} Community College", weight: 5),
    NameTemplate("{stem} College", weight: 4),
    NameTemplate("{stem} Technology College", weight: 3),
    NameTemplate("{stem} Sports College", weight: 2),
    NameTemplate("{stem} Language College", weight: 1),
    NameTemplate("{stem} Business and Enterprise College", weight: 1),
    NameTemplate("{town} High School", weight: 6),
    NameTemplate("{town} Grammar School", weight: 2),
    NameTemplate("{town} Academy", weight: 4),
    NameTemplate("{town} School", weight: 3),
    NameTemplate("{town} Community College", weight: 2),
    NameTemplate("{rc} Catholic High School", weight: 5),
    NameTemplate("{rc} Catholic School", weight: 3),
    NameTemplate("{cofe} Church of England High School", weight: 2),
    NameTemplate("{cofe} CofE Academy", weight: 1),
    NameTemplate("{bishop} Church of England School", weight: 1),
    NameTemplate("{bishop} Catholic School", weight: 1),
    NameTemplate("{cardinal} Catholic High School", weight: 1),
    NameTemplate("{cardinal} Catholic School", weight: 1),
    NameTemplate("{founder} School", weight: 2),
    NameTemplate("{founder} Grammar School", weight: 1),
    NameTemplate("{founder} Academy", weight: 1),
    NameTemplate("{sponsor} Academy {stem}", weight: 2),
    NameTemplate("{the} School", weight: 1),
  ])

  /// Upper schools: the secondaries of three-tier authorities.
  private static let upper = TemplateSet([
    NameTemplate("{stem} Upper School", weight: 6),
    NameTemplate("{town} Upper School", weight: 3),
    NameTemplate("{stem} High School", weight: 4),
    NameTemplate("{stem} Community College", weight: 2),
    NameTemplate("{founder} Upper School", weight: 1),
  ])

  private static let allThrough = TemplateSet([
    NameTemplate("{stem} Academy", weight: 6),
    NameTemplate("{stem} School", weight: 4),
    NameTemplate("{town} Academy", weight: 3),
    NameTemplate("{stem} College", weight: 2),
    NameTemplate("{stem} All-Through School", weight: 1),
    NameTemplate("{rc} Catholic School", weight: 2),
    NameTemplate("{founder} Academy", weight: 1),
    NameTemplate("{sponsor} Academy {stem}", weight: 2),
  ])

  private static let special = TemplateSet([
    NameTemplate("{stem} School", weight: 10),
    NameTemplate("{stem} Special School", weight: 6),
    NameTemplate("{stem} Community Special School", weight: 2),
    NameTemplate("{the} School", weight: 4),
    NameTemplate("{stem} House School", weight: 3),
    NameTemplate("{stem} Academy", weight: 2),
    NameTemplate("{stem} College", weight: 1),
    NameTemplate("{stem} Primary Special School", weight: 1),
    NameTemplate("{town} Special School", weight: 1),
  ])

  private static let pru = TemplateSet([
    NameTemplate("{stem} Pupil Referral Unit", weight: 6),
    NameTemplate("{the} Pupil Referral Unit", weight: 3),
    NameTemplate("{town} Pupil Referral Unit", weight: 3),
    NameTemplate("{stem} Centre", weight: 3),
    NameTemplate("{stem} Short Stay School", weight: 3),
    NameTemplate("{town} Short Stay School", weight: 2),
    NameTemplate("{stem} Education Centre", weight: 2),
    NameTemplate("{town} Tuition Service", weight: 2),
    NameTemplate("{stem} Learning Centre", weight: 2),
    NameTemplate("{the} Centre", weight: 1),
  ])
}

/// One phase's templates, with their weights gathered once for drawing.
struct TemplateSet {
  private let templates: [NameTemplate]
  private let weights: [Int]

  init(_ templates: [NameTemplate]) {
    self.templates = templates
    self.weights = templates.map(\.weight)
  }

  /// A name from a template chosen by weight.
  func draw(town: String, random: inout RandomSource) -> String {
    templates[random.index(weightedBy: weights)].render(town: town, random: &random)
  }
}

/// A school-name pattern such as `"{cofe} Church of England Primary School"`, with how often it
/// is used relative to the others of its phase.
struct NameTemplate {
  /// A piece of a name: fixed text, or a slot filled by a draw from ``NameVocabulary``.
  private enum Part {
    case text(String)
    /// `{stem}`: a place-like name, such as "Oakfield" or "Park View".
    case stem
    /// `{the}`: "The" and a house-like name, such as "The Beeches".
    case the
    /// `{town}`: the school's town.
    case town
    /// `{cofe}`: a Church of England dedication, such as "St Mary's".
    case anglican
    /// `{rc}`: a Catholic dedication, such as "Our Lady of Lourdes".
    case catholic
    case founder
    case bishop
    case cardinal
    case sponsor
  }

  let weight: Int
  private let parts: [Part]

  /// Parses a pattern; an unknown `{slot}` is a programming error and traps.
  init(_ pattern: String, weight: Int) {
    self.weight = weight
    var parts: [Part] = []
    var rest = Substring(pattern)
    while let open = rest.firstIndex(of: "{") {
      guard let close = rest[open...].firstIndex(of: "}") else {
        preconditionFailure("unclosed slot in \"\(pattern)\"")
      }
      if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
      switch rest[rest.index(after: open)..<close] {
      case "stem": parts.append(.stem)
      case "the": parts.append(.the)
      case "town": parts.append(.town)
      case "cofe": parts.append(.anglican)
      case "rc": parts.append(.catholic)
      case "founder": parts.append(.founder)
      case "bishop": parts.append(.bishop)
      case "cardinal": parts.append(.cardinal)
      case "sponsor": parts.append(.sponsor)
      case let slot: preconditionFailure("unknown slot {\(slot)} in \"\(pattern)\"")
      }
      rest = rest[rest.index(after: close)...]
    }
    if !rest.isEmpty { parts.append(.text(String(rest))) }
    self.parts = parts
  }

  /// A name made from the pattern, with each slot filled by a fresh draw.
  func render(town: String, random: inout RandomSource) -> String {
    var name = ""
    for part in parts {
      switch part {
      case .text(let text): name += text
      case .stem: name += Self.stem(random: &random)
      case .the:
        name += "The "
        name +=
          random.chance(0.75)
          ? random.element(of: NameVocabulary.plurals)
          : random.element(of: NameVocabulary.theSingulars)
      case .town: name += town
      case .anglican: name += random.commonFirst(of: NameVocabulary.anglicanDedications)
      case .catholic: name += random.commonFirst(of: NameVocabulary.catholicDedications)
      case .founder: name += random.element(of: NameVocabulary.founders)
      case .bishop: name += random.element(of: NameVocabulary.bishops)
      case .cardinal: name += random.element(of: NameVocabulary.cardinals)
      case .sponsor: name += random.element(of: NameVocabulary.sponsors)
      }
    }
    return name
  }

  /// A place-like name: mostly a compound ("Ash" + "brook"), otherwise a listed one.
  private static func stem(random: inout RandomSource) -> String {
    guard random.chance(0.6) else { return random.element(of: NameVocabulary.stems) }
    while true {
      let start = random.element(of: NameVocabulary.stemStarts)
      let end = random.element(of: NameVocabulary.stemEnds)
      if start.lowercased() != end { return start + end }
    }
  }
}
