/// Where one element of a review stands: is it at the national standard, and how far off.
///
/// The element is the unit of the Charter and the ICT Mark: an element is at the national
/// standard when every one of its aspects meets its threshold.
public struct ElementStanding: Sendable, Hashable {
  /// The element.
  public let elementId: String
  /// Whether every aspect in it meets its threshold.
  public let atNationalStandard: Bool
  /// How many of its aspects meet their threshold.
  public let aspectsMet: Int
  /// How many aspects it has.
  public let aspectsTotal: Int
  /// How many of its aspects are rated.
  public let aspectsRated: Int
  /// The aspects that do not meet their threshold (unrated ones included), in framework order.
  public let aspectsBelowThreshold: [String]
  /// Whether every aspect in it has non-blank commentary.
  public let commentaryComplete: Bool
}
