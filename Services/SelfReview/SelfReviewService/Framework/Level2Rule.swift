/// The Charter level 2 ("Recognised for ICT") test of a framework, kept as data.
///
/// A school was recognised once leadership and management and two other elements reached the
/// ICT Mark threshold. The element and the count live in the framework data so that a revised
/// framework can name different ones without a code change.
public struct Level2Rule: Sendable, Hashable {
  /// The element that must be at the national standard ("E1", leadership and management).
  public let requiredElementId: String
  /// How many other elements must also be at the national standard.
  public let additionalElementsMin: Int

  /// Whether the rule holds, given which elements are at the national standard.
  ///
  /// - Parameter elementsAtStandard: The ids of the elements at the national standard.
  /// - Returns: `true` when the required element is among them and at least
  ///   ``additionalElementsMin`` others are too.
  public func holds(elementsAtStandard: some Sequence<String>) -> Bool {
    let atStandard = Set(elementsAtStandard)
    guard atStandard.contains(requiredElementId) else { return false }
    return atStandard.count - 1 >= additionalElementsMin
  }
}
