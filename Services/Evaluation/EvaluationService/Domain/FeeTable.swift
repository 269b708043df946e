public import CharterValues

/// A published ICT Mark fee table, kept as versioned data: an application records the version
/// its fee came from, a table is never edited once published, and a new one is added with the
/// day it takes effect.
///
/// Fees are in pence, excluding VAT. A `nil` fee is "price on application" (all-through
/// schools and multi-site federations).
public struct FeeTable: Sendable, Hashable {
  /// The table's id, recorded on every application priced with it: `naace-2011`.
  public let version: String
  /// The first day it applies.
  public let effectiveFrom: CalendarDate
  /// Where the figures come from.
  public let source: String
  /// A full assessment (standard, streamlined, renewal with visit), by band.
  public let assessment: [SizeBand: Int]
  /// A renewal without visit, by band.
  public let renewalWithoutVisit: [SizeBand: Int]

  /// The fee for a route and band, in pence; `nil` means price on application.
  public func fee(route: ApplicationRoute, band: SizeBand) -> Int? {
    route == .renewalWithoutVisit ? renewalWithoutVisit[band] : assessment[band]
  }

  /// Naace's fees from 2011, plus VAT (CHARTER-DOMAIN.md §3): £400 for a primary under 100
  /// pupils, £550 for a larger primary, £650 for a secondary; renewal without visit £295, £345
  /// and £395; all-through schools and federations on application.
  public static let naace2011 = FeeTable(
    version: "naace-2011", effectiveFrom: CalendarDate(year: 2011, month: 5, day: 1)!,
    source: "https://www.naace.co.uk/school-improvement/ict-mark/costs/ (as of 2011)",
    assessment: [.smallPrimary: 40_000, .largePrimary: 55_000, .secondary: 65_000],
    renewalWithoutVisit: [.smallPrimary: 29_500, .largePrimary: 34_500, .secondary: 39_500])

  /// Every published table, oldest first.
  public static let published: [FeeTable] = [naace2011]

  /// The table in force on a day: the latest that took effect by then (the first table for
  /// days before any took effect, so old dates in demo data still price).
  public static func inForce(on day: CalendarDate) -> FeeTable {
    published.last { $0.effectiveFrom <= day } ?? published[0]
  }
}
