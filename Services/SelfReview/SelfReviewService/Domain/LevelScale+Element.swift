extension LevelScale {
  /// Whether every aspect of `element` meets its threshold at `levels` (by aspect id): the
  /// element rule of ``ReviewStanding`` on its own, cheap enough to ask on every rating.
  func elementMeets(_ element: Element, levels: [String: Int]) -> Bool {
    element.aspects.allSatisfy { meets(level: levels[$0.id], threshold: $0.thresholdLevel) }
  }
}
