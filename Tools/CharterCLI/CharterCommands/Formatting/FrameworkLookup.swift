internal import Contracts

// Finding elements and aspects of a framework by id, for the tables that show titles next to
// the ids the service answers with.

extension SelfReview.Framework {
  /// The element with `id`, if the framework has one.
  func element(id: String) -> SelfReview.Element? {
    elements.first { $0.elementId == id }
  }

  /// Every aspect, in framework order.
  var aspects: [SelfReview.Aspect] {
    elements.flatMap { $0.strands.flatMap(\.aspects) }
  }

  /// Aspect titles by aspect id.
  var aspectTitles: [String: String] {
    Dictionary(aspects.map { ($0.aspectId, $0.title) }, uniquingKeysWith: { first, _ in first })
  }
}

extension SelfReview.Element {
  /// The element's aspects, in framework order.
  var aspects: [SelfReview.Aspect] { strands.flatMap(\.aspects) }
}
