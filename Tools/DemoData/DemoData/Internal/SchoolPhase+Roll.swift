extension SchoolPhase {
  /// Size bands for the phase's number on roll, with how often each occurs.
  ///
  /// Bands rather than one smooth curve, because real roll sizes cluster around forms of entry:
  /// a one-form-entry primary has about 210 pupils, a two-form one about 420, and small rural
  /// primaries pull the bottom end down. The primary bands average about 250 pupils and the
  /// secondary ones about 1,000.
  var rollBands: [(range: ClosedRange<Int>, weight: Int)] {
    switch self {
    case .nursery: [(40...80, 1), (70...120, 2), (100...150, 1)]
    case .primary:
      [(50...120, 20), (150...240, 40), (250...330, 15), (340...460, 18), (480...700, 7)]
    case .middle: [(200...350, 1), (300...500, 2), (450...600, 1)]
    case .secondary:
      [(400...700, 15), (700...1000, 35), (1000...1300, 30), (1300...1600, 14), (1600...2000, 6)]
    case .allThrough: [(600...1100, 1), (1000...1600, 2), (1500...2500, 1)]
    case .special: [(30...90, 2), (70...160, 3), (140...250, 1)]
    case .pru: [(10...35, 2), (25...55, 2), (45...80, 1)]
    }
  }

  /// A number on roll for a school of this phase: a band by weight, then a triangular draw
  /// within it (the mean of two uniform draws), which peaks mid-band.
  func numberOnRoll(random: inout RandomSource) -> Int {
    let bands = rollBands
    let band = bands[random.index(weightedBy: bands.map(\.weight))].range
    let span = band.upperBound - band.lowerBound + 1
    return band.lowerBound + (random.below(span) + random.below(span)) / 2
  }
}
